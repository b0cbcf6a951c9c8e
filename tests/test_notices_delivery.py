"""Notices are never lost: the outbox's claim protocol under a real server, a SIGKILL, failed
sends and two servers on one PostgreSQL.

What each test proves:
- the normal case: one receipt after an upgrade, one DM for a notice queued directly;
- a sender killed between claim and send: the next server sends it once its lease expires;
- a sender killed after sending but before recording it: one duplicate at most;
- a failed send: retried after its back-off, delivered once, its `sent_ts` stored;
- a send that failed for one of two recipients: retried for that one only;
- two servers (and concurrent claimers in one process): each notice claimed and sent once.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from datetime import datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.billing.context import notify
from bot.billing.outbox import LEASE_ENV, Notice, claim, claim_due, deliver_due
from bot.config import load_settings
from bot.conversation.notices import Notices
from bot.db import now_utc
from bot.db.billing import outbox
from bot.slack.client import make_client
from bot.slack.notifications import SEND_DELAY_ENV, deliver_pending
from bot.slack.standin import Call, SlackStandIn
from tests.billing_helpers import ACCOUNTS, billing_service
from tests.conftest import ROOT, _fresh_postgres_database, require_postgres
from tests.slack_harness import Server, click, slash

PAT = ("U0PAT", "T0ACME")
SLACK_TS = re.compile(r"^1700000000\.\d{6}$")  # what the stand-in answers as a message's ts


# -- helpers --------------------------------------------------------------------------------------


def _queue(engine: Engine, names: list[str], recipient: tuple[str, str] | None = PAT) -> None:
    """Queue one notice per name, all in one transaction (as a change would), each with a text
    of its own ("You're now linked to <name>") so every DM can be traced to its notice."""
    with engine.begin() as tx:
        for name in names:
            notify(
                tx,
                "acme",
                "link_decided",
                f"test:{name}",
                {"account_name": name, "approved": True},
                recipient,
            )


def _rows(engine: Engine) -> list:
    with engine.connect() as conn:
        return conn.execute(select(outbox).order_by(outbox.c.id)).all()


def _dms(standin: SlackStandIn) -> list[Call]:
    return standin.of("chat.postMessage")


def _linked_to(standin: SlackStandIn) -> Counter[str]:
    """How many DMs named each queued notice."""
    found = Counter()
    for call in _dms(standin):
        match = re.search(r"linked to (\S+):", call.text)
        if match:
            found[match.group(1)] += 1
    return found


def _wait_for(find, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        time.sleep(0.05)
    return find()


def _sqlite_billing(tmp_path, accounts_yaml: str = ACCOUNTS):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, accounts_yaml)
    return url, billing


# -- (1) the normal case --------------------------------------------------------------------------


def test_a_receipt_and_a_queued_notice_each_arrive_exactly_once(tmp_path):
    url, billing = _sqlite_billing(tmp_path)
    standin = SlackStandIn().start()
    server = Server(tmp_path, standin, url)
    try:
        [quote] = slash(server, standin, "upgrade")
        confirm = next(b for b in quote.buttons if b["action_id"] == "confirm_upgrade")
        [done] = click(server, standin, confirm)
        assert "You're on *Premium Support*" in done.text
        assert _wait_for(lambda: _dms(standin))
        time.sleep(1.5)  # five more delivery rounds in every worker: nothing more may arrive
        [receipt] = _dms(standin)
        assert receipt.args["channel"] == "DU0PAT" and "was charged" in receipt.text
        [row] = _rows(billing.engine)
        assert row.kind == "receipt" and row.delivered_at is not None
        assert SLACK_TS.match(row.sent_ts) and row.attempts == 1

        standin.clear()
        _queue(billing.engine, ["direct"])
        assert _wait_for(lambda: _dms(standin))
        time.sleep(1.5)
        [notice] = _dms(standin)
        assert notice.args["channel"] == "DU0PAT" and "linked to direct" in notice.text
        assert all(r.delivered_at is not None and r.attempts == 1 for r in _rows(billing.engine))
    finally:
        server.stop()
        standin.stop()
        billing.engine.dispose()


# -- (2) a sender killed in the crash window ------------------------------------------------------


def test_a_sender_killed_between_claim_and_send_leaves_the_notice_to_the_next_server(tmp_path):
    """SIGKILL after the claim, before the post: the notice is neither sent nor lost. The next
    server respects the dead sender's lease, then sends it, once."""
    url, billing = _sqlite_billing(tmp_path)
    standin = SlackStandIn().start()
    lease_s = 6.0
    # Senders that claim, then pause for a minute before they post: the window a crash hits.
    slow = Server(tmp_path, standin, url, env_extra={SEND_DELAY_ENV: "60", LEASE_ENV: str(lease_s)})
    restarted = None
    try:
        _queue(billing.engine, ["survivor"])
        assert _wait_for(lambda: [r for r in _rows(billing.engine) if r.attempts])
        slow.kill()  # SIGKILL, claim taken, nothing sent
        killed_at = now_utc()
        [dead] = _rows(billing.engine)
        assert dead.delivered_at is None and dead.claimed_until > killed_at
        assert _dms(standin) == [] and standin.of("conversations.open") == []

        started = time.monotonic()
        restarted = Server(tmp_path, standin, url)  # no pause, the default lease
        startup_s = time.monotonic() - started
        assert _wait_for(lambda: _dms(standin), timeout=lease_s + 20)
        time.sleep(1.0)
        [sent] = _dms(standin)  # once: the dead sender never posted it
        assert sent.args["channel"] == "DU0PAT" and "linked to survivor" in sent.text
        [row] = _rows(billing.engine)
        # Not before the dead sender's lease ran out: a claim is respected while it runs.
        assert row.delivered_at >= dead.claimed_until
        assert row.attempts == dead.attempts + 1 and SLACK_TS.match(row.sent_ts)
        print(
            f"\nlease {lease_s:.0f}s; restart took {startup_s:.1f}s; delivered "
            f"{(row.delivered_at - killed_at).total_seconds():.1f}s after the kill"
        )
    finally:
        for server in (slow, restarted):
            if server is not None:
                server.stop()
        standin.stop()
        billing.engine.dispose()


def test_a_sender_killed_after_sending_causes_one_duplicate_at_most(tmp_path):
    """The other side of the crash window: posted, then killed before `mark_sent`. The next
    sender cannot know the DM went out, so it goes again — once, and never a third time."""
    _, billing = _sqlite_billing(tmp_path)
    sent: list[tuple[int, str]] = []

    def send(notice: Notice, user: str, team: str) -> str:
        sent.append((notice.id, user))
        return f"ts{len(sent)}"

    t0 = now_utc()
    _queue(billing.engine, ["twice"])
    [notice] = claim_due(billing.engine, now=t0)
    send(notice, *notice.recipients[0])  # ...and the process dies here
    assert deliver_due(billing.engine, send, now=t0 + timedelta(seconds=60)) == 0  # leased
    assert deliver_due(billing.engine, send, now=t0 + timedelta(minutes=3)) == 1
    for later in (5, 10, 60):
        assert deliver_due(billing.engine, send, now=t0 + timedelta(minutes=later)) == 0
    assert sent == [(notice.id, "U0PAT")] * 2
    billing.engine.dispose()


# -- (3) failed sends -----------------------------------------------------------------------------


def test_a_failed_send_is_retried_after_its_back_off_and_delivered_once(tmp_path):
    """Slack refuses the post three times (HTTP 200, ok: false, as a real outage answers); the
    notice waits out each back-off (30 s, 1 min, 2 min), then goes out once with its ts.

    Time is stepped (`now=`) rather than waited out; the server's loop calls the same code."""
    _, billing = _sqlite_billing(tmp_path)
    standin = SlackStandIn().start()
    services = SimpleNamespace(engine=billing.engine, notices=Notices(billing.settings))
    client = make_client("xoxb-test", standin.url)
    try:
        _queue(billing.engine, ["retried"])
        standin.failing["chat.postMessage"] = 3
        at: datetime = now_utc()
        for wait_s in (30, 60, 120):
            assert deliver_pending(services, client, now=at) == 0  # refused
            [row] = _rows(billing.engine)
            assert row.delivered_at is None
            assert row.claimed_until == at + timedelta(seconds=wait_s)  # the back-off
            opened = len(standin.of("conversations.open"))
            assert deliver_pending(services, client, now=at + timedelta(seconds=wait_s - 1)) == 0
            assert len(standin.of("conversations.open")) == opened  # not even tried meanwhile
            at += timedelta(seconds=wait_s + 1)  # the lease is over once it has passed
        assert deliver_pending(services, client, now=at) == 1
        assert deliver_pending(services, client, now=at + timedelta(hours=2)) == 0
        [dm] = _dms(standin)
        assert dm.args["channel"] == "DU0PAT" and "linked to retried" in dm.text
        [row] = _rows(billing.engine)
        assert row.delivered_at == at and row.attempts == 4 and row.claimed_until is None
        assert SLACK_TS.match(row.sent_ts)
    finally:
        standin.stop()
        billing.engine.dispose()


TWO_BILLING_USERS = ACCOUNTS.replace(
    "{email: sam@acme.example, slack_user_id: U0SAM, billing_access: false}",
    "{email: sam@acme.example, slack_user_id: U0SAM, billing_access: true}",
)


def test_a_send_that_failed_for_one_recipient_is_retried_for_that_one_only(tmp_path):
    """An account notice goes to every billing user. When the post to the second fails, the
    first has it already: only the second is sent it again."""
    _, billing = _sqlite_billing(tmp_path, TWO_BILLING_USERS)
    received: list[str] = []
    refuse = {"U0SAM": 1}

    def send(notice: Notice, user: str, team: str) -> str:
        if refuse.get(user):
            refuse[user] -= 1
            raise RuntimeError("internal_error")
        received.append(user)
        return f"ts-{user}"

    _queue(billing.engine, ["everyone"], recipient=None)
    t0 = now_utc()
    assert deliver_due(billing.engine, send, now=t0) == 0
    assert received == ["U0PAT"]
    for minutes in (1, 10, 120):
        deliver_due(billing.engine, send, now=t0 + timedelta(minutes=minutes))
    assert sorted(received) == ["U0PAT", "U0SAM"]
    rows = _rows(billing.engine)
    assert all(r.delivered_at is not None for r in rows)
    assert sorted(r.sent_ts for r in rows) == ["ts-U0PAT", "ts-U0SAM"]
    billing.engine.dispose()


# -- (4) many senders at once ---------------------------------------------------------------------


def test_concurrent_claimers_each_win_a_notice_once(database_url):
    """Eight senders in one process race for the same 60 notices (SQLite and PostgreSQL)."""
    billing = billing_service(database_url)
    names = [f"n{i}" for i in range(60)]
    _queue(billing.engine, names)
    won: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def sender() -> None:
        start.wait()
        for _ in range(5):
            for notice in claim_due(billing.engine, limit=60):
                with lock:
                    won.append(notice.id)

    threads = [threading.Thread(target=sender) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won) == sorted(r.id for r in _rows(billing.engine))  # each once, none left
    assert claim(billing.engine, won[0]) is None  # and held: the leases still run
    billing.engine.dispose()


def test_two_servers_on_one_postgres_deliver_each_notice_once(tmp_path):
    """Two servers (each with its gunicorn workers' delivery loops) on one PostgreSQL, with a
    lease shorter than a batch takes to send: claims stay exclusive while a lease runs, so each
    of 30 notices is claimed once and arrives once."""
    require_postgres()
    url, drop = _fresh_postgres_database()
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    standin = SlackStandIn().start()
    servers: list[Server] = []
    # Each send takes 0.15 s: 30 notices take 4.5 s, more than twice the 2 s lease.
    env = {SEND_DELAY_ENV: "0.15", LEASE_ENV: "2"}
    try:
        import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
        for n in range(2):
            (tmp_path / f"s{n}").mkdir()
            servers.append(Server(tmp_path / f"s{n}", standin, url, env_extra=env))
        names = [f"n{i}" for i in range(30)]
        started = time.monotonic()
        _queue(billing.engine, names)
        assert _wait_for(lambda: all(r.delivered_at for r in _rows(billing.engine)), timeout=60), (
            _rows(billing.engine)
        )
        seconds = time.monotonic() - started
        time.sleep(3.0)  # past a lease: a notice claimed twice would show up now
        assert _linked_to(standin) == Counter({name: 1 for name in names})
        rows = _rows(billing.engine)
        assert [r.attempts for r in rows] == [1] * len(names)
        assert all(SLACK_TS.match(r.sent_ts) for r in rows)
        print(f"\n30 notices delivered by two servers in {seconds:.1f}s")
    finally:
        for server in servers:
            server.stop()
        standin.stop()
        billing.engine.dispose()
        drop()
