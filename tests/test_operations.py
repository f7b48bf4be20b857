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
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from api import repository
from api.database import Database
from api.migrate import head_revision, upgrade
from conftest import build_event
from tests.test_integration_server import gunicorn

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
