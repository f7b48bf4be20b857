"""openapi.yaml: generated from the code, valid, and its examples true to its schemas."""
import json
import re
from pathlib import Path

import pytest
import yaml
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate
from werkzeug import Request, Response
from werkzeug.test import EnvironBuilder

from api.openapi import build_spec, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def committed():
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


def test_committed_contract_is_what_the_code_generates():
    generated = render(build_spec())
    assert (ROOT / "openapi.yaml").read_text(encoding="utf-8") == generated, \
        "openapi.yaml is stale: regenerate it with `.venv/bin/python -m api.openapi > openapi.yaml`"


def test_contract_is_valid_openapi(committed):
    validate(committed)
    assert committed["openapi"] == "3.0.3"  # what the bundled Swagger UI renders


def test_every_route_is_documented(app, committed):
    documented = {(path, method.upper()) for path, item in committed["paths"].items()
                  for method in item if method != "parameters"}
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.endpoint in ("static", "home") or rule.endpoint.startswith("web."):
            continue  # the web page is for people, not part of the API
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        served |= {(path, method) for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert served == documented


def test_every_operation_documents_problem_responses(committed):
    problem = "#/components/schemas/Problem"
    responses = committed["components"]["responses"]
    for path, item in committed["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            errors = {code: r for code, r in operation["responses"].items() if code == "default" or code >= "400"}
            assert "default" in errors, (path, method)
            for response in errors.values():
                resolved = responses[response["$ref"].rsplit("/", 1)[1]] if "$ref" in response else response
                if "application/problem+json" in resolved.get("content", {}):
                    assert resolved["content"]["application/problem+json"]["schema"]["$ref"] == problem


def test_writes_need_a_key_in_the_contract(committed):
    assert set(committed["components"]["securitySchemes"]) == {"bearerAuth", "apiKeyHeader"}
    assert {} not in committed["paths"]["/events"]["post"]["security"]
    assert {} not in committed["paths"]["/events/{event_id}"]["delete"]["security"]
    assert committed["paths"]["/events"]["get"]["security"] == []


def examples_with_schemas(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            bodies = [("request", operation.get("requestBody", {}))]
            bodies += [(code, response) for code, response in operation["responses"].items()]
            for where, holder in bodies:
                for media_type, content in holder.get("content", {}).items():
                    if "example" in content:
                        yield f"{method.upper()} {path} {where} {media_type}", content["schema"], content["example"]
    for name, response in spec["components"]["responses"].items():
        for media_type, content in response["content"].items():
            yield f"response {name}", content["schema"], content["example"]


def test_examples_match_their_schemas(committed):
    checked = 0
    for where, schema, example in examples_with_schemas(committed):
        # The components travel along so $refs resolve against the contract itself.
        OAS30Validator({**schema, "components": committed["components"]}).validate(example)
        checked += 1
    assert checked >= 12


def test_example_offsets_quote_the_example_text(committed):
    request = committed["paths"]["/extract"]["post"]["requestBody"]["content"]["application/json"]["example"]
    answer = committed["paths"]["/extract"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    text = request["text"]
    for event in answer["events"]:
        spans = [event["trigger"], event["location"], event["time"], *event["agenda"], *event["evidence"],
                 *[m for p in event["participants"] for m in p["mentions"]]]
        for span in spans:
            assert text[span["start"]:span["end"]] == span["text"]


def test_the_contract_check_rejects_a_response_that_breaks_it(contract):
    """The contract check every test-client response goes through is not vacuous."""
    request = Request(EnvironBuilder(method="GET", path="/events/7").get_environ())
    response = Response(json.dumps({"id": 7, "type": "meeting"}), status=200, mimetype="application/json")
    with pytest.raises(Exception, match="required|Invalid"):
        contract.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(response))
    problem = Response(json.dumps({"title": "Not Found", "status": 404}), status=404,
                       mimetype="application/problem+json")
    with pytest.raises(Exception):
        contract.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(problem))
