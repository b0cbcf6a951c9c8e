"""Handoff tickets: a conversation passed to the sales or support team, with its due time.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from bot.db.migrations.columns import UtcDateTime

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "tickets",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("team", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(64), nullable=False),
        sa.Column("requester_slack_user", sa.String(32), nullable=False),
        sa.Column("requester_slack_team", sa.String(32), nullable=False),
        sa.Column("account_id", sa.String(64), sa.ForeignKey("accounts.id")),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("thread_ts", sa.String(32)),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("bot_answer", sa.Text),
        sa.Column("created_at", UtcDateTime, nullable=False),
        sa.Column("due_at", UtcDateTime, nullable=False),
        sa.Column("claimed_by", sa.String(32)),
        sa.Column("claimed_at", UtcDateTime),
        sa.Column("staff_channel", sa.String(64)),
        sa.Column("staff_ts", sa.String(32)),
    )
    op.create_index("ix_tickets_status_due", "tickets", ["status", "due_at"])
