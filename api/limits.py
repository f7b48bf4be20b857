"""Per-client rate limits (Flask-Limiter) on the operations that run extraction.

A client is its API key when it presents a valid one, else its address. Counters live in
``RATELIMIT_STORAGE_URI``: in memory by default (each gunicorn worker counts on its own), or a
shared store (``redis://…``, ``memcached://…``) so several workers and instances count together.
"""
from __future__ import annotations

import hashlib

from flask import Flask, current_app, request
from flask_limiter import Limiter
from .auth import key_is_valid, key_refusal, presented_keys
from .config import NO_LIMIT

TOO_MANY = ("Too many requests from this client: the limit here is {}. "
            "Retry after the number of seconds in the Retry-After header.")
# Endpoint, methods, setting holding its limit (see api.config), whether a key is needed as for writes.
RATE_LIMITED = (
    ("extract.Extract", ["POST"], "RATE_LIMIT_EXTRACT", False),
    ("events.Events", ["POST"], "RATE_LIMIT_STORE", True),
    ("articles.ArticleById", ["PUT"], "RATE_LIMIT_STORE", True),
    ("batch.ExtractBatch", ["POST"], "RATE_LIMIT_BATCH", False),
    ("batch.StoreBatch", ["POST"], "RATE_LIMIT_BATCH", True),
)


def client_identity() -> str:
    keys = current_app.config["API_KEYS"]
    given = presented_keys()
    if keys and given and all(key_is_valid(key, keys) for key in given):
        return "key:" + hashlib.sha256(given[0].encode("utf-8")).hexdigest()[:16]
    return "address:" + (request.remote_addr or "unknown")


def init_rate_limits(app: Flask) -> Limiter:
    """One limiter per app (its own counters), wrapped around the registered views."""
    limiter = Limiter(client_identity, app=app, storage_uri=app.config["RATELIMIT_STORAGE_URI"],
                      headers_enabled=True, strategy="fixed-window")
    for endpoint, methods, setting, for_writes in RATE_LIMITED:
        # A request its key refuses costs nothing: it gets its 401 without counting.
        def exempt(setting=setting, for_writes=for_writes) -> bool:
            return current_app.config[setting] == NO_LIMIT or key_refusal(for_writes=for_writes) is not None

        limit = limiter.limit(lambda setting=setting: current_app.config[setting], methods=methods,
                              exempt_when=exempt,
                              error_message=lambda setting=setting: TOO_MANY.format(current_app.config[setting]))
        app.view_functions[endpoint] = limit(app.view_functions[endpoint])
    return limiter
