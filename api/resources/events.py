"""/events: store an article's events, merged with other articles' reports of the same
happenings, then filter, read, export and delete them."""
from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from marshmallow import RAISE

from . import (current_database, delete_one, dumped, id_path, list_page, read_one, require_current_schema,
               run_extraction, update_article)
from .. import examples, repository
from ..auth import requires_key
from ..export import csv_text, jsonld_document
from ..repository import ArticleInput, EventFilters
from ..schemas import (ArticleInputSchema, EventPageSchema, EventQuerySchema, ExportQuerySchema, JsonLdSchema,
                       StoredEventSchema, StoredExtractionSchema, UpdatedExtractionSchema)
from ..spec import KEY_OPTIONAL, KEY_REQUIRED, ApiBlueprint, error_responses

blp = ApiBlueprint("events", __name__, description="Events extracted from stored articles, one per happening "
                                                    "however many articles report it.")
blp.before_request(require_current_schema)

EVENT_PATH = id_path("/events", "event_id")
JSONLD = "application/ld+json"
CSV = "text/csv"
TOTAL_HEADER = {"X-Total-Count": {"description": "Events matching the filters; the export holds at most "
                                                 "`limit` of them, from `offset` on.",
                                  "schema": {"type": "integer"}}}


@blp.route("/events")
class Events(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(ArticleInputSchema, example=examples.ARTICLE_REQUEST)
    @blp.response(201, StoredExtractionSchema, description="Stored now.", example=examples.STORED_ARTICLE)
    @blp.alt_response(200, schema=UpdatedExtractionSchema, success=True, example=examples.UPDATED_ARTICLE,
                      description="Stored before (same url, or same text without a url): replaced if the text, "
                                  "title or date differ (`changed`), else nothing done.")
    @error_responses(blp, 400, 401, 413, 415, 429)
    def post(self, article: ArticleInput):
        """Extract an article's events and store them

        Each event the article reports joins the stored event it is another report of (same
        type family, a shared participant, the same day or overlapping periods when a date is
        missing, a compatible place, and no rival principals) or is stored as a new one; the
        answer lists the article's events as they now stand, every report with why it matched.

        The `url` identifies an article (the exact `text` when there is no url). Posting it
        again answers 200: with `"changed": false` and nothing done when text, title and date
        are the same; with `"changed": true` when they differ, the article (same id) replaced
        as PUT /articles/{id} replaces it.
        """
        result, status = store_article(article)
        return (result, 201) if status == 201 else (dumped(UpdatedExtractionSchema, result), 200)

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
        return list_page(query, lambda session, filters, limit, offset: repository.list_events(
            session, EventFilters(**filters), limit, offset))


def store_article(article: ArticleInput) -> tuple[dict, int]:
    """Store an article as POST /events does: ``(result, 201)`` stored now, ``(result, 200)`` stored
    before, with ``changed`` saying whether it was replaced because its text, title or date differ."""
    with current_database().session() as session:
        known = repository.stored_version(session, article)
    if known is not None:
        stored, differs = known
        updated = update_article(stored["article"]["id"], article, stored, differs)
        if updated is not None:
            return updated, 200
    extraction = run_extraction(article)
    stored, created = repository.store_article(
        current_database(), article, extraction["events"], extraction["engine"]["extractor_version"])
    return (stored, 201) if created else ({**stored, "changed": False}, 200)


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
        return read_one(repository.get_event, event_id, _no_such_event(event_id))

    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.response(204, description="Deleted.")
    @error_responses(blp, 401, 404)
    def delete(self, event_id: int):
        """Delete one stored event

        The article stays stored; posting it again does not bring the event back.
        """
        return delete_one(repository.delete_event, event_id, _no_such_event(event_id))


def _no_such_event(event_id: int) -> str:
    return f"No event with id {event_id}."
