"""The typed event the library returns, and its JSON form (``as_dict`` / ``from_dict``).

Every answer quotes the original text: ``text[start:end] == span.text`` for the trigger, each
participant mention, the place, the time, each agenda item and each evidence sentence. The
HTTP service, the CLI and the batch backfill all serialise this one model.
"""
from __future__ import annotations

from dataclasses import dataclass, field

EVENT_TYPES = ("meeting", "visit", "call", "agreement")


@dataclass(frozen=True, slots=True)
class TextSpan:
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Participant:
    name: str
    kind: str                        # person | org | country | city | delegation
    role: str                        # host | guest | visitor | party | attendee
    title: str | None = None
    organization: str | None = None
    country: str | None = None       # ISO 3166-1 alpha-3
    mentions: list[TextSpan] = field(default_factory=list)


@dataclass(slots=True)
class Place:
    name: str | None                 # the city (or country) named
    venue: str | None                # the building or site (فندق كورنثيا، مقر الوزارة)
    country: str | None              # ISO 3166-1 alpha-3
    country_name: str | None = None  # the country's common Arabic name
    span: TextSpan | None = None     # where the text names it


@dataclass(slots=True)
class Time:
    date: str | None                 # YYYY-MM-DD (a month: its first day)
    precision: str | None            # day | month
    span: TextSpan | None = None


@dataclass(frozen=True, slots=True)
class AgendaItem(TextSpan):
    """A phrase naming what was discussed or agreed."""


@dataclass(slots=True)
class Event:
    type: str
    trigger: TextSpan
    participants: list[Participant]
    location: Place | None
    time: Time | None
    agenda: list[AgendaItem]
    evidence: list[TextSpan]
    confidence: float

    def as_dict(self) -> dict:
        # built by hand: dataclasses.asdict deep-copies every value, which costs more than
        # assembling the event did
        return {
            "type": self.type,
            "trigger": _span_dict(self.trigger),
            "participants": [{"name": p.name, "kind": p.kind, "role": p.role, "title": p.title,
                              "organization": p.organization, "country": p.country,
                              "mentions": [_span_dict(m) for m in p.mentions]} for p in self.participants],
            "location": _place_dict(self.location),
            "time": _time_dict(self.time),
            "agenda": [_span_dict(a) for a in self.agenda],
            "evidence": [_span_dict(e) for e in self.evidence],
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Event":
        location, time = data.get("location"), data.get("time")
        return cls(
            type=data["type"],
            trigger=_span(data["trigger"]),
            participants=[Participant(p["name"], p.get("kind", "person"), p.get("role", "party"), p.get("title"),
                                      p.get("organization"), p.get("country"),
                                      [_span(m) for m in p.get("mentions", [])])
                          for p in data.get("participants", [])],
            location=None if location is None else Place(
                location.get("name"), location.get("venue"), location.get("country"), location.get("country_name"),
                _span(location) if "start" in location else None),
            time=None if time is None else Time(time.get("date"), time.get("precision"),
                                                _span(time) if "start" in time else None),
            agenda=[AgendaItem(a["text"], a["start"], a["end"]) for a in data.get("agenda", [])],
            evidence=[_span(e) for e in data.get("evidence", [])],
            confidence=data.get("confidence", 0.0),
        )


def _span_dict(span: TextSpan) -> dict:
    return {"text": span.text, "start": span.start, "end": span.end}


def _span(data: dict) -> TextSpan:
    return TextSpan(data["text"], data["start"], data["end"])


def _place_dict(place: Place | None) -> dict | None:
    if place is None:
        return None
    out = {"name": place.name, "venue": place.venue, "country": place.country, "country_name": place.country_name}
    if place.span is not None:
        out.update(_span_dict(place.span))
    return out


def _time_dict(time: Time | None) -> dict | None:
    if time is None:
        return None
    out = _span_dict(time.span) if time.span is not None else {}
    return {**out, "date": time.date, "precision": time.precision}
