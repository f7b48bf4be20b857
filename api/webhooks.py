"""Webhooks: notices of stored events created, merged, updated or deleted, sent to subscribers.

Changes are noticed on the ORM session (``watch``): every transaction that creates, merges,
updates or deletes an event writes one outbox row per interested subscription
(``webhook_deliveries``) before it commits, so a notice is stored exactly when the change is,
and a crash or restart loses none. ``python -m api.webhooks`` sends them: due deliveries are
claimed with a lease (several senders never send one delivery at once), POSTed with an HMAC-SHA256
signature over the timestamp and body, and retried with exponential backoff until a 2xx answer
or the last attempt. A sender that dies between sending and recording sends again after the
lease: delivery is at least once, and ``Webhook-Id`` lets a receiver drop repeats.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

from sqlalchemy import event as orm_event
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from . import repository
from .config import config_from_env
from .database import Database
from .models import (Event, EventReport, WebhookAttempt, WebhookDelivery, WebhookSubscription, utcnow)

log = logging.getLogger("api.webhooks")

CREATED, MERGED, UPDATED, DELETED = "event.created", "event.merged", "event.updated", "event.deleted"
EVENT_KINDS = (CREATED, MERGED, UPDATED, DELETED)
# A change of one event in one transaction is reported once: the strongest kind wins.
STRENGTH = {UPDATED: 0, MERGED: 1, CREATED: 2, DELETED: 3}
PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"
CHANGES = "webhook_changes"
SIGNATURE_VERSION = "v1"


# --- noticing changes and writing the outbox -------------------------------------------


def watch(database: Database) -> None:
    """Write outbox rows for the event changes of every transaction of this database's sessions."""
    sessions = database.session_factory
    orm_event.listen(sessions, "after_flush", _note_flushed)
    orm_event.listen(sessions, "do_orm_execute", _note_bulk_delete)
    orm_event.listen(sessions, "before_commit", _write_outbox)
    orm_event.listen(sessions, "after_rollback", lambda session: session.info.pop(CHANGES, None))


def _note(session: Session, event_id: int | None, kind: str) -> None:
    if event_id is None:
        return
    changes = session.info.setdefault(CHANGES, {})
    if STRENGTH[kind] >= STRENGTH.get(changes.get(event_id), -1):
        changes[event_id] = kind


def _note_flushed(session: Session, _context) -> None:
    for row in session.new:
        if isinstance(row, Event):
            _note(session, row.id, CREATED)
        elif isinstance(row, EventReport):
            _note(session, row.event_id, MERGED)
    for row in session.dirty:
        if isinstance(row, Event) and session.is_modified(row):
            _note(session, row.id, UPDATED)
    for row in session.deleted:
        if isinstance(row, Event):
            _note(session, row.id, DELETED)


def _note_bulk_delete(state) -> None:
    """``DELETE FROM events WHERE ...`` statements: note the events they are about to remove."""
    if not state.is_delete or state.bind_mapper is None or state.bind_mapper.class_ is not Event:
        return
    where = state.statement.whereclause
    if where is not None:
        for event_id in state.session.scalars(select(Event.id).where(where)):
            _note(state.session, event_id, DELETED)


def _write_outbox(session: Session) -> None:
    changes = session.info.pop(CHANGES, None)
    if not changes:
        return
    subscriptions = session.scalars(select(WebhookSubscription)).all()
    if not subscriptions:
        return
    from .schemas import StoredEventSchema  # schemas import the repository, which must load first

    now = utcnow()
    for event_id, kind in sorted(changes.items()):
        stored = repository.get_event(session, event_id) if kind != DELETED else None
        if stored is None and kind != DELETED:
            continue  # created and removed again within the transaction
        for subscription in subscriptions:
            if kind not in subscription.events:
                continue
            delivery_id = str(uuid.uuid4())
            body = {"id": delivery_id, "type": kind, "occurred_at": now.isoformat(), "event_id": event_id,
                    "event": StoredEventSchema().dump(stored) if stored else None}
            session.add(WebhookDelivery(delivery_id=delivery_id, subscription_id=subscription.id, event_type=kind,
                                        event_id=event_id, body=json.dumps(body, ensure_ascii=False),
                                        status=PENDING, attempts=0, next_attempt_at=now, created_at=now))
    session.flush()


# --- signing ------------------------------------------------------------------------------


def signature(secret: str, timestamp: int, body: str) -> str:
    """``v1=`` and the hex HMAC-SHA256, keyed by the subscription's secret, of ``"{timestamp}.{body}"``."""
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.{body}".encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{SIGNATURE_VERSION}={digest}"


def signed_headers(secret: str, delivery_id: str, body: str, now: float) -> dict:
    timestamp = int(now)
    return {"Content-Type": "application/json", "Webhook-Id": delivery_id, "Webhook-Timestamp": str(timestamp),
            "Webhook-Signature": signature(secret, timestamp, body), "User-Agent": "arabic-news-events-webhooks"}


# --- sending --------------------------------------------------------------------------------


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer like any other non-2xx: the notice is not followed elsewhere."""

    def redirect_request(self, *args, **kwargs):
        return None


def post(url: str, body: bytes, headers: dict, timeout: float) -> int:
    """POST and return the status code; raises OSError (URLError, timeouts) when nothing answers."""
    opener = urllib.request.build_opener(NoRedirects())
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with opener.open(request, timeout=timeout) as answer:
            return answer.status
    except urllib.error.HTTPError as error:  # a non-2xx answer: a status all the same
        return error.code


class Sender:
    """Sends due deliveries of one database; ``settings`` as ``config_from_env`` reads them."""

    def __init__(self, database: Database, settings: dict):
        self.database = database
        self.base = settings["WEBHOOK_RETRY_BASE_SECONDS"]
        self.max_attempts = settings["WEBHOOK_MAX_ATTEMPTS"]
        self.timeout = settings["WEBHOOK_TIMEOUT_SECONDS"]
        # A claimed delivery is left alone by other senders this long: longer than one try.
        self.lease = dt.timedelta(seconds=self.timeout * 2 + 5)

    def backoff(self, attempts: int) -> dt.timedelta:
        """base, 2 base, 4 base... after the 1st, 2nd, 3rd failure, at most an hour."""
        return dt.timedelta(seconds=min(self.base * 2 ** (attempts - 1), 3600))

    def due(self, limit: int = 20) -> list[tuple[int, dt.datetime]]:
        with self.database.session() as session:
            return session.execute(
                select(WebhookDelivery.id, WebhookDelivery.next_attempt_at)
                .where(WebhookDelivery.status == PENDING, WebhookDelivery.next_attempt_at <= utcnow())
                .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id).limit(limit)).all()

    def claim(self, row_id: int, seen_next: dt.datetime) -> bool:
        """Take the delivery for a lease, unless another sender took it since it was seen due."""
        with self.database.session() as session, session.begin():
            claimed = session.execute(
                update(WebhookDelivery).where(WebhookDelivery.id == row_id, WebhookDelivery.status == PENDING,
                                              WebhookDelivery.next_attempt_at == seen_next)
                .values(next_attempt_at=utcnow() + self.lease).execution_options(synchronize_session=False))
            return claimed.rowcount == 1

    def send_due(self) -> int:
        """Send every delivery due now; returns how many were tried."""
        tried = 0
        for row_id, seen_next in self.due():
            if self.claim(row_id, seen_next):
                self.send(row_id)
                tried += 1
        return tried

    def send(self, row_id: int) -> None:
        with self.database.session() as session:
            delivery = session.get(WebhookDelivery, row_id)
            subscription = session.get(WebhookSubscription, delivery.subscription_id)
            url, body, delivery_id, secret = subscription.url, delivery.body, delivery.delivery_id, subscription.secret
        started, status_code, error = time.monotonic(), None, None
        try:
            status_code = post(url, body.encode("utf-8"), signed_headers(secret, delivery_id, body, time.time()),
                               self.timeout)
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}"
        except (OSError, ValueError) as exc:  # refused, unreachable, timed out, malformed answer
            error = _reason(exc)
        self.record(row_id, status_code, error, (time.monotonic() - started) * 1000)

    def record(self, row_id: int, status_code: int | None, error: str | None, duration_ms: float) -> None:
        now = utcnow()
        with self.database.session() as session, session.begin():
            delivery = session.get(WebhookDelivery, row_id)
            delivery.attempts += 1
            session.add(WebhookAttempt(delivery_id=row_id, attempted_at=now, status_code=status_code, error=error,
                                       duration_ms=round(duration_ms, 1)))
            if error is None:
                delivery.status, delivery.delivered_at = DELIVERED, now
            elif delivery.attempts >= self.max_attempts:
                delivery.status = FAILED
            else:
                delivery.next_attempt_at = now + self.backoff(delivery.attempts)
        log.info("webhook attempt", extra={"fields": {"delivery": row_id, "status_code": status_code,
                                                      "error": error}})

    def run(self, stop: threading.Event, poll_seconds: float) -> None:
        while not stop.is_set():
            try:
                tried = self.send_due()
            except Exception:  # noqa: BLE001 - a database hiccup must not end the sender
                log.exception("webhook sending failed; trying again")
                tried = 0
            if not tried:
                stop.wait(poll_seconds)


def _reason(exc: Exception) -> str:
    """A short cause for the log: the underlying error's class (connection refused, timeout...)."""
    inner = getattr(exc, "reason", None)
    return type(inner).__name__ if isinstance(inner, Exception) else type(exc).__name__


def main() -> int:
    """``python -m api.webhooks``: send deliveries until SIGTERM or SIGINT."""
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s")
    settings = config_from_env()
    database = Database(settings["DATABASE_URL"], sqlite_busy_timeout_ms=settings["SQLITE_BUSY_TIMEOUT_MS"])
    stop = threading.Event()
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: stop.set())
    log.info("sending webhook deliveries")
    Sender(database, settings).run(stop, settings["WEBHOOK_POLL_SECONDS"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
