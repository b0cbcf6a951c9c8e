"""Stopping the renewal in words other than "cancel" (bot/conversation/renewal_stops.py): the
asker's own wish or order is a cancellation whose negation is the request; someone else's
wish, a question, a condition, or the renewal's reminders are not. Through the core, the
cancellation still waits for its Confirm."""

from __future__ import annotations

import pytest

from bot.billing.results import Actor
from bot.conversation import Incoming, Place, Surface
from bot.conversation.plain_requests import plain_request


@pytest.mark.parametrize(
    "text",
    [
        "Please make sure premium doesn't renew in June",
        "can you make sure our support plan won't renew",
        "We'll pass on renewing premium this year",
        "No thanks to the premium renewal this year.",
        "I don't want to be billed for premium next year.",
        "hi can u stop the auto renew on our support plan thx",
        "we will not continue with the premium support after this period. Please terminate",
        "we dont want to keep premium",
        "we not want premium more",
        "premium not necessary more for us, remove please",
        "turn off our premium renewal pls",
        # the renewal "on premium" named by the tier; "it" after a plan named
        "kill the auto-renew on premium",
        "we want to end the premium contract, please do not renew it again.",
    ],
)
def test_stopping_the_renewal_in_other_words_is_a_cancellation(shipped_settings, text):
    found = plain_request(text, shipped_settings)
    assert found is not None and found.action == "cancel", text
    assert found.said, "the negation is the request's own words"


@pytest.mark.parametrize(
    "text",
    [
        "how do we make sure it does NOT renew next time",
        "does premium stop the auto renew of my shopify app?",
        "Cancel the renewal reminder emails, we know when it renews.",
        "if we don't renew premium, what happens?",
        "pass on premium, thanks",
        "I was told you do not renew it automatically?",
    ],
)
def test_a_question_or_the_renewal_reminders_stop_nothing(shipped_settings, text):
    found = plain_request(text, shipped_settings)
    assert found is None or found.action != "cancel", text


@pytest.mark.parametrize(
    ("text", "cancels"),
    [
        ("Please make sure premium doesn't renew in June", True),
        ("we will not continue with premium if the price goes up", False),
        ("don't stop the auto renew", False),
        ("my colleague asked how to stop the auto renew", False),
    ],
)
def test_through_the_core_a_condition_or_a_taking_back_holds_it(shipped_services, text, cancels):
    turn = shipped_services.conversation.handle(
        Incoming(text, Actor.slack("U0NEW", "T0NEW"), Place("D0RNW1", True), Surface.DM, ts="1.1")
    )
    assert (turn.decision.label == "action:cancel") is cancels, text
