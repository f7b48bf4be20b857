"""Service settings: Flask config keys read from the environment.

Every key can be overridden by the ``overrides`` mapping given to ``create_app``
(tests do that), so nothing here is read again after the app is built.
"""
from __future__ import annotations

import os
from typing import Any, Callable, Mapping

from limits import parse_many

DEFAULT_DATABASE_URL = "sqlite:///var/events.sqlite3"
NO_LIMIT = "off"


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError("must be a positive integer")
    return number


def _positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError("must be a positive number")
    return number


def _flag(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("", "0", "false", "no", "off"):
        return False
    raise ValueError("must be 1/0, true/false, yes/no or on/off")


def _key_list(value: str) -> tuple[str, ...]:
    return tuple(key.strip() for key in value.split(",") if key.strip())


def _rate_limit(value: str) -> str:
    """A limit such as ``60/minute`` or ``10/second;300/hour``, or ``off``."""
    value = value.strip()
    if value.lower() == NO_LIMIT:
        return NO_LIMIT
    parse_many(value)  # ValueError when malformed
    return value


# Environment variable -> (parser, default). The README's configuration table lists these.
SETTINGS: dict[str, tuple[Callable[[str], Any], Any]] = {
    "DATABASE_URL": (str, DEFAULT_DATABASE_URL),
    "MAX_CONTENT_LENGTH": (_positive_int, 1_048_576),
    "MAX_TEXT_CHARS": (_positive_int, 100_000),
    "API_KEYS": (_key_list, ()),
    "API_KEYS_FOR_READS": (_flag, False),
    "API_KEY_NAMES": (_key_list, ()),
    "CORS_ORIGINS": (_key_list, ()),
    "WEBHOOK_RETRY_BASE_SECONDS": (_positive_float, 10.0),
    "WEBHOOK_MAX_ATTEMPTS": (_positive_int, 10),
    "WEBHOOK_TIMEOUT_SECONDS": (_positive_float, 10.0),
    "WEBHOOK_POLL_SECONDS": (_positive_float, 1.0),
    "SQLITE_BUSY_TIMEOUT_MS": (_positive_int, 5_000),
    "LOG_LEVEL": (str.upper, "INFO"),
    "AUTO_MIGRATE": (_flag, True),
    "RATE_LIMIT_EXTRACT": (_rate_limit, "120/minute"),
    "RATE_LIMIT_STORE": (_rate_limit, "60/minute"),
    "RATE_LIMIT_BATCH": (_rate_limit, "10/minute"),
    "RATELIMIT_STORAGE_URI": (str, "memory://"),
}


def config_from_env(env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Parsed settings; a malformed value stops start-up with a message naming the variable."""
    env = os.environ if env is None else env
    config = {}
    for name, (parse, default) in SETTINGS.items():
        raw = env.get(name)
        if raw is None or (raw.strip() == "" and parse is not _key_list):
            config[name] = default
            continue
        try:
            config[name] = parse(raw)
        except ValueError as exc:
            raise ValueError(f"environment variable {name}={raw!r}: {exc}") from None
    return config
