"""Schemas of editors' corrections: PATCH /events/{id}, rejections, the audit trail."""
from __future__ import annotations

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validates_schema
from marshmallow.validate import Length, OneOf, Range, Regexp

from .corrected import EDIT, MERGE, PERSON_FIELDS, REJECT, SPLIT
from .schemas import (EVENT_TYPES, MAX_PAGE_SIZE, NOT_BLANK, ROLES, Choice, PlainText, StoredEventSchema, _country_field,
                      _limit_field, _offset_field)

# Ids are 32-bit integers in the database.
MAX_ID = 2147483647
KINDS = ("person", "org", "country", "city", "delegation")
MAX_CHANGES = 50


class StrictSchema(Schema):
    class Meta:
        unknown = RAISE


def _text(description: str, maximum: int = 300, **kwargs):
    return PlainText(validate=[Length(1, maximum), Regexp(NOT_BLANK, error="Empty or only whitespace.")],
                     metadata={"description": description, "pattern": NOT_BLANK.pattern}, **kwargs)


def _items(field, description: str):
    return fields.List(field, validate=Length(max=MAX_CHANGES), metadata={"description": description})


class PersonDetailsSchema(StrictSchema):
    title = _text("Title as the text gives it (وزير الخارجية).", allow_none=True)
    organization = _text("The body the title names.", allow_none=True)
    country = _country_field("ISO 3166-1 alpha-3 code.", allow_none=True)
    role = Choice("ParticipantRole", ROLES)
    kind = Choice("ParticipantKind", KINDS, allow_none=True)

    @post_load
    def _upper_country(self, data: dict, **kwargs) -> dict:
        if data.get("country"):
            data["country"] = data["country"].upper()
        return data


class ParticipantAdditionSchema(PersonDetailsSchema):
    name = _text("The name, without titles.", 200, required=True)


class ParticipantUpdateSchema(PersonDetailsSchema):
    person_id = fields.Integer(required=True, metadata={"description": "A participant of this event."})

    @validates_schema
    def _changes_something(self, data: dict, **kwargs) -> None:
        if not set(data) & set(PERSON_FIELDS):
            raise ValidationError("Give at least one of: " + ", ".join(PERSON_FIELDS) + ".")


class ParticipantChangesSchema(StrictSchema):
    add = _items(fields.Nested(ParticipantAdditionSchema), "People to add.")
    remove = _items(fields.Integer(), "person_id of participants to remove.")
    update = _items(fields.Nested(ParticipantUpdateSchema), "Participants whose role or details change.")


class PlaceSchema(StrictSchema):
    name = _text("City or country.", 200, required=True)
    venue = _text("Building or venue.", 200, allow_none=True)
    country = _country_field("ISO 3166-1 alpha-3 code of the place.", allow_none=True)


class AgendaChangesSchema(StrictSchema):
    add = _items(_text("A topic, ideally copied from the text.", 500), "Topics to add.")
    remove = _items(_text("The text of a topic to remove.", 500), "Topics to remove (by their text).")


class EventCorrectionSchema(StrictSchema):
    type = Choice("EventType", EVENT_TYPES, metadata={"description": "The right type."})
    participants = fields.Nested(ParticipantChangesSchema)
    location = fields.Nested(PlaceSchema, allow_none=True, metadata={"description": "The right place; null: none."})
    date = fields.Date(allow_none=True, metadata={"description": "The right day (YYYY-MM-DD); null: unknown."})
    agenda = fields.Nested(AgendaChangesSchema)
    note = _text("Why, for the audit trail.", 2000, allow_none=True)

    @validates_schema
    def _changes_something(self, data: dict, **kwargs) -> None:
        if not set(data) - {"note"}:
            raise ValidationError("Nothing to correct: give type, participants, location, date or agenda.")

    @post_load
    def _storable(self, data: dict, **kwargs) -> dict:
        if data.get("date"):
            data["date"] = data["date"].isoformat()
        if data.get("location") and data["location"].get("country"):
            data["location"]["country"] = data["location"]["country"].upper()
        return data


class RejectionSchema(StrictSchema):
    note = _text("Why, for the audit trail.", 2000, allow_none=True)


class MergerSchema(RejectionSchema):
    event_id = fields.Integer(required=True, validate=Range(1, MAX_ID), metadata={
        "description": "The event to merge into this one: it is another report of the same happening."})


class SplitSchema(RejectionSchema):
    article_id = fields.Integer(required=True, validate=Range(1, MAX_ID), metadata={
        "description": "The article whose report is of another happening."})


class CorrectionSchema(Schema):
    id = fields.Integer(required=True)
    event_id = fields.Integer(required=True, allow_none=True, metadata={
        "description": "The corrected event; null while it is gone (its article deleted or being extracted "
                       "again) until the article's new report of it adopts the correction."})
    kind = fields.String(required=True, validate=OneOf((EDIT, REJECT, MERGE, SPLIT)))
    changes = fields.Dict(required=True, metadata={
        "description": "edit: the changes as sent, participants named by name instead of person_id; merge: "
                       "the event_id merged in; split: the article_id (and article_key) split off and the "
                       "split_event_id it made."})
    note = fields.String(required=True, allow_none=True)
    author = fields.String(required=True, allow_none=True, metadata={
        "description": "The API key's name (API_KEY_NAMES); null when the service runs without keys."})
    created_at = fields.DateTime(required=True)
    undone_at = fields.DateTime(required=True, allow_none=True)
    undone_by = fields.String(required=True, allow_none=True)
    before = fields.Dict(required=True, allow_none=True, metadata={"description": "The event before."})
    after = fields.Dict(required=True, allow_none=True, metadata={"description": "The event after."})


class CorrectionResultSchema(Schema):
    correction = fields.Nested(CorrectionSchema, required=True)
    event = fields.Nested(StoredEventSchema, required=True, allow_none=True, metadata={
        "description": "The event as it now stands; null when the corrected event is gone."})


class CorrectionQuerySchema(StrictSchema):
    event_id = fields.Integer(validate=Range(1, MAX_ID), metadata={"description": "Only this event's corrections."})
    limit = _limit_field("Page size", MAX_PAGE_SIZE, 20)
    offset = _offset_field("Corrections")


class PageInfoSchema(Schema):
    """What a page of a list says besides its items (``resources.events.page``)."""

    total = fields.Integer(required=True)
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    next_offset = fields.Integer(required=True, allow_none=True,
                                 metadata={"description": "Offset of the next page; null on the last."})


class CorrectionPageSchema(PageInfoSchema):
    items = fields.List(fields.Nested(CorrectionSchema), required=True)
