"""Operating the service safely: the test suite leaves real stores alone; the schema migrates
itself at start-up (once, however many instances start), or the service says what to run."""
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from api import repository
from api.database import Database
from api.migrate import downgrade, head_revision, upgrade
from conftest import build_event, report
from tests.test_integration_server import NEW_KEY, gunicorn, live_server  # noqa: F401  (shared gunicorn)

ROOT = Path(__file__).resolve().parents[1]
TEXT = "استقبل رئيس المجلس الرئاسي محمد المنفي في طرابلس اليوم وزير الخارجية التونسي عثمان الجرندي."


def populated_store(folder: Path) -> str:
    """An SQLite store with one article in it, closed cleanly (no WAL file left)."""
    url = f"sqlite:///{folder / 'events.sqlite3'}"
    database = Database(url)
    upgrade(database)
    event = build_event(TEXT, trigger="استقبل", participants=[("محمد المنفي", "LBY"), ("عثمان الجرندي", "TUN")],
                        location=("طرابلس", "LBY"), time=("اليوم", "2021-03-10"))
    article = repository.ArticleInput(text=TEXT, published_at=dt.date(2021, 3, 10),
                                      url="https://www.example.com/news/2021/03/10/menfi-jerandi")
    _, created = repository.store_article(database, article, [event], "test")
    assert created
    database.engine.dispose()
    return url


def snapshot(folder: Path) -> dict:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_the_suite_leaves_the_store_named_by_DATABASE_URL_unchanged(tmp_path):
    store = tmp_path / "operator"
    store.mkdir()
    url = populated_store(store)
    before = snapshot(store)
    assert list(before) == ["events.sqlite3"]

    # Tests that drop tables, write, delete and start gunicorn, with an operator's DATABASE_URL
    # exported; TEST_DATABASE_URL unset (the outer session may be using it).
    env = {key: value for key, value in os.environ.items() if key != "TEST_DATABASE_URL"}
    env["DATABASE_URL"] = url
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_storage.py",
         "tests/test_integration_server.py::test_writes_need_a_key_over_http"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and " failed" not in done.stdout

    assert snapshot(store) == before


# --- the schema takes care of itself ------------------------------------------

@pytest.fixture
def fresh_database_url(database_url, tmp_path):
    """A new, empty database on the session's backend: an SQLite file, or a PostgreSQL
    database created next to the session's (dropped afterwards)."""
    if make_url(database_url).get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    name = f"events_fresh_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def post_article(server, text, url):
    return requests.post(server.url + "/events", json={"text": text, "url": url, "published_at": "2021-03-10"},
                         timeout=60)


def test_instances_started_together_on_an_empty_database_migrate_it_once(fresh_database_url, tmp_path):
    with ExitStack() as stack:
        # Both masters load the app (and migrate) at the same moment.
        starting = [threading.Thread(target=lambda n=n: servers.append(stack.enter_context(
            gunicorn(fresh_database_url, tmp_path / f"server{n}.log", WEB_CONCURRENCY="1"))))
            for n in range(2)]
        servers = []
        for thread in starting:
            thread.start()
        for thread in starting:
            thread.join(timeout=120)
        assert len(servers) == 2

        for server in servers:
            health = requests.get(server.url + "/health", timeout=10).json()
            assert health["status"] == "ok"
            assert health["database"]["schema_revision"] == health["database"]["expected_revision"] == head_revision()
        first = post_article(servers[0], TEXT, "https://www.example.com/ops/first")
        again = post_article(servers[1], TEXT, "https://www.example.com/ops/first")
        assert (first.status_code, again.status_code) == (201, 200)
        assert again.json()["article"]["id"] == first.json()["article"]["id"]

    database = Database(fresh_database_url)
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [head_revision()]
    database.engine.dispose()
    migrated = [json.loads(line) for server_log in tmp_path.glob("server*.log")
                for line in server_log.read_text().splitlines() if '"schema migrated"' in line]
    assert [(m["from"], m["to"]) for m in migrated] == [(None, head_revision())]


def test_without_auto_migrate_storage_is_503_until_migrated_and_database_errors_are_logged(
        fresh_database_url, tmp_path):
    log_path = tmp_path / "server.log"
    with gunicorn(fresh_database_url, log_path, healthy=503, AUTO_MIGRATE="0", WEB_CONCURRENCY="1") as server:
        health = requests.get(server.url + "/health", timeout=10)
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
        assert health.json()["database"] == {"reachable": True, "backend": make_url(fresh_database_url).get_backend_name(),
                                             "schema_revision": None, "expected_revision": head_revision()}
        for response in (post_article(server, TEXT, "https://www.example.com/ops/refused"),
                         requests.get(server.url + "/events", timeout=10),
                         requests.get(server.url + "/people/1", timeout=10)):
            assert response.status_code == 503
            assert response.headers["Content-Type"] == "application/problem+json"
            detail = response.json()["detail"]
            assert "revision none" in detail and f"revision {head_revision()}" in detail
            assert "python -m api.migrate" in detail
        extracted = requests.post(server.url + "/extract", json={"text": TEXT}, timeout=60)
        assert extracted.status_code == 200  # extraction needs no database

        migrate = subprocess.run([sys.executable, "-m", "api.migrate"], cwd=ROOT, capture_output=True, text=True,
                                 env={**os.environ, "DATABASE_URL": fresh_database_url}, timeout=120)
        assert migrate.returncode == 0, migrate.stderr
        assert requests.get(server.url + "/health", timeout=10).status_code == 200
        assert post_article(server, TEXT, "https://www.example.com/ops/stored").status_code == 201

        # A table lost under a running service: the log names the error, never the article.
        database = Database(fresh_database_url)
        with database.engine.begin() as connection:
            connection.execute(text("DROP TABLE event_reports"))
        database.engine.dispose()
        secret_title = "عنوان سري لا يكتب في السجل"
        failed = requests.post(server.url + "/events", timeout=60, json={
            "text": "التقى وزير الدفاع التركي خلوصي أكار في أنقرة اليوم رئيس الأركان الليبي.",
            "title": secret_title, "published_at": "2021-03-11"})
        assert failed.status_code == 500 and failed.headers["Content-Type"] == "application/problem+json"
        time.sleep(0.3)
    errors = [json.loads(line) for line in log_path.read_text().splitlines()
              if line.startswith("{") and '"api.errors"' in line]
    (logged,) = [e for e in errors if e.get("request_id") == failed.headers["X-Request-ID"]]
    assert logged["error"] in ("OperationalError", "ProgrammingError")
    assert "event_reports" in logged["message"]
    assert "خلوصي" not in log_path.read_text() and secret_title not in log_path.read_text()


# --- ids are never reused -----------------------------------------------------

def test_deleted_ids_are_never_given_again_over_http(live_server, empty_database):
    headers = {"X-API-Key": NEW_KEY}

    def post(url):
        response = requests.post(live_server.url + "/events", headers=headers, timeout=60, json={
            "text": TEXT, "url": url, "published_at": "2021-03-10"})
        assert response.status_code == 201
        (event,) = response.json()["events"]
        return response.json()["article"]["id"], event["id"], event["participants"][0]["person_id"]

    first = post("https://www.example.com/ops/ids/1")
    assert requests.delete(f"{live_server.url}/articles/{first[0]}", headers=headers, timeout=30).status_code == 204
    second = post("https://www.example.com/ops/ids/2")
    assert second[0] > first[0] and second[1] > first[1]
    assert requests.get(f"{live_server.url}/articles/{first[0]}", timeout=10).status_code == 404
    assert requests.get(f"{live_server.url}/events/{first[1]}", timeout=10).status_code == 404
    assert second[2] == first[2]  # the same person keeps their id


def test_migrating_a_0002_store_keeps_every_row_and_id_and_stops_reuse(fresh_database_url):
    database = Database(fresh_database_url)
    upgrade(database)
    reports = [report("محمد المنفي", guest, date=day) for guest, day in (
        ("عثمان الجرندي", "2021-03-10"), ("نبيل عمار", "2021-04-10"), ("قيس سعيد", "2021-05-10"))]
    stored = [repository.store_article(database, repository.ArticleInput(text=text_, url=f"https://x.example/{n}"),
                                       [event], "test")[0] for n, (text_, event) in enumerate(reports)]
    repository_delete_article(database, stored[2]["article"]["id"])
    downgrade(database, "0002")  # a store as a 0002 service left it: the last ids deleted
    before = table_snapshot(database)

    assert upgrade(database) == "0002"
    assert table_snapshot(database) == before
    text_, event = reports[2]
    later, _ = repository.store_article(database, repository.ArticleInput(text=text_, url="https://x.example/new"),
                                        [event], "test")
    ids_before = {name: max(row[0] for row in rows) for name, rows in before.items() if name in STABLE_ID_TABLES}
    # Beyond every id left at migration time (on SQLite an id deleted above them comes back once).
    assert later["article"]["id"] > ids_before["articles"]
    assert later["events"][0]["id"] > ids_before["events"]
    repository_delete_article(database, later["article"]["id"])
    again, _ = repository.store_article(database, repository.ArticleInput(text=text_, url="https://x.example/again"),
                                        [event], "test")
    assert again["article"]["id"] == later["article"]["id"] + 1
    assert again["events"][0]["id"] == later["events"][0]["id"] + 1
    database.engine.dispose()


STABLE_ID_TABLES = ("articles", "events", "participants")


def table_snapshot(database) -> dict:
    """Every row of every table (articles without the column 0003 adds), ids first."""
    from api.models import Base

    with database.engine.connect() as connection:
        # Tables with rows: a 0002 store lacks the later tables, which a migration adds empty.
        present = set(inspect(connection).get_table_names())
        snapshot = {table.name: sorted(map(tuple, connection.execute(text(f"SELECT * FROM {table.name}")).all()))
                    for table in Base.metadata.sorted_tables if table.name != "articles" and table.name in present}
        snapshot = {name: rows for name, rows in snapshot.items() if rows}
        snapshot["articles"] = connection.execute(text(
            "SELECT id, key, url, text_hash, text, extractor_version, created_at FROM articles ORDER BY id")).all()
    return snapshot


def repository_delete_article(database, article_id):
    with database.session() as session, session.begin():
        assert repository.delete_article(session, article_id)


# --- backups --------------------------------------------------------------------

def test_backup_while_serving_keeps_recent_writes_and_restores(live_server, database_url, empty_database, tmp_path):
    urls = [f"https://www.example.com/ops/backup/{n}" for n in range(3)]
    for url in urls:
        assert requests.post(live_server.url + "/events", headers={"X-API-Key": NEW_KEY}, timeout=60,
                             json={"text": TEXT, "url": url, "published_at": "2021-03-10"}).status_code == 201
    copy = tmp_path / "backup" / "events.sqlite3"
    copy.parent.mkdir()
    done = subprocess.run([sys.executable, "-m", "api.backup", str(copy)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={**os.environ, "DATABASE_URL": database_url})
    assert done.returncode == 0, done.stderr

    if make_url(database_url).get_backend_name() == "postgresql":
        dump = subprocess.run(done.stdout.strip(), shell=True, capture_output=True, text=True, timeout=120)
        assert dump.returncode == 0, dump.stderr
        listing = subprocess.run(["pg_restore", "--list", str(copy)], capture_output=True, text=True, check=True)
        assert "TABLE DATA public articles" in listing.stdout
        return
    live_wal = Path(make_url(database_url).database + "-wal")
    assert live_wal.stat().st_size > 0  # the writes were (at least partly) only in the WAL
    assert sorted(p.name for p in copy.parent.iterdir()) == ["events.sqlite3"]  # one self-contained file
    again = subprocess.run([sys.executable, "-m", "api.backup", str(copy)], cwd=ROOT, capture_output=True,
                           text=True, timeout=120, env={**os.environ, "DATABASE_URL": database_url})
    assert again.returncode == 1 and "exists" in again.stderr  # never overwrites

    # Restore: the copy is a store a new service starts on, at head, with every article.
    with gunicorn(f"sqlite:///{copy}", tmp_path / "restored.log", WEB_CONCURRENCY="1") as restored:
        for url in urls:
            found = requests.get(restored.url + "/events", params={"url": url}, timeout=10).json()
            assert found["total"] == 1
        assert requests.get(restored.url + "/health", timeout=10).json()["database"]["schema_revision"] == \
            head_revision()


def test_backup_prints_pg_dump_for_postgresql_without_the_password():
    from api.backup import pg_dump_command

    command = pg_dump_command(make_url("postgresql+psycopg://events:s3cret@db.internal:5433/events"),
                              Path("/backups/events.dump"))
    assert command == ("pg_dump --format=custom --file /backups/events.dump "
                       "--dbname postgresql://events@db.internal:5433/events")
