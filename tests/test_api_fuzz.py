"""Requests generated from openapi.yaml (schemathesis): valid and invalid ones alike never
get a 500, every answer conforms to the contract, invalid input is refused, and operations
that need a key refuse requests without one."""
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api import create_app

KEY = "fuzz-key-5d1e"
# This app only serves the contract to schemathesis; each test sends its requests to its own app.
schema = schemathesis.openapi.from_wsgi("/openapi.yaml", create_app({"DATABASE_URL": "sqlite://"}))


@pytest.fixture
def keyed_app(make_app):
    return make_app(API_KEYS=(KEY,))


@schema.parametrize()
# Derandomized and without an example database: the same cases every run.
@settings(max_examples=30, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_generated_requests(case, keyed_app):
    case.operation.app = keyed_app  # also where the checks send their own probes (e.g. without the key)
    # The contract cannot say everything the validation knows (February 30, NUL characters,
    # text over MAX_TEXT_CHARS), so schema-valid data may still get a 422.
    case.call_and_validate(headers={"X-API-Key": KEY}, excluded_checks=[positive_data_acceptance])
