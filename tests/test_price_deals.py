"""A price made for the customer (a discount, volume or multi-year pricing, an account manager)
is sales' to offer: the message goes to the sales team, not to the pricing article that lists
the standard prices, unless that article speaks of such deals itself."""

from __future__ import annotations

import pytest

from bot.conversation.person_calls import asks_for_a_deal
from tests.conftest import turn_in_dm


@pytest.mark.parametrize(
    "text",
    [
        "any discount if we sign multi-year?",
        "do you do volume pricing for 20+ stores?",
        "Please connect me to an account manager regarding multi-year pricing.",
        "we run 4 separate merchant accounts (one per brand). any discount if we buy premium for "
        "all of them or is it $399 x4?",
        "we're a nonprofit warehouse, is there nonprofit pricing for premium support?",
    ],
)
def test_a_deal_asked_for_goes_to_sales_with_a_person_offered(shipped_services, text):
    turn = turn_in_dm(shipped_services, text)
    assert turn.decision.label == "handoff:sales", text
    assert "sales team" in " ".join(reply.text for reply in turn.replies)
    # (the list prices are not given as the answer to a deal)
    assert not [reply for reply in turn.replies if reply.kind == "answer"]


@pytest.mark.parametrize(
    "text",
    [
        "how much is premium for a merchant account?",
        "how much is premium? we don't need a discount, just the list price",
        "can i get a refund if i cancel premium halfway thru the yr",
        "discount codes aren't syncing to shopify orders",
        "our account manager said premium includes phone support, is that right?",
    ],
)
def test_a_price_question_without_a_deal_is_not_sales(shipped_services, text):
    assert turn_in_dm(shipped_services, text).decision.label != "handoff:sales", text


def test_a_deal_the_article_states_is_the_articles_to_answer(shipped_settings):
    """Another vendor's pricing article may list its volume discounts: then it answers."""
    asked = "any volume discount for 10 stores?"
    listed = "Volume discounts: 10% off from 10 accounts."
    assert asks_for_a_deal(asked, "Premium is $399 a year per account.", shipped_settings)
    assert not asks_for_a_deal(asked, listed, shipped_settings)


@pytest.mark.parametrize(
    ("text", "team"),
    [
        # room on the price asked beside a call for sales is sales'
        ("any wiggle room on the cost? I'd like to talk to sales first", "sales"),
        # who in a team to work with, or a request passed on to someone who can act on it
        ("Legal needs an MSA signed first. Who from sales could we coordinate with?", "sales"),
        ("our receipt has the wrong company name, please forward this to someone who can fix "
         "it", "support"),
    ],
)  # fmt: skip
def test_a_person_asked_for_in_other_words_gets_the_team(shipped_services, text, team):
    decision = turn_in_dm(shipped_services, text).decision
    assert (decision.kind, decision.team) == ("handoff", team), text
