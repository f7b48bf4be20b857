"""What a generated client reads from openapi.yaml is true: which operations need a key,
one named enum per set of choices, and an /extract example that is a real extraction."""
import re
from pathlib import Path

import pytest
import yaml
from flask.testing import FlaskClient

from api import examples

ROOT = Path(__file__).resolve().parents[1]
KEY = "contract-key-5b1e"


@pytest.fixture(scope="module")
def committed():
    return yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))


def operations(spec):
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield path, method, operation


def concrete(path: str) -> str:
    return re.sub(r"\{\w+_id\}", "1", path.replace("{filename}", "swagger-ui.css"))


def test_an_operation_needs_a_key_exactly_when_the_contract_says_so(make_app, committed):
    """With keys configured (reads open, the default), a request without a key is refused
    by every operation with a security requirement and by no other."""
    app = make_app(API_KEYS=(KEY,))
    # Statuses only: the contract checks of the usual test client are for the other tests.
    client = FlaskClient(app, app.response_class)
    for path, method, operation in operations(committed):
        body = {"json": {}} if method in ("post", "patch", "put") else {}
        status = getattr(client, method)(concrete(path), **body).status_code
        assert (status == 401) == bool(operation.get("security")), (method, path, status)


def walk(node):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def test_choices_are_named_enums_and_null_is_never_one_of_their_values(committed):
    schemas = committed["components"]["schemas"]
    assert schemas["DatePrecision"] == {"type": "string", "enum": ["day", "month", "year"]}
    assert schemas["EventType"]["enum"] == ["meeting", "visit", "call", "agreement"]
    assert "party" in schemas["ParticipantRole"]["enum"]
    for node in walk(committed):
        values = node.get("enum")
        if isinstance(values, list) and None in values:
            assert values == [None], node  # only the null branch of a nullable value
    time = schemas["Time"]["properties"]["precision"]
    assert time["anyOf"][0] == {"$ref": "#/components/schemas/DatePrecision"}


def test_the_extract_example_is_what_the_service_answers(client, committed):
    """Regenerate with `python -m api.examples` when extraction changes."""
    answer = client.post("/extract", json=examples.ARTICLE_REQUEST).json
    documented = committed["paths"]["/extract"]["post"]["responses"]["200"]["content"]["application/json"]["example"]
    assert committed["paths"]["/extract"]["post"]["requestBody"]["content"]["application/json"]["example"] == \
        examples.ARTICLE_REQUEST
    assert answer["events"] == documented["events"] == examples.EXTRACTION["events"]
    assert answer["document"] == documented["document"]
    for key in ("segmenter", "extractor_version"):
        assert answer["engine"][key] == documented["engine"][key]
