"""A negation takes back the action it names, not the whole message: "Don't revoke anything,
just give <@U0DEV> billing access" grants. What it negates is never done instead ("don't
cancel, just downgrade us" is the cancel taken back), and a taking back of any other kind, a
question, or leaving things as they are after it changes nothing."""

from __future__ import annotations

import pytest

from bench.quality import RequestWorld
from bot.conversation.corrections import asked_instead, takes_back


@pytest.fixture(scope="module")
def world(shipped_settings, knowledge):
    made = RequestWorld(shipped_settings, knowledge)
    yield made
    made.close()


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
def test_the_change_asked_after_a_negated_one_is_done(world, text, state, expected):
    label, _ = world.decide(text, state, 0)
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
def test_nothing_is_done_instead_when_the_rest_takes_back_asks_or_keeps(world, text, state):
    label, _ = world.decide(text, state, 1)
    assert label not in {"action:upgrade", "action:cancel", "action:resume", "action:grant",
                         "action:revoke", "action:downgrade"}  # fmt: skip


def test_a_negation_after_the_request_holds_it():
    assert asked_instead("upgrade us to premium, no need to cancel") is None
    assert asked_instead("just curious, don't upgrade") is None


def test_a_negated_verb_takes_back_only_its_own_action():
    assert takes_back("cancel", frozenset({"downgrad"}))
    assert not takes_back("grant", frozenset({"revok"}))
    assert takes_back("grant", frozenset({"do it"}))


def test_a_message_padded_with_spaces_is_split_in_one_pass():
    import time

    started = time.perf_counter()
    found = asked_instead("don't cancel" + " " * 40_000 + "just upgrade us")
    assert found is not None and found[0] == "upgrade us"
    assert time.perf_counter() - started < 1.0
