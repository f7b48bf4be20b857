"""Marshmallow schemas: request validation, response shapes, and the source of ``openapi.yaml``."""
from __future__ import annotations

import datetime as dt
import re

from flask import current_app
from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validates, validates_schema
from marshmallow.validate import Length, OneOf, Range, Regexp

from .event_types import EVENT_TYPES as TYPE_TABLE
from .repository import ArticleInput

EVENT_TYPES = tuple(TYPE_TABLE)
ROLES = ("host", "guest", "visitor", "attendee", "party")
PRECISIONS = ("day", "month", "year")
DATE_RELATIONS = ("same_day", "overlapping_period")
LOCATION_RELATIONS = ("same_place", "same_country", "one_missing")
MAX_PAGE_SIZE = 100
MAX_EXPORT_SIZE = 1000
MAX_GRAPH_EVENTS = 5000
MAX_OFFSET = 1_000_000_000
# Databases refuse NUL characters and unpaired surrogates cannot be encoded: reject them up front.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
NOT_BLANK = re.compile(r"\S")


class PlainText(fields.String):
    """A string a database can store: no NUL, no unpaired surrogate."""

    default_error_messages = {"unstorable": "Contains a NUL character or an unpaired surrogate."}

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if UNSTORABLE.search(text):
            raise self.make_error("unstorable")
        return text


class Choice(fields.String):
    """One of a fixed set of strings, documented once as a named schema (``spec.named_choices``)
    so that generated clients get one enum type however many places use it."""

    def __init__(self, enum_name: str, choices, **kwargs):
        super().__init__(validate=OneOf(choices), **kwargs)
        self.enum_name, self.choices = enum_name, tuple(choices)


class PublicationDate(PlainText):
    """A calendar date, ``YYYY-MM-DD``, or an ISO 8601 date-time whose date part is taken."""

    default_error_messages = {"invalid_date": "Not a valid date or ISO 8601 date-time (e.g. 2020-12-27)."}

    def _deserialize(self, value, attr, data, **kwargs) -> dt.date:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        try:
            if len(text) == 10:
                return dt.date.fromisoformat(text)
            if 10 < len(text) <= 40:
                return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
        raise self.make_error("invalid_date")


def _url_field(description: str, **kwargs):
    return fields.Url(schemes={"http", "https"}, require_tld=False, validate=Length(max=2048),
                      metadata={"description": description + " An http(s) URL; raw Arabic in the path is fine.",
                                "pattern": "^https?://"}, **kwargs)


# --- requests ----------------------------------------------------------------


class ArticleInputSchema(Schema):
    class Meta:
        unknown = RAISE

    text = PlainText(required=True, metadata={
        "description": "The article text (UTF-8). Offsets in the answer count characters of this string. "
                       "Must contain something besides whitespace; at most MAX_TEXT_CHARS characters.",
        "pattern": NOT_BLANK.pattern})
    title = PlainText(load_default=None, allow_none=True, validate=Length(max=1000),
                      metadata={"description": "Headline, if the newsroom has it."})
    published_at = PublicationDate(load_default=None, allow_none=True, metadata={
        "description": "Publication date (YYYY-MM-DD, or an ISO 8601 date-time); relative dates "
                       "such as 'اليوم الأحد' are resolved against it.",
        "pattern": r"^\d{4}-\d{2}-\d{2}", "maxLength": 40})
    url = _url_field("Source URL. POST /events treats it as the article's identity.",
                     load_default=None, allow_none=True)

    @validates("text")
    def _text_is_usable(self, value: str, data_key: str) -> None:
        if not NOT_BLANK.search(value):
            raise ValidationError("Text is empty or only whitespace.")
        limit = current_app.config["MAX_TEXT_CHARS"]
        if len(value) > limit:
            raise ValidationError(f"Text is longer than the limit of {limit} characters.")

    @post_load
    def _as_article(self, data: dict, **kwargs) -> ArticleInput:
        return ArticleInput(**data)


def _country_field(description: str, **kwargs):
    return fields.String(validate=Regexp(r"^[A-Za-z]{3}$", error="Not an ISO 3166-1 alpha-3 code."),
                         metadata={"description": description, "example": "EGY"}, **kwargs)


def _limit_field(what: str, maximum: int, default: int):
    return fields.Integer(load_default=default, validate=Range(1, maximum),
                          metadata={"description": f"{what}, 1 to {maximum} (default {default})."})


def _offset_field(what: str = "Items"):
    return fields.Integer(load_default=0, validate=Range(0, MAX_OFFSET),
                          metadata={"description": f"{what} to skip (see next_offset)."})


class DateRangeSchema(Schema):
    class Meta:
        unknown = RAISE

    date_from = fields.Date(metadata={"description": "Events on or after this date (YYYY-MM-DD)."})
    date_to = fields.Date(metadata={"description": "Events on or before this date (YYYY-MM-DD)."})

    @validates_schema
    def _dates_in_order(self, data: dict, **kwargs) -> None:
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise ValidationError("date_from is after date_to.", "date_from")


class EventFilterSchema(DateRangeSchema):
    """The filters of GET /events, shared by the exports and the graph."""

    participant = PlainText(validate=Length(1, 200), metadata={
        "description": "A participant's name or part of it (whole words); diacritics, tatweel, "
                       "hamza/alef forms and ta marbuta do not matter.", "example": "حفتر"})
    type = Choice("EventType", EVENT_TYPES, metadata={"description": "Event type."})
    location = PlainText(validate=Length(1, 200), metadata={
        "description": "Words of the location (name, venue or the text naming it), normalised like "
                       "participant.", "example": "القاهرة"})
    country = _country_field("ISO 3166-1 alpha-3 code of the event's location.")
    participant_country = _country_field("Only events with a participant of this country (ISO 3166-1 alpha-3).")
    url = _url_field("Only events reported by the article with this URL.")
    q = PlainText(validate=Length(1, 200), metadata={
        "description": "Words that must all occur in the event's agenda.", "example": "وقف إطلاق النار"})


class EventQuerySchema(EventFilterSchema):
    limit = _limit_field("Page size", MAX_PAGE_SIZE, 20)
    offset = _offset_field("Events")


class ExportQuerySchema(EventFilterSchema):
    limit = _limit_field("Events in the export", MAX_EXPORT_SIZE, MAX_EXPORT_SIZE)
    offset = _offset_field("Events")


class GraphQuerySchema(EventFilterSchema):
    limit = _limit_field("How many events (newest first) the graph is drawn from", MAX_GRAPH_EVENTS, 1000)


class TimelineQuerySchema(DateRangeSchema):
    type = Choice("EventType", EVENT_TYPES, metadata={"description": "Event type."})
    limit = _limit_field("Page size", MAX_PAGE_SIZE, 20)
    offset = _offset_field("Events")


class PeopleQuerySchema(Schema):
    class Meta:
        unknown = RAISE

    name = PlainText(validate=Length(1, 200), metadata={
        "description": "Words of the name (whole words, normalised like participant).", "example": "باشاغا"})
    country = _country_field("Only people named with this country (ISO 3166-1 alpha-3).")
    limit = _limit_field("Page size", MAX_PAGE_SIZE, 20)
    offset = _offset_field("People")


# --- responses ---------------------------------------------------------------


class SpanSchema(Schema):
    text = fields.String(required=True, metadata={"description": "Exactly text[start:end] of the article."})
    start = fields.Integer(required=True, validate=Range(min=0))
    end = fields.Integer(required=True, validate=Range(min=0))


class ParticipantSchema(Schema):
    name = fields.String(required=True)
    title = fields.String(required=True, allow_none=True)
    organization = fields.String(required=True, allow_none=True)
    country = fields.String(required=True, allow_none=True, metadata={"description": "ISO 3166-1 alpha-3."})
    country_name = fields.String(load_default=None, allow_none=True,
                                 metadata={"description": "The country's common Arabic name."})
    role = Choice("ParticipantRole", ROLES, required=True)
    kind = fields.String(allow_none=True, metadata={
        "description": "person, org, country, city or delegation."})
    mentions = fields.List(fields.Nested(SpanSchema), required=True)


class LocationSchema(SpanSchema):
    name = fields.String(required=True, allow_none=True)
    venue = fields.String(required=True, allow_none=True)
    country = fields.String(required=True, allow_none=True, metadata={"description": "ISO 3166-1 alpha-3."})
    country_name = fields.String(load_default=None, allow_none=True,
                                 metadata={"description": "The country's common Arabic name."})


class TimeSchema(SpanSchema):
    date = fields.String(required=True, allow_none=True, metadata={"format": "date"})
    precision = Choice("DatePrecision", PRECISIONS, required=True, allow_none=True)


class EventSchema(Schema):
    type = Choice("EventType", EVENT_TYPES, required=True)
    trigger = fields.Nested(SpanSchema, required=True)
    participants = fields.List(fields.Nested(ParticipantSchema), required=True)
    location = fields.Nested(LocationSchema, required=True, allow_none=True)
    time = fields.Nested(TimeSchema, required=True, allow_none=True)
    agenda = fields.List(fields.Nested(SpanSchema), required=True)
    evidence = fields.List(fields.Nested(SpanSchema), required=True)
    confidence = fields.Float(required=True, validate=Range(0, 1))


class DocumentSchema(Schema):
    title = fields.String(required=True, allow_none=True)
    url = fields.String(required=True, allow_none=True)
    published_at = fields.String(required=True, allow_none=True, metadata={"format": "date"})
    characters = fields.Integer(required=True)
    tokens = fields.Integer(required=True)
    sentences = fields.Integer(required=True)


class EngineSchema(Schema):
    segmenter = fields.String(required=True, metadata={"description": "pyfarasa or farasa-jar."})
    extractor_version = fields.String(required=True)
    package = fields.String(metadata={"description": "PyFarasa engine only."})
    memo_limit = fields.Integer(metadata={"description": "PyFarasa engine only."})
    memo_size = fields.Integer(metadata={"description": "PyFarasa engine only."})
    jar = fields.String(metadata={"description": "Farasa JAR engine only."})


class ExtractionSchema(Schema):
    events = fields.List(fields.Nested(EventSchema), required=True)
    document = fields.Nested(DocumentSchema, required=True)
    engine = fields.Nested(EngineSchema, required=True)


ARTICLE_ID = {"description": "The stored article whose text this item's spans quote; null for what an "
                            "editor's correction gave."}
CORRECTION_ID = {"description": "The correction (GET /corrections/{id}) that gave or changed this item; "
                               "absent for items as extracted."}


class CorrectableSchema(Schema):
    """A stored item an editor may have given: then its spans are null (it quotes no text)."""

    start = fields.Integer(required=True, allow_none=True, validate=Range(min=0))
    end = fields.Integer(required=True, allow_none=True, validate=Range(min=0))
    article_id = fields.Integer(required=True, allow_none=True, metadata=ARTICLE_ID)
    correction_id = fields.Integer(metadata=CORRECTION_ID)


class CitedSpanSchema(CorrectableSchema, SpanSchema):
    pass


class StoredParticipantSchema(ParticipantSchema):
    kind = fields.String(required=True, allow_none=True, metadata={
        "description": "person, org, country, city or delegation."})
    article_id = fields.Integer(required=True, allow_none=True, metadata=ARTICLE_ID)
    person_id = fields.Integer(required=True, metadata={"description": "Id in GET /people."})
    correction_id = fields.Integer(metadata=CORRECTION_ID)


class StoredLocationSchema(CorrectableSchema, LocationSchema):
    pass


class StoredTimeSchema(CorrectableSchema, TimeSchema):
    pass


class CameoSchema(Schema):
    code = fields.String(required=True, metadata={"description": "CAMEO event code.", "example": "042"})
    name = fields.String(required=True, metadata={"example": "Make a visit"})
    actor_role = fields.String(required=True, allow_none=True, metadata={
        "description": "The participants (by role) whose action the code describes; null: every party."})


class SharedParticipantSchema(Schema):
    name = fields.String(required=True, metadata={"description": "As the event names them."})
    as_reported = fields.String(required=True, metadata={"description": "As this report names them."})


class MatchSchema(Schema):
    shared_participants = fields.List(fields.Nested(SharedParticipantSchema), required=True)
    date = fields.String(required=True, validate=OneOf(DATE_RELATIONS), metadata={
        "description": "same_day: both give the day; overlapping_period: a month, or an undated "
                       "report's days up to its publication, includes the other's date."})
    location = fields.String(required=True, validate=OneOf(LOCATION_RELATIONS), metadata={
        "description": "same_place: same city (or one within the other); same_country: one side "
                       "names only the country; one_missing: a side gives no place or no country."})


class ReportSchema(Schema):
    article_id = fields.Integer(required=True)
    url = fields.String(required=True, allow_none=True)
    title = fields.String(required=True, allow_none=True)
    published_at = fields.Date(required=True, allow_none=True)
    trigger = fields.Nested(SpanSchema, required=True, metadata={"description": "In this article's text."})
    evidence = fields.List(fields.Nested(SpanSchema), required=True,
                           metadata={"description": "In this article's text."})
    date = fields.String(required=True, allow_none=True, metadata={
        "format": "date", "description": "The event's date as this article gives it."})
    match = fields.Nested(MatchSchema, required=True, allow_none=True, metadata={
        "description": "Why this report was taken for a report of the event; null for the first."})


class StoredEventSchema(EventSchema):
    participants = fields.List(fields.Nested(StoredParticipantSchema), required=True, metadata={
        "description": "Everyone any report names, once each, by the fullest name a report gives."})
    location = fields.Nested(StoredLocationSchema, required=True, allow_none=True,
                             metadata={"description": "The most specific location a report gives."})
    time = fields.Nested(StoredTimeSchema, required=True, allow_none=True, metadata={
        "description": "The best-attested date: the most precise, then the one most reports give."})
    agenda = fields.List(fields.Nested(CitedSpanSchema), required=True,
                         metadata={"description": "Every report's topics, without repeats."})
    id = fields.Integer(required=True)
    cameo = fields.List(fields.Nested(CameoSchema), required=True, metadata={
        "description": "CAMEO codes (GDELT, ICEWS, PETRARCH), the main one first."})
    reports = fields.List(fields.Nested(ReportSchema), required=True, metadata={
        "description": "Articles reporting this event, oldest stored first; the event's trigger and "
                       "evidence quote the first."})
    created_at = fields.DateTime(required=True)
    corrections = fields.List(fields.Integer(), metadata={
        "description": "Ids of the editors' corrections in force on this event, oldest first; absent when none."})
    rejected = fields.Boolean(metadata={
        "description": "true when an editor rejected the event: lists, exports, people and the graph leave it out."})


class StoredArticleSchema(Schema):
    id = fields.Integer(required=True)
    url = fields.String(required=True, allow_none=True)
    title = fields.String(required=True, allow_none=True)
    published_at = fields.Date(required=True, allow_none=True)
    text_sha256 = fields.String(required=True)
    characters = fields.Integer(required=True)
    extractor_version = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True, allow_none=True, metadata={
        "description": "When its text or details were last replaced (PUT, or a re-post of its url); "
                       "null if never."})


class StoredExtractionSchema(Schema):
    article = fields.Nested(StoredArticleSchema, required=True)
    events = fields.List(fields.Nested(StoredEventSchema), required=True)


class UpdatedExtractionSchema(StoredExtractionSchema):
    changed = fields.Boolean(required=True, metadata={
        "description": "true: the article differed from the stored one, which was replaced and its events "
                       "extracted and merged again; false: nothing differed and nothing was done."})


class EventPageSchema(Schema):
    items = fields.List(fields.Nested(StoredEventSchema), required=True)
    total = fields.Integer(required=True, metadata={"description": "Events matching the filters."})
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    next_offset = fields.Integer(required=True, allow_none=True,
                                 metadata={"description": "Offset of the next page; null on the last."})


class PersonSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True, metadata={"description": "The fullest name events give."})
    name_forms = fields.List(fields.String(), required=True,
                             metadata={"description": "Every way reports write the name."})
    kind = fields.String(required=True, allow_none=True, metadata={
        "description": "person, org, country, city or delegation."})
    titles = fields.List(fields.String(), required=True)
    organizations = fields.List(fields.String(), required=True)
    countries = fields.List(fields.String(), required=True, metadata={"description": "ISO 3166-1 alpha-3."})
    event_count = fields.Integer(required=True)
    first_date = fields.Date(required=True, allow_none=True)
    last_date = fields.Date(required=True, allow_none=True)


class PersonPageSchema(Schema):
    items = fields.List(fields.Nested(PersonSchema), required=True)
    total = fields.Integer(required=True, metadata={"description": "People matching the filters."})
    limit = fields.Integer(required=True)
    offset = fields.Integer(required=True)
    next_offset = fields.Integer(required=True, allow_none=True,
                                 metadata={"description": "Offset of the next page; null on the last."})


class TimelineSchema(EventPageSchema):
    person = fields.Nested(PersonSchema, required=True)


class GraphNodeSchema(Schema):
    id = fields.Integer(required=True, metadata={"description": "The person id (GET /people)."})
    name = fields.String(required=True)
    kind = fields.String(required=True, allow_none=True)
    countries = fields.List(fields.String(), required=True)
    event_count = fields.Integer(required=True, metadata={"description": "Events in this graph."})


class GraphEventSchema(Schema):
    id = fields.Integer(required=True)
    type = Choice("EventType", EVENT_TYPES, required=True)
    date = fields.Date(required=True, allow_none=True)


class GraphEdgeSchema(Schema):
    source = fields.Integer(required=True, metadata={"description": "A node id."})
    target = fields.Integer(required=True, metadata={"description": "A node id."})
    event_count = fields.Integer(required=True)
    first_date = fields.Date(required=True, allow_none=True)
    last_date = fields.Date(required=True, allow_none=True)
    events = fields.List(fields.Nested(GraphEventSchema), required=True,
                         metadata={"description": "Oldest first, undated last."})


class GraphSchema(Schema):
    nodes = fields.List(fields.Nested(GraphNodeSchema), required=True)
    edges = fields.List(fields.Nested(GraphEdgeSchema), required=True)
    events = fields.Integer(required=True, metadata={"description": "Events the graph is drawn from."})
    total_events = fields.Integer(required=True, metadata={"description": "Events matching the filters."})


class JsonLdSchema(Schema):
    context = fields.String(required=True, data_key="@context", metadata={"example": "https://schema.org"})
    graph = fields.List(fields.Dict(), required=True, data_key="@graph", metadata={
        "description": "schema.org Event objects: name, startDate, location (Place), attendee "
                       "(Person or Organization), subjectOf (the NewsArticles reporting it), "
                       "about (the CAMEO code as a DefinedTerm)."})


class DatabaseStatusSchema(Schema):
    reachable = fields.Boolean(required=True)
    backend = fields.String(required=True, metadata={"description": "sqlite or postgresql."})
    schema_revision = fields.String(required=True, allow_none=True, metadata={
        "description": "The schema revision the database is at (null: not migrated, or not answering)."})
    expected_revision = fields.String(required=True, metadata={
        "description": "The revision this service needs; `python -m api.migrate` brings the database to it."})


class HealthSchema(Schema):
    status = fields.String(required=True, validate=OneOf(("ok", "unavailable")))
    engine = fields.Nested(EngineSchema, required=True)
    database = fields.Nested(DatabaseStatusSchema, required=True)


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True, metadata={"description": "Problem type URI; about:blank."})
    title = fields.String(required=True, metadata={"description": "The HTTP status phrase."})
    status = fields.Integer(required=True)
    detail = fields.String(required=True, metadata={"description": "What went wrong, for a person."})
    instance = fields.String(required=True, metadata={"description": "The request path."})
    request_id = fields.String(required=True, metadata={"description": "Also in the X-Request-ID header."})
    errors = fields.Dict(metadata={"description": "Field-level messages (validation failures)."})
