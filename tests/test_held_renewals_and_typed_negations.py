"""What helper-181's attack found (2026-12-07): a renewal held for a condition, not refused
("please don't renew without checking with me"), a change for a later day ("<@X> needs billing
access from next Monday"), a colleague's access only mused about ("may need billing access down
the line"), "don't" as phones type it ("dnt", "do nt", "don remove"), and another language's
negation before an English verb ("ich möchte NICHT upgraden"). None of them changes anything;
each has a near twin that still orders."""

from __future__ import annotations

import pytest

from bot.conversation.shorthand import spelled_out
from bot.conversation.signals import negations
from tests.conftest import assert_changes_nothing


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("please don't renew it without asking me first", "premium"),
        ("don't renew until we've fixed the billing address", "premium"),
        ("pls don't renew at the warehouse rate, we switched to merchant", "premium"),
        ("no renueven sin avisarme, por favor", "premium"),
        ("<@U0KIM> will need billing access from next Monday", "standard"),
        ("remove <@U0KIM>'s billing access on Friday, it's her last day", "premium"),
        ("<@U0KIM> may need billing access down the line", "standard"),
        ("<@U0KIM> may not need billing access anymore, still deciding", "premium"),
        ("dnt cancel premium, just tell me the renewal date", "premium"),
        ("do nt give <@U0KIM> billing access yet", "standard"),
        ("pls don remove <@U0KIM>'s billing, she's staying", "premium"),
        ("ich will NICHT upgraden, nur den Preis wissen", "standard"),
        ("je ne veux pas canceler, juste la date", "premium"),
        ("abhi cancel nahi karna, renewal date batao", "premium"),
    ],
)
def test_a_held_renewal_a_later_day_or_a_typed_negation_changes_nothing(
    request_world, text, state
):
    label, _ = request_world.decide(text, state, 0)
    assert_changes_nothing(label, text)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("please don't renew premium, we're done with it", "premium", "action:cancel"),
        ("We will stop paying for premium from next renewal, please cancel it", "premium",
         "action:cancel"),
        ("i cancelled in a rage on tuesday. please resume premium", "cancelled",
         "action:resume"),
        ("Give <@U0KIM> billing access. I'm out on leave starting Friday.", "premium",
         "action:grant"),
    ],
)  # fmt: skip
def test_its_near_twin_still_orders(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


def test_dont_as_phones_type_it_is_read_as_dont_but_don_the_name_is_not():
    assert spelled_out("dnt give him access") == "don't give him access"
    assert spelled_out("do nt cancel") == "don't cancel"
    assert spelled_out("don remove her billing") == "don't remove her billing"
    assert spelled_out("Don remove her billing") == "Don remove her billing"


def test_another_languages_negation_of_an_english_verb_is_a_negation():
    assert "not upgrad" in negations("ich möchte nicht upgraden")
    assert "not upgrad" in negations("abhi upgrade nahi karna hai")
    assert "not cancel" in negations("kami tidak mau cancel premium")
    # ("non-profit" is no negation)
    assert not negations("we're a non-profit, upgrade us")


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("<@U0KIM> asked me to remove her billing access. I'll think about it.", "premium"),
        ("<@U0KIM> billing access: not needed after all, sorry", "standard"),
        ("```cancel premium```\nthis is in our runbook, does it still work like that?",
         "premium"),
        ("can you upgrade our storage quota? we're at the cap", "standard"),
        ("please bump the ticket priority, our warehouse is down", "standard"),
        ("we'd like to cancel the SMS add-on, not premium", "premium"),
        ("remove <@U0KIM>'s access to the warehouse app, she left", "premium"),
    ],
)  # fmt: skip
def test_a_thought_a_snippet_or_another_things_change_is_no_change_of_the_plan(
    request_world, text, state
):
    label, _ = request_world.decide(text, state, 0)
    assert_changes_nothing(label, text)


def test_code_written_out_in_one_word_is_no_quote():
    assert spelled_out("`upgrade` us to premium") == "`upgrade` us to premium"
    assert spelled_out("`upgrade to premium` is our step") == '"upgrade to premium" is our step'
