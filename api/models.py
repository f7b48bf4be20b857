"""Stored articles and events.

An event is what one or more articles report (``event_reports``): each report keeps the
event as extracted from its article, ``events.payload`` the event they make together
(``api.matching``), so removing an article recomputes its events from the reports left.
Filter columns hold normalised keys (``extractors.normalize``) so look-ups ignore
diacritics, tatweel and letter variants.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

JSON_DOCUMENT = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def as_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; they were written in UTC."""
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


class Base(DeclarativeBase):
    pass


# Ids are never given to another row after a delete (links and JSON-LD @ids stay true):
# SQLite needs AUTOINCREMENT for that; PostgreSQL's sequences never reuse a value.
STABLE_IDS = {"sqlite_autoincrement": True}


class Article(Base):
    __tablename__ = "articles"
    __table_args__ = STABLE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # sha256 of the url, or of the text when there is no url: what makes a post idempotent.
    key: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # When the article's text or details were last replaced (PUT, or a re-post of its url).
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))

    reports: Mapped[list[EventReport]] = relationship(back_populates="article", passive_deletes=True)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_date_id", "date", "id"),
                      Index("ix_events_window", "window_start", "window_end"), STABLE_IDS)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(String, index=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[str | None] = mapped_column(String)
    location_name: Mapped[str | None] = mapped_column(Text)
    location_country: Mapped[str | None] = mapped_column(String(3), index=True)
    location_key: Mapped[str] = mapped_column(Text, default="")
    agenda_key: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float)
    payload: Mapped[dict] = mapped_column(JSON_DOCUMENT)
    # The period the event happened in (``matching.report_window``); null: never merged.
    window_start: Mapped[dt.date | None] = mapped_column(Date)
    window_end: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    reports: Mapped[list[EventReport]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True, order_by="EventReport.article_id")
    participants: Mapped[list[EventParticipant]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True,
        order_by="EventParticipant.position")


class EventReport(Base):
    """One article reporting one event: the event as extracted from that article, and why
    it was taken for a report of this event (null for the first report)."""

    __tablename__ = "event_reports"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True)
    payload: Mapped[dict] = mapped_column(JSON_DOCUMENT)
    match: Mapped[dict | None] = mapped_column(JSON_DOCUMENT)

    event: Mapped[Event] = relationship(back_populates="reports")
    article: Mapped[Article] = relationship(back_populates="reports")


class Participant(Base):
    """A person or body as a normalised name, shared by every event that names it."""

    __tablename__ = "participants"
    __table_args__ = STABLE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)


class ParticipantKey(Base):
    """Look-up keys of a participant's name (``matching.stored_name_keys``): candidate events
    for a new report are found through these, never by scanning events."""

    __tablename__ = "participant_keys"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"),
                                                primary_key=True)


class EventParticipant(Base):
    """A participant of an event as one report names them: one row per report naming them.

    ``position`` is the participant's place in the event; ``participant_id`` the name the
    event gives them (the fullest form), ``name`` the form this report uses."""

    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String)
    role: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(3))

    event: Mapped[Event] = relationship(back_populates="participants")
    participant: Mapped[Participant] = relationship()


class Correction(Base):
    """An editor's correction of a stored event (``api.corrections``): the changes, who made
    them and when, and the event before and after. Corrections are re-applied on top of the
    event its reports make every time it is rebuilt; ``event_id`` becomes null when the event
    goes (its article deleted or extracted again) until a new event of the same report adopts it."""

    __tablename__ = "corrections"
    __table_args__ = STABLE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String)
    changes: Mapped[dict] = mapped_column(JSON_DOCUMENT)
    note: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict | None] = mapped_column(JSON_DOCUMENT)
    after: Mapped[dict | None] = mapped_column(JSON_DOCUMENT)
    author: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    undone_by: Mapped[str | None] = mapped_column(Text)
    # Normalised names of the event's participants when corrected: part of what re-identifies it.
    anchor_names: Mapped[list] = mapped_column(JSON_DOCUMENT)


class CorrectionReport(Base):
    """A report of the corrected event, by article key and trigger position: how a correction
    finds its event again after the article is extracted anew."""

    __tablename__ = "correction_reports"

    correction_id: Mapped[int] = mapped_column(ForeignKey("corrections.id", ondelete="CASCADE"), primary_key=True)
    article_key: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    trigger_start: Mapped[int | None] = mapped_column(Integer)


class WebhookSubscription(Base):
    """Where to send notices of event changes (``api.webhooks``), signed with ``secret``."""

    __tablename__ = "webhook_subscriptions"
    __table_args__ = STABLE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    secret: Mapped[str] = mapped_column(Text)
    events: Mapped[list] = mapped_column(JSON_DOCUMENT)
    description: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebhookDelivery(Base):
    """The outbox: one notice for one subscription, written in the transaction that changed the
    event, so a notice exists exactly when the change does; sent and retried until delivered."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (Index("ix_webhook_deliveries_due", "status", "next_attempt_at"), STABLE_IDS)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[str] = mapped_column(String(36), unique=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), index=True)
    event_type: Mapped[str] = mapped_column(String)
    event_id: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookAttempt(Base):
    """One try at sending a delivery: the delivery log."""

    __tablename__ = "webhook_attempts"
    __table_args__ = STABLE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    attempted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    status_code: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    duration_ms: Mapped[float] = mapped_column(Float)
