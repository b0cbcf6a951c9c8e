"""The support desk's rules, in process against the core and a real SQLite database: tickets
from a :ticket: reaction, claims and resolves by :eyes: and :white_check_mark:, who counts as
staff, out-of-hours replies, per-channel settings, due-time alerts and ratings. (The same flows
through the real server and signed Slack requests: tests/test_desk_slack.py.)"""

from __future__ import annotations

import itertools
import json
import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.billing.admin import import_accounts
from bot.billing.results import Actor
from bot.bootstrap import open_services
from bot.config import ConfigError
from bot.conversation import Incoming, Place, Press, Surface, Where
from bot.conversation.messages import Reaction
from bot.db.billing import outbox
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT, settings_for

LA = ZoneInfo("America/Los_Angeles")
OPEN = datetime(2026, 12, 1, 10, 0, tzinfo=LA)  # a Tuesday morning
CLOSED = datetime(2026, 12, 5, 11, 0, tzinfo=LA)  # a Saturday
_ts = itertools.count(1)


def _settings(app_config, tmp_path, shipped_settings, change=None):
    data = json.loads(json.dumps(app_config))
    data["slack"]["support_channels"] = [
        {"name": "#support"},
        {"name": "C0QUIET", "out_of_hours": False},
        {"name": "#asked", "mention_only": True},
        {"name": "#private", "private_answers": True, "answer_top_level": "always"},
        {"name": "#presales", "handoff_team": "sales"},
        {"name": "#vip", "handoff_channel": "#vip-desk"},
    ]
    data["slack"]["desk"] = {"staff": ["U0STAFF"], "staff_teams": ["T0VENDOR"]}
    if change:
        change(data)
    settings = settings_for(data, ROOT)
    return settings.model_copy(update={"kb": shipped_settings.kb})


@pytest.fixture
def world(app_config, tmp_path, shipped_settings, knowledge):
    clock = {"now": OPEN}

    def make(change=None):
        settings = _settings(app_config, tmp_path, shipped_settings, change)
        services = open_services(
            settings,
            f"sqlite:///{tmp_path / f'desk{next(_ts)}.db'}",
            knowledge=knowledge,
            clock=lambda: clock["now"],
        )
        import_accounts(services.engine, settings, services.billing.gateway, ACCOUNTS)
        made.append(services)
        return services

    made: list = []
    yield make, clock
    for services in made:
        services.engine.dispose()


def said(text, channel="C0SUP", name="support", user="U0PAT", team="T0ACME", **kw) -> Incoming:
    return Incoming(
        text, Actor.slack(user, team), Place(channel, channel.startswith("D"), name),
        Surface.DM if channel.startswith("D") else Surface.CHANNEL, ts=f"3.{next(_ts)}", **kw,
    )  # fmt: skip


def reacted(
    emoji, on: Incoming, user="U0PAT", team="T0ACME", author=None, author_team=None, **kw
) -> Incoming:
    """`user` reacts :emoji: on the message `on` (written by its actor unless told)."""
    return Incoming(
        on.text,
        Actor.slack(user, team),
        on.place,
        Surface.REACTION,
        ts=on.ts,
        thread=on.thread,
        reaction=Reaction(
            emoji,
            author or on.actor.slack_user_id,
            author_team if author_team is not None else on.actor.slack_team_id,
            **kw,
        ),
    )


def on_card(ticket, user="U0ANY", team="T0VENDOR", emoji="eyes") -> Incoming:
    """A reaction on the ticket's own post in its team's channel."""
    return Incoming(
        "", Actor.slack(user, team), Place(ticket.staff_channel, False, None), Surface.REACTION,
        ts=ticket.staff_ts, reaction=Reaction(emoji, "U0SUPPORTBOT", "T0VENDOR", by_bot=True),
    )  # fmt: skip


def _notices(services, kind=None):
    with services.engine.connect() as conn:
        rows = conn.execute(select(outbox).order_by(outbox.c.id)).all()
    return [r for r in rows if kind is None or r.kind == kind]


# -- :ticket: --------------------------------------------------------------------------------------


def test_a_ticket_reaction_opens_a_ticket_for_the_author_and_tells_them_when(world):
    make, _ = world
    talk = make().conversation
    question = said("our orders stopped syncing since this morning")
    turn = talk.handle(reacted("ticket", question, user="U0STAFF", team="T0VENDOR"))
    staff, promise, private = turn.replies
    [ticket] = talk.desk.list()
    assert ticket.requester == "U0PAT" and ticket.account_id == "acme"
    assert ticket.source_ts == question.ts and ticket.thread_ts == question.ts
    assert staff.where is Where.STAFF and staff.channel == "#support-handoff"
    assert "orders stopped syncing" in staff.text and "reaction by <@U0STAFF>" in staff.text
    assert promise.where is Where.CHANNEL and promise.thread == question.ts
    assert "A person will reply here by" in promise.text and not promise.private
    # The tier is the author's business: their part goes to them, not to the staff who reacted.
    assert private.private and private.to == "U0PAT" and "Standard Support" in private.text


def test_a_second_ticket_reaction_is_told_which_ticket_it_already_is(world):
    make, _ = world
    talk = make().conversation
    question = said("the label printer integration fails")
    talk.handle(reacted("ticket", question))
    [again] = talk.handle(reacted("ticket", question, user="U0SAM")).replies
    [ticket] = talk.desk.list()
    assert again.private and f"already has ticket {ticket.id}" in again.text


def test_two_ticket_reactions_at_once_open_one_ticket(world):
    make, _ = world
    talk = make().conversation
    question = said("webhooks are failing")
    turns = []

    def react(user):
        turns.append(talk.handle(reacted("ticket", question, user=user)))

    threads = [threading.Thread(target=react, args=(u,)) for u in ("U0PAT", "U0SAM", "U0STAFF")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(talk.desk.list()) == 1
    assert sum(1 for t in turns if any(r.where is Where.STAFF for r in t.replies)) == 1


def test_a_colleague_may_open_a_ticket_for_a_message_but_a_stranger_may_not(world):
    make, _ = world
    talk = make().conversation
    question = said("inventory counts are wrong")
    [refused] = talk.handle(reacted("ticket", question, user="U0WHO", team="T0ELSE")).replies
    assert refused.private and "Only <@U0PAT>, their colleagues or our support team" in refused.text
    assert refused.buttons == () and "direct message" in refused.text  # a person, by DM
    assert talk.desk.list() == []
    opened = talk.handle(reacted("ticket", question, user="U0SAM", team="T0ACME"))
    assert any(r.where is Where.STAFF for r in opened.replies)


def test_a_ticket_reaction_outside_the_support_channels_says_where_it_works(world):
    make, _ = world
    talk = make().conversation
    elsewhere = said("help me", channel="C0RANDOM", name="random")
    [told] = talk.handle(reacted("ticket", elsewhere)).replies
    assert told.private and "support channels only" in told.text and told.buttons
    assert talk.desk.list() == []


def test_an_unreadable_or_app_message_opens_no_ticket_and_says_why(world):
    make, _ = world
    talk = make().conversation
    question = said("")
    [unread] = talk.handle(reacted("ticket", question, readable=False)).replies
    assert "couldn't read that message" in unread.text
    [app] = talk.handle(reacted("ticket", said("I answered"), author="U0SUPPORTBOT",
                                by_bot=True)).replies  # fmt: skip
    assert "from an app, not a person" in app.text
    assert talk.desk.list() == []


def test_a_ticket_reaction_in_a_dm_opens_a_ticket_there(world):
    make, _ = world
    talk = make().conversation
    mine = said("I need someone to look at our invoices", channel="DU0PAT", name=None)
    staff, promise = talk.handle(reacted("ticket", mine)).replies
    assert staff.where is Where.STAFF
    assert promise.channel == "DU0PAT" and "Standard Support" in promise.text  # private: a DM


def test_the_emoji_are_app_yaml_settings(world):
    make, _ = world
    talk = make(lambda d: d["slack"]["desk"].update(
        emoji={"ticket": ":admission_tickets:", "claim": "raised_hand", "resolve": "done"}
    )).conversation  # fmt: skip
    question = said("please help")
    assert talk.handle(reacted("ticket", question)).replies == []  # now an everyday emoji
    assert talk.handle(reacted("admission_tickets", question)).replies
    [ticket] = talk.desk.list()
    talk.desk.record_staff_message(ticket.id, "C0DESK", "5.5")
    ticket = talk.desk.get(ticket.id)
    talk.handle(on_card(ticket, emoji="raised_hand"))
    assert talk.desk.get(ticket.id).claimed_by == "U0ANY"


def test_bad_emoji_settings_name_the_key(app_config, tmp_path, shipped_settings):
    with pytest.raises(ConfigError, match=r"slack.desk.emoji: .*three different"):
        _settings(app_config, tmp_path, shipped_settings,
                  lambda d: d["slack"]["desk"].update(emoji={"claim": "ticket"}))  # fmt: skip
    with pytest.raises(ConfigError, match=r"slack.desk.emoji.ticket: .*not an emoji name"):
        _settings(app_config, tmp_path, shipped_settings,
                  lambda d: d["slack"]["desk"].update(emoji={"ticket": "two words"}))  # fmt: skip


# -- :eyes: and :white_check_mark: ---------------------------------------------------------------


def _opened(talk, text="sync is broken"):
    question = said(text)
    talk.handle(reacted("ticket", question))
    [ticket] = [t for t in talk.desk.list() if t.source_ts == question.ts]
    talk.desk.record_staff_message(ticket.id, "C0DESK", f"9.{next(_ts)}")
    return question, talk.desk.get(ticket.id)


def test_eyes_by_a_customer_claims_nothing_and_says_where_the_ticket_stands(world):
    make, _ = world
    talk = make().conversation
    question, ticket = _opened(talk)
    [told] = talk.handle(reacted("eyes", question, user="U0PAT")).replies
    assert told.private and "Only our support team claims tickets" in told.text
    assert f"This is ticket {ticket.id}" in told.text
    assert talk.desk.get(ticket.id).claimed_by is None


def test_staff_claim_with_eyes_and_resolve_with_a_check_mark(world):
    make, _ = world
    services = make()
    talk = services.conversation
    question, ticket = _opened(talk)
    card, told = talk.handle(reacted("eyes", question, user="U0STAFF", team="T0VENDOR")).replies
    assert card.where is Where.UPDATE and card.channel == "C0DESK"
    assert card.message_ts == ticket.staff_ts and "Claimed by <@U0STAFF>" in card.notes
    assert told.channel == "C0SUP" and "<@U0STAFF> from our support team" in told.text
    [again] = talk.handle(reacted("eyes", question, user="U0STAFF", team="T0VENDOR")).replies
    assert again.private and f"You already have {ticket.id}" in again.text
    [other] = talk.handle(reacted("eyes", question, user="U0BOB", team="T0VENDOR")).replies
    assert "<@U0STAFF> already has this ticket" in other.text  # T0VENDOR is a staff team
    done = talk.handle(reacted("white_check_mark", question, user="U0STAFF", team="T0VENDOR"))
    card, note = done.replies
    assert card.where is Where.UPDATE and "Resolved" in card.notes
    assert "marked resolved by <@U0STAFF>" in note.text and done.notices_queued
    stored = talk.desk.get(ticket.id)
    assert stored.status == "resolved" and stored.resolved_by == "U0STAFF"
    [rating] = _notices(services, "ticket_rating")
    assert rating.recipient == "U0PAT" and rating.account_id is None
    [twice] = talk.handle(reacted("white_check_mark", question, user="U0STAFF",
                                  team="T0VENDOR")).replies  # fmt: skip
    assert "already resolved by <@U0STAFF>" in twice.text
    assert len(_notices(services, "ticket_rating")) == 1


def test_anyone_reacting_on_the_tickets_own_post_is_staff(world):
    make, _ = world
    talk = make().conversation
    _, ticket = _opened(talk)
    card, _ = talk.handle(on_card(ticket, user="U0NEW")).replies
    assert card.where is Where.UPDATE and "Claimed by <@U0NEW>" in card.notes


def test_a_customers_check_mark_resolves_nothing(world):
    make, _ = world
    talk = make().conversation
    question, ticket = _opened(talk)
    [told] = talk.handle(reacted("white_check_mark", question)).replies
    assert "Only our support team resolves tickets" in told.text
    assert talk.desk.get(ticket.id).status == "open"


def test_eyes_on_a_message_without_a_ticket(world):
    make, _ = world
    talk = make().conversation
    plain = said("thanks all!")
    assert talk.handle(reacted("eyes", plain)).replies == []  # a customer's everyday emoji
    [hint] = talk.handle(reacted("eyes", plain, user="U0STAFF", team="T0VENDOR")).replies
    assert hint.private and "There's no ticket on this message" in hint.text


def test_the_claim_and_resolve_buttons_keep_working(world):
    make, _ = world
    talk = make().conversation
    _, ticket = _opened(talk)

    def press(action, user):
        value = {"t": ticket.id}
        return talk.handle(Incoming("", Actor.slack(user, "T0VENDOR"), Place("C0DESK", False),
                                    Surface.CHANNEL, press=Press(action, value)))  # fmt: skip

    replaced, told = press("claim_ticket", "U0STAFF").replies
    assert replaced.where is Where.REPLACE and "<@U0STAFF> from our support" in told.text
    resolved = press("resolve_ticket", "U0STAFF")
    assert resolved.notices_queued and resolved.replies[0].where is Where.REPLACE


# -- who stops the clock -----------------------------------------------------------------------


def test_a_colleagues_plus_one_does_not_stop_the_clock_but_staff_do(world):
    make, _ = world
    talk = make().conversation
    question, ticket = _opened(talk)
    talk.handle(said("+1 same here", user="U0SAM", thread=question.ts))
    assert talk.desk.get(ticket.id).first_response_at is None
    talk.handle(said("Looking now", user="U0STAFF", team="T0VENDOR", thread=question.ts))
    assert talk.desk.get(ticket.id).first_response_at is not None


# -- out of hours ------------------------------------------------------------------------------


def test_a_new_message_while_closed_gets_one_reply_with_when_and_a_private_due_time(world):
    make, clock = world
    clock["now"] = CLOSED
    talk = make().conversation
    message = said("our sync is failing with error 42")
    replies = talk.handle(message).replies
    public, private = [r for r in replies if r.kind == "out_of_hours"]
    assert "Support is closed right now; it opens Monday, December 7 at 8am" in public.text
    assert not public.private and public.buttons[0].action == "handoff_request"
    assert private.private and "Monday, December 7 at 5pm" in private.text
    assert "within 1 business day on Standard Support" in private.text
    # Once per thread: the same message again (a retry), a reply in its thread.
    assert not [r for r in talk.handle(message).replies if r.kind == "out_of_hours"]
    reply = said("any news?", thread=message.ts)
    assert not [r for r in talk.handle(reply).replies if r.kind == "out_of_hours"]


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (OPEN, said("our sync is failing")),  # open
        (CLOSED, said("our sync is failing", user="U0STAFF", team="T0VENDOR")),  # staff
        (CLOSED, said("our sync is failing", channel="C0QUIET", name=None)),  # turned off here
        (CLOSED, said("our sync is failing", channel="C0RANDOM", name="random")),  # unlisted
        (CLOSED, said("our sync is failing", channel="DU0PAT", name=None)),  # a DM
    ],
)
def test_no_out_of_hours_reply_when_open_from_staff_or_outside_support_channels(
    world, when, message
):
    make, clock = world
    clock["now"] = when
    talk = make().conversation
    assert not [r for r in talk.handle(message).replies if r.kind == "out_of_hours"]


def test_out_of_hours_wording_and_switch_are_app_yaml_settings(world, app_config, tmp_path,
                                                              shipped_settings):  # fmt: skip
    make, clock = world
    clock["now"] = CLOSED
    talk = make(lambda d: d["slack"]["desk"].update(out_of_hours={
        "message": "Closed. Back {opens}.", "private_message": "Due {due}."})).conversation
    public, private = [r for r in talk.handle(said("hello?")).replies if r.kind == "out_of_hours"]
    assert public.text.startswith("Closed. Back Monday") and private.text.startswith("Due Monday")
    off = make(lambda d: d["slack"]["desk"].update(out_of_hours={"enabled": False})).conversation
    assert not [r for r in off.handle(said("hello?")).replies if r.kind == "out_of_hours"]
    with pytest.raises(ConfigError, match=r"out_of_hours.message: unknown placeholder.*\{when\}"):
        _settings(app_config, tmp_path, shipped_settings, lambda d: d["slack"]["desk"].update(
            out_of_hours={"message": "Back {when}"}))  # fmt: skip


# -- per-channel settings ----------------------------------------------------------------------


def test_a_mention_only_channel_answers_mentions_only(world):
    make, _ = world
    talk = make().conversation
    top = said("What are the support hours?", channel="C0ASK", name="asked")
    assert talk.handle(top).decision.kind == "quiet"
    asked = said("What are the support hours?", channel="C0ASK", name="asked", mentioned=True)
    assert talk.handle(asked).decision.kind == "answer"
    follow = said("and on weekends?", channel="C0ASK", name="asked", thread=asked.ts)
    assert talk.handle(follow).decision.kind == "quiet"  # a follow-up needs a mention here


def test_a_private_answers_channel_answers_only_the_asker(world):
    make, _ = world
    talk = make().conversation
    turn = talk.handle(said("What are the support hours?", channel="C0PRIV", name="private"))
    assert turn.decision.kind == "answer" and all(r.private for r in turn.replies)
    handed = talk.handle(said("I want to talk to a person", channel="C0PRIV", name="private",
                              mentioned=True))  # fmt: skip
    staff = [r for r in handed.replies if r.where is Where.STAFF]
    assert staff and all(r.private for r in handed.replies if r.where is not Where.STAFF)


def test_a_channels_handoffs_go_to_its_team_and_channel(world):
    make, _ = world
    talk = make().conversation
    presales = talk.handle(said("I want to talk to a person", channel="C0PRE", name="presales",
                                mentioned=True))  # fmt: skip
    assert presales.decision.label == "handoff:sales"
    assert [r.channel for r in presales.replies if r.where is Where.STAFF] == ["#sales-handoff"]
    vip = talk.handle(said("I want to talk to a person", channel="C0VIP", name="vip",
                           mentioned=True))  # fmt: skip
    assert [r.channel for r in vip.replies if r.where is Where.STAFF] == ["#vip-desk"]
    reacted_vip = said("broken again", channel="C0VIP", name="vip")
    staff = talk.handle(reacted("ticket", reacted_vip)).replies[0]
    assert staff.channel == "#vip-desk"


def test_an_unlisted_channel_gets_the_safe_default(world):
    make, _ = world
    talk = make().conversation
    top = said("What are the support hours?", channel="C0RAND", name="random")
    assert talk.handle(top).decision.kind == "quiet"
    asked = said("What are the support hours?", channel="C0RAND", name="random", mentioned=True)
    [answer, *_] = talk.handle(asked).replies
    assert answer.kind == "answer" and not answer.private


def test_mention_only_with_answer_top_level_is_refused_naming_the_key(
    app_config, tmp_path, shipped_settings
):
    def both(data):
        data["slack"]["support_channels"].append(
            {"name": "#odd", "mention_only": True, "answer_top_level": "always"}
        )

    with pytest.raises(ConfigError, match=r"slack.support_channels.6: mention_only"):
        _settings(app_config, tmp_path, shipped_settings, both)


# -- due-time alerts ---------------------------------------------------------------------------


def test_alerts_go_once_at_75_percent_and_once_overdue_naming_the_claimer(world):
    make, _ = world
    services = make()
    talk = services.conversation
    question, ticket = _opened(talk)
    alerts = talk.alerts
    assert alerts.sweep(ticket.warn_at - timedelta(minutes=1)) == []
    assert alerts.sweep(ticket.warn_at) == [(ticket.id, "ticket_due_soon")]
    assert alerts.sweep(ticket.warn_at + timedelta(minutes=5)) == []  # once
    soon = alerts.notice("ticket_due_soon", ticket.id, "C0DESK")
    assert "*Due soon:*" in soon.text and "Nobody has claimed it" in soon.text
    assert soon.thread == ticket.staff_ts and soon.broadcast and soon.buttons
    talk.handle(reacted("eyes", question, user="U0STAFF", team="T0VENDOR"))
    assert alerts.sweep(ticket.due_at + timedelta(minutes=1)) == [(ticket.id, "ticket_overdue")]
    assert alerts.sweep(ticket.due_at + timedelta(hours=5)) == []
    late = alerts.notice("ticket_overdue", ticket.id, "C0DESK")
    assert "*Overdue:*" in late.text and "<@U0STAFF> has it" in late.text and not late.buttons
    assert [n.kind for n in _notices(services)] == ["ticket_due_soon", "ticket_overdue"]
    # 75% of 1 business day (9 support hours) from the ticket's opening, in support hours.
    hours = talk.desk.hours
    elapsed = hours.business_time_between(ticket.created_at, ticket.warn_at)
    total = hours.business_time_between(ticket.created_at, ticket.due_at)
    assert abs(elapsed / total - 0.75) < 0.001


def test_a_late_sweep_sends_only_the_overdue_alert(world):
    make, _ = world
    services = make()
    _, ticket = _opened(services.conversation)
    queued = services.conversation.alerts.sweep(ticket.due_at + timedelta(days=3))
    assert queued == [(ticket.id, "ticket_overdue")]
    assert services.conversation.alerts.sweep(ticket.due_at + timedelta(days=4)) == []


def test_an_answered_or_resolved_ticket_gets_no_alert_and_a_queued_one_is_dropped(world):
    make, _ = world
    talk = make().conversation
    question, answered = _opened(talk, "first problem")
    _, resolved = _opened(talk, "second problem")
    _, pending = _opened(talk, "third problem")
    talk.handle(said("On it", user="U0STAFF", team="T0VENDOR", thread=question.ts))
    talk.desk.resolve(resolved.id)
    later = max(t.due_at for t in (answered, resolved, pending)) + timedelta(minutes=1)
    assert talk.alerts.sweep(later) == [(pending.id, "ticket_overdue")]
    talk.desk.resolve(pending.id)  # before the alert went out: it says nothing
    assert talk.alerts.notice("ticket_overdue", pending.id, "C0DESK") is None


def test_alerts_can_be_turned_off(world):
    make, _ = world
    talk = make(lambda d: d["slack"]["desk"].update(due_alerts={"enabled": False})).conversation
    _, ticket = _opened(talk)
    assert talk.alerts.sweep(ticket.due_at + timedelta(hours=1)) == []


# -- ratings -------------------------------------------------------------------------------------


def _resolved(services):
    talk = services.conversation
    question, ticket = _opened(talk)
    talk.handle(reacted("white_check_mark", question, user="U0STAFF", team="T0VENDOR"))
    return ticket


def _rate(talk, ticket, score, user="U0PAT", action="rate_ticket", trigger=None, **value):
    press = Press(action, {"t": ticket.id, "r": score, **value}, message_ts="8.8", trigger=trigger)
    return talk.handle(Incoming("", Actor.slack(user, "T0ACME"), Place("DU0PAT", True),
                                Surface.DM, press=press)).replies  # fmt: skip


def test_a_resolved_ticket_asks_its_requester_for_a_rating_and_records_it(world):
    make, _ = world
    services = make()
    talk = services.conversation
    ticket = _resolved(services)
    request = talk.ratings.request(ticket.id)
    assert request.where is Where.DM and ticket.id in request.text
    assert [b.value["r"] for b in request.buttons] == ["1", "2", "3", "4", "5"]
    thanks, note = _rate(talk, ticket, "4")
    assert thanks.where is Where.REPLACE and "you rated" in thanks.text and "4/5" in thanks.text
    assert note.channel == "C0DESK" and note.thread == talk.desk.get(ticket.id).staff_ts
    assert talk.desk.get(ticket.id).rating == 4
    [same] = _rate(talk, ticket, "4")  # clicked twice: nothing new for the team
    assert "4/5" in same.text
    changed, _ = _rate(talk, ticket, "5")
    assert "changed your rating" in changed.text and talk.desk.get(ticket.id).rating == 5


def test_only_the_requester_may_rate_and_only_from_one_to_five(world):
    make, _ = world
    services = make()
    talk = services.conversation
    ticket = _resolved(services)
    [refused] = _rate(talk, ticket, "1", user="U0SAM")
    assert refused.private and "Only the person who asked" in refused.text
    [bad] = _rate(talk, ticket, "11")
    assert "isn't one of 1 to 5" in bad.text
    assert talk.desk.get(ticket.id).rating is None


def test_a_comment_comes_through_a_form_and_reaches_the_team(world):
    make, _ = world
    services = make()
    talk = services.conversation
    ticket = _resolved(services)
    _rate(talk, ticket, "2")
    [form] = _rate(talk, ticket, "", action="rate_ticket_comment", trigger="1.trigger",
                   m="8.8", c="DU0PAT")  # fmt: skip
    assert form.where is Where.FORM and form.form.action == "rate_ticket_comment_sent"
    updated, note = _rate(talk, ticket, "", action="rate_ticket_comment_sent",
                          text="Took <!channel> too long", m="8.8", c="DU0PAT")  # fmt: skip
    assert updated.where is Where.UPDATE and updated.message_ts == "8.8"
    assert "&lt;!channel&gt;" in note.text  # the comment reaches staff escaped
    assert talk.desk.get(ticket.id).rating_comment == "Took <!channel> too long"


def test_website_tickets_and_disabled_ratings_ask_nobody(world):
    make, _ = world
    services = make(lambda d: d["slack"]["desk"].update(ratings={"enabled": False}))
    _resolved(services)
    assert _notices(services, "ticket_rating") == []


def test_the_report_has_csat_per_team_and_tier(world):
    from bot.conversation.report import response_report

    make, _ = world
    services = make()
    talk = services.conversation
    for score in ("5", "4", "2"):
        _rate(talk, _resolved(services), score)
    lines = {line.group: line for line in response_report(talk.desk.list(), talk.desk.hours, OPEN)}
    line = lines["support · standard"]
    assert line.ratings == (5, 4, 2) and line.csat == pytest.approx(2 / 3)
    assert line.mean_rating == pytest.approx(11 / 3) and lines["all"].csat == line.csat
