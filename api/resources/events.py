"""/events: store an article's events once, then filter, read and delete them."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from marshmallow import RAISE

from .. import examples, repository
from ..auth import requires_key
from ..errors import problem
from ..repository import ArticleInput, EventFilters
from ..schemas import ArticleInputSchema, EventPageSchema, EventQuerySchema, StoredEventSchema, StoredExtractionSchema
from ..spec import KEY_OPTIONAL, KEY_REQUIRED, ApiBlueprint, error_responses
from .extract import run_extraction

blp = ApiBlueprint("events", __name__, description="Events extracted from stored articles.")

# Path ids beyond a 32-bit integer cannot exist; they get the unknown-route 404.
EVENT_PATH = "/events/<int(max=2147483647):event_id>"


def _database():
    return current_app.extensions["database"]


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

        Idempotent per article: the `url` identifies an article (the exact `text` when
        there is no url). Posting it again stores nothing and returns what was stored,
        with status 200 instead of 201.
        """
        with _database().session() as session:
            stored = repository.find_article_result(session, article.key)
        if stored is not None:
            return stored, 200
        extraction = run_extraction(article)
        stored, created = repository.store_article(
            _database(), article, extraction["events"], extraction["engine"]["extractor_version"])
        return stored, 201 if created else 200

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
        with _database().session() as session:
            items, total = repository.list_events(session, EventFilters(**query), limit, offset)
        next_offset = offset + len(items) if offset + len(items) < total else None
        return {"items": items, "total": total, "limit": limit, "offset": offset, "next_offset": next_offset}


@blp.route(EVENT_PATH)
class EventById(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.response(200, StoredEventSchema, example=examples.STORED_EVENT)
    @error_responses(blp, 401, 404)
    def get(self, event_id: int):
        """Read one stored event"""
        with _database().session() as session:
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
        with _database().session() as session, session.begin():
            deleted = repository.delete_event(session, event_id)
        return current_app.response_class(status=204) if deleted else _no_such_event(event_id)


def _no_such_event(event_id: int):
    return problem(404, f"No event with id {event_id}.")
