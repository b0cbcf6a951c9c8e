"""Faults a production bot meets: the database going away mid-conversation, a server killed in
the middle of a charge. Real parts throughout: the real server, PostgreSQL behind a TCP
forwarder the test can cut, the sandbox gateway's own ledger as the card network's memory."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.engine import make_url

from bot.billing import open_billing
from bot.billing.admin import account_json, import_accounts
from bot.config import load_settings
from bot.conversation.failures import DATABASE_DOWN
from bot.db.billing import charges
from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT, _fresh_postgres_database, require_postgres
from tests.slack_harness import Server, click, slash, wait_messages
from tests.tcp_proxy import TcpProxy


def test_the_database_going_down_mid_conversation_changes_nothing_and_recovers(tmp_path):
    require_postgres()
    url, drop = _fresh_postgres_database()
    direct = make_url(url)
    proxy = TcpProxy(direct.host or "127.0.0.1", direct.port or 5432).start()
    through_proxy = direct.set(host="127.0.0.1", port=proxy.port).render_as_string(False)
    standin = SlackStandIn().start()
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    server = None
    try:
        import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
        server = Server(tmp_path, standin, through_proxy)
        [quote] = slash(server, standin, "upgrade")
        confirm = next(b for b in quote.buttons if b["action_id"] == "confirm_upgrade")

        proxy.cut()
        [status] = slash(server, standin, "status")  # the ack itself, inside 3 seconds
        assert DATABASE_DOWN in status.text
        standin.clear()
        [clicked] = click(server, standin, confirm)
        assert clicked.method == "response" and DATABASE_DOWN in clicked.text
        standin.clear()
        question = payloads.message("What are your support hours?", "U0PAT", "T0ACME", "D0PAT")
        server.post(payloads.event(question, "T0VENDOR"))
        [told] = wait_messages(standin)
        assert told.args["channel"] == "D0PAT" and DATABASE_DOWN in told.text
        with billing.engine.connect() as conn:  # nothing half-done
            assert conn.execute(select(charges)).all() == []
        assert billing.gateway.charges_for() == 0

        proxy.start()  # the database is back: the same quote goes through, once
        standin.clear()
        [status] = slash(server, standin, "status")
        assert "Standard Support" in status.text
        [receipt] = click(server, standin, confirm)
        assert "You're on *Premium Support*" in receipt.text
        shown = account_json(billing.engine, billing.settings, "acme")
        assert shown["tier"] == "premium" and len(shown["charges"]) == 1
        assert billing.gateway.charges_for() == 1
    finally:
        if server is not None:
            server.stop()
        standin.stop()
        proxy.cut()
        billing.engine.dispose()
        time.sleep(0.2)
        drop()


def test_a_server_killed_mid_charge_leaves_one_charge_that_the_sweep_completes(tmp_path):
    from bot.billing import SANDBOX_DELAY_ENV
    from bot.db.billing import subscriptions

    url = f"sqlite:///{tmp_path / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn().start()
    slow = Server(tmp_path, standin, url, env_extra={SANDBOX_DELAY_ENV: "60"})
    restarted = None
    try:
        [quote] = slash(slow, standin, "upgrade")
        confirm = next(b for b in quote.buttons if b["action_id"] == "confirm_upgrade")
        body = payloads.block_action(confirm, "U0PAT", "T0ACME", "C0SHARED", standin.response_url)
        assert slow.post(body)[0] == 200
        deadline = time.monotonic() + 20
        while billing.gateway.charges_for() == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert billing.gateway.charges_for() == 1  # the card network took the money...
        slow.kill()  # ...and the server died before it heard back
        with billing.engine.connect() as conn:
            assert conn.execute(select(charges.c.status)).scalars().all() == ["pending"]
            assert conn.execute(select(subscriptions.c.status)).scalars().all() == ["incomplete"]
        assert account_json(billing.engine, billing.settings, "acme")["tier"] == "standard"

        standin.clear()
        restarted = Server(tmp_path, standin, url)
        [again] = click(restarted, standin, confirm)  # the customer, unsure, clicks again
        assert again.text.startswith("Your payment is processing")
        assert billing.gateway.charges_for() == 1
        from bot.db import now_utc

        later = now_utc() + timedelta(minutes=2)
        report = billing.sweep(now=later)  # what cron's `supportbot billing sweep` runs
        assert report.resolved_pending == 1
        shown = account_json(billing.engine, billing.settings, "acme")
        assert shown["tier"] == "premium"
        assert [c["status"] for c in shown["charges"]] == ["succeeded"]
        assert billing.gateway.charges_for() == 1  # charged once, whatever happened
        receipts = wait_messages(standin, count=2)
        assert any("was charged" in c.text for c in receipts if c.method == "chat.postMessage")
    finally:
        for server in (slow, restarted):
            if server is not None:
                server.stop()
        standin.stop()
        billing.engine.dispose()
