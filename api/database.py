"""The database connection: an SQLite file by default, PostgreSQL when ``DATABASE_URL`` says so."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

SUPPORTED_BACKENDS = ("sqlite", "postgresql")


class Database:
    """One engine and its session factory; ``session()`` opens a short-lived ORM session."""

    def __init__(self, url: str, *, sqlite_busy_timeout_ms: int = 5_000):
        self.url = make_url(url)
        self.backend = self.url.get_backend_name()
        if self.backend not in SUPPORTED_BACKENDS:
            raise ValueError(f"DATABASE_URL must be an sqlite or postgresql URL, not {self.backend!r}")
        if self.backend == "sqlite":
            self.engine = _sqlite_engine(self.url, sqlite_busy_timeout_ms)
        else:
            # A short connect timeout keeps /health answering quickly when the server is down.
            self.engine = create_engine(self.url, pool_pre_ping=True, connect_args={"connect_timeout": 5})
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._sessions()

    @property
    def session_factory(self) -> sessionmaker:
        """The factory of ``session()``, for session event listeners."""
        return self._sessions

    def forget_connections(self) -> None:
        """After a fork: let the child open its own connections, leaving the parent's alone."""
        self.engine.dispose(close=False)


def _sqlite_engine(url, busy_timeout_ms: int) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        # WAL lets readers work while one writer commits; the busy timeout makes
        # concurrent writers (several gunicorn workers) wait instead of failing.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine
