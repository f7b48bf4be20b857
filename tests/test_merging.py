"""One happening, many reports: matching rules, merged slots, deleting articles, indexes.

Events are hand-built (``conftest.build_event``) so each test states exactly what the
extractor would have found; storage goes through ``repository`` as POST /events does.
"""
import datetime as dt
import importlib.util
import itertools
import json

import pytest
from alembic import command
from sqlalchemy import select, text

from api import repository
from api.event_types import CAMEO_NAMES, EVENT_TYPES, cameo_codings
from api.matching import Source, lookup_name_keys, name_strength, name_tokens, stored_name_keys
from api.migrate import alembic_config, upgrade
from api.models import Event, EventParticipant, EventReport
from conftest import BENGHAZI, CAIRO, DAY, LIBYA, TRIPOLI, report


@pytest.fixture
def post(store_events):
    """Store one article reporting the given event; returns the article id."""
    urls = itertools.count(1)

    def store(article, published_at=dt.date(2020, 12, 28)):
        sentence, event = article
        result = store_events(sentence, [event], url=f"https://www.example.com/news/{next(urls)}",
                              published_at=published_at)
        return result["article"]["id"]

    return store


def stored_events(database) -> list[dict]:
    with database.session() as session:
        return repository.list_events(session, repository.EventFilters(), 100, 0, order="chronological")[0]


def delete_article(database, article_id) -> bool:
    with database.session() as session, session.begin():
        return repository.delete_article(session, article_id)


# --- what merges -------------------------------------------------------------------

def test_reports_of_one_meeting_make_one_event_with_every_source(post, empty_database):
    first = post(report("فتحي باشاغا", "أيمن بديع", agenda=["التعاون الأمني"]))
    second = post(report("باشاغا", "أيمن بديع", attendees=("عماد الطرابلسي",), venue="ديوان الوزارة",
                         agenda=["التعاون الأمني", "وقف إطلاق النار"]), published_at=dt.date(2020, 12, 30))

    (event,) = stored_events(empty_database)
    assert [r["article_id"] for r in event["reports"]] == [first, second]
    assert event["reports"][0]["match"] is None
    assert event["reports"][1]["match"] == {
        "shared_participants": [{"name": "فتحي باشاغا", "as_reported": "باشاغا"},
                                {"name": "أيمن بديع", "as_reported": "أيمن بديع"}],
        "date": "same_day", "location": "same_place"}
    # Slots: the fullest name, everyone once, every topic once, the most specific place.
    assert [(p["name"], p["article_id"]) for p in event["participants"]] == \
        [("فتحي باشاغا", first), ("أيمن بديع", first), ("عماد الطرابلسي", second)]
    assert [(a["text"], a["article_id"]) for a in event["agenda"]] == \
        [("التعاون الأمني", first), ("وقف إطلاق النار", second)]
    assert (event["location"]["venue"], event["location"]["article_id"]) == ("ديوان الوزارة", second)
    assert event["time"]["date"] == DAY
    with empty_database.session() as session:
        forms = session.execute(select(EventParticipant.position, EventParticipant.name, EventParticipant.article_id)
                                .order_by(EventParticipant.position, EventParticipant.article_id)).all()
    assert forms == [(0, "فتحي باشاغا", first), (0, "باشاغا", second), (1, "أيمن بديع", first),
                     (1, "أيمن بديع", second), (2, "عماد الطرابلسي", second)]


def test_a_date_conflict_keeps_reports_apart(post, empty_database):
    post(report("فتحي باشاغا", "خلوصي أكار", date="2020-12-26"))
    post(report("فتحي باشاغا", "خلوصي أكار", date="2020-12-27"))
    assert [e["time"]["date"] for e in stored_events(empty_database)] == ["2020-12-26", "2020-12-27"]


def test_a_missing_date_with_shared_participants_merges_within_the_days_before_publication(post, empty_database):
    dated = post(report("فتحي باشاغا", "أيمن بديع", date=DAY))
    undated = post(report("باشاغا", "بديع", date=None), published_at=dt.date(2020, 12, 30))
    too_late = post(report("فتحي باشاغا", "أيمن بديع", date=None), published_at=dt.date(2021, 1, 10))

    merged, apart = stored_events(empty_database)
    assert [r["article_id"] for r in merged["reports"]] == [dated, undated]
    assert merged["reports"][1]["match"]["date"] == "overlapping_period"
    assert merged["time"]["date"] == DAY
    assert [r["article_id"] for r in apart["reports"]] == [too_late] and apart["time"] is None


def test_undated_reports_without_a_publication_date_never_merge(post, empty_database):
    post(report("فتحي باشاغا", "أيمن بديع", date=None), published_at=None)
    post(report("فتحي باشاغا", "أيمن بديع", date=None), published_at=None)
    assert len(stored_events(empty_database)) == 2


@pytest.mark.parametrize("first, second, merged", [
    ("meeting", "call", False),
    ("meeting", "agreement", False),
    ("call", "agreement", False),
    ("meeting", "visit", True),        # one family: a reception reported as a visit or a meeting
])
def test_types_merge_only_within_a_family(post, empty_database, first, second, merged):
    post(report("فتحي باشاغا", "أيمن بديع", type=first))
    post(report("فتحي باشاغا", "أيمن بديع", type=second))
    assert len(stored_events(empty_database)) == (1 if merged else 2)


@pytest.mark.parametrize("first, second, relation", [
    (TRIPOLI, TRIPOLI, "same_place"),
    (TRIPOLI, LIBYA, "same_country"),
    (TRIPOLI, None, "one_missing"),
    (TRIPOLI, BENGHAZI, None),
    (TRIPOLI, CAIRO, None),
])
def test_places_must_be_compatible(post, empty_database, first, second, relation):
    post(report("فتحي باشاغا", "أيمن بديع", place=first))
    post(report("فتحي باشاغا", "أيمن بديع", place=second))
    events = stored_events(empty_database)
    if relation is None:
        assert len(events) == 2
    else:
        (event,) = events
        assert event["reports"][1]["match"]["location"] == relation
        assert event["location"]["name"] == first[0]


def test_the_most_specific_place_is_completed_from_the_other_reports(post, empty_database):
    post(report("فتحي باشاغا", "أيمن بديع", place=LIBYA))
    post(report("فتحي باشاغا", "أيمن بديع", place=TRIPOLI))
    sentence, venue_only = report("باشاغا", "أيمن بديع", venue="فندق كورنثيا")
    venue_only["location"].update(name=None, country=None)
    third = post((sentence, venue_only))
    (event,) = stored_events(empty_database)
    location = event["location"]
    assert (location["venue"], location["name"], location["country"], location["article_id"]) == \
        ("فندق كورنثيا", "طرابلس", "LBY", third)


def test_rival_principals_keep_meetings_with_the_same_delegation_apart(post, empty_database):
    """The Egyptian delegation met Bashagha, then Maitig, the same day in Tripoli."""
    post(report("فتحي باشاغا", "أيمن بديع", "محمد أبوبكر", attendees=("عماد الطرابلسي",)))
    post(report("أحمد معيتيق", "أيمن بديع", "محمد أبوبكر"))
    post(report("فتحي باشاغا", "محمد أبوبكر"))
    bashagha, maitig = sorted(stored_events(empty_database), key=lambda e: e["id"])
    assert len(bashagha["reports"]) == 2 and len(maitig["reports"]) == 1


def test_a_report_that_fits_two_events_equally_joins_neither(post, empty_database):
    post(report("خلوصي أكار", "فتحي باشاغا"))
    post(report("خلوصي أكار", "صلاح الدين النمروش"))
    post(report("أكار", type="visit"))
    assert [len(e["reports"]) for e in stored_events(empty_database)] == [1, 1, 1]


def test_two_events_of_one_article_never_join_the_same_event(post, store_events, empty_database):
    existing = post(report("فتحي باشاغا", "أيمن بديع"))
    sentence, closer = report("فتحي باشاغا", "أيمن بديع")
    _, looser = report("باشاغا", type="visit")
    result = store_events(sentence + " " + sentence, [closer, looser], published_at=dt.date(2020, 12, 28))
    joined, new = result["events"]
    assert [r["article_id"] for r in joined["reports"]] == [existing, result["article"]["id"]]
    assert [r["article_id"] for r in new["reports"]] == [result["article"]["id"]]


# --- deleting articles ---------------------------------------------------------------

def test_deleting_an_article_remakes_its_events_from_the_other_reports(post, empty_database, row_counts):
    first = post(report("فتحي باشاغا", "أيمن بديع", agenda=["التعاون الأمني"], venue="ديوان الوزارة"))
    second = post(report("باشاغا", "أيمن بديع", attendees=("عماد الطرابلسي",), agenda=["الحوار السياسي"]))
    (event,) = stored_events(empty_database)

    assert delete_article(empty_database, first)
    (remade,) = stored_events(empty_database)
    assert remade["id"] == event["id"] and remade["created_at"] == event["created_at"]
    assert [(r["article_id"], r["match"]) for r in remade["reports"]] == [(second, None)]
    assert [p["name"] for p in remade["participants"]] == ["باشاغا", "أيمن بديع", "عماد الطرابلسي"]
    assert [a["text"] for a in remade["agenda"]] == ["الحوار السياسي"]
    assert remade["location"]["venue"] is None and remade["location"]["article_id"] == second
    assert row_counts()["event_participants"] == 3

    assert delete_article(empty_database, second)
    assert stored_events(empty_database) == []
    assert not delete_article(empty_database, second)
    counts = row_counts()
    assert (counts["articles"], counts["events"], counts["event_reports"], counts["event_participants"]) == (0, 0, 0, 0)


def test_reports_that_only_matched_through_a_deleted_article_become_events_of_their_own(post, empty_database):
    bridge = post(report("فتحي باشاغا", "أيمن بديع", "محمد أبوبكر"))
    post(report("فتحي باشاغا", "أيمن بديع"))
    post(report("محمد أبوبكر", type="visit"))
    assert [len(e["reports"]) for e in stored_events(empty_database)] == [3]

    delete_article(empty_database, bridge)
    events = sorted(stored_events(empty_database), key=lambda e: e["id"])
    assert [[p["name"] for p in e["participants"]] for e in events] == [["فتحي باشاغا", "أيمن بديع"],
                                                                         ["محمد أبوبكر"]]
    assert [e["type"] for e in events] == ["meeting", "visit"]


def test_deleting_an_event_keeps_its_articles(post, empty_database, row_counts):
    post(report("فتحي باشاغا", "أيمن بديع"))
    post(report("فتحي باشاغا", "أيمن بديع"))
    (event,) = stored_events(empty_database)
    with empty_database.session() as session, session.begin():
        assert repository.delete_event(session, event["id"])
    counts = row_counts()
    assert (counts["articles"], counts["events"], counts["event_reports"], counts["event_participants"]) == (2, 0, 0, 0)


# --- how candidates are found ------------------------------------------------------

def test_candidates_are_found_through_indexes_not_a_scan(empty_database):
    _, event = report("فتحي باشاغا", "أيمن بديع")
    query = repository.candidate_query(Source(1, dt.date(2020, 12, 28), event))
    with empty_database.engine.connect() as connection:
        sql = str(query.compile(connection, compile_kwargs={"literal_binds": True}))
        if empty_database.backend == "sqlite":
            plan = [row[3] for row in connection.execute(text("EXPLAIN QUERY PLAN " + sql))]
            assert plan and not [step for step in plan if step.startswith("SCAN")], plan
        else:
            # On an empty table PostgreSQL prefers a sequential scan by its statistics; with that
            # option taken away, the plan shows the indexes exist and serve this query.
            with connection.begin():
                connection.execute(text("SET LOCAL enable_seqscan = off"))
                plan = [row[0] for row in connection.execute(text("EXPLAIN " + sql))]
            assert not [step for step in plan if "Seq Scan" in step], plan
            assert any("Index" in step for step in plan), plan
    assert any("participant_keys" in step for step in plan), plan


def test_candidates_are_limited_to_the_reports_period(empty_database):
    """Sixty meetings of the same two people on sixty days: a new report sees only its day's."""
    first_day = dt.date(2020, 10, 1)
    with empty_database.session() as session, session.begin():
        for day in range(60):
            date = (first_day + dt.timedelta(days=day)).isoformat()
            sentence, event = report("فتحي باشاغا", "أيمن بديع", date=date)
            repository.add_article(session, repository.ArticleInput(text=f"{sentence} {date}"), [event], "test")
    _, event = report("باشاغا", "بديع", date="2020-11-15")
    with empty_database.session() as session:
        found = session.execute(repository.candidate_query(Source(999, None, event))).all()
        assert [row.window_start for row in found] == [dt.date(2020, 11, 15)]
        undated = report("باشاغا", "بديع", date=None)[1]
        found = session.execute(repository.candidate_query(Source(999, dt.date(2020, 11, 15), undated))).all()
        assert sorted(row.window_start.day for row in found) == list(range(8, 16))


def test_name_keys_find_exactly_the_names_the_scorer_matches(shared_dir):
    spec = importlib.util.spec_from_file_location("score", shared_dir / "eval" / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    names = ["فتحي باشاغا", "باشاغا", "فتحي", "فتحى باشاغا", "وزير الداخلية فتحي باشاغا", "علي باشاغا",
             "خالد بن محمد العطية", "العطية", "خالد بن", "محمد", "محمد أبوبكر", "أبوبكر", "أيمن بديع",
             "عبد الفتاح السيسي", "السيسي", "عبد الحميد الدبيبة", "الدبيبة", "Luigi Di Maio", "Di Maio"]
    for a, b in itertools.product(names, repeat=2):
        found = bool(lookup_name_keys(name_tokens(a)) & stored_name_keys(name_tokens(b)))
        assert found == scorer.name_match(a, [b]) == (name_strength(name_tokens(a), name_tokens(b)) > 0), (a, b)
    # Unlike the scorer, Latin letters match whatever their case.
    assert lookup_name_keys(name_tokens("di maio")) & stored_name_keys(name_tokens("Luigi Di Maio"))


# --- CAMEO codes -----------------------------------------------------------------

@pytest.mark.parametrize("type, place, countries, codes", [
    ("meeting", TRIPOLI, ("LBY", "EGY"), [("040", None)]),
    ("meeting", ("الدوحة", "QAT"), ("LBY", "TUR"), [("044", None)]),     # neither side's country
    ("meeting", ("الدوحة", "QAT"), ("LBY", None), [("040", None)]),      # one side unknown: not a third place
    ("visit", TRIPOLI, ("TUR", None), [("042", "visitor"), ("043", "host")]),
    ("call", None, ("LBY", "TUR"), [("041", None)]),
    ("agreement", CAIRO, ("LBY", "EGY"), [("057", None)]),
])
def test_cameo_codes(type, place, countries, codes):
    _, event = report("فتحي باشاغا", "أيمن بديع", type=type, place=place)
    for person, country in zip(event["participants"], countries):
        person["country"] = country
    codings = cameo_codings(event)
    assert [(c["code"], c["actor_role"]) for c in codings] == codes
    assert all(c["name"] == CAMEO_NAMES[c["code"]] for c in codings)


def test_every_type_has_cameo_codes():
    for name, spec in EVENT_TYPES.items():
        assert spec.cameo and all(code in CAMEO_NAMES for code, _ in spec.cameo), name


# --- migrating events stored before merging ---------------------------------------------

def test_events_stored_before_merging_are_migrated_and_then_merge(database, empty_database, post):
    """0001 rows (one report per event, evidence column) gain what merging needs."""
    sentence, event = report("فتحي باشاغا", "أيمن بديع")
    with database.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0001")
    try:
        with database.engine.begin() as connection:
            _insert_0001_rows(connection, sentence, event)
    finally:
        upgrade(database)

    (migrated,) = stored_events(database)
    assert migrated["reports"][0]["trigger"] == event["trigger"] and migrated["reports"][0]["match"] is None
    assert {p["article_id"] for p in migrated["participants"]} == {7}
    assert [p["person_id"] for p in migrated["participants"]] == [3, 4]
    later = post(report("باشاغا", "أيمن بديع"))
    (merged,) = stored_events(database)
    assert merged["id"] == migrated["id"] and [r["article_id"] for r in merged["reports"]] == [7, later]
    with database.session() as session:
        assert session.scalar(select(Event.window_start)) == dt.date(2020, 12, 27)
        assert len(session.scalars(select(EventReport)).all()) == 2


def _insert_0001_rows(connection, sentence: str, event: dict) -> None:
    payload = json.dumps(event, ensure_ascii=False)
    connection.execute(text(
        "INSERT INTO articles (id, key, url, text_hash, title, published_at, text, extractor_version, created_at) "
        "VALUES (7, 'k7', NULL, 'h', NULL, :day, :text, '0.1.0', :now)"),
        {"day": dt.date(2020, 12, 28), "text": sentence, "now": dt.datetime.now(dt.timezone.utc)})
    connection.execute(text(
        "INSERT INTO events (id, type, date, date_precision, location_name, location_country, location_key, "
        "agenda_key, confidence, payload, created_at) VALUES (5, 'meeting', :date, 'day', 'طرابلس', 'LBY', "
        "'طرابلس', '', 0.9, :payload, :now)"),
        {"date": dt.date(2020, 12, 27), "payload": payload, "now": dt.datetime.now(dt.timezone.utc)})
    connection.execute(text("INSERT INTO event_reports (event_id, article_id, evidence) VALUES (5, 7, :evidence)"),
                       {"evidence": json.dumps({"trigger": event["trigger"], "evidence": event["evidence"]})})
    connection.execute(text("INSERT INTO participants (id, name_key, name) VALUES "
                            "(3, 'فتحي باشاغا', 'فتحي باشاغا'), (4, 'ايمن بديع', 'أيمن بديع')"))
    connection.execute(text("INSERT INTO event_participants (event_id, participant_id, position, name, role) "
                            "VALUES (5, 3, 0, 'فتحي باشاغا', 'party'), (5, 4, 1, 'أيمن بديع', 'party')"))
