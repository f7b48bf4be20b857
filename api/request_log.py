"""Request ids and structured request logs: one JSON line per request, never a body or a key."""
from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, g, request

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is echoed only if it is short and plain, so it cannot forge log lines.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

access_log = logging.getLogger("api.access")


class JsonLineFormatter(logging.Formatter):
    """Formats ``extra={"fields": {...}}`` as one JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            **getattr(record, "fields", {}),
        }
        return json.dumps(line, ensure_ascii=False, default=str)


def configure_logging(level: str) -> None:
    """Send the service's loggers to stderr as JSON lines (once per process)."""
    for name in ("api.access", "api.errors", "api.schema"):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        logger.propagate = False
        if not any(isinstance(h.formatter, JsonLineFormatter) for h in logger.handlers):
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(JsonLineFormatter())
            logger.addHandler(handler)


def current_request_id() -> str:
    if "request_id" not in g:
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        g.request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
    return g.request_id


def _start_timer() -> None:
    g.request_started = time.perf_counter()
    current_request_id()


def _log_request(response):
    request_id = current_request_id()
    response.headers[REQUEST_ID_HEADER] = request_id
    started = g.get("request_started", time.perf_counter())
    access_log.info("request", extra={"fields": {
        "method": request.method,
        "path": request.path,  # no query string: search words are the caller's business
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
        "request_id": request_id,
        "remote_addr": request.remote_addr,
    }})
    return response


def init_request_logging(app: Flask) -> None:
    configure_logging(app.config["LOG_LEVEL"])
    app.before_request(_start_timer)
    app.after_request(_log_request)
