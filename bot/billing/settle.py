"""What a settled charge does to the plan it pays for, by kind: a new plan starts (subscribe), a
live plan moves up to the tier it paid for (change), or a plan renews into its next period, at a
lower tier when one was scheduled (renewal).

Each runs inside the transaction that marked the charge settled, once, with conditional updates:
money that arrives for a plan that can no longer take it is owed back, never kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Row

from bot.billing import model
from bot.billing.context import BillingContext, audit, notify
from bot.billing.gateway import ChargeResult
from bot.billing.model import PlanStatus
from bot.billing.results import Actor
from bot.db.billing import accounts, charges, quotes, subscriptions

Apply = Callable[[BillingContext, Connection, Row, bool, Actor, datetime, ChargeResult], None]


def _plan(tx: Connection, pending: Row) -> Row:
    return tx.execute(
        select(subscriptions).where(subscriptions.c.id == pending.subscription_id)
    ).one()


def _send_receipt(
    tx: Connection, pending: Row, tier: str, renews_at: datetime, renewal: bool
) -> None:
    """Queue the receipt for the account's billing users, once per charge."""
    notify(
        tx,
        pending.account_id,
        "receipt",
        f"receipt:{pending.idempotency_key}",
        {
            "amount_cents": pending.amount_cents,
            "currency": pending.currency,
            "tier": tier,
            "renews_at": renews_at,
            "renewal": renewal,
        },
    )


def settle_subscribe(ctx, tx, pending, succeeded, actor, now, result) -> None:
    plan = _plan(tx, pending)
    if not succeeded:
        tx.execute(
            update(subscriptions)
            .where(subscriptions.c.id == plan.id, subscriptions.c.status == "incomplete")
            .values(status=PlanStatus.FAILED.value, ended_at=now, version=plan.version + 1)
        )
        tx.execute(update(quotes).where(quotes.c.id == plan.quote_id).values(status="declined"))
        audit(tx, actor, "upgrade.charged", f"declined: {result.message}", pending.account_id)
        return
    end = model.add_months(now, plan.term_months)
    tx.execute(
        update(subscriptions)
        .where(subscriptions.c.id == plan.id, subscriptions.c.status == "incomplete")
        .values(
            status=PlanStatus.ACTIVE.value,
            started_at=now,
            period_start=now,
            period_end=end,
            version=plan.version + 1,
        )
    )
    tx.execute(update(quotes).where(quotes.c.id == plan.quote_id).values(status="confirmed"))
    _send_receipt(tx, pending, plan.tier, end, renewal=False)
    audit(
        tx,
        actor,
        "upgrade.charged",
        "succeeded",
        pending.account_id,
        before={"tier": ctx.free_tier},
        after={
            "tier": plan.tier,
            "status": "active",
            "renews_at": end,
            "amount_cents": pending.amount_cents,
        },
    )


def _quote_of(pending: Row) -> str:
    """A change's charge is keyed by its quote: quote:<id>."""
    return pending.idempotency_key.partition(":")[2]


def settle_change(ctx, tx, pending, succeeded, actor, now, result) -> None:
    """A live plan moves up to the tier its charge paid for: a new full term starts now."""
    plan = _plan(tx, pending)
    quote_id = _quote_of(pending)
    if not succeeded:
        tx.execute(update(quotes).where(quotes.c.id == quote_id).values(status="declined"))
        audit(tx, actor, "change.charged", f"declined: {result.message}", pending.account_id)
        return
    tier = pending.tier
    term = ctx.settings.tiers[tier].term_months
    end = model.add_months(now, term)
    applied = tx.execute(
        update(subscriptions)
        .where(
            subscriptions.c.id == plan.id,
            subscriptions.c.status.in_([s.value for s in model.ENTITLED]),
        )
        .values(
            tier=tier,
            status=PlanStatus.ACTIVE.value,
            price_cents=ctx.settings.price_cents(tier, _account_type(tx, plan)),
            term_months=term,
            period_start=now,
            period_end=end,
            auto_renew=True,
            next_tier=None,
            past_due_since=None,
            version=subscriptions.c.version + 1,
        )
    ).rowcount
    if not applied:
        owe_refund(tx, pending, plan, actor)
        return
    tx.execute(update(quotes).where(quotes.c.id == quote_id).values(status="confirmed"))
    _send_receipt(tx, pending, tier, end, renewal=False)
    audit(
        tx,
        actor,
        "change.charged",
        "succeeded",
        pending.account_id,
        before={"tier": plan.tier, "period_end": plan.period_end},
        after={"tier": tier, "renews_at": end, "amount_cents": pending.amount_cents},
    )


def _account_type(tx: Connection, plan: Row) -> str:
    return tx.execute(
        select(accounts.c.type).where(accounts.c.id == plan.account_id)
    ).scalar_one()


def renewal_period(pending: Row, plan: Row) -> tuple[datetime, datetime]:
    """The period a renewal charge pays for. Charges recorded before periods were stored name
    the period's start in their key: renewal:<plan>:<epoch>[:retry<n>]."""
    if pending.period_start is not None:
        return pending.period_start, pending.period_end
    start = datetime.fromtimestamp(int(pending.idempotency_key.split(":")[2]), UTC)
    return start, model.add_months(start, plan.term_months)


def settle_renewal(ctx, tx, pending, succeeded, actor, now, result) -> None:
    plan = _plan(tx, pending)
    if not succeeded:
        tx.execute(
            update(subscriptions)
            .where(
                subscriptions.c.id == plan.id,
                subscriptions.c.status == PlanStatus.ACTIVE.value,
                subscriptions.c.period_end == plan.period_end,
            )
            .values(
                status=PlanStatus.PAST_DUE.value,
                past_due_since=now,
                version=subscriptions.c.version + 1,
            )
        )
        notify(
            tx,
            pending.account_id,
            "renewal_failed",
            f"renewal_failed:{pending.idempotency_key}",
            {
                "reason": result.message,
                "grace_days": ctx.settings.billing.grace_period_days,
                "tier": plan.tier,
            },
        )
        audit(tx, actor, "renewal.charged", f"declined: {result.message}", pending.account_id)
        return
    start, end = renewal_period(pending, plan)
    # The tier the money paid for: the plan's own, or the lower one it was scheduled to move to.
    tier = pending.tier if pending.tier in ctx.settings.tiers else plan.tier
    # The money is taken: it pays for the period only if the plan still renews into it.
    applied = tx.execute(
        update(subscriptions)
        .where(
            subscriptions.c.id == plan.id,
            subscriptions.c.period_end < end,
            subscriptions.c.auto_renew,
            subscriptions.c.status.in_([PlanStatus.ACTIVE.value, PlanStatus.PAST_DUE.value]),
        )
        .values(
            status=PlanStatus.ACTIVE.value,
            tier=tier,
            term_months=ctx.settings.tiers[tier].term_months,
            next_tier=None,
            period_start=start,
            period_end=end,
            past_due_since=None,
            price_cents=pending.amount_cents,
            version=subscriptions.c.version + 1,
        )
    ).rowcount
    if not applied:
        owe_refund(tx, pending, plan, actor)
        return
    _send_receipt(tx, pending, tier, end, renewal=True)
    skipped = model.periods_between(plan.period_end, start, plan.term_months)
    before = {"period_end": plan.period_end}
    after = {"period_start": start, "period_end": end, "amount_cents": pending.amount_cents}
    if tier != plan.tier:
        before["tier"], after["tier"] = plan.tier, tier
    audit(
        tx,
        actor,
        "renewal.charged",
        "succeeded" + (f" (skipped {skipped} unserved periods)" if skipped else ""),
        pending.account_id,
        before=before,
        after=after,
    )


def owe_refund(tx: Connection, pending: Row, plan: Row, actor: Actor) -> None:
    """Record a refund as owed first, so a crash before the gateway answers leaves it for the
    sweep."""
    tx.execute(
        update(charges)
        .where(charges.c.id == pending.id, charges.c.refund_status.is_(None))
        .values(refund_status="pending")
    )
    audit(
        tx,
        actor,
        "renewal.refund",
        f"owed: plan is {plan.status}",
        pending.account_id,
        after={"key": pending.idempotency_key, "amount_cents": pending.amount_cents},
    )


# What each kind of charge does once it settles.
APPLY: dict[str, Apply] = {
    "subscribe": settle_subscribe,
    "change": settle_change,
    "renewal": settle_renewal,
}
