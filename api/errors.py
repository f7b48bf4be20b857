"""Every error leaves as ``application/problem+json`` (RFC 9457)."""
from __future__ import annotations

import logging
import traceback
from http import HTTPStatus

from flask import Flask, current_app, request
from werkzeug.exceptions import HTTPException, InternalServerError, RequestEntityTooLarge

from .request_log import current_request_id

PROBLEM_JSON = "application/problem+json"
error_log = logging.getLogger("api.errors")

# Readable details for errors raised by Flask/Werkzeug themselves.
DEFAULT_DETAILS = {
    400: "The request could not be understood.",
    404: "No resource exists at this address.",
    405: "This method is not allowed here; see the Allow header.",
    415: "The request body must be JSON sent as Content-Type: application/json.",
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


def _field_errors(data: dict | None):
    """Marshmallow messages from webargs, without the location level when there is one location."""
    messages = (data or {}).get("messages")
    if isinstance(messages, dict) and len(messages) == 1:
        (only,) = messages.values()
        return only
    return messages


def _validation_detail(errors) -> str:
    if isinstance(errors, dict):
        if "_schema" in errors and len(errors) == 1:
            return "The request body must be a JSON object: " + " ".join(map(str, errors["_schema"]))
        return "Invalid fields: " + ", ".join(sorted(map(str, errors))) + ". See 'errors' for details."
    return "The request is invalid."


def handle_http_exception(exc: HTTPException):
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    headers = {k: v for k, v in exc.get_headers() if k.lower() not in ("content-type", "content-length")}
    headers.update(data.get("headers") or {})
    errors = data.get("errors") or _field_errors(data)
    if status == 422 or (errors and status == 400 and "detail" not in data):
        detail = data.get("detail") or _validation_detail(errors)
    elif isinstance(exc, RequestEntityTooLarge):
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        detail = f"The request body is larger than the limit of {limit} bytes."
    else:
        detail = data.get("detail") or DEFAULT_DETAILS.get(status) or exc.description or HTTPStatus(status).phrase
    return problem(status, detail, errors=errors if status in (400, 422) else None, headers=headers)


def handle_unexpected(exc: Exception):
    """500 without internals: the log gets the code path (not the message, which may quote text)."""
    original = getattr(exc, "original_exception", None) or exc
    frames = traceback.extract_tb(original.__traceback__) if original.__traceback__ else []
    error_log.error(
        "unhandled error",
        extra={"fields": {
            "request_id": current_request_id(),
            "error": type(original).__name__,
            "where": [f"{f.filename}:{f.lineno}:{f.name}" for f in frames[-8:]],
        }},
    )
    return problem(500, "The server failed to handle this request; the request id identifies it in the log.")


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(InternalServerError, handle_unexpected)
    app.register_error_handler(Exception, handle_unexpected)
