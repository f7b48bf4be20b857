"""/events: store an article's events, merged with other articles' reports of the same
happenings, then filter, read, export and delete them."""
from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from marshmallow import RAISE

from . import current_database
from .. import examples, repository
from ..auth import requires_key
from ..errors import problem
from ..export import csv_text, jsonld_document
from ..repository import ArticleInput, EventFilters
from ..schemas import (ArticleInputSchema, EventPageSchema, EventQuerySchema, ExportQuerySchema, JsonLdSchema,
                       StoredEventSchema, StoredExtractionSchema)
from ..spec import KEY_OPTIONAL, KEY_REQUIRED, ApiBlueprint, error_responses
from .extract import run_extraction

blp = ApiBlueprint("events", __name__, description="Events extracted from stored articles, one per happening "
                                                    "however many articles report it.")

# Path ids beyond a 32-bit integer cannot exist; they get the unknown-route 404.
MAX_ID = 2147483647
EVENT_PATH = f"/events/<int(max={MAX_ID}):event_id>"
JSONLD = "application/ld+json"
CSV = "text/csv"
TOTAL_HEADER = {"X-Total-Count": {"description": "Events matching the filters; the export holds at most "
                                                 "`limit` of them, from `offset` on.",
                                  "schema": {"type": "integer"}}}


def page(items: list, total: int, limit: int, offset: int) -> dict:
    next_offset = offset + len(items) if offset + len(items) < total else None
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next_offset": next_offset}


@blp.route("/events")
class Events(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(ArticleInputSchema, example=examples.ARTICLE_REQUEST)
    @blp.response(201, StoredExtractionSchema, description="Stored now.", example=examples.STORED_ARTICLE)
    @blp.alt_response(200, schema=StoredExtractionSchema, success=True, example=examples.STORED_ARTICLE,
                      description="Stored before (same url, or same text without a url): nothing new stored.")
    @error_responses(blp, 400, 401, 413, 415)
    def post(self, article: ArticleInput):
        """Extract an article's events and store them

        Each event the article reports joins the stored event it is another report of (same
        type family, a shared participant, the same day or overlapping periods when a date is
        missing, a compatible place, and no rival principals) or is stored as a new one; the
        answer lists the article's events as they now stand, every report with why it matched.

        Idempotent per article: the `url` identifies an article (the exact `text` when
        there is no url). Posting it again stores nothing and returns what was stored,
        with status 200 instead of 201.
        """
        return store_article(article)

    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    # Unknown parameters are refused, so a misspelt filter is an error rather than ignored.
    @blp.arguments(EventQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, EventPageSchema, example=examples.EVENT_PAGE)
    @error_responses(blp, 401)
    def get(self, query):
        """List stored events

        Newest event date first (events without a date last), filtered by any
        combination of the parameters, a page at a time with the total count.
        """
        limit, offset = query.pop("limit"), query.pop("offset")
        with current_database().session() as session:
            items, total = repository.list_events(session, EventFilters(**query), limit, offset)
        return page(items, total, limit, offset)


def store_article(article: ArticleInput) -> tuple[dict, int]:
    """Extract and store an article unless stored before: ``(result, 201)``, or ``(stored, 200)``."""
    with current_database().session() as session:
        stored = repository.find_article_result(session, article.key)
    if stored is not None:
        return stored, 200
    extraction = run_extraction(article)
    stored, created = repository.store_article(
        current_database(), article, extraction["events"], extraction["engine"]["extractor_version"])
    return stored, 201 if created else 200


def _export(query: dict) -> tuple[list[dict], int]:
    limit, offset = query.pop("limit"), query.pop("offset")
    with current_database().session() as session:
        return repository.list_events(session, EventFilters(**query), limit, offset)


def _download(body: str, mimetype: str, total: int, filename: str):
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["X-Total-Count"] = str(total)
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@blp.route("/events/export.jsonld")
class EventsAsJsonLd(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.arguments(ExportQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, JsonLdSchema, content_type=JSONLD, headers=TOTAL_HEADER,
                  example=jsonld_document([examples.STORED_EVENT], examples.BASE_URL))
    @error_responses(blp, 401)
    def get(self, query):
        """Export events as JSON-LD (schema.org Event)

        The events GET /events lists for the same filters, in the same order, up to 1000 at a
        time: `name`, `startDate`, `location` (`Place`), `attendee` (`Person` or
        `Organization`), `description` (the agenda), `about` (CAMEO codes as `DefinedTerm`s)
        and `subjectOf` (the `NewsArticle`s reporting the event).
        """
        events, total = _export(query)
        body = current_app.json.dumps(jsonld_document(events, request.host_url))
        return _download(body, JSONLD, total, "events.jsonld")


@blp.route("/events/export.csv")
class EventsAsCsv(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.arguments(ExportQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, {"type": "string"}, content_type=CSV, headers=TOTAL_HEADER,
                  example=csv_text([examples.STORED_EVENT]))
    @error_responses(blp, 401)
    def get(self, query):
        """Export events as CSV

        The events GET /events lists for the same filters, in the same order, up to 1000 at a
        time; one row per event, several values in a cell separated by ` | `. UTF-8 with a
        byte order mark, so spreadsheets show the Arabic.
        """
        events, total = _export(query)
        return _download(csv_text(events), CSV, total, "events.csv")


@blp.route(EVENT_PATH)
class EventById(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.response(200, StoredEventSchema, example=examples.STORED_EVENT)
    @error_responses(blp, 401, 404)
    def get(self, event_id: int):
        """Read one stored event"""
        with current_database().session() as session:
            event = repository.get_event(session, event_id)
        return event if event is not None else _no_such_event(event_id)

    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.response(204, description="Deleted.")
    @error_responses(blp, 401, 404)
    def delete(self, event_id: int):
        """Delete one stored event

        The article stays stored; posting it again does not bring the event back.
        """
        with current_database().session() as session, session.begin():
            deleted = repository.delete_event(session, event_id)
        return current_app.response_class(status=204) if deleted else _no_such_event(event_id)


def _no_such_event(event_id: int):
    return problem(404, f"No event with id {event_id}.")
