"""POST /extract: the library's answer over HTTP, offsets intact, nothing stored."""
import pytest

from api.schemas import ExtractionSchema

MEETING = "التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة."
CALL = ("أجرى وزير الخارجية الليبي محمد سيالة اتصالاً هاتفياً مع نظيره التونسي عثمان الجرندي، "
        "بحثا خلاله تطورات الأوضاع في ليبيا.")


def spans_of(event: dict):
    """Every span an event carries, wherever it sits."""
    yield event["trigger"]
    yield from event["agenda"]
    yield from event["evidence"]
    for person in event["participants"]:
        yield from person["mentions"]
    for part in ("location", "time"):
        if event[part]:
            yield event[part]


def assert_offsets_quote_the_text(text: str, events: list) -> None:
    for event in events:
        for span in spans_of(event):
            assert text[span["start"]:span["end"]] == span["text"], span


def test_extract_returns_what_the_library_returns(client, pipeline):
    body = {"text": MEETING, "title": "السيسي يستقبل حفتر", "published_at": "2020-12-27",
            "url": "https://www.example.com/news/1"}
    response = client.post("/extract", json=body)

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    # The answer is the library's, seen through the contract (fields the library adds beyond
    # the documented interface are not part of the API).
    library = pipeline.extract(MEETING, title=body["title"], published_at="2020-12-27", url=body["url"])
    expected = ExtractionSchema().dump(library)
    assert response.json["events"] == expected["events"]
    assert response.json["document"] == expected["document"]
    assert response.json["engine"]["segmenter"] == library["engine"]["segmenter"]
    assert response.json["engine"]["extractor_version"] == library["engine"]["extractor_version"]
    assert_offsets_quote_the_text(MEETING, response.json["events"])


def test_extract_answers_arabic_as_utf8_not_escapes(client):
    title = "السيسي يستقبل حفتر"
    response = client.post("/extract", json={"text": MEETING, "title": title})
    assert response.status_code == 200
    assert title.encode("utf-8") in response.data


def test_extract_stores_nothing(client, row_counts):
    before = row_counts()
    assert client.post("/extract", json={"text": MEETING, "url": "https://www.example.com/x"}).status_code == 200
    assert row_counts() == before


@pytest.mark.parametrize("published_at, expected", [
    ("2020-12-27", "2020-12-27"),
    ("2020-12-27T09:30:00+02:00", "2020-12-27"),
    ("2020-12-27T23:10:00Z", "2020-12-27"),
    (None, None),
])
def test_extract_accepts_a_date_or_a_datetime(client, published_at, expected):
    response = client.post("/extract", json={"text": MEETING, "published_at": published_at})
    assert response.status_code == 200
    assert response.json["document"]["published_at"] == expected


@pytest.mark.parametrize("text", [
    "The meeting was postponed until further notice, 2020-12-27.",   # no Arabic at all
    "1234567890 ... !!!",
    CALL + " Reuters reported at 10:45 GMT (2020).",                    # Arabic, English and digits
    "\u202bالتقى\u202c الرئيس \u200fالمصري\u200f عبد الفتاح السيسي\u2066 المشير خليفة حفتر\u2069.",  # bidi controls
    "<script>alert('x')</script> التقى الرئيس <b>السيسي</b>'; DROP TABLE events; --",
])
def test_unusual_but_valid_text_gets_200_with_offsets_into_it(client, text):
    response = client.post("/extract", json={"text": text})
    assert response.status_code == 200
    assert response.json["document"]["characters"] == len(text)
    assert_offsets_quote_the_text(text, response.json["events"])


def test_text_without_arabic_has_no_events(client):
    response = client.post("/extract", json={"text": "Sisi met Haftar in Cairo on Sunday."})
    assert response.status_code == 200
    assert response.json["events"] == []


def test_sql_and_html_in_every_field_are_plain_data(client, row_counts):
    before = row_counts()
    body = {"text": MEETING + " <img src=x onerror=alert(1)> ' OR 1=1 --",
            "title": "\"; DELETE FROM articles; -- <h1>عنوان</h1>",
            "published_at": "2020-12-27",
            "url": "https://www.example.com/news?id=1'%20OR%20'1'='1&x=<script>"}
    response = client.post("/extract", json=body)
    assert response.status_code == 200
    assert response.json["document"]["title"] == body["title"]
    assert response.json["document"]["url"] == body["url"]
    assert row_counts() == before
