"""What each conversation was last about, so a follow-up is read with it (across processes).

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from bot.db.migrations.columns import UtcDateTime

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "thread_context",
        sa.Column("channel", sa.String(64), primary_key=True),
        sa.Column("thread_key", sa.String(64), primary_key=True),
        sa.Column("last_question", sa.Text, nullable=False),
        sa.Column("updated_at", UtcDateTime, nullable=False),
    )
