"""flask-smorest wiring: strict JSON bodies, problem+json error responses, security schemes."""
from __future__ import annotations

import http
import json

from apispec import BasePlugin
from apispec.ext.marshmallow import MarshmallowPlugin, resolver
from flask_smorest import Api, Blueprint
from flask_smorest.pagination import PaginationMetadataSchema
from webargs.flaskparser import FlaskParser, abort

from .errors import ARTICLE_KEY_TAKEN, BAD_JSON, NEEDS_KEY, NOT_JSON, NOT_UTF8, PROBLEM_JSON, SERVER_FAILED, TOO_DEEP
from .limits import TOO_MANY
from .schemas import Choice, ProblemSchema

OPENAPI_VERSION = "3.0.3"  # what the bundled Swagger UI (4.x) renders
API_TITLE = "Arabic news events"
API_VERSION = "1.0.0"
API_DESCRIPTION = """\
Extracts events from Arabic news articles (who met whom, where, when, about what: meetings,
visits, phone calls, agreement signings) with character offsets into the text sent, and keeps
extracted events for querying.

Errors are RFC 9457 problem details (`application/problem+json`). Every response carries an
`X-Request-ID` header (an incoming sane one is echoed) that also appears in the request log.

When the service runs with `API_KEYS`, storing and deleting need a key (`Authorization: Bearer`
or `X-API-Key`); reads need one too when `API_KEYS_FOR_READS=1`.

Operations that extract are limited per client (429 with `Retry-After`). Operations on stored
data answer 503 while the database does not answer or its schema is not at the revision the
service needs (`GET /health` says which).
"""

BEARER = "bearerAuth"
API_KEY_HEADER = "apiKeyHeader"
SECURITY_SCHEMES = {
    BEARER: {"type": "http", "scheme": "bearer", "description": "One of the keys in API_KEYS."},
    API_KEY_HEADER: {"type": "apiKey", "in": "header", "name": "X-API-Key",
                     "description": "One of the keys in API_KEYS."},
}
KEY_REQUIRED = [{BEARER: []}, {API_KEY_HEADER: []}]
# Reads and /extract need no key unless the service runs with API_KEYS_FOR_READS=1 (their 401
# response says so). Stated as no requirement at all: client generators take any requirement
# (even one listing the empty alternative {}) to mean "always needs a key".
KEY_OPTIONAL: list = []

PROBLEM_DETAILS = {
    400: ("/events", BAD_JSON),
    401: ("/events", NEEDS_KEY),
    404: ("/events/41", "No event with id 41."),
    409: ("/articles/12", ARTICLE_KEY_TAKEN.format(7)),
    413: ("/extract", "The request body is larger than the limit of 1048576 bytes."),
    415: ("/extract", NOT_JSON),
    429: ("/extract", TOO_MANY.format("120/minute")),
    422: ("/extract", "Invalid fields: published_at, text. See 'errors' for details."),
    500: ("/events", SERVER_FAILED),
}


def problem_example(status: int) -> dict:
    instance, detail = PROBLEM_DETAILS.get(status, ("/events", http.HTTPStatus(status).description))
    example = {"type": "about:blank", "title": http.HTTPStatus(status).phrase, "status": status,
               "detail": detail, "instance": instance, "request_id": "9b1f6c2e4a8d4b7f9e3c1a5d7f0b2e4c"}
    if status == 422:
        example["errors"] = {"text": ["Text is empty or only whitespace."],
                             "published_at": ["Not a valid date or ISO 8601 date-time (e.g. 2020-12-27)."]}
    return example


class JsonBodyParser(FlaskParser):
    """Reads JSON bodies strictly (UTF-8, JSON media type): anything else is a 4xx, never a 500."""

    def load_json(self, req, schema):
        if not req.is_json:
            abort(415, detail=NOT_JSON)
        body = req.get_data(cache=True)  # raises 413 past MAX_CONTENT_LENGTH
        try:
            return json.loads(body.decode("utf-8"))
        except UnicodeDecodeError:
            abort(400, detail=NOT_UTF8)
        except RecursionError:
            abort(400, detail=TOO_DEEP)
        except ValueError:
            abort(400, detail=BAD_JSON)


class ApiBlueprint(Blueprint):
    ARGUMENTS_PARSER = JsonBodyParser()


class ProblemApi(Api):
    """flask-smorest documenting errors with the problem details schema (``errors`` answers them)."""

    ERROR_SCHEMA = ProblemSchema


RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}}
# flask-smorest describes each error response component by its status phrase, the default one so.
STATUS_BY_PHRASE = {status.phrase: status for status in http.HTTPStatus if status >= 400}
DEFAULT_ERROR_DESCRIPTION = "Default error response"


class ProblemResponses(BasePlugin):
    """flask-smorest registers a response component per error status (and a default one) as
    application/json; the service answers errors as application/problem+json (RFC 9457):
    document them so, each with an example."""

    def response_helper(self, response, **kwargs):
        description = response.get("description")
        status = STATUS_BY_PHRASE.get(description) or (
            http.HTTPStatus.INTERNAL_SERVER_ERROR if description == DEFAULT_ERROR_DESCRIPTION else None)
        media = (response.get("content") or {}).get("application/json")
        if status is None or media is None:
            return None
        documented = {"content": {PROBLEM_JSON: {**media, "example": problem_example(int(status))}}}
        if description == DEFAULT_ERROR_DESCRIPTION:
            documented["description"] = "Any other error (405, 500, 503, ...), as problem details."
        if status == http.HTTPStatus.TOO_MANY_REQUESTS:
            documented["headers"] = RETRY_AFTER
        return documented


def schema_name(schema) -> str | None:
    """Component names as apispec gives them, except flask-smorest's page-number pagination
    metadata, which this API (limit/offset, the total in the body) never sends: inlined where
    used, and as nothing uses it, left out of the contract."""
    schema_class = schema if isinstance(schema, type) else type(schema)
    return None if issubclass(schema_class, PaginationMetadataSchema) else resolver(schema)


def null_only_branch(converter, field, ret, **kwargs) -> dict:
    """Make apispec's OpenAPI 3.0 branch for a nullable nested object accept only null.

    apispec writes ``anyOf: [{type: object, nullable: true}, {$ref}]``, whose first branch
    accepts any object at all, so a malformed location would still pass validation.
    """
    if not field.allow_none or "anyOf" not in ret:
        return {}
    return {"anyOf": [{**branch, "enum": [None]} if branch == {"type": "object", "nullable": True} else branch
                      for branch in ret["anyOf"]]}


def named_choices(converter, field, ret, **kwargs) -> dict:
    """Document a ``Choice`` by reference to one named enum schema; a nullable one as that
    schema or null (so clients make one enum type, not one per use with null among its values)."""
    if not isinstance(field, Choice):
        return {}
    components = converter.spec.components
    if field.enum_name not in components.schemas:
        components.schema(field.enum_name, {"type": "string", "enum": list(field.choices)})
    for key in ("type", "enum", "nullable"):
        ret.pop(key, None)
    named = {"$ref": f"#/components/schemas/{field.enum_name}"}
    if field.allow_none:
        return {"anyOf": [named, {"type": "string", "nullable": True, "enum": [None]}]}
    return {"allOf": [named]}


def init_api(app) -> ProblemApi:
    app.config.update(API_TITLE=API_TITLE, API_VERSION=API_VERSION, OPENAPI_VERSION=OPENAPI_VERSION)
    api = ProblemApi(app, spec_kwargs={"info": {"description": API_DESCRIPTION},
                                       "marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name),
                                       "extra_plugins": [ProblemResponses()]})
    api.ma_plugin.converter.add_attribute_function(null_only_branch)
    api.ma_plugin.converter.add_attribute_function(named_choices)
    for name, scheme in SECURITY_SCHEMES.items():
        api.spec.components.security_scheme(name, scheme)
    return api


def error_responses(blp: Blueprint, *statuses: int):
    """Document the problem responses an operation can give (by reference to components)."""

    def decorator(view):
        for status in statuses:
            view = blp.alt_response(status, response=http.HTTPStatus(status).name)(view)
        return view

    return decorator
