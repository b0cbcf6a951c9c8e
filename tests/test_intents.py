"""Intents from YAML: loading errors are named, and the router prefers articles to guesses."""

from __future__ import annotations

import pytest

from bot.assistant import Assistant
from bot.intents import IntentClassifier, IntentError, load_intents
from tests.conftest import ROOT

SHIPPED = load_intents(ROOT / "intents")


@pytest.fixture(scope="module")
def assistant(knowledge):
    return Assistant(knowledge, IntentClassifier(SHIPPED))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("hi", "greeting"),
        ("Hello!", "greeting"),
        ("thanks so much", "thanks"),
        ("I want to speak with a real person", "talk_to_person"),
        ("can a human help me", "talk_to_person"),
        ("escalate please", "talk_to_person"),
        ("please open a ticket", "open_ticket"),
        ("talk to sales please", "talk_to_sales"),
        ("we want a discount", "talk_to_sales"),
    ],
)
def test_messages_for_intents_are_recognised(assistant, text, intent):
    reply = assistant.respond(text)
    assert reply.intent == intent and not reply.answered and reply.text


@pytest.mark.parametrize(
    "text",
    [
        "hi, what are your support hours?",
        "thanks, and how much is premium?",
        "How do I open a support ticket?",
        "are you open on weekends?",
    ],
)
def test_a_question_with_an_answer_keeps_its_answer(assistant, text):
    reply = assistant.respond(text)
    assert reply.answered and reply.sources
    assert reply.intent is None or assistant.handoff_team(reply.intent) is None


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("sign us up for premium please", "upgrade"),
        ("we no longer want premium", "cancel"),
        ("reactivate our premium plan", "resume"),
        ("what plan are we on?", "status"),  # showing the plan answers the question best
        ("how do I cancel premium?", None),  # a question about an action gets its article
        ("how much is premium?", None),
        ("title:premium^1000 *a* [a TO z]", None),
    ],
)
def test_requests_in_the_vendors_phrasing_run_actions_and_questions_do_not(assistant, text, action):
    assert assistant.action_requested(text) == action


def test_an_answer_about_prices_offers_the_upgrade(assistant):
    reply = assistant.respond("how much does premium support cost?")
    assert reply.answered and assistant.offer_of(reply.intent) == "upgrade"
    assert assistant.offer_of(assistant.respond("what are your support hours?").intent) is None


@pytest.mark.parametrize("text", ["ok do it", "yes please", "go ahead", "sounds good"])
def test_agreement_is_recognised_but_questions_are_not(assistant, text):
    assert assistant.affirms(text)
    assert not assistant.affirms("ok, but what does it include?")


def test_a_handoff_says_how_to_reach_the_team_and_when(assistant):
    text = assistant.respond("talk to sales please").text
    assert "sales team" in text and "www.cartrover.com" in text and "8am to 5pm Pacific" in text
    text = assistant.respond("I want to speak with a real person").text
    assert "support team" in text and "help@cartrover.com" in text


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("- {name: x, do: reply, examples: [hi]}", "needs `reply`"),
        ("- {name: x, do: handoff, examples: [hi]}", "team: support"),
        ("- {name: X Y, do: reply, reply: hi, examples: [hi]}", "name"),
        ("- {name: x, do: dance, examples: [hi]}", "do"),
        ("- {name: x, do: reply, reply: hi, examples: []}", "examples"),
        ("- {name: x, do: action, examples: [hi]}", "needs `action`"),
        ("- {name: x, do: action, action: dance, examples: [hi]}", "action"),
        ("- {name: x, do: affirm, examples: [ok]}", "needs `reply`"),
        ("- {name: x, do: reply, reply: hi, action: upgrade, examples: [hi]}", "take `action`"),
        ("{not: a list}", "expected a list"),
        ("- [unclosed", "not valid YAML"),
    ],
)
def test_a_bad_intents_file_is_named(tmp_path, content, problem):
    (tmp_path / "bad.yaml").write_text(content)
    with pytest.raises(IntentError, match=r"bad\.yaml") as caught:
        load_intents(tmp_path)
    assert problem in str(caught.value)


def test_a_vendor_adds_an_intent_with_yaml_only(tmp_path, knowledge):
    (tmp_path / "extra.yaml").write_text(
        "- name: office_dog\n  do: reply\n  reply: Our office dog is called Biscuit.\n"
        "  examples: [what is the office dog called, tell me about the office dog]\n"
    )
    assistant = Assistant(knowledge, IntentClassifier(SHIPPED + load_intents(tmp_path)))
    assert (
        assistant.respond("what's the office dog called?").text
        == "Our office dog is called Biscuit."
    )
