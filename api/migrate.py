"""The database schema: ``python -m api.migrate`` brings it to the newest revision (uses
``DATABASE_URL``); the service does the same at start-up unless ``AUTO_MIGRATE=0``.

Migrations run in one transaction that holds the database's migration lock, so several
instances starting together migrate once: PostgreSQL takes an advisory lock; SQLite runs them
in ``BEGIN EXCLUSIVE`` (with foreign keys off, so rebuilding a table never cascades deletes).
"""
from __future__ import annotations

import functools
import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from .config import config_from_env
from .database import Database
from .errors import database_error_message

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATE_COMMAND = "python -m api.migrate"
# PostgreSQL advisory lock key serializing migrations ("migr").
MIGRATE_LOCK = 0x6D696772
# How long an SQLite migration waits for another instance's migration (or a writer) to finish.
SQLITE_MIGRATION_WAIT_SECONDS = 300

schema_log = logging.getLogger("api.schema")


def alembic_config(connection=None) -> Config:
    # No alembic.ini: the URL comes from the environment like the app's, and a
    # connection is passed so URLs with '%' never go through ini interpolation.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@functools.cache
def head_revision() -> str:
    """The revision this code needs: the newest migration."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(database: Database) -> str | None:
    """The revision the database is at (None: never migrated). Raises when it does not answer."""
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


@contextmanager
def _locked_transaction(database: Database):
    """A connection in a transaction that no other migration runs alongside."""
    if database.backend == "postgresql":
        with database.engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATE_LOCK})
            yield connection
        return
    engine = _sqlite_migration_engine(database)
    try:
        with engine.begin() as connection:
            yield connection
            violations = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if violations:
                raise RuntimeError(f"migration left rows without their parent rows: {violations[:5]}")
    finally:
        engine.dispose()


def _sqlite_migration_engine(database: Database):
    if database.url.database in (None, "", ":memory:"):
        raise ValueError("an in-memory SQLite database cannot be migrated from another connection")
    engine = create_engine(database.url, poolclass=NullPool, connect_args={"timeout": SQLITE_MIGRATION_WAIT_SECONDS})

    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection, _record):
        # The driver leaves transactions to SQLAlchemy (below), so DDL is transactional too.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA journal_mode=WAL")
        # Only outside a transaction does this take effect.
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    @event.listens_for(engine, "begin")
    def _exclusive(connection):
        connection.exec_driver_sql("BEGIN EXCLUSIVE")

    return engine


def upgrade(database: Database, revision: str = "head") -> str | None:
    """Migrate under the lock; the revision found once the lock was held (another instance
    may have migrated while this one waited)."""
    with _locked_transaction(database) as connection:
        found = MigrationContext.configure(connection).get_current_revision()
        command.upgrade(alembic_config(connection), revision)
    return found


def downgrade(database: Database, revision: str) -> None:
    """Back to an older revision (to run an older release on this database)."""
    with _locked_transaction(database) as connection:
        command.downgrade(alembic_config(connection), revision)


def migrate_at_start(app) -> None:
    """Bring the app's database to head before gunicorn forks its workers, unless AUTO_MIGRATE=0.

    A failure stops start-up with the error's class and message in the log."""
    if not app.config["AUTO_MIGRATE"]:
        return
    database = app.extensions["database"]
    try:
        found = upgrade(database)
    except (SQLAlchemyError, RuntimeError) as exc:
        schema_log.error("schema migration failed", extra={"fields": {
            "error": type(exc).__name__, "message": database_error_message(exc)}})
        raise
    if found != head_revision():
        schema_log.info("schema migrated", extra={"fields": {"from": found, "to": head_revision()}})


class SchemaCheck:
    """Whether the database is at the revision this code needs. Once it is, that is remembered:
    a schema never goes back while the service runs."""

    def __init__(self, database: Database):
        self.database = database
        self._current = False

    def is_current(self) -> tuple[bool, str | None]:
        """(at head, revision found); raises when the database does not answer."""
        if self._current:
            return True, head_revision()
        found = current_revision(self.database)
        self._current = found == head_revision()
        return self._current, found


def main() -> int:
    settings = config_from_env()
    database = Database(settings["DATABASE_URL"], sqlite_busy_timeout_ms=settings["SQLITE_BUSY_TIMEOUT_MS"])
    upgrade(database)
    print(f"database schema is at revision {head_revision()} ({database.backend})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
