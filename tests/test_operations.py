"""Operating the service safely: the test suite leaves real stores alone."""
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from api import repository
from api.database import Database
from api.migrate import upgrade
from conftest import build_event

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
