"""The desk through the real server: reactions, claims, resolves, ratings with their comment
form, per-channel settings and out-of-hours replies, driven by requests signed as Slack signs
them; Slack's Web API is the local stand-in, which also keeps the messages people wrote (what
`conversations.history` answers when a reaction needs its message)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.config import load_settings
from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT
from tests.slack_harness import Server, desk_world, eventually, slash

SUPPORTBOT = Path(sys.executable).parent / "supportbot"
PEOPLE = {
    "U0PAT": "T0ACME",
    "U0SAM": "T0ACME",
    "U0WHO": "T0ELSE",
    "U0STAFF": "T0VENDOR",
    "U0ANY": "T0VENDOR",
}


def _desk_config(config: dict) -> None:
    config["slack"]["support_channels"] = [
        {"name": "C0SUPPORT", "answer_top_level": "confident"},
        {"name": "C0PRIVATE", "answer_top_level": "always", "private_answers": True},
        {"name": "C0ASK", "mention_only": True},
    ]
    config["slack"]["desk"]["staff"] = ["U0STAFF"]


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("desk")
    with desk_world(tmp, PEOPLE, _desk_config) as (server, standin, desk):
        yield server, standin, desk, tmp


@pytest.fixture
def slack(world):
    server, standin, desk, tmp = world
    standin.clear()
    return server, standin, desk, tmp


def wrote(standin, text, user="U0PAT", channel="C0SUPPORT", thread=None) -> dict:
    """A message a person wrote, as Slack keeps it (not sent to the bot: no one asked it)."""
    inner = payloads.message(
        text, user, PEOPLE.get(user, "T0X"), channel, channel_type="channel", thread_ts=thread
    )
    return standin.remember(channel, inner)


def react(server, emoji, message, user="U0PAT", channel=None, event_id=None):
    inner = payloads.reaction(
        emoji, user, channel or message["channel"], message["ts"], message.get("user")
    )
    status, _, seconds = server.post(payloads.event(inner, "T0VENDOR", event_id))
    assert status == 200 and seconds < 3.0


def ticket_of(desk, message):
    found = [t for t in desk.list() if t.source_ts == message["ts"]]
    return found[0] if found else None


def said_to(standin, user, method="chat.postEphemeral"):
    return [c for c in standin.of(method) if c.args.get("user") == user]


def test_ticket_claim_resolve_rate_and_comment_through_slack(slack):
    server, standin, desk, tmp = slack
    question = wrote(standin, "Our Shopify orders stopped syncing <!channel> since 9am")
    react(server, "ticket", question)
    posted = eventually(lambda: len(standin.of("chat.postMessage")) >= 2)
    assert posted, [(c.method, c.text[:60]) for c in standin.calls]
    posts = standin.of("chat.postMessage")
    staff = next(c for c in posts if c.args["channel"] == "#support-handoff")
    promise = next(c for c in posts if c.args["channel"] == "C0SUPPORT")
    assert "Support request" in staff.text and "&lt;!channel&gt;" in staff.text  # escaped
    assert staff.args["unfurl_links"] is False and staff.args["unfurl_media"] is False
    assert promise.args["thread_ts"] == question["ts"]
    assert "A person will reply here" in promise.text
    [private] = eventually(lambda: said_to(standin, "U0PAT"))
    assert "Standard Support" in private.text and private.args["thread_ts"] == question["ts"]
    ticket = eventually(lambda: (t := ticket_of(desk, question)) and t.staff_ts and t)
    assert ticket.staff_channel == standin.channel_id("#support-handoff")

    # :eyes: on the ticket's post in the team's channel: whoever is in that channel is staff.
    standin.clear()
    react(server, "eyes", {"channel": ticket.staff_channel, "ts": ticket.staff_ts}, "U0ANY")
    [card] = eventually(lambda: standin.of("chat.update"))
    assert card.args["ts"] == ticket.staff_ts and "Claimed by <@U0ANY>" in card.text
    told = eventually(lambda: standin.of("chat.postMessage"))
    assert "<@U0ANY> from our support team has your request" in told[0].text

    # :white_check_mark: by listed staff on the customer's message: resolved, rating by DM.
    standin.clear()
    react(server, "white_check_mark", question, "U0STAFF")
    dm = eventually(
        lambda: [c for c in standin.of("chat.postMessage") if c.args["channel"] == "DU0PAT"]
    )
    assert dm and ticket.id in dm[0].text
    assert [b["action_id"] for b in dm[0].buttons] == ["rate_ticket"] * 5
    assert any("Resolved" in c.text for c in standin.of("chat.update"))
    assert desk.get(ticket.id).status == "resolved"

    # The requester rates it, and adds a comment through the form.
    standin.clear()
    five = dm[0].buttons[-1]
    server.post(payloads.block_action(five, "U0PAT", "T0ACME", "DU0PAT", standin.response_url))
    [thanks] = eventually(lambda: standin.of("response"))
    assert "5/5" in thanks.text and thanks.args["replace_original"] is True
    note = eventually(lambda: [c for c in standin.of("chat.postMessage")
                               if c.args.get("thread_ts") == ticket.staff_ts])  # fmt: skip
    assert "<@U0PAT> rated" in note[0].text
    [comment] = [b for b in thanks.buttons if b["action_id"] == "rate_ticket_comment"]
    server.post(payloads.block_action(comment, "U0PAT", "T0ACME", "DU0PAT", standin.response_url))
    [form] = eventually(lambda: standin.of("views.open"))
    view = form.args["view"]
    assert view["type"] == "modal" and form.args["trigger_id"]
    standin.clear()
    server.post(payloads.form_submission(view, "Quick fix, <@U0ALL> thanks!", "U0PAT", "T0ACME"))
    done = eventually(lambda: len(standin.of("chat.postMessage")) >= 2 and standin.calls)
    assert any("&lt;@U0ALL&gt;" in c.text for c in done if c.method == "chat.postMessage")
    assert desk.get(ticket.id).rating == 5
    assert desk.get(ticket.id).rating_comment == "Quick fix, <@U0ALL> thanks!"

    report = subprocess.run(
        [str(SUPPORTBOT), "tickets", "report"],
        env=_env(server, tmp), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    line = next(x for x in report.stdout.splitlines() if x.startswith("support · standard"))
    assert line.split()[-3:] == ["1", "100%", "5.0"]


def test_a_stranger_cannot_open_a_ticket_for_someone_else(slack):
    server, standin, desk, _ = slack
    question = wrote(standin, "our invoices look wrong")
    react(server, "ticket", question, "U0WHO")
    [told] = eventually(lambda: said_to(standin, "U0WHO"))
    assert "Only <@U0PAT>, their colleagues or our support team" in told.text
    assert not told.buttons and "direct message" in told.text
    time.sleep(0.5)
    assert ticket_of(desk, question) is None and standin.of("chat.postMessage") == []


def test_a_ticket_reaction_outside_the_support_channels_is_explained(slack):
    server, standin, desk, _ = slack
    message = wrote(standin, "need help", channel="C0RANDOM")
    react(server, "ticket", message)
    [told] = eventually(lambda: said_to(standin, "U0PAT"))
    assert told.args["channel"] == "C0RANDOM" and "support channels only" in told.text
    assert ticket_of(desk, message) is None


def test_eyes_by_a_customer_claims_nothing(slack):
    server, standin, desk, _ = slack
    question = wrote(standin, "API keys rotated and now nothing works")
    react(server, "ticket", question)
    ticket = eventually(lambda: ticket_of(desk, question))
    standin.clear()
    react(server, "eyes", question, "U0SAM")
    [told] = eventually(lambda: said_to(standin, "U0SAM"))
    assert "Only our support team claims tickets" in told.text and ticket.id in told.text
    assert desk.get(ticket.id).claimed_by is None


def test_double_and_retried_ticket_reactions_open_one_ticket(slack):
    server, standin, desk, _ = slack
    question = wrote(standin, "the label printer integration fails")
    inner = payloads.reaction("ticket", "U0PAT", "C0SUPPORT", question["ts"], "U0PAT")
    again = payloads.reaction("ticket", "U0SAM", "C0SUPPORT", question["ts"], "U0PAT")
    bodies = [
        payloads.event(inner, "T0VENDOR", "EvSAME0001"),
        payloads.event(inner, "T0VENDOR", "EvSAME0001"),  # Slack's retry
        payloads.event(again, "T0VENDOR"),  # a colleague at the same moment
    ]
    import threading

    threads = [threading.Thread(target=server.post, args=(b,)) for b in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    eventually(lambda: ticket_of(desk, question))
    time.sleep(1.0)
    assert len([t for t in desk.list() if t.source_ts == question["ts"]]) == 1
    staff = [c for c in standin.of("chat.postMessage") if c.args["channel"] == "#support-handoff"]
    assert len(staff) == 1
    told = said_to(standin, "U0SAM") + said_to(standin, "U0PAT")
    assert any("already has ticket" in c.text for c in told)


def test_an_unreadable_message_is_explained_when_the_web_api_fails(slack):
    server, standin, desk, _ = slack
    question = wrote(standin, "please look at order 1234")
    standin.failing["conversations.history"] = 20  # not_in_channel, say
    try:
        react(server, "ticket", question)
        [told] = eventually(lambda: said_to(standin, "U0PAT"))
    finally:
        standin.failing.clear()
    assert "couldn't read that message" in told.text and ticket_of(desk, question) is None


def test_an_everyday_emoji_costs_no_web_api_call(slack):
    server, standin, _, _ = slack
    react(server, "tada", wrote(standin, "it works now, thanks!"))
    time.sleep(0.8)
    assert standin.calls == []


def test_a_private_answers_channel_answers_ephemerally(slack):
    server, standin, _, _ = slack
    inner = payloads.message("What are the support hours?", "U0PAT", "T0ACME", "C0PRIVATE",
                             channel_type="channel")  # fmt: skip
    server.post(payloads.event(inner, "T0VENDOR"))
    found = eventually(lambda: standin.of("chat.postEphemeral"))
    answer = found[0]  # then the asker's own figures (whether support is open now)
    assert answer.args["user"] == "U0PAT" and "Pacific" in answer.text
    assert all(c.args["user"] == "U0PAT" for c in found)
    assert answer.args["thread_ts"] == inner["ts"] and standin.of("chat.postMessage") == []


def test_a_mention_only_channel_ignores_unaddressed_questions(slack):
    server, standin, _, _ = slack
    plain = payloads.message("What are the support hours?", "U0PAT", "T0ACME", "C0ASK",
                             channel_type="channel")  # fmt: skip
    server.post(payloads.event(plain, "T0VENDOR"))
    time.sleep(1.0)
    assert standin.messages() == []
    asked = payloads.mention("What are the support hours?", "U0PAT", "T0ACME", "C0ASK")
    server.post(payloads.event(asked, "T0VENDOR"))
    [answer] = eventually(lambda: standin.of("chat.postMessage"))
    assert answer.args["thread_ts"] == asked["ts"] and "Pacific" in answer.text


def _env(server, tmp) -> dict[str, str]:
    import os

    return {
        **os.environ,
        "SUPPORTBOT_CONFIG": str(tmp / "app.yaml"),
        "DATABASE_URL": server.database_url,
        "LOG_LEVEL": "WARNING",
    }


# -- out of hours, through a server whose support is closed today ---------------------------------


def _closed_today(config: dict) -> None:
    """Support hours on one weekday, never today or tomorrow in the vendor's zone: closed now."""
    _desk_config(config)
    today = datetime.now(ZoneInfo(config["support_hours"]["timezone"])).weekday()
    day = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[(today + 3) % 7]
    config["support_hours"].update(days=[day], holidays=[])
    config["slack"]["desk"]["out_of_hours"] = {"enabled": True}


def test_a_message_while_closed_gets_one_reply_in_its_thread(tmp_path):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn().start()
    server = Server(tmp_path, standin, url, configure=_closed_today)
    try:
        inner = payloads.message("our sync stopped, error 42", "U0PAT", "T0ACME", "C0SUPPORT",
                                 channel_type="channel")  # fmt: skip
        server.post(payloads.event(inner, "T0VENDOR"))
        server.post(payloads.event(inner, "T0VENDOR"))  # the same message again, a new event id
        eventually(lambda: standin.of("chat.postEphemeral"))
        time.sleep(1.0)
        [public] = [c for c in standin.of("chat.postMessage") if "closed" in c.text]
        assert public.args["thread_ts"] == inner["ts"] and "it opens" in public.text
        assert public.buttons[0]["action_id"] == "handoff_request"
        [private] = standin.of("chat.postEphemeral")
        assert private.args["user"] == "U0PAT"
        assert "within 1 business day on Standard" in private.text
        standin.clear()
        reply = payloads.message("anyone?", "U0PAT", "T0ACME", "C0SUPPORT",
                                 channel_type="channel", thread_ts=inner["ts"])  # fmt: skip
        server.post(payloads.event(reply, "T0VENDOR"))
        staff = payloads.message("posting our maintenance window", "U0STAFF", "T0VENDOR",
                                 "C0SUPPORT", channel_type="channel")  # fmt: skip
        server.post(payloads.event(staff, "T0VENDOR"))
        time.sleep(1.5)
        assert [c for c in standin.messages() if "closed" in c.text] == []
    finally:
        server.stop()
        standin.stop()
        billing.engine.dispose()


def test_the_slash_command_still_answers_in_its_ack(slack):
    """The desk's listeners sit beside the old ones: /support-tier is unchanged."""
    server, standin, _, _ = slack
    [reply] = slash(server, standin, "help")
    assert "support-tier" in json.dumps(reply.args)


def test_alert_clock_injected_through_the_command_line(slack):
    """`supportbot tickets alerts --now …` queues what is due at that time; the running server
    posts each alert once, in the thread of the ticket's post, shown in the channel too."""
    server, standin, desk, tmp = slack
    question = wrote(standin, "the nightly export never arrived")
    react(server, "ticket", question)
    ticket = eventually(lambda: (t := ticket_of(desk, question)) and t.staff_ts and t)
    standin.clear()

    def sweep(at: datetime) -> str:
        done = subprocess.run(
            [str(SUPPORTBOT), "tickets", "alerts", "--now", at.isoformat()],
            env=_env(server, tmp), capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    def alerts(word: str):
        return [
            c for c in standin.of("chat.postMessage") if word in c.text and ticket.id in c.text
        ]

    # (Tickets of the other tests in this module are swept too: only this one's are counted.)
    assert f"{ticket.id}  due soon" not in sweep(ticket.warn_at - timedelta(minutes=1))
    assert f"{ticket.id}  due soon" in sweep(ticket.warn_at + timedelta(minutes=1))
    assert ticket.id not in sweep(ticket.warn_at + timedelta(minutes=2))
    [soon] = eventually(lambda: alerts("Due soon"))
    assert soon.args["thread_ts"] == ticket.staff_ts and soon.args["reply_broadcast"] is True
    assert soon.args["channel"] == ticket.staff_channel and soon.buttons
    assert f"{ticket.id}  overdue" in sweep(ticket.due_at + timedelta(minutes=1))
    [late] = eventually(lambda: alerts("Overdue"))
    assert "Nobody has claimed it" in late.text
    time.sleep(1.0)  # the server's own loop keeps sweeping: still once each
    assert len(alerts("Due soon")) == 1 and len(alerts("Overdue")) == 1
