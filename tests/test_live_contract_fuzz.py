"""The contract fuzzed against the live service: schemathesis generates requests from the
openapi.yaml that gunicorn serves and sends them over HTTP. Across all operations at least
500 cases run; none may get a 5xx or an answer outside the contract."""
import schemathesis
from schemathesis import GenerationMode
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.test_integration_server import NEW_KEY, live_server  # noqa: F401  (shared gunicorn fixture)

MIN_CASES = 500
REQUEST_LINE_LIMIT = 4094       # gunicorn's default limit_request_line
TRANSPORT_LIMITS = {414}
transport_refusals: dict[str, int] = {}
EXAMPLES_PER_OPERATION = 60


def fuzz_operation(operation, mode, sent: dict) -> None:
    key = f"{operation.method.upper()} {operation.path}"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    def run(case):
        response = case.call(headers={"X-API-Key": NEW_KEY}, timeout=30)
        sent[key] = sent.get(key, 0) + 1
        assert response.status_code < 500
        if response.status_code in TRANSPORT_LIMITS and len(response.request.url) > REQUEST_LINE_LIMIT:
            # gunicorn refuses an over-long request line before the application sees it
            transport_refusals[key] = transport_refusals.get(key, 0) + 1
            return
        case.validate_response(response, excluded_checks=[positive_data_acceptance])

    run()


def test_generated_requests_over_http(live_server):  # noqa: F811
    schema = schemathesis.openapi.from_url(live_server.url + "/openapi.yaml")
    sent: dict[str, int] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        # valid requests and requests that break the contract on purpose
        fuzz_operation(operation, GenerationMode.POSITIVE, sent)
        try:
            fuzz_operation(operation, GenerationMode.NEGATIVE, sent)
        except Unsatisfiable:
            pass  # nothing in this operation can be made invalid (GET /health takes no input)
    assert set(sent) == {f"{op.method.upper()} {op.path}" for op in operations}
    print(f"\nlive contract fuzz: {sum(sent.values())} cases over {len(sent)} operations: {sent}; "
          f"refused by gunicorn for an over-long request line: {transport_refusals}")
    assert sum(sent.values()) >= MIN_CASES, sent
