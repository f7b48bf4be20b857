"""editors' corrections of stored events, with the reports that re-identify them

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("event_id", sa.Integer(), sa.ForeignKey("events.id", ondelete="SET NULL"), nullable=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("changes", JSON_DOCUMENT, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("before", JSON_DOCUMENT, nullable=True),
        sa.Column("after", JSON_DOCUMENT, nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.Text(), nullable=True),
        sa.Column("anchor_names", JSON_DOCUMENT, nullable=False),
    )
    op.create_index("ix_corrections_event_id", "corrections", ["event_id"])
    op.create_table(
        "correction_reports",
        sa.Column("correction_id", sa.Integer(), sa.ForeignKey("corrections.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("article_key", sa.String(64), primary_key=True),
        sa.Column("trigger_start", sa.Integer(), nullable=True),
    )
    op.create_index("ix_correction_reports_article_key", "correction_reports", ["article_key"])


def downgrade() -> None:
    op.drop_index("ix_correction_reports_article_key", table_name="correction_reports")
    op.drop_table("correction_reports")
    op.drop_index("ix_corrections_event_id", table_name="corrections")
    op.drop_table("corrections")
