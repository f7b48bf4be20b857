"""Storage functions: articles with their events in, filtered pages of events out.

Functions take an open ``Session`` and return plain dicts shaped like the API's
schemas, so callers never touch ORM objects after the session closes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import Select, delete, exists, func, insert, literal, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from extractors.identity import article_key

from . import corrected
from .database import Database
from .event_types import EVENT_TYPES, cameo_codings, family_types
from .matching import (MAX_KEY_CHARS, MAX_WINDOW_DAYS, Candidate, Merged, Source, assign,
                       lookup_name_keys, name_tokens, parse_date, search_key, stored_name_keys)
from .models import Article, Event, EventParticipant, EventReport, Participant, ParticipantKey, utcnow

ISO_ALPHA3 = re.compile(r"[A-Z]{3}")
# Unique index entries must stay well under PostgreSQL's b-tree row limit.
MAX_NAME_KEY_CHARS = MAX_KEY_CHARS
# PostgreSQL advisory lock key serializing merging writers ("merg").
MERGE_LOCK = 0x6D657267


@dataclass(frozen=True)
class ArticleInput:
    text: str
    title: str | None = None
    published_at: dt.date | None = None
    url: str | None = None

    @property
    def key(self) -> str:
        return article_key(self.url, self.text)


@dataclass(frozen=True)
class EventFilters:
    participant: str | None = None
    type: str | None = None
    location: str | None = None
    country: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    url: str | None = None
    q: str | None = None
    participant_country: str | None = None
    person_id: int | None = None


# Orders of event lists: newest first for browsing, oldest first for a timeline.
ORDERS = {
    "newest": (Event.date.desc().nulls_last(), Event.id.desc()),
    "chronological": (Event.date.asc().nulls_last(), Event.id.asc()),
}


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- writing -----------------------------------------------------------------


def store_article(db: Database, article: ArticleInput, events: list[dict], extractor_version: str):
    """Store an article once, its events merged with stored reports of the same happenings:
    ``(result, created)``.

    Two identical posts may race past the caller's look-up; the unique article key
    lets exactly one insert win and the loser returns what the winner stored.
    """
    try:
        with db.session() as session, session.begin():
            stored = add_article(session, article, events, extractor_version)
            return article_result(session, stored), True
    except IntegrityError:
        with db.session() as session:
            existing = find_article_result(session, article.key)
        if existing is None:
            raise
        return existing, False


def add_article(session: Session, article: ArticleInput, events: list[dict], extractor_version: str) -> Article:
    """Insert the article first, so on SQLite the transaction takes the write lock before any read."""
    _serialize_merges(session)
    row = Article(key=article.key, url=article.url, text_hash=sha256(article.text),
                  title=article.title, published_at=article.published_at, text=article.text,
                  extractor_version=extractor_version)
    session.add(row)
    session.flush()
    attach_reports(session, row, events)
    return row


def _serialize_merges(session: Session) -> None:
    """One merging writer at a time, so two reports of one happening posted together still meet.

    SQLite has a single writer anyway; PostgreSQL takes a transaction-scoped advisory lock,
    before the article insert so a duplicate post waits here rather than deadlocking."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MERGE_LOCK})


def attach_reports(session: Session, article: Article, events: list[dict]) -> None:
    """Each extracted event joins the stored event it reports (``matching.assign``) or starts one."""
    sources = [Source(article.id, article.published_at, event) for event in events]
    joins = corrected.steer(session, article, sources, assign(sources, _candidates(session, sources)))
    touched: dict[int, Event] = {}
    placed = []
    for index, source in enumerate(sources):
        event = session.get(Event, joins[index][0]) if index in joins else _event_row(source)
        session.add(EventReport(event=event, article_id=article.id, payload=source.event))
        session.flush()
        touched[event.id] = event
        placed.append((source, event))
    corrected.adopt(session, article, placed)
    for event in touched.values():
        rebuild(session, event)
    session.flush()


def _event_row(source: Source) -> Event:
    row = Event()
    _set_columns(row, source.event, source.window)
    return row


def _candidates(session: Session, sources: list[Source]) -> list[Candidate]:
    found: dict[int, Candidate] = {}
    for query in (q for q in map(candidate_query, sources) if q is not None):
        found.update((r.id, Candidate(r.id, r.payload, (r.window_start, r.window_end)))
                     for r in session.execute(query))
    return list(found.values())


def candidate_query(source: Source) -> Select | None:
    """Stored events the report could be another report of: same type family, overlapping
    period and a name key in common, found through indexes (keys, participant ids, type and
    window), never by scanning events. None when nothing could match (no name, no period)."""
    keys = set().union(*(lookup_name_keys(name_tokens(p.get("name")))
                         for p in source.event.get("participants") or []))
    if not keys or source.window is None or source.event.get("type") not in EVENT_TYPES:
        return None
    start, end = source.window
    named = (select(EventParticipant.event_id)
             .join(ParticipantKey, ParticipantKey.participant_id == EventParticipant.participant_id)
             .where(ParticipantKey.key.in_(sorted(keys))))
    return select(Event.id, Event.payload, Event.window_start, Event.window_end).where(
        Event.type.in_(family_types(source.event["type"])), Event.window_start <= end,
        Event.window_start >= start - dt.timedelta(days=MAX_WINDOW_DAYS), Event.window_end >= start,
        Event.id.in_(named))


def rebuild(session: Session, event: Event) -> None:
    """Make the event again from its reports, in article order. Reports that no longer fit the
    others (an article they shared people with was removed) become events of their own;
    an event without reports is removed."""
    reports = {r.article_id: r for r in session.scalars(
        select(EventReport).where(EventReport.event_id == event.id).order_by(EventReport.article_id)
        .options(selectinload(EventReport.article)))}
    if not reports:
        session.delete(event)
        return
    groups = corrected.grouping(session, event.id,
                                [Source(r.article_id, r.article.published_at, r.payload) for r in reports.values()],
                                {r.article_id: r.article.key for r in reports.values()})
    _write(session, event, groups[0], reports)
    for group in groups[1:]:
        split = _event_row(group.sources[0])
        for source in group.sources:
            session.delete(reports.pop(source.article_id))
        session.flush()
        for source in group.sources:
            reports[source.article_id] = EventReport(event=split, article_id=source.article_id, payload=source.event)
            session.add(reports[source.article_id])
        _write(session, split, group, reports)


def _write(session: Session, row: Event, merged: Merged, reports: dict[int, EventReport]) -> None:
    """Store the merged event with its editors' corrections: columns, payload, a participant row
    per report naming someone (none for a rejected event), and each report's match."""
    fixed = corrected.corrected(session, row.id, merged)
    payload = fixed.event
    person_ids = [_participant_id(session, person["name"]) for person in payload["participants"]]
    payload["participants"] = [{**person, "person_id": person_id}
                               for person, person_id in zip(payload["participants"], person_ids)]
    _set_columns(row, payload, fixed.window)
    session.add(row)
    session.flush()
    session.execute(delete(EventParticipant).where(EventParticipant.event_id == row.id))
    rows = [_participant_row(row.id, position, person_id, source.article_id, person)
            for position, (slot, person_id) in enumerate(zip(fixed.slots, person_ids)) for source, person in slot
            if not fixed.rejected]
    if rows:
        session.execute(insert(EventParticipant), rows)
    for source, how in zip(merged.sources, merged.matches):
        reports[source.article_id].match = how.as_dict() if how else None


def _participant_row(event_id: int, position: int, participant_id: int, article_id: int, person: dict) -> dict:
    return {"event_id": event_id, "position": position, "participant_id": participant_id,
            "article_id": article_id, "name": person["name"], "kind": person.get("kind"),
            "role": person.get("role"), "title": person.get("title"),
            "organization": person.get("organization"), "country": _country(person.get("country"))}


def _set_columns(row: Event, event: dict, window) -> None:
    time = event.get("time") or {}
    location = event.get("location") or {}
    row.type = event["type"]
    row.date = parse_date(time.get("date"))
    row.date_precision = time.get("precision")
    row.location_name = location.get("name")
    row.location_country = _country(location.get("country"))
    row.location_key = search_key(" ".join(filter(None, (location.get(k) for k in ("name", "venue", "text")))))
    row.agenda_key = search_key(" ".join(item["text"] for item in event.get("agenda") or []))
    row.confidence = float(event.get("confidence") or 0.0)
    row.payload = event
    row.window_start, row.window_end = window or (None, None)


def _participant_id(session: Session, name: str) -> int:
    """Get or create by normalised name; ON CONFLICT keeps concurrent writers from colliding.
    A new participant gets its name's look-up keys."""
    name_key = search_key(name)[:MAX_NAME_KEY_CHARS]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    created = session.execute(dialect.insert(Participant).values(name_key=name_key, name=name)
                              .on_conflict_do_nothing(index_elements=["name_key"])).rowcount
    participant_id = session.scalar(select(Participant.id).where(Participant.name_key == name_key))
    keys = stored_name_keys(name_tokens(name)) if created else ()
    if keys:
        session.execute(dialect.insert(ParticipantKey).on_conflict_do_nothing(),
                        [{"key": key, "participant_id": participant_id} for key in sorted(keys)])
    return participant_id


def _country(value) -> str | None:
    return value if isinstance(value, str) and ISO_ALPHA3.fullmatch(value) else None


def delete_event(session: Session, event_id: int) -> bool:
    """Remove an event with its reports and participant rows (ON DELETE CASCADE); its articles
    stay. Serialized with merging writers, so no report joins an event being removed."""
    _serialize_merges(session)
    removed = session.execute(delete(Event).where(Event.id == event_id)
                              .execution_options(synchronize_session=False)).rowcount
    return bool(removed)


def delete_article(session: Session, article_id: int) -> bool:
    """Remove an article and its reports; the events they were part of are made again from
    the reports left, or removed when none is left. Writes first: on SQLite that takes the
    write lock before any read."""
    _serialize_merges(session)
    event_ids = _remove_reports(session, article_id)
    removed = session.execute(delete(Article).where(Article.id == article_id)
                              .execution_options(synchronize_session=False)).rowcount
    _rebuild_events(session, event_ids)
    return bool(removed)


def replace_article(db: Database, article_id: int, article: ArticleInput, events: list[dict],
                    extractor_version: str) -> dict | None:
    """Give a stored article new text or details and the events extracted from them, keeping
    its id: its reports leave their events (remade from the other reports, as DELETE does),
    then its new events are merged as a POST merges them. None when there is no such article;
    IntegrityError when the new url is another article's."""
    with db.session() as session, session.begin():
        _serialize_merges(session)
        updated = session.execute(
            update(Article).where(Article.id == article_id)
            .values(key=article.key, url=article.url, text_hash=sha256(article.text), title=article.title,
                    published_at=article.published_at, text=article.text, extractor_version=extractor_version,
                    updated_at=utcnow())
            .execution_options(synchronize_session=False)).rowcount
        if not updated:
            return None
        _rebuild_events(session, _remove_reports(session, article_id))
        row = session.get(Article, article_id)
        attach_reports(session, row, events)
        return article_result(session, row)


def _remove_reports(session: Session, article_id: int) -> list[int]:
    """Delete an article's reports: the ids of the events they were part of."""
    return session.scalars(delete(EventReport).where(EventReport.article_id == article_id)
                           .returning(EventReport.event_id)
                           .execution_options(synchronize_session=False)).all()


def _rebuild_events(session: Session, event_ids: list[int]) -> None:
    for event in session.scalars(select(Event).where(Event.id.in_(event_ids)).order_by(Event.id)).all():
        rebuild(session, event)
    session.flush()


# --- reading -----------------------------------------------------------------


def stored_version(session: Session, article: ArticleInput, article_id: int | None = None) -> tuple[dict, bool] | None:
    """The stored article (``article_id``, else the one with the input's key) as the API shows
    it, and whether the input differs from it (text, title, publication date or url)."""
    row = session.get(Article, article_id) if article_id is not None else session.scalar(
        select(Article).where(Article.key == article.key))
    if row is None:
        return None
    differs = ((row.text_hash, row.title, row.published_at, row.url)
               != (sha256(article.text), article.title, article.published_at, article.url))
    return article_result(session, row), differs


def article_id_with_key(session: Session, key: str) -> int | None:
    return session.scalar(select(Article.id).where(Article.key == key))


def find_article_result(session: Session, key: str) -> dict | None:
    article = session.scalar(select(Article).where(Article.key == key))
    return article_result(session, article) if article else None


def article_result(session: Session, article: Article) -> dict:
    events = session.scalars(
        _with_reports(select(Event).join(EventReport).where(EventReport.article_id == article.id)
                      .order_by(Event.id))).all()
    return {"article": article_resource(article), "events": [event_resource(e) for e in events]}


def get_article(session: Session, article_id: int) -> dict | None:
    article = session.get(Article, article_id)
    return article_result(session, article) if article else None


def get_event(session: Session, event_id: int) -> dict | None:
    event = session.scalar(_with_reports(select(Event).where(Event.id == event_id)))
    return event_resource(event) if event else None


def list_events(session: Session, filters: EventFilters, limit: int, offset: int,
                order: str = "newest") -> tuple[list[dict], int]:
    """One page of events (by default newest event date first, undated last) and the total matching."""
    conditions = event_conditions(filters)
    total = session.scalar(select(func.count()).select_from(Event).where(*conditions))
    page = session.scalars(
        _with_reports(select(Event).where(*conditions))
        .order_by(*ORDERS[order]).limit(limit).offset(offset)).all()
    return [event_resource(e) for e in page], total


def _with_reports(statement: Select) -> Select:
    return statement.options(selectinload(Event.reports).selectinload(EventReport.article))


def event_conditions(filters: EventFilters) -> list:
    conditions = [corrected.not_rejected()]
    if filters.participant:
        # Whole words of the normalised name: "حفتر" finds "خليفة حفتر", not "حفترية".
        padded = literal(" ") + Participant.name_key + literal(" ")
        conditions.append(exists(
            select(EventParticipant.id).join(Participant)
            .where(EventParticipant.event_id == Event.id,
                   padded.contains(f" {search_key(filters.participant)} ", autoescape=True))))
    if filters.type:
        conditions.append(Event.type == filters.type)
    if filters.location:
        conditions.append(Event.location_key.contains(search_key(filters.location), autoescape=True))
    if filters.country:
        conditions.append(Event.location_country == filters.country.upper())
    if filters.date_from:
        conditions.append(Event.date >= filters.date_from)
    if filters.date_to:
        conditions.append(Event.date <= filters.date_to)
    if filters.url:
        conditions.append(exists(
            select(EventReport.event_id).join(Article)
            .where(EventReport.event_id == Event.id, Article.key == article_key(filters.url, ""))))
    for word in search_key(filters.q).split():
        conditions.append(Event.agenda_key.contains(word, autoescape=True))
    if filters.participant_country:
        conditions.append(_has_participant(EventParticipant.country == filters.participant_country.upper()))
    if filters.person_id is not None:
        conditions.append(_has_participant(EventParticipant.participant_id == filters.person_id))
    return conditions


def _has_participant(condition):
    return exists(select(EventParticipant.id).where(EventParticipant.event_id == Event.id, condition))


def article_resource(article: Article) -> dict:
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "published_at": article.published_at,
        "text_sha256": article.text_hash,
        "characters": len(article.text),
        "extractor_version": article.extractor_version,
        "created_at": _as_utc(article.created_at),
        "updated_at": _as_utc(article.updated_at) if article.updated_at else None,
    }


def event_resource(event: Event) -> dict:
    """The event its reports make together, its CAMEO codes, and the reports themselves."""
    return {**event.payload, "id": event.id, "cameo": cameo_codings(event.payload),
            "reports": [report_resource(r) for r in event.reports], "created_at": _as_utc(event.created_at)}


def report_resource(report: EventReport) -> dict:
    """One article's report: where it appeared, its own spans and date, and why it matched."""
    article, extracted = report.article, report.payload
    return {"article_id": report.article_id, "url": article.url, "title": article.title,
            "published_at": article.published_at, "trigger": extracted.get("trigger"),
            "evidence": extracted.get("evidence") or [], "date": (extracted.get("time") or {}).get("date"),
            "match": report.match}


def _as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
