"""The service for real: gunicorn on a free port (as `make run` starts it), spoken to over HTTP."""
import csv
import io
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[1]
OLD_KEY, NEW_KEY = "live-key-2026a-91c2", "live-key-2026b-07fd"
MEETING = "التقى الرئيس المصري عبد الفتاح السيسي، اليوم الأحد، المشير خليفة حفتر بالقاهرة."


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LiveServer:
    def __init__(self, process, url, log_path):
        self.process, self.url, self.log_path = process, url, log_path

    def log_lines(self) -> list[str]:
        return self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()


@contextmanager
def gunicorn(database_url: str, log_path: Path, *, healthy: int | None = 200, **env: str):
    """``gunicorn -c gunicorn.conf.py wsgi:app`` on a free port, as `make run` starts it, until
    /health answers (with ``healthy`` when given); stopped afterwards."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "WEB_CONCURRENCY": "2", "GUNICORN_TIMEOUT": "30", **env}
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = LiveServer(process, f"http://127.0.0.1:{port}", log_path)
    try:
        _wait_until_answering(server, healthy)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def live_server(database_url, tmp_path_factory):
    """One gunicorn (two workers, keys configured) for every test in this module."""
    log_path = tmp_path_factory.mktemp("gunicorn") / "server.log"
    # Without rate limits: the fuzzing and scoring tests send hundreds of requests.
    with gunicorn(database_url, log_path, API_KEYS=f"{OLD_KEY},{NEW_KEY}", API_KEYS_FOR_READS="0",
                  RATE_LIMIT_EXTRACT="off", RATE_LIMIT_STORE="off") as server:
        yield server


def _wait_until_answering(server: LiveServer, status: int | None, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            pytest.fail("gunicorn exited:\n" + "\n".join(server.log_lines()[-30:]))
        try:
            answer = requests.get(server.url + "/health", timeout=2).status_code
        except requests.ConnectionError:
            answer = None
        if answer is not None and status in (None, answer):
            return
        time.sleep(0.2)
    pytest.fail("gunicorn did not answer /health in time:\n" + "\n".join(server.log_lines()[-30:]))


def test_health_over_http(live_server):
    response = requests.get(live_server.url + "/health", headers={"X-Request-ID": "live-probe-1"}, timeout=10)
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["database"]["reachable"] is True
    assert response.headers["X-Request-ID"] == "live-probe-1"


def test_writes_need_a_key_over_http(live_server, empty_database, row_counts):
    url = live_server.url + "/events"
    article = {"text": MEETING, "url": "https://www.example.com/live/keys"}
    missing = requests.post(url, json=article, timeout=30)
    wrong = requests.post(url, json=article, headers={"Authorization": "Bearer nope"}, timeout=30)
    assert (missing.status_code, wrong.status_code) == (401, 401)
    assert missing.json()["detail"].startswith("This request needs an API key")
    assert wrong.json()["detail"].startswith("The API key given is not one of this service's keys")
    assert row_counts()["articles"] == 0
    assert requests.post(url, json=article, headers={"Authorization": f"Bearer {OLD_KEY}"}, timeout=30).status_code == 201
    assert requests.post(url, json=article, headers={"X-API-Key": NEW_KEY}, timeout=30).status_code == 200
    assert requests.get(url, params={"url": article["url"]}, timeout=30).status_code == 200


def test_concurrent_identical_posts_store_one_article(live_server, empty_database, row_counts):
    article = {"text": MEETING + " وبحث الجانبان تطورات الأوضاع.", "url": "https://www.example.com/live/race"}
    barrier = threading.Barrier(8)
    answers = []

    def post():
        barrier.wait()
        answers.append(requests.post(live_server.url + "/events", json=article,
                                     headers={"X-API-Key": NEW_KEY}, timeout=60))

    threads = [threading.Thread(target=post) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)

    assert sorted(a.status_code for a in answers) == [200] * 7 + [201]
    # The 200s are re-posts of what the 201 stored: unchanged, and the same article and events.
    assert [a.json().pop("changed", None) for a in answers if a.status_code == 200] == [False] * 7
    bodies = [{k: v for k, v in a.json().items() if k != "changed"} for a in answers]
    assert len({json.dumps(body, sort_keys=True) for body in bodies}) == 1
    assert row_counts()["articles"] == 1


def test_a_2mb_body_is_413_over_http(live_server, empty_database, row_counts):
    body = json.dumps({"text": "ا" * (2 * 1024 * 1024)}).encode("utf-8")
    response = requests.post(live_server.url + "/events", data=body, timeout=30,
                             headers={"Content-Type": "application/json", "X-API-Key": NEW_KEY})
    assert response.status_code == 413
    assert response.headers["Content-Type"] == "application/problem+json"
    assert row_counts()["articles"] == 0


def test_invalid_utf8_is_400_over_http(live_server):
    response = requests.post(live_server.url + "/extract", data=b'{"text": "\xd8\xa7\xff"}', timeout=30,
                             headers={"Content-Type": "application/json"})
    assert response.status_code == 400 and response.json()["detail"] == "The request body is not valid UTF-8."


# --- the README's curl examples ------------------------------------------------

def readme_curl_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", readme, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            if line.strip().startswith("curl "):
                commands.append(line.strip())
    return commands


def test_readme_has_curl_examples_for_every_endpoint():
    commands = " ".join(readme_curl_commands())
    for needle in ("-X POST http://127.0.0.1:8000/extract", "-X POST http://127.0.0.1:8000/events",
                   "-G http://127.0.0.1:8000/events", "http://127.0.0.1:8000/events/1",
                   "-X DELETE http://127.0.0.1:8000/events/1", "/events/export.jsonld", "/events/export.csv",
                   "http://127.0.0.1:8000/articles/1", "-X PUT http://127.0.0.1:8000/articles/1",
                   "-X DELETE http://127.0.0.1:8000/articles/1",
                   "-G http://127.0.0.1:8000/people", "http://127.0.0.1:8000/people/1",
                   "/people/1/events", "-G http://127.0.0.1:8000/graph", "/health", "/openapi.yaml", "/docs",
                   "-X PATCH http://127.0.0.1:8000/events/1", "/events/1/reject", "/corrections/1/undo",
                   "-G http://127.0.0.1:8000/corrections", "/corrections/export.jsonl",
                   "-X POST http://127.0.0.1:8000/extract/batch", "-X POST http://127.0.0.1:8000/events/batch",
                   "-X POST http://127.0.0.1:8000/webhooks", "/webhooks/1/deliveries"):
        assert needle in commands, needle


def test_readme_curl_examples_run_against_the_live_server(live_server, store_events, tmp_path):
    # The README reads and deletes event 1, person 1 and article 1; here they are stored for the purpose.
    text = "استقبل وزير الخارجية المصري سامح شكري نظيره الليبي محمد سيالة في القاهرة."
    from conftest import build_event

    seeded = store_events(text, [build_event(text, trigger="استقبل", participants=[
        ("سامح شكري", "EGY"), ("محمد سيالة", "LBY")], location=("القاهرة", "EGY"))])
    event = seeded["events"][0]
    ids = {"events": event["id"], "articles": seeded["article"]["id"], "people": event["participants"][0]["person_id"]}

    commands = readme_curl_commands()
    assert len(commands) >= 17
    for command in commands:
        command = command.replace("http://127.0.0.1:8000", live_server.url)
        for made in ("corrections", "webhooks"):  # the newest, made by the lines before
            if f"/{made}/1" in command:
                ids[made] = requests.get(f"{live_server.url}/{made}", headers={"X-API-Key": NEW_KEY},
                                         timeout=10).json()["items"][0 if made == "corrections" else -1]["id"]
        command = re.sub(r"/(events|articles|people|corrections|webhooks)/1\b", lambda m: f"/{m[1]}/{ids[m[1]]}",
                         command)
        headers = tmp_path / "headers.txt"
        done = subprocess.run(["bash", "-c", f"{command} -D {shlex.quote(str(headers))}"],
                              capture_output=True, timeout=60, env={**os.environ, "API_KEY": NEW_KEY})
        assert done.returncode == 0, (command, done.stderr)
        head = headers.read_text()
        status = int(head.split()[1])
        assert 200 <= status < 300, (command, status, done.stdout[:300])
        content_type = re.search(r"(?im)^content-type:\s*([^;\s]+)", head)
        if content_type and content_type[1].endswith("json"):
            assert json.loads(done.stdout), command
        if content_type and content_type[1] == "text/csv":
            assert done.stdout.decode("utf-8-sig").startswith("id,type,cameo_code"), command
    assert requests.get(f"{live_server.url}/events/{ids['events']}", timeout=10).status_code == 404
    assert requests.get(f"{live_server.url}/articles/{ids['articles']}", timeout=10).status_code == 404


# --- merged events over HTTP ---------------------------------------------------

def test_reports_posted_together_merge_and_views_answer_over_http(live_server, empty_database, seed_articles):
    """The two Egyptian-delegation articles posted at the same moment to two workers."""
    barrier = threading.Barrier(2)
    answers = {}

    def post(seed):
        barrier.wait()
        answers[seed] = requests.post(live_server.url + "/events", json=seed_articles[seed],
                                      headers={"X-API-Key": NEW_KEY}, timeout=60)

    threads = [threading.Thread(target=post, args=(seed,)) for seed in ("seed-000", "seed-001")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert [answers[seed].status_code for seed in ("seed-000", "seed-001")] == [201, 201]
    article_ids = sorted(answers[seed].json()["article"]["id"] for seed in answers)

    def delegation_meetings():
        items = requests.get(live_server.url + "/events", params={"participant": "أيمن بديع", "limit": 100},
                             timeout=10).json()["items"]
        return [e for e in items if "فتحي باشاغا" in {p["name"] for p in e["participants"]}]

    (meeting,) = delegation_meetings()
    assert sorted(r["article_id"] for r in meeting["reports"]) == article_ids

    people = requests.get(live_server.url + "/people", params={"name": "بديع"}, timeout=10).json()["items"]
    assert [(p["name"], p["event_count"]) for p in people] == [("أيمن بديع", 2)]   # with Bashagha, with Maitig
    graph = requests.get(live_server.url + "/graph", params={"date_from": "2020-12-27", "date_to": "2020-12-27"},
                         timeout=10).json()
    names = {node["id"]: node["name"] for node in graph["nodes"]}
    assert [e["event_count"] for e in graph["edges"]
            if {names[e["source"]], names[e["target"]]} == {"فتحي باشاغا", "أيمن بديع"}] == [1]
    exported = requests.get(live_server.url + "/events/export.jsonld", params={"participant": "بديع"}, timeout=10)
    assert exported.headers["Content-Type"].startswith("application/ld+json")
    assert sorted(len(e["subjectOf"]) for e in exported.json()["@graph"]) == [1, 2]
    exported = requests.get(live_server.url + "/events/export.csv", params={"participant": "بديع"}, timeout=10)
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"), newline="")))
    assert sorted(row["report_count"] for row in rows) == ["1", "2"]

    for article_id, left in zip(article_ids, (1, 0)):
        assert requests.delete(f"{live_server.url}/articles/{article_id}", headers={"X-API-Key": NEW_KEY},
                               timeout=30).status_code == 204
        assert [len(m["reports"]) for m in delegation_meetings()] == ([1] if left else [])


# --- the shared scorer: live service equals the library --------------------------

def test_scores_over_http_equal_the_library_on_its_own(live_server, pipeline, shared_dir, tmp_path):
    gold_files = [shared_dir / "eval" / "seeds.jsonl", shared_dir / "eval" / "dev.jsonl"]
    predictions = tmp_path / "library.jsonl"

    def predict():
        with predictions.open("w", encoding="utf-8") as out:
            for gold_file in gold_files:
                for line in gold_file.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        gold = json.loads(line)
                        result = pipeline.extract(gold["text"], title=gold.get("title"),
                                                  published_at=gold.get("published_at"), url=gold.get("source_url"))
                        out.write(json.dumps({"id": gold["id"], "events": result["events"]}, ensure_ascii=False))
                        out.write("\n")

    # In-process, but bounded: a stuck extraction fails the test instead of hanging the suite.
    worker = threading.Thread(target=predict, daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "the library took over two minutes on the gold articles"

    def score(*options) -> dict:
        done = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), *map(str, gold_files),
                               "--json", *options], capture_output=True, text=True, timeout=120, check=True)
        return json.loads(done.stdout)

    live = score("--url", live_server.url)
    library = score("--pred", predictions)
    assert live["errors"] == 0 and live["articles"] == library["articles"] == 30
    assert {k: v for k, v in live.items() if k != "latency_ms_median"} == library


# --- logs ----------------------------------------------------------------------

def test_request_logs_are_json_lines_without_keys_or_text(live_server, empty_database):
    title = "عنوان لا يظهر في السجل"
    requests.post(live_server.url + "/events", json={"text": MEETING, "title": title},
                  headers={"Authorization": f"Bearer {OLD_KEY}", "X-Request-ID": "live-log-check"}, timeout=30)
    requests.post(live_server.url + "/events", json={"text": MEETING}, headers={"X-API-Key": "wrong-live-key"},
                  timeout=30)
    time.sleep(0.3)  # let the worker flush its line

    records = [json.loads(line) for line in live_server.log_lines() if line.startswith("{")]
    access = [r for r in records if r["logger"] == "api.access"]
    assert access, live_server.log_lines()[-10:]
    for record in access:
        assert {"method", "path", "status", "duration_ms", "request_id", "remote_addr"} <= record.keys()
    mine = [r for r in access if r["request_id"] == "live-log-check"]
    assert len(mine) == 1 and mine[0]["path"] == "/events" and mine[0]["status"] in (200, 201)
    assert any(r["status"] == 401 for r in access)
    log_text = live_server.log_path.read_text(encoding="utf-8", errors="replace")
    for secret in (OLD_KEY, NEW_KEY, "wrong-live-key", title, "عبد الفتاح"):
        assert secret not in log_text
    assert not [r for r in records if r["logger"] == "api.errors"]


def test_gunicorn_settings_follow_the_environment(monkeypatch):
    import runpy

    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("GUNICORN_TIMEOUT", raising=False)
    defaults = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert defaults["workers"] == max(2, os.cpu_count() or 1)
    assert defaults["timeout"] == 30 and defaults["preload_app"] is True

    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "12")
    configured = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (configured["workers"], configured["timeout"]) == (3, 12)
