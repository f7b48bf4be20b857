"""HTTP load generation against 127.0.0.1: closed loop (N clients back to back) and
open loop (a fixed arrival rate), each bounded by a request count and a deadline.

Every request uses a fresh connection: gunicorn's sync workers close each one after
the response anyway. Latency is measured in the client, from send (closed loop) or
from the scheduled arrival time (open loop, so a late client does not hide queueing).
"""
from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from dataclasses import dataclass, field

from .service import HOST
from .stats import percentile

MAX_THREADS = 64


@dataclass
class LoadResult:
    mode: str
    concurrency: int
    elapsed_s: float = 0.0
    latencies_ms: list = field(default_factory=list)  # of 2xx answers
    statuses: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # connection-level failures by exception name
    target_rps: float | None = None
    late_ms: list = field(default_factory=list)  # open loop: send time minus scheduled time

    @property
    def completed(self) -> int:
        return sum(self.statuses.values())

    @property
    def ok(self) -> int:
        return sum(n for s, n in self.statuses.items() if 200 <= s < 300)

    @property
    def failed(self) -> int:
        return self.completed - self.ok + sum(self.errors.values())

    @property
    def throughput(self) -> float:
        return self.ok / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def summary(self) -> dict:
        return {
            "mode": self.mode, "concurrency": self.concurrency, "target_rps": self.target_rps,
            "requests": self.completed + sum(self.errors.values()), "ok": self.ok,
            "non_2xx": self.completed - self.ok, "connection_errors": sum(self.errors.values()),
            "statuses": {str(k): v for k, v in sorted(self.statuses.items())}, "errors": dict(self.errors),
            "elapsed_s": round(self.elapsed_s, 3), "throughput_rps": round(self.throughput, 2),
            "p50_ms": _round(percentile(self.latencies_ms, 50)), "p90_ms": _round(percentile(self.latencies_ms, 90)),
            "p99_ms": _round(percentile(self.latencies_ms, 99)), "max_ms": _round(max(self.latencies_ms, default=None)),
            "late_p99_ms": _round(percentile(self.late_ms, 99)) if self.late_ms else None,
        }


def _round(value):
    return None if value is None else round(value, 2)


def _send(port: int, path: str, body: bytes, timeout: float) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("POST", path, body=body,
                     headers={"Content-Type": "application/json", "Connection": "close"})
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def encode(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


class _Recorder:
    def __init__(self, result: LoadResult):
        self.result = result
        self.lock = threading.Lock()

    def record(self, status: int | None, latency_ms: float, error: str | None = None, late_ms: float | None = None):
        with self.lock:
            if error is not None:
                self.result.errors[error] = self.result.errors.get(error, 0) + 1
                return
            self.result.statuses[status] = self.result.statuses.get(status, 0) + 1
            if 200 <= status < 300:
                self.result.latencies_ms.append(latency_ms)
            if late_ms is not None:
                self.result.late_ms.append(late_ms)


def closed_loop(port: int, bodies: list[bytes], concurrency: int, *, path: str = "/extract",
                max_requests: int = 1000, duration_s: float = 5.0, timeout: float = 30.0) -> LoadResult:
    """``concurrency`` clients, each posting the next body as soon as its last answer came,
    until ``max_requests`` were sent or ``duration_s`` passed."""
    concurrency = max(1, min(concurrency, MAX_THREADS))
    result = LoadResult(mode="closed", concurrency=concurrency)
    recorder = _Recorder(result)
    counter = itertools.count()
    start = time.perf_counter()
    deadline = start + duration_s

    def client() -> None:
        while time.perf_counter() < deadline:
            k = next(counter)
            if k >= max_requests:
                return
            sent = time.perf_counter()
            try:
                status = _send(port, path, bodies[k % len(bodies)], timeout)
            except (OSError, http.client.HTTPException) as exc:
                recorder.record(None, 0.0, type(exc).__name__)
                continue
            recorder.record(status, (time.perf_counter() - sent) * 1000)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(duration_s + timeout + 5)
    result.elapsed_s = time.perf_counter() - start
    return result


def open_loop(port: int, bodies: list[bytes], rate: float, *, path: str = "/extract", duration_s: float = 5.0,
              max_requests: int = 10_000, threads: int = 32, timeout: float = 30.0) -> LoadResult:
    """Requests arriving at ``rate`` per second (evenly spaced) for ``duration_s``, served by
    up to ``threads`` clients; latency counts from each request's scheduled arrival."""
    total = int(min(max_requests, max(1, rate * duration_s)))
    threads = max(1, min(threads, MAX_THREADS, total))
    result = LoadResult(mode="open", concurrency=threads, target_rps=rate)
    recorder = _Recorder(result)
    counter = itertools.count()
    start = time.perf_counter() + 0.05
    hard_stop = start + duration_s + timeout

    def client() -> None:
        while True:
            k = next(counter)
            if k >= total:
                return
            scheduled = start + k / rate
            now = time.perf_counter()
            if now > hard_stop:
                return
            if scheduled > now:
                time.sleep(scheduled - now)
            sent = time.perf_counter()
            try:
                status = _send(port, path, bodies[k % len(bodies)], timeout)
            except (OSError, http.client.HTTPException) as exc:
                recorder.record(None, 0.0, type(exc).__name__)
                continue
            recorder.record(status, (time.perf_counter() - scheduled) * 1000, late_ms=(sent - scheduled) * 1000)

    pool = [threading.Thread(target=client, daemon=True) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(duration_s + timeout + 5)
    result.elapsed_s = time.perf_counter() - start
    return result
