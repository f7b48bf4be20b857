"""events merged across articles: report payloads and matches, per-report participant rows,
participant name keys, event time windows

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Events stored under 0001 each have one report; they are kept as they are (not merged
after the fact) and given what merging needs: the report's own payload, participant
rows tied to the report's article, name keys, and the event's time window.
"""
import calendar
import datetime as dt
import re

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ARTICLE_FK = "event_participants_article_id_fkey"

articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("published_at", sa.Date))
events = sa.table("events", sa.column("id", sa.Integer), sa.column("payload", JSON_DOCUMENT),
                  sa.column("window_start", sa.Date), sa.column("window_end", sa.Date))
reports = sa.table("event_reports", sa.column("event_id", sa.Integer), sa.column("article_id", sa.Integer),
                   sa.column("payload", JSON_DOCUMENT), sa.column("evidence", JSON_DOCUMENT))
event_participants = sa.table("event_participants", sa.column("event_id", sa.Integer),
                              sa.column("participant_id", sa.Integer), sa.column("position", sa.Integer),
                              sa.column("article_id", sa.Integer), sa.column("kind", sa.String))
participants = sa.table("participants", sa.column("id", sa.Integer), sa.column("name", sa.Text))
participant_keys = sa.table("participant_keys", sa.column("key", sa.Text), sa.column("participant_id", sa.Integer))


def upgrade() -> None:
    op.create_table(
        "participant_keys",
        sa.Column("key", sa.Text(), primary_key=True),
        sa.Column("participant_id", sa.Integer(), sa.ForeignKey("participants.id", ondelete="CASCADE"),
                  primary_key=True),
    )
    # Plain ALTER TABLE ADD COLUMN: events is referenced, and must never be rebuilt (see downgrade).
    op.add_column("events", sa.Column("window_start", sa.Date(), nullable=True))
    op.add_column("events", sa.Column("window_end", sa.Date(), nullable=True))
    op.create_index("ix_events_window", "events", ["window_start", "window_end"])
    with op.batch_alter_table("event_reports") as batch:
        batch.add_column(sa.Column("payload", JSON_DOCUMENT, nullable=True))
        batch.add_column(sa.Column("match", JSON_DOCUMENT, nullable=True))
    with op.batch_alter_table("event_participants") as batch:
        batch.add_column(sa.Column("article_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("kind", sa.String(), nullable=True))

    connection = op.get_bind()
    _backfill_events(connection)
    _backfill_keys(connection)

    with op.batch_alter_table("event_reports") as batch:
        batch.alter_column("payload", existing_type=JSON_DOCUMENT, nullable=False)
        batch.drop_column("evidence")
    with op.batch_alter_table("event_participants") as batch:
        batch.alter_column("article_id", existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(ARTICLE_FK, "articles", ["article_id"], ["id"], ondelete="CASCADE")
    op.create_index("ix_event_participants_article_id", "event_participants", ["article_id"])


def _backfill_events(connection) -> None:
    connection.execute(events.delete().where(~events.c.id.in_(sa.select(reports.c.event_id))))
    rows = connection.execute(
        sa.select(events.c.id, events.c.payload, reports.c.article_id, articles.c.published_at)
        .join(reports, reports.c.event_id == events.c.id).join(articles, articles.c.id == reports.c.article_id)
    ).all()
    for event_id, payload, article_id, published_at in rows:
        people = dict(connection.execute(
            sa.select(event_participants.c.position, event_participants.c.participant_id)
            .where(event_participants.c.event_id == event_id)).all())
        start, end = report_window(payload, published_at) or (None, None)
        connection.execute(events.update().where(events.c.id == event_id).values(
            payload=_cited(payload, article_id, people), window_start=start, window_end=end))
        connection.execute(reports.update().where(reports.c.event_id == event_id).values(payload=payload))
        for position, person in enumerate(payload.get("participants") or []):
            connection.execute(event_participants.update().where(
                event_participants.c.event_id == event_id, event_participants.c.position == position)
                .values(article_id=article_id, kind=person.get("kind")))


def _cited(payload: dict, article_id: int, people: dict) -> dict:
    """The payload as merged events carry it: items say which article they quote."""

    def cite(item):
        return {**item, "article_id": article_id} if isinstance(item, dict) else item

    return {**payload,
            "participants": [{**cite(person), "kind": person.get("kind"), "person_id": people.get(position)}
                             for position, person in enumerate(payload.get("participants") or [])],
            "agenda": [cite(item) for item in payload.get("agenda") or []],
            "location": cite(payload.get("location")), "time": cite(payload.get("time"))}


def _backfill_keys(connection) -> None:
    for participant_id, name in connection.execute(sa.select(participants.c.id, participants.c.name)).all():
        keys = sorted(stored_name_keys(name_tokens(name)))
        if keys:
            connection.execute(participant_keys.insert(), [{"key": k, "participant_id": participant_id} for k in keys])


# --- frozen copies of the matching rules as they were at this revision -------------
# A migration must do what it did when written: later changes to extractors.identity or
# api.matching must not change what upgrading an old database produces.

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLES = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_LETTERS = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ڤ": "ف", "ک": "ك", "ی": "ي", "گ": "ك", "پ": "ب", "چ": "ج",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
})
_NON_WORD = re.compile(r"[^\w\s]|_")
_UNDATED_LOOKBACK_DAYS = 7
_MAX_NAME_TOKENS = 8
_MAX_KEY_CHARS = 300


def name_tokens(name):
    text = _DIACRITICS.sub("", _INVISIBLES.sub("", name or "")).translate(_LETTERS)
    return tuple(_NON_WORD.sub(" ", " ".join(text.split()).casefold()).split())[:_MAX_NAME_TOKENS]


def stored_name_keys(tokens):
    if not tokens:
        return set()

    def keys(prefix, texts):
        return {(prefix + text)[:_MAX_KEY_CHARS] for text in texts}

    found = keys("f:", [" ".join(tokens)])
    if len(tokens) >= 2:
        runs = {" ".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 2, len(tokens) + 1)}
        found |= keys("s:", runs) | keys("e:", {tokens[0], tokens[-1]})
    return found


def report_window(event, published_at):
    time = event.get("time") or {}
    try:
        day = dt.date.fromisoformat(str(time.get("date"))[:10]) if time.get("date") else None
    except ValueError:
        day = None
    if day and time.get("precision") == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if day and time.get("precision") in ("day", None):
        return day, day
    if published_at:
        return published_at - dt.timedelta(days=_UNDATED_LOOKBACK_DAYS), published_at
    return None


def downgrade() -> None:
    op.drop_index("ix_event_participants_article_id", table_name="event_participants")
    with op.batch_alter_table("event_participants") as batch:
        batch.drop_constraint(ARTICLE_FK, type_="foreignkey")
        batch.drop_column("kind")
        batch.drop_column("article_id")
    with op.batch_alter_table("event_reports") as batch:
        batch.add_column(sa.Column("evidence", JSON_DOCUMENT, nullable=True))
    connection = op.get_bind()
    for event_id, article_id, payload in connection.execute(
            sa.select(reports.c.event_id, reports.c.article_id, reports.c.payload)).all():
        connection.execute(reports.update().where(reports.c.event_id == event_id, reports.c.article_id == article_id)
                           .values(evidence={"trigger": payload.get("trigger"),
                                             "evidence": payload.get("evidence") or []}))
    with op.batch_alter_table("event_reports") as batch:
        batch.alter_column("evidence", existing_type=JSON_DOCUMENT, nullable=False)
        batch.drop_column("match")
        batch.drop_column("payload")
    op.drop_index("ix_events_window", table_name="events")
    # Not batch mode: on SQLite that would drop and rebuild events, and dropping it with
    # foreign keys on deletes every report and participant row (ALTER ... DROP COLUMN needs 3.35).
    op.drop_column("events", "window_end")
    op.drop_column("events", "window_start")
    op.drop_table("participant_keys")
