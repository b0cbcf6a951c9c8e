"""Reading a message: a billing action in plain words, or a question for the knowledge base."""

from __future__ import annotations

import pytest

from bot.conversation import Command, Question, parse_slash, route


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
    ],
)
def test_slash_command_words(text, expected):
    assert parse_slash(text) == expected


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
def test_actions_in_plain_words(text, action, target):
    assert route(text) == Command(action, target)


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
def test_questions_about_actions_are_questions(text):
    assert route(text) == Question(text)
