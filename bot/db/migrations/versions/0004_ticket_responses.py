"""When a person first answered a ticket's thread, and when the ticket was resolved.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

from bot.db.migrations.columns import UtcDateTime

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("first_response_at", UtcDateTime))
        batch.add_column(sa.Column("first_responder", sa.String(32)))
        batch.add_column(sa.Column("resolved_at", UtcDateTime))
    op.create_index("ix_tickets_thread", "tickets", ["channel", "thread_ts"])
