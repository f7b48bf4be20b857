"""Schemas of webhook subscriptions and their delivery log."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields
from marshmallow.validate import Length, OneOf, Regexp

from .correction_schemas import PageInfoSchema
from .schemas import MAX_PAGE_SIZE, PlainText, _limit_field, _offset_field, _url_field
from .webhooks import DELIVERED, EVENT_KINDS, FAILED, PENDING


class SubscriptionInputSchema(Schema):
    class Meta:
        unknown = RAISE

    url = _url_field("Where deliveries are POSTed.", required=True)
    events = fields.List(fields.String(validate=OneOf(EVENT_KINDS)), load_default=list(EVENT_KINDS),
                         validate=Length(1, len(EVENT_KINDS)),
                         metadata={"description": "Which changes to send (default: all)."})
    secret = PlainText(validate=[Length(16, 200), Regexp(r"^\S+$", error="No whitespace.")], metadata={
        "description": "Key of the HMAC-SHA256 signatures (16 to 200 characters); made up when not given."})
    description = PlainText(load_default=None, allow_none=True, validate=Length(max=500))


class SubscriptionSchema(Schema):
    id = fields.Integer(required=True)
    url = fields.String(required=True)
    events = fields.List(fields.String(), required=True)
    description = fields.String(required=True, allow_none=True)
    created_at = fields.DateTime(required=True)
    pending = fields.Integer(required=True, metadata={"description": "Deliveries not yet delivered or given up."})


class NewSubscriptionSchema(SubscriptionSchema):
    secret = fields.String(required=True, metadata={
        "description": "The signing key: shown once, here. Check `Webhook-Signature` with it."})


class SubscriptionListSchema(Schema):
    items = fields.List(fields.Nested(SubscriptionSchema), required=True)


class AttemptSchema(Schema):
    attempted_at = fields.DateTime(required=True)
    status_code = fields.Integer(required=True, allow_none=True, metadata={"description": "null: no answer."})
    error = fields.String(required=True, allow_none=True)
    duration_ms = fields.Float(required=True)


class DeliverySchema(Schema):
    id = fields.String(required=True, metadata={"description": "Also the Webhook-Id header and the body's id."})
    type = fields.String(required=True, validate=OneOf(EVENT_KINDS))
    event_id = fields.Integer(required=True)
    status = fields.String(required=True, validate=OneOf((PENDING, DELIVERED, FAILED)))
    attempts = fields.List(fields.Nested(AttemptSchema), required=True, metadata={"description": "Oldest first."})
    created_at = fields.DateTime(required=True)
    next_attempt_at = fields.DateTime(required=True, allow_none=True, metadata={"description": "While pending."})
    delivered_at = fields.DateTime(required=True, allow_none=True)


class DeliveryQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    status = fields.String(validate=OneOf((PENDING, DELIVERED, FAILED)))
    limit = _limit_field("Page size", MAX_PAGE_SIZE, 20)
    offset = _offset_field("Deliveries")


class DeliveryPageSchema(PageInfoSchema):
    items = fields.List(fields.Nested(DeliverySchema), required=True)
