"""The storage layer on its own: migrations, idempotent writes, races, normalised keys, deletes."""
import datetime as dt
import threading

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from api import repository
from api.database import Database
from api.models import Base, Participant
from api.repository import ArticleInput, EventFilters
from conftest import as_extracted, build_event

TEXT = ("التقت وزيرة الخارجية نجلاء المنقوش، أمس، نظيرها الجزائري صبري بوقادوم في الجزائر العاصمة، "
        "وبحثا إعادة فتح الحدود البرية.")
EVENT = build_event(TEXT, trigger="التقت", participants=[("نجلاء المنقوش", "LBY"), ("صبري بوقادوم", "DZA")],
                    location=("الجزائر العاصمة", "DZA"), time=("أمس", "2021-01-06"),
                    agenda=["إعادة فتح الحدود البرية"])
ARTICLE = ArticleInput(text=TEXT, title="المنقوش في الجزائر", published_at=dt.date(2021, 1, 7),
                       url="https://www.example.com/news/2021/01/07/mangoush-algiers")


def test_migrations_build_exactly_the_models(database):
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                       Base.metadata)
    assert differences == []


def test_store_writes_article_event_report_and_participants(empty_database, row_counts):
    result, created = repository.store_article(empty_database, ARTICLE, [EVENT], "0.1.0")
    assert created
    assert row_counts() == {"articles": 1, "events": 1, "participants": 2, "event_participants": 2,
                            "event_reports": 1, "participant_keys": 8, "corrections": 0, "correction_reports": 0,
                            "webhook_subscriptions": 0, "webhook_deliveries": 0, "webhook_attempts": 0}
    assert result["article"]["url"] == ARTICLE.url
    assert result["article"]["published_at"] == dt.date(2021, 1, 7)
    assert result["article"]["text_sha256"] == repository.sha256(TEXT)
    stored = result["events"][0]
    assert as_extracted(stored) == EVENT
    assert stored["reports"] == [{"article_id": result["article"]["id"], "url": ARTICLE.url,
                                  "title": ARTICLE.title, "published_at": dt.date(2021, 1, 7),
                                  "trigger": EVENT["trigger"], "evidence": EVENT["evidence"],
                                  "date": "2021-01-06", "match": None}]


def test_a_second_store_of_the_same_article_returns_the_first(empty_database, row_counts):
    """The unique article key decides even without a prior look-up (the race path)."""
    first, created = repository.store_article(empty_database, ARTICLE, [EVENT], "0.1.0")
    counts = row_counts()
    second, created_again = repository.store_article(
        empty_database, ArticleInput(text="نص آخر", url=ARTICLE.url), [EVENT, EVENT], "0.2.0")
    assert (created, created_again) == (True, False)
    assert second == first
    assert row_counts() == counts


def test_concurrent_identical_stores_keep_one_article(database_url, empty_database, row_counts):
    databases = [Database(database_url) for _ in range(6)]  # one connection pool per writer, like workers
    barrier = threading.Barrier(len(databases))
    outcomes = []

    def writer(database):
        barrier.wait()
        outcomes.append(repository.store_article(database, ARTICLE, [EVENT], "0.1.0"))

    threads = [threading.Thread(target=writer, args=(database,)) for database in databases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for database in databases:
        database.engine.dispose()

    assert sorted(created for _, created in outcomes) == [False] * 5 + [True]
    assert len({result["article"]["id"] for result, _ in outcomes}) == 1
    assert row_counts()["articles"] == 1 and row_counts()["events"] == 1


def test_participants_are_shared_by_normalised_name(empty_database):
    repository.store_article(empty_database, ARTICLE, [EVENT], "0.1.0")
    other = "استقبل الرئيس عبد المجيد تبون وزيرة الخارجية نجلاء المنقوش."
    spelled_differently = build_event(other, trigger="استقبل",
                                      participants=[("عبد المجيد تبون", "DZA"), ("نجلاء المنقوش", "LBY")])
    spelled_differently["participants"][1]["name"] = "نَجلاء المنقـوش"  # diacritic and tatweel
    repository.store_article(empty_database, ArticleInput(text=other), [spelled_differently], "0.1.0")
    with empty_database.session() as session:
        keys = session.scalars(select(Participant.name_key).order_by(Participant.name_key)).all()
    assert keys == sorted(["نجلاء المنقوش", "صبري بوقادوم", "عبد المجيد تبون"])


def test_filters_at_the_storage_level(empty_database):
    repository.store_article(empty_database, ARTICLE, [EVENT], "0.1.0")
    with empty_database.session() as session:
        def total(**filters):
            return repository.list_events(session, EventFilters(**filters), 10, 0)[1]

        assert total() == 1
        assert total(participant="بوقادوم") == total(participant="صبري بُوقادوم") == 1
        assert total(participant="نجلاء المنقوشة") == 0
        assert total(location="الجزائر") == total(country="DZA") == 1
        assert total(q="الحدود البريه") == 1 and total(q="الحدود الجوية") == 0
        assert total(date_from=dt.date(2021, 1, 6), date_to=dt.date(2021, 1, 6)) == 1
        assert total(date_from=dt.date(2021, 1, 7)) == 0
        assert total(url=ARTICLE.url) == 1 and total(url=ARTICLE.url + "/") == 0


def test_odd_extractor_values_are_stored_without_breaking_filters(empty_database):
    """Filter columns only take well-formed values; the payload keeps everything as given."""
    odd = {**EVENT, "time": {**EVENT["time"], "date": "2021-02-30"},
           "location": {**EVENT["location"], "country": "Algeria"}, "confidence": None}
    result, _ = repository.store_article(empty_database, ArticleInput(text=TEXT), [odd], "0.1.0")
    assert result["events"][0]["time"]["date"] == "2021-02-30"
    with empty_database.session() as session:
        items, total = repository.list_events(session, EventFilters(country="DZA"), 10, 0)
        undated, _ = repository.list_events(session, EventFilters(date_from=dt.date(2000, 1, 1)), 10, 0)
    assert total == 0 and undated == []


def test_delete_cascades_to_reports_and_participant_links(empty_database, row_counts):
    result, _ = repository.store_article(empty_database, ARTICLE, [EVENT, EVENT], "0.1.0")
    with empty_database.session() as session, session.begin():
        assert repository.delete_event(session, result["events"][0]["id"])
        assert not repository.delete_event(session, 10 ** 6)
    assert row_counts() == {"articles": 1, "events": 1, "participants": 2, "event_participants": 2,
                            "event_reports": 1, "participant_keys": 8, "corrections": 0, "correction_reports": 0,
                            "webhook_subscriptions": 0, "webhook_deliveries": 0, "webhook_attempts": 0}
    with empty_database.session() as session:
        assert repository.get_event(session, result["events"][0]["id"]) is None
        assert repository.get_event(session, result["events"][1]["id"])["id"] == result["events"][1]["id"]


def test_sqlite_files_get_their_folder_and_wal_mode(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'new' / 'folder' / 'events.sqlite3'}")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    database.engine.dispose()
    assert (tmp_path / "new" / "folder" / "events.sqlite3").exists()
