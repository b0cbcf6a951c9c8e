"""The learned odds that a message orders a change (bot/conversation/order_odds.py, learned by
bench/learn_orders.py): changes asked in shapes no hand-written reading knew are offered with
Confirm, and every check that holds an order back still holds it. The orders below are from read
blind batches (the model learned from them); the hand-written readings alone answered each with
the article, so each fails without the model."""

from __future__ import annotations

import re

import pytest

from bench.learn_orders import HELD_OUT, _common, fit, labelled
from bench.quality import QUESTION_SETS, REQUEST_SETS
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
        "Cancel our premium support please. Hypothetically, I mean.",
        "Upgrade us to premium support please, we decided against it though.",
    ],
)
def test_the_odds_never_overrule_what_holds_an_order_back(shipped_services, text):
    # (the odds do propose the change: what holds it back is the readings' own checks)
    assert ordered(text, shipped_services.settings) is not None
    assert not decision_in_dm(shipped_services, text).startswith("action:"), text


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # the renewal asked to go ahead, in a cancel's words (helper-149's review)
        ("Please go ahead with the premium renewal as planned.", "premium"),
        ("Please charge the premium renewal to the Amex ending 1005.", "premium"),
        ("Please make sure our premium subscription renews automatically this year.", "premium"),
        # billing and a colleague named, with no wish for access or its loss
        ("Please make sure billing access stays with <@U0SAM> after the reorg.", "standard"),
        ("Please let <@U0SAM> know her billing access is ready.", "standard"),
        ("<@U0SAM> has billing access, please keep sending her the invoices.", "standard"),
        ("<@U0SAM> needs help with a billing question, please reach out to her.", "standard"),
        ("Please remove the old card <@U0SAM> added and charge the company card.", "premium"),
        # nagging about the change, someone's words reported, echoes answered no, a question,
        # another company's plan
        ("Please stop asking me to upgrade to premium in every reply.", "standard"),
        ("Cancel premium, they said. Now nobody answers the phone. Can we get it back?",
         "cancelled"),
        ("cancel premium? u serious? no way", "premium"),
        ("Cancel premium? Nope. What's the renewal date?", "premium"),
        ("how do we go ahead and upgrade to premium?", "standard"),
        ("ok so a friend at another brand said you can get premium at the merchant price even as "
         "a warehouse. true?", "standard"),
    ],
)  # fmt: skip
def test_words_near_a_change_are_no_order_for_the_odds_either(request_world, text, state):
    label, _ = request_world.decide(text, state, 0)
    assert not label.startswith("action:"), (text, label)


def test_a_request_for_access_in_words_the_rules_lack_is_read(shipped_services):
    text = "I'd like <@U0SAM> to have billing access as of today."  # (no message learned from)
    assert decision_in_dm(shipped_services, text) == "action:grant"


@pytest.mark.parametrize(
    "text",
    [
        "upgrade, boss hasn't approved the $399",
        "kill the auto-renew on premium next month",
        "I cancelled premium. The payment was taken anyway, turn it back into a refund",
        "Can you switch back on renewal notifications for our account",
        "Can you email our CFO the premium upgrade pricing? Please do it asap",
        "Please give <@U0SAM> billing access. Wait, scratch that.",
        "please do not renew premium support without my sign-off",
    ],
)
def test_a_hedged_message_is_left_to_the_readings_that_know_hedges(shipped_settings, text):
    odds, _ = ordered_change(text, shipped_settings)
    assert odds >= ORDER_ODDS  # (the odds alone would read an order)
    assert hedged(text, shipped_settings)
    assert ordered(text, shipped_settings) is None


def test_another_vendors_renewal_asked_to_go_ahead_is_no_cancel():
    other = load_settings(ROOT / "examples" / "belegwerk" / "app.yaml")
    text = "Please go ahead with the priority renewal as planned."
    assert ordered_change(text, other)[0] >= ORDER_ODDS
    assert ordered(text, other) is None


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
    # every batch the README keeps unread (its --skip list) is held out of the learning
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = readme[readme.index("bench.quality --misses --skip") :].split("lists the misses")[0]
    skipped = re.findall(r'--skip\s+"([^"]+)"', command)
    unread = [n for n in (*QUESTION_SETS, *REQUEST_SETS) if any(k in n for k in skipped)]
    assert len(skipped) >= 20 and unread
    assert [n for n in unread if not n.startswith(HELD_OUT)] == []


def test_the_learner_separates_what_its_examples_separate():
    rows = [({"w:do", "w:it"}, 1), ({"w:do", "w:now"}, 1), ({"w:how", "w:it"}, 0),
            ({"w:how", "w:now"}, 0)] * 5  # fmt: skip
    weights, bias = fit(rows, epochs=30)
    model = OrderOdds(weights, bias, {})
    assert model.probability({"w:do"}) > 0.8 > 0.2 > model.probability({"w:how"})
    assert _common([({"a", "b"}, ""), ({"a"}, "")], least=2) == {"a"}
