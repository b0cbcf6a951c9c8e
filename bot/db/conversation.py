"""The conversation's tables: handoff tickets, answer feedback, and per-thread context."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from bot.db.schema import metadata
from bot.db.types import UtcDateTime

tickets = Table(
    "tickets",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("team", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", String(64), nullable=False),
    Column("requester_slack_user", String(32), nullable=False),
    Column("requester_slack_team", String(32), nullable=False),
    Column("account_id", String(64), ForeignKey("accounts.id")),
    Column("tier", String(32), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("thread_ts", String(32)),
    Column("question", Text, nullable=False),
    Column("bot_answer", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("claimed_by", String(32)),
    Column("claimed_at", UtcDateTime),
    Column("staff_channel", String(64)),
    Column("staff_ts", String(32)),
    Column("first_response_at", UtcDateTime),
    Column("first_responder", String(32)),
    Column("resolved_at", UtcDateTime),
    # Migration 0012: the desk in Slack. The message a :ticket: reaction opened it from (one
    # ticket per message), who resolved it, when its due-time alerts fall and went out, and the
    # requester's rating.
    Column("source_ts", String(32)),
    Column("resolved_by", String(32)),
    Column("warn_at", UtcDateTime),
    Column("warned_at", UtcDateTime),
    Column("overdue_alerted_at", UtcDateTime),
    Column("rating", Integer),
    Column("rating_comment", Text),
    Column("rated_at", UtcDateTime),
    Index("uq_tickets_source", "channel", "source_ts", unique=True),
    Index("ix_tickets_staff_message", "staff_channel", "staff_ts"),
)

answer_feedback = Table(
    "answer_feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("source", String(300)),
    Column("slack_user_id", String(32)),
    Column("created_at", UtcDateTime, nullable=False),
)

thread_context = Table(
    "thread_context",
    metadata,
    Column("channel", String(64), primary_key=True),
    Column("thread_key", String(64), primary_key=True),
    Column("last_question", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("offered_action", String(16)),
    Column("misses", Integer, nullable=False, server_default="0"),
)
