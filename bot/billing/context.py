"""What every billing use case works with: the database, the payment gateway, app.yaml; and the
two things every change writes beside itself: an audit row and, where someone must be told, a
notice in the outbox (both in the change's own transaction)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from bot.billing.gateway import PaymentGateway
from bot.billing.results import Actor, Refused
from bot.config import Settings
from bot.db import now_utc
from bot.db.billing import audit_log, outbox

# The database could not be reached (down, restarting, network): the errors worth a retry later.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


@dataclass(frozen=True)
class BillingContext:
    engine: Engine
    gateway: PaymentGateway
    settings: Settings

    @property
    def paid_tier(self) -> str:
        """The tier customers on the free tier upgrade to when they name none."""
        return self.settings.upgrade_target

    @property
    def free_tier(self) -> str:
        return self.settings.default_tier

    def tier_name(self, tier: str | None = None) -> str:
        return self.settings.tiers[tier or self.paid_tier].name

    def audit_refusal(
        self,
        actor: Actor,
        action: str,
        refusal: Refused,
        account_id: str | None,
        user_id: int | None,
    ) -> None:
        """A refused attempt is audited like a change (in its own short transaction)."""
        with self.engine.begin() as tx:
            audit(tx, actor, action, f"refused: {refusal.code}", account_id, user_id)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, default=str, sort_keys=True)


def audit(
    tx: Connection,
    actor: Actor,
    action: str,
    outcome: str,
    account_id: str | None,
    user_id: int | None = None,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append who did what to which account, through what, and the state before and after."""
    tx.execute(
        audit_log.insert().values(
            at=now_utc(),
            account_id=account_id,
            user_id=user_id if user_id is not None else actor.user_id,
            slack_user_id=actor.slack_user_id,
            slack_team_id=actor.slack_team_id,
            via=actor.via,
            action=action,
            before=_json(before),
            after=_json(after),
            outcome=outcome[:200],
        )
    )


def notify(
    tx: Connection,
    account_id: str,
    kind: str,
    dedupe_key: str,
    payload: dict,
    recipient: tuple[str, str] | None = None,
) -> None:
    """Queue a notice in the same transaction as the change it reports: it is sent once that
    commits, to `recipient` (Slack user and team) or else the account's billing users."""
    tx.execute(
        outbox.insert().values(
            account_id=account_id,
            kind=kind,
            dedupe_key=dedupe_key,
            payload=json.dumps(payload, default=str, sort_keys=True),
            created_at=now_utc(),
            recipient=recipient[0] if recipient else None,
            recipient_team=recipient[1] if recipient else None,
        )
    )
