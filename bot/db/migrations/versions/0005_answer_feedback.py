"""Questions the bot could not answer, and Helpful / Not helpful on its answers.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from bot.db.migrations.columns import UtcDateTime

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "answer_feedback",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),  # unanswered | helpful | unhelpful
        sa.Column("source", sa.String(300)),
        sa.Column("slack_user_id", sa.String(32)),
        sa.Column("created_at", UtcDateTime, nullable=False),
    )
    op.create_index("ix_answer_feedback_kind", "answer_feedback", ["kind"])
