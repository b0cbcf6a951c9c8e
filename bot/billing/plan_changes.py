"""Cancel, resume and downgrade: turning renewal off (the plan stays until its end date and
nothing more is charged), back on before it ends (no charge), or scheduling a move to a lower
paid tier at the renewal date (charged then, at the lower price).

Each is a conditional update on the plan's version, refused while a payment for the plan is
pending: a renewal records its charge in the same transaction that bumps the version, so a
change either comes first (the renewal is decided on it) or finds the payment under way. A cancel
or downgrade within app.yaml's `billing.cancel_notice_days` of the renewal is refused, and the
renewal goes ahead as it was; resuming, or calling off a scheduled downgrade, is never late.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.engine import Connection, Row

from bot.billing import model, tiers
from bot.billing.access import authorize
from bot.billing.charging import live_plan, pending_charge, plan_state
from bot.billing.context import BillingContext, audit
from bot.billing.model import PlanStatus
from bot.billing.results import Actor, Cancelled, Downgraded, Refused, Resumed
from bot.db import now_utc, reading
from bot.db.billing import subscriptions

RENEWAL_PROCESSING = (
    "A renewal payment is being processed for this plan right now, so I can't cancel it this "
    "minute. Please try again in a few minutes; if that payment goes through, cancelling then "
    "stops every later renewal."
)
PAYMENT_PROCESSING = (
    "A payment for this plan is being processed right now, so I can't change it this minute. "
    "Please try again in a few minutes."
)


def cancel(ctx: BillingContext, actor: Actor, now: datetime | None = None) -> Cancelled | Refused:
    """Turn auto-renew off: the paid tier stays until its end date, nothing more is charged."""
    return _toggle_renewal(ctx, actor, now or now_utc(), cancel=True)


def resume(ctx: BillingContext, actor: Actor, now: datetime | None = None) -> Resumed | Refused:
    """Undo a cancellation, or a scheduled downgrade, before the plan ends (no charge)."""
    return _toggle_renewal(ctx, actor, now or now_utc(), cancel=False)


def too_late(ctx: BillingContext, plan: Row, now: datetime) -> model.Refusal | None:
    """A cancel or downgrade inside the vendor's notice period before the renewal."""
    days = ctx.settings.billing.cancel_notice_days
    if not model.within_notice(plan_state(plan), now, days):
        return None
    local = plan.period_end.astimezone(ctx.settings.timezone)
    return model.Refusal(
        "notice_period",
        f"{ctx.tier_name(plan.tier)} renews on {local:%B} {local.day}, and changes to a renewal "
        f"need {days} day{'' if days == 1 else 's'} notice, so this renewal goes ahead as it is. "
        "Once it has renewed you can cancel or change the plan for the following renewal.",
    )


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
        if refusal is None and cancel:
            refusal = too_late(ctx, plan, now)
        if refusal is None:
            new_status = PlanStatus.NON_RENEWING if cancel else PlanStatus.ACTIVE
            if not cancel and plan.status == PlanStatus.PAST_DUE.value:
                new_status = PlanStatus.PAST_DUE  # calling off a downgrade keeps it past due
            changed = tx.execute(
                update(subscriptions)
                .where(subscriptions.c.id == plan.id, subscriptions.c.version == plan.version)
                .values(
                    status=new_status.value,
                    auto_renew=not cancel,
                    next_tier=None,
                    version=plan.version + 1,
                )
            ).rowcount
            if not changed:
                refusal = model.Refusal("conflict", "The plan changed meanwhile; please try again.")
            else:
                before = {"status": plan.status, "auto_renew": plan.auto_renew}
                if plan.next_tier:
                    before["next_tier"] = plan.next_tier
                audit(
                    tx,
                    actor,
                    action,
                    "done",
                    who.account.id,
                    who.user.id,
                    before=before,
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


def downgrade(
    ctx: BillingContext, actor: Actor, tier: str, now: datetime | None = None
) -> Downgraded | Refused:
    """Schedule the plan's move to the lower paid tier `tier` at its renewal date; done twice,
    the second is told it was scheduled already. A cancelled plan is turned back on to renew
    at the lower tier."""
    now = now or now_utc()
    who, refusal = authorize(ctx, actor, "downgrade")
    if refusal:
        return refusal
    if tier not in ctx.settings.tiers:
        return Refused("unknown_tier", "That tier isn't offered; ask for /support-tier help.")
    replayed = False
    with ctx.engine.begin() as tx:
        plan = live_plan(tx, who.account.id)
        refusal = _downgrade_refusal(ctx, tx, who.account.name, plan, tier, now)
        if refusal is None and plan.next_tier == tier and plan.auto_renew:
            replayed = True
        elif refusal is None:
            changed = tx.execute(
                update(subscriptions)
                .where(subscriptions.c.id == plan.id, subscriptions.c.version == plan.version)
                .values(
                    status=PlanStatus.ACTIVE.value,
                    auto_renew=True,
                    next_tier=tier,
                    version=plan.version + 1,
                )
            ).rowcount
            if not changed:
                refusal = model.Refusal("conflict", "The plan changed meanwhile; please try again.")
            else:
                audit(
                    tx,
                    actor,
                    "downgrade",
                    "scheduled",
                    who.account.id,
                    who.user.id,
                    before={"tier": plan.tier, "status": plan.status},
                    after={"next_tier": tier, "at": plan.period_end},
                )
    if refusal is not None:
        refused = Refused(refusal.code, refusal.message)
        ctx.audit_refusal(actor, "downgrade", refused, who.account.id, who.user.id)
        return refused
    return Downgraded(
        tier_name=ctx.tier_name(plan.tier),
        to_tier_name=ctx.tier_name(tier),
        at=plan.period_end,
        price_cents=ctx.settings.price_cents(tier, who.account.type),
        currency=ctx.settings.billing.currency,
        replayed=replayed,
    )


def check_downgrade(
    ctx: BillingContext, actor: Actor, tier: str, now: datetime | None = None
) -> Refused | None:
    """Why a downgrade to `tier` would be refused now, without doing it (so the question is
    only asked when the answer can be yes)."""
    who, refusal = authorize(ctx, actor, "downgrade")
    if refusal or tier not in ctx.settings.tiers:
        return refusal or Refused("unknown_tier", "That tier isn't offered.")
    with reading(ctx.engine) as tx:
        plan = live_plan(tx, who.account.id)
        found = _downgrade_refusal(ctx, tx, who.account.name, plan, tier, now or now_utc())
    return Refused(found.code, found.message) if found else None


def _downgrade_refusal(
    ctx: BillingContext,
    tx: Connection,
    account_name: str,
    plan: Row | None,
    tier: str,
    now: datetime,
) -> model.Refusal | None:
    entitled = plan is not None and PlanStatus(plan.status) in model.ENTITLED
    if not entitled:
        return model.Refusal(
            "not_premium",
            f"There is no paid plan to change: {account_name} is on "
            f"{ctx.tier_name(ctx.free_tier)}.",
        )
    move = tiers.move(ctx.settings, plan.tier, tier)
    target, current = ctx.tier_name(tier), ctx.tier_name(plan.tier)
    if plan.status == PlanStatus.NON_RENEWING.value and plan.period_end <= now:
        return model.Refusal(  # a downgrade must not bring an ended plan back to renew
            "ended", f"This {current} plan has already ended; upgrade again to start a new one."
        )
    if move is tiers.Move.SAME:
        return model.Refusal("same_tier", f"{account_name} is already on {current}.")
    if move is tiers.Move.UP:
        return model.Refusal(
            "higher_tier", f"{target} is above {current}: use `/support-tier upgrade {tier}`."
        )
    if move is tiers.Move.TO_FREE:
        return model.Refusal(
            "free_tier", f"{target} is the free tier: use `/support-tier cancel` to return to it."
        )
    if plan.next_tier == tier and plan.auto_renew:
        return None  # scheduled already: said again, not done again
    if plan.status == PlanStatus.PAST_DUE.value:
        return model.Refusal(
            "past_due",
            f"The last renewal payment for {current} was declined; update the card on file "
            "first, or cancel.",
        )
    if pending_charge(tx, plan.id) is not None:
        return model.Refusal("payment_processing", PAYMENT_PROCESSING)
    return too_late(ctx, plan, now)
