"""Billing benchmarks on SQLite and PostgreSQL: upgrade confirmations per second at 8 threads,
and the sweep over 10,000 plans due for renewal (one sweep, then two at once on PostgreSQL, as
cron on two machines would run them), beside the same sweep re-run with nothing left to do.

Each confirmation is the whole use case: authorize, reserve the plan, record the pending charge,
call the sandbox gateway (which writes its own ledger row), settle, audit. Each renewal is the
same path for the sweep. Accounts are distinct, so the figures are throughput, not contention.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.billing.results import Actor, Receipt
from bot.config import load_settings
from bot.db import now_utc
from bot.db.billing import accounts, payment_methods, subscriptions

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, str, str, str]


def _accounts(count: int) -> str:
    lines = ["accounts:"]
    for n in range(count):
        lines += [
            f"  - {{id: bench{n}, name: Bench {n}, type: merchant, slack_team_id: TB{n:05d}, "
            f"card: tok_visa, users: [{{email: u{n}@bench.example, slack_user_id: UB{n:05d}, "
            "primary: true}]}",
        ]
    return "\n".join(lines) + "\n"


def confirmations(url: str, label: str, threads: int = 8, per_thread: int = 40) -> Row:
    service = open_billing(load_settings(ROOT / "app.yaml"), url)
    total = threads * per_thread
    import_accounts(service.engine, service.settings, service.gateway, _accounts(total))
    actors = [Actor.slack(f"UB{n:05d}", f"TB{n:05d}") for n in range(total)]
    quotes = [service.quote_upgrade(actor).id for actor in actors]
    failures: list[object] = []

    def work(offset: int) -> None:
        for n in range(offset, total, threads):
            outcome = service.confirm(actors[n], quotes[n])
            if not isinstance(outcome, Receipt):
                failures.append(outcome)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    service.engine.dispose()
    assert not failures, failures[:3]
    per_second = total / elapsed
    return (
        label,
        f"confirmations, {threads} threads",
        f"{per_second:.0f} per second",
        f"{total} upgrades in {elapsed:.2f} s, each charged once",
    )


def _due_plans(service, count: int, now: datetime) -> None:
    """`count` accounts with a card and a Premium plan that ended an hour ago, in bulk (the
    benchmark measures the sweep, not the set-up)."""
    started, ended = now - timedelta(days=366), now - timedelta(hours=1)
    with service.engine.begin() as tx:
        tx.execute(
            accounts.insert(),
            [
                {
                    "id": f"due{n}",
                    "name": f"Due {n}",
                    "type": "merchant",
                    "slack_team_id": f"TD{n:05d}",
                    "phone_support_code": f"{n:06d}",
                    "created_at": started,
                }
                for n in range(count)
            ],
        )
        tx.execute(
            payment_methods.insert(),
            [
                {
                    "account_id": f"due{n}",
                    "token": "tok_visa",
                    "brand": "Visa",
                    "last4": "4242",
                    "updated_at": started,
                }
                for n in range(count)
            ],
        )
        tx.execute(
            subscriptions.insert(),
            [
                {
                    "account_id": f"due{n}",
                    "tier": "premium",
                    "status": "active",
                    "price_cents": 39900,
                    "currency": "USD",
                    "term_months": 12,
                    "started_at": started,
                    "period_start": started,
                    "period_end": ended,
                    "auto_renew": True,
                    "created_at": started,
                    "version": 1,
                }
                for n in range(count)
            ],
        )


def sweeps(url: str, label: str, plans: int, at_once: int) -> list[Row]:
    service = open_billing(load_settings(ROOT / "app.yaml"), url)
    now = now_utc()
    _due_plans(service, plans, now)
    reports: list[object] = []
    started = time.perf_counter()
    workers = [
        threading.Thread(target=lambda: reports.append(service.sweep(now=now)))
        for _ in range(at_once)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    renewed = sum(report.renewed for report in reports)
    charged = service.gateway.charges_for("renewal:")
    idle_started = time.perf_counter()
    service.sweep(now=now)
    idle = time.perf_counter() - idle_started
    service.engine.dispose()
    assert renewed == charged == plans, (renewed, charged, plans)
    how = "one sweep" if at_once == 1 else f"{at_once} sweeps at once"
    return [
        (
            label,
            f"sweep, {plans:,} plans due ({how})",
            f"{elapsed:.1f} s",
            f"{plans / elapsed:,.0f} renewals/s, each charged once · "
            f"re-run with nothing due {idle:.2f} s",
        )
    ]


def _postgres_database() -> tuple[str, Callable[[], None]] | str:
    """A scratch database on the local PostgreSQL, or why there is none."""
    try:
        from sqlalchemy import create_engine

        admin = create_engine(
            "postgresql+psycopg://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT"
        )
        name = f"supportbot_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # no server: say so in the table instead of failing the run
        return str(exc)[:60]

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return f"postgresql://postgres@127.0.0.1:5432/{name}", drop


def run(work: Path, plans: int = 10_000) -> list[Row]:
    rows = [confirmations(f"sqlite:///{work / 'bench.db'}", "billing on SQLite (WAL)")]
    rows += sweeps(f"sqlite:///{work / 'sweep.db'}", "billing on SQLite (WAL)", plans, 1)
    for kind, at_once in (("confirm", 0), ("sweep", 1), ("sweep", 2)):
        database = _postgres_database()
        if isinstance(database, str):
            return [*rows, ("billing on PostgreSQL", kind, "not measured", database)]
        url, drop = database
        try:
            if kind == "confirm":
                rows.append(confirmations(url, "billing on PostgreSQL"))
            else:
                rows += sweeps(url, "billing on PostgreSQL", plans, at_once)
        finally:
            drop()
    return rows
