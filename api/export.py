"""Stored events for other tools: JSON-LD with schema.org ``Event``, and CSV.

Both take events as ``repository.event_resource`` gives them.
"""
from __future__ import annotations

import csv
import io

from .event_types import EVENT_TYPES

SCHEMA_ORG = "https://schema.org"
# schema.org type of an attendee, by the extractor's participant kind (default Person).
ATTENDEE_TYPES = {"person": "Person", "org": "Organization", "delegation": "Organization",
                  "country": "GovernmentOrganization", "city": "GovernmentOrganization"}
# How much of an ISO date a startDate keeps, by precision.
DATE_LENGTHS = {"day": 10, "month": 7, "year": 4}
CSV_COLUMNS = ("id", "type", "cameo_code", "cameo_name", "date", "date_precision", "location", "venue",
               "location_country", "participants", "participant_countries", "agenda", "report_count",
               "urls", "first_published_at", "confidence", "created_at")
LIST_SEPARATOR = " | "
# A spreadsheet would run a cell starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- JSON-LD -------------------------------------------------------------------


def jsonld_document(events: list[dict], base_url: str) -> dict:
    """``base_url``: the service's root URL (ending in /), for the events' and people's ids."""
    return {"@context": SCHEMA_ORG, "@graph": [jsonld_event(event, base_url) for event in events]}


def jsonld_event(event: dict, base_url: str) -> dict:
    document = {
        "@type": "Event", "@id": f"{base_url}events/{event['id']}", "identifier": str(event["id"]),
        "name": event_name(event), "startDate": _start_date(event.get("time")),
        "location": _place(event.get("location")),
        "attendee": [_attendee(person, base_url) for person in event["participants"]],
        "description": "؛ ".join(item["text"] for item in event["agenda"]) or None,
        "about": [{"@type": "DefinedTerm", "termCode": code["code"], "name": code["name"],
                   "inDefinedTermSet": {"@type": "DefinedTermSet", "name": "CAMEO"}} for code in event["cameo"]],
        "subjectOf": [_article(report) for report in event["reports"]],
    }
    return {key: value for key, value in document.items() if value not in (None, [])}


def event_name(event: dict) -> str:
    """The type in Arabic and who took part: «لقاء: فتحي باشاغا، أيمن بديع»."""
    label = EVENT_TYPES[event["type"]].label if event["type"] in EVENT_TYPES else event["type"]
    names = "، ".join(person["name"] for person in event["participants"])
    return f"{label}: {names}" if names else label


def _start_date(time: dict | None) -> str | None:
    if not time or not time.get("date"):
        return None
    return str(time["date"])[:DATE_LENGTHS.get(time.get("precision"), 10)]


def _place(location: dict | None) -> dict | None:
    if not location or not (location.get("name") or location.get("venue") or location.get("country")):
        return None
    address = {"@type": "PostalAddress", "addressLocality": location.get("name"),
               "addressCountry": location.get("country")}
    place = {"@type": "Place", "name": location.get("venue") or location.get("name"),
             "address": {k: v for k, v in address.items() if v}}
    return {k: v for k, v in place.items() if v}


def _attendee(person: dict, base_url: str) -> dict:
    attendee = {"@type": ATTENDEE_TYPES.get(person.get("kind"), "Person"),
                "@id": f"{base_url}people/{person['person_id']}", "name": person["name"]}
    if person.get("title"):
        attendee["jobTitle"] = person["title"]
    if person.get("organization"):
        attendee["affiliation"] = {"@type": "Organization", "name": person["organization"]}
    if person.get("country"):
        attendee["nationality"] = {"@type": "Country", "identifier": person["country"]}
    return attendee


def _article(report: dict) -> dict:
    article = {"@type": "NewsArticle", "identifier": str(report["article_id"]), "url": report.get("url"),
               "headline": report.get("title"), "datePublished": _iso(report.get("published_at"))}
    return {k: v for k, v in article.items() if v}


def _iso(value) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


# --- CSV -----------------------------------------------------------------------


def csv_text(events: list[dict]) -> str:
    """One row per event (RFC 4180, UTF-8 with a byte order mark so spreadsheets read Arabic);
    several values in a cell are separated by `` | ``."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for event in events:
        writer.writerow([_cell(value) for value in csv_row(event)])
    return out.getvalue()


def csv_row(event: dict) -> list:
    location, time = event.get("location") or {}, event.get("time") or {}
    main = event["cameo"][0] if event["cameo"] else {}
    published = sorted(_iso(r["published_at"]) for r in event["reports"] if r.get("published_at"))
    return [event["id"], event["type"], main.get("code"), main.get("name"), time.get("date"),
            time.get("precision"), location.get("name"), location.get("venue"), location.get("country"),
            _joined(person["name"] for person in event["participants"]),
            _joined(sorted({p["country"] for p in event["participants"] if p.get("country")})),
            _joined(item["text"] for item in event["agenda"]), len(event["reports"]),
            _joined(r["url"] for r in event["reports"] if r.get("url")),
            published[0] if published else None, event["confidence"], _iso(event["created_at"])]


def _joined(values) -> str:
    return LIST_SEPARATOR.join(values)


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text
