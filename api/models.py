"""Stored articles and events.

An event can be reported by several articles (``event_reports``), so a later
cross-article merge only adds report rows. Filter columns hold normalised keys
(``extractors.normalize``) so look-ups ignore diacritics, tatweel and letter variants;
``events.payload`` keeps the event exactly as the extractor returned it.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

JSON_DOCUMENT = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"

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

    reports: Mapped[list[EventReport]] = relationship(back_populates="article", passive_deletes=True)


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (Index("ix_events_date_id", "date", "id"),)

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
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    reports: Mapped[list[EventReport]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True, order_by="EventReport.article_id")
    participants: Mapped[list[EventParticipant]] = relationship(
        back_populates="event", cascade="all, delete-orphan", passive_deletes=True,
        order_by="EventParticipant.position")


class EventReport(Base):
    """One article reporting one event, with the evidence spans in that article's text."""

    __tablename__ = "event_reports"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True)
    evidence: Mapped[list] = mapped_column(JSON_DOCUMENT)

    event: Mapped[Event] = relationship(back_populates="reports")
    article: Mapped[Article] = relationship(back_populates="reports")


class Participant(Base):
    """A person or body as a normalised name, shared by every event that names it."""

    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name_key: Mapped[str] = mapped_column(Text, unique=True)
    name: Mapped[str] = mapped_column(Text)


class EventParticipant(Base):
    __tablename__ = "event_participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(Text)
    organization: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String(3))

    event: Mapped[Event] = relationship(back_populates="participants")
    participant: Mapped[Participant] = relationship()
