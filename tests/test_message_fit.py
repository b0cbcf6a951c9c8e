"""Messages that fit Slack: long answers split over sections and messages (a section at most
3,000 characters, a message at most 50 blocks and about 12,000 characters) with nothing cut,
links that do not unfurl, and customer text shown to staff escaped. Unit checks of the block
builder, then a long article answered through the real server."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.config import load_settings
from bot.conversation import Button, Reply
from bot.slack import blocks, payloads
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT
from tests.slack_harness import Server, eventually

SECTION_LIMIT = 3000
MESSAGE_LIMIT = 12_000


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def _check(reply: Reply) -> list[list[dict]]:
    found = blocks.messages(reply)
    for message in found:
        assert len(message) <= 50
        sections = [b["text"]["text"] for b in message if b["type"] == "section"]
        assert all(len(text) <= SECTION_LIMIT for text in sections)
        assert sum(len(text) for text in sections) <= MESSAGE_LIMIT
    said = " ".join(
        b["text"]["text"] for message in found for b in message if b["type"] == "section"
    )
    # Every character, in order (a word longer than a section is broken where it must be).
    assert "".join(_words(said)) == "".join(_words(reply.text))
    return found


@pytest.mark.parametrize(
    "text",
    [
        "\n\n".join(f"Paragraph {n}: " + "word " * 120 for n in range(250)),  # ~150,000 chars
        "x" * 10_000,  # one word longer than a section
        "\n".join(f"- line {n} " + "y" * 40 for n in range(700)),  # lines, no blank lines
        "short",
    ],
)
def test_long_text_is_split_never_cut(text):
    reply = Reply(text, notes=("Source: A › B",), buttons=(Button("Helpful", "feedback_helpful"),))
    found = _check(reply)
    last = found[-1]
    assert last[-1]["type"] == "actions" and last[-2]["type"] == "context"  # with the last part
    assert all(b["type"] != "actions" for message in found[:-1] for b in message)


def test_many_notes_and_buttons_stay_within_slacks_limits():
    reply = Reply("text", notes=tuple(f"note {n}" for n in range(45)),
                  buttons=tuple(Button(f"b{n}", f"a{n}") for n in range(30)))  # fmt: skip
    [message] = blocks.messages(reply)
    contexts = [b for b in message if b["type"] == "context"]
    assert [len(c["elements"]) for c in contexts] == [10, 10, 10, 10, 5]
    assert len(message[-1]["elements"]) == 25  # Slack's most per actions block


@pytest.fixture(scope="module")
def long_kb_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("longkb")
    config = yaml.safe_load((ROOT / "app.yaml").read_text())
    config["intents"] = {"path": str(ROOT / "intents")}
    (tmp / "kb").mkdir()
    body = "\n\n".join(
        f"Retention rule {n}: order records of type {n} are kept for {n + 1} months in the "
        f"archive and then purged, see https://example.com/retention/{n} for the details. "
        + "Backups follow the same schedule and are encrypted at rest. " * 3
        for n in range(60)
    )
    (tmp / "kb" / "retention.md").write_text(
        "---\ntitle: Data retention\ntags: [retention, purge, archive]\n---\n"
        f"# Data retention\n\n## Data retention schedule\n\n{body}\n",
        encoding="utf-8",
    )
    (tmp / "app.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
    url = f"sqlite:///{tmp / 'bot.db'}"
    billing = open_billing(load_settings(tmp / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn().start()
    (tmp / "srv").mkdir()
    server = Server(tmp / "srv", standin, url, app_yaml=tmp / "app.yaml")
    yield server, standin, body
    server.stop()
    standin.stop()
    billing.engine.dispose()


def test_a_long_answer_reaches_slack_whole_in_fitting_messages(long_kb_server):
    server, standin, body = long_kb_server
    inner = payloads.message("what is your data retention schedule?", "U0PAT", "T0ACME", "D0PAT")
    server.post(payloads.event(inner, "T0VENDOR"))
    posts = eventually(
        lambda: (found := standin.of("chat.postMessage"))
        and any(b.get("type") == "actions" for c in found for b in c.args["blocks"])
        and found
    )
    assert posts and len(posts) >= 2, [c.text[:80] for c in standin.calls]
    said = []
    for call in posts:
        message = call.args["blocks"]
        assert len(message) <= 50 and call.args["unfurl_links"] is False
        assert call.args["unfurl_media"] is False
        sections = [b["text"]["text"] for b in message if b["type"] == "section"]
        assert all(len(t) <= SECTION_LIMIT for t in sections)
        assert sum(len(t) for t in sections) <= MESSAGE_LIMIT
        said += sections
    words = _words(body)
    assert _words(" ".join(said))[-len(words) :] == words  # the whole section (after its title)
    assert posts[-1].buttons  # Helpful / Not helpful with the last part


def test_customer_text_reaches_staff_escaped(long_kb_server):
    server, standin, _ = long_kb_server
    standin.clear()
    text = "I want to talk to a person <!channel> <https://evil.example|your invoice> @here"
    inner = payloads.mention(text, "U0PAT", "T0ACME", "C0SHARED")
    server.post(payloads.event(inner, "T0VENDOR"))

    def staff_posts():
        posts = standin.of("chat.postMessage")
        return [c for c in posts if c.args["channel"] == "#support-handoff"]

    staff = eventually(staff_posts)
    assert staff, [c.text[:80] for c in standin.calls]
    shown = staff[0].text
    assert "<!channel>" not in shown and "&lt;!channel&gt;" in shown
    assert "<https://evil.example|" not in shown
