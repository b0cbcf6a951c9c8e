"""Cancel and resume: turning renewal off (the plan stays until its end date and nothing more is
charged) or back on before it ends (no charge).

A cancel is a conditional update on the plan's version, and it is refused while a renewal
payment is pending: the renewal recorded its charge in the same transaction that bumped the
version, so a cancel either comes first (nothing is charged) or finds the payment under way.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update

from bot.billing import model
from bot.billing.access import authorize
from bot.billing.charging import live_plan, pending_charge, plan_state
from bot.billing.context import BillingContext, audit
from bot.billing.model import PlanStatus
from bot.billing.results import Actor, Cancelled, Refused, Resumed
from bot.db import now_utc
from bot.db.billing import subscriptions

RENEWAL_PROCESSING = (
    "A renewal payment is being processed for this plan right now, so I can't cancel it this "
    "minute. Please try again in a few minutes; if that payment goes through, cancelling then "
    "stops every later renewal."
)


def cancel(ctx: BillingContext, actor: Actor, now: datetime | None = None) -> Cancelled | Refused:
    """Turn auto-renew off: the paid tier stays until its end date, nothing more is charged."""
    return _toggle_renewal(ctx, actor, now or now_utc(), cancel=True)


def resume(ctx: BillingContext, actor: Actor, now: datetime | None = None) -> Resumed | Refused:
    """Undo a cancellation before the plan ends (no charge)."""
    return _toggle_renewal(ctx, actor, now or now_utc(), cancel=False)


def _toggle_renewal(
    ctx: BillingContext, actor: Actor, now: datetime, cancel: bool
) -> Cancelled | Resumed | Refused:
    action = "cancel" if cancel else "resume"
    who, refusal = authorize(ctx, actor, action)
    if refusal:
        return refusal
    with ctx.engine.begin() as tx:
        plan = live_plan(tx, who.account.id)
        state = plan_state(plan) if plan is not None and plan.period_end else None
        tier = ctx.tier_name(plan.tier if plan is not None else None)
        refusal = model.can_cancel(state, tier) if cancel else model.can_resume(state, now, tier)
        if refusal is None and cancel and pending_charge(tx, plan.id) is not None:
            refusal = model.Refusal("renewal_processing", RENEWAL_PROCESSING)
        if refusal is None:
            new_status = PlanStatus.NON_RENEWING if cancel else PlanStatus.ACTIVE
            changed = tx.execute(
                update(subscriptions)
                .where(subscriptions.c.id == plan.id, subscriptions.c.version == plan.version)
                .values(status=new_status.value, auto_renew=not cancel, version=plan.version + 1)
            ).rowcount
            if not changed:
                refusal = model.Refusal("conflict", "The plan changed meanwhile; please try again.")
            else:
                audit(
                    tx,
                    actor,
                    action,
                    "done",
                    who.account.id,
                    who.user.id,
                    before={"status": plan.status, "auto_renew": plan.auto_renew},
                    after={"status": new_status.value, "auto_renew": not cancel},
                )
    if refusal is not None:
        refused = Refused(refusal.code, refusal.message)
        ctx.audit_refusal(actor, action, refused, who.account.id, who.user.id)
        return refused
    tier_name = ctx.tier_name(plan.tier)
    if cancel:
        return Cancelled(tier_name, plan.period_end, ctx.tier_name(ctx.free_tier))
    return Resumed(tier_name, plan.period_end)
