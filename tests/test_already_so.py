"""A change asked for in words that the asker's account already is ("we're staying on premium" on
a plan set to renew, "cancel premium" on the free tier or on a plan already cancelled, "upgrade us
to premium" on premium) is told how the account stands, with no Confirm card and nothing run;
a question beside it is answered first. The same words on an account they would change are
orders, and a typed command is done as written (its refusal says why)."""

from __future__ import annotations

import pytest

from bot.billing.results import Actor
from bot.conversation import Incoming, Place, Surface

TEAMS = {"standard": "T0STD", "premium": "T0PRM", "cancelled": "T0CAN"}


@pytest.mark.parametrize(
    ("text", "state", "said"),
    [
        ("We're staying on Premium.", "premium", "nothing to resume"),
        ("keep premium active please, my card is expiring and I'll update it", "premium",
         "nothing to resume"),
        ("cancel premium", "cancelled", "already cancelled"),
        ("upgrade us to premium", "premium", "already on Premium Support"),
    ],
)  # fmt: skip
def test_a_change_the_account_already_is_tells_how_it_stands(request_world, text, state, said):
    label, turn = request_world.decide(text, state, 0)
    assert label == "action:status", (text, label)
    assert [reply.kind for reply in turn.replies] == ["refusal"]
    assert said in turn.replies[0].text
    assert all(reply.private for reply in turn.replies)
    # (a cancelled plan's reply offers Resume, in case "cancelled by mistake" was meant)
    offered = [button.action for reply in turn.replies for button in reply.buttons]
    assert offered == (["confirm_resume"] if state == "cancelled" else [])


def test_a_question_beside_it_is_answered_first(request_world):
    text = (
        "so premium is cancelled and ends on renewal date. after that we go back to standard "
        "automatically, right? good, thats what we want"
    )
    label, turn = request_world.decide(text, "cancelled", 1)
    assert label == "answer"
    assert [reply.kind for reply in turn.replies] == ["answer", "refusal"]
    assert "already cancelled" in turn.replies[1].text


@pytest.mark.parametrize(
    ("text", "state", "expect", "kind"),
    [
        ("cancel premium", "premium", "action:cancel", "cancel_question"),
        ("we want to keep premium, please undo the cancel", "cancelled", "action:resume",
         "resume_question"),
        ("upgrade us to premium", "standard", "action:upgrade", "quote"),
    ],
)  # fmt: skip
def test_the_same_words_on_an_account_they_change_are_orders(
    request_world, text, state, expect, kind
):
    label, turn = request_world.decide(text, state, 2)
    assert label == expect
    assert turn.replies[0].kind == kind and turn.replies[0].waits_for_confirm


def test_a_typed_command_is_done_as_written_and_refused_with_why(request_world):
    incoming = Incoming(
        "/support-tier cancel",
        Actor.slack("U0PAT", TEAMS["standard"]),
        Place("D0TYPED", True),
        Surface.DM,
        ts="1.1",
    )
    turn = request_world.services.conversation.handle(incoming)
    assert turn.decision.label == "action:cancel"
    assert "no Premium Support plan to cancel" in turn.replies[0].text


def test_an_asker_linked_to_no_account_gets_the_actions_own_refusal(shipped_services):
    incoming = Incoming(
        "cancel premium", Actor.slack("U0NEW", "T0NEW"), Place("D0NEW", True), Surface.DM, ts="1.1"
    )
    turn = shipped_services.conversation.handle(incoming)
    assert turn.decision.label == "action:cancel"
    assert not any(reply.waits_for_confirm for reply in turn.replies)


def test_a_yes_after_it_runs_no_offer_made_before(request_world):
    """ "how do I cancel premium?" offers the cancellation; a message that wants the plan as it
    is comes next; a "yes" after that agrees to nothing, least of all the cancellation."""

    def say(text: str, n: int):
        incoming = Incoming(
            text, Actor.slack("U0PAT", TEAMS["premium"]), Place("D0ASIS", True), Surface.DM,
            ts=f"{n}.1",
        )  # fmt: skip
        return request_world.services.conversation.handle(incoming)

    say("how do I cancel premium?", 1)
    assert say("We're staying on Premium.", 2).decision.label == "action:status"
    after = say("yes", 3)
    assert after.decision.kind != "action"
    assert not any(reply.waits_for_confirm for reply in after.replies)


# (request batches 39, 64 and 67, read: each was told "nothing to resume" or "no plan to cancel")
@pytest.mark.parametrize(
    ("text", "state", "expect", "kind"),
    [
        ("we let premium lapse last year to save money but honestly that was a mistake, we need "
         "the phone line back. pls upgrade us again", "standard", "action:upgrade", "quote"),
        ("Our premium support shows as cancelled in the billing tab. I'd like it to keep renewing "
         "every year like it did before. Can you flip that back?", "cancelled", "action:resume",
         "resume_question"),
        ('so apparently we\'re "cancelled" and drop back to standard on the end date. no. '
         "absolutely not going back to 1-business-day replies. keep us on premium", "cancelled",
         "action:resume", "resume_question"),
    ],
)  # fmt: skip
def test_a_change_already_so_gives_way_to_the_one_the_odds_find_asked(
    request_world, text, state, expect, kind
):
    """The readings found a change the account already is; the learned odds, sure of another
    that it is not, name what the asker wants: its Confirm card, not "nothing to resume"."""
    label, turn = request_world.decide(text, state, 0)
    assert label == expect, (text, label)
    assert [reply.kind for reply in turn.replies] == [kind]


def test_without_odds_sure_of_another_change_the_account_is_told_how_it_stands(request_world):
    label, turn = request_world.decide("keep premium please, we love it", "premium", 0)
    assert label == "action:status"
    assert "nothing to resume" in turn.replies[0].text
