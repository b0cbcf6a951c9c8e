"""A message asking for a change and for something else gets both: the change waits for its
Confirm click as alone, and the other ask is answered beside it (privately); a second change or
an ask the bot cannot answer is named back to send on its own, never silently dropped."""

from __future__ import annotations

import pytest

from bench.quality import RequestWorld
from bot.conversation.two_asks import split_asks


@pytest.fixture(scope="module")
def world(shipped_settings, knowledge):
    made = RequestWorld(shipped_settings, knowledge)
    yield made
    made.close()


def test_a_change_and_a_question_about_the_account_get_both(world):
    text = "Cancel premium and also tell me what card is on file."
    label, turn = world.decide(text, "premium", 0)
    assert label == "action:cancel"
    kinds = [reply.kind for reply in turn.replies]
    assert kinds[0] == "cancel_question" and "personal_card" in kinds
    assert all(reply.visibility.value == "private" for reply in turn.replies)


def test_a_change_and_a_question_the_articles_answer_get_both(world):
    label, turn = world.decide("cancel premium, also what are your support hours?", "premium", 1)
    assert label == "action:cancel"
    assert any(reply.kind == "answer" and "Pacific" in reply.text for reply in turn.replies)


def test_a_second_change_is_named_back_not_made(world):
    text = "cancel premium and also remove <@U0ABC12>'s billing access"
    label, turn = world.decide(text, "premium", 2)
    assert label == "action:cancel"
    told = [reply.text for reply in turn.replies if reply.kind == "reply"]
    assert told and "remove <@U0ABC12>'s billing access" in told[0]


def test_a_taking_back_anywhere_in_the_message_holds_both_asks(world):
    label, _ = world.decide("cancel premium and also... no wait, don't cancel", "premium", 3)
    assert label != "action:cancel"


@pytest.mark.parametrize(
    "text",
    ["what's the price and also the hours?", "also", "cancel and also", "hours plus prices"],
)
def test_only_two_asks_of_some_words_are_split(text):
    found = split_asks(text)
    assert found is None or all(len(part.split()) >= 2 for part in found)


def test_and_then_inside_a_question_joins_one_ask(world):
    text = "how long is the commitment? could we do 3 months over peak and then drop back down"
    assert split_asks(text) is None
    label, _ = world.decide(text, "premium", 6)
    assert label not in ("action:cancel", "action:downgrade")
    assert split_asks("cancel premium and then tell me when it ends") is not None


def test_a_question_beside_the_change_that_no_article_answers_is_named_back(world):
    text = "Give <@U0ABC12> billing access, and also how do I set up a FedEx rule?"
    label, turn = world.decide(text, "premium", 4)
    assert label == "action:grant"
    assert any("FedEx rule" in reply.text for reply in turn.replies if reply.kind == "reply")


def test_a_remark_beside_the_change_is_not_named_back(world):
    label, turn = world.decide("cancel premium, also thanks for all the help", "premium", 5)
    assert label == "action:cancel"
    assert not [reply for reply in turn.replies if reply.kind == "reply"]


def test_an_order_after_the_questions_is_run_and_the_questions_answered_beside(world):
    text = "premium is 399/yr for merchants right? ok fine sign us up for it"
    label, turn = world.decide(text, "standard", 7)
    assert label == "action:upgrade"
    kinds = [reply.kind for reply in turn.replies]
    assert kinds[0] == "quote" and "answer" in kinds
    assert any("$399" in reply.text for reply in turn.replies if reply.kind == "answer")


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("premium is 1199/yr for warehouse accounts right? ok fine, upgrade us", "standard",
         "action:upgrade"),
        ("it renews every year automatically, right? ok, cancel premium then", "premium",
         "action:cancel"),
        # (its "it" is the tier the questions named)
        ("premium is 399/yr for merchants right? ok. switch us to it", "standard",
         "action:upgrade"),
    ],
)  # fmt: skip
def test_an_ok_before_the_order_after_questions_does_not_hide_it(world, text, state, expect):
    label, _ = world.decide(text, state, 14)
    assert label == expect


def test_the_last_sentence_that_orders_is_the_order_after_questions_and_a_remark(world):
    text = (
        "is paid support billed yearly up front? and does it start the same day? need to know "
        "what to tell AP. either way — sign us up for premium"
    )
    label, _ = world.decide(text, "standard", 8)
    assert label == "action:upgrade"


def test_a_condition_inside_the_question_does_not_hold_back_the_order_after_it(world):
    text = (
        "if we cancel mid-year do we lose phone support right away? actually doesn't matter, "
        "cancel the premium plan either way."
    )
    label, _ = world.decide(text, "premium", 9)
    assert label == "action:cancel"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # what follows the question tells, or holds the order back, or asks again
        ("how long does support take to reply? we dont pay for premium or anything", "premium"),
        (
            "could you tell me on which date premium is ending? We cancelled some time ago",
            "cancelled",
        ),
        (
            "is there a live chat? want to ask some pricing questions before we buy anything",
            "standard",
        ),
        ("how much is premium? then upgrade us if it's under $500", "standard"),
        ("can i pay by invoice? if yes, upgrade us to premium", "standard"),
        ("what does premium include? ok. don't upgrade us yet, just curious", "standard"),
        ("is premium worth it? sign us up next quarter maybe", "standard"),
        ('my boss asked "can we cancel premium?" I said no. so don\'t.', "premium"),
    ],
)
def test_what_follows_questions_changes_nothing_unless_it_orders_now(world, text, state):
    label, _ = world.decide(text, state, 10)
    assert label not in ("action:upgrade", "action:cancel", "action:resume")


def test_a_sales_person_asked_for_after_a_question_about_support_is_sales(world):
    text = (
        "is there a multi-year discount on support? and can it be bundled with our "
        "subscription? put me in touch with a sales person please"
    )
    label, _ = world.decide(text, "premium", 11)
    assert label == "handoff:sales"


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("I was about to go click Change Support Tier in Profile & Billing myself but figured "
         "I'd just ask here. Sign us up for the premium plan, $399/yr is fine with us",
         "standard", "action:upgrade"),
        # (the story's own negation is no taking back: "orders don't drop")
        ("hey — we're a 3PL. clients keep calling us when their orders don't drop, and we need "
         "a phone line to escalate. sign us up for the paid support plan pls, card's on file",
         "standard", "action:upgrade"),
        # (the message read whole keeps its tier: "drop us back down" after "standard is fine")
        ("Standard is fine for a shop our size. drop us back down.", "premium", "action:cancel"),
    ],
)  # fmt: skip
def test_an_order_after_a_story_is_the_request(world, text, state, expect):
    label, _ = world.decide(text, state, 12)
    assert label == expect


@pytest.mark.parametrize(
    "text",
    [
        "Test message, please ignore. Upgrade us to premium.",
        "My boss said: upgrade us to premium. I'm not so sure.",
        "We're not ready yet. Upgrade us to premium once the PO clears.",
        "Thinking about it for next year. Upgrade us to premium then.",
        "This is just a test of the bot, please don't actually do anything. Upgrade our plan.",
    ],
)
def test_a_story_that_takes_back_or_puts_off_the_order_after_it_changes_nothing(world, text):
    label, _ = world.decide(text, "standard", 13)
    assert label != "action:upgrade"


def test_the_card_we_pay_with_is_the_accounts_own(world):
    text = "Which card are we paying the premium support with? Want to be sure it's not my old Amex"
    label, _ = world.decide(text, "premium", 15)
    assert label == "personal:card"
