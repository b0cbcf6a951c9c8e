"""A tier named by what sets it apart ("the expensive support plan", "the 4 hr ticket response
+ phone thing") is read as the tier, from app.yaml's facts about the tiers; descriptions that fit
no tier alone, and words about the tier's features, are left as written."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.conversation.described_tiers import named_as_described
from tests.conftest import ROOT

BELEGWERK = ROOT / "examples" / "belegwerk" / "app.yaml"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("put us on the paid support tier w phone support", "put us on premium"),
        ("we want the 4 hr ticket response + phone thing. switch us", "we want premium. switch us"),
        ("the expensive support plan — kill it.", "premium — kill it."),
        ("move us to the plan with the phone line", "move us to premium"),
        ("the one business day plan is fine", "standard is fine"),
        ("what does the cheaper option include", "what does standard include"),
        # the shortest response target, or the longest (eighth session, request batch 45)
        ("get the faster tickets plan set up for us today", "get premium set up for us today"),
        ("is the slower support tier free?", "is standard free?"),
    ],
)
def test_a_description_that_fits_one_tier_is_read_as_it(shipped_settings, text, read):
    assert named_as_described(text, shipped_settings) == read


@pytest.mark.parametrize(
    "text",
    [
        "we waited 4 hours for the reply",
        "the phone number is what?",
        "where is the phone support code",
        "the plan with phone support code",
        "the phone is ringing and the plan is bad",
        "switch us to the faster, 4-hour response tier",  # (a comma ends a description)
        "we need a faster reply than this",
    ],
)
def test_words_about_a_feature_or_a_wait_name_no_tier(shipped_settings, text):
    assert named_as_described(text, shipped_settings) == text


def test_another_vendors_tiers_are_told_apart_by_its_own_facts():
    settings = load_settings(BELEGWERK)
    # two of its tiers have phone support: the phone sets none apart
    assert named_as_described("the plan with phone support", settings) == (
        "the plan with phone support"
    )
    assert named_as_described("the 8 hour response plan", settings) == "priority"
    assert named_as_described("the 2 business days one", settings) == "free"
    assert named_as_described("the most expensive tier", settings) == "enterprise"


def test_an_order_for_the_tier_described_is_run(request_world):
    label, _ = request_world.decide(
        "the expensive support plan, we want it, now pls", "standard", 0
    )
    assert label == "action:upgrade"
    label, _ = request_world.decide("the expensive support plan — kill it.", "premium", 1)
    assert label == "action:cancel"


def test_a_tier_name_one_letter_off_is_read_as_the_name_and_short_words_are_left(shipped_settings):
    """From six letters on: "basic" is one letter from "basis", which stays as written."""
    assert named_as_described("cancel our premuim", shipped_settings) == "cancel our premium"
    assert named_as_described("go standrd", shipped_settings) == "go standard"
    assert named_as_described("on what basis", shipped_settings) == "on what basis"
    assert named_as_described("<@U0PREMUIM> hi", shipped_settings) == "<@U0PREMUIM> hi"
