"""What the knowledge base is missing, most asked first."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.conversation.feedback import gaps, record
from tests.billing_helpers import billing_service
from tests.conftest import ROOT


@pytest.fixture
def engine(database_url):
    service = billing_service(database_url)
    yield service.engine
    service.engine.dispose()


def test_gaps_group_wordings_and_count_both_kinds(engine):
    record(engine, "unanswered", "How do I export orders to CSV?", None, "U0PAT")
    record(engine, "unanswered", "how do i export orders to csv", None, "U0SAM")
    record(engine, "unhelpful", "How do I export orders to CSV?", "kb/x.md", "U0PAT")
    record(engine, "unanswered", "Do you have an API?", None, "U0PAT")
    record(engine, "helpful", "What are the support hours?", "kb/support-options.md", "U0PAT")
    found = gaps(engine)
    assert [(g.total, g.unanswered, g.unhelpful) for g in found] == [(3, 2, 1), (1, 1, 0)]
    assert found[1].question == "Do you have an API?"


def test_an_unknown_kind_is_refused(engine):
    with pytest.raises(ValueError, match="unknown feedback kind"):
        record(engine, "meh", "x")


def test_kb_gaps_command(engine, database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    run = lambda: CliRunner().invoke(main, ["--config", str(ROOT / "app.yaml"), "kb", "gaps"])  # noqa: E731
    assert "No gaps recorded yet." in run().output
    record(engine, "unanswered", "Do you have an API?")
    assert "1 unanswered, 0 not helpful)  Do you have an API?" in run().output
