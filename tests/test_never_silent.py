"""Never silent: every listener of the real server, met by a failing dependency, still tells the
person what happened and what they can do, and the failure is counted in /metrics.

The database goes away (PostgreSQL behind a TCP forwarder the test cuts) and each way in is
tried in turn: a direct message, a mention, a question in a channel that answers every
question, /support-tier, a button, the App Home tab, a reaction and a submitted form. Then Slack
refuses the team's channel for a handoff: the customer still hears when a reply is due, and
that part of it did not go through."""

from __future__ import annotations

import urllib.request

from sqlalchemy.engine import make_url

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.config import load_settings
from bot.conversation.failures import DATABASE_DOWN, PARTLY_DONE
from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT, _fresh_postgres_database, require_postgres
from tests.slack_harness import Server, eventually, slash
from tests.tcp_proxy import TcpProxy

EMAIL = "help@cartrover.com"  # app.yaml's contact.email: offered for what cannot wait


def _channels(config: dict) -> None:
    config["slack"]["support_channels"] = [
        {"name": "C0SUPPORT"},
        {"name": "C0ALWAYS", "answer_top_level": "always"},
    ]


def _failed_for(standin, user: str) -> list:
    """What the person was told about the failure, wherever it went."""
    return [
        c
        for c in standin.calls
        if DATABASE_DOWN in c.text
        and (
            c.args.get("user") in (user, None)
            or c.args.get("channel") == f"D{user}"
            or c.args.get("user_id") == user
        )
    ]


def test_every_listener_tells_the_person_when_the_database_is_down(tmp_path):
    require_postgres()
    url, drop = _fresh_postgres_database()
    direct = make_url(url)
    proxy = TcpProxy(direct.host or "127.0.0.1", direct.port or 5432).start()
    through = direct.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    standin = SlackStandIn().start()
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    server = None
    try:
        import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
        server = Server(tmp_path, standin, through, configure=_channels)
        question = standin.remember(
            "C0SUPPORT",
            payloads.message("sync broke", "U0PAT", "T0ACME", "C0SUPPORT", channel_type="channel"),
        )
        proxy.cut()

        def told(user: str, send) -> object:
            standin.clear()
            send()
            found = eventually(lambda: _failed_for(standin, user))
            assert found, (user, [(c.method, c.text[:80]) for c in standin.calls])
            assert EMAIL in found[0].text  # and what to do if it can't wait
            return found[0]

        post = lambda inner: server.post(payloads.event(inner, "T0VENDOR"))  # noqa: E731
        dm = told("U0A1", lambda: post(payloads.message("hours?", "U0A1", "T0ACME", "D0A1")))
        assert dm.method == "chat.postMessage" and dm.args["channel"] == "D0A1"
        mention = told("U0A2", lambda: post(payloads.mention("hours?", "U0A2", "T0ACME", "C0X")))
        assert mention.method == "chat.postEphemeral" and mention.args["channel"] == "C0X"
        always = told("U0A3", lambda: post(payloads.message(
            "what are the hours?", "U0A3", "T0ACME", "C0ALWAYS", channel_type="channel")))
        assert always.method == "chat.postEphemeral"  # fmt: skip
        [ack] = slash(server, standin, "status", user="U0A4")
        assert DATABASE_DOWN in ack.text
        button = {"action_id": "feedback_helpful", "value": '{"q": "hours?"}'}
        clicked = told("U0A5", lambda: server.post(payloads.block_action(
            button, "U0A5", "T0ACME", "D0A5", standin.response_url)))  # fmt: skip
        assert clicked.method == "response"
        home = told("U0A6", lambda: post({"type": "app_home_opened", "user": "U0A6",
                                          "channel": "D0A6", "tab": "home"}))  # fmt: skip
        assert home.method == "views.publish"
        reacted = told("U0PAT", lambda: post(payloads.reaction(
            "ticket", "U0PAT", "C0SUPPORT", question["ts"], "U0PAT")))  # fmt: skip
        assert reacted.method == "chat.postEphemeral" and reacted.args["channel"] == "C0SUPPORT"
        form = {"callback_id": "rate_ticket_comment_sent",
                "private_metadata": '{"t": "T-1"}', "blocks": []}  # fmt: skip
        submitted = told("U0A7", lambda: server.post(payloads.form_submission(
            form, "great", "U0A7", "T0ACME")))  # fmt: skip
        assert submitted.args["channel"] == "DU0A7"

        with urllib.request.urlopen(f"{server.url}/metrics", timeout=5) as response:
            metrics = response.read().decode()
        counted = [
            line
            for line in metrics.splitlines()
            if line.startswith('supportbot_errors_total{cause="database_unavailable"}')
        ]
        assert counted and float(counted[0].split()[-1]) >= 8
        assert "Traceback" in server.log.read_text()  # logged with its cause
    finally:
        if server is not None:
            server.stop()
        standin.stop()
        proxy.cut()
        billing.engine.dispose()
        drop()


def test_a_team_channel_that_refuses_the_ticket_still_leaves_the_customer_told(tmp_path):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn().start()
    standin.refused_channels.add("#support-handoff")  # the bot was never invited there
    server = Server(tmp_path, standin, url)
    try:
        inner = payloads.mention("I want to talk to a real person", "U0PAT", "T0ACME", "C0SHARED")
        server.post(payloads.event(inner, "T0VENDOR"))
        found = eventually(
            lambda: any(PARTLY_DONE in c.text for c in standin.calls) and standin.calls
        )
        assert found, [(c.method, c.text[:60]) for c in standin.calls]
        promise = [c for c in standin.of("chat.postMessage") if c.args["channel"] == "C0SHARED"]
        assert promise and "A person will reply here by" in promise[0].text
        [sorry] = [c for c in standin.calls if PARTLY_DONE in c.text]
        assert sorry.method == "chat.postEphemeral" and sorry.args["user"] == "U0PAT"
        assert "channel_not_found" in server.log.read_text()  # the cause, for the operator
        with urllib.request.urlopen(f"{server.url}/metrics", timeout=5) as response:
            assert 'supportbot_errors_total{cause="partly_delivered"}' in response.read().decode()
    finally:
        server.stop()
        standin.stop()
        billing.engine.dispose()
