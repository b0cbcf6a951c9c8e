"""A change the readings found in a message that the learned odds find unlikely to order it is
asked about first ("Do you want me to…?"), never quoted: "Yes" brings the change's usual Confirm
card, "No" leaves everything as it was, and a click is only its asker's. A change written
plainly is quoted at once as before; a typed command is never doubted."""

from __future__ import annotations

import pytest

from bot.billing.results import Actor
from bot.conversation import Incoming, Place, Surface
from bot.conversation.messages import Press
from bot.conversation.order_odds import ordered_change
from bot.conversation.unsure_orders import UNSURE_ODDS, asked_first

DOUBTED = [
    ("cancel premium is what our ops lead typed into the group chat, i think he's wrong",
     "premium", "cancel_question"),
    ("Upgrade us to premium. That's the wording my manager wants for the memo.", "standard",
     "quote"),
]  # fmt: skip


def _press(world, action: str, value: dict, state: str, user: str = "U0PAT") -> list:
    from bench.quality import TEAM_OF_STATE

    incoming = Incoming(
        "",
        Actor.slack(user, TEAM_OF_STATE[state]),
        Place("D0UNSURE", True),
        Surface.DM,
        press=Press(action, value, message_ts="9.9"),
    )
    return world.services.conversation.handle(incoming).replies


@pytest.mark.parametrize(("text", "state", "card"), DOUBTED)
def test_a_doubted_order_is_asked_about_and_yes_brings_its_confirm_card(
    request_world, text, state, card
):
    label, turn = request_world.decide(text, state, 0)
    assert label == "clarify"
    [question] = turn.replies
    assert question.kind == "order_question" and question.private
    assert not question.waits_for_confirm  # no price, no Confirm: only a question
    yes, no = question.buttons
    assert (yes.action, no.action) == ("order_ask", "dismiss")
    [confirm] = _press(request_world, yes.action, yes.value, state)
    assert confirm.kind == card and confirm.waits_for_confirm


def test_no_leaves_it_and_another_persons_click_is_refused(request_world):
    text, state, _ = DOUBTED[0]
    _, turn = request_world.decide(text, state, 1)
    yes, no = turn.replies[0].buttons
    [gone] = _press(request_world, no.action, no.value, state)
    assert gone.delete
    [refused] = _press(request_world, yes.action, yes.value, state, user="U0SAM")
    assert refused.kind != "cancel_question" and not refused.waits_for_confirm


def test_a_forged_button_runs_nothing_but_the_changes_it_may_ask(request_world):
    replies = _press(request_world, "order_ask", {"u": "U0PAT", "a": "link"}, "standard")
    assert not any(reply.waits_for_confirm for reply in replies)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("please cancel our premium support", "premium", "action:cancel"),
        ("upgrade us to premium pls", "standard", "action:upgrade"),
        ("/support-tier upgrade", "standard", "action:upgrade"),
    ],
)
def test_a_plain_order_and_a_typed_command_are_not_doubted(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 2)
    assert label == expect


def test_the_odds_doubt_the_relayed_order_and_not_the_plain_one(shipped_settings):
    doubted, _ = ordered_change(DOUBTED[0][0], shipped_settings)
    plain, _ = ordered_change("please cancel our premium support", shipped_settings)
    assert doubted < UNSURE_ODDS <= plain


def test_only_a_change_read_from_words_is_doubted(shipped_settings):
    from bot.conversation.commands import Command
    from bot.conversation.messages import Decision
    from bot.conversation.understood import Understood

    text = DOUBTED[0][0]
    typed = Understood(Decision("action", "cancel", confidence=1.0), Command("cancel"))
    assert asked_first(text, typed, shipped_settings) is None
    worded = Understood(Decision("action", "cancel"), Command("cancel", from_words=True))
    assert asked_first(text, worded, shipped_settings).decision.kind == "clarify"


def test_a_doubted_order_keeps_the_question_beside_it_and_yes_points_at_the_button(
    request_world,
):
    """The question beside a doubted order is answered as beside any order; "yes" typed after
    the doubt points at the button and never runs an offer the bot made earlier."""
    from bench.quality import TEAM_OF_STATE
    from bot.conversation.agreement import PRESS_CONFIRM

    def say(text: str):
        incoming = Incoming(
            text, Actor.slack("U0PAT", TEAM_OF_STATE["standard"]), Place("D0YES", True),
            Surface.DM, ts=f"{len(text)}.{hash(text) % 1000}",
        )  # fmt: skip
        return request_world.services.conversation.handle(incoming)

    say("how do I cancel premium?")  # (an answer that offers the cancellation)
    doubted = say("We love your webinars. Sign me up for your newsletter please. Is there a "
                  "podcast too?")  # fmt: skip
    assert doubted.decision.label == "clarify"
    kinds = [reply.kind for reply in doubted.replies]
    assert kinds[0] == "order_question" and len(kinds) == 2  # (and the podcast, beside)
    assert all(reply.private for reply in doubted.replies)
    yes = say("yes")
    assert [reply.text for reply in yes.replies] == [PRESS_CONFIRM]
    assert not any(reply.waits_for_confirm for reply in yes.replies)


def test_the_question_names_the_change_yes_makes(request_world):
    """A move to the free tier is asked as the cancellation it is."""
    from bot.conversation.commands import Command

    views = request_world.services.conversation.views
    asked = views.order_question(Command("upgrade", tier="standard", from_words=True), "U0PAT")
    assert "cancel your paid support plan" in asked.text
    yes = asked.buttons[0]
    assert yes.label == "Yes, go ahead" and "<@" not in yes.label
