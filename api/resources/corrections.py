"""Editors' corrections: PATCH /events/{id}, POST /events/{id}/reject, the audit trail at
/corrections, undo, and the corrected events as gold data."""
from __future__ import annotations

import hashlib
import json

from flask import current_app
from flask.views import MethodView
from marshmallow import RAISE

from . import current_database, id_path, page, require_current_schema
from .. import corrections
from ..auth import key_is_valid, presented_keys, requires_key
from ..correction_schemas import (CorrectionPageSchema, CorrectionQuerySchema, CorrectionResultSchema,
                                  CorrectionSchema, EventCorrectionSchema, MergerSchema, RejectionSchema,
                                  SplitSchema)
from ..errors import problem
from ..spec import KEY_OPTIONAL, KEY_REQUIRED, ApiBlueprint, error_responses
from .events import EVENT_PATH

blp = ApiBlueprint("corrections", __name__, description="Editors' corrections of stored events: applied to "
                                                         "everything the service returns, kept with who and "
                                                         "when, undoable, and exported as gold data.")

blp.before_request(require_current_schema)

CORRECTION_PATH = id_path("/corrections", "correction_id")
JSONL = "application/x-ndjson"


def editor() -> str | None:
    """The name of the API key the request presents (``API_KEY_NAMES``, in the order of
    ``API_KEYS``; else a fingerprint of the key); None when the service runs without keys."""
    keys, names = current_app.config["API_KEYS"], current_app.config["API_KEY_NAMES"]
    given = presented_keys()
    if not keys or not given:
        return None
    for index, key in enumerate(keys):
        if key_is_valid(given[0], (key,)):
            return names[index] if index < len(names) else "key-" + hashlib.sha256(key.encode()).hexdigest()[:8]
    return None


def _invalid(error: corrections.CorrectionError, status: int = 422):
    fields = ", ".join(sorted(error.errors))
    return problem(status, f"Invalid fields: {fields}. See 'errors' for details.", errors=error.errors)


def _correct(event_id: int, kind: str, changes: dict, note: str | None):
    try:
        with current_database().session() as session, session.begin():
            result = corrections.record(session, event_id, kind, changes, note, editor())
    except corrections.CorrectionError as error:
        return _invalid(error, 409 if kind == corrections.REJECT else 422)
    if result is None:
        return problem(404, f"No event with id {event_id}.")
    correction, event = result
    return {"correction": correction, "event": event}


@blp.route(EVENT_PATH)
class EventCorrection(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(EventCorrectionSchema, example={
        "participants": {"remove": [7], "add": [{"name": "عقيلة صالح", "title": "رئيس مجلس النواب",
                                                 "country": "LBY", "role": "guest"}]},
        "date": "2020-12-27", "agenda": {"add": ["الانتخابات الرئاسية"]}, "note": "الخبر يذكر عقيلة صالح"})
    @blp.response(200, CorrectionResultSchema)
    @error_responses(blp, 400, 401, 404, 415, 422)
    def patch(self, changes: dict, event_id: int):
        """Correct a stored event

        Change the type, remove, add or update participants (by `person_id`), set the place or
        the date (null: none), add or remove agenda items. The correction is stored with who
        made it (the API key's name) and when, applied to everything the service returns
        (lists, exports, people, the graph), kept when the event is made again from its reports
        or its article is extracted again, and can be undone. Items an editor gives have null
        spans and `article_id`, and carry `correction_id`.
        """
        note = changes.pop("note", None)
        return _correct(event_id, corrections.EDIT, changes, note)


@blp.route(f"{EVENT_PATH}/reject")
class EventRejection(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(RejectionSchema, example={"note": "ليس لقاء: الخبر ينفي حدوثه"})
    @blp.response(200, CorrectionResultSchema)
    @error_responses(blp, 400, 401, 404, 409, 415, 422)
    def post(self, body: dict, event_id: int):
        """Reject a stored event

        The event is no error of fact to fix but no event at all: lists, exports, people and
        the graph leave it out, and new reports do not join it. GET /events/{id} still shows
        it with `rejected: true`; undo the rejection to bring it back.
        """
        return _correct(event_id, corrections.REJECT, {}, body.get("note"))


@blp.route(f"{EVENT_PATH}/merge")
class EventMerger(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(MergerSchema, example={"event_id": 42, "note": "الخبران عن اللقاء نفسه"})
    @blp.response(200, CorrectionResultSchema)
    @error_responses(blp, 400, 401, 404, 415, 422)
    def post(self, body: dict, event_id: int):
        """Merge another event into this one

        The other event's reports (and its edits) join this event, and the other event is
        deleted; the event keeps its reports together from then on, and a report of the other
        event's articles stored anew joins it again. Undo lets matching decide again.
        """
        return _correct(event_id, corrections.MERGE, {"event_id": body["event_id"]}, body.get("note"))


@blp.route(f"{EVENT_PATH}/split")
class EventSplit(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(SplitSchema, example={"article_id": 13, "note": "هذا الخبر عن لقاء آخر"})
    @blp.response(200, CorrectionResultSchema)
    @error_responses(blp, 400, 401, 404, 415, 422)
    def post(self, body: dict, event_id: int):
        """Split an article's report off this event

        The report becomes an event of its own (its id in the correction's `changes.split_event_id`),
        and stays apart when the article is stored anew. Undo puts it back.
        """
        return _correct(event_id, corrections.SPLIT, {"article_id": body["article_id"]}, body.get("note"))


@blp.route("/corrections")
class Corrections(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.arguments(CorrectionQuerySchema, location="query", unknown=RAISE)
    @blp.response(200, CorrectionPageSchema)
    @error_responses(blp, 401)
    def get(self, query):
        """The audit trail: corrections, newest first

        Undone corrections stay listed with `undone_at` and `undone_by`.
        """
        limit, offset = query.pop("limit"), query.pop("offset")
        with current_database().session() as session:
            items, total = corrections.list_corrections(session, query.get("event_id"), limit, offset)
        return page(items, total, limit, offset)


@blp.route(CORRECTION_PATH)
class CorrectionById(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.response(200, CorrectionSchema)
    @error_responses(blp, 401, 404)
    def get(self, correction_id: int):
        """Read one correction"""
        with current_database().session() as session:
            correction = corrections.get_correction(session, correction_id)
        return correction if correction else _no_such_correction(correction_id)


@blp.route(f"{CORRECTION_PATH}/undo")
class CorrectionUndo(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.response(200, CorrectionResultSchema)
    @error_responses(blp, 401, 404, 409)
    def post(self, correction_id: int):
        """Undo a correction

        The event is made again from its reports with the other corrections in force. The
        correction stays in the audit trail, marked undone.
        """
        try:
            with current_database().session() as session, session.begin():
                result = corrections.undo(session, correction_id, editor())
        except corrections.CorrectionError as error:
            return _invalid(error, 409)
        if result is None:
            return _no_such_correction(correction_id)
        correction, event = result
        return {"correction": correction, "event": event}


@blp.route("/corrections/export.jsonl")
class CorrectionsAsGold(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.response(200, {"type": "string"}, content_type=JSONL, example=json.dumps({
        "id": "article-1", "source_url": None, "published_at": "2020-12-27", "title": None,
        "text": "التقى رئيس مجلس النواب عقيلة صالح، اليوم، السفير الإيطالي في القبة.",
        "events": [{"type": "meeting", "participants": [["عقيلة صالح"], ["السفير الإيطالي"]],
                    "location": ["القبة"], "date": "2020-12-27", "agenda": [], "optional": False}]},
        ensure_ascii=False) + "\n")
    @error_responses(blp, 401)
    def get(self):
        """Export corrected events as gold data

        One line per article with an event an editor corrected, in the shared gold format
        (`id`, `source_url`, `published_at`, `title`, `text`, `events`): all the article's
        events as they now stand, rejected ones left out, each participant with every name
        form the reports use. Ready for the scorer, and for training.
        """
        with current_database().session() as session:
            lines = [json.dumps(article, ensure_ascii=False) + "\n" for article in corrections.gold_articles(session)]
        response = current_app.response_class("".join(lines), mimetype=JSONL)
        response.headers["Content-Disposition"] = 'inline; filename="corrections.jsonl"'
        return response


def _no_such_correction(correction_id: int):
    return problem(404, f"No correction with id {correction_id}.")
