"""Webhooks: subscriptions, the outbox written with each change, signed deliveries retried with
backoff, and no delivery lost across a restart of the service and the sender (live, on loopback)."""
import datetime as dt
import hashlib
import hmac
import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from api import repository
from api.models import WebhookDelivery
from api.webhooks import Sender
from conftest import report
from test_integration_server import free_port, gunicorn
from test_web_browser import ARTICLE, SECOND

ROOT = Path(__file__).resolve().parents[1]
KEY = "hooks-key-0a7e"
SECRET = "s3cret-for-signing-hooks"
FAST = {"WEBHOOK_RETRY_BASE_SECONDS": 0.2, "WEBHOOK_MAX_ATTEMPTS": 3, "WEBHOOK_TIMEOUT_SECONDS": 2.0,
        "WEBHOOK_POLL_SECONDS": 0.1}
DAY = dt.date(2020, 12, 27)


class Receiver:
    """An HTTP server on loopback that records what it is sent and answers with ``statuses``
    in turn (then 204)."""

    def __init__(self, port=0):
        self.received, self.statuses = [], []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def notices(self):
        return [json.loads(body) for _, body in self.received]


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.stop()


def verified(headers: dict, body: str, secret: str = SECRET) -> bool:
    timestamp = headers["Webhook-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers["Webhook-Signature"], f"v1={expected}")


def subscribe(client, url, **fields):
    response = client.post("/webhooks", json={"url": url, "secret": SECRET, **fields}, headers={"X-API-Key": KEY})
    assert response.status_code == 201, response.json
    return response.json


def outbox(database):
    with database.session() as session:
        return [(row.event_type, row.event_id, row.subscription_id)
                for row in session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id))]


@pytest.fixture
def keyed(make_app):
    app = make_app(API_KEYS=(KEY,), **FAST)
    return app, app.test_client()


def test_subscriptions_are_created_listed_and_deleted_with_a_key(keyed):
    _, client = keyed
    assert client.post("/webhooks", json={"url": "https://cms.example.com/h"}).status_code == 401
    made = client.post("/webhooks", json={"url": "https://cms.example.com/h"}, headers={"X-API-Key": KEY})
    assert made.status_code == 201
    assert len(made.json["secret"]) >= 32 and made.json["events"] == [
        "event.created", "event.merged", "event.updated", "event.deleted"]
    listed = client.get("/webhooks", headers={"X-API-Key": KEY}).json["items"]
    assert [item["id"] for item in listed] == [made.json["id"]] and "secret" not in listed[0]
    path = f"/webhooks/{made.json['id']}"
    assert client.get(path + "/deliveries", headers={"X-API-Key": KEY}).json["total"] == 0
    assert client.delete(path, headers={"X-API-Key": KEY}).status_code == 204
    assert client.get(path, headers={"X-API-Key": KEY}).status_code == 404


@pytest.mark.parametrize("body, field", [
    ({"url": "ftp://cms.example.com/h"}, "url"), ({"url": "https://cms.example.com/h", "events": ["party"]}, "events"),
    ({"url": "https://cms.example.com/h", "events": []}, "events"), ({"url": "https://cms.example.com/h",
                                                                     "secret": "short"}, "secret"),
])
def test_bad_subscriptions_are_422(keyed, body, field, row_counts):
    _, client = keyed
    before = row_counts()
    response = client.post("/webhooks", json=body, headers={"X-API-Key": KEY})
    assert response.status_code == 422 and field in response.json["errors"]
    assert row_counts() == before


def test_every_change_writes_one_notice_per_interested_subscription(keyed):
    app, client = keyed
    database = app.extensions["database"]
    text, event = report("محمد المنفي", "رمطان لعمامرة")
    repository.store_article(database, repository.ArticleInput(text=text, published_at=DAY), [event], "test")
    assert outbox(database) == []  # no subscription, no notice

    everything = subscribe(client, "https://cms.example.com/all")["id"]
    deletions = subscribe(client, "https://cms.example.com/gone", events=["event.deleted"])["id"]
    text, event = report("عبد الحميد الدبيبة", "رجب طيب أردوغان", place=("أنقرة", "TUR"))
    stored, _ = repository.store_article(database, repository.ArticleInput(text=text, published_at=DAY),
                                         [event], "test")
    event_id = stored["events"][0]["id"]
    again, other = report("عبد الحميد الدبيبة", "أردوغان", place=("أنقرة", "TUR"))
    repository.store_article(database, repository.ArticleInput(text=again + " ", published_at=DAY), [other], "test")
    assert client.patch(f"/events/{event_id}", json={"type": "visit"}, headers={"X-API-Key": KEY}).status_code == 200
    assert client.delete(f"/events/{event_id}", headers={"X-API-Key": KEY}).status_code == 204

    assert outbox(database) == [("event.created", event_id, everything), ("event.merged", event_id, everything),
                                ("event.updated", event_id, everything), ("event.deleted", event_id, everything),
                                ("event.deleted", event_id, deletions)]
    with database.session() as session:
        rows = session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id)).all()
        bodies = [json.loads(row.body) for row in rows]
        assert [body["id"] for body in bodies] == [row.delivery_id for row in rows]
    assert [p["name"] for p in bodies[1]["event"]["participants"]] == ["عبد الحميد الدبيبة", "رجب طيب أردوغان"]
    assert len(bodies[1]["event"]["reports"]) == 2 and bodies[2]["event"]["type"] == "visit"
    assert bodies[3]["event"] is None and bodies[3]["event_id"] == event_id


def test_deliveries_are_signed_and_retried_with_backoff(keyed, receiver):
    app, client = keyed
    database = app.extensions["database"]
    subscription = subscribe(client, receiver.url)["id"]
    text, event = report("محمد المنفي", "رمطان لعمامرة")
    repository.store_article(database, repository.ArticleInput(text=text, published_at=DAY), [event], "test")
    sender = Sender(database, {**app.config})

    receiver.statuses = [503, 500]
    assert sender.send_due() == 1
    assert sender.send_due() == 0  # not due again before the backoff
    time.sleep(0.25)
    assert sender.send_due() == 1
    time.sleep(0.45)  # the second wait is twice the first
    assert sender.send_due() == 1
    assert sender.send_due() == 0

    assert len(receiver.received) == 3
    ids = {headers["Webhook-Id"] for headers, _ in receiver.received}
    assert len(ids) == 1  # one delivery, retried under one id
    for headers, body in receiver.received:
        assert verified(headers, body) and not verified(headers, body, "another-secret-entirely")
        assert abs(int(headers["Webhook-Timestamp"]) - time.time()) < 60
        assert json.loads(body)["id"] == headers["Webhook-Id"]
    log = client.get(f"/webhooks/{subscription}/deliveries", headers={"X-API-Key": KEY}).json["items"]
    assert [(d["type"], d["status"]) for d in log] == [("event.created", "delivered")]
    assert [a["status_code"] for a in log[0]["attempts"]] == [503, 500, 204]


def test_a_delivery_is_given_up_after_the_last_attempt(keyed):
    app, client = keyed
    database = app.extensions["database"]
    subscription = subscribe(client, f"http://127.0.0.1:{free_port()}/nobody-listens")["id"]
    text, event = report("محمد المنفي", "رمطان لعمامرة")
    repository.store_article(database, repository.ArticleInput(text=text, published_at=DAY), [event], "test")
    sender = Sender(database, {**app.config})
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        sender.send_due()
        (delivery,) = client.get(f"/webhooks/{subscription}/deliveries", headers={"X-API-Key": KEY}).json["items"]
        if delivery["status"] == "failed":
            break
        time.sleep(0.1)
    assert delivery["status"] == "failed"
    assert [a["error"] for a in delivery["attempts"]] == ["ConnectionRefusedError"] * 3


# --- live: gunicorn and the sender as processes, restarted in the middle ---------------------

def test_no_delivery_is_lost_across_a_restart(database_url, empty_database, tmp_path):
    settings = {**{name: str(value) for name, value in FAST.items()}, "WEBHOOK_MAX_ATTEMPTS": "50", "API_KEYS": KEY}
    env = {**os.environ, "DATABASE_URL": database_url, **settings}
    articles = [ARTICLE, SECOND, "التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة."]

    def start_sender():
        with open(tmp_path / "sender.log", "ab") as log:
            return subprocess.Popen([sys.executable, "-m", "api.webhooks"], cwd=ROOT, env=env, stdout=log,
                                    stderr=subprocess.STDOUT)

    receiver_port = free_port()
    sender = start_sender()
    try:
        with gunicorn(database_url, tmp_path / "service.log", **settings) as service:
            requests.post(service.url + "/webhooks", json={"url": f"http://127.0.0.1:{receiver_port}/hooks",
                                                           "secret": SECRET},
                          headers={"X-API-Key": KEY}, timeout=10).raise_for_status()
            # The receiver is down: notices pile up and are retried.
            for text in articles:
                answer = requests.post(service.url + "/events", json={"text": text, "published_at": "2020-12-27"},
                                       headers={"X-API-Key": KEY}, timeout=60)
                assert answer.status_code == 201
            time.sleep(1)
            # Both processes die without warning, then start again.
            for process in (service.process, sender):
                process.kill()
                process.wait(timeout=10)
        sender = start_sender()
        with gunicorn(database_url, tmp_path / "service.log", **settings):
            receiver = Receiver(receiver_port)
            try:
                with empty_database.session() as session:
                    expected = set(session.scalars(select(WebhookDelivery.delivery_id)))
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and {n["id"] for n in receiver.notices()} != expected:
                    time.sleep(0.2)
                notices = receiver.notices()
            finally:
                receiver.stop()
    finally:
        sender.terminate()
        sender.wait(timeout=15)

    assert expected and {n["id"] for n in notices} == expected
    assert len(expected) >= len(articles)
    assert all(verified(headers, body) for headers, body in receiver.received)
    # At least once, and here exactly once: the one sender recorded every answer it got.
    assert len(notices) == len(expected)
    with empty_database.session() as session:
        assert set(session.scalars(select(WebhookDelivery.status))) == {"delivered"}
