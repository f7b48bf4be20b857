"""Arabic examples for the OpenAPI contract, with offsets computed from the example text."""
from __future__ import annotations

import json
from pathlib import Path

TEXT = ("التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة، "
        "وبحث الجانبان سبل دعم وقف إطلاق النار في ليبيا.")
TITLE = "السيسي يستقبل حفتر في القاهرة"
URL = "https://www.example.com/news/2020/12/27/sisi-haftar"
PUBLISHED_AT = "2020-12-27"


# A second outlet's report of the same meeting (the stored event's second report).
TEXT_2 = ("استقبل الرئيس عبد الفتاح السيسي، الأحد، القائد العام للجيش الليبي خليفة حفتر في قصر الاتحادية "
          "بالقاهرة، وتناول اللقاء تطورات الأوضاع في ليبيا.")
TITLE_2 = "السيسي يبحث مع حفتر تطورات الأوضاع في ليبيا"
URL_2 = "https://news.example.org/2020/12/27/sisi-receives-haftar"
BASE_URL = "http://127.0.0.1:8000/"


def span(fragment: str, text: str = TEXT) -> dict:
    start = text.index(fragment)
    return {"text": fragment, "start": start, "end": start + len(fragment)}


ARTICLE_REQUEST = {"text": TEXT, "title": TITLE, "published_at": PUBLISHED_AT, "url": URL}

# What the service answers for ARTICLE_REQUEST, written by a real extraction
# (``python -m api.examples`` rewrites it); a test keeps it true.
EXTRACTION_FILE = Path(__file__).with_name("extract_example.json")
EXTRACTION = json.loads(EXTRACTION_FILE.read_text(encoding="utf-8"))
EVENT = EXTRACTION["events"][0]

ARTICLE = {
    "id": 12, "url": URL, "title": TITLE, "published_at": PUBLISHED_AT,
    "text_sha256": "3f0a5d1c0b7e9a2d4c6b8e1f2a3c5d7e9f1b2c4d6e8f0a1b3c5d7e9f1a2b4c6d",
    "characters": len(TEXT), "extractor_version": "0.1.0", "created_at": "2020-12-27T14:05:09+00:00",
    "updated_at": None,
}


def _cited(item: dict, article_id: int = 12) -> dict:
    return {**item, "article_id": article_id}


SISI, HAFTAR = EVENT["participants"]
STORED_EVENT = {
    **EVENT,
    "participants": [{**_cited(SISI), "kind": "person", "person_id": 7},
                     {**_cited(HAFTAR), "kind": "person", "person_id": 9}],
    "location": {"name": "القاهرة", "venue": "قصر الاتحادية", "country": "EGY",
                 **span("قصر الاتحادية", TEXT_2), "article_id": 13},
    "time": _cited(EVENT["time"]),
    "agenda": [_cited(EVENT["agenda"][0]), _cited(span("تطورات الأوضاع في ليبيا", TEXT_2), 13)],
    "id": 41,
    "cameo": [{"code": "040", "name": "Consult, not specified below", "actor_role": None}],
    "reports": [
        {"article_id": 12, "url": URL, "title": TITLE, "published_at": PUBLISHED_AT,
         "trigger": EVENT["trigger"], "evidence": EVENT["evidence"], "date": PUBLISHED_AT, "match": None},
        {"article_id": 13, "url": URL_2, "title": TITLE_2, "published_at": PUBLISHED_AT,
         "trigger": span("استقبل", TEXT_2), "evidence": [span(TEXT_2, TEXT_2)], "date": PUBLISHED_AT,
         "match": {"shared_participants": [{"name": "عبد الفتاح السيسي", "as_reported": "عبد الفتاح السيسي"},
                                           {"name": "خليفة حفتر", "as_reported": "خليفة حفتر"}],
                   "date": "same_day", "location": "same_place"}},
    ],
    "created_at": "2020-12-27T14:05:09+00:00",
}

STORED_ARTICLE = {"article": ARTICLE, "events": [STORED_EVENT]}
UPDATED_ARTICLE = {"article": {**ARTICLE, "updated_at": "2020-12-28T09:12:40+00:00"}, "events": [STORED_EVENT],
                   "changed": True}

EVENT_PAGE = {"items": [STORED_EVENT], "total": 1, "limit": 20, "offset": 0, "next_offset": None}

PERSON = {"id": 9, "name": "خليفة حفتر", "name_forms": ["خليفة حفتر", "حفتر"], "kind": "person",
          "titles": ["المشير", "القائد العام للجيش الليبي"], "organizations": [], "countries": ["LBY"],
          "event_count": 1, "first_date": PUBLISHED_AT, "last_date": PUBLISHED_AT}

PEOPLE_PAGE = {"items": [PERSON], "total": 1, "limit": 20, "offset": 0, "next_offset": None}

TIMELINE = {**EVENT_PAGE, "person": PERSON}

GRAPH = {
    "nodes": [{"id": 7, "name": "عبد الفتاح السيسي", "kind": "person", "countries": ["EGY"], "event_count": 1},
              {"id": 9, "name": "خليفة حفتر", "kind": "person", "countries": ["LBY"], "event_count": 1}],
    "edges": [{"source": 7, "target": 9, "event_count": 1, "first_date": PUBLISHED_AT, "last_date": PUBLISHED_AT,
               "events": [{"id": 41, "type": "meeting", "date": PUBLISHED_AT}]}],
    "events": 1, "total_events": 1,
}

HEALTH = {
    "status": "ok",
    "engine": EXTRACTION["engine"],
    "database": {"reachable": True, "backend": "sqlite", "schema_revision": "0004", "expected_revision": "0004"},
}

HEALTH_DATABASE_DOWN = {**HEALTH, "status": "unavailable",
                        "database": {"reachable": False, "backend": "postgresql", "schema_revision": None,
                                     "expected_revision": "0004"}}


def real_extraction(pipeline) -> dict:
    """The pipeline's answer for the example article, as /extract gives it."""
    return pipeline.extract(TEXT, title=TITLE, url=URL, published_at=PUBLISHED_AT)


if __name__ == "__main__":
    from extractors import get_pipeline

    # written in place: a shell redirect would empty the file this module reads at import
    EXTRACTION_FILE.write_text(json.dumps(real_extraction(get_pipeline()), ensure_ascii=False, indent=1) + "\n",
                               encoding="utf-8")
