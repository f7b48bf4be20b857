"""Arabic examples for the OpenAPI contract, with offsets computed from the example text."""
from __future__ import annotations

TEXT = ("التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة، "
        "وبحث الجانبان سبل دعم وقف إطلاق النار في ليبيا.")
TITLE = "السيسي يستقبل حفتر في القاهرة"
URL = "https://www.example.com/news/2020/12/27/sisi-haftar"
PUBLISHED_AT = "2020-12-27"


def span(fragment: str) -> dict:
    start = TEXT.index(fragment)
    return {"text": fragment, "start": start, "end": start + len(fragment)}


ARTICLE_REQUEST = {"text": TEXT, "title": TITLE, "published_at": PUBLISHED_AT, "url": URL}

EVENT = {
    "type": "meeting",
    "trigger": span("التقى"),
    "participants": [
        {"name": "عبد الفتاح السيسي", "title": "الرئيس", "organization": None, "country": "EGY",
         "role": "host", "mentions": [span("عبد الفتاح السيسي")]},
        {"name": "خليفة حفتر", "title": "المشير", "organization": None, "country": "LBY",
         "role": "guest", "mentions": [span("خليفة حفتر")]},
    ],
    "location": {"name": "القاهرة", "venue": None, "country": "EGY", **span("القاهرة")},
    "time": {**span("اليوم الأحد"), "date": PUBLISHED_AT, "precision": "day"},
    "agenda": [span("سبل دعم وقف إطلاق النار في ليبيا")],
    "evidence": [span(TEXT)],
    "confidence": 0.92,
}

EXTRACTION = {
    "events": [EVENT],
    "document": {"title": TITLE, "url": URL, "published_at": PUBLISHED_AT, "characters": len(TEXT),
                 "tokens": 24, "sentences": 1},
    "engine": {"segmenter": "pyfarasa", "package": "PyFarasa", "memo_limit": 50000, "memo_size": 1432,
               "extractor_version": "0.1.0"},
}

ARTICLE = {
    "id": 12, "url": URL, "title": TITLE, "published_at": PUBLISHED_AT,
    "text_sha256": "3f0a5d1c0b7e9a2d4c6b8e1f2a3c5d7e9f1b2c4d6e8f0a1b3c5d7e9f1a2b4c6d",
    "characters": len(TEXT), "extractor_version": "0.1.0", "created_at": "2020-12-27T14:05:09+00:00",
}

STORED_EVENT = {
    "id": 41, **EVENT,
    "reports": [{"article_id": 12, "url": URL, "title": TITLE, "published_at": PUBLISHED_AT}],
    "created_at": "2020-12-27T14:05:09+00:00",
}

STORED_ARTICLE = {"article": ARTICLE, "events": [STORED_EVENT]}

EVENT_PAGE = {"items": [STORED_EVENT], "total": 1, "limit": 20, "offset": 0, "next_offset": None}

HEALTH = {
    "status": "ok",
    "engine": EXTRACTION["engine"],
    "database": {"reachable": True, "backend": "sqlite"},
}

HEALTH_DATABASE_DOWN = {**HEALTH, "status": "unavailable", "database": {"reachable": False, "backend": "postgresql"}}
