"""The learned odds that a message orders a change (bot/conversation/order_odds.py, learned by
bench/learn_orders.py): changes asked in shapes no hand-written reading knew are offered with
Confirm, and every check that holds an order back still holds it. The orders below are from read
blind batches (the model learned from them); the hand-written readings alone answered each with
the article, so each fails without the model."""

from __future__ import annotations

import pytest

from bench.learn_orders import HELD_OUT, _common, fit, labelled
from bot.billing.admin import import_accounts
from bot.bootstrap import open_services
from bot.config import load_settings
from bot.conversation.order_odds import (
    ORDER_ODDS,
    OrderOdds,
    answered_no,
    features,
    hedged,
    ordered,
    ordered_change,
    shipped,
)
from tests.billing_helpers import ACCOUNTS, PAT
from tests.conftest import ROOT, decision_in_dm
from tests.test_conversation_core import dm

CHANGES = ("upgrade", "cancel", "resume", "grant", "revoke")


@pytest.fixture
def services(shipped_settings, knowledge, tmp_path):
    found = open_services(shipped_settings, f"sqlite:///{tmp_path / 'bot.db'}", knowledge=knowledge)
    import_accounts(found.engine, found.settings, found.billing.gateway, ACCOUNTS)
    yield found
    found.engine.dispose()


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("Let's go ahead and upgrade to premium. Does it start immediately?", "upgrade"),
        ("I want to subscribe to the premium support, how we can do it here in slack? do it for "
         "us please", "upgrade"),
        ("our bookkeeper <@U02ZX8P1Q> keeps asking me to download invoices for her every month. "
         "can she just get billing permissions so she can do it herself", "grant"),
        ("could my colleague <@U08HHH888> stop having billing access? he's in marketing now",
         "revoke"),
        ("Paid $1199 for 'within 4 business hours' and waited TWO DAYS for an answer last week. "
         "Cancel it.", "cancel"),
        ("Can we keep it after all? Our CFO changed her mind about the support plan.", "resume"),
    ],
)  # fmt: skip
def test_a_change_asked_in_a_shape_no_rule_knows_is_read_as_asked(shipped_services, text, action):
    assert decision_in_dm(shipped_services, text) == f"action:{action}"


def test_what_the_odds_read_waits_for_confirm_and_charges_nothing(services):
    turn = services.conversation.handle(
        dm("Let's go ahead and upgrade to premium. Does it start immediately?")
    )
    assert turn.decision.label == "action:upgrade"
    assert turn.replies[0].waits_for_confirm
    assert services.billing.status(PAT).tier == "standard"


@pytest.mark.parametrize(
    "text",
    [
        # echoed as a question and answered no
        "cancel premium? u serious? no way",
        "Cancel premium? Nope. What's the renewal date?",
        # a question about the change, a wish put off, another company's plan
        "how do we go ahead and upgrade to premium?",
        "we might upgrade to premium next year, what does it cost?",
        "ok so a friend at another brand said you can get premium at the merchant price even as "
        "a warehouse. true?",
        "honestly I'm so fed up with waiting a whole day for ticket replies I could upgrade out "
        "of spite. anyway, where's ticket 7712 at?",
    ],
)
def test_the_odds_never_overrule_what_holds_an_order_back(shipped_services, text):
    assert not decision_in_dm(shipped_services, text).startswith("action:"), text


@pytest.mark.parametrize(
    "text",
    [
        "upgrade, boss hasn't approved the $399",
        "any chance you can cancel premium without losing the phone line?",
        "kill the auto-renew on premium next month",
        "we're leaving premium on for another year",
        "I cancelled premium. The payment was taken anyway, turn it back into a refund",
        "Can you switch back on renewal notifications for our account",
        "Can you email our CFO the premium upgrade pricing? Please do it asap",
        "<@U0SAM> can you cancel premium when you get a chance?",
    ],
)
def test_a_hedged_message_is_left_to_the_readings_that_know_hedges(shipped_settings, text):
    assert hedged(text, shipped_settings)
    assert ordered(text, shipped_settings) is None


def test_a_question_answered_no_is_told_from_one_that_is_not():
    assert answered_no("Cancel premium? Nope.")
    assert answered_no("cancel premium? *absolutely not*")
    assert not answered_no("can we cancel? no rush though")
    assert not answered_no("Upgrade us? yes please")


def test_the_features_read_any_vendors_tiers_and_every_negation_alike(shipped_settings):
    other = load_settings(ROOT / "examples" / "belegwerk" / "app.yaml")
    assert "p:to_paidtier" in features("move us to Enterprise", other)
    assert "p:to_paidtier" in features("move us to premium", shipped_settings)
    assert "w:mention" in features("give <@U0SAM> billing", shipped_settings)
    said = features("we don't want premium", shipped_settings)
    assert said == features("we do not want premium", shipped_settings)


def test_the_shipped_model_knows_every_change_and_what_it_learned_from(shipped_settings):
    model = shipped()
    assert sorted(model.which) == sorted(CHANGES)
    odds, change = ordered_change("please upgrade us to premium", shipped_settings)
    assert odds >= ORDER_ODDS and change == "upgrade"
    odds, _ = ordered_change("what does premium cost?", shipped_settings)
    assert odds < 0.5


def test_the_learner_never_reads_a_batch_kept_unread():
    names = {name for name, _, _ in labelled()}
    assert names and not any(name.startswith(HELD_OUT) for name in names)
    assert any(name.startswith(HELD_OUT) for name, _, _ in labelled(include_held_out=True))


def test_the_learner_separates_what_its_examples_separate():
    rows = [({"w:do", "w:it"}, 1), ({"w:do", "w:now"}, 1), ({"w:how", "w:it"}, 0),
            ({"w:how", "w:now"}, 0)] * 5  # fmt: skip
    weights, bias = fit(rows, epochs=30)
    model = OrderOdds(weights, bias, {})
    assert model.probability({"w:do"}) > 0.8 > 0.2 > model.probability({"w:how"})
    assert _common([({"a", "b"}, ""), ({"a"}, "")], least=2) == {"a"}
