"""Editors' corrections over HTTP: PATCH /events/{id}, rejections, the audit trail, undo,
corrections outliving re-merging and re-extraction, and the gold export scored by the shared scorer."""
import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from conftest import SHARED, report

URL = "https://www.example.com/news/2020/12/27/menfi-lamamra"
MENFI_MEETING = report("محمد المنفي", "رمطان لعمامرة", agenda=("أمن الحدود المشتركة",),
                       people={"محمد المنفي": ("رئيس المجلس الرئاسي", "LBY")})
PUBLISHED = dt.date(2020, 12, 27)


def person_id(event, name):
    return next(p["person_id"] for p in event["participants"] if p["name"] == name)


@pytest.fixture
def event(client, store_events):
    text, extracted = MENFI_MEETING
    stored = store_events(text, [extracted], url=URL, published_at=PUBLISHED)["events"][0]
    return client.get(f"/events/{stored['id']}").json


def patch(client, event_id, body, **kwargs):
    return client.patch(f"/events/{event_id}", json=body, **kwargs)


def test_a_correction_changes_what_every_endpoint_returns(client, event):
    body = {"type": "visit",
            "participants": {"remove": [person_id(event, "رمطان لعمامرة")],
                             "add": [{"name": "صبري بوقادوم", "title": "وزير الخارجية", "country": "dza",
                                      "role": "visitor"}],
                             "update": [{"person_id": person_id(event, "محمد المنفي"), "role": "host"}]},
            "location": {"name": "بنغازي", "venue": "قصر المنار", "country": "LBY"},
            "date": "2020-12-26",
            "agenda": {"remove": ["أمن الحدود المشتركة"], "add": ["إعادة فتح الحدود البرية"]},
            "note": "الخبر يذكر بوقادوم لا لعمامرة"}
    response = patch(client, event["id"], body)
    assert response.status_code == 200, response.json
    correction, corrected = response.json["correction"], response.json["event"]

    assert corrected["type"] == "visit"
    assert [(p["name"], p["role"], p["country"]) for p in corrected["participants"]] == [
        ("محمد المنفي", "host", "LBY"), ("صبري بوقادوم", "visitor", "DZA")]
    added = corrected["participants"][1]
    assert (added["article_id"], added["mentions"], added["correction_id"]) == (None, [], correction["id"])
    assert corrected["location"] == {"text": "قصر المنار", "start": None, "end": None, "article_id": None,
                                     "correction_id": correction["id"], "name": "بنغازي", "venue": "قصر المنار",
                                     "country": "LBY"}
    assert (corrected["time"]["date"], corrected["time"]["precision"]) == ("2020-12-26", "day")
    assert [item["text"] for item in corrected["agenda"]] == ["إعادة فتح الحدود البرية"]
    assert corrected["corrections"] == [correction["id"]]
    assert [code["code"] for code in corrected["cameo"]] == ["042", "043"]

    assert client.get(f"/events/{event['id']}").json == corrected
    assert client.get("/events", query_string={"participant": "بوقادوم"}).json["total"] == 1
    assert client.get("/events", query_string={"participant": "لعمامرة"}).json["total"] == 0
    assert client.get("/events", query_string={"type": "visit", "location": "بنغازي", "date_to": "2020-12-26",
                                               "q": "الحدود البرية"}).json["total"] == 1
    (row,) = csv.DictReader(io.StringIO(client.get("/events/export.csv").data.decode("utf-8-sig")))
    assert (row["type"], row["date"], row["location"]) == ("visit", "2020-12-26", "بنغازي")
    assert "صبري بوقادوم" in row["participants"] and "لعمامرة" not in row["participants"]
    people = {p["name"]: p for p in client.get("/people").json["items"]}
    assert set(people) == {"محمد المنفي", "صبري بوقادوم"}
    assert people["صبري بوقادوم"]["titles"] == ["وزير الخارجية"]
    graph = client.get("/graph").json
    assert {node["name"] for node in graph["nodes"]} == {"محمد المنفي", "صبري بوقادوم"}

    assert correction["before"]["participants"][1]["name"] == "رمطان لعمامرة"
    assert correction["after"] == {
        "type": "visit", "participants": [
            {"name": "محمد المنفي", "role": "host", "title": "رئيس المجلس الرئاسي", "country": "LBY"},
            {"name": "صبري بوقادوم", "role": "visitor", "title": "وزير الخارجية", "country": "DZA"}],
        "location": {"name": "بنغازي", "venue": "قصر المنار", "country": "LBY"}, "date": "2020-12-26",
        "agenda": ["إعادة فتح الحدود البرية"], "rejected": False}
    assert correction["changes"]["participants"]["remove"] == ["رمطان لعمامرة"]
    assert correction["note"] == body["note"] and correction["author"] is None


def test_undo_brings_the_event_back_as_extracted_and_keeps_the_trail(client, event):
    first = patch(client, event["id"], {"type": "call"}).json["correction"]
    second = patch(client, event["id"], {"date": None}).json
    assert (second["event"]["type"], second["event"]["time"]) == ("call", None)

    undone = client.post(f"/corrections/{first['id']}/undo")
    assert undone.status_code == 200
    assert undone.json["correction"]["undone_at"] is not None
    assert (undone.json["event"]["type"], undone.json["event"]["time"]) == ("meeting", None)
    assert undone.json["event"]["corrections"] == [second["correction"]["id"]]

    client.post(f"/corrections/{second['correction']['id']}/undo")
    assert client.get(f"/events/{event['id']}").json == event

    trail = client.get("/corrections", query_string={"event_id": event["id"]}).json
    assert trail["total"] == 2
    assert [c["id"] for c in trail["items"]] == [second["correction"]["id"], first["id"]]
    assert all(c["undone_at"] for c in trail["items"])
    again = client.post(f"/corrections/{first['id']}/undo")
    assert again.status_code == 409 and again.mimetype == "application/problem+json"
    assert client.get(f"/corrections/{first['id']}").json["kind"] == "edit"


def test_a_rejected_event_leaves_lists_exports_people_and_graph(client, event):
    response = client.post(f"/events/{event['id']}/reject", json={"note": "خبر قديم"})
    assert response.status_code == 200
    assert response.json["event"]["rejected"] is True
    assert client.get(f"/events/{event['id']}").json["rejected"] is True
    assert client.get("/events").json["total"] == 0
    assert client.get("/events/export.csv").headers["X-Total-Count"] == "0"
    assert client.get("/people").json["total"] == 0
    assert client.get("/graph").json["nodes"] == []
    assert client.post(f"/events/{event['id']}/reject", json={}).status_code == 409

    client.post(f"/corrections/{response.json['correction']['id']}/undo")
    assert client.get("/events").json["total"] == 1
    assert "rejected" not in client.get(f"/events/{event['id']}").json


def test_corrections_outlive_a_new_report_and_the_article_extracted_again(client, event, store_events):
    correction = patch(client, event["id"], {"participants": {"add": [{"name": "صبري بوقادوم"}]}}).json["correction"]

    # Another outlet's report of the same meeting joins the event: the correction stays.
    text, other = report("محمد المنفي", "رمطان لعمامرة", agenda=("التعاون الاقتصادي",))
    store_events(text, [other], url="https://www.example.org/menfi", published_at=PUBLISHED)
    joined = client.get(f"/events/{event['id']}").json
    assert len(joined["reports"]) == 2
    assert "صبري بوقادوم" in [p["name"] for p in joined["participants"]]

    # Both articles deleted: the event goes, its correction waits; the first article stored
    # again (extracted anew) makes a new event that takes the correction up.
    for report_ in joined["reports"]:
        assert client.delete(f"/articles/{report_['article_id']}").status_code == 204
    assert client.get(f"/corrections/{correction['id']}").json["event_id"] is None
    text, extracted = MENFI_MEETING
    again = store_events(text, [extracted], url=URL, published_at=PUBLISHED)["events"][0]
    assert again["corrections"] == [correction["id"]]
    assert [p["name"] for p in again["participants"]] == ["محمد المنفي", "رمطان لعمامرة", "صبري بوقادوم"]
    assert client.get(f"/corrections/{correction['id']}").json["event_id"] == again["id"]


def test_the_author_is_the_api_keys_name(make_app, event):
    client = make_app(API_KEYS=("k-alice-1", "k-bob-2"), API_KEY_NAMES=("alice",)).test_client()
    assert patch(client, event["id"], {"type": "call"}).status_code == 401
    by_alice = patch(client, event["id"], {"type": "call"}, headers={"X-API-Key": "k-alice-1"}).json
    assert by_alice["correction"]["author"] == "alice"
    undone = client.post(f"/corrections/{by_alice['correction']['id']}/undo",
                         headers={"Authorization": "Bearer k-bob-2"}).json["correction"]
    assert undone["undone_by"].startswith("key-") and "k-bob-2" not in json.dumps(undone)


@pytest.mark.parametrize("body, field", [
    ({}, "_schema"), ({"note": "لا شيء"}, "_schema"), ({"type": "party"}, "type"),
    ({"date": "2020-02-30"}, "date"), ({"colour": "red"}, "colour"),
    ({"participants": {"remove": [999999]}}, "participants"),
    ({"participants": {"update": [{"person_id": 1}]}}, "participants"),
    ({"participants": {"add": [{"name": "  "}]}}, "participants"),
    ({"location": {"venue": "فندق"}}, "location"),
])
def test_bad_corrections_are_422_and_change_nothing(client, event, row_counts, body, field):
    before = row_counts()
    response = patch(client, event["id"], body)
    assert response.status_code == 422, response.json
    assert response.mimetype == "application/problem+json"
    assert field in response.json["errors"]
    assert row_counts() == before
    assert client.get(f"/events/{event['id']}").json == event


def test_unknown_ids_are_404(client, event):
    assert patch(client, event["id"] + 1000, {"type": "call"}).status_code == 404
    assert client.post(f"/events/{event['id'] + 1000}/reject", json={}).status_code == 404
    assert client.post("/corrections/4242/undo").status_code == 404
    assert client.get("/corrections/4242").status_code == 404


def gold_as_prediction(gold: dict) -> dict:
    """A scorer prediction line saying exactly what the gold line says."""
    return {"id": gold["id"], "events": [
        {"type": e["type"], "participants": [forms[0] for forms in e["participants"]],
         "location": (e["location"] or [None])[0], "date": e["date"], "agenda": e["agenda"]}
        for e in gold["events"]]}


def test_corrected_events_export_as_gold_that_scores_1_against_itself(client, event, store_events, tmp_path):
    # A second article with two events: one corrected, one rejected; a third, uncorrected, is not exported.
    meeting_text, meeting = report("عبد الحميد الدبيبة", "رجب طيب أردوغان", place=("أنقرة", "TUR"),
                                   agenda=("التعاون العسكري",))
    call_text, call = report("خالد المشري", "أحمد أبو الغيط", type="call", place=None)
    second = store_events(meeting_text + " " + call_text,
                          [meeting, {**call, **shifted(call, len(meeting_text) + 1)}], published_at=PUBLISHED)
    uncorrected_text, uncorrected = report("عقيلة صالح", "ستيفاني وليامز")
    store_events(uncorrected_text, [uncorrected], published_at=PUBLISHED)
    patch(client, event["id"], {"agenda": {"add": ["الانتخابات الرئاسية"]}})
    kept, dropped = second["events"]
    patch(client, kept["id"], {"participants": {"add": [{"name": "أسامة حماد"}]}})
    client.post(f"/events/{dropped['id']}/reject", json={})

    response = client.get("/corrections/export.jsonl")
    assert response.status_code == 200 and response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.data.decode("utf-8").splitlines()]
    assert [line["events"][0]["participants"] for line in lines] == [
        [["محمد المنفي"], ["رمطان لعمامرة"]], [["عبد الحميد الدبيبة"], ["رجب طيب أردوغان"], ["أسامة حماد"]]]
    assert [len(line["events"]) for line in lines] == [1, 1]
    first = lines[0]
    assert (first["source_url"], first["published_at"], first["text"]) == (URL, "2020-12-27", MENFI_MEETING[0])
    assert first["events"][0] == {"type": "meeting", "participants": [["محمد المنفي"], ["رمطان لعمامرة"]],
                                  "location": ["طرابلس"], "date": "2020-12-27",
                                  "agenda": ["أمن الحدود المشتركة", "الانتخابات الرئاسية"], "optional": False}

    gold, predictions = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_bytes(response.data)
    predictions.write_text("".join(json.dumps(gold_as_prediction(line), ensure_ascii=False) + "\n"
                                   for line in lines), encoding="utf-8")
    scored = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), "--pred",
                             str(predictions), "--json"], capture_output=True, text=True, check=True)
    metrics = json.loads(scored.stdout)
    assert metrics["overall"] == 1.0, metrics


def shifted(event: dict, by: int) -> dict:
    """The spans of an event moved ``by`` characters (its sentence placed later in an article)."""

    def move(span):
        return {**span, "start": span["start"] + by, "end": span["end"] + by} if span else span

    return {"trigger": move(event["trigger"]), "evidence": [move(s) for s in event["evidence"]],
            "agenda": [move(s) for s in event["agenda"]], "time": move(event["time"]),
            "location": move(event["location"]),
            "participants": [{**p, "mentions": [move(m) for m in p["mentions"]]} for p in event["participants"]]}


def store_report(store_events, *names, url, **kwargs):
    text, extracted = report(*names, **kwargs)
    return store_events(text, [extracted], url=url, published_at=PUBLISHED)


def test_a_merge_holds_through_re_extraction_and_undo_lets_matching_decide(client, event, store_events):
    # The same two people the same day in another city: matching keeps it apart.
    other_url = "https://www.example.org/menfi-benghazi"
    other = store_report(store_events, "محمد المنفي", "رمطان لعمامرة", place=("بنغازي", "LBY"), url=other_url)
    other_id, other_article = other["events"][0]["id"], other["article"]["id"]
    assert client.get("/events").json["total"] == 2

    merged = client.post(f"/events/{event['id']}/merge", json={"event_id": other_id, "note": "لقاء واحد"})
    assert merged.status_code == 200, merged.json
    assert [r["article_id"] for r in merged.json["event"]["reports"]] == [event["reports"][0]["article_id"],
                                                                         other_article]
    assert client.get(f"/events/{other_id}").status_code == 404
    assert client.get("/events").json["total"] == 1

    # The merged-in article stored anew joins the event again.
    assert client.delete(f"/articles/{other_article}").status_code == 204
    again = store_report(store_events, "محمد المنفي", "رمطان لعمامرة", place=("بنغازي", "LBY"), url=other_url)
    assert again["events"][0]["id"] == event["id"] and len(again["events"][0]["reports"]) == 2

    undone = client.post(f"/corrections/{merged.json['correction']['id']}/undo").json
    assert len(undone["event"]["reports"]) == 1
    assert client.get("/events").json["total"] == 2


def test_merging_an_event_with_itself_or_a_missing_one_is_422(client, event):
    for other in (event["id"], event["id"] + 1000):
        response = client.post(f"/events/{event['id']}/merge", json={"event_id": other})
        assert response.status_code == 422 and "event_id" in response.json["errors"]


def test_a_split_holds_through_re_extraction_and_undo_puts_the_report_back(client, event, store_events):
    second_url = "https://www.example.org/menfi-lamamra-talks"
    second = store_report(store_events, "محمد المنفي", "رمطان لعمامرة", agenda=("التعاون الاقتصادي",),
                          url=second_url)
    second_article = second["article"]["id"]
    assert len(client.get(f"/events/{event['id']}").json["reports"]) == 2

    split = client.post(f"/events/{event['id']}/split", json={"article_id": second_article})
    assert split.status_code == 200, split.json
    assert [r["article_id"] for r in split.json["event"]["reports"]] == [event["reports"][0]["article_id"]]
    alone_id = split.json["correction"]["changes"]["split_event_id"]
    alone = client.get(f"/events/{alone_id}").json
    assert [r["article_id"] for r in alone["reports"]] == [second_article]
    assert client.get("/events").json["total"] == 2

    # Stored anew, the article's report matches the event again, and is split off again.
    assert client.delete(f"/articles/{second_article}").status_code == 204
    store_report(store_events, "محمد المنفي", "رمطان لعمامرة", agenda=("التعاون الاقتصادي",), url=second_url)
    assert len(client.get(f"/events/{event['id']}").json["reports"]) == 1
    assert client.get("/events").json["total"] == 2

    undone = client.post(f"/corrections/{split.json['correction']['id']}/undo").json
    assert len(undone["event"]["reports"]) == 2
    assert client.get("/events").json["total"] == 1
    only = client.post(f"/events/{event['id']}/split", json={"article_id": 999999})
    assert only.status_code == 422 and "article_id" in only.json["errors"]
