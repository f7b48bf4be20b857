"""Schemas of the batch calls: many articles in, a result or an error for each out."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields
from marshmallow.validate import Length

from .schemas import ExtractionSchema, StoredExtractionSchema

MAX_BATCH = 100


class BatchInputSchema(Schema):
    class Meta:
        unknown = RAISE

    articles = fields.List(fields.Dict(metadata={
        "description": "An article as POST /extract takes it (text, title, published_at, url); checked on "
                       "its own, so an invalid one gets its own 422 in the answer."}),
        required=True, validate=Length(1, MAX_BATCH),
        metadata={"description": f"1 to {MAX_BATCH} articles."})


class ItemProblemSchema(Schema):
    """Problem details (RFC 9457) of one article of a batch."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict(metadata={"description": "Field-level messages (validation failures)."})


class BatchItemSchema(Schema):
    index = fields.Integer(required=True, metadata={"description": "Position of the article in `articles`."})
    status = fields.Integer(required=True, metadata={"description": "The status a single call would have given."})
    error = fields.Nested(ItemProblemSchema, metadata={"description": "When status is 4xx or 5xx."})


class ExtractBatchItemSchema(BatchItemSchema):
    result = fields.Nested(ExtractionSchema, metadata={"description": "When status is 200: as POST /extract answers."})


class StoredBatchResultSchema(StoredExtractionSchema):
    changed = fields.Boolean(metadata={"description": "With status 200: as POST /events says it."})


class StoredBatchItemSchema(BatchItemSchema):
    result = fields.Nested(StoredBatchResultSchema, metadata={
        "description": "When status is 200 or 201: as POST /events answers."})


class BatchSummarySchema(Schema):
    succeeded = fields.Integer(required=True)
    failed = fields.Integer(required=True)


class ExtractBatchSchema(BatchSummarySchema):
    items = fields.List(fields.Nested(ExtractBatchItemSchema), required=True)


class StoreBatchSchema(BatchSummarySchema):
    items = fields.List(fields.Nested(StoredBatchItemSchema), required=True)
