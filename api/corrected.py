"""Editors' corrections applied on top of the event its reports make.

A stored event is made again from its reports whenever one comes or goes
(``repository.rebuild``); its corrections in force are then applied in the order they were
made, so a correction outlives re-merging. When the event goes with its article (deleted, or
extracted again), its corrections wait without an event until the article's new report of it
adopts them (``adopt``). Items an editor gives quote no text: their spans and article are null.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from .matching import Merged, Source, Window, group_sources, report_window, search_key
from .models import Article, Correction, CorrectionReport, Event

EDIT, REJECT, MERGE, SPLIT = "edit", "reject", "merge", "split"
PERSON_FIELDS = ("title", "organization", "country", "role", "kind")


@dataclass
class Corrected:
    """The event with its corrections: participants aligned with ``slots`` (the reports naming
    each, for the per-report participant rows), the period it happened in, and whether it is rejected."""

    event: dict
    slots: list[list[tuple[Source, dict]]]
    window: Window | None
    rejected: bool


def in_force(session: Session, event_id: int | None) -> list[Correction]:
    if event_id is None:
        return []
    return list(session.scalars(select(Correction).where(Correction.event_id == event_id,
                                                         Correction.undone_at.is_(None)).order_by(Correction.id)))


def corrected(session: Session, event_id: int | None, merged: Merged) -> Corrected:
    event, window = merged.event, merged.window
    corrections = in_force(session, event_id)
    people = list(zip(event["participants"], merged.slots))
    rejected = False
    for correction in corrections:
        if correction.kind == REJECT:
            rejected = True
        if correction.kind != EDIT:
            continue
        event, people = apply_changes(event, people, correction.changes, correction.id, merged.sources[0])
        if "date" in correction.changes:
            window = report_window(event, None)
    event = {**event, "participants": [person for person, _ in people]}
    if corrections:
        event["corrections"] = [correction.id for correction in corrections]
    if rejected:
        event["rejected"] = True
    return Corrected(event, [slot for _, slot in people], window, rejected)


def same_name(person: dict, slot: list[tuple[Source, dict]], name: str) -> bool:
    """A participant is named by the event's form or by any form a report uses."""
    key = search_key(name)
    return key == search_key(person["name"]) or any(key == search_key(form["name"]) for _, form in slot)


def apply_changes(event: dict, people: list, changes: dict, correction_id: int, first: Source):
    """One edit on the event: type, participants (remove, update, add), place, date, agenda."""
    event = dict(event)
    if "type" in changes:
        event["type"] = changes["type"]
    edits = changes.get("participants") or {}
    for name in edits.get("remove", ()):
        people = [(person, slot) for person, slot in people if not same_name(person, slot, name)]
    for update in edits.get("update", ()):
        fields = {key: update[key] for key in PERSON_FIELDS if key in update}
        people = [((({**person, **fields, "correction_id": correction_id}),
                    [(source, {**form, **fields}) for source, form in slot]) if same_name(person, slot, update["name"])
                   else (person, slot)) for person, slot in people]
    for added in edits.get("add", ()):
        if any(same_name(person, slot, added["name"]) for person, slot in people):
            continue
        person = {"name": added["name"], **{key: added.get(key) for key in PERSON_FIELDS}, "mentions": [],
                  "article_id": None, "correction_id": correction_id}
        person["role"] = person["role"] or "party"
        # The per-report rows need an article: the event's first report stands for the editor.
        people.append((person, [(first, person)]))
    if "location" in changes:
        event["location"] = _given_location(changes["location"], correction_id)
    if "date" in changes:
        event["time"] = _given_time(changes["date"], correction_id)
    agenda = changes.get("agenda") or {}
    removed = {search_key(text) for text in agenda.get("remove", ())}
    items = [item for item in event.get("agenda") or [] if search_key(item["text"]) not in removed]
    known = {search_key(item["text"]) for item in items}
    items += [_given_span(text, correction_id) for text in agenda.get("add", ()) if search_key(text) not in known]
    event["agenda"] = items
    return event, people


def _given_span(text: str, correction_id: int) -> dict:
    return {"text": text, "start": None, "end": None, "article_id": None, "correction_id": correction_id}


def _given_location(location: dict | None, correction_id: int) -> dict | None:
    if location is None:
        return None
    text = location.get("venue") or location["name"]
    return {**_given_span(text, correction_id), "name": location["name"], "venue": location.get("venue"),
            "country": location.get("country")}


def _given_time(date: str | None, correction_id: int) -> dict | None:
    return None if date is None else {**_given_span(date, correction_id), "date": date, "precision": "day"}


def not_rejected():
    """SQL condition: the event has no rejection in force."""
    return ~exists(select(Correction.id).where(Correction.event_id == Event.id, Correction.kind == REJECT,
                                               Correction.undone_at.is_(None)))


def adopt(session: Session, article: Article, placed: list[tuple[Source, Event]]) -> None:
    """Give corrections waiting for an event of this article (its earlier events went when it was
    deleted or extracted again) to the report they were made on: the one with the same trigger
    position, else one naming a participant the corrected event named."""
    waiting = session.execute(
        select(Correction, CorrectionReport.trigger_start).join(CorrectionReport)
        .where(CorrectionReport.article_key == article.key, Correction.event_id.is_(None),
               Correction.undone_at.is_(None)).order_by(Correction.id)).all()
    for correction, trigger_start in waiting:
        names = set(correction.anchor_names or ())
        same_trigger = [event for source, event in placed
                        if (source.event.get("trigger") or {}).get("start") == trigger_start]
        same_people = [event for source, event in placed
                       if names & {search_key(p["name"]) for p in source.event.get("participants") or []}]
        found = (same_trigger or same_people)[:1]
        if found:
            correction.event_id = found[0].id


# --- which reports make the event ----------------------------------------------------


def grouping(session: Session, event_id: int, sources: list[Source], keys: dict[int, str]) -> list[Merged]:
    """The event's reports grouped as ``matching.group_sources`` groups them, except that a report
    an editor split off stands alone, and an event an editor merged keeps its other reports
    together whether they match or not. ``keys``: article id -> article key."""
    corrections = in_force(session, event_id)
    apart = {c.changes["article_key"] for c in corrections if c.kind == SPLIT}
    kept = [source for source in sources if keys[source.article_id] not in apart]
    alone = [Merged.start(source) for source in sources if keys[source.article_id] in apart]
    if not kept:
        return alone
    together = any(c.kind == MERGE for c in corrections)
    return ([_together(kept)] if together else group_sources(kept)) + alone


def _together(sources: list[Source]) -> Merged:
    merged = Merged.start(sources[0])
    for source in sources[1:]:
        merged.add(source, merged.fit(source))
    return merged


def steer(session: Session, article: Article, sources: list[Source], joins: dict) -> dict:
    """A report of an article whose event an editor merged into another (same article, same
    trigger position) joins that event again when the article is stored anew."""
    merged_into = session.execute(
        select(Correction.event_id, CorrectionReport.trigger_start).join(CorrectionReport)
        .where(CorrectionReport.article_key == article.key, Correction.kind == MERGE,
               Correction.undone_at.is_(None), Correction.event_id.is_not(None))).all()
    for event_id, trigger_start in merged_into:
        for index, source in enumerate(sources):
            taken = any(joined == event_id for other, (joined, _) in joins.items() if other != index)
            if (source.event.get("trigger") or {}).get("start") == trigger_start and not taken:
                joins[index] = (event_id, None)
    return joins
