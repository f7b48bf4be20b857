"""POST /extract/batch and POST /events/batch: up to MAX_BATCH articles a call, each
validated, extracted (and stored) on its own, so one bad article does not fail the others."""
from __future__ import annotations

import logging
from http import HTTPStatus

from flask.views import MethodView
from marshmallow import ValidationError

from .. import examples
from ..auth import requires_key
from ..batch_schemas import MAX_BATCH, BatchInputSchema, ExtractBatchSchema, StoreBatchSchema
from ..errors import SERVER_FAILED, _validation_detail
from ..schemas import ArticleInputSchema
from ..spec import KEY_OPTIONAL, KEY_REQUIRED, ApiBlueprint, error_responses
from . import require_current_schema, run_extraction
from .events import store_article

blp = ApiBlueprint("batch", __name__, description=f"Many articles in one call (up to {MAX_BATCH}), a result "
                                                  "or an error for each.")
error_log = logging.getLogger("api.errors")
BATCH_EXAMPLE = {"articles": [examples.ARTICLE_REQUEST, {"text": " ", "published_at": "2020-02-30"}]}


def item_problem(status: int, detail: str, errors=None) -> dict:
    problem = {"type": "about:blank", "title": HTTPStatus(status).phrase, "status": status, "detail": detail}
    if errors:
        problem["errors"] = errors
    return problem


def each_article(articles: list, handle) -> list[dict]:
    """``handle(article) -> (result, status)`` for every valid article; an invalid one gets a 422
    and one that fails a 500 (logged without its text), and the others go on."""
    items = []
    for index, raw in enumerate(articles):
        try:
            article = ArticleInputSchema().load(raw)
        except ValidationError as error:
            items.append({"index": index, "status": 422,
                          "error": item_problem(422, _validation_detail(error.messages), error.messages)})
            continue
        try:
            result, status = handle(article)
        except Exception as exc:  # noqa: BLE001 - one article's failure must not fail the batch
            error_log.error("batch item failed", extra={"fields": {"index": index, "error": type(exc).__name__}})
            items.append({"index": index, "status": 500, "error": item_problem(500, SERVER_FAILED)})
            continue
        items.append({"index": index, "status": status, "result": result})
    return items


def summary(items: list[dict]) -> dict:
    failed = sum(1 for item in items if item["status"] >= 400)
    return {"items": items, "succeeded": len(items) - failed, "failed": failed}


@blp.route("/extract/batch")
class ExtractBatch(MethodView):
    @requires_key(for_writes=False)
    @blp.doc(security=KEY_OPTIONAL)
    @blp.arguments(BatchInputSchema, example=BATCH_EXAMPLE)
    @blp.response(200, ExtractBatchSchema, example=summary([
        {"index": 0, "status": 200, "result": examples.EXTRACTION},
        {"index": 1, "status": 422, "error": item_problem(422, "Invalid fields: published_at, text. See 'errors' "
                                                               "for details.", {
            "text": ["Text is empty or only whitespace."],
            "published_at": ["Not a valid date or ISO 8601 date-time (e.g. 2020-12-27)."]})}]))
    @error_responses(blp, 400, 401, 413, 415, 422, 429)
    def post(self, body: dict):
        """Extract events from many articles

        Stores nothing. Each article is checked and extracted on its own: `items[i]` answers
        `articles[i]` with its `status` (200, or 422 for an invalid article) and its `result`
        (as POST /extract answers) or its `error` (problem details). The whole call is bound by
        the body size limit and the request timeout.
        """
        return summary(each_article(body["articles"], lambda article: (run_extraction(article), 200)))


@blp.route("/events/batch")
class StoreBatch(MethodView):
    @requires_key(for_writes=True)
    @blp.doc(security=KEY_REQUIRED)
    @blp.arguments(BatchInputSchema, example=BATCH_EXAMPLE)
    @blp.response(200, StoreBatchSchema, example=summary([
        {"index": 0, "status": 201, "result": examples.STORED_ARTICLE},
        {"index": 1, "status": 422, "error": item_problem(422, "Invalid fields: text. See 'errors' for details.",
                                                          {"text": ["Text is empty or only whitespace."]})}]))
    @error_responses(blp, 400, 401, 413, 415, 422, 429)
    def post(self, body: dict):
        """Extract and store many articles

        Each article is stored as POST /events stores one (merged with stored reports of the
        same happenings, idempotent per article), in order: `items[i]` answers `articles[i]`
        with its `status` (201 stored now, 200 stored before, 422 invalid) and its `result`
        or `error`. Articles stored before a failure stay stored.
        """
        return require_current_schema() or summary(each_article(body["articles"], store_article))
