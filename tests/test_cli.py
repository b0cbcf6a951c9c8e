"""The `supportbot` command line as users and scripts call it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import ROOT

SUPPORTBOT = Path(sys.executable).parent / "supportbot"


@pytest.fixture(scope="module")
def config_path(tmp_path_factory) -> Path:
    """The shipped app.yaml, with the knowledge base read from the repo and indexed elsewhere."""
    folder = tmp_path_factory.mktemp("cli")
    data = yaml.safe_load((ROOT / "app.yaml").read_text())
    data["kb"]["path"] = str(ROOT / "kb")
    data["kb"]["index_path"] = str(folder / "index")
    data["intents"]["path"] = str(ROOT / "intents")
    path = folder / "app.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def _run(config_path: Path, *args: str, stdin: str | None = None):
    result = CliRunner().invoke(main, ["--config", str(config_path), *args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_ask_json_prints_one_object(config_path):
    result = _run(config_path, "ask", "--json", "What is the support phone number?")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["answered"] is True
    assert "805-399-2278" in data["answer"]
    assert data["sources"][0]["path"] == "kb/premium-support.md"


def test_ask_reads_one_question_per_line_and_answers_each(config_path):
    questions = "What are the support hours?\n\nfrobnicator zorblax\n\x00\x01 *[a TO z]\n"
    result = _run(config_path, "ask", "--json", stdin=questions)
    lines = [json.loads(line) for line in result.output.splitlines()]
    # Every line gets its object, a blank one too, so output lines up with input.
    assert [d["question"] for d in lines] == [
        "What are the support hours?",
        "",
        "frobnicator zorblax",
        "\x00\x01 *[a TO z]",
    ]
    assert [d["answered"] for d in lines] == [True, False, False, False]
    assert [d["decision"] for d in lines] == ["answer", "decline", "decline", "decline"]


def test_ask_in_words_shows_the_source(config_path):
    result = _run(config_path, "ask", "how", "much", "is", "premium", "for", "warehouses")
    assert "$1,199" in result.output
    assert (
        "Source: Premium Support › Premium Support pricing (kb/premium-support.md)" in result.output
    )


def test_kb_build_reports_what_it_did(config_path):
    _run(config_path, "kb", "build")
    assert "up to date" in _run(config_path, "kb", "build").output
    assert "Indexed 12 articles" in _run(config_path, "kb", "build", "--force").output


def test_kb_search_lists_sections_with_scores(config_path):
    output = _run(config_path, "kb", "search", "cancel premium").output
    first = output.splitlines()[0]
    assert "Cancel Premium Support" in first and "covers" in first
    assert "No searchable words" in _run(config_path, "kb", "search", "the").output


def test_run_without_slack_tokens_answers_a_pipe_and_exits(config_path, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env["SUPPORTBOT_CONFIG"] = str(config_path)
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'demo.db'}"
    done = subprocess.run(
        [str(SUPPORTBOT), "run"],
        input="what are your support hours?\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert "8am to 5pm Pacific time" in done.stdout
    assert "Source: Support options and support hours" in done.stdout
    shown = subprocess.run(
        [str(SUPPORTBOT), "admin", "account", "show", "northwind", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert json.loads(shown.stdout)["type"] == "warehouse"  # demo accounts loaded on first run


def test_python_dash_m_bot_is_the_same_command(config_path):
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--config", str(config_path), "ask", "--json", "hours?"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout)["answered"] is True


# -- what a new user stumbled on (issue 16) -------------------------------------------------------


def test_kb_search_says_what_its_two_figures_are(config_path):
    first = _run(config_path, "kb", "search", "premium", "price").output.splitlines()[0]
    assert "covers: section 100%, article 100%" in first


def _kb_copy(tmp_path: Path, config_path: Path) -> Path:
    """The shipped articles in a folder of the test's own, and an app.yaml that reads them."""
    import shutil

    shutil.copytree(ROOT / "kb", tmp_path / "kb")
    data = yaml.safe_load(config_path.read_text())
    data["kb"]["path"] = "kb"  # relative: taken from the config file's folder
    data["kb"]["index_path"] = "index"
    path = tmp_path / "app.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_kb_build_refuses_an_unknown_front_matter_key_and_a_related_name_of_no_article(
    config_path, tmp_path
):
    config = _kb_copy(tmp_path, config_path)
    article = tmp_path / "kb" / "premium-support.md"
    text = article.read_text()
    article.write_text(text.replace("related: [", "tag: [oops]\nrelated: [no-such-article, ", 1))
    result = _run(config, "kb", "build")
    assert result.exit_code == 1
    assert "premium-support.md: unknown key 'tag'" in result.output
    assert "premium-support.md: related names 'no-such-article'" in result.output
    assert "Traceback" not in result.output
    article.write_text(text)  # fixed: the same build passes, and the next reads no article
    assert _run(config, "kb", "build").exit_code == 0
    assert (tmp_path / "index.front-matter.json").exists()


def test_a_missing_kb_folder_names_the_setting_and_the_path_it_resolved_to(config_path, tmp_path):
    config = _kb_copy(tmp_path, config_path)
    (tmp_path / "kb").rename(tmp_path / "articles")
    for command in (("kb", "build"), ("ask", "hours?")):
        result = _run(config, *command)
        assert result.exit_code == 1
        assert f"kb.path: no knowledge-base folder at {tmp_path / 'kb'}" in result.output
        assert f"taken from its folder, {tmp_path}" in result.output


def test_an_unknown_log_level_is_named_not_a_traceback(config_path, monkeypatch):
    monkeypatch.setenv("LOG_LEVEL", "verbose")
    result = _run(config_path, "ask", "hours?")
    assert result.exit_code == 1
    assert "LOG_LEVEL='verbose' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL" in (
        result.output
    )


def test_admin_audit_of_no_account_says_so(config_path, monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'audit.db'}")
    result = _run(config_path, "admin", "audit", "nope")
    assert result.exit_code == 1 and "no account 'nope'" in result.output


def test_resolving_twice_says_the_ticket_is_already_resolved(database_url, monkeypatch):
    from bot.conversation.tickets import TicketDesk
    from tests.billing_helpers import STRANGER, billing_service

    service = billing_service(database_url)
    desk = TicketDesk(service.engine, service.settings, service.status)
    ticket = desk.open_ticket(STRANGER, "support", "C0X", "1.2", "help?", None, "talk_to_person")
    service.engine.dispose()
    monkeypatch.setenv("DATABASE_URL", database_url)
    config = ROOT / "app.yaml"
    assert _run(config, "tickets", "resolve", ticket.id).output.strip() == f"{ticket.id} resolved"
    again = _run(config, "tickets", "resolve", ticket.id)
    assert again.exit_code == 1 and f"{ticket.id} is already resolved" in again.output
    unknown = _run(config, "tickets", "resolve", "T-NOPE")
    assert unknown.exit_code == 1 and "no ticket 'T-NOPE'" in unknown.output


def test_db_migrate_against_an_unreachable_database_says_so_in_one_line(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:hunter2@127.0.0.1:1/none")
    result = CliRunner().invoke(main, ["db", "migrate"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "is not reachable" in lines[0], result.output
    assert "hunter2" not in result.output and "Traceback" not in result.output
