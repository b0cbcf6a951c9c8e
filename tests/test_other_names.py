"""A question about a tier or product the vendor does not have gets no article (the articles
answered "how much is the Platinum support tier?" with the list of tiers, and the price of
"Extensiv 3PL Warehouse Manager" with Premium's), and the reply says what the vendor has."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_settings
from bot.knowledge.other_names import other_name
from tests.conftest import turn_in_dm

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = load_settings(ROOT / "app.yaml")
BELEGWERK = load_settings(ROOT / "examples" / "belegwerk" / "app.yaml")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how much is the *Platinum* support tier? my boss wants 24/7 coverage", "tier"),
        ("do u have an enterprise or 24/7 plan above premium? we're growing fast", "tier"),
        ("gold plan price?", "tier"),
        ("upgrade us to platinum pls", "tier"),
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
        "our enterprise client is asking for a SOC 2 report",  # no tier word after it
        "is extensiv support open today",
        "we use the Extensiv app for orders",  # the product itself, by a loose name
        "can I go to a higher tier than standard",  # standard is not the dearest
        "does IM work with web shop manager",
        "we ship to Gold Coast",
        "we sell to enterprise customers, is premium right for us?",
    ],
)
def test_the_vendors_own_tiers_and_product_are_not(question):
    assert other_name(question, SHIPPED) is None


def test_another_vendors_own_tier_names_are_its_own():
    """Belegwerk sells an Enterprise tier: "the enterprise plan" is one of its own, and it has
    none above Enterprise Support (its dearest), whatever the words."""
    assert other_name("what does the enterprise plan cost", BELEGWERK) is None
    assert other_name("is there a tier above priority support?", BELEGWERK) is None
    assert other_name("is there a tier above enterprise support?", BELEGWERK).kind == "above"
    assert other_name("how much is the platinum tier", BELEGWERK).kind == "tier"


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
