"""Conversation context in the database: the last answered question of a thread or DM."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.context import recall, remember
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
