"""Billing benchmark: upgrade confirmations per second at 8 threads, SQLite and PostgreSQL.

Each confirmation is the whole use case: authorize, reserve the plan, record the pending charge,
call the sandbox gateway (which writes its own ledger row), settle, audit. Accounts are distinct,
so the figure is throughput, not contention on one row.
"""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.billing.results import Actor, Receipt
from bot.config import load_settings

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


def run(work: Path) -> list[Row]:
    rows = [confirmations(f"sqlite:///{work / 'bench.db'}", "billing on SQLite (WAL)")]
    try:
        from sqlalchemy import create_engine

        admin = create_engine(
            "postgresql+psycopg://postgres@127.0.0.1:5432/postgres", isolation_level="AUTOCOMMIT"
        )
        name = f"supportbot_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # no server: say so in the table instead of failing the run
        return [*rows, ("billing on PostgreSQL", "confirmations", "not measured", str(exc)[:60])]
    try:
        rows.append(
            confirmations(f"postgresql://postgres@127.0.0.1:5432/{name}", "billing on PostgreSQL")
        )
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return rows
