"""Billing use cases behind one object: status, quote, confirm, cancel, resume, downgrade,
grant, revoke, sweep. Each lives in its own module (status, purchase, plan_changes, access,
renewals); this facade gives front ends one thing to hold.

Every use case takes the acting user and checks, on every call, that the user is linked to the
account and may do what they ask, so no entry point (Slack, console, CLI) can skip it. Every
change and every refusal writes an audit row.

Money moves in three steps: (1) in one transaction the plan slot is reserved and the charge is
recorded as pending with its idempotency key; (2) the gateway is called with that key; (3) in a
second transaction the outcome is applied with conditional updates. A crash or timeout between
them leaves a pending charge that `sweep` settles by asking the gateway again with the same key,
which never charges twice.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Connection, Engine

from bot.billing import access, plan_changes, purchase, renewals, status
from bot.billing.access import Who
from bot.billing.context import DATABASE_UNAVAILABLE, BillingContext, audit, notify
from bot.billing.gateway import PaymentGateway
from bot.billing.results import (
    AccessChanged,
    AccountStatus,
    Actor,
    Cancelled,
    Downgraded,
    Quote,
    Refused,
    Resumed,
    SweepReport,
)
from bot.config import Settings

__all__ = ["DATABASE_UNAVAILABLE", "BillingService", "Who"]


class BillingService:
    """The billing use cases over one database, one gateway and one app.yaml."""

    def __init__(self, engine: Engine, gateway: PaymentGateway, settings: Settings) -> None:
        self.ctx = BillingContext(engine, gateway, settings)

    @property
    def engine(self) -> Engine:
        return self.ctx.engine

    @property
    def gateway(self) -> PaymentGateway:
        return self.ctx.gateway

    @property
    def settings(self) -> Settings:
        return self.ctx.settings

    # -- the use cases ----------------------------------------------------------------------------

    def status(self, actor: Actor, audit_refusal: bool = True) -> AccountStatus | Refused:
        return status.read_status(self.ctx, actor, audit_refusal)

    def quote_upgrade(
        self, actor: Actor, now: datetime | None = None, tier: str | None = None
    ) -> Quote | Refused:
        """A quote to move up to `tier` (by default the next tier up)."""
        return purchase.quote_upgrade(self.ctx, actor, now, tier)

    def confirm(self, actor: Actor, quote_id: str, now: datetime | None = None):
        return purchase.confirm(self.ctx, actor, quote_id, now)

    def cancel(self, actor: Actor, now: datetime | None = None) -> Cancelled | Refused:
        return plan_changes.cancel(self.ctx, actor, now)

    def resume(self, actor: Actor, now: datetime | None = None) -> Resumed | Refused:
        return plan_changes.resume(self.ctx, actor, now)

    def downgrade(
        self, actor: Actor, tier: str, now: datetime | None = None
    ) -> Downgraded | Refused:
        """Schedule a move to the lower paid tier `tier` at the renewal date."""
        return plan_changes.downgrade(self.ctx, actor, tier, now)

    def check_downgrade(
        self, actor: Actor, tier: str, now: datetime | None = None
    ) -> Refused | None:
        """Why `downgrade` would be refused now (None: it would be done)."""
        return plan_changes.check_downgrade(self.ctx, actor, tier, now)

    def set_billing_access(
        self,
        actor: Actor,
        target_email: str | None = None,
        target_slack_user: str | None = None,
        grant: bool = True,
        account_id: str | None = None,
        check_only: bool = False,
    ) -> AccessChanged | Refused:
        return access.set_billing_access(
            self.ctx, actor, target_email, target_slack_user, grant, account_id, check_only
        )

    def sweep(
        self,
        now: datetime | None = None,
        workers: int | None = None,
        on_progress: renewals.OnProgress | None = None,
    ) -> SweepReport:
        """The scheduler's run; `on_progress(done, total)` counts the due plans settled."""
        return renewals.sweep(self.ctx, now, workers, on_progress)

    # -- for the other billing modules (linking, admin) -------------------------------------------

    def resolve_actor(self, tx: Connection, actor: Actor) -> Who | Refused:
        return access.resolve_actor(tx, actor, self.settings)

    audit = staticmethod(audit)
    notify = staticmethod(notify)

    def audit_refusal(
        self,
        actor: Actor,
        action: str,
        refusal: Refused,
        account_id: str | None,
        user_id: int | None,
    ) -> None:
        self.ctx.audit_refusal(actor, action, refusal, account_id, user_id)
