"""POST/GET /events and GET/DELETE /events/{id}."""
import datetime as dt
import hashlib

import pytest

from api.schemas import ExtractionSchema
from conftest import as_extracted, build_event

MEETING = "التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة."

# Four stored articles, one event each, written for these tests.
VISIT = ("استقبل رئيس المجلس الرئاسي محمد المنفي، يوم الأحد، وزير الخارجية الإيطالي لويجي دي مايو "
         "في طرابلس، وبحث معه ملف الهجرة غير الشرعية.")
CALL = ("أجرى رئيس الحكومة عبد الحميد الدبيبة اتصالاً هاتفياً مع الرئيس التركي رجب طيب أردوغان، أمس، "
        "تناول التعاون الاقتصادي وإعادة الإعمار.")
AGREEMENT = "وقّع وزير الداخلية فتحي باشاغا ونظيره المصري محمود توفيق في القاهرة مذكرة تفاهم لمكافحة الإرهاب."
MEETING_2023 = ("التقى رئيس الحكومة أسامة حماد المبعوث الأممي عبد الله باتيلي في بنغازي، الثلاثاء، "
                "لبحث الانتخابات.")
VISIT_URL = "https://www.example.com/news/2021/03/21/menfi-di-maio"
CALL_URL = "https://www.example.com/news/2021/04/11/dbeibah-erdogan"


@pytest.fixture
def stored(client, store_events):
    """Label -> id of the event stored for each test article."""
    articles = {
        "visit": (VISIT, build_event(
            VISIT, type="visit", trigger="استقبل", participants=[("محمد المنفي", "LBY"), ("لويجي دي مايو", "ITA")],
            location=("طرابلس", "LBY"), time=("يوم الأحد", "2021-03-21"), agenda=["ملف الهجرة غير الشرعية"]),
            VISIT_URL),
        "call": (CALL, build_event(
            CALL, type="call", trigger="اتصالاً هاتفياً",
            participants=[("عبد الحميد الدبيبة", "LBY"), ("رجب طيب أردوغان", "TUR")],
            time=("أمس", "2021-04-11"), agenda=["التعاون الاقتصادي وإعادة الإعمار"]), CALL_URL),
        "agreement": (AGREEMENT, build_event(
            AGREEMENT, type="agreement", trigger="وقّع", participants=[("فتحي باشاغا", "LBY"), ("محمود توفيق", "EGY")],
            location=("القاهرة", "EGY"), agenda=["مكافحة الإرهاب"]), None),
        "meeting": (MEETING_2023, build_event(
            MEETING_2023, trigger="التقى", participants=[("أسامة حماد", "LBY"), ("عبد الله باتيلي", None)],
            location=("بنغازي", "LBY"), time=("الثلاثاء", "2023-05-02"), agenda=["الانتخابات"]), None),
    }
    ids = {}
    for label, (text, event, url) in articles.items():
        ids[label] = store_events(text, [event], url=url)["events"][0]["id"]
    return ids


def labels(response, stored):
    by_id = {event_id: label for label, event_id in stored.items()}
    return [by_id[item["id"]] for item in response.json["items"]]


# --- POST /events --------------------------------------------------------------

def test_post_stores_the_extraction_once_then_returns_it(client, row_counts):
    body = {"text": MEETING, "title": "السيسي يستقبل حفتر", "published_at": "2020-12-27",
            "url": "https://www.example.com/news/2020/12/27/sisi-haftar"}
    first = client.post("/events", json=body)
    assert first.status_code == 201
    after_first = row_counts()
    assert after_first["articles"] == 1
    assert after_first["events"] == len(first.json["events"])

    again = client.post("/events", json=body)
    assert again.status_code == 200
    assert again.json == {**first.json, "changed": False}
    assert row_counts() == after_first


def test_stored_events_are_the_extracted_events_with_ids(client):
    extracted = client.post("/extract", json={"text": MEETING, "published_at": "2020-12-27"}).json
    stored = client.post("/events", json={"text": MEETING, "published_at": "2020-12-27"}).json

    assert [as_extracted(e) for e in stored["events"]] == ExtractionSchema().dump(extracted)["events"]
    article = stored["article"]
    assert article["published_at"] == "2020-12-27" and article["url"] is None
    assert article["characters"] == len(MEETING)
    for event in stored["events"]:
        assert event["reports"] == [{"article_id": article["id"], "url": None, "title": None,
                                     "published_at": "2020-12-27", "trigger": event["trigger"],
                                     "evidence": event["evidence"], "date": "2020-12-27", "match": None}]
        cited = [*event["participants"], *event["agenda"], event["location"], event["time"]]
        assert {item["article_id"] for item in cited if item} == {article["id"]}
        assert event["cameo"] == [{"code": "040", "name": "Consult, not specified below", "actor_role": None}]
        assert client.get(f"/events/{event['id']}").json == event


def test_without_url_the_text_is_the_article(client, row_counts):
    assert client.post("/events", json={"text": MEETING}).status_code == 201
    assert client.post("/events", json={"text": MEETING, "title": "عنوان آخر"}).status_code == 200
    assert client.post("/events", json={"text": MEETING + " "}).status_code == 201
    assert row_counts()["articles"] == 2


def test_with_url_the_url_is_the_article(client, row_counts):
    url = "https://www.example.com/news/42"
    first = client.post("/events", json={"text": MEETING, "url": url})
    edited = "نص معدل للمقال نفسه."
    second = client.post("/events", json={"text": edited, "url": url})
    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json["changed"] is True
    assert second.json["article"]["id"] == first.json["article"]["id"]
    assert second.json["article"]["text_sha256"] == hashlib.sha256(edited.encode("utf-8")).hexdigest()
    assert first.json["article"]["updated_at"] is None and second.json["article"]["updated_at"] is not None
    assert row_counts()["articles"] == 1


# --- GET /events ---------------------------------------------------------------

def test_list_is_newest_event_date_first_and_undated_last(client, stored):
    response = client.get("/events")
    assert response.status_code == 200
    assert labels(response, stored) == ["meeting", "call", "visit", "agreement"]
    assert response.json["total"] == 4
    assert response.json["next_offset"] is None


@pytest.mark.parametrize("query, expected", [
    ({"participant": "حماد"}, ["meeting"]),
    ({"participant": "اسامه حماد"}, ["meeting"]),                 # no hamza, ha for ta marbuta
    ({"participant": "رجب طيب اردوغان"}, ["call"]),               # alef without hamza
    ({"participant": "أردوغان"}, ["call"]),
    ({"participant": "باشـــاغا"}, ["agreement"]),                # tatweel
    ({"participant": "فَتْحِي"}, ["agreement"]),                   # diacritics
    ({"participant": "حما"}, []),                                  # whole words only
    ({"participant": "الدبيبة"}, ["call"]),
    ({"type": "call"}, ["call"]),
    ({"type": "meeting"}, ["meeting"]),
    ({"location": "القاهره"}, ["agreement"]),
    ({"location": "طرابلس"}, ["visit"]),
    ({"country": "LBY"}, ["meeting", "visit"]),
    ({"country": "egy"}, ["agreement"]),
    ({"date_from": "2021-04-01"}, ["meeting", "call"]),
    ({"date_to": "2021-03-31"}, ["visit"]),
    ({"date_from": "2021-03-01", "date_to": "2021-04-30"}, ["call", "visit"]),
    ({"date_from": "2021-03-21", "date_to": "2021-03-21"}, ["visit"]),
    ({"url": VISIT_URL}, ["visit"]),
    ({"url": "https://www.example.com/not-stored"}, []),
    ({"q": "الهجرة"}, ["visit"]),
    ({"q": "التعاون الاقتصادي"}, ["call"]),
    ({"q": "الاقتصادي الهجرة"}, []),                              # every word must match
    ({"q": "الارهاب"}, ["agreement"]),
    ({"type": "meeting", "country": "LBY", "participant": "باتيلي"}, ["meeting"]),
])
def test_filters(client, stored, query, expected):
    response = client.get("/events", query_string=query)
    assert response.status_code == 200
    assert labels(response, stored) == expected
    assert response.json["total"] == len(expected)


def test_pages_carry_the_total_and_the_next_offset(client, stored):
    first = client.get("/events", query_string={"limit": 2})
    assert labels(first, stored) == ["meeting", "call"]
    assert (first.json["total"], first.json["limit"], first.json["offset"], first.json["next_offset"]) == (4, 2, 0, 2)

    second = client.get("/events", query_string={"limit": 2, "offset": first.json["next_offset"]})
    assert labels(second, stored) == ["visit", "agreement"]
    assert second.json["next_offset"] is None

    beyond = client.get("/events", query_string={"offset": 50})
    assert beyond.json["items"] == [] and beyond.json["total"] == 4 and beyond.json["next_offset"] is None


def test_listed_events_say_which_article_reports_them(client, stored):
    item = client.get("/events", query_string={"url": VISIT_URL}).json["items"][0]
    assert item["reports"][0]["url"] == VISIT_URL
    assert VISIT[item["trigger"]["start"]:item["trigger"]["end"]] == "استقبل"
    assert item["participants"][1]["name"] == "لويجي دي مايو"


@pytest.mark.parametrize("query, field", [
    ({"limit": 10 ** 9}, "limit"),
    ({"limit": 0}, "limit"),
    ({"limit": 101}, "limit"),
    ({"limit": "ten"}, "limit"),
    ({"offset": -1}, "offset"),
    ({"offset": 10 ** 12}, "offset"),
    ({"date_from": "2020-02-30"}, "date_from"),
    ({"date_to": "yesterday"}, "date_to"),
    ({"date_from": "2021-05-01", "date_to": "2021-04-01"}, "date_from"),
    ({"type": "party"}, "type"),
    ({"country": "EGYPT"}, "country"),
    ({"participant": ""}, "participant"),
    ({"participant": "حفتر\x00"}, "participant"),
    ({"q": "و" * 201}, "q"),
    ({"url": "'; DROP TABLE events; --"}, "url"),
    ({"participants": "حفتر"}, "participants"),
])
def test_bad_queries_are_422_with_the_field_named(client, stored, row_counts, query, field):
    before = row_counts()
    response = client.get("/events", query_string=query)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert field in response.json["errors"]
    assert row_counts() == before


def test_sql_and_html_in_filters_are_just_words(client, stored):
    for query in ({"participant": "' OR '1'='1"}, {"q": "%' OR 1=1 --"}, {"location": "<script>alert(1)</script>"},
                  {"q": "_"}, {"participant": "%"}):
        response = client.get("/events", query_string=query)
        assert response.status_code == 200
        assert response.json["total"] == 0, query


# --- GET / DELETE /events/{id} -------------------------------------------------

def test_get_one_event(client, stored):
    response = client.get(f"/events/{stored['call']}")
    assert response.status_code == 200
    assert response.json["id"] == stored["call"] and response.json["type"] == "call"
    assert response.json["time"]["date"] == "2021-04-11"


@pytest.mark.parametrize("path", ["/events/0", "/events/2147483647", "/events/99999999999999999999",
                                  "/events/abc", "/events/-1", "/events/1.5"])
def test_unknown_event_ids_are_404(client, stored, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"


def test_delete_removes_the_event_but_keeps_its_article(client, stored, row_counts):
    before = row_counts()
    response = client.delete(f"/events/{stored['visit']}")
    assert response.status_code == 204 and response.data == b""
    after = row_counts()
    assert after["events"] == before["events"] - 1
    assert after["event_reports"] == before["event_reports"] - 1
    assert after["event_participants"] == before["event_participants"] - 2
    assert after["articles"] == before["articles"] and after["participants"] == before["participants"]

    assert client.get(f"/events/{stored['visit']}").status_code == 404
    assert client.delete(f"/events/{stored['visit']}").status_code == 404
    assert labels(client.get("/events"), stored) == ["meeting", "call", "agreement"]

    # The article is still known: posting it again stores nothing and does not bring the event back.
    again = client.post("/events", json={"text": VISIT, "url": VISIT_URL})
    assert again.status_code == 200 and again.json["events"] == []
    assert row_counts() == after


def test_created_at_is_a_utc_timestamp(client, stored):
    created = dt.datetime.fromisoformat(client.get(f"/events/{stored['meeting']}").json["created_at"])
    assert created.utcoffset() == dt.timedelta(0)
    assert abs(dt.datetime.now(dt.timezone.utc) - created) < dt.timedelta(minutes=5)
