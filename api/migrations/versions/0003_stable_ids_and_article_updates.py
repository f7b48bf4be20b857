"""ids never reused after a delete (SQLite AUTOINCREMENT), articles record when they were updated

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01

SQLite gives a deleted row's id to the next insert unless the table was created with
AUTOINCREMENT, which only a rebuild can add: articles, events and participants are rebuilt
with every row and id kept (``api.migrate`` runs migrations with foreign keys off, so dropping
the old table cascades nothing). Each table's counter starts at its largest id; an id deleted
above it before this migration can still come back once. PostgreSQL's serial columns take ids
from sequences, which never hand one out twice: nothing to do there.
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

STABLE_ID_TABLES = ("articles", "events", "participants")


def upgrade() -> None:
    updated_at = sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True)
    if op.get_bind().dialect.name != "sqlite":
        op.add_column("articles", updated_at)
        return
    for table in STABLE_ID_TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": True}) as batch:
            if table == "articles":
                batch.add_column(updated_at)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_column("articles", "updated_at")
        return
    for table in STABLE_ID_TABLES:
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": False}) as batch:
            if table == "articles":
                batch.drop_column("updated_at")
