"""API keys, request ids and the structured request log."""
import json

import pytest

from api.auth import key_is_valid
from api.request_log import JsonLineFormatter

MEETING = "التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة."
OLD_KEY, NEW_KEY = "k-2026-old-3f9c1a", "k-2026-new-b71e04"


@pytest.fixture
def keyed(make_app):
    """A client of an app that requires a key for writes (two keys: rotation in progress)."""
    return make_app(API_KEYS=(OLD_KEY, NEW_KEY)).test_client()


def assert_unauthorised(response):
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("headers", [
    {},
    {"Authorization": "Bearer wrong-key"},
    {"Authorization": f"Basic {OLD_KEY}"},
    {"Authorization": "Bearer "},
    {"X-API-Key": OLD_KEY[:-1]},
    {"X-API-Key": OLD_KEY + "x"},
    {"X-API-Key": ""},
    {"Authorization": "Basic bm9ib2R5", "X-API-Key": NEW_KEY},       # one bad credential spoils the good one
    {"Authorization": f"Bearer {OLD_KEY}", "X-API-Key": "stale"},
])
def test_writes_without_a_valid_key_are_401_and_store_nothing(keyed, row_counts, headers):
    before = row_counts()
    assert_unauthorised(keyed.post("/events", json={"text": MEETING}, headers=headers))
    assert_unauthorised(keyed.delete("/events/1", headers=headers))
    assert row_counts() == before


def test_the_key_is_checked_before_the_body(keyed):
    # Unauthenticated callers learn nothing about validation.
    assert_unauthorised(keyed.post("/events", data="{not json", headers={"Content-Type": "application/json"}))


@pytest.mark.parametrize("headers", [{"Authorization": f"Bearer {OLD_KEY}"}, {"X-API-Key": NEW_KEY},
                                     {"Authorization": f"bearer {NEW_KEY}"},
                                     {"Authorization": f"Bearer {OLD_KEY}", "X-API-Key": NEW_KEY}])
def test_any_configured_key_works_for_writes(keyed, headers):
    created = keyed.post("/events", json={"text": MEETING}, headers=headers)
    assert created.status_code == 201
    for event in created.json["events"]:
        assert keyed.delete(f"/events/{event['id']}", headers=headers).status_code == 204


def test_reads_stay_open_unless_configured(keyed, make_app):
    assert keyed.get("/events").status_code == 200
    assert keyed.post("/extract", json={"text": MEETING}).status_code == 200

    closed = make_app(API_KEYS=(NEW_KEY,), API_KEYS_FOR_READS=True).test_client()
    assert_unauthorised(closed.get("/events"))
    assert_unauthorised(closed.get("/events/1"))
    assert_unauthorised(closed.post("/extract", json={"text": MEETING}))
    assert closed.get("/events", headers={"X-API-Key": NEW_KEY}).status_code == 200
    assert closed.post("/extract", json={"text": MEETING}, headers={"X-API-Key": NEW_KEY}).status_code == 200
    # Probes and documentation never need a key.
    for path in ("/health", "/openapi.yaml", "/docs"):
        assert closed.get(path).status_code == 200


def test_without_configured_keys_everything_is_open(client):
    assert client.post("/events", json={"text": MEETING}).status_code == 201


def test_key_comparison():
    assert key_is_valid(NEW_KEY, (OLD_KEY, NEW_KEY))
    assert key_is_valid(OLD_KEY, (OLD_KEY, NEW_KEY))
    assert not key_is_valid(NEW_KEY.upper(), (OLD_KEY, NEW_KEY))
    assert not key_is_valid("", (OLD_KEY,))
    assert not key_is_valid("مفتاح", (OLD_KEY,))


# --- request ids and logs ------------------------------------------------------

def test_a_sane_incoming_request_id_is_echoed(client):
    response = client.get("/health", headers={"X-Request-ID": "newsroom-7f3a:42.1"})
    assert response.headers["X-Request-ID"] == "newsroom-7f3a:42.1"


@pytest.mark.parametrize("incoming", ["", "x" * 129, "id with spaces", "id\"}{\"status\":200", "مرحبا"])
def test_an_unusable_request_id_is_replaced(client, incoming):
    response = client.get("/health", headers={"X-Request-ID": incoming.encode("utf-8").decode("latin-1")})
    generated = response.headers["X-Request-ID"]
    assert generated != incoming and len(generated) == 32 and generated.isalnum()


def test_problems_carry_the_request_id(client):
    response = client.get("/events/0", headers={"X-Request-ID": "trace-0001"})
    assert response.json["request_id"] == "trace-0001" == response.headers["X-Request-ID"]


def test_each_request_is_one_json_log_line_without_body_or_key(keyed, service_logs):
    response = keyed.post("/events", json={"text": MEETING, "title": "عنوان سري"},
                          headers={"Authorization": f"Bearer {OLD_KEY}", "X-Request-ID": "req-1"})
    keyed.get("/events", query_string={"participant": "حفتر"}, headers={"X-API-Key": NEW_KEY})
    keyed.post("/events", json={"text": MEETING}, headers={"X-API-Key": "leaked-wrong-key"})

    lines = [JsonLineFormatter().format(r) for r in service_logs if r.name == "api.access"]
    assert len(lines) == 3
    first = json.loads(lines[0])
    assert {k: first[k] for k in ("method", "path", "status", "request_id")} == \
        {"method": "POST", "path": "/events", "status": response.status_code, "request_id": "req-1"}
    assert first["duration_ms"] >= 0 and first["remote_addr"] == "127.0.0.1"
    assert json.loads(lines[1])["path"] == "/events" and json.loads(lines[2])["status"] == 401
    everything = "\n".join(lines)
    for secret in (OLD_KEY, NEW_KEY, "leaked-wrong-key", "الرئيس", "عنوان سري", "حفتر"):
        assert secret not in everything
