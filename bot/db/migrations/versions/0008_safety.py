"""Money and identity safety: removed users, the period a renewal pays for and refunds, link
requests that expire and are re-sent, and outbox notices for one person with a claim lease.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

from bot.db.migrations.columns import UtcDateTime

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    with op.batch_alter_table("users") as table:
        table.add_column(sa.Column("removed_at", UtcDateTime, nullable=True))
    with op.batch_alter_table("charges") as table:
        table.add_column(sa.Column("period_start", UtcDateTime, nullable=True))
        table.add_column(sa.Column("period_end", UtcDateTime, nullable=True))
        table.add_column(sa.Column("refund_status", sa.String(16), nullable=True))
        table.add_column(sa.Column("refunded_at", UtcDateTime, nullable=True))
    with op.batch_alter_table("link_requests") as table:
        table.add_column(sa.Column("expires_at", UtcDateTime, nullable=True))
        table.add_column(sa.Column("last_sent_at", UtcDateTime, nullable=True))
    with op.batch_alter_table("outbox") as table:
        table.add_column(sa.Column("recipient", sa.String(32), nullable=True))
        table.add_column(sa.Column("recipient_team", sa.String(32), nullable=True))
        table.add_column(sa.Column("claimed_until", UtcDateTime, nullable=True))
        table.add_column(sa.Column("attempts", sa.Integer, nullable=False, server_default="0"))
        table.add_column(sa.Column("sent_ts", sa.String(64), nullable=True))
    with op.batch_alter_table("sandbox_gateway_charges") as table:
        table.add_column(
            sa.Column("refunded_cents", sa.Integer, nullable=False, server_default="0")
        )
    # A pending renewal of a plan is found at every cancel: index the lookup.
    op.create_index("ix_charges_subscription_status", "charges", ["subscription_id", "status"])
