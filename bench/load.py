"""Load and fault tool for ``POST /events``: concurrent distinct and repeated writes, then a
check that every acknowledged write is stored exactly once; again while a worker is SIGKILLed.

    python -m bench.load [--clients 8] [--requests 400] [--workers N] [--phases steady,kill]
                         [--database-url URL] [--time-limit 120] [--json OUT]

It starts its own gunicorn on a free 127.0.0.1 port (``bench.service.Service``) against
``--database-url`` (else ``DATABASE_URL``, else a fresh SQLite file), and talks to nothing
else. Each phase posts ``--requests`` requests from ``--clients`` threads: distinct
articles (a shared article plus a unique marker sentence; most with a unique url, some
identified by their text alone), each posted one to three times, some copies back to
back so that clients race on the same article. A request that fails at the connection
level is retried (an idempotent re-post), at most ``--retries`` times.

Afterwards, per article, from the responses, the database and ``GET /events?url=``:
* lost: an article or event id acknowledged by a 2xx answer but not stored;
* duplicates: more than one stored row for one article, events beyond those
  acknowledged, more than one 201 for one article, or answers disagreeing on ids;
* 5xx answers and (informational) connection errors.
The ``kill`` phase SIGKILLs the busiest worker once a share of the requests is done and
measures how long until ``/health`` answers and the replacement worker is up.
Exit status 0 only if every phase has zero lost writes, zero duplicates, zero 5xx and zero 4xx.
"""
from __future__ import annotations

import argparse
import hashlib
import http.client
import itertools
import json
import os
import random
import signal
import sys
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Article, shared_articles
from .service import ROOT, Service, post_json, request
from .stats import cpu_seconds, percentile

URL_BASE = "https://newsroom.example/load"
MARKER = "وجاء في نشرة المتابعة رقم {tag} أن اللقاءات ستتواصل خلال الأيام المقبلة."


# --- the workload -------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    index: int
    payload: dict

    @property
    def url(self) -> str | None:
        return self.payload.get("url")


def build_articles(count: int, run_id: str, phase: str, base: list[Article]) -> list[Planned]:
    """``count`` distinct articles; every fifth has no url (its text is its identity)."""
    planned = []
    for i in range(count):
        source = base[i % len(base)]
        tag = f"{run_id}-{phase}-{i}"
        text = source.text.rstrip() + "\n\n" + MARKER.format(tag=tag)
        url = None if i % 5 == 4 else f"{URL_BASE}/{run_id}/{phase}/{i}"
        planned.append(Planned(i, {"text": text, "title": source.title, "published_at": source.published_at,
                                   "url": url}))
    return planned


def build_schedule(requests: int, seed: int) -> tuple[int, list[int]]:
    """(distinct articles, order of article indexes): each article 1-3 times, about two on
    average; every fourth article's copies are adjacent, so concurrent clients race on it."""
    distinct = max(1, requests // 2)
    rng = random.Random(seed)
    groups: list[list[int]] = []
    for i in range(distinct):
        copies = 1 + (i % 3)
        if i % 4 == 0:
            groups.append([i] * copies)
        else:
            groups.extend([i] for _ in range(copies))
    rng.shuffle(groups)
    order = [i for group in groups for i in group][:requests]
    # pad by repeating articles already in the schedule (more idempotent re-posts)
    while len(order) < requests:
        order.append(order[rng.randrange(len(order))])
    return distinct, order


# --- running ------------------------------------------------------------------


@dataclass
class Attempt:
    article: int
    status: int | None
    latency_ms: float
    error: str | None = None
    article_id: int | None = None
    event_ids: tuple | None = None
    retry: int = 0


@dataclass
class PhaseResult:
    name: str
    clients: int
    requests_planned: int
    distinct: int
    attempts: list = field(default_factory=list)
    elapsed_s: float = 0.0
    not_sent: int = 0
    kill: dict | None = None
    checks: dict = field(default_factory=dict)

    def count(self, predicate) -> int:
        return sum(1 for a in self.attempts if predicate(a))

    def figures(self) -> dict:
        ok_latencies = [a.latency_ms for a in self.attempts if a.status and 200 <= a.status < 300]
        figures = {
            "phase": self.name, "clients": self.clients, "requests": len(self.attempts),
            "planned": self.requests_planned, "not_sent": self.not_sent, "distinct_articles": self.distinct,
            "retries": self.count(lambda a: a.retry > 0),
            "2xx": len(ok_latencies), "201": self.count(lambda a: a.status == 201),
            "200": self.count(lambda a: a.status == 200),
            "4xx": self.count(lambda a: a.status is not None and 400 <= a.status < 500),
            "5xx": self.count(lambda a: a.status is not None and a.status >= 500),
            "connection_errors": self.count(lambda a: a.error is not None),
            "elapsed_s": round(self.elapsed_s, 2),
            "throughput_rps": round(len(ok_latencies) / self.elapsed_s, 1) if self.elapsed_s else None,
            "p50_ms": _r(percentile(ok_latencies, 50)), "p99_ms": _r(percentile(ok_latencies, 99)),
        }
        figures.update(self.checks)
        if self.kill:
            figures["kill"] = self.kill
        return figures

    @property
    def passed(self) -> bool:
        f = self.figures()
        return (f["5xx"] == 0 and f["4xx"] == 0 and f.get("lost_writes", 1) == 0 and f.get("duplicates", 1) == 0
                and f["not_sent"] == 0 and (self.kill is None or self.kill.get("recovery_s") is not None))


def _r(value):
    return None if value is None else round(value, 1)


def _parse_ack(body: bytes) -> tuple[int | None, tuple | None]:
    try:
        data = json.loads(body)
        return data["article"]["id"], tuple(sorted(e["id"] for e in data["events"]))
    except (ValueError, KeyError, TypeError):
        return None, None


class Killer:
    """Watches progress; at ``at`` finished requests SIGKILLs the busiest worker(s) and times recovery."""

    def __init__(self, service: Service, at: int, count: int = 1, recovery_limit: float = 30.0):
        self.service = service
        self.at = at
        self.count = count
        self.recovery_limit = recovery_limit
        self.report: dict | None = None
        self._fired = threading.Event()

    def maybe_fire(self, done: int) -> None:
        if done >= self.at and not self._fired.is_set():
            self._fired.set()
            threading.Thread(target=self._fire, daemon=True).start()

    def _busiest(self, n: int) -> list[int]:
        pids = self.service.worker_pids()
        before = {pid: cpu_seconds(pid) or 0.0 for pid in pids}
        time.sleep(0.03)
        busy = sorted(pids, key=lambda pid: (cpu_seconds(pid) or 0.0) - before[pid], reverse=True)
        return busy[:n]

    def _fire(self) -> None:
        expected = len(self.service.worker_pids())
        victims = self._busiest(self.count)
        t0 = time.monotonic()
        for pid in victims:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        answered = restored = None
        deadline = t0 + self.recovery_limit
        while time.monotonic() < deadline and (answered is None or restored is None):
            now = time.monotonic()
            if restored is None:
                pids = self.service.worker_pids()
                if not set(victims) & set(pids) and len(pids) >= expected:
                    restored = now - t0
            if answered is None and self.service.health_ok(timeout=1.0):
                answered = time.monotonic() - t0
            time.sleep(0.02)
        self.report = {
            "killed_pids": victims, "workers_before": expected,
            "answer_after_kill_s": _r3(answered), "workers_restored_s": _r3(restored),
            "recovery_s": _r3(max(answered, restored)) if answered is not None and restored is not None else None,
        }

    def wait(self, timeout: float) -> None:
        end = time.monotonic() + timeout
        while self.report is None and time.monotonic() < end and self._fired.is_set():
            time.sleep(0.05)


def _r3(value):
    return None if value is None else round(value, 3)


def run_phase(service: Service, name: str, *, clients: int, requests: int, base: list[Article], run_id: str,
              seed: int, kill_at: float | None = None, kill_count: int = 1, retries: int = 2,
              time_limit: float = 120.0, request_timeout: float = 30.0) -> PhaseResult:
    distinct, order = build_schedule(requests, seed)
    articles = build_articles(distinct, run_id, name, base)
    result = PhaseResult(name, clients, requests, distinct)
    lock = threading.Lock()
    counter = itertools.count()
    done = itertools.count(1)
    killer = Killer(service, int(requests * kill_at), kill_count) if kill_at is not None else None
    start = time.monotonic()
    deadline = start + time_limit

    def client() -> None:
        while True:
            k = next(counter)
            if k >= len(order):
                return
            if time.monotonic() >= deadline:
                with lock:
                    result.not_sent += 1
                continue
            planned = articles[order[k]]
            for retry in range(retries + 1):
                sent = time.perf_counter()
                try:
                    status, body = post_json(service.port, "/events", planned.payload, timeout=request_timeout)
                    error = None
                except (OSError, http.client.HTTPException) as exc:
                    status, body, error = None, b"", type(exc).__name__
                attempt = Attempt(planned.index, status, (time.perf_counter() - sent) * 1000, error, retry=retry)
                if status is not None and 200 <= status < 300:
                    attempt.article_id, attempt.event_ids = _parse_ack(body)
                with lock:
                    result.attempts.append(attempt)
                if error is None or retry == retries or time.monotonic() >= deadline:
                    break
                time.sleep(0.1 * (retry + 1))
            finished = next(done)
            if killer is not None:
                killer.maybe_fire(finished)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(1.0, deadline - time.monotonic()) + request_timeout * (retries + 1) + 5)
    result.elapsed_s = time.monotonic() - start
    if killer is not None:
        killer.wait(killer.recovery_limit + 5)
        result.kill = killer.report or {"killed_pids": [], "recovery_s": None, "note": "kill did not happen"}
        # the check below needs the service answering again
        _wait_healthy(service, 30.0)
    result.checks = verify(service, articles, result.attempts)
    return result


def _wait_healthy(service: Service, limit: float) -> bool:
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if service.health_ok():
            return True
        time.sleep(0.1)
    return False


# --- checking -----------------------------------------------------------------


def _absolute_sqlite(url: str) -> str:
    """The service runs in the repo root: read the same file from wherever this runs."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:" \
            and not os.path.isabs(parsed.database):
        return str(parsed.set(database=str(ROOT / parsed.database)))
    return url


def stored_rows(database_url: str, articles: list[Planned]) -> dict[int, list[tuple[int, tuple]]]:
    """Per planned article: the stored (article id, event ids) rows, found by url or by text."""
    from sqlalchemy import create_engine, select

    from api.models import Article as ArticleRow, EventReport

    engine = create_engine(_absolute_sqlite(database_url))
    found: dict[int, list[tuple[int, tuple]]] = {}
    try:
        with engine.connect() as connection:
            for planned in articles:
                if planned.url:
                    condition = ArticleRow.url == planned.url
                else:
                    digest = hashlib.sha256(planned.payload["text"].encode("utf-8")).hexdigest()
                    condition = (ArticleRow.url.is_(None)) & (ArticleRow.text_hash == digest)
                ids = connection.execute(select(ArticleRow.id).where(condition)).scalars().all()
                rows = []
                for article_id in ids:
                    events = connection.execute(select(EventReport.event_id)
                                                .where(EventReport.article_id == article_id)).scalars().all()
                    rows.append((article_id, tuple(sorted(events))))
                found[planned.index] = rows
    finally:
        engine.dispose()
    return found


def api_event_ids(service: Service, url: str) -> tuple[set[int], int | None]:
    """Event ids ``GET /events?url=`` lists (every page), and the total it reports."""
    ids: set[int] = set()
    total = None
    offset = 0
    for _ in range(100):  # bounded: 100 pages of 100
        query = urllib.parse.urlencode({"url": url, "limit": 100, "offset": offset})
        status, body = request(service.port, "GET", f"/events?{query}", timeout=30.0)
        if status != 200:
            return ids, None
        page = json.loads(body)
        items = page.get("items", page.get("events", []))
        total = page.get("total")
        ids.update(item["id"] for item in items)
        if not items or page.get("next_offset") is None:
            break
        offset = page["next_offset"]
    return ids, total


def verify(service: Service, articles: list[Planned], attempts: list[Attempt]) -> dict:
    acks: dict[int, list[Attempt]] = {}
    for attempt in attempts:
        if attempt.status is not None and 200 <= attempt.status < 300:
            acks.setdefault(attempt.article, []).append(attempt)
    stored = stored_rows(service.database_url, articles)
    lost = duplicates = api_mismatches = unacked_stored = 0
    problems: list[str] = []

    for planned in articles:
        rows = stored.get(planned.index, [])
        answers = acks.get(planned.index, [])
        if len(rows) > 1:
            duplicates += len(rows) - 1
            problems.append(f"article {planned.index}: stored {len(rows)} times")
        if not answers:
            unacked_stored += 1 if rows else 0
            continue
        created = sum(1 for a in answers if a.status == 201)
        if created > 1:
            duplicates += created - 1
            problems.append(f"article {planned.index}: {created} answers said 201 Created")
        acked = {(a.article_id, a.event_ids) for a in answers}
        if len(acked) > 1:
            duplicates += len(acked) - 1
            problems.append(f"article {planned.index}: answers disagree on ids {sorted(acked, key=str)}")
        acked_article_ids = {a for a, _ in acked}
        acked_events = {e for _, events in acked for e in (events or ())}
        stored_ids = {a for a, _ in rows}
        stored_events = {e for _, events in rows for e in events}
        if not acked_article_ids <= stored_ids:
            lost += 1
            problems.append(f"article {planned.index}: acknowledged article id(s) "
                            f"{sorted(acked_article_ids - stored_ids, key=str)} not stored")
            continue
        missing = acked_events - stored_events
        extra = stored_events - acked_events
        if missing:
            lost += 1
            problems.append(f"article {planned.index}: acknowledged events {sorted(missing)} not stored")
        if extra:
            duplicates += 1
            problems.append(f"article {planned.index}: stored events {sorted(extra)} beyond those acknowledged")
        if planned.url:
            listed, total = api_event_ids(service, planned.url)
            if listed != stored_events or total != len(stored_events):
                api_mismatches += 1
                problems.append(f"article {planned.index}: GET /events?url= lists {sorted(listed)} "
                                f"(total {total}), stored {sorted(stored_events)}")
    return {"acknowledged_articles": len(acks), "stored_articles": sum(1 for r in stored.values() if r),
            "stored_without_ack": unacked_stored, "lost_writes": lost, "duplicates": duplicates + api_mismatches,
            "api_mismatches": api_mismatches, "problems": problems[:20]}


# --- the tool -----------------------------------------------------------------


def run(*, database_url: str | None = None, clients: int = 8, requests: int = 400, workers: int | None = None,
        phases=("steady", "kill"), kill_at: float = 0.4, kill_count: int = 1, retries: int = 2,
        time_limit: float = 120.0, seed: int = 7, log=None) -> dict:
    """Start a service, run the phases, stop it; the figures of every phase."""
    base = shared_articles()
    run_id = uuid.uuid4().hex[:12]
    results = []
    database_url = database_url or os.environ.get("DATABASE_URL") or None
    started = time.monotonic()
    with Service(database_url=database_url, workers=workers) as service:
        backend = service.database_url.split(":", 1)[0].split("+", 1)[0]
        if log:
            log(f"gunicorn pid {service.master_pid}, {len(service.worker_pids())} workers on "
                f"127.0.0.1:{service.port}, database {backend}, run {run_id}")
        for n, phase in enumerate(phases):
            remaining = time_limit - (time.monotonic() - started)
            if remaining <= 1:
                break
            result = run_phase(service, phase, clients=clients, requests=requests, base=base, run_id=run_id,
                               seed=seed + n, kill_at=kill_at if phase == "kill" else None,
                               kill_count=kill_count, retries=retries, time_limit=remaining)
            results.append(result)
            if log:
                log(format_phase(result))
        log_tail = service.log_tail(4000)
    return {"backend": backend, "run_id": run_id, "phases": [r.figures() for r in results],
            "passed": bool(results) and all(r.passed for r in results) and len(results) == len(phases),
            "service_log_tail": log_tail}


def format_phase(result: PhaseResult) -> str:
    f = result.figures()
    lines = [
        f"phase {f['phase']}: {f['requests']} requests ({f['retries']} retries) from {f['clients']} clients, "
        f"{f['distinct_articles']} distinct articles, {f['elapsed_s']} s, {f['throughput_rps']} 2xx/s, "
        f"p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms",
        f"  2xx {f['2xx']} (201: {f['201']}, 200: {f['200']})  4xx {f['4xx']}  5xx {f['5xx']}  "
        f"connection errors {f['connection_errors']}  not sent {f['not_sent']}",
        f"  acknowledged articles {f.get('acknowledged_articles')}  stored {f.get('stored_articles')}  "
        f"stored without ack {f.get('stored_without_ack')}",
        f"  duplicates {f.get('duplicates')}  lost writes {f.get('lost_writes')}  "
        f"GET /events mismatches {f.get('api_mismatches')}",
    ]
    if result.kill:
        k = result.kill
        lines.append(f"  killed worker(s) {k.get('killed_pids')}: /health answered after "
                     f"{k.get('answer_after_kill_s')} s, workers back to {k.get('workers_before')} after "
                     f"{k.get('workers_restored_s')} s, recovery {k.get('recovery_s')} s")
    for problem in f.get("problems", []):
        lines.append(f"  ! {problem}")
    lines.append(f"  => {'PASS' if result.passed else 'FAIL'}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (threads)")
    parser.add_argument("--requests", type=int, default=400, help="requests per phase")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's choice)")
    parser.add_argument("--phases", default="steady,kill", help="comma-separated: steady, kill")
    parser.add_argument("--kill-at", type=float, default=0.4, help="share of requests done before the kill")
    parser.add_argument("--kill-count", type=int, default=1, help="workers killed at once")
    parser.add_argument("--retries", type=int, default=2, help="re-posts after a connection error")
    parser.add_argument("--database-url", help="default: DATABASE_URL, else a fresh SQLite file")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds for all phases")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    phases = tuple(p.strip() for p in args.phases.split(",") if p.strip())
    unknown = set(phases) - {"steady", "kill"}
    if unknown:
        parser.error(f"unknown phase(s): {', '.join(sorted(unknown))}")

    report = run(database_url=args.database_url, clients=args.clients, requests=args.requests,
                 workers=args.workers, phases=phases, kill_at=args.kill_at, kill_count=args.kill_count,
                 retries=args.retries, time_limit=args.time_limit, seed=args.seed,
                 log=lambda m: print(m, flush=True))
    print("RESULT:", "PASS" if report["passed"] else "FAIL")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if report["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
