"""Conversation context in the database: the last answered question of a thread or DM."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.conversation.context import recall, remember
from tests.billing_helpers import billing_service

NOW = datetime(2026, 11, 30, 17, 0, tzinfo=UTC)


@pytest.fixture
def engine(database_url):
    service = billing_service(database_url)
    yield service.engine
    service.engine.dispose()


def test_a_thread_remembers_its_last_question(engine):
    assert recall(engine, "C1", "1.1") is None
    remember(engine, "C1", "1.1", "How much is premium?", now=NOW)
    remember(engine, "C1", "1.1", "And for a warehouse?", now=NOW)
    assert recall(engine, "C1", "1.1") == "And for a warehouse?"
    assert recall(engine, "C1", "2.2") is None


def test_a_dm_context_goes_stale(engine):
    remember(engine, "D1", "D1", "How much is premium?", now=NOW)
    fresh = timedelta(minutes=15)
    assert (
        recall(engine, "D1", "D1", fresh, now=NOW + timedelta(minutes=5)) == "How much is premium?"
    )
    assert recall(engine, "D1", "D1", fresh, now=NOW + timedelta(minutes=30)) is None


def test_an_offer_is_kept_until_taken_up_or_replaced(engine):
    from bot.conversation.context import forget_offer, offer, recall_context

    remember(engine, "D1", "D1", "How much is premium?", "upgrade", now=NOW)
    assert recall_context(engine, "D1", "D1").offered_action == "upgrade"
    forget_offer(engine, "D1", "D1")
    assert recall_context(engine, "D1", "D1").offered_action is None
    offer(engine, "D1", "D1", "confirm", now=NOW)
    remember(engine, "D1", "D1", "What are your hours?", None, now=NOW)
    context = recall_context(engine, "D1", "D1")
    assert context.offered_action is None and context.last_question == "What are your hours?"


def test_misses_count_in_a_row_and_start_over_after_an_answer(engine):
    from bot.conversation.context import clear_misses, note_miss, recall_context

    assert note_miss(engine, "C1", "9.9", now=NOW) == 1  # the first miss opens the context
    assert recall(engine, "C1", "9.9") is None  # ... without inventing a question
    assert note_miss(engine, "C1", "9.9", now=NOW) == 2
    remember(engine, "C1", "9.9", "What are your hours?", now=NOW)
    assert recall_context(engine, "C1", "9.9").misses == 0
    note_miss(engine, "C1", "9.9", now=NOW)
    clear_misses(engine, "C1", "9.9")
    assert recall_context(engine, "C1", "9.9").misses == 0


def test_misses_counted_at_once_by_many_threads_are_all_counted(engine):
    from concurrent.futures import ThreadPoolExecutor

    from bot.conversation.context import note_miss, recall_context

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: note_miss(engine, "C2", "1.1", now=NOW), range(16)))
    assert recall_context(engine, "C2", "1.1").misses == 16
