"""Scale-out on PostgreSQL: two bot instances serving Slack while a sweep runs from each of two
machines at once. Afterwards every account is in the state its plan calls for, and the card
network (the sandbox ledger) saw exactly the charges our records show — none twice."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot.billing import open_billing
from bot.billing.admin import account_json, import_accounts
from bot.billing.gateway import sandbox_ledger
from bot.billing.results import Actor, Receipt
from bot.config import load_settings
from bot.db import now_utc
from bot.db.billing import charges
from bot.slack.standin import SlackStandIn
from tests.conftest import ROOT, _fresh_postgres_database, require_postgres
from tests.slack_harness import Server, slash

SUPPORTBOT = Path(sys.executable).parent / "supportbot"
KINDS = {"renews": "tok_visa", "cancelled": "tok_visa", "declines": "tok_visa"}


def _accounts(per_kind: int, card_of: dict[str, str]) -> str:
    lines = ["accounts:"]
    for kind, card in card_of.items():
        for n in range(per_kind):
            lines.append(
                f"  - {{id: {kind}{n}, name: {kind} {n}, type: merchant, slack_team_id: "
                f"T{kind[:3].upper()}{n}, card: {card}, users: [{{email: p@{kind}{n}.example, "
                f"slack_user_id: U{kind[:3].upper()}{n}, primary: true}}]}}"
            )
    return "\n".join(lines) + "\n"


def test_two_instances_and_two_sweeps_at_once_leave_every_account_right(tmp_path):
    require_postgres()
    url, drop = _fresh_postgres_database()
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    standin = SlackStandIn().start()
    servers: list[Server] = []
    per_kind = 6
    try:
        import_accounts(
            billing.engine, billing.settings, billing.gateway, _accounts(per_kind, KINDS)
        )
        a_year_ago = now_utc() - timedelta(days=366)
        for kind in KINDS:
            for n in range(per_kind):
                actor = Actor.slack(f"U{kind[:3].upper()}{n}", f"T{kind[:3].upper()}{n}")
                quote = billing.quote_upgrade(actor, now=a_year_ago)
                assert isinstance(billing.confirm(actor, quote.id, now=a_year_ago), Receipt)
                if kind == "cancelled":
                    billing.cancel(actor, now=a_year_ago + timedelta(days=30))
        # The declining accounts' cards now fail.
        import_accounts(
            billing.engine,
            billing.settings,
            billing.gateway,
            _accounts(per_kind, {"declines": "tok_chargeDeclined"}),
        )
        for n in range(2):
            (tmp_path / f"s{n}").mkdir()
            servers.append(Server(tmp_path / f"s{n}", standin, url))

        env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
        command = [str(SUPPORTBOT), "--config", str(ROOT / "app.yaml"), "billing", "sweep"]
        sweeps = [
            subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)
        ]
        for n in range(per_kind):  # customers keep using both instances meanwhile
            [shown] = slash(servers[n % 2], standin, "status", user=f"UREN{n}", team=f"TREN{n}")
            assert "Premium Support" in shown.text
        outputs = [sweep.communicate(timeout=120)[0] for sweep in sweeps]
        assert all(sweep.returncode == 0 for sweep in sweeps), outputs

        for n in range(per_kind):
            renewed = account_json(billing.engine, billing.settings, f"renews{n}")
            assert renewed["tier"] == "premium"
            assert [c["status"] for c in renewed["charges"]] == ["succeeded", "succeeded"]
            assert renewed["renews_at"] > now_utc().isoformat()  # a year on from the old end
            ended = account_json(billing.engine, billing.settings, f"cancelled{n}")
            assert ended["tier"] == "standard" and len(ended["charges"]) == 1
            declined = account_json(billing.engine, billing.settings, f"declines{n}")
            assert declined["tier"] == "premium" and declined["status"] == "past_due"
            assert [c["status"] for c in declined["charges"]] == ["succeeded", "failed"]
        with billing.engine.connect() as conn:
            ours = conn.execute(
                select(func.count()).select_from(charges).where(charges.c.status == "succeeded")
            ).scalar()
            network = conn.execute(
                select(func.count())
                .select_from(sandbox_ledger)
                .where(sandbox_ledger.c.outcome == "succeeded")
            ).scalar()
        assert ours == network == 3 * per_kind + per_kind  # every upgrade, plus each renewal once
    finally:
        for server in servers:
            server.stop()
        standin.stop()
        billing.engine.dispose()
        drop()
