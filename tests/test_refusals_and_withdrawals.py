"""An order withdrawn after its own words with nothing ordered after ("cancel premium... no
wait. we keep it", "upgrade no. too pricey", "<@X> asked me to give him access. no."), and a
change refused beside a question about the asker's own account ("not want cancel!! only when is
the renewal"): nothing changes, and the question gets the account's own figure. Each with the
near twin that still orders: a new order after the "no", a "No." that answers before an order.
"""

from __future__ import annotations

import pytest

from bot.conversation.asides import withdrawn
from bot.conversation.refusals import without_refusals
from tests.conftest import assert_changes_nothing


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("please cancel our premium... no wait. forget it, we keep it", "premium"),
        ("reactivate premium... actually no. standard is fine for us", "cancelled"),
        ("ok upgrade us to premium... no stop, the card is not with me. later", "standard"),
        ("upgrade no. too much money this year", "standard"),
        ("resume? nah. we are ok on standard", "cancelled"),
        ("<@U0DAN> asked me to give him billing access. no. he does not need it", "standard"),
    ],
)
def test_an_order_withdrawn_after_its_words_changes_nothing(request_world, text, state):
    label, _ = request_world.decide(text, state, 0)
    assert_changes_nothing(label, text)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("upgrade us to premium... no wait, resume it instead", "cancelled", "action:resume"),
        ("dont wait for the renewal date, cancel our premium now", "premium", "action:cancel"),
    ],
)  # fmt: skip
def test_a_new_order_after_the_no_is_still_done(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("not want cancel!! only when is the renewal", "premium", "personal:renewal_date"),
        ("are we still on premium? not changing anything, just asking", "premium",
         "personal:tier"),
        ("which support are we on now? no upgrade pls, just curious", "standard",
         "personal:tier"),
        ("we cancelled, not want resume. until when is premium still working for us?",
         "cancelled", "personal:renewal_date"),
    ],
)  # fmt: skip
def test_a_question_beside_a_refused_change_gets_the_accounts_own_figure(
    request_world, text, state, expect
):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


def test_what_is_left_after_a_refusal_must_ask_something():
    # (the rest tells, so the whole message is read as it was: no personal figure)
    assert without_refusals("we not cancel, we rely on it.") == "we rely on it."
    # a negation of something else is no refusal ("i dont see the Change Support Tier button")
    assert without_refusals("i dont see the change tier button. is it broken?") == ""
    assert without_refusals('pls check: "We won\'t be cancelling, it renews." ok?') == ""
    assert without_refusals("when does premium renew?") == ""


def test_a_no_before_the_order_withdraws_nothing():
    assert withdrawn("no. we not go back to standard. resume it.") is None
    assert withdrawn("cancel premium. no, we dont need the phone line anymore") is None
    assert withdrawn("upgrade us? no? ok then upgrade us") is None
    assert withdrawn("cancel premium... no wait, i mean cancel it at the end of the term") is None
    assert withdrawn("so we drop back to standard at the end. no. keep us on premium") is None
    assert withdrawn("cancel premium... no wait. we keep it") == "no wait"


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("surprise renewal charge again. not asking you to reverse it, i just want the date it "
         "renews next", "premium", "personal:renewal_date"),
        ("do NOT cancel anything. someone on my team may have asked you to. show me our status "
         "so i can check the renewal is still on", "premium", "action:status"),
    ],
)  # fmt: skip
def test_a_refusal_beside_a_fact_asked_for_without_a_question_mark(
    request_world, text, state, expect
):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


@pytest.mark.parametrize(
    "text",
    [
        "i was gonna remove <@U0KAY>'s billing access after that charge but turns out it wasn't "
        "her, it renews by itself. so all good",
        "we were going to cancel premium but then the phone line saved us twice. never mind",
    ],
)
def test_a_change_planned_then_given_up_is_not_made(request_world, text):
    label, _ = request_world.decide(text, "premium", 0)
    assert_changes_nothing(label, text)


@pytest.mark.parametrize(
    "text",
    [
        "someone here cancelled premium by mistake. please activate the renewal again",
        "turn the auto renew back on pls, we still need the phone line",
    ],
)
def test_the_renewal_switched_back_on_is_a_resume_not_an_upgrade(request_world, text):
    label, _ = request_world.decide(text, "cancelled", 0)
    assert label == "action:resume", (text, label)
