"""Due-time alerts across instances and restarts: the database decides which process queues an
alert (a conditional update of the ticket's mark, with the notice in the same transaction) and
the outbox's lease decides which process posts it, so two bot instances and two sweeps at once
post each alert once, and a restart neither repeats one nor loses one that was queued."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.bootstrap import open_services
from bot.config import load_settings
from bot.conversation.tickets import TicketDesk
from bot.db.billing import outbox
from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS, PAT, SAM
from tests.conftest import ROOT, _fresh_postgres_database, require_postgres
from tests.slack_harness import Server, eventually

SUPPORTBOT = Path(sys.executable).parent / "supportbot"


def test_two_sweeps_at_once_queue_each_alert_once(database_url, shipped_settings, knowledge):
    """In process, on SQLite and PostgreSQL: eight sweeps racing over the same tickets."""
    services = open_services(shipped_settings, database_url, knowledge=knowledge)
    try:
        import_accounts(services.engine, services.settings, services.billing.gateway, ACCOUNTS)
        desk = services.conversation.desk
        opened = [
            desk.open_ticket(
                who, "support", "C0S", f"1.{n}", "help", None, "x", staff_channel="#desk"
            )
            for n, who in enumerate((PAT, SAM, PAT, SAM))
        ]
        at = max(t.warn_at for t in opened) + timedelta(minutes=1)
        assert at < min(t.due_at for t in opened)
        results: list = []
        barrier = threading.Barrier(8)

        def sweep() -> None:
            barrier.wait()
            results.extend(services.conversation.alerts.sweep(at))

        threads = [threading.Thread(target=sweep) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == sorted((t.id, "ticket_due_soon") for t in opened)
        with services.engine.connect() as conn:
            kinds = conn.execute(select(outbox.c.kind, func.count()).group_by(outbox.c.kind)).all()
        assert dict(kinds) == {"ticket_due_soon": 4}
    finally:
        services.engine.dispose()


def _config(config: dict) -> None:
    config["slack"]["desk"]["staff"] = ["U0STAFF"]


def test_two_instances_on_postgresql_post_each_alert_once_and_restarts_repeat_none(tmp_path):
    require_postgres()
    url, drop = _fresh_postgres_database()
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    standin = SlackStandIn().start()
    servers: list[Server] = []
    desk = TicketDesk(billing.engine, billing.settings, billing.status)
    try:
        import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
        for n in range(2):
            (tmp_path / f"s{n}").mkdir()
            servers.append(Server(tmp_path / f"s{n}", standin, url, configure=_config))
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "SUPPORTBOT_CONFIG": str(servers[0].config_path),
            "LOG_LEVEL": "WARNING",
        }

        def open_ticket(n: int, server: Server) -> str:
            message = standin.remember(
                "C0SUPPORT",
                payloads.message(f"problem number {n}", "U0PAT", "T0ACME", "C0SUPPORT",
                                 channel_type="channel"),
            )  # fmt: skip
            reaction = payloads.reaction("ticket", "U0PAT", "C0SUPPORT", message["ts"], "U0PAT")
            assert server.post(payloads.event(reaction, "T0VENDOR"))[0] == 200
            return message["ts"]

        sources = [open_ticket(n, servers[n % 2]) for n in range(4)]

        def posted_tickets():
            found = [t for t in desk.list() if t.source_ts in sources and t.staff_ts]
            return found if len(found) == len(sources) else None

        tickets = eventually(posted_tickets)
        assert tickets, [(t.id, t.staff_ts) for t in desk.list()]

        def sweep_twice_at_once(at) -> list[str]:
            command = [str(SUPPORTBOT), "tickets", "alerts", "--now", at.isoformat()]
            runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
                    for _ in range(2)]  # fmt: skip
            outputs = [run.communicate(timeout=120)[0] for run in runs]
            assert all(run.returncode == 0 for run in runs), outputs
            return outputs

        def alerts(word: str) -> dict[str, int]:
            counts = {t.id: 0 for t in tickets}
            for call in standin.of("chat.postMessage"):
                for ticket_id in counts:
                    if word in call.text and ticket_id in call.text:
                        counts[ticket_id] += 1
            return counts

        soon = max(t.warn_at for t in tickets) + timedelta(minutes=1)
        outputs = sweep_twice_at_once(soon)
        assert sum(out.count("due soon") for out in outputs) == 4  # queued once each
        eventually(lambda: all(alerts("Due soon").values()))
        late = max(t.due_at for t in tickets) + timedelta(minutes=1)
        sweep_twice_at_once(late)
        eventually(lambda: all(alerts("Overdue").values()))
        time.sleep(1.5)  # both servers' delivery loops have had several rounds
        assert set(alerts("Due soon").values()) == {1}
        assert set(alerts("Overdue").values()) == {1}

        # One instance is killed, the other stopped; a ticket's alert is queued while no bot
        # runs. The next instance posts that one, and none of the old ones again.
        extra = open_ticket(9, servers[0])
        fifth = eventually(lambda: [t for t in desk.list() if t.source_ts == extra and t.staff_ts])
        servers[1].kill()
        servers[0].stop()
        servers.clear()
        at = fifth[0].due_at + timedelta(minutes=1)
        queued = subprocess.run(
            [str(SUPPORTBOT), "tickets", "alerts", "--now", at.isoformat()],
            env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert f"{fifth[0].id}  overdue" in queued.stdout, queued.stderr
        (tmp_path / "s2").mkdir()
        servers.append(Server(tmp_path / "s2", standin, url, configure=_config))
        eventually(
            lambda: [c for c in standin.of("chat.postMessage")
                     if "Overdue" in c.text and fifth[0].id in c.text]
        )  # fmt: skip
        time.sleep(1.5)
        assert set(alerts("Due soon").values()) == {1} and set(alerts("Overdue").values()) == {1}
        overdue_fifth = [c for c in standin.of("chat.postMessage")
                         if "Overdue" in c.text and fifth[0].id in c.text]  # fmt: skip
        assert len(overdue_fifth) == 1
    finally:
        for server in servers:
            server.stop()
        standin.stop()
        billing.engine.dispose()
        drop()
