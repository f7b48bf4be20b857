"""Blueprints, one per resource, and what they share."""
from __future__ import annotations

from typing import Callable

from flask import current_app, jsonify
from marshmallow import Schema
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from .. import repository
from ..errors import database_error_message, error_log, problem
from ..migrate import MIGRATE_COMMAND, head_revision
from ..repository import ArticleInput


# Path ids beyond a 32-bit integer cannot exist; they get the unknown-route 404.
MAX_ID = 2147483647


def id_path(collection: str, name: str) -> str:
    """The route of one member of a collection, e.g. ``/events/<int(max=…):event_id>``."""
    return f"{collection}/<int(max={MAX_ID}):{name}>"


def current_database():
    """The app's Database (set up by the app factory)."""
    return current_app.extensions["database"]


def page(items: list, total: int, limit: int, offset: int) -> dict:
    """The envelope of a page of a list: the items, how many match, and where the next page starts."""
    next_offset = offset + len(items) if offset + len(items) < total else None
    return {"items": items, "total": total, "limit": limit, "offset": offset, "next_offset": next_offset}


def list_page(query: dict, fetch: Callable[[Session, dict, int, int], tuple[list, int]]) -> dict:
    """GET of a list: ``fetch(session, filters, limit, offset)`` gives one page of items and the total."""
    limit, offset = query.pop("limit"), query.pop("offset")
    with current_database().session() as session:
        items, total = fetch(session, query, limit, offset)
    return page(items, total, limit, offset)


def read_one(read: Callable[[Session, int], dict | None], resource_id: int, missing: str):
    """GET by id: what ``read`` finds, else a 404 whose detail is ``missing``."""
    with current_database().session() as session:
        found = read(session, resource_id)
    return found if found is not None else problem(404, missing)


def delete_one(remove: Callable[[Session, int], bool], resource_id: int, missing: str):
    """DELETE by id in one transaction: 204, or a 404 whose detail is ``missing``."""
    with current_database().session() as session, session.begin():
        removed = remove(session, resource_id)
    return current_app.response_class(status=204) if removed else problem(404, missing)


def dumped(schema: type[Schema], body: dict):
    """A response dumped with ``schema``: for a status whose schema differs from the one
    flask-smorest dumps the operation's answers with."""
    return jsonify(schema().dump(body))


def run_extraction(article: ArticleInput) -> dict:
    """The library's answer for a validated article."""
    published_at = article.published_at.isoformat() if article.published_at else None
    return current_app.extensions["pipeline"].extract(
        article.text, title=article.title, url=article.url, published_at=published_at)


def update_article(article_id: int, article: ArticleInput, stored: dict, differs: bool) -> dict | None:
    """PUT, or a re-post of a stored url: replace the article and its events when the input
    differs from what is stored (``changed``), else answer what is stored. None when the
    article was deleted meanwhile."""
    if not differs:
        return {**stored, "changed": False}
    extraction = run_extraction(article)
    replaced = repository.replace_article(current_database(), article_id, article, extraction["events"],
                                          extraction["engine"]["extractor_version"])
    return None if replaced is None else {**replaced, "changed": True}


def require_current_schema():
    """Before any request to a blueprint that stores or reads stored data: 503 unless the
    database answers and is at the schema revision this code needs."""
    try:
        current, found = current_app.extensions["schema"].is_current()
    except SQLAlchemyError as exc:
        error_log.warning("database unavailable", extra={"fields": {
            "error": type(exc).__name__, "message": database_error_message(exc)}})
        return problem(503, "The database does not answer; GET /health shows its state.")
    if current:
        return None
    return problem(503, f"The database schema is at revision {found or 'none'} but this service needs "
                        f"revision {head_revision()}: run `{MIGRATE_COMMAND}` with the service's DATABASE_URL "
                        f"(or start the service with AUTO_MIGRATE=1).")
