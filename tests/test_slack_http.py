"""Slack conformance: the real HTTP server, requests signed as Slack signs them, and a local
stand-in for the Web API that records what the bot says."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from bot.billing import open_billing
from bot.billing.admin import account_json, import_accounts
from bot.config import load_settings
from bot.slack import payloads
from bot.slack.client import SLACK_TIMEOUT_ENV
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT
from tests.slack_harness import (
    CHAT_SECRET,
    SECRET,
    Server,
    click,
    eventually,
    slash,
    wait_messages,
)


def _desk(billing):
    from bot.conversation.tickets import TicketDesk

    return TicketDesk(billing.engine, billing.settings, billing.status)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("slack")
    url = f"sqlite:///{tmp / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn(stall_s=2.0).start()
    server = Server(tmp, standin, url, env_extra={SLACK_TIMEOUT_ENV: "1"})
    yield server, standin, billing
    server.stop()
    standin.stop()


@pytest.fixture
def slack(world):
    server, standin, billing = world
    standin.clear()
    return server, standin, billing


def test_health_check_answers_once_ready(slack):
    server, _, _ = slack
    with urllib.request.urlopen(f"{server.url}/healthz", timeout=2) as response:
        assert json.loads(response.read()) == {"ok": True, "detail": "ready"}


def test_url_verification_echoes_the_challenge(slack):
    server, _, _ = slack
    body = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "x"})
    status, text, _ = server.post(body)
    assert status == 200 and "c-123" in text


@pytest.mark.parametrize("tamper", ["wrong secret", "stale", "missing", "replayed body"])
def test_badly_signed_requests_are_refused(slack, tamper):
    server, standin, _ = slack
    body = payloads.slash_command("status", "U0PAT", "T0ACME", "C0SHARED", standin.response_url)
    if tamper == "wrong secret":
        headers = payloads.signed_headers(body, "not-the-secret")
    elif tamper == "stale":
        headers = payloads.signed_headers(body, SECRET, timestamp=int(time.time()) - 600)
    elif tamper == "missing":
        headers = {"content-type": "application/x-www-form-urlencoded"}
    else:
        headers = payloads.signed_headers(body, SECRET)
        body = body.replace("status", "upgrade")
    status, _, _ = server.post(body, headers=headers)
    assert status == 401
    time.sleep(0.3)
    assert standin.messages() == []


def test_help_and_unknown_words_show_help_privately(slack):
    server, standin, _ = slack
    for text in ("help", "frobnicate"):
        standin.clear()
        [reply] = slash(server, standin, text)
        assert reply.method == "ack" and reply.args["response_type"] == "ephemeral"
        assert "/support-tier" in reply.text


def test_status_is_private_to_the_asker(slack):
    server, standin, _ = slack
    [reply] = slash(server, standin, "")
    assert reply.method == "ack" and reply.args["response_type"] == "ephemeral"
    assert "*Acme Goods* is on" in reply.text
    assert standin.of("chat.postMessage") == []


def test_an_unlinked_user_is_told_how_to_get_linked(slack):
    server, standin, _ = slack
    [reply] = slash(server, standin, "status", user="U0NOBODY", team="T0ELSE")
    assert "isn't linked" in reply.text


def test_a_user_without_billing_access_cannot_upgrade(slack):
    server, standin, _ = slack
    [reply] = slash(server, standin, "upgrade", user="U0SAM")
    assert "billing access" in reply.text and "pat@acme.example" in reply.text
    assert not reply.buttons


def test_upgrade_quote_confirm_and_a_replayed_click_charge_once(slack):
    server, standin, billing = slack
    [quote] = slash(server, standin, "upgrade", user="U0DEE", team="T0DEPOT")
    assert "$1,199" in quote.text and "Visa ending in 4242" in quote.text
    confirm = next(b for b in quote.buttons if b["action_id"].startswith("confirm_"))
    assert confirm["confirm"]["confirm"]["text"] == "Pay $1,199"
    # Someone else clicking the button gets nothing but a note.
    [note] = click(server, standin, confirm, user="U0PAT", team="T0ACME")
    assert note.method == "chat.postEphemeral" and "someone else" in note.text
    [receipt] = click(server, standin, confirm, user="U0DEE", team="T0DEPOT")
    assert receipt.method == "response" and receipt.args.get("replace_original") is True
    assert "You're on *Premium Support*" in receipt.text
    [again] = click(server, standin, confirm, user="U0DEE", team="T0DEPOT")
    assert "already confirmed" in again.text
    # The receipt also arrives once by direct message, from the billing outbox.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not standin.of("chat.postMessage"):
        time.sleep(0.05)
    time.sleep(0.8)
    [receipt_dm] = standin.of("chat.postMessage")
    assert receipt_dm.args["channel"] == "DU0DEE" and "$1,199 was charged" in receipt_dm.text
    shown = account_json(billing.engine, billing.settings, "depot")
    assert shown["tier"] == "premium" and len(shown["charges"]) == 1


def test_a_linked_asker_gets_their_own_price_privately(slack):
    server, standin, _ = slack
    inner = payloads.message("how much is premium?", "U0NIA", "T0NOCARD", "D0NIA")
    server.post(payloads.event(inner, "T0VENDOR"))
    [reply] = wait_messages(standin)
    assert "For No Card Co (merchant account), Premium Support is $399 per year." in reply.text
    standin.clear()
    shared = payloads.mention(
        "how much is premium?", "U0NIA", "T0VENDOR", "C0SHARED", user_team="T0NOCARD"
    )
    server.post(payloads.event(shared, "T0VENDOR"))
    replies = eventually(lambda: len(standin.messages()) >= 2 and standin.messages())
    public = next(c for c in replies if c.method == "chat.postMessage")
    private = next(c for c in replies if c.method == "chat.postEphemeral")
    assert "No Card Co" not in public.text and "$1,199" in public.text
    assert private.args["user"] == "U0NIA" and "No Card Co" in private.text


def test_a_direct_message_question_is_answered_with_its_source(slack):
    server, standin, _ = slack
    inner = payloads.message("What is the support phone number?", "U0PAT", "T0ACME", "D0PAT")
    status, _, seconds = server.post(payloads.event(inner, "T0VENDOR"))
    assert status == 200 and seconds < 3.0
    [reply] = wait_messages(standin)
    assert reply.method == "chat.postMessage" and reply.args["channel"] == "D0PAT"
    assert "805-399-2278" in reply.text and "Source: Premium Support" in reply.text


def test_a_direct_message_that_mentions_the_bot_is_answered_once(slack):
    server, standin, _ = slack
    inner = payloads.message(
        "<@U0SUPPORTBOT> what are your support hours?", "U0PAT", "T0ACME", "D0PAT"
    )
    server.post(payloads.event(inner, "T0VENDOR"))
    [reply] = wait_messages(standin)
    time.sleep(0.5)
    assert len(standin.messages()) == 1 and "Pacific" in reply.text


def test_a_mentioned_billing_action_in_a_shared_channel_stays_private(slack):
    server, standin, _ = slack
    # Pat is from the customer's organisation (user_team) in the vendor's channel.
    inner = payloads.mention(
        "what's my plan status", "U0PAT", "T0VENDOR", "C0SHARED", user_team="T0ACME"
    )
    inner["text"] = "<@U0SUPPORTBOT> show our support tier"
    server.post(payloads.event(inner, "T0VENDOR"))
    [reply] = wait_messages(standin)
    assert reply.method == "chat.postEphemeral" and reply.args["user"] == "U0PAT"
    assert "*Acme Goods* is on" in reply.text
    assert standin.of("chat.postMessage") == []


def test_a_mentioned_question_is_answered_in_the_thread(slack):
    server, standin, _ = slack
    inner = payloads.mention(
        "what are your support hours?", "U0PAT", "T0VENDOR", "C0SHARED", user_team="T0ACME"
    )
    server.post(payloads.event(inner, "T0VENDOR"))
    replies = eventually(lambda: len(standin.messages()) >= 2 and standin.messages())
    [reply] = [c for c in replies if c.method == "chat.postMessage"]
    assert reply.args["thread_ts"] == inner["ts"] and "Pacific" in reply.text
    # Whether support is open now, for the asker only.
    [note] = [c for c in replies if c.method == "chat.postEphemeral"]
    assert note.args["user"] == "U0PAT" and "Support is" in note.text


def test_a_retried_event_is_answered_once(slack):
    server, standin, _ = slack
    inner = payloads.message("How do I cancel premium support?", "U0PAT", "T0ACME", "D0PAT")
    body = payloads.event(inner, "T0VENDOR", event_id="Ev0RETRIED01")
    assert server.post(body)[0] == 200
    retry = {
        **payloads.signed_headers(body, SECRET),
        "x-slack-retry-num": "1",
        "x-slack-retry-reason": "http_timeout",
    }
    assert server.post(body, headers=retry)[0] == 200
    time.sleep(1.0)
    assert len(standin.messages()) == 1


def test_bots_edits_and_unconfigured_channels_are_ignored(slack):
    server, standin, _ = slack
    for inner in (
        payloads.message("hello from a bot", "U0PAT", "T0ACME", "D0PAT", bot_id="B0OTHER"),
        payloads.message("edited", "U0PAT", "T0ACME", "D0PAT", subtype="message_changed"),
        payloads.message(
            "What are the support hours?", "U0PAT", "T0ACME", "C0RANDOM", channel_type="channel"
        ),
    ):
        assert server.post(payloads.event(inner, "T0VENDOR"))[0] == 200
    time.sleep(1.0)
    assert standin.messages() == []


def test_a_support_channel_gets_confident_answers_only(slack):
    server, standin, _ = slack
    for text in ("What are the support hours?", "what's a good banana bread recipe"):
        inner = payloads.message(text, "U0PAT", "T0ACME", "C0SUPPORT", channel_type="channel")
        server.post(payloads.event(inner, "T0VENDOR"))
    wait_messages(standin)
    time.sleep(0.8)
    [answer] = standin.of("chat.postMessage")
    assert "Pacific" in answer.text and answer.args["thread_ts"]


def test_app_home_shows_the_account_and_support_hours(slack):
    server, standin, _ = slack
    inner = {"type": "app_home_opened", "user": "U0PAT", "channel": "D0PAT", "tab": "home"}
    server.post(payloads.event(inner, "T0ACME"))
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not standin.of("views.publish"):
        time.sleep(0.05)
    [published] = standin.of("views.publish")
    view = (
        json.loads(published.args["view"])
        if isinstance(published.args["view"], str)
        else published.args["view"]
    )
    text = json.dumps(view)
    assert "Acme Goods" in text and "Response target" in text and "Support is" in text


def test_an_outside_user_asks_to_be_linked_and_the_primary_approves(slack):
    server, standin, _ = slack
    # Someone from the customer's organisation, in a Slack Connect channel, mentions the bot.
    inner = payloads.mention(
        "link me <mailto:kim@acme.example|kim@acme.example>",
        "U0KIM",
        "T0VENDOR",
        "C0SHARED",
        user_team="T0ACME",
    )
    server.post(payloads.event(inner, "T0VENDOR"))
    replies = eventually(lambda: len(standin.messages()) >= 2 and standin.messages())
    sent = next(r for r in replies if r.method == "chat.postEphemeral")
    assert sent.args["user"] == "U0KIM" and "pat@acme.example" in sent.text
    question = next(r for r in replies if r.method == "chat.postMessage")
    assert question.args["channel"] == "DU0PAT" and "kim@acme.example" in question.text
    approve = next(b for b in question.buttons if b["action_id"] == "confirm_link_approve")
    standin.clear()
    server.post(payloads.block_action(approve, "U0PAT", "T0ACME", "DU0PAT", standin.response_url))
    done = eventually(lambda: len(standin.messages()) >= 2 and standin.messages())
    assert any(r.method == "response" and "is linked to Acme Goods" in r.text for r in done)
    assert any(r.args.get("channel") == "DU0KIM" and "now linked" in r.text for r in done)
    standin.clear()
    [status] = slash(server, standin, "status", user="U0KIM", team="T0ACME")
    assert "*Acme Goods* is on" in status.text


def test_an_unknown_button_still_gets_a_200(slack):
    server, standin, _ = slack
    body = payloads.block_action(
        {"action_id": "retired_button", "value": "{}"},
        "U0PAT",
        "T0ACME",
        "C0SHARED",
        standin.response_url,
    )
    assert server.post(body)[0] == 200


def test_asking_for_a_person_opens_a_ticket_the_team_can_claim(slack):
    server, standin, billing = slack
    inner = payloads.mention(
        "I want to speak with a real person", "U0PAT", "T0VENDOR", "C0SHARED", user_team="T0ACME"
    )
    server.post(payloads.event(inner, "T0VENDOR"))
    posted = eventually(
        lambda: len(standin.of("chat.postMessage")) >= 2 and standin.of("chat.postMessage")
    )
    assert posted, [(c.method, c.args.get("channel"), c.text[:80]) for c in standin.calls]
    staff = next(c for c in posted if c.args["channel"] == "#support-handoff")
    customer = next(c for c in posted if c.args["channel"] == "C0SHARED")
    assert "Support request" in staff.text and "acme" in staff.text
    assert (
        customer.args["thread_ts"] == inner["ts"] and "A person will reply here by" in customer.text
    )
    claim = next(b for b in staff.buttons if b["action_id"] == "claim_ticket")
    standin.clear()
    server.post(
        payloads.block_action(claim, "U0STAFF", "T0VENDOR", "C0HANDOFF", standin.response_url)
    )
    done = eventually(lambda: len(standin.messages()) >= 2 and standin.messages())
    assert any(c.method == "response" and "Claimed by <@U0STAFF>" in c.text for c in done)
    told = next(c for c in done if c.method == "chat.postMessage")
    assert told.args["channel"] == "C0SHARED" and "<@U0STAFF> from our support team" in told.text
    # The bot stays out of the handed-off thread, and the staff reply is recorded.
    standin.clear()
    for user, text in (
        ("U0PAT", "<@U0SUPPORTBOT> what are your support hours?"),
        ("U0STAFF", "On it!"),
    ):
        follow = payloads.message(
            text,
            user,
            "T0VENDOR",
            "C0SHARED",
            channel_type="channel",
            thread_ts=inner["ts"],
            user_team="T0ACME",
        )
        server.post(payloads.event(follow, "T0VENDOR"))
        if user == "U0PAT":
            server.post(
                payloads.event(
                    payloads.mention(
                        "what are your support hours?",
                        user,
                        "T0VENDOR",
                        "C0SHARED",
                        thread_ts=inner["ts"],
                        user_team="T0ACME",
                    ),
                    "T0VENDOR",
                )
            )
    time.sleep(1.5)
    assert standin.messages() == []
    [ticket] = [t for t in _desk(billing).list() if t.thread_ts == inner["ts"]]
    assert ticket.first_response_at is not None and ticket.claimed_by == "U0STAFF"


@pytest.mark.parametrize("failures", [[429, 500], ["timeout"], [503, "timeout", 429]])
def test_web_api_rate_limits_errors_and_timeouts_are_retried_and_delivered_once(slack, failures):
    server, standin, _ = slack
    standin.failures.extend(failures)
    inner = payloads.message("What is the support phone number?", "U0PAT", "T0ACME", "D0PAT")
    status, _, seconds = server.post(payloads.event(inner, "T0VENDOR"))
    assert status == 200 and seconds < 3.0  # the ack does not wait for Slack's Web API
    [reply] = wait_messages(standin)
    assert "805-399-2278" in reply.text and standin.failures == []
    time.sleep(0.5)
    assert len(standin.messages()) == 1


def test_two_servers_on_postgresql_answer_an_event_and_a_button_once(tmp_path):
    from tests.conftest import _fresh_postgres_database, require_postgres

    require_postgres()
    url, drop = _fresh_postgres_database()
    standin = SlackStandIn().start()
    servers = []
    try:
        billing = open_billing(load_settings(ROOT / "app.yaml"), url)
        import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
        for n in range(2):
            (tmp_path / f"s{n}").mkdir()
            servers.append(Server(tmp_path / f"s{n}", standin, url))
        inner = payloads.message("What is the support phone number?", "U0PAT", "T0ACME", "D0PAT")
        body = payloads.event(inner, "T0VENDOR", event_id="Ev0TWOSERVERS")
        assert all(server.post(body)[0] == 200 for server in servers)
        assert len(eventually(lambda: standin.of("chat.postMessage"))) == 1
        time.sleep(1.0)
        assert len(standin.of("chat.postMessage")) == 1
        standin.clear()
        replies = slash(servers[0], standin, "upgrade")
        logs = "\n".join(server.log.read_text()[-1500:] for server in servers)
        assert len(replies) == 1, (replies, standin.calls, logs)
        [quote] = replies
        confirm = next(b for b in quote.buttons if b["action_id"] == "confirm_upgrade")
        click = payloads.block_action(confirm, "U0PAT", "T0ACME", "C0SHARED", standin.response_url)
        assert all(server.post(click)[0] == 200 for server in servers)
        assert len(eventually(lambda: standin.of("response"), timeout=15)) >= 1
        time.sleep(1.0)
        shown = account_json(billing.engine, billing.settings, "acme")
        assert shown["tier"] == "premium" and len(shown["charges"]) == 1
        billing.engine.dispose()
    finally:
        for server in servers:
            server.stop()
        standin.stop()
        drop()


def _chat(server, body: bytes, secret: str = CHAT_SECRET, timestamp: int | None = None, sign=True):
    from bot.conversation.sales_chat import sign as sign_body

    stamp = int(time.time()) if timestamp is None else timestamp
    headers = {"content-type": "application/json", "x-supportbot-timestamp": str(stamp)}
    if sign:
        headers["x-supportbot-signature"] = sign_body(body, secret, stamp)
    request = urllib.request.Request(f"{server.url}/handoff/sales-chat", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


TRANSCRIPT = json.dumps(
    {
        "visitor": "Robin",
        "company": "Widgets Inc",
        "email": "robin@widgets.example",
        "messages": [
            {"from": "visitor", "text": "How much is premium support for a warehouse?"},
            {"from": "agent", "text": "Let me get someone from sales."},
            {"from": "visitor", "text": "We have 12 warehouses, can we get a deal?"},
        ],
    }
).encode()


def test_a_signed_sales_chat_transcript_opens_a_sales_ticket(slack):
    server, standin, billing = slack
    status, reply = _chat(server, TRANSCRIPT)
    assert status == 202 and reply["ticket"].startswith("T-")
    [posted] = eventually(lambda: standin.of("chat.postMessage"))
    assert posted.args["channel"] == "#sales-handoff"
    assert "robin@widgets.example" in posted.text and "$1,199" in posted.text
    ticket = _desk(billing).get(reply["ticket"])
    assert (
        ticket.team == "sales"
        and ticket.reason == "sales_chat"
        and "12 warehouses" in ticket.question
    )


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"secret": "wrong"}, 401),
        ({"timestamp": 1_000_000}, 401),
        ({"sign": False}, 401),
    ],
)
def test_bad_or_stale_sales_chat_signatures_are_refused(slack, kwargs, status):
    server, standin, _ = slack
    assert _chat(server, TRANSCRIPT, **kwargs)[0] == status
    time.sleep(0.3)
    assert standin.of("chat.postMessage") == []


@pytest.mark.parametrize(
    "body",
    [b"not json", b"{}", json.dumps({"visitor": "x", "email": "bad", "messages": []}).encode()],
)
def test_malformed_sales_chat_bodies_get_400(slack, body):
    server, _, _ = slack
    status, reply = _chat(server, body)
    assert status == 400 and reply["ok"] is False and reply["error"]


def test_metrics_count_requests_answers_and_acks_across_workers(slack):
    server, standin, _ = slack
    slash(server, standin, "help")
    inner = payloads.message("What are your support hours?", "U0PAT", "T0ACME", "D0PAT")
    server.post(payloads.event(inner, "T0VENDOR"))
    wait_messages(standin)

    def scrape() -> str:
        with urllib.request.urlopen(f"{server.url}/metrics", timeout=5) as response:
            assert response.headers["Content-Type"].startswith("text/plain")
            return response.read().decode()

    text = eventually(
        lambda: 'supportbot_answers_total{outcome="answered"}' in scrape() and scrape()
    )
    assert 'supportbot_slack_requests_total{kind="command"}' in text
    assert 'supportbot_ack_seconds_bucket{kind="event",le="3.0"}' in text


def test_the_server_log_holds_no_secrets(slack):
    server, standin, _ = slack
    body = payloads.slash_command("status", "U0PAT", "T0ACME", "C0SHARED", standin.response_url)
    server.post(body, payloads.signed_headers(body, "not-the-secret"))  # a refusal gets logged
    time.sleep(0.3)
    log = server.log.read_text()
    assert SECRET not in log and "xoxb-test" not in log and CHAT_SECRET not in log
