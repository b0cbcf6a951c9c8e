"""Several paid tiers and changes between them: a plan may carry the lower tier it moves to at
its renewal (`next_tier`), a quote may change a live plan instead of starting one (`plan_id`),
a change quote remembers the plan's version it was priced on (`plan_version`: a renewal, cancel
or other change since makes it stale), and each charge names the tier it pays for (`tier`), so
a renewal into a lower tier settles at that tier whatever happens to the plan meanwhile.

It can be undone (to roll a release back) while no plan has a move to a lower tier scheduled:
the release before knows nothing of `next_tier` and would renew such a plan at its old price.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op
from alembic.util import CommandError

revision = "0011"
down_revision = "0010"


def upgrade() -> None:
    op.add_column("subscriptions", sa.Column("next_tier", sa.String(32), nullable=True))
    op.add_column("quotes", sa.Column("plan_id", sa.Integer, nullable=True))
    op.add_column("quotes", sa.Column("credit_cents", sa.Integer, nullable=True))
    op.add_column("quotes", sa.Column("plan_version", sa.Integer, nullable=True))
    op.add_column("charges", sa.Column("tier", sa.String(32), nullable=True))



def downgrade() -> None:
    bind = op.get_bind()
    scheduled = bind.execute(
        sa.text("SELECT count(*) FROM subscriptions WHERE next_tier IS NOT NULL")
    ).scalar()
    if scheduled:
        raise CommandError(
            f"{scheduled} plan(s) have a move to a lower tier scheduled (subscriptions.next_tier); "
            "the release before 0011 would renew them at their current tier. Call those moves "
            "off (or let them renew) before going back to 0010."
        )
    with op.batch_alter_table("charges") as batch:
        batch.drop_column("tier")
    with op.batch_alter_table("quotes") as batch:
        batch.drop_column("plan_version")
        batch.drop_column("credit_cents")
        batch.drop_column("plan_id")
    with op.batch_alter_table("subscriptions") as batch:
        batch.drop_column("next_tier")
