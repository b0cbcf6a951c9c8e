"""Safety through signed Slack requests against the real server: the tier stays out of public
handoff text, a mention names the colleague (not the bot), App Home buttons answer, link
requests survive a failed DM, acks never wait on a locked database, the sales chat can't be
replayed or used to ping a channel, and billing dates are the vendor's."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.billing import open_billing
from bot.billing.admin import account_json, import_accounts
from bot.config import load_settings
from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS, PAT
from tests.conftest import ROOT
from tests.slack_harness import CHAT_SECRET, Server, click, eventually, slash, wait_messages

LA = ZoneInfo("America/Los_Angeles")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("safety")
    url = f"sqlite:///{tmp / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn(stall_s=2.0).start()
    server = Server(tmp, standin, url)
    yield server, standin, billing, tmp / "bot.db"
    server.stop()
    standin.stop()


@pytest.fixture
def slack(world):
    server, standin, billing, path = world
    standin.clear()
    standin.failing.clear()
    return server, standin, billing, path


def _mention(server, text, user="U0PAT", team="T0ACME", channel="C0SHARED", **extra):
    inner = payloads.mention(text, user, "T0VENDOR", channel, user_team=team, **extra)
    server.post(payloads.event(inner, "T0VENDOR"))
    return inner


# -- 3. the account's tier is never in public handoff text ----------------------------------------


def test_a_handoff_in_a_shared_channel_keeps_the_tier_private(slack):
    server, standin, billing, _ = slack
    inner = _mention(server, "I want to speak with a real person")
    posted = eventually(lambda: len(standin.messages()) >= 3 and standin.messages(), timeout=20)
    public = [
        c for c in posted if c.method == "chat.postMessage" and c.args["channel"] == "C0SHARED"
    ]
    private = [c for c in posted if c.method == "chat.postEphemeral"]
    assert public and "A person will reply here by" in public[0].text
    assert public[0].args["thread_ts"] == inner["ts"]
    for tier in billing.settings.tiers.values():
        assert tier.name not in public[0].text and tier.response_target.text not in public[0].text
    assert private and private[0].args["user"] == "U0PAT"
    assert "Standard Support" in private[0].text and "1 business day" in private[0].text


# -- 4. a mention names the colleague, not the bot ------------------------------------------------


def _has_billing_access(billing, email: str) -> bool:
    return next(
        u
        for u in account_json(billing.engine, billing.settings, "acme")["users"]
        if u["email"] == email
    )["billing_access"]


def test_give_a_mentioned_colleague_billing_access_by_mention(slack):
    """Plain words are asked with Confirm first: a misread grant would let someone move money."""
    server, standin, billing, _ = slack
    _mention(server, "give <@U0SAM> billing access")
    [question] = wait_messages(standin)
    assert question.method == "chat.postEphemeral" and question.args["user"] == "U0PAT"
    assert "Give <@U0SAM> (sam@acme.example) billing access?" in question.text
    assert not _has_billing_access(billing, "sam@acme.example")
    confirm = next(b for b in question.buttons if b["action_id"] == "confirm_access")
    # Sam himself can't press Pat's button and so grant himself the access.
    [refused] = click(server, standin, confirm, user="U0SAM")
    assert "belongs to someone else's request" in refused.text
    assert not _has_billing_access(billing, "sam@acme.example")
    [done] = click(server, standin, confirm)
    assert "sam@acme.example now has billing access" in done.text
    assert _has_billing_access(billing, "sam@acme.example")
    [again] = click(server, standin, confirm)
    assert "sam@acme.example already has billing access" in again.text
    billing.set_billing_access(PAT, target_email="sam@acme.example", grant=False)


def test_removing_billing_access_in_words_is_asked_and_a_typed_grant_is_done_at_once(slack):
    server, standin, billing, _ = slack
    [done] = slash(server, standin, "grant <@U0SAM>")
    assert "sam@acme.example now has billing access" in done.text
    standin.clear()
    _mention(server, "<@U0SAM> left the company, remove his billing access")
    [question] = wait_messages(standin)
    assert "Remove billing access from <@U0SAM> (sam@acme.example)?" in question.text
    assert _has_billing_access(billing, "sam@acme.example")
    # Changed elsewhere before the click: the click says how things stand, and writes nothing.
    billing.set_billing_access(PAT, target_email="sam@acme.example", grant=False)
    confirm = next(b for b in question.buttons if b["action_id"] == "confirm_access")
    [done] = click(server, standin, confirm)
    assert "sam@acme.example doesn't have billing access" in done.text


def test_give_billing_access_without_a_mention_says_what_is_missing(slack):
    server, standin, _, _ = slack
    _mention(server, "give sam billing access")
    [reply] = wait_messages(standin)
    assert "@mention" in reply.text and "None" not in reply.text


# -- 5. App Home buttons answer by DM and a redrawn tab ------------------------------------------


def test_app_home_upgrade_button_sends_the_quote_by_dm_and_redraws_home(slack):
    server, standin, _, _ = slack
    button = {"action_id": "upgrade_quote", "value": json.dumps({"u": ""})}
    status, _, seconds = server.post(payloads.home_action(button, "U0DEE", "T0DEPOT"))
    assert status == 200 and seconds < 3.0
    found = eventually(
        lambda: standin.of("views.publish") and standin.of("chat.postMessage"), timeout=20
    )
    assert found
    [quote] = standin.of("chat.postMessage")
    assert quote.args["channel"] == "DU0DEE" and "$1,199" in quote.text
    assert any(b["action_id"] == "confirm_upgrade" for b in quote.buttons)
    assert standin.of("views.publish")[0].args["user_id"] == "U0DEE"


# -- 7. a link request outlives a failed DM, and the primary hears the truth -----------------------


def test_a_link_request_whose_dm_fails_is_delivered_later(slack):
    server, standin, billing, _ = slack
    standin.failing["conversations.open"] = 12  # more than the client's retries
    _mention(server, "link me <mailto:kit@acme.example|kit@acme.example>", user="U0KIT")
    told = eventually(lambda: standin.of("chat.postEphemeral"))
    assert "pat@acme.example" in told[0].text and "try again" not in told[0].text
    from sqlalchemy import select

    from bot.billing.outbox import claim_due  # noqa: F401  (the notice waits in the outbox)
    from bot.db.billing import outbox

    with billing.engine.begin() as tx:
        [row] = tx.execute(select(outbox).where(outbox.c.kind == "link_request")).all()
    assert row.delivered_at is None and row.attempts >= 1


def test_an_approval_whose_dm_to_the_requester_fails_is_not_called_a_failure(slack):
    server, standin, billing, _ = slack
    from bot.billing.linking import Linking
    from bot.billing.results import Actor

    asked = Linking(billing).request(Actor.slack("U0JOY", "T0ACME"), "joy@acme.example")
    question = {
        "action_id": "confirm_link_approve",
        "value": json.dumps({"u": "U0PAT", "r": asked.request_id}),
    }
    standin.failing["conversations.open"] = 12
    replies = click(server, standin, question, channel="DU0PAT")
    assert any("joy@acme.example is linked to Acme Goods" in r.text for r in replies)
    assert not any("nothing was changed" in r.text for r in replies)
    users = [u["email"] for u in account_json(billing.engine, billing.settings, "acme")["users"]]
    assert "joy@acme.example" in users


# -- 10. a locked SQLite database never delays an ack ----------------------------------------------


def test_an_event_is_acked_at_once_while_the_database_is_locked(slack):
    server, standin, _, path = slack
    locker = sqlite3.connect(path, timeout=1)
    locker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        inner = payloads.message("What is the support phone number?", "U0PAT", "T0ACME", "D0PAT")
        status, _, seconds = server.post(payloads.event(inner, "T0VENDOR"))
        assert status == 200 and seconds < 1.0
        time.sleep(1.0)
    finally:
        locker.rollback()
        locker.close()
    [reply] = wait_messages(standin)
    assert "805-399-2278" in reply.text


# -- 11. sales chat: no replays, no markup injection ----------------------------------------------


def _chat(server, body: bytes, stamp: int | None = None):
    import urllib.error
    import urllib.request

    from bot.conversation.sales_chat import sign

    stamp = stamp or int(time.time())
    headers = {
        "content-type": "application/json",
        "x-supportbot-timestamp": str(stamp),
        "x-supportbot-signature": sign(body, CHAT_SECRET, stamp),
    }
    request = urllib.request.Request(f"{server.url}/handoff/sales-chat", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_replayed_sales_chat_opens_no_second_ticket(slack):
    server, standin, _, _ = slack
    body = json.dumps(
        {
            "visitor": "Robin",
            "email": "robin@widgets.example",
            "messages": [{"from": "visitor", "text": "Do you have volume pricing?"}],
        }
    ).encode()
    stamp = int(time.time())
    assert _chat(server, body, stamp)[0] == 202
    assert _chat(server, body, stamp)[0] == 409
    time.sleep(0.5)
    assert len(standin.of("chat.postMessage")) == 1


def test_visitor_text_cannot_ping_the_channel_or_fake_ticket_fields(slack):
    server, standin, _, _ = slack
    body = json.dumps(
        {
            "visitor": "Mallory <!channel>",
            "email": "mallory@evil.example",
            "messages": [
                {
                    "from": "visitor",
                    "text": "<!channel> urgent <https://evil.example|click to pay>\n"
                    "*Due:* now · *Reason:* refund approved",
                }
            ],
        }
    ).encode()
    assert _chat(server, body)[0] == 202
    [posted] = eventually(lambda: standin.of("chat.postMessage"))
    text = posted.text
    assert "<!channel>" not in text and "<https://evil.example" not in text
    assert "&lt;!channel&gt;" in text
    assert "\n> *Due:* now" in text  # the visitor's line is quoted, not a field of ours


# -- 13. billing dates are the vendor's --------------------------------------------------------


def test_a_quote_bought_on_new_years_eve_evening_renews_on_december_31(slack):
    _, _, billing, _ = slack
    from bot.conversation.views import Views

    new_years_eve = datetime(2026, 12, 31, 20, 0, tzinfo=LA)  # already January 1 in UTC
    quote = billing.quote_upgrade(PAT, now=new_years_eve)
    text = Views(billing.settings).quote(quote, "U0PAT").text
    assert "Renews:* December 31, 2027" in text and "January 1" not in text
    assert "renews every year on December 31" in quote.terms


@pytest.mark.parametrize("attempt", range(2))
def test_two_clicks_on_one_confirm_at_once_charge_once(slack, attempt):
    """A race between two clicks of one button, through the server."""
    server, standin, billing, _ = slack
    import_accounts(
        billing.engine,
        billing.settings,
        billing.gateway,
        f"accounts:\n  - {{id: race{attempt}, name: Race {attempt}, type: merchant, "
        f"slack_team_id: T0RACE{attempt}, card: tok_visa, users: "
        f"[{{email: r@race{attempt}.example, slack_user_id: U0RACE{attempt}, primary: true}}]}}\n",
    )
    user, team = f"U0RACE{attempt}", f"T0RACE{attempt}"
    [quote] = slash(server, standin, "upgrade", user=user, team=team)
    confirm = next(b for b in quote.buttons if b["action_id"] == "confirm_upgrade")
    body = payloads.block_action(confirm, user, team, "C0SHARED", standin.response_url)
    threads = [threading.Thread(target=server.post, args=(body,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    eventually(lambda: len(standin.of("response")) >= 2, timeout=20)
    shown = account_json(billing.engine, billing.settings, f"race{attempt}")
    assert shown["tier"] == "premium" and len(shown["charges"]) == 1
