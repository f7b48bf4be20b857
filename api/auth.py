"""API keys from ``API_KEYS``: required for writes, and for reads when ``API_KEYS_FOR_READS=1``."""
from __future__ import annotations

import functools
import hmac

from flask import current_app, request

from .errors import NEEDS_KEY, WRONG_KEY, problem


def presented_keys() -> list[str]:
    """Every key the request presents: ``Authorization: Bearer <key>`` and/or ``X-API-Key: <key>``.

    An Authorization header of another scheme counts as a wrong key, so a request never
    passes on one credential while carrying a bad one.
    """
    keys = []
    if "Authorization" in request.headers:
        scheme, _, credentials = request.headers["Authorization"].partition(" ")
        keys.append(credentials.strip() if scheme.lower() == "bearer" else "")
    if "X-API-Key" in request.headers:
        keys.append(request.headers["X-API-Key"])
    return keys


def key_is_valid(given: str, keys: tuple[str, ...]) -> bool:
    """Constant-time comparison against every configured key (no early exit on a match)."""
    given_bytes = given.encode("utf-8")
    matches = [hmac.compare_digest(given_bytes, key.encode("utf-8")) for key in keys]
    return any(matches)


def _rejection(detail: str):
    return problem(401, detail, headers={"WWW-Authenticate": 'Bearer realm="events"'})


def requires_key(*, for_writes: bool):
    """Check the key before anything else runs (so an unauthorised body is never even parsed)."""

    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            keys = current_app.config["API_KEYS"]
            needed = keys and (for_writes or current_app.config["API_KEYS_FOR_READS"])
            if needed:
                given = presented_keys()
                if not given:
                    return _rejection(NEEDS_KEY)
                if not all(key_is_valid(key, keys) for key in given):
                    return _rejection(WRONG_KEY)
            return view(*args, **kwargs)

        return guarded

    return decorator
