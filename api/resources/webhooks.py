"""/webhooks: subscriptions to changes of stored events, and each one's delivery log."""
from __future__ import annotations

import secrets

from flask import current_app
from flask.views import MethodView
from marshmallow import RAISE
from sqlalchemy import delete, func, select

from . import current_database, id_path, page, require_current_schema
from ..auth import requires_key
from ..errors import problem
from ..models import WebhookAttempt, WebhookDelivery, WebhookSubscription, as_utc, utcnow
from ..spec import KEY_REQUIRED, ApiBlueprint, error_responses
from ..webhook_schemas import (DeliveryPageSchema, DeliveryQuerySchema, NewSubscriptionSchema,
                               SubscriptionInputSchema, SubscriptionListSchema, SubscriptionSchema)
from ..webhooks import PENDING

blp = ApiBlueprint("webhooks", __name__, description=(
    "Notices of stored events created, merged (another report joined), updated (made again, or "
    "corrected) and deleted, POSTed to subscribers: JSON `{id, type, occurred_at, event_id, event}` "
    "with headers `Webhook-Id` (the same on every retry: drop repeats), `Webhook-Timestamp` (Unix "
    "seconds) and `Webhook-Signature: v1=<hex HMAC-SHA256 of \"{timestamp}.{body}\" keyed by the "
    "secret>`. Sent by `python -m api.webhooks` from an outbox written with the change, retried with "
    "exponential backoff until a 2xx answer."))

blp.before_request(require_current_schema)

SUBSCRIPTION_PATH = id_path("/webhooks", "subscription_id")


def subscription_resource(session, subscription: WebhookSubscription) -> dict:
    pending = session.scalar(select(func.count()).select_from(WebhookDelivery).where(
        WebhookDelivery.subscription_id == subscription.id, WebhookDelivery.status == PENDING))
    return {"id": subscription.id, "url": subscription.url, "events": subscription.events,
            "description": subscription.description, "created_at": as_utc(subscription.created_at), "pending": pending}



@blp.route("/webhooks")
class Subscriptions(MethodView):
    # Subscriptions name where event data goes: reading and changing them always needs a key.
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(SubscriptionInputSchema, example={
        "url": "https://cms.example.com/hooks/events", "events": ["event.created", "event.merged"],
        "description": "غرفة الأخبار"})
    @blp.response(201, NewSubscriptionSchema)
    @error_responses(blp, 400, 401, 413, 415, 422)
    def post(self, body: dict):
        """Subscribe to event changes

        The answer carries the signing `secret` (the one given, or one made up): keep it, it is
        not shown again.
        """
        secret = body.get("secret") or secrets.token_urlsafe(32)
        with current_database().session() as session, session.begin():
            subscription = WebhookSubscription(url=body["url"], secret=secret, events=body["events"],
                                               description=body["description"], created_at=utcnow())
            session.add(subscription)
            session.flush()
            return {**subscription_resource(session, subscription), "secret": secret}, 201

    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.response(200, SubscriptionListSchema)
    @error_responses(blp, 401)
    def get(self):
        """List subscriptions"""
        with current_database().session() as session:
            rows = session.scalars(select(WebhookSubscription).order_by(WebhookSubscription.id)).all()
            return {"items": [subscription_resource(session, row) for row in rows]}


@blp.route(SUBSCRIPTION_PATH)
class SubscriptionById(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.response(200, SubscriptionSchema)
    @error_responses(blp, 401, 404)
    def get(self, subscription_id: int):
        """Read one subscription"""
        with current_database().session() as session:
            subscription = session.get(WebhookSubscription, subscription_id)
            return subscription_resource(session, subscription) if subscription else _no_such(subscription_id)

    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.response(204, description="Deleted, with its deliveries.")
    @error_responses(blp, 401, 404)
    def delete(self, subscription_id: int):
        """Unsubscribe

        Deliveries not yet sent are dropped with the subscription.
        """
        with current_database().session() as session, session.begin():
            removed = session.execute(delete(WebhookSubscription).where(WebhookSubscription.id == subscription_id)
                                      .execution_options(synchronize_session=False)).rowcount
        return current_app.response_class(status=204) if removed else _no_such(subscription_id)


@blp.route(f"{SUBSCRIPTION_PATH}/deliveries")
class Deliveries(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(DeliveryQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, DeliveryPageSchema)
    @error_responses(blp, 401, 404)
    def get(self, query: dict, subscription_id: int):
        """The delivery log of a subscription

        Newest first, each delivery with its attempts (status code or error, and time taken).
        """
        limit, offset = query["limit"], query["offset"]
        conditions = [WebhookDelivery.subscription_id == subscription_id]
        if query.get("status"):
            conditions.append(WebhookDelivery.status == query["status"])
        with current_database().session() as session:
            if session.get(WebhookSubscription, subscription_id) is None:
                return _no_such(subscription_id)
            total = session.scalar(select(func.count()).select_from(WebhookDelivery).where(*conditions))
            rows = session.scalars(select(WebhookDelivery).where(*conditions).order_by(WebhookDelivery.id.desc())
                                   .limit(limit).offset(offset)).all()
            attempts = {}
            for attempt in session.scalars(select(WebhookAttempt).where(
                    WebhookAttempt.delivery_id.in_([row.id for row in rows])).order_by(WebhookAttempt.id)):
                attempts.setdefault(attempt.delivery_id, []).append(
                    {"attempted_at": as_utc(attempt.attempted_at), "status_code": attempt.status_code,
                     "error": attempt.error, "duration_ms": attempt.duration_ms})
            items = [{"id": row.delivery_id, "type": row.event_type, "event_id": row.event_id, "status": row.status,
                      "attempts": attempts.get(row.id, []), "created_at": as_utc(row.created_at),
                      "next_attempt_at": as_utc(row.next_attempt_at) if row.status == PENDING else None,
                      "delivered_at": as_utc(row.delivered_at)} for row in rows]
        return page(items, total, limit, offset)


def _no_such(subscription_id: int):
    return problem(404, f"No webhook subscription with id {subscription_id}.")
