"""The README's command table is the command line a new user meets: every command it lists
answers `--help`, every option it shows exists, and every command the CLI has is listed.
The Slack manifests' usage hint names every `/support-tier` word the README promises."""

from __future__ import annotations

import re

import click
import pytest
import yaml
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import ROOT

_CODE = re.compile(r"`([^`]+)`")
_OPTION = re.compile(r"--[a-z][a-z-]*")


def _table_rows() -> list[str]:
    """The first cell of each row of the table headed `| command | what it does |`."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    start = lines.index("| command | what it does |") + 2
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        # A cell may hold `\|` (an escaped pipe, as in grant\|revoke): split on bare pipes only.
        rows.append(re.split(r"(?<!\\)\|", line)[1])
    return rows


def _commands(span: str) -> list[tuple[tuple[str, ...], list[str]]]:
    """`supportbot admin grant\\|revoke ACCOUNT EMAIL` -> the command paths it names
    (admin grant, admin revoke) with the options it shows."""
    words = span.replace("\\|", "|").split()
    if words and words[0] == "supportbot":
        words = words[1:]
    path: list[list[str]] = []
    for word in words:
        if not re.fullmatch(r"[a-z]+(\|[a-z]+)*", word):
            break
        path.append(word.split("|"))
    paths = [()]
    for alternatives in path:
        paths = [(*p, alt) for p in paths for alt in alternatives]
    return [(p, _OPTION.findall(span)) for p in paths]


def _documented() -> list[tuple[tuple[str, ...], list[str]]]:
    found = []
    for cell in _table_rows():
        for span in _CODE.findall(cell):
            found += _commands(span)
    return found


DOCUMENTED = _documented()


def test_the_table_was_read():
    assert len(DOCUMENTED) >= 20
    assert (("admin", "grant"), []) in DOCUMENTED and (("tickets", "resolve"), []) in DOCUMENTED


@pytest.mark.parametrize(("path", "options"), DOCUMENTED, ids=[" ".join(p) for p, _ in DOCUMENTED])
def test_each_listed_command_answers_help_with_the_options_shown(path, options):
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    for option in options:
        assert option in result.output, f"supportbot {' '.join(path)} has no {option}"


def _leaves(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _leaves(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def test_every_command_of_the_cli_is_in_the_table():
    listed = {path for path, _ in DOCUMENTED}
    assert [p for p in _leaves(main) if p not in listed] == []


@pytest.mark.parametrize("manifest", sorted((ROOT / "slack").glob("manifest-*.yaml")))
def test_the_manifests_usage_hint_names_every_support_tier_word(manifest):
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    (command,) = [c for c in data["features"]["slash_commands"] if c["command"] == "/support-tier"]
    for word in ("status", "upgrade", "cancel", "resume", "grant", "revoke", "link", "help"):
        assert word in command["usage_hint"], f"{manifest.name} leaves out {word}"
