"""Orders whose other words sound like a taking back but are not one: words that only hurry
("no reason to wait —") or wave off something beside the order ("no need to call me"), a mind
changed before the order ("don't renew... actually no, please do resume it"), a renewal refused
as the cancel's reason, no need for the plan said beside its cancel, a question about a later
turn asked after the order, and a plan kept to its end (a cancel, never a resume). Each with its
near twin that still changes nothing, and a change wished for with the reason it can't be ("I'd
love to revoke his access, but he's the CFO 🤷")."""

from __future__ import annotations

import pytest

from bot.conversation.asides import mind_changed
from bot.conversation.hurry import unhurried


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("I don't want to wait until January anymore — let's do the premium upgrade now.",
         "standard", "action:upgrade"),
        ("can't wait any longer, upgrade us to premium", "standard", "action:upgrade"),
        ("no need to wait for the renewal, cancel premium now", "premium", "action:cancel"),
        ("don't renew... actually no, please do resume it. we need the phone support",
         "cancelled", "action:resume"),
        ("we dont need premium. on second thought, upgrade us to premium", "standard",
         "action:upgrade"),
        ("finance said no to renewing, so go ahead and cancel premium for us", "premium",
         "action:cancel"),
        ("we don't really need premium anymore, please cancel it so it won't auto renew. if we "
         "want it back later can we just re-upgrade?", "premium", "action:cancel"),
        ("keep premium but turn off auto renew", "premium", "action:cancel"),
        ("no need to walk me through the terms, I know them. just cancel the premium renewal",
         "premium", "action:cancel"),
        ("upgrade us to premium, no need to call me about it", "standard", "action:upgrade"),
        ("I'd like to upgrade but the button doesn't work for me, can you do it?", "standard",
         "action:upgrade"),
    ],
)  # fmt: skip
def test_an_order_after_words_that_only_sound_like_a_taking_back_is_done(
    request_world, text, state, expect
):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, (text, label)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("can't wait to upgrade next year!", "standard"),
        ("no reason to wait", "standard"),
        ("upgrade us. actually no, keep standard", "standard"),
        ("upgrade us? nvm, cancel that", "standard"),
        ("we're not upgrading. actually, upgrade is too pricey for us", "standard"),
        ("finance said no to cancelling, so leave premium as it is", "premium"),
        ("cancel premium. if it's still possible, can we do it next month instead?", "premium"),
        ("keep premium until it ends, then drop to standard", "cancelled"),
        ("no need to upgrade us, no need to call me either", "standard"),
        ("I'd love to remove <@U0SAM>'s billing access, he forwards me every invoice, but she "
         "signs the cheques so 🤷", "premium"),
        ("we'd like to cancel premium but the contract says we can't until march", "premium"),
    ],
)  # fmt: skip
def test_its_near_twin_changes_nothing(request_world, text, state):
    label, turn = request_world.decide(text, state, 0)
    assert label not in {"action:upgrade", "action:cancel", "action:resume"}, (text, label)
    assert not {"quote", "cancel_question", "resume_question"} & {r.kind for r in turn.replies}


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("no reason to wait — add billing access for <@U0X> now",
         "add billing access for <@U0X> now"),
        ("upgrade us, can't wait any longer, thanks", "upgrade us, thanks"),
        ("Upgrade us. No reason to wait.", "Upgrade us."),
        ("I'm not going to wait until it expires, cancel it today", "cancel it today"),
        # (a wait with its object, or nothing besides it, is left as written)
        ("can't wait to upgrade next year!", "can't wait to upgrade next year!"),
        ("we can't wait for premium!", "we can't wait for premium!"),
        ("no reason to wait", "no reason to wait"),
        ("cancel premium, no need to call me about it", "cancel premium"),
        ("no need to upgrade us, just curious", "no need to upgrade us, just curious"),
    ],
)  # fmt: skip
def test_words_that_only_hurry_are_left_out_and_nothing_else(text, left):
    assert unhurried(text) == left


def test_a_change_of_mind_counts_only_before_an_order():
    said = "dont renew... actually no, please do resume it"
    assert said[mind_changed(said) :] == "resume it"
    assert mind_changed("upgrade us. actually no, keep standard") == 0
    assert mind_changed("actually, upgrade is too pricey") == 0
