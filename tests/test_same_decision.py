"""One core, one behaviour: the same 30 messages through `supportbot ask --json`, the console
and signed Slack direct messages reach the same decision (the core logs each one it makes), as
a person who is not linked to any account (what `ask` is)."""

from __future__ import annotations

import json
import logging
import re
import time

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.slack import payloads
from bot.slack.console import Console
from bot.slack.standin import SlackStandIn
from tests.conftest import ROOT
from tests.slack_harness import Server, eventually

MESSAGES = [
    "what are your support hours?",
    "hey what time does ur support team clock out",
    "How much is Premium Support for a warehouse?",
    "is there a phone number i can call",
    "where do i find the phone support code",
    "how do I cancel premium support?",
    "does premium renew automatically",
    "what is included with standard support",
    "I don't see the Change Support Tier button",
    "what is a product alias?",
    "does integration manager send shipping emails to customers",
    "upgrade us to premium",
    "cancel our premium subscription",
    "resume premium",
    "show our support tier",
    "/support-tier status",
    "give billing access",
    "I want to talk to a person",
    "please open a ticket for me",
    "talk to sales please",
    "hi",
    "thanks so much",
    "what's the weather in seattle tomorrow",
    "tell me a joke",
    "do you support SSO with okta?",
    "how do I reverse a string in python",
    "link me please",
    "what's the SLA on premium tickets?",
    "can we pay for premium monthly?",
    "how long until I get a reply on the free plan?",
]
_DECISION = re.compile(r"turn surface=\w+ place=(\S+) decision=(\S+)")


def _ask_decisions(config: str) -> list[str]:
    result = CliRunner().invoke(
        main, ["--config", config, "ask", "--json"], input="\n".join(MESSAGES) + "\n"
    )
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    return [row["decision"] for row in rows]


@pytest.fixture(scope="module")
def config_path(tmp_path_factory):
    import yaml

    folder = tmp_path_factory.mktemp("same")
    data = yaml.safe_load((ROOT / "app.yaml").read_text())
    data["kb"]["path"] = str(ROOT / "kb")
    data["kb"]["index_path"] = str(folder / "index")
    data["intents"]["path"] = str(ROOT / "intents")
    path = folder / "app.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def test_ask_the_console_and_slack_reach_the_same_decisions(config_path, tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'ask.db'}")
    asked = _ask_decisions(str(config_path))
    assert len(asked) == len(MESSAGES)

    # The console: the real Bolt app in process, a fresh DM per message (no shared context).
    from bot.bootstrap import open_services
    from bot.config import load_settings
    from bot.slack.app import build_app

    services = open_services(load_settings(config_path), f"sqlite:///{tmp_path / 'console.db'}")
    console = Console(
        lambda url, secret: build_app(services, token="xoxb-t", signing_secret=secret, api_url=url),
        "U0WHO",
        "T0ELSE",
    )
    consoled = []
    seen: list[str] = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    engine_log = logging.getLogger("bot.conversation.engine")
    engine_log.addHandler(handler)
    engine_log.setLevel(logging.DEBUG)
    try:
        for n, text in enumerate(MESSAGES):
            console.channel = f"D0CON{n:02d}"
            console.send(text)  # returns once the replies are in (the decision came first)
            found = _DECISION.findall("\n".join(seen))
            mine = [d for place, d in found if place == console.channel]
            consoled.append(mine[-1] if mine else "none")
    finally:
        engine_log.removeHandler(handler)
        engine_log.setLevel(logging.NOTSET)
        console.standin.stop()
        services.engine.dispose()

    # Signed Slack DMs to the real server, each in its own DM channel.
    standin = SlackStandIn().start()
    server = Server(tmp_path, standin, f"sqlite:///{tmp_path / 'slack.db'}", {"LOG_LEVEL": "DEBUG"})
    try:
        for n, text in enumerate(MESSAGES):
            inner = payloads.message(text, "U0WHO", "T0ELSE", f"D0SLK{n:02d}")
            assert server.post(payloads.event(inner, "T0VENDOR"))[0] == 200
            time.sleep(0.05)
        slacked = eventually(
            lambda: (
                len(_DECISION.findall(server.log.read_text())) >= len(MESSAGES)
                and _DECISION.findall(server.log.read_text())
            ),
            timeout=30,
        )
    finally:
        server.stop()
        standin.stop()
    by_channel = dict(slacked)  # Slack answers in parallel: each DM channel is one message
    slack_order = [by_channel.get(f"D0SLK{n:02d}", "none") for n in range(len(MESSAGES))]
    table = list(zip(MESSAGES, asked, consoled, slack_order, strict=True))
    assert [row for row in table if not row[1] == row[2] == row[3]] == []
    kinds = {a.split(":")[0] for a in asked}
    assert {"answer", "action", "handoff", "reply", "decline"} <= kinds
