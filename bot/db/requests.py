"""Requests already handled, by id: Slack re-sends events it thinks went unanswered, and a
signed webhook body may be replayed. The primary key makes "seen" hold across processes and
machines."""

from __future__ import annotations

from sqlalchemy import Column, String, Table
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.db.engine import now_utc
from bot.db.schema import metadata
from bot.db.types import UtcDateTime

processed_events = Table(
    "processed_events",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("received_at", UtcDateTime, nullable=False),
)

def first_delivery(engine: Engine, event_id: str) -> bool:
    """Record a Slack event id; False when it was seen before (a retry, or another process).

    Slack re-sends events it thinks went unanswered and Bolt does not de-duplicate them; the
    primary key makes "seen" hold across processes and machines.
    """
    try:
        with engine.begin() as tx:
            tx.execute(processed_events.insert().values(event_id=event_id, received_at=now_utc()))
    except IntegrityError:
        return False
    return True
