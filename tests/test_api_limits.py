"""Per-client rate limits on the operations that extract (429 problem+json with Retry-After),
and the two different 401s."""
import pytest
import requests

from api.config import config_from_env
from tests.test_integration_server import gunicorn

TEXT = "التقى وزير الخارجية المصري سامح شكري، اليوم الأحد، نظيره اليوناني نيكوس دندياس في أثينا."
KEYS = ("limits-key-a", "limits-key-b")


def test_the_limit_is_per_client_and_per_operation(make_app, row_counts):
    client = make_app(RATE_LIMIT_EXTRACT="2/minute", RATE_LIMIT_STORE="1/minute", API_KEYS=KEYS).test_client()
    a, b = {"X-API-Key": KEYS[0]}, {"X-API-Key": KEYS[1]}
    assert [client.post("/extract", json={"text": TEXT}, headers=a).status_code for _ in range(3)] == [200, 200, 429]
    refused = client.post("/extract", json={"text": TEXT}, headers=a)
    assert refused.status_code == 429 and refused.mimetype == "application/problem+json"
    assert refused.json["detail"].startswith("Too many requests from this client: the limit here is 2/minute.")
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    # Another key is another client; an anonymous caller is known by its address.
    assert client.post("/extract", json={"text": TEXT}, headers=b).status_code == 200
    assert client.post("/extract", json={"text": TEXT}).status_code == 200

    # Requests their key refuses get their 401 and do not count.
    assert {client.post("/events", json={"text": TEXT}, headers=h).status_code
            for h in ({}, {"X-API-Key": "wrong"}, {"X-API-Key": "wrong"})} == {401}
    assert client.post("/events", json={"text": TEXT}, headers=a).status_code == 201
    before = row_counts()
    assert client.post("/events", json={"text": TEXT + " وبحثا التعاون."}, headers=a).status_code == 429
    assert row_counts() == before
    assert client.get("/events").status_code == 200  # reads are not limited


def test_off_means_no_limit(make_app):
    client = make_app(RATE_LIMIT_EXTRACT="off").test_client()
    assert {client.post("/extract", json={"text": TEXT}).status_code for _ in range(5)} == {200}


@pytest.mark.parametrize("value", ["often", "5 per fortnight", "-1/minute"])
def test_a_malformed_limit_stops_start_up_naming_the_variable(value):
    with pytest.raises(ValueError, match="RATE_LIMIT_EXTRACT"):
        config_from_env({"RATE_LIMIT_EXTRACT": value})


def test_missing_and_wrong_keys_get_different_messages(make_app):
    client = make_app(API_KEYS=KEYS).test_client()
    missing = client.delete("/events/1")
    wrong = client.delete("/events/1", headers={"X-API-Key": "not-a-key"})
    other_scheme = client.delete("/events/1", headers={"Authorization": f"Basic {KEYS[0]}"})
    assert (missing.status_code, wrong.status_code, other_scheme.status_code) == (401, 401, 401)
    assert "needs an API key" in missing.json["detail"]
    assert wrong.json["detail"] == other_scheme.json["detail"] != missing.json["detail"]


def test_limits_over_http(database_url, empty_database, tmp_path):
    with gunicorn(database_url, tmp_path / "server.log", WEB_CONCURRENCY="1",
                  RATE_LIMIT_EXTRACT="3/minute", RATE_LIMIT_STORE="2/minute") as server:
        statuses = [requests.post(server.url + "/extract", json={"text": TEXT}, timeout=30).status_code
                    for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        # POST /events counts on its own: two, then refused.
        posts = [requests.post(server.url + "/events", json={"text": TEXT, "url": "https://x.example/limits"},
                               timeout=30) for _ in range(3)]
        assert [p.status_code for p in posts] == [201, 200, 429]
        limited = posts[-1]
        assert limited.headers["Content-Type"] == "application/problem+json"
        assert int(limited.headers["Retry-After"]) > 0
        assert limited.json()["detail"].startswith("Too many requests from this client: the limit here is 2/minute.")
