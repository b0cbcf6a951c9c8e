"""Intents from YAML: loading errors are named, and the router prefers articles to guesses."""

from __future__ import annotations

import pytest

from bot.conversation.agreement import PRESS_CONFIRM
from bot.conversation.context import AWAITING_CONFIRM, Context
from bot.conversation.intents import IntentClassifier, IntentError, load_intents
from bot.conversation.understand import Understanding
from tests.conftest import ROOT

SHIPPED = load_intents(ROOT / "intents")


@pytest.fixture(scope="module")
def understanding(knowledge):
    return Understanding(knowledge, IntentClassifier(SHIPPED))


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
def test_messages_for_intents_are_recognised(understanding, text, intent):
    read = understanding.read(text)
    assert read.decision.intent == intent and read.decision.kind in ("reply", "handoff")
    assert not read.answer.answered and read.answer.text


@pytest.mark.parametrize(
    "text",
    [
        "hi, what are your support hours?",
        "thanks, and how much is premium?",
        "How do I open a support ticket?",
        "are you open on weekends?",
    ],
)
def test_a_question_with_an_answer_keeps_its_answer(understanding, text):
    read = understanding.read(text)
    assert read.decision.kind == "answer" and read.answer.answered and read.answer.sources


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("sign us up for premium please", "upgrade"),
        ("we no longer want premium", "cancel"),
        ("reactivate our premium plan", "resume"),
        ("show our support tier", "status"),
        ("how do I cancel premium?", None),  # a question about an action gets its article
        ("how much is premium?", None),
        ("title:premium^1000 *a* [a TO z]", None),
    ],
)
def test_requests_in_the_vendors_phrasing_run_actions_and_questions_do_not(
    understanding, text, action
):
    read = understanding.read(text)
    assert (read.decision.action if read.decision.kind == "action" else None) == action


def test_an_answer_about_prices_offers_the_upgrade(understanding):
    read = understanding.read("how much does premium support cost?")
    assert read.answer.answered and read.offer == "upgrade"
    assert understanding.read("what are your support hours?").offer is None


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("which plan are we on?", "tier"),
        ("whats our support pin", "phone_code"),
        ("when does our plan renew", "renewal_date"),
        ("which card do you have on file for us", "card"),
    ],
)
def test_questions_about_our_own_account_are_answered_from_it(understanding, text, fact):
    assert understanding.read(text).decision.label == f"personal:{fact}"


def test_a_question_about_the_thing_itself_gets_its_article(understanding):
    read = understanding.read("what is the phone support code?")
    assert read.decision.kind == "answer"


@pytest.mark.parametrize("text", ["ok do it", "yes please", "go ahead", "sounds good"])
def test_agreement_runs_what_was_offered_but_questions_do_not(understanding, text):
    offered = Context("how much is premium?", "upgrade", 0)
    assert understanding.read(text, offered).decision.label == "action:upgrade"
    waiting = Context("", AWAITING_CONFIRM, 0)
    assert understanding.read(text, waiting).text == PRESS_CONFIRM
    assert understanding.read("ok, but what does it include?", offered).decision.kind != "action"


def test_a_handoff_says_how_to_reach_the_team_and_when(understanding):
    text = understanding.read("talk to sales please").answer.text
    assert "sales team" in text and "www.cartrover.com" in text and "8am to 5pm Pacific" in text
    text = understanding.read("I want to speak with a real person").answer.text
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
        ("- {name: x, do: reply, reply: hi, knowledge_only: true, examples: [hi]}",
         "`knowledge_only`"),
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
    understanding = Understanding(knowledge, IntentClassifier(SHIPPED + load_intents(tmp_path)))
    assert understanding.read("what's the office dog called?").text == (
        "Our office dog is called Biscuit."
    )


def test_a_knowledge_only_decline_intent_teaches_the_knowledge_base_and_is_never_matched(
    tmp_path, shipped_settings
):
    """Questions near the articles' topics that they don't answer ("can we pay by zelle?") are
    read by the knowledge base as not answered, but are not compared with messages for intents,
    where a long list of them would read requests ("cancel premium") as out of scope."""
    from bot.conversation.intents import not_answered
    from bot.knowledge import open_knowledge_base

    (tmp_path / "near.yaml").write_text(
        "- name: near_topics\n  do: decline\n  knowledge_only: true\n"
        "  examples: [can we pay for premium by zelle instead of a card]\n"
    )
    intents = SHIPPED + load_intents(tmp_path)
    ranked = IntentClassifier(intents).ranked("can we pay for premium by zelle")
    assert not any(m.intent.knowledge_only for m in ranked)
    near = not_answered(intents, knowledge_only=True)
    added = "can we pay for premium by zelle instead of a card"
    assert added in near and added not in not_answered(intents)
    settings = shipped_settings.model_copy(
        update={"kb": shipped_settings.kb.model_copy(update={"index_path": tmp_path / "index"})}
    )
    knowledge = open_knowledge_base(settings, not_answered(intents), near_topics=near)
    assert knowledge.answerer.evidence.near_topics == tuple(near)
    sections, gaps = knowledge.answerer.evidence.examples()
    assert gaps.closeness(added)[""].words > 0.99
    # ... and they are not the background of the sections' example matching, where "premium"
    # and "card" would become common words and move which section answers a price question
    (zelle,) = knowledge.answerer.evidence.word_vector("zelle")
    assert not sections.knows(zelle) and gaps.knows(zelle)
