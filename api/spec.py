"""flask-smorest wiring: strict JSON bodies, problem+json error responses, security schemes."""
from __future__ import annotations

import http
import json

from flask_smorest import Api, Blueprint
from flask_smorest.utils import prepare_response
from webargs.flaskparser import FlaskParser, abort, is_json_request

from .errors import BAD_JSON, NEEDS_KEY, NOT_JSON, NOT_UTF8, PROBLEM_JSON, SERVER_FAILED, TOO_DEEP
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
    413: ("/extract", "The request body is larger than the limit of 1048576 bytes."),
    415: ("/extract", NOT_JSON),
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

    def _raw_load_json(self, req):
        if not is_json_request(req):
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
    """flask-smorest with RFC 9457 error responses documented as application/problem+json."""

    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self):
        """``errors.register_error_handlers`` answers every error; nothing to add here."""

    def _register_pagination_header(self):
        """Pages are limit/offset with the total in the body: flask-smorest's pagination header is unused."""

    def _register_responses(self):
        """Lazily (only those referenced end up in the spec) like flask-smorest, as problem+json."""
        for status in http.HTTPStatus:
            if status >= 400:
                self._register_problem_response(status.name, status.phrase, int(status))
        self._register_problem_response(self.DEFAULT_ERROR_RESPONSE_NAME,
                                        "Any other error (405, 500, ...), as problem details.", 500)

    def _register_problem_response(self, name: str, description: str, example_status: int) -> None:
        response = {"description": description, "schema": self.ERROR_SCHEMA,
                    "example": problem_example(example_status)}
        prepare_response(response, self.spec, PROBLEM_JSON)
        self.spec.components.response(name, response, lazy=True)


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
    api = ProblemApi(app, spec_kwargs={"info": {"description": API_DESCRIPTION}})
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
