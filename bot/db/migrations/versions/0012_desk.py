"""The support desk in Slack: tickets opened from a :ticket: reaction (one per message, found
again by the message or by the ticket's post in its team's channel), who resolved a ticket, its
due-time alerts (when the early one falls, and when each went out: the conditional update that
marks it is what makes each alert go out once across instances) and the requester's rating.

The desk's notices (alerts to a team's channel, rating requests to a requester) go through the
billing outbox and its leases, so they are sent once and never lost; they belong to no account
(`outbox.account_id` may now be empty) and an alert's recipient is a channel, whose name may be
up to 80 characters.

Undoing it (to roll a release back) drops the desk's columns and its delivered notices; it is
refused while a desk notice is still waiting to be sent, as the release before would never
send it and could not read a notice without an account.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op
from alembic.util import CommandError

from bot.db.migrations.columns import UtcDateTime

revision = "0012"
down_revision = "0011"

_COLUMNS = (
    ("source_ts", sa.String(32)),
    ("resolved_by", sa.String(32)),
    ("warn_at", UtcDateTime),
    ("warned_at", UtcDateTime),
    ("overdue_alerted_at", UtcDateTime),
    ("rating", sa.Integer),
    ("rating_comment", sa.Text),
    ("rated_at", UtcDateTime),
)


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        for name, kind in _COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=True))
    # One ticket per reacted-to message: two :ticket: reactions at once, on two instances,
    # open one ticket (NULLs, the tickets not opened by a reaction, never collide).
    op.create_index("uq_tickets_source", "tickets", ["channel", "source_ts"], unique=True)
    op.create_index("ix_tickets_staff_message", "tickets", ["staff_channel", "staff_ts"])
    with op.batch_alter_table("outbox") as batch:
        batch.alter_column(
            "account_id", existing_type=sa.String(64), existing_nullable=False, nullable=True
        )
        batch.alter_column(
            "recipient", existing_type=sa.String(32), type_=sa.String(80), existing_nullable=True
        )


def downgrade() -> None:
    bind = op.get_bind()
    waiting = bind.execute(
        sa.text("SELECT count(*) FROM outbox WHERE account_id IS NULL AND delivered_at IS NULL")
    ).scalar()
    if waiting:
        raise CommandError(
            f"{waiting} desk notice(s) (due-time alerts, rating requests) are still waiting to be "
            "sent; the release before 0012 cannot send them. Let the bot deliver them first."
        )
    bind.execute(sa.text("DELETE FROM outbox WHERE account_id IS NULL"))
    long = bind.execute(
        sa.text("SELECT count(*) FROM outbox WHERE length(recipient) > 32")
    ).scalar()
    with op.batch_alter_table("outbox") as batch:
        if not long:
            batch.alter_column(
                "recipient",
                existing_type=sa.String(80),
                type_=sa.String(32),
                existing_nullable=True,
            )
        batch.alter_column(
            "account_id", existing_type=sa.String(64), existing_nullable=True, nullable=False
        )
    op.drop_index("ix_tickets_staff_message", table_name="tickets")
    op.drop_index("uq_tickets_source", table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        for name, _ in reversed(_COLUMNS):
            batch.drop_column(name)
