"""Recording, undoing, listing and exporting editors' corrections (applied by ``api.corrected``).

Every correction is a row with who made it, when, and the event before and after, so the
audit trail is the table itself; undoing marks the row and makes the event again without it.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Iterator

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from . import repository
from .corrected import EDIT, MERGE, REJECT, SPLIT, not_rejected
from .matching import name_tokens, search_key
from .models import Article, Correction, CorrectionReport, Event, EventParticipant, EventReport, as_utc, utcnow


class CorrectionError(ValueError):
    """A correction that cannot apply to this event; ``errors`` are per field, as the API reports them."""

    def __init__(self, errors: dict):
        super().__init__("invalid correction")
        self.errors = errors


def summary(event: dict) -> dict:
    """What an editor sees of an event, for the audit trail's before and after."""
    location, time = event.get("location"), event.get("time")
    return {"type": event["type"],
            "participants": [{key: person.get(key) for key in ("name", "role", "title", "country")}
                             for person in event["participants"]],
            "location": {key: location.get(key) for key in ("name", "venue", "country")} if location else None,
            "date": time.get("date") if time else None,
            "agenda": [item["text"] for item in event.get("agenda") or []],
            "rejected": bool(event.get("rejected"))}


def record(session: Session, event_id: int, kind: str, changes: dict, note: str | None,
           author: str | None) -> tuple[dict, dict] | None:
    """Store a correction of the event and apply it: ``(correction, event)``; None for an unknown event.

    Participants named by ``person_id`` in ``changes`` are stored by name, so the correction
    still finds them after the event is made again."""
    repository._serialize_merges(session)
    event = session.get(Event, event_id)
    if event is None:
        return None
    before = repository.get_event(session, event_id)
    anchors = [_anchor(report) for report in event.reports]
    if kind == EDIT:
        changes = _by_name(changes, before)
    elif kind == REJECT and before.get("rejected"):
        raise CorrectionError({"event": ["The event is already rejected."]})
    elif kind == MERGE:
        anchors = _absorb(session, event, changes["event_id"])
    elif kind == SPLIT:
        changes = _split_off(event, changes["article_id"])
    correction = Correction(event_id=event_id, kind=kind, changes=changes, note=note, author=author,
                            before=summary(before), created_at=utcnow(),
                            anchor_names=sorted({search_key(p["name"]) for p in before["participants"]}))
    session.add(correction)
    session.flush()
    for article_key, trigger_start in dict(anchors).items():
        session.add(CorrectionReport(correction_id=correction.id, article_key=article_key,
                                     trigger_start=trigger_start))
    after = _remake(session, event)
    if kind == SPLIT:
        alone = _report_of(session, changes, other_than=event_id)
        correction.changes = {**changes, "split_event_id": alone.event_id if alone else None}
    correction.after = summary(after)
    return correction_resource(correction), after


def _anchor(report: EventReport) -> tuple[str, int | None]:
    """What finds a report again when its article is stored anew: the article and the trigger's place."""
    return report.article.key, (report.payload.get("trigger") or {}).get("start")


def _absorb(session: Session, event: Event, other_id: int) -> list[tuple[str, int | None]]:
    """Move another event's reports (and its edits) into this one and delete it; its reports' anchors."""
    other = session.get(Event, other_id)
    if other is None or other_id == event.id:
        raise CorrectionError({"event_id": [f"No other event with id {other_id}."]})
    if {r.article_id for r in event.reports} & {r.article_id for r in other.reports}:
        raise CorrectionError({"event_id": ["An article reports both events: they are two happenings."]})
    anchors = [_anchor(report) for report in other.reports]
    for statement in (update(EventReport).where(EventReport.event_id == other_id).values(event_id=event.id),
                      update(Correction).where(Correction.event_id == other_id, Correction.kind == EDIT)
                      .values(event_id=event.id),
                      delete(Event).where(Event.id == other_id)):
        session.execute(statement.execution_options(synchronize_session=False))
    session.expire_all()
    return anchors


def _split_off(event: Event, article_id: int) -> dict:
    report = next((r for r in event.reports if r.article_id == article_id), None)
    if report is None:
        raise CorrectionError({"article_id": [f"Article {article_id} does not report this event."]})
    if len(event.reports) < 2:
        raise CorrectionError({"article_id": ["The event's only report cannot be split off."]})
    article_key, trigger_start = _anchor(report)
    return {"article_id": article_id, "article_key": article_key, "trigger_start": trigger_start}


def _report_of(session: Session, split: dict, other_than: int) -> EventReport | None:
    """The split-off report (its article may have been stored anew since), outside the event it left."""
    return session.scalar(select(EventReport).join(Article).where(
        Article.key == split["article_key"], EventReport.event_id != other_than,
        EventReport.payload["trigger"]["start"].as_integer() == split["trigger_start"]))


def _by_name(changes: dict, event: dict) -> dict:
    """The changes with participants referred to by name instead of ``person_id``."""
    names = {person["person_id"]: person["name"] for person in event["participants"]}
    edits = dict(changes.get("participants") or {})
    unknown = sorted({item for item in edits.get("remove", ())} - names.keys()
                     | {item["person_id"] for item in edits.get("update", ())} - names.keys())
    if unknown:
        raise CorrectionError({"participants": [f"No participant with person_id {person_id} in this event."
                                                for person_id in unknown]})
    if edits:
        edits["remove"] = [names[person_id] for person_id in edits.get("remove", ())]
        edits["update"] = [{**{k: v for k, v in item.items() if k != "person_id"}, "name": names[item["person_id"]]}
                           for item in edits.get("update", ())]
        changes = {**changes, "participants": {k: v for k, v in edits.items() if v}}
    return changes


def _remake(session: Session, event: Event) -> dict:
    repository.rebuild(session, event)
    session.flush()
    session.expire_all()
    return repository.get_event(session, event.id)


def undo(session: Session, correction_id: int, author: str | None) -> tuple[dict, dict | None] | None:
    """Withdraw a correction: ``(correction, event as it now stands or None)``; None for an unknown id."""
    repository._serialize_merges(session)
    correction = session.get(Correction, correction_id)
    if correction is None:
        return None
    if correction.undone_at is not None:
        raise CorrectionError({"correction": ["The correction is already undone."]})
    correction.undone_at, correction.undone_by = utcnow(), author
    session.flush()
    event = session.get(Event, correction.event_id) if correction.event_id is not None else None
    alone = _report_of(session, correction.changes, event.id) if event and correction.kind == SPLIT else None
    if alone is not None:  # the split-off report goes back; the event it made goes when left empty
        left = alone.event_id
        session.execute(update(EventReport).where(EventReport.event_id == left,
                                                  EventReport.article_id == alone.article_id)
                        .values(event_id=event.id).execution_options(synchronize_session=False))
        session.expire_all()
        repository.rebuild(session, session.get(Event, left))
    after = _remake(session, event) if event is not None else None
    return correction_resource(session.get(Correction, correction_id)), after


def get_correction(session: Session, correction_id: int) -> dict | None:
    correction = session.get(Correction, correction_id)
    return correction_resource(correction) if correction else None


def list_corrections(session: Session, event_id: int | None, limit: int, offset: int) -> tuple[list[dict], int]:
    """The audit trail, newest first."""
    conditions = [Correction.event_id == event_id] if event_id is not None else []
    total = session.scalar(select(func.count()).select_from(Correction).where(*conditions))
    rows = session.scalars(select(Correction).where(*conditions).order_by(Correction.id.desc())
                           .limit(limit).offset(offset)).all()
    return [correction_resource(row) for row in rows], total


def correction_resource(correction: Correction) -> dict:
    return {"id": correction.id, "event_id": correction.event_id, "kind": correction.kind,
            "changes": correction.changes, "note": correction.note, "author": correction.author,
            "created_at": as_utc(correction.created_at), "undone_at": as_utc(correction.undone_at),
            "undone_by": correction.undone_by, "before": correction.before, "after": correction.after}



# --- gold data for the engine ----------------------------------------------------


def gold_articles(session: Session) -> Iterator[dict]:
    """Every article reporting an event with a correction in force, with all its events as they now
    stand (rejected ones left out), one object per article in the shared gold format."""
    corrected_events = select(Correction.event_id).where(Correction.undone_at.is_(None))
    article_ids = session.scalars(select(EventReport.article_id).where(EventReport.event_id.in_(corrected_events))
                                  .distinct().order_by(EventReport.article_id)).all()
    for article_id in article_ids:
        article = session.get(Article, article_id)
        events = session.scalars(select(Event).join(EventReport).where(EventReport.article_id == article_id,
                                                                       not_rejected()).order_by(Event.id)).all()
        yield {"id": f"article-{article.id}", "source_url": article.url,
               "published_at": article.published_at.isoformat() if article.published_at else None,
               "title": article.title, "text": article.text,
               "events": [gold_event(session, event) for event in events]}


def gold_event(session: Session, row: Event) -> dict:
    """The event in the gold format: each participant with every form the reports use."""
    event, forms = row.payload, defaultdict(set)
    for person_id, name in session.execute(select(EventParticipant.participant_id, EventParticipant.name)
                                           .where(EventParticipant.event_id == row.id)).all():
        forms[person_id].add(name)
    location, time = event.get("location") or {}, event.get("time") or {}
    places = [place for place in (location.get("venue"), location.get("name")) if place]
    return {
        "type": event["type"],
        "participants": [_name_forms(person["name"], forms[person["person_id"]]) for person in event["participants"]],
        "location": places or None,
        "date": time.get("date") if time.get("precision") == "day" else None,
        "agenda": [item["text"] for item in event.get("agenda") or []],
        "optional": False,
    }


def _name_forms(name: str, others: set[str]) -> list[str]:
    """The event's name first, then the other forms reports use, fullest first."""
    rest = sorted(others - {name}, key=lambda form: (-len(name_tokens(form)), form))
    return [name, *rest]

