"""A negation takes back the action it names, not the whole message: "Don't revoke anything,
just give <@U0DEV> billing access" grants. What it negates is never done instead ("don't
cancel, just downgrade us" is the cancel taken back), and a taking back of any other kind, a
question, or leaving things as they are after it changes nothing."""

from __future__ import annotations

import pytest

from bot.conversation.corrections import asked_instead, takes_back


@pytest.mark.parametrize(
    ("text", "state", "expected"),
    [
        ("Don't revoke anything, just give <@U0ABC12345> billing access", "premium", "grant"),
        ("Don't grant anybody new access; just remove <@U07XYZ99> from billing.", "premium",
         "revoke"),
        ("don't upgrade, just cancel our premium", "premium", "cancel"),
        ("We're not upgrading anything, we want to cancel Premium.", "premium", "cancel"),
        ("no cancelling, upgrade us to premium", "standard", "upgrade"),
        ("we don't want premium anymore, cancel it", "premium", "cancel"),
        # the cancel's own words ("please don't renew") take nothing back
        ("Not renewing premium. Please action.", "premium", "cancel"),
        ("pls dont cancel it - resume our premium instead", "cancelled", "resume"),
        ("I don't want to cancel anymore, please switch the renewal back on", "cancelled",
         "resume"),
    ],
)  # fmt: skip
def test_the_change_asked_after_a_negated_one_is_done(request_world, text, state, expected):
    label, _ = request_world.decide(text, state, 0)
    assert label == f"action:{expected}"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("don't cancel, just downgrade us to standard", "premium"),  # the cancel, taken back
        ("don't do it, just cancel premium", "premium"),  # "do it" takes back every action
        ("No upgrade for now, just keep us on standard", "standard"),
        ("don't cancel, just curious", "premium"),
        ("don't upgrade, just curious, cancel premium?", "premium"),
        ("we decided not to keep premium. after it ends do we lose email support?", "premium"),
        ("dont cancel premium, just upgrade... never mind", "premium"),
        ("Not revoking anybody, I just want to *see* who has billing access right now", "premium"),
        ("ok so how do i grant <@U0DF3G4H5J> billing access myself, i'd rather use the panel",
         "premium"),
    ],
)
def test_nothing_is_done_instead_when_the_rest_takes_back_asks_or_keeps(request_world, text, state):
    label, _ = request_world.decide(text, state, 1)
    assert label not in {"action:upgrade", "action:cancel", "action:resume", "action:grant",
                         "action:revoke", "action:downgrade"}  # fmt: skip


# helper-45's review: what held the message back must still hold it when a negation is in it.
@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("If the budget gets approved, don't cancel, just upgrade us to premium", "standard"),
        ("my boss keeps asking: don't cancel, upgrade us to premium", "standard"),
        ("Someone said 'don't cancel, just upgrade us' but we're not going to", "standard"),
        ("I don't want to cancel. My CFO wants to upgrade us to premium though.", "standard"),
        ("Why shouldn't we cancel? Upgrading to premium is what my boss wants.", "standard"),
        ("we won't cancel, we'll move <@U0SAM1> to billing admin ourselves", "standard"),
        ("We don't want to upgrade. We would like to give <@U0X12> billing access at some point",
         "premium"),
        ("Don't cancel premium, just move us down a tier", "premium"),
        ("Don't cancel premium, just remove the old card from billing. <@U0SAM1> updated it",
         "premium"),
        ("Can you switch back on renewal notifications for our account", "cancelled"),
        ("we'd like to switch back on renewal to the free plan", "cancelled"),
        ("please switch the renewal back on the 15th", "cancelled"),
        ("I don't want to, honestly, cancel premium", "premium"),
        ("We do not want, under any circumstances, to cancel premium", "premium"),
    ],
)  # fmt: skip
def test_what_held_the_message_back_still_holds_it(request_world, text, state):
    label, _ = request_world.decide(text, state, 2)
    assert label not in {"action:upgrade", "action:cancel", "action:resume", "action:grant",
                         "action:revoke", "action:downgrade"}, label  # fmt: skip


def test_a_colleague_named_before_the_negation_is_the_one_meant(request_world):
    label, turn = request_world.decide("Don't remove <@U0AAA11111>, just give her billing access",
                               "premium", 3)  # fmt: skip
    assert label == "action:grant"
    assert any("U0AAA11111" in reply.text for reply in turn.replies)


def test_a_correction_with_a_second_ask_gets_both(request_world):
    text = "Don't cancel, just upgrade us to premium and also tell me what card is on file"
    label, turn = request_world.decide(text, "standard", 5)
    assert label == "action:upgrade"
    assert "personal_card" in [reply.kind for reply in turn.replies]


def test_a_negation_after_the_request_holds_it():
    assert asked_instead("upgrade us to premium, no need to cancel") is None
    assert asked_instead("just curious, don't upgrade") is None


def test_a_negated_verb_takes_back_only_its_own_action():
    assert takes_back("cancel", frozenset({"downgrad"}))
    assert not takes_back("grant", frozenset({"revok"}))
    assert takes_back("grant", frozenset({"do it"}))


@pytest.mark.parametrize(
    ("text", "state", "expected"),
    [
        ("Please tell your team to cancel our premium today", "premium", "action:cancel"),
        ("Please upgrade us to premium. Kindly share the invoice with our accountant.",
         "standard", "action:upgrade"),
        ("Cancel our premium plan, do we need to do anything else", "premium", "action:cancel"),
        ("how much is premium for a warehouse account and then please upgrade us", "standard",
         "action:upgrade"),
    ],
)  # fmt: skip
def test_an_order_beside_a_question_form_is_still_an_order(request_world, text, state, expected):
    label, _ = request_world.decide(text, state, 4)
    assert label == expected


def test_a_message_padded_with_spaces_is_split_in_one_pass():
    import time

    started = time.perf_counter()
    found = asked_instead("don't cancel" + " " * 40_000 + "just upgrade us")
    assert found is not None and found[0] == "upgrade us"
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    "text",
    ["can you upgrade us to premium? ref a" + "_" * 40_000 + "b", "please " * 6_000 + "tell me"],
)
def test_markup_and_polite_runs_are_read_in_one_pass(text):
    """helper-45 timed "a____…a" at 30 s in is_question (emphasis stripped by a pattern that
    backtracked from every underscore) and 20,000 characters of "please " at 1.3 s."""
    import time

    from bot.conversation.commands import is_question
    from bot.knowledge.text import asking_sentences

    started = time.perf_counter()
    is_question(text)
    asking_sentences(text)
    assert time.perf_counter() - started < 1.0
