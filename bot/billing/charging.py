"""A charge's life: recorded as pending with its idempotency key, sent to the gateway, and its
outcome applied to the plan it pays for, once, with conditional updates.

Past the gateway call money may have moved: if the outcome cannot be recorded, the charge stays
pending and the person hears "processing", never "nothing changed"; the sweep asks the gateway
again with the same key, which never charges twice. A renewal that succeeds against a plan that
no longer renews (ended, cancelled, already paid) is owed back and refunded.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Row

from bot import metrics
from bot.billing import model
from bot.billing.context import DATABASE_UNAVAILABLE, BillingContext, audit
from bot.billing.gateway import ChargeResult, GatewayTimeout, Outcome
from bot.billing.model import ChargeStatus, PlanStatus
from bot.billing.results import (
    Actor,
    CardOnFile,
    Declined,
    Processing,
    Receipt,
    Refunded,
)
from bot.billing.settle import APPLY
from bot.db.billing import charges, payment_methods, subscriptions

log = logging.getLogger(__name__)

PROCESSING = (
    "Your payment is processing: the payment service has not confirmed it yet. "
    "Nothing more will be charged; I'll let you know when it completes."
)

Outcome_ = Receipt | Processing | Declined | Refunded


def card_of(tx: Connection, account_id: str) -> Row | None:
    return tx.execute(
        select(payment_methods).where(payment_methods.c.account_id == account_id)
    ).first()


def live_plan(tx: Connection, account_id: str) -> Row | None:
    return tx.execute(
        select(subscriptions).where(
            subscriptions.c.account_id == account_id,
            subscriptions.c.status.in_([s.value for s in model.LIVE]),
        )
    ).first()


def plan_state(row: Row) -> model.Plan:
    """A subscription row as the pure rules see it."""
    return model.Plan(
        PlanStatus(row.status), row.period_end, row.auto_renew, row.past_due_since, row.next_tier
    )


def pending_charge(tx: Connection, plan_id: int) -> Row | None:
    return tx.execute(
        select(charges).where(
            charges.c.subscription_id == plan_id,
            charges.c.status == ChargeStatus.PENDING.value,
        )
    ).first()


def record_pending(
    tx: Connection,
    plan_id: int,
    key: str,
    kind: str,
    amount: tuple[int, str],
    card: Row,
    now: datetime,
    period: tuple[datetime, datetime] | None = None,
    tier: str | None = None,
) -> Row:
    """Write down a charge attempt before the gateway is called; its key is unique, so a second
    attempt at the same charge fails here instead of at the card."""
    tx.execute(
        charges.insert().values(
            account_id=card.account_id,
            subscription_id=plan_id,
            idempotency_key=key,
            kind=kind,
            amount_cents=amount[0],
            currency=amount[1],
            token=card.token,
            status=ChargeStatus.PENDING.value,
            created_at=now,
            updated_at=now,
            period_start=period[0] if period else None,
            period_end=period[1] if period else None,
            tier=tier,
        )
    )
    return tx.execute(select(charges).where(charges.c.idempotency_key == key)).one()


def declined_text(ctx: BillingContext, reason: str | None) -> str:
    where = ctx.settings.contact.billing_location or "your billing settings"
    reason = (reason or "the card was refused.").rstrip(".")
    return f"The payment was declined: {reason}. Update the card in {where} and try again."


def replay_in(ctx: BillingContext, tx: Connection, key: str) -> Outcome_ | None:
    """The outcome of a charge already made with this key, if any."""
    charge = tx.execute(select(charges).where(charges.c.idempotency_key == key)).first()
    if charge is None:
        return None
    if charge.status == ChargeStatus.PENDING:
        return Processing(PROCESSING)
    if charge.status == ChargeStatus.FAILED:
        return Declined(declined_text(ctx, charge.failure))
    if charge.refund_status:
        return Refunded(charge.amount_cents, charge.currency)
    plan = tx.execute(
        select(subscriptions).where(subscriptions.c.id == charge.subscription_id)
    ).one()
    card = card_of(tx, charge.account_id)
    return Receipt(
        account_id=charge.account_id,
        tier_name=ctx.tier_name(charge.tier if charge.tier in ctx.settings.tiers else plan.tier),
        amount_cents=charge.amount_cents,
        currency=charge.currency,
        charged_at=charge.updated_at,
        renews_at=plan.period_end,
        card=CardOnFile(card.brand, card.last4) if card else CardOnFile("card", "????"),
        replayed=True,
    )


def charge(ctx: BillingContext, pending: Row, actor: Actor, now: datetime) -> Outcome_:
    """Call the gateway for a recorded pending charge, then apply the outcome."""
    try:
        result = ctx.gateway.charge(pending.token, pending.amount_cents, pending.idempotency_key)
    except GatewayTimeout:
        try:
            with ctx.engine.begin() as tx:
                audit(
                    tx,
                    actor,
                    "charge",
                    "unknown outcome: pending",
                    pending.account_id,
                    after={"key": pending.idempotency_key},
                )
        except DATABASE_UNAVAILABLE:
            log.warning("could not audit pending charge %s", pending.idempotency_key)
        metrics.charged("processing")
        return Processing(PROCESSING)
    try:
        settled = _settle(ctx, pending, result, actor, now)
    except DATABASE_UNAVAILABLE:
        log.exception("charge %s done but not recorded: the sweep will settle it", pending.id)
        metrics.charged("processing")
        return Processing(PROCESSING)
    metrics.charged(result.outcome.value)
    return settled


def _settle(
    ctx: BillingContext, pending: Row, result: ChargeResult, actor: Actor, now: datetime
) -> Outcome_:
    """Apply a gateway outcome to a pending charge and its plan (once, conditionally)."""
    succeeded = result.outcome is Outcome.SUCCEEDED
    with ctx.engine.begin() as tx:
        changed = tx.execute(
            update(charges)
            .where(charges.c.id == pending.id, charges.c.status == ChargeStatus.PENDING.value)
            .values(
                status=(ChargeStatus.SUCCEEDED if succeeded else ChargeStatus.FAILED).value,
                gateway_charge_id=result.charge_id,
                failure=result.message,
                updated_at=now,
            )
        ).rowcount
        if changed:
            APPLY[pending.kind](ctx, tx, pending, succeeded, actor, now, result)
        outcome = replay_in(ctx, tx, pending.idempotency_key)
    if isinstance(outcome, Refunded):
        refund(ctx, pending, actor, now)
    elif changed and isinstance(outcome, Receipt):
        outcome = replace(outcome, replayed=False)
    return outcome


def refund(ctx: BillingContext, owed: Row, actor: Actor, now: datetime) -> bool:
    """Give an owed refund back through the gateway, then record it (once)."""
    try:
        ctx.gateway.refund(owed.idempotency_key, owed.amount_cents)
    except GatewayTimeout:
        log.warning("refund of %s not confirmed; the sweep will ask again", owed.id)
        return False
    with ctx.engine.begin() as tx:
        done = tx.execute(
            update(charges)
            .where(charges.c.id == owed.id, charges.c.refund_status == "pending")
            .values(refund_status="refunded", refunded_at=now)
        ).rowcount
        if done:
            audit(
                tx,
                actor,
                "renewal.refund",
                "refunded: the plan no longer renews",
                owed.account_id,
                after={"key": owed.idempotency_key, "amount_cents": owed.amount_cents},
            )
    return True
