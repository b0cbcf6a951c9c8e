"""Tiers as data: their order, the tier a message names (by app.yaml's names and synonyms), the
`/support-tier upgrade|downgrade TIER` grammar, per-tier handoff queues, the new keys' checks, and
public holidays by country and region."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from bot.billing import tiers
from bot.config import ConfigError, load_settings
from bot.conversation.commands import Command, parse_slash
from bot.conversation.plain_requests import plain_request
from bot.conversation.tiers import tier_for, tier_named_in
from bot.hours import SupportHours
from tests.conftest import ROOT, settings_for

EXAMPLE = ROOT / "examples" / "belegwerk" / "app.yaml"


@pytest.fixture(scope="module")
def example():
    return load_settings(EXAMPLE)


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("move us to enterprise", "enterprise"),
        ("go down to prio at renewal", "priority"),
        ("switch us from priority to the Enterprise Plan", "enterprise"),
        ("downgrade enterprise to priority support", "priority"),
        ("Enterprise Support", "enterprise"),
        ("back to basic support please", "free"),
        ("upgrade our plan", None),
        ("enterprises everywhere", None),
    ],
)
def test_the_tier_a_message_names(example, text, tier):
    assert tier_named_in(text, example) == tier


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("go enterprise", "enterprise"),
        ("ok we're sold, lets do prio :tada:", "priority"),
        ("Please change our plan to Enterprise Support. We need the phone line.", "enterprise"),
        ("could u move our account onto priority", "priority"),
        ("support plan -> enterprise", "enterprise"),
        ("PRIO. NOW. pls", "priority"),
        ("we'd like to go back to basic support", "free"),
        ("what happens when you go enterprise", None),
        ("if we switch to priority are we charged at once", None),
        ("we switched to enterprise last spring", None),
        ("enterprise?", None),
        ("what does enterprise include", None),
        ("switch us from enterprise", None),
    ],
)
def test_an_order_naming_a_tier_is_told_from_a_mention(example, text, tier):
    """ "go enterprise" and "prio pls" order a move to the tier; a question or a story that only
    names it orders nothing (the tiers' words come from app.yaml, none from code)."""
    found = plain_request(text, example)
    ordered = found is not None and found.action in ("upgrade", "cancel")
    moved_to = (found.tier or example.default_tier) if ordered else None
    assert moved_to == tier


def test_only_moves_take_a_tier(example):
    assert tier_for("upgrade", "move us to enterprise", example) == "enterprise"
    assert tier_for("cancel", "cancel enterprise", example) is None


def test_slash_words_name_the_tier():
    assert parse_slash("upgrade Ent Support") == Command("upgrade", tier="Ent Support")
    assert parse_slash("downgrade prio") == Command("downgrade", tier="prio")
    assert parse_slash("upgrade") == Command("upgrade")


def test_order_moves_and_queues(example):
    assert tiers.move(example, "priority", "enterprise") is tiers.Move.UP
    assert tiers.move(example, "enterprise", "priority") is tiers.Move.DOWN
    assert tiers.move(example, "priority", "free") is tiers.Move.TO_FREE
    assert tiers.upgrade_target(example, "free") == "priority"
    assert tiers.upgrade_target(example, "enterprise") is None
    assert tiers.downgrade_target(example, "enterprise") == "priority"
    assert tiers.downgrade_target(example, "priority") == "free"
    assert tiers.staff_channel(example, "support", "enterprise") == "#enterprise-queue"
    assert tiers.staff_channel(example, "support", "priority") == "#support-queue"
    assert tiers.staff_channel(example, "sales", "enterprise") == "#sales"


def test_without_ranks_the_free_tier_comes_first_whatever_the_file_order(app_config, tmp_path):
    app_config["tiers"] = dict(reversed(list(app_config["tiers"].items())))
    assert settings_for(app_config, tmp_path).tier_order == ("standard", "premium")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda c: c["tiers"]["premium"].update(rank=1), "give every tier a different rank"),
        (lambda c: c["billing"].update(upgrade_policy="halfway"), "billing.upgrade_policy"),
        (lambda c: c["billing"].update(cancel_notice_days=-1), "billing.cancel_notice_days"),
        (lambda c: c["support_hours"].update(holidays_country="XX"), "unknown holidays_country"),
        (
            lambda c: c["support_hours"].update(holidays_country="US", holidays_region="ZZ"),
            "unknown holidays_region",
        ),
        (lambda c: c["support_hours"].update(holidays_region="CA"), "needs holidays_country"),
        (lambda c: c["labels"].update(pin="PIN"), "labels.pin"),
    ],
)
def test_the_new_keys_are_checked(app_config, tmp_path, change, expected):
    change(app_config)
    with pytest.raises(ConfigError) as caught:
        settings_for(app_config, tmp_path)
    assert expected in str(caught.value)


def test_upgrade_tier_may_be_left_out(app_config, tmp_path):
    app_config.pop("upgrade_tier")
    assert settings_for(app_config, tmp_path).upgrade_target == "premium"


def test_public_holidays_by_country_and_region_and_extra_dates(example):
    hours = SupportHours.from_config(example.support_hours)
    assert not hours.is_business_day(date(2026, 5, 1))  # Labour Day, a Friday
    assert not hours.is_business_day(date(2027, 3, 8))  # Women's Day, Berlin only, a Monday
    assert not hours.is_business_day(date(2026, 12, 24))  # an extra date in app.yaml
    assert hours.is_business_day(date(2026, 3, 9))
    assert hours.describe().endswith("except public holidays in Berlin, Germany")


def test_the_shipped_hours_say_nothing_new(tmp_path):
    settings = load_settings(ROOT / "app.yaml")
    assert "holidays" not in SupportHours.from_config(settings.support_hours).describe()
    assert yaml.safe_load((ROOT / "app.yaml").read_text())["labels"]["phone_code"]


def test_a_tier_synonym_reads_as_its_tier_for_the_intents(shipped_settings):
    """ "prem" and "free tier" (app.yaml synonyms) are the words the intents' examples use, so a
    message in the customer's shorthand is as close to them as the full word is."""
    from bot.bootstrap import intent_classifier
    from bot.conversation.intents import IntentClassifier, load_intents
    from bot.knowledge.tier_words import synonyms_as_keys

    assert synonyms_as_keys("when does our prem renew", shipped_settings) == (
        "when does our premium renew"
    )
    assert synonyms_as_keys("back to the Free Tier pls", shipped_settings) == (
        "back to the standard pls"
    )
    assert synonyms_as_keys("premium stays premium", shipped_settings) == "premium stays premium"
    text = "whats our prem renewal date again"
    plain = IntentClassifier(load_intents(shipped_settings.intents.path)).ranked(text)[0]
    read = intent_classifier(shipped_settings).ranked(text)[0]
    assert read.intent.name == "our_renewal_date" and read.score > plain.score
