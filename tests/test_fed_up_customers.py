"""Customers at the end of their patience: a person asked for beside a threat ("if nobody gets
back to me by friday we're cancelling … can you get an actual person on it"), sales asked to
call instead of a price clicked ("have them call me", "i'd rather someone from sales talk to me
about options first"). The threat and the refusal change nothing; the person is handed the
conversation."""

from __future__ import annotations

import pytest

from bot.conversation.person_calls import calls_for_person


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("my ticket has sat there for three days on a premium plan. if nobody replies by "
         "monday we're cancelling, period. can you get an actual person on it", "premium",
         "handoff:support"),
        ("not paying $1199 through a button. if someone in sales wants to talk about a real "
         "price for our 4 warehouses, have them call me", "standard", "handoff:sales"),
        ("the renewal hurt this year. not cancelling yet, i'd rather someone from sales talk "
         "to me about our options first", "premium", "handoff:sales"),
        # (the plan not needed beside a person asked for: the person, not "no plan to cancel")
        ("we dont need premium. just need someone to look at ticket 48213", "standard",
         "handoff:support"),
        # (a discount refused is no call for sales; a person told of the plan is no date asked)
        ("three days waiting on a premium plan. i don't want a discount or an upgrade or a "
         "link. i want a person.", "premium", "handoff:support"),
        ("we cancelled because the shopify connector broke after your update. still broken. "
         "we have premium until the end date so let's use it: get someone to fix this",
         "cancelled", "handoff:support"),
    ],
)  # fmt: skip
def test_a_person_asked_for_beside_a_threat_gets_the_conversation(
    request_world, text, state, expect
):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


def test_a_question_whether_sales_calls_still_asks_how():
    # ("have them call me" calls for a person; "have you got…?" asks whether one exists)
    assert calls_for_person("somebody in sales, have them call me")
    assert not calls_for_person("have you got someone in sales i could talk to? how?")
