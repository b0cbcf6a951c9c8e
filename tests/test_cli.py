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
