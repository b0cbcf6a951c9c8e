"""Stripe as the payment gateway: each account may name its Stripe customer, whose default
payment method is the card on file and by whom Stripe's webhooks name the account (so one
customer belongs to at most one account).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"


def upgrade() -> None:
    with op.batch_alter_table("accounts") as table:
        table.add_column(sa.Column("stripe_customer_id", sa.String(64), nullable=True))
    op.create_index(
        "uq_accounts_stripe_customer", "accounts", ["stripe_customer_id"], unique=True
    )
