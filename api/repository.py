"""Storage functions: articles with their events in, filtered pages of events out.

Functions take an open ``Session`` and return plain dicts shaped like the API's
schemas, so callers never touch ORM objects after the session closes.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import Select, exists, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from extractors.normalize import normalize

from .database import Database
from .models import Article, Event, EventParticipant, EventReport, Participant

ISO_ALPHA3 = re.compile(r"[A-Z]{3}")
# Unique index entries must stay well under PostgreSQL's b-tree row limit.
MAX_NAME_KEY_CHARS = 300


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


def search_key(text: str | None) -> str:
    """Matching form of free text: normalised Arabic, case-folded Latin."""
    return normalize(text or "").casefold()


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_key(url: str | None, text: str) -> str:
    """An article is its url; without one, its exact text."""
    return sha256("url\n" + url) if url else sha256("text\n" + text)


# --- writing -----------------------------------------------------------------


def store_article(db: Database, article: ArticleInput, events: list[dict], extractor_version: str):
    """Store an article and its events once: ``(result, created)``.

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
    row = Article(key=article.key, url=article.url, text_hash=sha256(article.text),
                  title=article.title, published_at=article.published_at, text=article.text,
                  extractor_version=extractor_version)
    session.add(row)
    session.flush()
    for event in events:
        add_event(session, event, row)
    session.flush()
    return row


def add_event(session: Session, event: dict, article: Article) -> Event:
    time = event.get("time") or {}
    location = event.get("location") or {}
    people = event.get("participants") or []
    # Participant look-ups run SQL (and autoflush): do them before building the event's rows.
    participant_ids = [_participant_id(session, person["name"]) for person in people]
    row = Event(
        type=event["type"],
        date=_parse_date(time.get("date")),
        date_precision=time.get("precision"),
        location_name=location.get("name"),
        location_country=_country(location.get("country")),
        location_key=search_key(" ".join(filter(None, (location.get(k) for k in ("name", "venue", "text"))))),
        agenda_key=search_key(" ".join(item["text"] for item in event.get("agenda") or [])),
        confidence=float(event.get("confidence") or 0.0),
        payload=event,
    )
    row.reports.append(EventReport(article=article, evidence={
        "trigger": event.get("trigger"), "evidence": event.get("evidence") or []}))
    for position, (person, participant_id) in enumerate(zip(people, participant_ids)):
        row.participants.append(EventParticipant(
            position=position, participant_id=participant_id, name=person["name"],
            role=person.get("role"), title=person.get("title"), organization=person.get("organization"),
            country=_country(person.get("country"))))
    session.add(row)
    return row


def _participant_id(session: Session, name: str) -> int:
    """Get or create by normalised name; ON CONFLICT keeps concurrent writers from colliding."""
    name_key = search_key(name)[:MAX_NAME_KEY_CHARS]
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    session.execute(dialect.insert(Participant).values(name_key=name_key, name=name)
                    .on_conflict_do_nothing(index_elements=["name_key"]))
    return session.scalar(select(Participant.id).where(Participant.name_key == name_key))


def _parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _country(value) -> str | None:
    return value if isinstance(value, str) and ISO_ALPHA3.fullmatch(value) else None


def delete_event(session: Session, event_id: int) -> bool:
    event = session.get(Event, event_id)
    if event is None:
        return False
    session.delete(event)
    return True


# --- reading -----------------------------------------------------------------


def find_article_result(session: Session, key: str) -> dict | None:
    article = session.scalar(select(Article).where(Article.key == key))
    return article_result(session, article) if article else None


def article_result(session: Session, article: Article) -> dict:
    events = session.scalars(
        _with_reports(select(Event).join(EventReport).where(EventReport.article_id == article.id)
                      .order_by(Event.id))).all()
    return {"article": article_resource(article), "events": [event_resource(e) for e in events]}


def get_event(session: Session, event_id: int) -> dict | None:
    event = session.scalar(_with_reports(select(Event).where(Event.id == event_id)))
    return event_resource(event) if event else None


def list_events(session: Session, filters: EventFilters, limit: int, offset: int) -> tuple[list[dict], int]:
    """One page of events, newest event date first (undated last), and the total matching."""
    conditions = _conditions(filters)
    total = session.scalar(select(func.count()).select_from(Event).where(*conditions))
    page = session.scalars(
        _with_reports(select(Event).where(*conditions))
        .order_by(Event.date.desc().nulls_last(), Event.id.desc())
        .limit(limit).offset(offset)).all()
    return [event_resource(e) for e in page], total


def _with_reports(statement: Select) -> Select:
    return statement.options(selectinload(Event.reports).selectinload(EventReport.article))


def _conditions(filters: EventFilters) -> list:
    conditions = []
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
    return conditions


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
    }


def event_resource(event: Event) -> dict:
    """The extractor's event as stored, plus its id and the articles that report it."""
    reports = [{"article_id": r.article_id, "url": r.article.url, "title": r.article.title,
                "published_at": r.article.published_at} for r in event.reports]
    return {**event.payload, "id": event.id, "reports": reports, "created_at": _as_utc(event.created_at)}


def _as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
