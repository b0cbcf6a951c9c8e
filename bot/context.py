"""Conversation context: the last question answered in a thread (or a DM), kept in the database
so that any process reads a follow-up ("and for a warehouse?") with the topic it follows."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.billing.store import now_utc, reading, thread_context

# A direct message has no thread: its context is its most recent question, if this recent.
DM_CONTEXT_FOR = timedelta(minutes=15)


def remember(
    engine: Engine, channel: str, thread_key: str, question: str, now: datetime | None = None
) -> None:
    now = now or now_utc()
    values = {"last_question": question[:1000], "updated_at": now}
    key = (thread_context.c.channel == channel) & (thread_context.c.thread_key == thread_key)
    with engine.begin() as tx:
        if tx.execute(update(thread_context).where(key).values(**values)).rowcount:
            return
        try:
            with tx.begin_nested():
                tx.execute(
                    thread_context.insert().values(channel=channel, thread_key=thread_key, **values)
                )
        except IntegrityError:  # another process remembered this thread a moment ago
            tx.execute(update(thread_context).where(key).values(**values))


def recall(
    engine: Engine,
    channel: str,
    thread_key: str,
    max_age: timedelta | None = None,
    now: datetime | None = None,
) -> str | None:
    """The thread's last answered question (None if none, or older than max_age)."""
    with reading(engine) as tx:
        row = tx.execute(
            select(thread_context).where(
                thread_context.c.channel == channel, thread_context.c.thread_key == thread_key
            )
        ).first()
    if row is None:
        return None
    if max_age is not None and (now or now_utc()) - row.updated_at > max_age:
        return None
    return row.last_question
