"""The people in stored events, their timelines, and who met whom.

A person is a participant's fullest name as events give it (``participants``); the forms,
titles and countries reports use come from the per-report rows of ``event_participants``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from sqlalchemy import Select, distinct, exists, func, literal, select
from sqlalchemy.orm import Session

from .matching import search_key
from .models import Event, EventParticipant, Participant
from .repository import ORDERS, EventFilters, event_conditions

UNDATED_LAST = "9999-12-31"


def _people(*conditions) -> Select:
    """People with their event counts and first and last event dates, most events first."""
    counted = (select(EventParticipant.participant_id.label("person_id"),
                      func.count(distinct(EventParticipant.event_id)).label("event_count"),
                      func.min(Event.date).label("first_date"), func.max(Event.date).label("last_date"))
               .join(Event, Event.id == EventParticipant.event_id)
               .group_by(EventParticipant.participant_id).subquery())
    return (select(Participant.id, Participant.name, counted.c.event_count, counted.c.first_date,
                   counted.c.last_date)
            .join(counted, counted.c.person_id == Participant.id).where(*conditions)
            .order_by(counted.c.event_count.desc(), Participant.id))


def list_people(session: Session, name: str | None, country: str | None,
                limit: int, offset: int) -> tuple[list[dict], int]:
    conditions = []
    if name:
        padded = literal(" ") + Participant.name_key + literal(" ")
        conditions.append(padded.contains(f" {search_key(name)} ", autoescape=True))
    if country:
        conditions.append(exists(select(EventParticipant.id).where(
            EventParticipant.participant_id == Participant.id, EventParticipant.country == country.upper())))
    query = _people(*conditions)
    total = session.scalar(select(func.count()).select_from(query.subquery()))
    return _with_details(session, session.execute(query.limit(limit).offset(offset)).all()), total


def get_person(session: Session, person_id: int) -> dict | None:
    """A person with events; None for an unknown id or one no stored event names any more."""
    people = _with_details(session, session.execute(_people(Participant.id == person_id)).all())
    return people[0] if people else None


def _with_details(session: Session, rows) -> list[dict]:
    """The people of ``rows`` with the forms, titles, organisations and countries reports give,
    the most used first."""
    ids = [row.id for row in rows]
    seen = defaultdict(lambda: defaultdict(Counter))
    details = session.execute(
        select(EventParticipant.participant_id, EventParticipant.name, EventParticipant.title,
               EventParticipant.organization, EventParticipant.country, EventParticipant.kind, func.count())
        .where(EventParticipant.participant_id.in_(ids))
        .group_by(EventParticipant.participant_id, EventParticipant.name, EventParticipant.title,
                  EventParticipant.organization, EventParticipant.country, EventParticipant.kind))
    for person_id, *values, count in details:
        for field, value in zip(("name_forms", "titles", "organizations", "countries", "kind"), values):
            if value:
                seen[person_id][field][value] += count
    return [_person(row, seen[row.id]) for row in rows]


def _person(row, seen: dict) -> dict:
    def ranked(field):
        # Ties in alphabetical order: the database returns groups in no fixed order (PostgreSQL).
        return [value for value, _ in sorted(seen[field].items(), key=lambda pair: (-pair[1], pair[0]))]

    kinds = ranked("kind")
    return {"id": row.id, "name": row.name, "name_forms": ranked("name_forms"), "kind": kinds[0] if kinds else None,
            "titles": ranked("titles"), "organizations": ranked("organizations"), "countries": ranked("countries"),
            "event_count": row.event_count, "first_date": row.first_date, "last_date": row.last_date}


# --- who met whom --------------------------------------------------------------


def meeting_graph(session: Session, filters: EventFilters, limit: int) -> dict:
    """Nodes are people (and bodies), edges join two who took part in the same events: drawn
    from the newest ``limit`` events matching the filters."""
    conditions = event_conditions(filters)
    total = session.scalar(select(func.count()).select_from(Event).where(*conditions))
    chosen = select(Event.id).where(*conditions).order_by(*ORDERS["newest"]).limit(limit).subquery()
    events = {row.id: row for row in session.execute(
        select(Event.id, Event.type, Event.date).where(Event.id.in_(select(chosen.c.id))))}
    rows = session.execute(
        select(EventParticipant.event_id, EventParticipant.participant_id, EventParticipant.kind,
               EventParticipant.country).where(EventParticipant.event_id.in_(select(chosen.c.id))).distinct()).all()
    people = defaultdict(set)
    for row in rows:
        people[row.event_id].add(row.participant_id)
    return {"nodes": _nodes(session, rows, people), "edges": _edges(events, people),
            "events": len(events), "total_events": total}


def _nodes(session: Session, rows, people: dict) -> list[dict]:
    counts = Counter(person for members in people.values() for person in members)
    kinds, countries = defaultdict(Counter), defaultdict(set)
    for row in rows:
        if row.kind:
            kinds[row.participant_id][row.kind] += 1
        if row.country:
            countries[row.participant_id].add(row.country)
    names = dict(session.execute(
        select(Participant.id, Participant.name).where(Participant.id.in_(list(counts)))).all())
    return [{"id": person, "name": names[person],
             "kind": kinds[person].most_common(1)[0][0] if kinds[person] else None,
             "countries": sorted(countries[person]), "event_count": count}
            for person, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def _edges(events: dict, people: dict) -> list[dict]:
    together = defaultdict(list)
    for event_id, members in people.items():
        for pair in combinations(sorted(members), 2):
            together[pair].append(events[event_id])
    edges = []
    for (source, target), shared in together.items():
        shared.sort(key=lambda e: (e.date.isoformat() if e.date else UNDATED_LAST, e.id))
        dates = [e.date for e in shared if e.date]
        edges.append({"source": source, "target": target, "event_count": len(shared),
                      "first_date": min(dates, default=None), "last_date": max(dates, default=None),
                      "events": [{"id": e.id, "type": e.type, "date": e.date} for e in shared]})
    return sorted(edges, key=lambda edge: (-edge["event_count"], edge["source"], edge["target"]))
