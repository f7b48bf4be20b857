"""Bring the database to the newest schema: ``python -m api.migrate`` (uses ``DATABASE_URL``)."""
from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config

from .config import config_from_env
from .database import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection) -> Config:
    # No alembic.ini: the URL comes from the environment like the app's, and a
    # connection is passed so URLs with '%' never go through ini interpolation.
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(database: Database, revision: str = "head") -> None:
    with database.engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def main() -> int:
    settings = config_from_env()
    database = Database(settings["DATABASE_URL"], sqlite_busy_timeout_ms=settings["SQLITE_BUSY_TIMEOUT_MS"])
    upgrade(database)
    print(f"database schema is up to date ({database.backend})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
