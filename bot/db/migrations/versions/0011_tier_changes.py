"""Several paid tiers and changes between them: a plan may carry the lower tier it moves to at
its renewal (`next_tier`), a quote may change a live plan instead of starting one (`plan_id`),
and each charge names the tier it pays for (`tier`), so a renewal into a lower tier settles at
that tier whatever happens to the plan meanwhile.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    op.add_column("subscriptions", sa.Column("next_tier", sa.String(32), nullable=True))
    op.add_column("quotes", sa.Column("plan_id", sa.Integer, nullable=True))
    op.add_column("quotes", sa.Column("credit_cents", sa.Integer, nullable=True))
    op.add_column("charges", sa.Column("tier", sa.String(32), nullable=True))

