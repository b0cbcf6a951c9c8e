# ruff: noqa: F811  (the `world` fixture of tests/test_desk_core.py, taken as an argument)
"""The support desk in Slack as a hostile or unlucky user would try it (a review of issue 13):
a stranger whose workspace Slack cannot tell, a button that carries someone else's words, a
private channel's promise, a rating clicked by mistake, text Slack escaped, values too long for
a button. Setup comes from tests/test_desk_core.py (in process) and tests/slack_harness.py (the
real server, signed requests, the Web API stand-in)."""

from __future__ import annotations

import time

from bot.billing.results import Actor
from bot.conversation import Incoming, Place, Press, Surface, Where
from bot.conversation.messages import Reaction
from bot.conversation.views import Views
from bot.slack import blocks, payloads
from bot.slack.adapter import button_value, message_incoming
from tests.slack_harness import desk_world, eventually
from tests.test_desk_core import (
    _opened,
    _rate,
    _resolved,
    reacted,
    said,
    world,  # noqa: F401  (the fixture, used as an argument)
)

# -- who is staff ----------------------------------------------------------------------------------


def test_someone_whose_workspace_slack_cannot_tell_is_a_stranger_not_staff(tmp_path):
    """Slack Connect set up as the README advises (`staff_teams: [our workspace]`). A customer of
    another company reacts :white_check_mark: on another customer's ticketed message while
    users.info fails: the event came to our workspace, but that says nothing about the reactor,
    so they are a stranger (told privately), and the ticket stays open."""
    people = {"U0PAT": "T0ACME", "U0WHO": "T0ELSE", "U0STAFF": "T0VENDOR"}

    def configure(config):
        config["slack"]["support_channels"] = [{"name": "C0SUPPORT"}]
        config["slack"]["desk"]["staff_teams"] = ["T0VENDOR"]

    with desk_world(tmp_path, people, configure) as (server, standin, desk):
        inner = payloads.message("our label printer fails", "U0PAT", "T0ACME", "C0SUPPORT",
                                 channel_type="channel")  # fmt: skip
        question = standin.remember("C0SUPPORT", inner)
        server.post(payloads.event(
            payloads.reaction("ticket", "U0PAT", "C0SUPPORT", question["ts"], "U0PAT"), "T0VENDOR"
        ))  # fmt: skip
        found = eventually(lambda: [t for t in desk.list() if t.source_ts == question["ts"]])
        assert found, standin.calls
        [ticket] = found
        standin.failing["users.info"] = 1  # one failed look-up of the stranger's workspace
        server.post(payloads.event(
            payloads.reaction("white_check_mark", "U0WHO", "C0SUPPORT", question["ts"], "U0PAT"),
            "T0VENDOR",
        ))  # fmt: skip

        def settled():
            told = [c for c in standin.of("chat.postEphemeral") if c.args.get("user") == "U0WHO"]
            return desk.get(ticket.id).status == "resolved" or told

        eventually(settled)
        time.sleep(0.5)
        stored = desk.get(ticket.id)
        assert stored.status != "resolved", f"resolved by {stored.resolved_by}"


def test_a_strangers_refusal_offers_no_button_that_would_act_in_the_authors_thread(world):
    """A stranger reacts :ticket: on a customer's message and is refused. A *Talk to a person*
    button there would open a ticket in the stranger's name with the customer's words (an
    invoice number, an amount), or with none, in the customer's thread, where the customer's
    own :ticket: would then be told "this already has a ticket". The stranger is told to write
    to the bot instead; the customer's own :ticket: still opens theirs."""
    make, _ = world
    talk = make().conversation
    question = said("our invoice 4411 for $12,000 is wrong")
    [refused] = talk.handle(reacted("ticket", question, user="U0WHO", team="T0ELSE")).replies
    assert refused.private and refused.buttons == ()
    assert "direct message" in refused.text
    talk.handle(reacted("ticket", question))
    assert [t.requester for t in talk.desk.list()] == ["U0PAT"]


def test_talk_to_a_person_in_a_private_answers_channel_promises_privately(world):
    """The decline's *Talk to a person* button in a `private_answers` channel: the ticket's
    promise reaches only the asker, as it does for a message or a reaction."""
    make, _ = world
    talk = make().conversation
    asked = said("does the frobnicator sync with zorblax?", channel="C0PRIV", name="private")
    turn = talk.handle(asked)
    [button] = [b for r in turn.replies for b in r.buttons if b.action == "handoff_request"]
    click = Incoming("", Actor.slack("U0PAT", "T0ACME"), asked.place, Surface.CHANNEL,
                     press=Press(button.action, button.value, message_ts="7.7", thread=asked.ts))
    replies = talk.handle(click).replies
    here = [r for r in replies if r.where is not Where.STAFF]
    assert here and all(r.private for r in here), [(r.private, r.text[:60]) for r in here]
    assert any("A person will reply" in r.text for r in here)


# -- per-channel settings --------------------------------------------------------------------------


def test_a_ticket_opened_by_reaction_in_a_private_answers_channel_promises_privately(world):
    """README: in a channel with `private_answers`, answers and a ticket's promise reach only
    the asker. A ticket opened there by :ticket: promises its reply time ephemerally."""
    make, _ = world
    talk = make().conversation
    question = said("our sync broke", channel="C0PRIV", name="private")
    replies = talk.handle(reacted("ticket", question)).replies
    here = [r for r in replies if r.where is not Where.STAFF]
    assert here and all(r.private for r in here), [(r.text[:50], r.private) for r in here]


def test_an_unlisted_channel_answers_mentions_only_even_in_a_thread_it_answered(world):
    """README: a channel that is not listed answers only mentions. After answering one mention
    in #random, the bot does not join the thread's later messages unless mentioned again."""
    make, _ = world
    talk = make().conversation
    asked = said("What are the support hours?", channel="C0RAND", name="random", mentioned=True)
    assert talk.handle(asked).decision.kind == "answer"
    follow = said("What are the support hours on weekends?", channel="C0RAND", name="random",
                  thread=asked.ts)  # fmt: skip
    turn = talk.handle(follow)
    assert turn.decision.kind == "quiet" and turn.replies == [], [r.text for r in turn.replies]
    again = said("What are the support hours on weekends?", channel="C0RAND", name="random",
                 thread=asked.ts, mentioned=True)  # fmt: skip
    assert talk.handle(again).decision.kind == "answer"


# -- reactions on edges ----------------------------------------------------------------------------


def test_staff_eyes_on_a_due_time_alert_claims_its_ticket(world):
    """The due-soon alert is posted in the thread of the ticket's post. A staff member's :eyes:
    on it ("I'm on it") claims that ticket, as :eyes: on the post itself does."""
    make, _ = world
    talk = make().conversation
    _, ticket = _opened(talk)
    talk.alerts.sweep(ticket.warn_at)
    on_alert = Incoming(
        "", Actor.slack("U0STAFF", "T0VENDOR"), Place(ticket.staff_channel, False, None),
        Surface.REACTION, ts="9.99999", thread=ticket.staff_ts,
        reaction=Reaction("eyes", "U0SUPPORTBOT", "T0VENDOR", by_bot=True),
    )  # fmt: skip
    replies = talk.handle(on_alert).replies
    assert not any("There's no ticket" in r.text for r in replies), [r.text for r in replies]
    assert talk.desk.get(ticket.id).claimed_by == "U0STAFF"


def test_staff_eyes_where_tickets_cannot_open_is_left_alone(world):
    """Staff put :eyes: on everyday messages everywhere. Outside the support channels and DMs,
    where :ticket: cannot open a ticket, the emoji is left alone: no "react :ticket: to open
    one" advice that would only be refused there."""
    make, _ = world
    talk = make().conversation
    plain = said("lunch?", channel="C0RANDOM", name="random", user="U0BOB", team="T0VENDOR")
    replies = talk.handle(reacted("eyes", plain, user="U0STAFF", team="T0VENDOR")).replies
    assert replies == [], [r.text for r in replies]


def test_a_ticket_resolved_from_the_command_line_is_not_named_as_a_slack_user(world):
    """A ticket closed by `supportbot tickets resolve` stores resolved_by="cli"; a later
    :white_check_mark: is told it was resolved by the command line, never "<@cli>" (a
    broken mention of a Slack user who does not exist)."""
    make, _ = world
    talk = make().conversation
    question, ticket = _opened(talk)
    talk.desk.resolve(ticket.id, by="cli")  # what `supportbot tickets resolve` does
    [told] = talk.handle(reacted("white_check_mark", question, user="U0STAFF",
                                 team="T0VENDOR")).replies  # fmt: skip
    assert "<@cli>" not in told.text and "by the command line" in told.text, told.text


# -- ratings ---------------------------------------------------------------------------------------


def test_the_rating_buttons_stay_so_a_slip_of_the_finger_can_be_mended(world):
    """A customer who meant 5 and hit 1: the thanks keeps the five buttons with the 1 marked,
    and a second click changes the rating that the team's CSAT counts."""
    make, _ = world
    services = make()
    talk = services.conversation
    ticket = _resolved(services)
    thanks, _ = _rate(talk, ticket, "1")
    scale = [b for b in thanks.buttons if b.action == "rate_ticket"]
    assert [b.value["r"] for b in scale] == ["1", "2", "3", "4", "5"]
    assert [b.style for b in scale] == ["primary", None, None, None, None]
    assert any(b.action == "rate_ticket_comment" for b in thanks.buttons)
    mended, note = _rate(talk, ticket, "5")
    assert "from 1/5 to 5/5" in mended.text and "5/5" in note.text
    assert talk.desk.get(ticket.id).rating == 5


# -- messages that fit Slack -----------------------------------------------------------------------


def test_long_text_is_split_at_a_word_break_not_inside_a_word():
    """A long answer whose first paragraph is short (a heading, a blank line, a long
    paragraph) is split at word breaks: the early blank line is no place to cut, and a space
    later in the window is taken instead of a hard cut inside a word."""
    text = "Intro.\n\n" + "word " * 1000
    pieces = blocks.split_text(text)
    assert len(pieces) > 1
    for piece in pieces:
        for word in piece.split():
            assert word in ("Intro.", "word"), repr(word)


def test_text_slack_escaped_reaches_staff_escaped_once(world):
    """Slack delivers "R&D" as "R&amp;D". The message is read as the customer typed it, and
    the ticket's post escapes it once: staff read "R&D", never "R&amp;D"."""
    make, _ = world
    talk = make().conversation
    event = {"type": "message", "user": "U0PAT", "team": "T0ACME", "channel": "C0SUP",
             "channel_type": "channel", "ts": "3.1", "text": "our R&amp;D team says 1 &lt; 2"}
    incoming = message_incoming({"team_id": "T0VENDOR"}, event, "U0SUPPORTBOT", False, "support")
    assert incoming.text.replace("\u200b", "") == "our R&D team says 1 < 2"
    staff = talk.handle(reacted("ticket", incoming)).replies[0]
    assert staff.where is Where.STAFF
    assert "R&amp;D team says 1 &lt; 2" in staff.text.replace("\u200b", ""), staff.text


def test_a_link_typed_out_as_text_is_not_taken_for_a_link():
    """ "<https://evil.example|help.cartrover.com>" typed as text arrives escaped; unescaped, it
    must not become link markup (which reads as its label alone)."""
    event = {"type": "message", "user": "U0PAT", "channel": "D0PAT", "channel_type": "im",
             "ts": "3.3", "text": "see &lt;https://evil.example|help.cartrover.com&gt;"}
    text = message_incoming({"team_id": "T0ACME"}, event, "U0SUPPORTBOT", False).text
    assert "<https://" not in text and "https://evil.example" in text


def test_a_mention_typed_out_as_text_is_not_taken_for_a_mention():
    """A real mention arrives as <@U0BOB>; one typed out as text arrives escaped
    (&lt;@U0BOB&gt;). Unescaped for reading, it must still not become a mention: a grant of
    billing access, or a ticket in someone's name, follows only a real one."""
    event = {"type": "message", "user": "U0PAT", "channel": "D0PAT", "channel_type": "im",
             "ts": "3.2", "text": "give &lt;@U0BOB&gt; billing access, cc <@U0SAM>"}
    incoming = message_incoming({"team_id": "T0ACME"}, event, "U0SUPPORTBOT", False)
    assert "<@U0BOB>" not in incoming.text and "<@U0SAM>" in incoming.text
    assert incoming.text.replace("\u200b", "") == "give <@U0BOB> billing access, cc <@U0SAM>"


def test_a_talk_to_a_person_button_keeps_its_owner_and_question_for_any_message():
    """A button value is capped at 2,000 characters. A question rich in emoji is shortened
    before it is encoded, never cut after (cut JSON would be read as {}: a button with no
    owner, which anyone could press, and no question)."""
    question = "status board after the deploy: " + "🔴🟢" * 90
    person = Views.person_button(question, "U0PAT")
    value = blocks.button(person)["value"]
    assert len(value) <= 2000
    got = button_value({"actions": [{"value": value}]})
    assert got.get("u") == "U0PAT" and got.get("q"), value[-40:]
