"""Every error leaves as ``application/problem+json`` (RFC 9457)."""
from __future__ import annotations

import logging
import traceback
from http import HTTPStatus

from flask import Flask, current_app, request
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

from .request_log import current_request_id

PROBLEM_JSON = "application/problem+json"
error_log = logging.getLogger("api.errors")

# Details the service gives (the contract's examples quote them too).
NOT_JSON = "The request body must be JSON sent as Content-Type: application/json."
NOT_UTF8 = "The request body is not valid UTF-8."
BAD_JSON = "The request body is not valid JSON."
TOO_DEEP = "The JSON body is nested too deeply."
NEEDS_KEY = "This request needs an API key: Authorization: Bearer <key> or X-API-Key: <key>."
WRONG_KEY = "The API key given is not one of this service's keys (or not sent as Bearer)."
ARTICLE_KEY_TAKEN = "Article {} has this url (or this text, without a url); change that article instead."
SERVER_FAILED = "The server failed to handle this request; the request id identifies it in the log."

# Readable details for errors Flask/Werkzeug raise themselves.
DEFAULT_DETAILS = {
    400: "The request could not be understood.",
    404: "No resource exists at this address.",
    405: "This method is not allowed here; see the Allow header.",
}


def problem(status: int, detail: str, *, errors=None, headers=None):
    """A problem+json response carrying the request id, so a report can be matched to the log."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.path,
        "request_id": current_request_id(),
    }
    if errors:
        body["errors"] = errors
    response = current_app.response_class(current_app.json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _field_errors(data: dict):
    """webargs' marshmallow messages, without the location level (``json``/``query``) when single."""
    messages = data.get("messages")
    if isinstance(messages, dict) and len(messages) == 1:
        (only,) = messages.values()
        return only
    return messages


def _validation_detail(errors) -> str:
    if isinstance(errors, dict) and errors.keys() == {"_schema"}:
        return "The request body must be a JSON object: " + " ".join(map(str, errors["_schema"]))
    if isinstance(errors, dict):
        return "Invalid fields: " + ", ".join(sorted(map(str, errors))) + ". See 'errors' for details."
    return "The request is invalid."


def handle_http_exception(exc: HTTPException):
    data = getattr(exc, "data", None) or {}  # what webargs' abort() attached
    errors = _field_errors(data)
    if isinstance(exc, RequestEntityTooLarge):
        detail = f"The request body is larger than the limit of {current_app.config['MAX_CONTENT_LENGTH']} bytes."
    else:
        detail = (data.get("detail") or (errors and _validation_detail(errors))
                  or DEFAULT_DETAILS.get(exc.code) or exc.description)
    headers = {k: v for k, v in exc.get_headers() if k.lower() not in ("content-type", "content-length")}
    return problem(exc.code, detail, errors=errors, headers=headers)


def database_error_message(exc: Exception) -> str:
    """The database's own first line about the error: not SQLAlchemy's rendering, which
    appends the statement's parameters (article text)."""
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    return lines[0][:300] if lines else ""


def handle_unexpected(exc: Exception):
    """500 without internals: the log gets the code path, and for a database error the
    database's own message (other messages may quote article text)."""
    original = getattr(exc, "original_exception", None) or exc
    frames = traceback.extract_tb(original.__traceback__) if original.__traceback__ else []
    fields = {"request_id": current_request_id(), "error": type(original).__name__}
    if isinstance(original, SQLAlchemyError):
        driver_error = getattr(original, "orig", None)
        fields["database_error"] = type(driver_error).__name__ if driver_error else None
        fields["message"] = database_error_message(original)
    fields["where"] = [f"{f.filename}:{f.lineno}:{f.name}" for f in frames[-8:]]
    error_log.error("unhandled error", extra={"fields": fields})
    return problem(500, SERVER_FAILED)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
