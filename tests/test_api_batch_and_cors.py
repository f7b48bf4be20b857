"""POST /extract/batch and /events/batch (a result or an error per article), and CORS by origin list."""
import pytest
from flask.testing import FlaskClient

from extractors import get_pipeline

MEETING = "استقبل رئيس مجلس النواب عقيلة صالح، اليوم الاثنين، السفير الفرنسي بياتريس لو فرابر في القبة."
CALL = "أجرى وزير الخارجية المصري سامح شكري اتصالاً هاتفياً بنظيرته الليبية نجلاء المنقوش، أمس."
KEY = "batch-key-77c1"


def test_extract_batch_answers_each_article_like_extract(client):
    articles = [{"text": MEETING, "published_at": "2021-03-15"}, {"text": "   "}, {"title": "بلا نص"},
                {"text": CALL, "published_at": "2021-05-02", "colour": "red"}, {"text": CALL}]
    response = client.post("/extract/batch", json={"articles": articles})
    assert response.status_code == 200
    items = response.json["items"]
    assert [(item["index"], item["status"]) for item in items] == [(0, 200), (1, 422), (2, 422), (3, 422), (4, 200)]
    assert (response.json["succeeded"], response.json["failed"]) == (2, 3)
    single = client.post("/extract", json=articles[0]).json
    assert items[0]["result"]["events"] == single["events"] and items[0]["result"]["events"]
    assert items[1]["error"]["errors"] == {"text": ["Text is empty or only whitespace."]}
    assert items[2]["error"]["errors"] == {"text": ["Missing data for required field."]}
    assert "colour" in items[3]["error"]["errors"]
    assert "error" not in items[0] and "result" not in items[1]


@pytest.mark.parametrize("body", [{}, {"articles": []}, {"articles": [{"text": CALL}] * 101},
                                  {"articles": {"text": CALL}}, {"articles": [], "more": 1},
                                  {"articles": [{"text": CALL}, "not an object"]}])
def test_a_malformed_batch_is_422_as_a_whole(client, body, row_counts):
    before = row_counts()
    for path in ("/extract/batch", "/events/batch"):
        response = client.post(path, json=body)
        assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert row_counts() == before


def test_events_batch_stores_the_good_articles_once(make_app, row_counts):
    client = make_app(API_KEYS=(KEY,)).test_client()
    body = {"articles": [{"text": MEETING, "published_at": "2021-03-15", "url": "https://www.example.com/a"},
                         {"text": ""}, {"text": CALL, "published_at": "2021-05-02"}]}
    assert client.post("/events/batch", json=body).status_code == 401
    first = client.post("/events/batch", json=body, headers={"X-API-Key": KEY}).json
    assert [item["status"] for item in first["items"]] == [201, 422, 201]
    assert row_counts()["articles"] == 2
    stored = first["items"][0]["result"]
    assert client.get(f"/articles/{stored['article']['id']}").json == stored

    again = client.post("/events/batch", json=body, headers={"X-API-Key": KEY}).json
    assert [item["status"] for item in again["items"]] == [200, 422, 200]
    assert again["items"][2]["result"] == {**first["items"][2]["result"], "changed": False}
    assert row_counts()["articles"] == 2


class BreaksOnTheWord:
    """The real pipeline, except that it fails on texts containing a given word."""

    def __init__(self, word):
        self.word, self.real = word, get_pipeline()
        self.engine = self.real.engine

    def extract(self, text, **kwargs):
        if self.word in text:
            raise RuntimeError("segmenter crashed")
        return self.real.extract(text, **kwargs)


def test_an_article_that_fails_does_not_fail_the_others(make_app, row_counts, service_logs):
    client = make_app(pipeline=BreaksOnTheWord("هاتفياً")).test_client()
    answer = client.post("/events/batch", json={"articles": [{"text": CALL}, {"text": MEETING}]}).json
    assert [item["status"] for item in answer["items"]] == [500, 201]
    assert answer["items"][0]["error"]["title"] == "Internal Server Error"
    assert row_counts()["articles"] == 1
    failure = [r for r in service_logs if r.getMessage() == "batch item failed"]
    assert failure and "هاتفياً" not in str(failure[0].__dict__)


def plain_client(app):
    """Statuses and headers only (OPTIONS answers are not operations of the contract)."""
    return FlaskClient(app, app.response_class)


def test_cors_is_off_by_default(make_app):
    client = plain_client(make_app())
    response = client.get("/events", headers={"Origin": "https://cms.example.com"})
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response.headers


def test_cors_allows_listed_origins_only(make_app):
    client = plain_client(make_app(CORS_ORIGINS=("https://cms.example.com",), API_KEYS=(KEY,)))
    allowed = client.get("/events", headers={"Origin": "https://cms.example.com"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://cms.example.com"
    assert "X-Total-Count" in allowed.headers["Access-Control-Expose-Headers"]
    assert "Origin" in allowed.headers["Vary"]
    other = client.get("/events", headers={"Origin": "https://evil.example.net"})
    assert "Access-Control-Allow-Origin" not in other.headers

    preflight = client.options("/events/batch", headers={
        "Origin": "https://cms.example.com", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-api-key, content-type"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["Access-Control-Allow-Methods"]
    assert "X-API-Key" in preflight.headers["Access-Control-Allow-Headers"]
    # Errors carry the header too, so a browser can read the problem details.
    refused = client.post("/events/batch", json={"articles": []}, headers={"Origin": "https://cms.example.com"})
    assert refused.status_code == 401
    assert refused.headers["Access-Control-Allow-Origin"] == "https://cms.example.com"
