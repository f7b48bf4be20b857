"""Events merged across articles over HTTP: the shared seeds, /articles, /people, /graph and
the exports, every answer checked against openapi.yaml by the test client."""
import csv
import datetime as dt
import io

import pytest

from conftest import report

BASHAGHA_AND_DELEGATION = {"فتحي باشاغا", "أيمن بديع", "محمد أبوبكر"}


def names(event) -> set:
    return {person["name"] for person in event["participants"]}


def events_with(client, *people) -> list[dict]:
    """Stored events naming all these people, oldest id first."""
    items = client.get("/events", query_string={"participant": people[0], "limit": 100}).json["items"]
    return sorted((e for e in items if set(people) <= names(e)), key=lambda e: e["id"])


def post(client, body) -> int:
    response = client.post("/events", json=body)
    assert response.status_code == 201, response.json
    return response.json["article"]["id"]


# --- the shared seeds ------------------------------------------------------------

def test_two_reports_of_the_egyptian_delegation_meeting_are_one_event(client, seed_articles):
    first, second = post(client, seed_articles["seed-000"]), post(client, seed_articles["seed-001"])

    (meeting,) = events_with(client, "فتحي باشاغا", "أيمن بديع", "محمد أبوبكر")
    assert meeting["type"] == "meeting" and meeting["time"]["date"] == "2020-12-27"
    assert meeting["location"]["name"] == "طرابلس"
    assert [(r["article_id"], r["published_at"]) for r in meeting["reports"]] == \
        [(first, "2020-12-30"), (second, "2020-12-27")]
    match = meeting["reports"][1]["match"]
    # both reports also name the deputy minister, as the gold annotation does
    assert {shared["name"] for shared in match["shared_participants"]} == BASHAGHA_AND_DELEGATION | {"عماد الطرابلسي"}
    assert (match["date"], match["location"]) == ("same_day", "same_place")
    # Each report's spans quote its own article.
    for report_, seed in zip(meeting["reports"], ("seed-000", "seed-001")):
        trigger = report_["trigger"]
        assert seed_articles[seed]["text"][trigger["start"]:trigger["end"]] == trigger["text"]
    # The delegation's meeting with Maitig that day, in the second article, is another event.
    (maitig,) = events_with(client, "أحمد معيتيق")
    assert [r["article_id"] for r in maitig["reports"]] == [second]
    # Both articles' answers now show the merged event.
    assert client.get(f"/articles/{first}").json["events"][0] == meeting


def test_the_december_and_august_akar_meetings_stay_apart(client, seed_articles):
    post(client, seed_articles["seed-002"])
    post(client, seed_articles["seed-003"])
    meetings = [e for e in events_with(client, "فتحي باشاغا", "خلوصي أكار") if e["type"] == "meeting"]
    assert sorted(e["time"]["date"] for e in meetings) == ["2020-08-17", "2020-12-26"]
    everything = client.get("/events", query_string={"limit": 100}).json["items"]
    assert all(len(e["reports"]) == 1 for e in everything)


def test_the_akar_meeting_reported_in_the_city_and_in_its_district_stays_two_events(client, seed_articles):
    """The first article names Tripoli, the later one a venue in Tajoura: two towns are two places
    to the identity rules (nothing tells them Tajoura lies in Tripoli), so the reports stay apart
    and an editor can merge them (POST /events/{id}/merge)."""
    december = post(client, seed_articles["seed-002"])
    later = post(client, seed_articles["seed-000"])
    meetings = [e for e in events_with(client, "فتحي باشاغا", "خلوصي أكار")
                if e["time"]["date"] == "2020-12-26" and e["type"] == "meeting"]
    assert sorted(r["article_id"] for e in meetings for r in e["reports"]) == [december, later]
    by_article = {e["reports"][0]["article_id"]: e for e in meetings}
    assert by_article[december]["location"]["name"] == "طرابلس"
    location = by_article[later]["location"]
    assert (location["venue"], location["name"], location["country"]) == \
        ("مقر الإدارة العامة للعمليات الأمنية بتاجوراء", "تاجوراء", "LBY")
    text = seed_articles["seed-000"]["text"]
    assert location["article_id"] == later and text[location["start"]:location["end"]] == location["text"]


def test_deleting_one_then_both_articles(client, seed_articles, row_counts):
    first, second = post(client, seed_articles["seed-000"]), post(client, seed_articles["seed-001"])
    (meeting,) = events_with(client, "فتحي باشاغا", "أيمن بديع")

    assert client.delete(f"/articles/{first}").status_code == 204
    (left,) = events_with(client, "فتحي باشاغا", "أيمن بديع")
    assert left["id"] == meeting["id"]
    assert [(r["article_id"], r["match"]) for r in left["reports"]] == [(second, None)]
    # made again from the second article's report alone: its participants are that report's
    alone = client.post("/extract", json=seed_articles["seed-001"]).json["events"]
    assert names(left) == next(names(e) for e in alone if "أيمن بديع" in names(e))
    assert client.get(f"/articles/{first}").status_code == 404

    assert client.delete(f"/articles/{second}").status_code == 204
    assert events_with(client, "فتحي باشاغا", "أيمن بديع") == []
    assert client.get(f"/events/{meeting['id']}").status_code == 404
    counts = row_counts()
    assert (counts["articles"], counts["events"], counts["event_reports"], counts["event_participants"]) == (0, 0, 0, 0)


def test_reposting_a_merged_article_stores_nothing(client, seed_articles, row_counts):
    post(client, seed_articles["seed-000"])
    second = client.post("/events", json=seed_articles["seed-001"])
    before = row_counts()
    again = client.post("/events", json=seed_articles["seed-001"])
    assert again.status_code == 200 and again.json == {**second.json, "changed": False}
    assert row_counts() == before


# --- /articles ------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["get", "delete"])
@pytest.mark.parametrize("path", ["/articles/0", "/articles/2147483647", "/articles/99999999999", "/articles/x"])
def test_unknown_articles_are_404(client, method, path):
    response = getattr(client, method)(path)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_deleting_an_article_needs_a_key(make_app, store_events, row_counts):
    sentence, event = report("فتحي باشاغا", "أيمن بديع")
    article_id = store_events(sentence, [event])["article"]["id"]
    client = make_app(API_KEYS=("k-articles-1",)).test_client()
    before = row_counts()
    assert client.delete(f"/articles/{article_id}").status_code == 401
    assert client.delete(f"/articles/{article_id}", headers={"X-API-Key": "wrong"}).status_code == 401
    assert row_counts() == before
    assert client.get(f"/articles/{article_id}").status_code == 200
    assert client.delete(f"/articles/{article_id}", headers={"X-API-Key": "k-articles-1"}).status_code == 204


# --- /people, timelines and the graph ------------------------------------------------

MINISTER = {"فتحي باشاغا": ("وزير الداخلية", "LBY"), "باشاغا": ("الوزير", None),
            "أيمن بديع": ("اللواء", "EGY"), "خلوصي أكار": ("وزير الدفاع", "TUR")}


@pytest.fixture
def stored(store_events):
    """Two reports of one December meeting, an August meeting, and a call: article ids by label."""
    articles = {
        "december": (report("فتحي باشاغا", "أيمن بديع", people=MINISTER, agenda=["التعاون الأمني"]), "2020-12-28"),
        "december_again": (report("باشاغا", "أيمن بديع", people=MINISTER, agenda=["الحوار السياسي"]), "2020-12-29"),
        "august": (report("فتحي باشاغا", "خلوصي أكار", date="2020-08-17", people=MINISTER), "2020-08-18"),
        "call": (report("عبد الحميد الدبيبة", "خلوصي أكار", type="call", date="2021-04-11", place=None,
                        people=MINISTER), "2021-04-12"),
    }
    ids = {}
    for label, ((sentence, event), published_at) in articles.items():
        ids[label] = store_events(sentence, [event], url=f"https://www.example.com/{label}",
                                  published_at=dt.date.fromisoformat(published_at))["article"]["id"]
    return ids


def person(client, name) -> dict:
    (found,) = [p for p in client.get("/people", query_string={"name": name}).json["items"] if p["name"] == name]
    return found


def test_people_with_name_forms_titles_countries_and_event_counts(client, stored):
    response = client.get("/people")
    assert response.status_code == 200
    people = {p["name"]: p for p in response.json["items"]}
    assert set(people) == {"فتحي باشاغا", "أيمن بديع", "خلوصي أكار", "عبد الحميد الدبيبة"}
    assert response.json["total"] == 4 and response.json["items"][0]["name"] == "فتحي باشاغا"
    bashagha = people["فتحي باشاغا"]
    assert bashagha["name_forms"] == ["فتحي باشاغا", "باشاغا"]      # the most used form first
    assert bashagha["titles"] == ["وزير الداخلية", "الوزير"] and bashagha["countries"] == ["LBY"]
    assert (bashagha["event_count"], bashagha["first_date"], bashagha["last_date"]) == (2, "2020-08-17", "2020-12-27")
    assert bashagha["kind"] == "person"
    assert people["خلوصي أكار"]["event_count"] == 2 and people["أيمن بديع"]["event_count"] == 1
    assert client.get(f"/people/{bashagha['id']}").json == bashagha


@pytest.mark.parametrize("query, expected", [
    ({"name": "باشاغا"}, ["فتحي باشاغا"]),
    ({"name": "باشـاغا"}, ["فتحي باشاغا"]),
    ({"name": "باشا"}, []),                       # whole words
    ({"country": "TUR"}, ["خلوصي أكار"]),
    ({"country": "egy"}, ["أيمن بديع"]),
])
def test_people_filters(client, stored, query, expected):
    assert [p["name"] for p in client.get("/people", query_string=query).json["items"]] == expected


def test_people_pages(client, stored):
    first = client.get("/people", query_string={"limit": 3}).json
    assert (len(first["items"]), first["total"], first["next_offset"]) == (3, 4, 3)
    rest = client.get("/people", query_string={"limit": 3, "offset": 3}).json
    assert len(rest["items"]) == 1 and rest["next_offset"] is None
    assert {p["id"] for p in first["items"]}.isdisjoint(p["id"] for p in rest["items"])


def test_a_persons_timeline_is_oldest_first(client, stored):
    akar = person(client, "خلوصي أكار")
    response = client.get(f"/people/{akar['id']}/events")
    assert response.status_code == 200
    assert response.json["person"] == akar
    assert [(e["type"], e["time"]["date"]) for e in response.json["items"]] == \
        [("meeting", "2020-08-17"), ("call", "2021-04-11")]
    filtered = client.get(f"/people/{akar['id']}/events", query_string={"type": "call"}).json
    assert [e["type"] for e in filtered["items"]] == ["call"] and filtered["total"] == 1
    later = client.get(f"/people/{akar['id']}/events", query_string={"date_from": "2021-01-01"}).json
    assert [e["time"]["date"] for e in later["items"]] == ["2021-04-11"]


@pytest.mark.parametrize("path", ["/people/0", "/people/0/events", "/people/2147483647/events", "/people/x"])
def test_unknown_people_are_404(client, stored, path):
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "application/problem+json"


def test_the_graph_joins_people_who_met(client, stored):
    graph = client.get("/graph").json
    ids = {node["name"]: node["id"] for node in graph["nodes"]}
    assert (graph["events"], graph["total_events"]) == (3, 3)
    edges = {frozenset((e["source"], e["target"])): e for e in graph["edges"]}
    assert set(edges) == {frozenset((ids["فتحي باشاغا"], ids["أيمن بديع"])),
                          frozenset((ids["فتحي باشاغا"], ids["خلوصي أكار"])),
                          frozenset((ids["عبد الحميد الدبيبة"], ids["خلوصي أكار"]))}
    december = edges[frozenset((ids["فتحي باشاغا"], ids["أيمن بديع"]))]
    assert december["event_count"] == 1                     # two reports, one meeting
    assert (december["first_date"], december["last_date"]) == ("2020-12-27", "2020-12-27")
    assert [e["type"] for e in december["events"]] == ["meeting"]
    bashagha = next(n for n in graph["nodes"] if n["name"] == "فتحي باشاغا")
    assert (bashagha["event_count"], bashagha["countries"], bashagha["kind"]) == (2, ["LBY"], "person")


@pytest.mark.parametrize("query, pairs", [
    ({"date_from": "2020-12-01", "date_to": "2020-12-31"}, {("فتحي باشاغا", "أيمن بديع")}),
    ({"date_to": "2020-09-01"}, {("فتحي باشاغا", "خلوصي أكار")}),
    ({"country": "LBY"}, {("فتحي باشاغا", "أيمن بديع"), ("فتحي باشاغا", "خلوصي أكار")}),
    ({"participant_country": "EGY"}, {("فتحي باشاغا", "أيمن بديع")}),
    ({"type": "call"}, {("عبد الحميد الدبيبة", "خلوصي أكار")}),
    ({"limit": 1}, {("عبد الحميد الدبيبة", "خلوصي أكار")}),             # the newest event only
    ({"country": "EGY"}, set()),
])
def test_graph_filters(client, stored, query, pairs):
    graph = client.get("/graph", query_string=query).json
    by_id = {node["id"]: node["name"] for node in graph["nodes"]}
    assert {frozenset((by_id[e["source"]], by_id[e["target"]])) for e in graph["edges"]} == \
        {frozenset(pair) for pair in pairs}


# --- exports ----------------------------------------------------------------------

def test_jsonld_export_describes_schema_org_events(client, stored):
    response = client.get("/events/export.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert response.headers["X-Total-Count"] == "3"
    document = response.json
    assert document["@context"] == "https://schema.org"
    listed = client.get("/events").json["items"]
    assert [e["@id"].rsplit("/", 1)[1] for e in document["@graph"]] == [str(e["id"]) for e in listed]
    december = document["@graph"][1]
    assert december["@type"] == "Event" and december["startDate"] == "2020-12-27"
    assert december["name"] == "لقاء: فتحي باشاغا، أيمن بديع"
    assert december["location"] == {"@type": "Place", "name": "طرابلس",
                                    "address": {"@type": "PostalAddress", "addressLocality": "طرابلس",
                                                "addressCountry": "LBY"}}
    assert [(a["@type"], a["name"], a.get("jobTitle")) for a in december["attendee"]] == \
        [("Person", "فتحي باشاغا", "وزير الداخلية"), ("Person", "أيمن بديع", "اللواء")]
    assert december["attendee"][0]["@id"].endswith(f"/people/{person(client, 'فتحي باشاغا')['id']}")
    assert [(a["@type"], a["url"], a["datePublished"]) for a in december["subjectOf"]] == \
        [("NewsArticle", "https://www.example.com/december", "2020-12-28"),
         ("NewsArticle", "https://www.example.com/december_again", "2020-12-29")]
    assert december["about"][0]["termCode"] == "040" and december["description"] == "التعاون الأمني؛ الحوار السياسي"
    assert "location" not in document["@graph"][0]           # the call has no place


def read_csv(response) -> list[dict]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode("utf-8"))
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def test_csv_export_has_a_row_per_event(client, stored):
    rows = read_csv(client.get("/events/export.csv"))
    assert [row["id"] for row in rows] == [str(e["id"]) for e in client.get("/events").json["items"]]
    call, december, august = rows
    assert (december["type"], december["cameo_code"], december["date"], december["location_country"]) == \
        ("meeting", "040", "2020-12-27", "LBY")
    assert december["participants"] == "فتحي باشاغا | أيمن بديع"
    assert december["participant_countries"] == "EGY | LBY"
    assert december["report_count"] == "2" and december["first_published_at"] == "2020-12-28"
    assert december["urls"] == "https://www.example.com/december | https://www.example.com/december_again"
    assert (call["cameo_code"], call["cameo_name"], call["location"]) == ("041", "Discuss by telephone", "")


@pytest.mark.parametrize("query, expected", [
    ({"type": "meeting"}, 2),
    ({"date_from": "2021-01-01"}, 1),
    ({"participant": "بديع"}, 1),
    ({"participant_country": "TUR"}, 2),
    ({"limit": 1, "offset": 1}, 1),
    ({"country": "EGY"}, 0),
])
def test_exports_honour_the_event_filters(client, stored, query, expected):
    listed = client.get("/events", query_string=query).json
    jsonld = client.get("/events/export.jsonld", query_string=query)
    rows = read_csv(client.get("/events/export.csv", query_string=query))
    assert len(jsonld.json["@graph"]) == len(rows) == len(listed["items"]) == expected
    assert [row["id"] for row in rows] == [str(e["id"]) for e in listed["items"]]
    assert jsonld.headers["X-Total-Count"] == str(listed["total"])


def test_csv_cells_never_start_a_formula(client, store_events):
    sentence, event = report("فتحي باشاغا", "أيمن بديع", agenda=["=HYPERLINK(\"https://evil.example\")"])
    store_events(sentence, [event])
    (row,) = read_csv(client.get("/events/export.csv"))
    assert row["agenda"] == "'=HYPERLINK(\"https://evil.example\")"


@pytest.mark.parametrize("path, query, field", [
    ("/events/export.csv", {"limit": 1001}, "limit"),
    ("/events/export.jsonld", {"format": "csv"}, "format"),
    ("/events/export.jsonld", {"date_from": "2021-05-01", "date_to": "2021-04-01"}, "date_from"),
    ("/people", {"limit": 0}, "limit"),
    ("/people", {"country": "Libya"}, "country"),
    ("/people", {"participant": "حفتر"}, "participant"),
    ("/people/1/events", {"q": "الهجرة"}, "q"),
    ("/graph", {"limit": 5001}, "limit"),
    ("/graph", {"participant_country": "LY"}, "participant_country"),
])
def test_bad_view_queries_are_422(client, stored, path, query, field):
    response = client.get(path, query_string=query)
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert field in response.json["errors"]


def test_views_need_a_key_when_reads_do(make_app, stored):
    client = make_app(API_KEYS=("k-reads-1",), API_KEYS_FOR_READS=True).test_client()
    for path in ("/people", "/people/1", "/people/1/events", "/graph", "/events/export.csv",
                 "/events/export.jsonld", "/articles/1"):
        assert client.get(path).status_code == 401, path
    assert client.get("/graph", headers={"X-API-Key": "k-reads-1"}).status_code == 200
