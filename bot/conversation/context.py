"""Conversation context, kept in the database so any process reads a message with what came
before it in the thread (or, outside threads, the DM):

- the last question answered, so a follow-up ("and for a warehouse?") keeps its topic;
- the action the bot last offered or started ("upgrade"), so "ok do it" knows what "it" is;
- how many questions in a row the bot could not answer, so a second miss brings in a person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.db import now_utc, reading
from bot.db.conversation import thread_context

# The offer a conversation holds when the bot showed a Confirm button (a quote, a cancellation).
AWAITING_CONFIRM = "confirm"
# A direct message has no thread: its context is its most recent exchange, if this recent.
DM_CONTEXT_FOR = timedelta(minutes=15)


@dataclass(frozen=True)
class Context:
    last_question: str  # "" when the bot has not answered a question here yet
    offered_action: str | None
    misses: int


def _upsert(engine: Engine, channel: str, thread_key: str, **values: Any) -> Context:
    """Change a conversation's context (creating it on first use) and return it as it now is.

    `misses=None` means "one more miss": it is incremented in the database, so two processes
    counting at once both count.
    """
    key = (thread_context.c.channel == channel) & (thread_context.c.thread_key == thread_key)
    changes = {k: v for k, v in values.items() if k != "misses"}
    if "misses" in values:
        changes["misses"] = (
            thread_context.c.misses + 1 if values["misses"] is None else values["misses"]
        )
    with engine.begin() as tx:
        if not tx.execute(update(thread_context).where(key).values(**changes)).rowcount:
            first = {"last_question": "", "misses": 0, **values}
            if first["misses"] is None:
                first["misses"] = 1
            try:
                with tx.begin_nested():
                    tx.execute(
                        thread_context.insert().values(
                            channel=channel, thread_key=thread_key, **first
                        )
                    )
            except IntegrityError:  # another process started this conversation a moment ago
                tx.execute(update(thread_context).where(key).values(**changes))
        row = tx.execute(select(thread_context).where(key)).one()
    return Context(row.last_question, row.offered_action, row.misses)


def remember(
    engine: Engine,
    channel: str,
    thread_key: str,
    question: str,
    offered_action: str | None = None,
    now: datetime | None = None,
) -> None:
    """An answered question (and the action its answer is about, if any); misses start over."""
    _upsert(
        engine,
        channel,
        thread_key,
        last_question=question[:1000],
        offered_action=offered_action,
        misses=0,
        updated_at=now or now_utc(),
    )


def offer(
    engine: Engine, channel: str, thread_key: str, action: str, now: datetime | None = None
) -> None:
    """The bot started or suggested an action here (a quote, an answer on how to cancel)."""
    _upsert(engine, channel, thread_key, offered_action=action, updated_at=now or now_utc())


def _update(engine: Engine, channel: str, thread_key: str, **values: Any) -> None:
    """Change a conversation's context if it has one (nothing to forget otherwise)."""
    with engine.begin() as tx:
        tx.execute(
            update(thread_context)
            .where(thread_context.c.channel == channel, thread_context.c.thread_key == thread_key)
            .values(**values)
        )


def forget_offer(engine: Engine, channel: str, thread_key: str) -> None:
    """The offer was taken up: a second "ok" must not run it again."""
    _update(engine, channel, thread_key, offered_action=None)


def note_miss(engine: Engine, channel: str, thread_key: str, now: datetime | None = None) -> int:
    """One more question the bot could not answer here; returns how many in a row."""
    return _upsert(engine, channel, thread_key, misses=None, updated_at=now or now_utc()).misses


def clear_misses(engine: Engine, channel: str, thread_key: str) -> None:
    """A person was brought in: the count starts over."""
    _update(engine, channel, thread_key, misses=0)


def recall_context(
    engine: Engine,
    channel: str,
    thread_key: str,
    max_age: timedelta | None = None,
    now: datetime | None = None,
) -> Context | None:
    """The conversation's context (None if none, or older than max_age)."""
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
    return Context(row.last_question, row.offered_action, row.misses)


def recall(
    engine: Engine,
    channel: str,
    thread_key: str,
    max_age: timedelta | None = None,
    now: datetime | None = None,
) -> str | None:
    """The thread's last answered question (None if none, or older than max_age)."""
    context = recall_context(engine, channel, thread_key, max_age, now)
    return context.last_question if context and context.last_question else None
