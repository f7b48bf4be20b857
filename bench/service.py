"""Start and stop the real service (gunicorn + the app) on a free loopback port.

``Service`` migrates the database first (``python -m api.migrate``), starts
``gunicorn -c gunicorn.conf.py --bind 127.0.0.1:PORT wsgi:app`` in its own process
group, waits until ``/health`` answers and every worker has booted, and on exit stops
the whole group (SIGTERM, then SIGKILL after a grace period). Nothing here talks to
anything but 127.0.0.1.
"""
from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .stats import children

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def request(port: int, method: str, path: str, body: bytes | None = None, timeout: float = 30.0,
            headers: dict | None = None) -> tuple[int, bytes]:
    """One HTTP request on a fresh connection to 127.0.0.1:port: (status, body)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        all_headers = {"Connection": "close"}
        if body is not None:
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def post_json(port: int, path: str, payload: dict, timeout: float = 30.0) -> tuple[int, bytes]:
    return request(port, "POST", path, json.dumps(payload, ensure_ascii=False).encode("utf-8"), timeout)


def default_workers() -> int:
    """What gunicorn.conf.py starts without WEB_CONCURRENCY (read from the file itself)."""
    import runpy

    saved = os.environ.pop("WEB_CONCURRENCY", None)
    try:
        return int(runpy.run_path(str(ROOT / "gunicorn.conf.py"))["workers"])
    finally:
        if saved is not None:
            os.environ["WEB_CONCURRENCY"] = saved


class ServiceError(RuntimeError):
    pass


class Service:
    """A gunicorn master with its workers, bound to a free loopback port.

    ``database_url=None`` uses a fresh SQLite file in a temporary directory.
    ``workers=None`` keeps gunicorn.conf.py's choice (or WEB_CONCURRENCY from the environment).
    """

    def __init__(self, database_url: str | None = None, workers: int | None = None,
                 extra_env: dict | None = None, start_timeout: float = 60.0, log_path: str | None = None):
        self._tmp = tempfile.TemporaryDirectory(prefix="events-bench-")
        self.database_url = database_url or f"sqlite:///{self._tmp.name}/events.sqlite3"
        self.workers = workers
        self.start_timeout = start_timeout
        self.log_path = Path(log_path) if log_path else Path(self._tmp.name) / "gunicorn.log"
        self.port: int | None = None
        self.proc: subprocess.Popen | None = None
        self.env = dict(os.environ)
        self.env["DATABASE_URL"] = self.database_url
        self.env.pop("API_KEYS", None)  # the benchmark posts without keys
        # One benchmark client sends far more than any per-client limit allows.
        self.env.update(RATE_LIMIT_EXTRACT="off", RATE_LIMIT_STORE="off")
        self.env.setdefault("PYTHONUNBUFFERED", "1")
        if workers is not None:
            self.env["WEB_CONCURRENCY"] = str(workers)
        self.env.update(extra_env or {})
        self._log = None

    # -- lifecycle -----------------------------------------------------------

    def migrate(self) -> None:
        done = subprocess.run([sys.executable, "-m", "api.migrate"], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise ServiceError(f"python -m api.migrate failed:\n{done.stderr[-2000:]}")

    def start(self) -> "Service":
        self.migrate()
        for attempt in range(3):  # another process may grab the free port first
            self.port = free_port()
            self._log = open(self.log_path, "ab")
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"{HOST}:{self.port}",
                 "wsgi:app"],
                cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True)
            try:
                self._wait_ready()
                return self
            except ServiceError:
                exited = self.proc.poll() is not None
                self.stop()
                if not exited or attempt == 2:
                    raise
        raise ServiceError("gunicorn did not start")

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        expected = self.expected_workers()
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServiceError(f"gunicorn exited with {self.proc.returncode}:\n{self.log_tail()}")
            if self.health_ok(timeout=2.0) and len(self.worker_pids()) >= expected:
                return
            time.sleep(0.1)
        raise ServiceError(f"gunicorn not ready within {self.start_timeout:.0f} s:\n{self.log_tail()}")

    def expected_workers(self) -> int:
        value = self.env.get("WEB_CONCURRENCY")
        return int(value) if value else default_workers()

    def stop(self, grace: float = 20.0) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def close(self) -> None:
        self.stop()
        self._tmp.cleanup()

    def __enter__(self) -> "Service":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # -- inspection ----------------------------------------------------------

    @property
    def master_pid(self) -> int:
        if self.proc is None:
            raise ServiceError("service not running")
        return self.proc.pid

    def worker_pids(self) -> list[int]:
        return children(self.master_pid) if self.proc is not None else []

    def health_ok(self, timeout: float = 2.0) -> bool:
        try:
            status, _ = request(self.port, "GET", "/health", timeout=timeout)
            return status == 200
        except OSError:
            return False

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_bytes()[-chars:].decode("utf-8", "replace")
        except OSError:
            return ""

    def kill_worker(self, pid: int | None = None) -> int:
        """SIGKILL one worker (the given one, else the first); returns its pid."""
        pids = self.worker_pids()
        if not pids:
            raise ServiceError("no worker to kill")
        victim = pid if pid in pids else pids[0]
        os.kill(victim, signal.SIGKILL)
        return victim
