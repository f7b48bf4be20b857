"""A consistent copy of the database named by ``DATABASE_URL``: ``python -m api.backup PATH``.

SQLite: SQLite's online backup API copies the database as one transaction sees it, recent
writes still in the WAL included, while the service keeps serving (copying the file itself
can miss them). The copy is written next to PATH and renamed into place, so PATH is never
half written. PostgreSQL: prints the ``pg_dump`` command that makes the copy.
"""
from __future__ import annotations

import argparse
import os
import shlex
import sqlite3
import sys
from pathlib import Path

from sqlalchemy.engine import URL

from .config import config_from_env
from .database import Database


def backup_sqlite(database: Database, target: Path, *, busy_timeout_ms: int) -> None:
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(database.url.database, timeout=busy_timeout_ms / 1000)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            copy.close()
    finally:
        source.close()
    os.replace(partial, target)


def pg_dump_command(url: URL, target: Path) -> str:
    """The command, with the password left out (pg_dump reads it from PGPASSWORD or ~/.pgpass)."""
    plain = URL.create("postgresql", username=url.username, host=url.host, port=url.port, database=url.database,
                       query=url.query).render_as_string(hide_password=False)
    return shlex.join(["pg_dump", "--format=custom", "--file", str(target), "--dbname", plain])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api.backup", description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="where the copy goes (must not exist yet)")
    args = parser.parse_args(argv)
    settings = config_from_env()
    database = Database(settings["DATABASE_URL"], sqlite_busy_timeout_ms=settings["SQLITE_BUSY_TIMEOUT_MS"])
    if database.backend == "postgresql":
        print(pg_dump_command(database.url, args.path))
        print("# restore: pg_restore --clean --if-exists --dbname <url> " + shlex.quote(str(args.path)),
              file=sys.stderr)
        return 0
    if database.url.database in (None, "", ":memory:") or not Path(database.url.database).is_file():
        print(f"no SQLite database file at {database.url.database!r}", file=sys.stderr)
        return 1
    if args.path.exists():
        print(f"{args.path} exists; choose a new path", file=sys.stderr)
        return 1
    backup_sqlite(database, args.path, busy_timeout_ms=settings["SQLITE_BUSY_TIMEOUT_MS"])
    print(f"copied {database.url.database} to {args.path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
