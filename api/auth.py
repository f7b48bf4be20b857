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


def key_refusal(*, for_writes: bool) -> str | None:
    """Why this request may not go on (the 401 detail), or None when it may."""
    keys = current_app.config["API_KEYS"]
    if not keys or not (for_writes or current_app.config["API_KEYS_FOR_READS"]):
        return None
    given = presented_keys()
    if not given:
        return NEEDS_KEY
    return None if all(key_is_valid(key, keys) for key in given) else WRONG_KEY


def requires_key(*, for_writes: bool):
    """Check the key before anything else runs (so an unauthorised body is never even parsed)."""

    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            refusal = key_refusal(for_writes=for_writes)
            if refusal:
                return _rejection(refusal)
            return view(*args, **kwargs)

        return guarded

    return decorator
