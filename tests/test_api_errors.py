"""Bad input, tried for real: a clear 4xx problem+json (or a correct 200), never a 500,
and nothing already stored changes."""
import json

import pytest

from extractors import get_pipeline

MEETING = "التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة."
JSON_TYPE = {"Content-Type": "application/json"}
PROBLEM_MEMBERS = {"type", "title", "status", "detail", "instance", "request_id"}


def body(**fields) -> dict:
    return {"data": json.dumps(fields), "headers": JSON_TYPE}


def raw(data, content_type="application/json") -> dict:
    headers = {"Content-Type": content_type} if content_type else {}
    return {"data": data, "headers": headers}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


# (case, request kwargs, status, field named in `errors` for a 422)
BAD_BODIES = [
    ("empty text", body(text=""), 422, "text"),
    ("whitespace-only text", body(text=" \n\t\u00a0\u3000 "), 422, "text"),
    ("missing text", body(title="عنوان"), 422, "text"),
    ("null text", body(text=None), 422, "text"),
    ("number as text", body(text=42), 422, "text"),
    ("list as text", body(text=[MEETING]), 422, "text"),
    ("object as title", body(text=MEETING, title={"ar": "عنوان"}), 422, "title"),
    ("title too long", body(text=MEETING, title="ع" * 1001), 422, "title"),
    ("url that is no url", body(text=MEETING, url="not a url"), 422, "url"),
    ("SQL as url", body(text=MEETING, url="'; DROP TABLE articles; --"), 422, "url"),
    ("javascript url", body(text=MEETING, url="javascript:alert(1)"), 422, "url"),
    ("ftp url", body(text=MEETING, url="ftp://example.com/a.txt"), 422, "url"),
    ("February 30", body(text=MEETING, published_at="2020-02-30"), 422, "published_at"),
    ("month 13", body(text=MEETING, published_at="2020-13-01"), 422, "published_at"),
    ("day-first date", body(text=MEETING, published_at="27/12/2020"), 422, "published_at"),
    ("number as date", body(text=MEETING, published_at=20201227), 422, "published_at"),
    ("empty date", body(text=MEETING, published_at=""), 422, "published_at"),
    ("unknown field", body(text=MEETING, language="ar"), 422, "language"),
    ("NUL in text", body(text="التقى\x00 الرئيس"), 422, "text"),
    ("NUL in title", body(text=MEETING, title="عنوان\x00"), 422, "title"),
    ("unpaired surrogate", raw(b'{"text": "\\ud800 \xd8\xa7\xd9\x84"}'), 422, "text"),
    ("nested JSON in a field", raw('{"text": "نص", "title": %s}' % nested(500)), 422, "title"),
    ("JSON array", raw(json.dumps([{"text": MEETING}])), 422, "_schema"),
    ("JSON null", raw("null"), 422, "_schema"),
    ("JSON string", raw(json.dumps(MEETING)), 422, "_schema"),
    ("JSON number", raw("3"), 422, "_schema"),
    ("malformed JSON", raw('{"text": "التقى'), 400, None),
    ("trailing garbage", raw('{"text": "نص"} x'), 400, None),
    ("empty body", raw(b""), 400, None),
    ("invalid UTF-8", raw(b'{"text": "\xd8\xa7\xff\xfe"}'), 400, None),
    ("UTF-16 body", raw(json.dumps({"text": MEETING}).encode("utf-16")), 400, None),
    ("deeply nested JSON", raw(nested(100_000)), 400, None),
    ("text/plain", raw(MEETING.encode(), "text/plain"), 415, None),
    ("no content type", raw(json.dumps({"text": MEETING}).encode(), None), 415, None),
    ("form fields", {"data": {"text": MEETING}}, 415, None),
    ("2 MB body", body(text="ا" * (2 * 1024 * 1024)), 413, None),
]


@pytest.fixture
def stored_before(client):
    """Something already stored that bad requests must not disturb."""
    response = client.post("/events", json={"text": MEETING, "url": "https://www.example.com/kept"})
    assert response.status_code == 201
    return response.json


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.data[:500]
    assert response.mimetype == "application/problem+json"
    problem = response.json
    assert PROBLEM_MEMBERS <= problem.keys()
    assert problem["status"] == status and problem["detail"]
    assert problem["request_id"] == response.headers["X-Request-ID"]
    return problem


@pytest.mark.parametrize("path", ["/extract", "/events"])
@pytest.mark.parametrize("case, request_kwargs, status, field", BAD_BODIES, ids=[c[0] for c in BAD_BODIES])
def test_bad_bodies(client, stored_before, row_counts, service_logs, path, case, request_kwargs, status, field):
    before = row_counts()
    response = client.post(path, **request_kwargs)

    problem = assert_problem(response, status)
    if field is not None:
        assert field in problem["errors"], problem
    assert row_counts() == before
    assert not [r for r in service_logs if r.name == "api.errors"], "reached the 500 handler"
    kept = client.get(f"/events/{stored_before['events'][0]['id']}") if stored_before["events"] else None
    assert kept is None or kept.status_code == 200


def test_validation_problems_carry_marshmallow_messages_per_field(client):
    response = client.post("/extract", json={"text": "   ", "published_at": "2020-02-30", "mood": "حزين"})
    problem = assert_problem(response, 422)
    assert problem["errors"] == {
        "text": ["Text is empty or only whitespace."],
        "published_at": ["Not a valid date or ISO 8601 date-time (e.g. 2020-12-27)."],
        "mood": ["Unknown field."],
    }
    assert "mood" in problem["detail"] and "published_at" in problem["detail"]


def test_text_longer_than_the_configured_limit_is_422(make_app, row_counts):
    client = make_app(MAX_TEXT_CHARS=50).test_client()
    problem = assert_problem(client.post("/events", json={"text": MEETING}), 422)
    assert problem["errors"]["text"] == ["Text is longer than the limit of 50 characters."]
    assert client.post("/extract", json={"text": MEETING[:50]}).status_code == 200
    assert row_counts()["articles"] == 0


def test_body_larger_than_the_configured_limit_is_413(make_app):
    client = make_app(MAX_CONTENT_LENGTH=2_000).test_client()
    problem = assert_problem(client.post("/extract", json={"text": "ا" * 1_500}), 413)
    assert "2000 bytes" in problem["detail"]
    assert client.post("/extract", json={"text": "ا" * 500}).status_code == 200


@pytest.mark.parametrize("method, path, allowed", [
    ("put", "/events", {"GET", "POST"}),
    ("put", "/events/1", {"GET", "DELETE", "PATCH"}),
    ("get", "/extract", {"POST"}),
    ("delete", "/extract", {"POST"}),
    ("post", "/health", {"GET"}),
])
def test_wrong_method_is_405_with_allow(client, method, path, allowed):
    response = getattr(client, method)(path)
    assert_problem(response, 405)
    assert allowed <= {m.strip() for m in response.headers["Allow"].split(",")}


@pytest.mark.parametrize("path", ["/event", "/events/", "/extract/now", "/docs/assets/nothing.js",
                                  "/%D8%A7%D8%AD%D8%AF%D8%A7%D8%AB"])
def test_unknown_route_is_404(client, path):
    assert_problem(client.get(path), 404)


class FailingPipeline:
    """A pipeline whose extraction breaks, to exercise the last-resort handler."""

    engine = get_pipeline().engine

    def extract(self, text, **kwargs):
        raise RuntimeError(f"segmenter crashed on {text!r}")


def test_an_unexpected_failure_is_a_500_problem_without_internals(make_app, row_counts, service_logs):
    client = make_app(pipeline=FailingPipeline()).test_client()
    before = row_counts()
    for path in ("/extract", "/events"):
        response = client.post(path, json={"text": MEETING})
        problem = assert_problem(response, 500)
        assert "crashed" not in response.get_data(as_text=True)
        assert MEETING not in response.get_data(as_text=True)
    assert row_counts() == before

    errors = [r for r in service_logs if r.name == "api.errors"]
    assert len(errors) == 2
    assert errors[-1].fields["error"] == "RuntimeError"
    assert errors[-1].fields["request_id"] == problem["request_id"]
    logged = json.dumps([r.fields for r in errors], ensure_ascii=False)
    assert "crashed" not in logged and "الرئيس" not in logged
