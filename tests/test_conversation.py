"""Reading a message: the `/support-tier` grammar, actions in plain words (the intents decide),
and questions about actions, which get their article."""

from __future__ import annotations

import pytest

from bot.conversation.commands import Command, command_in, email_in, parse_slash
from bot.conversation.intents import IntentClassifier, load_intents
from bot.conversation.understand import Understanding
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def understanding(knowledge):
    return Understanding(knowledge, IntentClassifier(load_intents(ROOT / "intents")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Command("status")),
        ("status", Command("status")),
        ("UPGRADE", Command("upgrade")),
        ("cancel", Command("cancel")),
        ("resume", Command("resume")),
        ("grant <@U0SAM|sam>", Command("grant", "U0SAM")),
        ("revoke <@U0SAM>", Command("revoke", "U0SAM")),
        ("grant", Command("help")),
        ("make me a sandwich", Command("help")),
        ("link jo@acme.example", Command("link", email="jo@acme.example")),
    ],
)
def test_slash_command_words(text, expected):
    assert parse_slash(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "link me jo@acme.example",
        "link <mailto:Jo@Acme.example|Jo@Acme.example>",
        "email: jo@acme.example, please link",
        "my email is jo@acme.example: link me",
        "link me (jo@acme.example)",
        "link “jo@acme.example” please",
        "link jo@acme.example's account",
        "link me <https://medium.com/@jo/post.html> jo@acme.example",
        "link *jo@acme.example*",
    ],
)
def test_the_address_to_link_is_found_however_it_is_wrapped(text):
    """Word by word (a run of dots once cost seconds): quotes, brackets, Slack markup, a colon
    or a sign-off around it are not the address, and a link's "@" is no address."""
    assert email_in(text) == "jo@acme.example", text


def test_a_command_typed_in_a_message_is_the_command():
    assert command_in("/support-tier upgrade") == Command("upgrade")
    assert command_in("link me <mailto:kim@acme.example|kim@acme.example>") == Command(
        "link", email="kim@acme.example"
    )
    assert command_in("how do I link my account?") is None


@pytest.mark.parametrize(
    ("text", "action", "target"),
    [
        ("upgrade us to premium", "upgrade", None),
        ("please upgrade our plan", "upgrade", None),
        ("can you cancel our premium support?", "cancel", None),
        ("cancel our premium subscription", "cancel", None),
        ("resume premium", "resume", None),
        ("give <@U0SAM> billing access", "grant", "U0SAM"),
        ("remove billing access from <@U0SAM>", "revoke", "U0SAM"),
        ("show our support tier", "status", None),
        ("/support-tier upgrade", "upgrade", None),
    ],
)
def test_actions_in_plain_words(understanding, text, action, target):
    read = understanding.read(text)
    assert read.decision.label == f"action:{action}"
    assert (read.command.action, read.command.target_user) == (action, target)


@pytest.mark.parametrize(
    "text",
    [
        "How do I cancel premium support?",
        "what happens if I cancel my plan",
        "Will I be charged again after I cancel?",
        "Is Premium a monthly subscription?",
        "What are the support hours?",
        "how do I upgrade to premium",
    ],
)
def test_questions_about_actions_are_questions(understanding, text):
    assert understanding.read(text).decision.kind != "action"
