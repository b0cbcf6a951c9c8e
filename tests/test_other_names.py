"""A question about a tier or product the vendor does not have gets no article (the articles
answered "how much is the Platinum support tier?" with the list of tiers, and the price of
"Extensiv 3PL Warehouse Manager" with Premium's), and the reply says what the vendor has."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.knowledge.other_names import other_name, other_tier_ordered
from tests.conftest import turn_in_dm

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = load_settings(ROOT / "app.yaml")
BELEGWERK = load_settings(ROOT / "examples" / "belegwerk" / "app.yaml")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how much is the *Platinum* support tier? my boss wants 24/7 coverage", "tier"),
        ("is there a gold plan?", "tier"),
        ("do you offer an elite package", "tier"),
        ("do u have an enterprise or 24/7 plan above premium? we're growing fast", "above"),
        ("is there a tier above premium with a dedicated account manager?", "above"),
        ("any plan higher than premium support?", "above"),
        ("how much does the extensiv 3pl warehouse manager cost?", "product"),
        ("whats the price for Extensiv Order Manager? thinking of moving", "product"),
    ],
)
def test_a_tier_or_product_the_vendor_does_not_have_is_found(question, kind):
    found = other_name(question, SHIPPED)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize(
    "question",
    [
        "what does the premium plan include",
        "Extensiv Integration Manager support hours?",
        "our enterprise client is asking for a SOC 2 report",
        "is extensiv support open today",
        "can I go to a higher tier than standard",  # standard is not the highest
        "does IM work with web shop manager",
        "we ship to Gold Coast",
        # (helper-98's review) a customer's own plans and tiers elsewhere are not asked about
        "We're on Shopify's enterprise plan. How do I set up Web Shop Manager?",
        "can integration manager send shipping emails only to our gold tier customers?",
        "we used to be on the Gold plan with our old 3PL. what are your support hours?",
        "what does premium cost, we sell to enterprise.",
        # ... nor is a person or a sentence a product, nor the product by a loose name
        "our Extensiv account manager said premium includes phone support, how much is it?",
        "How do I connect Extensiv to our WMS?",
        "Is Extensiv a WMS?",
        "how much is premium for Extensiv Integrations Manager?",
        "Extensiv CartRover manager support hours?",
    ],
)
def test_the_vendors_own_tiers_and_product_and_other_words_are_not(question):
    assert other_name(question, SHIPPED) is None


@pytest.mark.parametrize(
    ("order", "other"),
    [
        ("sign us up for the enterprise plan with a dedicated account manager", True),
        ("upgrade us to platinum pls", True),
        ("switch us to the gold support plan", True),
        ("we sell to enterprise customers", False),
    ],
)
def test_an_order_names_another_tier_by_any_tier_word(order, other):
    assert (other_tier_ordered(order, SHIPPED) is not None) is other


def test_another_vendors_own_tier_names_are_its_own():
    """Belegwerk sells an Enterprise tier: "the enterprise plan" is one of its own, and none is
    above Enterprise Support (its highest), whatever the words."""
    assert other_name("what does the enterprise plan cost", BELEGWERK) is None
    assert other_tier_ordered("move us to the enterprise plan", BELEGWERK) is None
    assert other_name("is there a tier above priority support?", BELEGWERK) is None
    assert other_name("is there a tier above enterprise support?", BELEGWERK).kind == "above"
    assert other_name("how much is the platinum support tier", BELEGWERK).kind == "tier"


def test_the_reply_says_what_the_vendor_has_and_offers_a_person(knowledge):
    answer = knowledge.answer("how much is the *Platinum* support tier?")
    assert not answer.answered
    assert "Standard Support and Premium Support" in answer.text
    assert "no Platinum tier" in answer.text and "help@cartrover.com" in answer.text
    other = knowledge.answer("how much does the Extensiv 3PL Warehouse Manager cost?")
    assert not other.answered and "only answer questions about Integration Manager" in other.text



@pytest.mark.parametrize(
    "message",
    [
        "sign us up for the enterprise plan with a dedicated account manager",
        "upgrade us to platinum",
        "switch us to the gold support plan pls",
    ],
)
def test_an_order_for_a_tier_the_vendor_has_not_got_quotes_none(shipped_services, message):
    """It was read as an upgrade to the paid tier the vendor has, and quoted its price: the
    asker gets the tiers there are and a person instead, and no quote."""
    turn = turn_in_dm(shipped_services, message)
    assert turn.decision.kind != "action"
    assert any("Standard Support and Premium Support" in (r.text or "") for r in turn.replies)


def test_an_order_for_the_vendors_own_tier_beside_another_is_run(shipped_services):
    """(helper-98's review) the other tier is not the one ordered."""
    turn = turn_in_dm(shipped_services, "upgrade us to premium, we don't need the enterprise plan")
    assert turn.decision.label == "action:upgrade"
