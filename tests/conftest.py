import io
import json
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SHARED_DIR", ROOT.parent / "shared"))
sys.path.insert(0, str(ROOT))

# The suite never touches the store DATABASE_URL names (an operator's data): its database is
# TEST_DATABASE_URL or a temporary SQLite file, and nothing it starts inherits DATABASE_URL.
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")
os.environ.pop("DATABASE_URL", None)


@pytest.fixture(scope="session")
def pipeline():
    from extractors import get_pipeline

    return get_pipeline()


@pytest.fixture(scope="session")
def shared_dir():
    assert SHARED.is_dir(), f"shared data not found at {SHARED}"
    return SHARED


@pytest.fixture(scope="session")
def seed_articles(shared_dir):
    """POST bodies of the shared seed articles by id: text, title and published_at as in seeds.jsonl."""
    bodies = {}
    for line in (shared_dir / "eval" / "seeds.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            gold = json.loads(line)
            bodies[gold["id"]] = {key: gold[key] for key in ("text", "title", "published_at") if gold.get(key)}
    return bodies


# --- HTTP service: database, apps, and a test client checked against openapi.yaml ---

@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """``TEST_DATABASE_URL`` when set (CI's PostgreSQL), else a new SQLite file; never
    ``DATABASE_URL``.

    Every table found is dropped and the migrations are run, so each session starts from
    a clean schema built exactly as ``python -m api.migrate`` builds it. Processes the tests
    start see this database as their ``DATABASE_URL``."""
    from sqlalchemy import MetaData

    from api.database import Database
    from api.migrate import upgrade

    url = TEST_DATABASE_URL or f"sqlite:///{tmp_path_factory.mktemp('db') / 'events.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    database = Database(url)
    existing = MetaData()
    existing.reflect(database.engine)
    existing.drop_all(database.engine)
    upgrade(database)
    database.engine.dispose()
    return url


@pytest.fixture(scope="session")
def database(database_url):
    from api.database import Database

    database = Database(database_url)
    yield database
    database.engine.dispose()


@pytest.fixture
def empty_database(database):
    """The session database with every row deleted."""
    from api.models import Base

    with database.engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    return database


def table_counts(database) -> dict:
    """Rows per table: bad requests must leave these unchanged."""
    from sqlalchemy import func, select

    from api.models import Base

    with database.engine.connect() as connection:
        return {table.name: connection.scalar(select(func.count()).select_from(table))
                for table in Base.metadata.sorted_tables}


@pytest.fixture(scope="session")
def contract():
    import yaml
    from openapi_core import Config, OpenAPI

    # Problem details and JSON-LD are JSON, the contract is a YAML document, the Swagger UI
    # page and the CSV export are text.
    deserializers = {"application/problem+json": json.loads,
                     "application/ld+json": json.loads,
                     "application/yaml": yaml.safe_load,
                     "text/html": lambda body: body.decode("utf-8"),
                     "text/csv": lambda body: body.decode("utf-8"),
                     "application/x-ndjson": lambda body: body.decode("utf-8")}
    return OpenAPI.from_file_path(str(ROOT / "openapi.yaml"),
                                  config=Config(extra_media_type_deserializers=deserializers))


@pytest.fixture
def make_app(database_url, contract, empty_database):
    """Apps on the session database (emptied for the test), with a test client that checks
    every response of a documented operation against openapi.yaml."""
    from flask.testing import FlaskClient
    from werkzeug import Request
    from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
    from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

    from api import create_app

    class ContractCheckingClient(FlaskClient):
        def open(self, *args, **kwargs):
            response = super().open(*args, **kwargs)
            # The request body was consumed by the app; the response check needs only method and URL.
            environ = {**response.request.environ, "wsgi.input": io.BytesIO(), "CONTENT_LENGTH": "0"}
            try:
                contract.validate_response(WerkzeugOpenAPIRequest(Request(environ)),
                                           WerkzeugOpenAPIResponse(response))
            except (PathNotFound, OperationNotFound):
                # Unknown routes and methods are not operations; they still answer problem+json.
                assert response.mimetype == "application/problem+json", response.data
            return response

    apps = []

    def build(pipeline=None, **overrides):
        app = create_app({"DATABASE_URL": database_url, **overrides}, pipeline=pipeline)
        app.test_client_class = ContractCheckingClient
        apps.append(app)
        return app

    yield build
    for app in apps:
        app.extensions["database"].engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def row_counts(database):
    """A function giving the rows per table right now."""
    return lambda: table_counts(database)


def build_event(text: str, *, trigger: str, participants, type="meeting", location=None, time=None, agenda=()):
    """An event dict in the library's shape, spans located in ``text``.

    ``participants``: (name, ISO alpha-3 or None) pairs; ``location``: (name, country);
    ``time``: (words in the text, YYYY-MM-DD)."""

    def span(fragment: str) -> dict:
        start = text.index(fragment)
        return {"text": fragment, "start": start, "end": start + len(fragment)}

    return {
        "type": type,
        "trigger": span(trigger),
        "participants": [{"name": name, "title": None, "organization": None, "country": country,
                          "role": "party", "kind": "person", "mentions": [span(name)]}
                         for name, country in participants],
        "location": {"name": location[0], "venue": None, "country": location[1], **span(location[0])}
        if location else None,
        "time": {**span(time[0]), "date": time[1], "precision": "day"} if time else None,
        "agenda": [span(item) for item in agenda],
        "evidence": [span(text)],
        "confidence": 0.9,
    }


PROVENANCE = ("article_id", "person_id")
BOOKKEEPING = ("id", "cameo", "reports", "created_at")


def as_extracted(event: dict) -> dict:
    """A stored event without what storing adds (ids, CAMEO codes, reports, the article each
    item quotes, person ids): for a one-report event, the event as extracted."""

    def plain(item):
        return {k: v for k, v in item.items() if k not in PROVENANCE} if isinstance(item, dict) else item

    stripped = {k: v for k, v in event.items() if k not in BOOKKEEPING}
    return {**stripped, "participants": [plain(p) for p in stripped["participants"]],
            "agenda": [plain(a) for a in stripped["agenda"]],
            "location": plain(stripped["location"]), "time": plain(stripped["time"])}


TRIGGERS = {"meeting": "التقى", "visit": "زار", "call": "اتصل", "agreement": "وقع"}
DAY = "2020-12-27"
TRIPOLI, BENGHAZI, CAIRO, LIBYA = ("طرابلس", "LBY"), ("بنغازي", "LBY"), ("القاهرة", "EGY"), ("ليبيا", "LBY")


def report(*names, type="meeting", date=DAY, place=TRIPOLI, agenda=(), attendees=(), venue=None, people=None):
    """(text, event): an article sentence naming these parties, and its event in the library's
    shape. ``people``: name -> (title, country) for participants that have them."""
    parts = [TRIGGERS[type], "، ".join(names + attendees)]
    parts += [f"في {venue} {place[0]}" if venue else f"في {place[0]}"] if place else []
    parts += ["اليوم"] if date else []
    parts += ["وبحثا " + "، ".join(agenda)] if agenda else []
    sentence = " ".join(parts) + "."
    event = build_event(sentence, type=type, trigger=TRIGGERS[type],
                        participants=[(name, None) for name in names + attendees],
                        location=place, time=("اليوم", date) if date else None, agenda=list(agenda))
    for person in event["participants"][len(names):]:
        person["role"] = "attendee"
    if venue:
        event["location"]["venue"] = venue
    for person in event["participants"]:
        person["title"], person["country"] = (people or {}).get(person["name"], (None, None))
    return sentence, event


@pytest.fixture
def store_events(empty_database):
    """Store an article with the given events straight through the repository, as
    extraction would, and return the stored result (independent of extraction quality)."""
    from api import repository

    def store(text, events, *, url=None, title=None, published_at=None):
        article = repository.ArticleInput(text=text, title=title, published_at=published_at, url=url)
        result, created = repository.store_article(empty_database, article, events, "test")
        assert created
        return result

    return store


@pytest.fixture
def service_logs():
    """Records of the service's own loggers (request log and unhandled errors) during a test."""
    import logging

    class Collect(logging.Handler):
        def __init__(self):
            super().__init__()
            self.records = []

        def emit(self, record):
            self.records.append(record)

    collector = Collect()
    loggers = [logging.getLogger(name) for name in ("api.access", "api.errors")]
    for logger in loggers:
        logger.addHandler(collector)
    yield collector.records
    for logger in loggers:
        logger.removeHandler(collector)
