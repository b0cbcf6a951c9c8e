"""What the bot last offered to do in a conversation ("ok do it" refers to it) and how many
questions in a row it could not answer there (the second one hands off to a person).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    with op.batch_alter_table("thread_context") as table:
        table.add_column(sa.Column("offered_action", sa.String(16), nullable=True))
        table.add_column(sa.Column("misses", sa.Integer, nullable=False, server_default="0"))
