"""API keys from ``API_KEYS``: required for writes, and for reads when ``API_KEYS_FOR_READS=1``."""
from __future__ import annotations

import functools
import hmac

from flask import current_app, request

from .errors import problem


def presented_key() -> str | None:
    """The key sent as ``Authorization: Bearer <key>`` or ``X-API-Key: <key>``."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("X-API-Key") or None


def key_is_valid(given: str, keys: tuple[str, ...]) -> bool:
    """Constant-time comparison against every configured key (no early exit on a match)."""
    given_bytes = given.encode("utf-8")
    matches = [hmac.compare_digest(given_bytes, key.encode("utf-8")) for key in keys]
    return any(matches)


def _rejection():
    return problem(401, "This request needs an API key: Authorization: Bearer <key> or X-API-Key: <key>.",
                   headers={"WWW-Authenticate": 'Bearer realm="events"'})


def requires_key(*, for_writes: bool):
    """Check the key before anything else runs (so an unauthorised body is never even parsed)."""

    def decorator(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            keys = current_app.config["API_KEYS"]
            needed = keys and (for_writes or current_app.config["API_KEYS_FOR_READS"])
            if needed:
                given = presented_key()
                if given is None or not key_is_valid(given, keys):
                    return _rejection()
            return view(*args, **kwargs)

        return guarded

    return decorator
