"""Long work shows progress: the library counts through `on_progress(done, total)`, the CLI
draws a bar only on a terminal and otherwise prints its one summary line."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.billing.results import Receipt
from bot.cli import main
from bot.cli.progress import progress
from bot.knowledge.articles import facts_digest
from bot.knowledge.build import update_index
from tests.billing_helpers import DEE, PAT, T0, billing_service
from tests.conftest import ROOT

BAR_MARKS = ("━", "\r", "\x1b[")  # a rich bar's glyph, its redraws, its escape codes


def _article(n: int, body: str = "") -> str:
    return (
        f"---\ntitle: Topic {n}\ntags: [topic{n}]\n---\n# Topic {n}\n\n"
        f"Topic {n} is explained here. {body}\n\n## More\n\nDetails about topic {n}.\n"
    )


def _kb(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"topic-{n}.md").write_text(_article(n))
    return folder


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))


def _rising_to(calls: list[tuple[int, int]], total: int) -> None:
    assert calls[0] == (0, total) and calls[-1] == (total, total)
    assert [done for done, _ in calls] == list(range(total + 1))
    assert {t for _, t in calls} == {total}


# -- the library's counts -------------------------------------------------------------------------


def test_a_build_counts_each_article_it_writes(tmp_path):
    kb = _kb(tmp_path / "kb", 7)
    index = tmp_path / "index"
    digest = facts_digest({})

    full = _Recorder()
    report = update_index(kb, index, {}, digest, on_progress=full)
    assert report.full and len(report.added) == 7
    _rising_to(full.calls, 7)

    (kb / "topic-1.md").write_text(_article(1, "Now with a new sentence."))
    (kb / "topic-8.md").write_text(_article(8))
    changed = _Recorder()
    report = update_index(kb, index, {}, digest, on_progress=changed)
    assert report.added == ["topic-8.md"] and report.changed == ["topic-1.md"]
    _rising_to(changed.calls, 2)  # only what is written is counted

    idle = _Recorder()
    assert not update_index(kb, index, {}, digest, on_progress=idle).touched
    assert idle.calls == []  # nothing written, nothing to show


def _two_plans_due(database_url: str):
    """Acme and Depot upgraded a year before T0: both renew in a sweep at T0."""
    billing = billing_service(database_url)
    a_year_ago = T0 - timedelta(days=366)
    for actor in (PAT, DEE):
        quote = billing.quote_upgrade(actor, now=a_year_ago)
        assert isinstance(billing.confirm(actor, quote.id, now=a_year_ago), Receipt)
    return billing


def test_a_sweep_counts_each_due_plan(database_url):
    """SQLite settles plans one by one, PostgreSQL on four threads: the counts rise either way,
    from the calling thread."""
    billing = _two_plans_due(database_url)
    seen = _Recorder()
    report = billing.sweep(now=T0, on_progress=seen)
    assert report.renewed == 2
    _rising_to(seen.calls, 2)
    nothing = _Recorder()
    assert billing.sweep(now=T0, on_progress=nothing).renewed == 0
    assert nothing.calls == [(0, 0)]
    billing.engine.dispose()


# -- the CLI: one summary line when nobody watches ------------------------------------------------


def _config(tmp_path: Path, kb: Path) -> Path:
    data = yaml.safe_load((ROOT / "app.yaml").read_text())
    data["kb"]["path"] = str(kb)
    data["kb"]["index_path"] = str(tmp_path / "index")
    data["intents"]["path"] = str(ROOT / "intents")
    path = tmp_path / "app.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def _no_bar(output: str) -> None:
    assert not any(mark in output for mark in BAR_MARKS), repr(output)


@pytest.mark.parametrize("force_color", [None, "1"])
def test_kb_build_in_a_log_prints_one_summary_line(tmp_path, monkeypatch, force_color):
    """FORCE_COLOR (set by many CI systems) does not make a log a terminal."""
    if force_color:
        monkeypatch.setenv("FORCE_COLOR", force_color)
    config = _config(tmp_path, _kb(tmp_path / "kb", 6))
    result = CliRunner().invoke(main, ["--config", str(config), "kb", "build", "--force"])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    assert line.startswith("Indexed 6 articles (12 sections) in ") and "articles/s)." in line
    _no_bar(result.output)
    again = CliRunner().invoke(main, ["--config", str(config), "kb", "build"])
    assert again.output.splitlines() == ["The index is up to date (12 sections)."]


def test_billing_sweep_in_a_log_prints_one_summary_line(database_url, monkeypatch, tmp_path):
    _two_plans_due(database_url).engine.dispose()
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = CliRunner().invoke(
        main,
        ["--config", str(ROOT / "app.yaml"), "billing", "sweep", "--now", T0.isoformat()],
    )
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    assert line.startswith("renewed: 2, ") and "; 2 plans in " in line and "plans/s)" in line
    _no_bar(result.output)


# -- on a terminal: the bar -----------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_bar_shows_counts_and_rate(monkeypatch):
    monkeypatch.delenv("TERM", raising=False)
    screen = _Terminal()
    with progress("Indexing", "articles", stream=screen) as tracker:
        for done in range(41):
            tracker(done, 40)
    drawn = screen.getvalue()
    assert "━" in drawn and "40/40" in drawn and "articles/s" in drawn and "Indexing" in drawn
    assert tracker.summary().startswith("40 articles in ")


def test_a_dumb_terminal_gets_no_bar(monkeypatch):
    monkeypatch.setenv("TERM", "dumb")
    screen = _Terminal()
    with progress("Indexing", "articles", stream=screen) as tracker:
        tracker(1, 1)
    assert screen.getvalue() == ""
