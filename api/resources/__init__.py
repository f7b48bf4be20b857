"""Blueprints, one per resource, and what they share."""
from __future__ import annotations

from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from ..errors import database_error_message, error_log, problem
from ..migrate import MIGRATE_COMMAND, head_revision


def current_database():
    """The app's Database (set up by the app factory)."""
    return current_app.extensions["database"]


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
