"""Buying the paid tier: a quote bound to its user, price and expiry, then a confirmation that
charges it once however often it is clicked.

One live plan per account is a partial unique index, and the charge's idempotency key (the
quote) is unique, so twenty different quotes confirmed at once produce one charge, and fifty
clicks on one quote charge once.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from bot.billing import model
from bot.billing.access import Who, authorize
from bot.billing.charging import (
    Outcome_,
    card_of,
    charge,
    live_plan,
    record_pending,
    replay_in,
)
from bot.billing.context import BillingContext, audit
from bot.billing.model import PlanStatus
from bot.billing.results import Actor, CardOnFile, Quote, Refused
from bot.db import now_utc, reading
from bot.db.billing import quotes, subscriptions
from bot.money import format_cents

# Refusals that a concurrent confirmation of the same quote can cause.
_MAYBE_OURS = frozenset({"already_premium", "upgrade_in_progress", "quote_used"})


def quote_upgrade(
    ctx: BillingContext, actor: Actor, now: datetime | None = None
) -> Quote | Refused:
    """Price, term, renewal date and card for an upgrade; bound to this user and price."""
    now = now or now_utc()
    who, refusal = authorize(ctx, actor, "upgrade.quote")
    if refusal:
        return refusal
    tier = ctx.paid_tier
    term = ctx.settings.tiers[tier].term_months
    with ctx.engine.begin() as tx:
        refusal = upgrade_blocked(ctx, tx, who)
        if refusal is None:
            card = card_of(tx, who.account.id)
            price = ctx.settings.price_cents(tier, who.account.type)
            quote_id = f"q_{uuid.uuid4().hex}"
            expires = now + timedelta(minutes=ctx.settings.billing.quote_ttl_minutes)
            tx.execute(
                quotes.insert().values(
                    id=quote_id,
                    account_id=who.account.id,
                    user_id=who.user.id,
                    tier=tier,
                    price_cents=price,
                    currency=ctx.settings.billing.currency,
                    term_months=term,
                    status="open",
                    created_at=now,
                    expires_at=expires,
                )
            )
            audit(
                tx,
                actor,
                "upgrade.quote",
                "quoted",
                who.account.id,
                who.user.id,
                after={"quote": quote_id, "price_cents": price},
            )
    if refusal is not None:
        ctx.audit_refusal(actor, "upgrade.quote", refusal, who.account.id, who.user.id)
        return refusal
    renews = model.add_months(now, term)
    return Quote(
        id=quote_id,
        account_id=who.account.id,
        tier=tier,
        tier_name=ctx.tier_name(tier),
        price_cents=price,
        currency=ctx.settings.billing.currency,
        term_months=term,
        starts_at=now,
        renews_at=renews,
        card=CardOnFile(card.brand, card.last4),
        expires_at=expires,
        terms=terms_text(ctx, tier, price, renews),
    )


def terms_text(ctx: BillingContext, tier: str, price_cents: int, renews_at: datetime) -> str:
    """The contract in words, with the renewal date in the vendor's time zone."""
    months = ctx.settings.tiers[tier].term_months
    renews_at = renews_at.astimezone(ctx.settings.timezone)
    term = f"{months // 12}-year" if months % 12 == 0 else f"{months}-month"
    every = "year" if months == 12 else f"{months} months"
    amount = format_cents(price_cents, ctx.settings.billing.currency)
    return (
        f"{term} contract, {amount} paid up front, starts now, renews every {every} on "
        f"{renews_at:%B} {renews_at.day} unless cancelled. Cancel any time: "
        f"{ctx.tier_name(tier)} stays until the renewal date and nothing more is charged."
    )


def upgrade_blocked(ctx: BillingContext, tx: Connection, who: Who) -> Refused | None:
    plan = live_plan(tx, who.account.id)
    if plan is not None:
        if PlanStatus(plan.status) is PlanStatus.INCOMPLETE:
            return Refused(
                "upgrade_in_progress", "An upgrade for this account is already being processed."
            )
        return Refused(
            "already_premium",
            f"{who.account.name} is already on {ctx.tier_name(plan.tier)}"
            + (" (cancelled: use resume to keep it)." if not plan.auto_renew else "."),
        )
    if card_of(tx, who.account.id) is None:
        where = ctx.settings.contact.billing_location or "your account's billing settings"
        return Refused(
            "no_card",
            f"A credit card must be on file to subscribe. Add one in {where}, then try again.",
        )
    return None


def confirm(
    ctx: BillingContext, actor: Actor, quote_id: str, now: datetime | None = None
) -> Outcome_ | Refused:
    """Charge a quote once, however often it is confirmed, and start the plan."""
    now = now or now_utc()
    who, refusal = authorize(ctx, actor, "upgrade.confirm")
    if refusal:
        return refusal
    key = f"quote:{quote_id}"
    try:
        with ctx.engine.begin() as tx:
            staged = _stage_upgrade(ctx, tx, actor, who, quote_id, key, now)
    except IntegrityError:
        # A concurrent confirmation reserved the plan or the charge key first.
        staged = _replay(ctx, key) or Refused(
            "already_premium", f"{who.account.name} is already on {ctx.tier_name()}."
        )
    if isinstance(staged, Refused) and staged.code in _MAYBE_OURS:
        # Another click on this same quote may have got there between our reads.
        staged = _replay(ctx, key) or staged
    if isinstance(staged, Refused):
        ctx.audit_refusal(actor, "upgrade.confirm", staged, who.account.id, who.user.id)
        return staged
    if not isinstance(staged, Row):
        return staged  # a replay's outcome
    return charge(ctx, staged, actor, now)


def _replay(ctx: BillingContext, key: str) -> Outcome_ | None:
    with reading(ctx.engine) as tx:
        return replay_in(ctx, tx, key)


def _stage_upgrade(
    ctx: BillingContext,
    tx: Connection,
    actor: Actor,
    who: Who,
    quote_id: str,
    key: str,
    now: datetime,
) -> Row | Outcome_ | Refused:
    """Check the quote and reserve the plan slot and the charge, in one transaction."""
    quote = tx.execute(select(quotes).where(quotes.c.id == quote_id)).first()
    if quote is None or quote.account_id != who.account.id:
        return Refused("unknown_quote", "That upgrade offer isn't valid. Ask for a new quote.")
    if quote.user_id != who.user.id:
        return Refused(
            "not_your_quote", "This upgrade offer was made to someone else; ask for your own."
        )
    replay = replay_in(ctx, tx, key)
    if replay is not None:
        return replay
    if quote.status != "open":
        return Refused("quote_used", "This upgrade offer was already used. Ask for a new quote.")
    if quote.expires_at <= now:
        return Refused("quote_expired", "This upgrade offer has expired. Ask for a new quote.")
    refusal = upgrade_blocked(ctx, tx, who)
    if refusal is not None:
        return refusal
    card = card_of(tx, who.account.id)
    plan_id = tx.execute(
        subscriptions.insert().values(
            account_id=who.account.id,
            tier=quote.tier,
            status=PlanStatus.INCOMPLETE.value,
            price_cents=quote.price_cents,
            currency=quote.currency,
            term_months=quote.term_months,
            quote_id=quote.id,
            auto_renew=True,
            created_at=now,
            version=1,
        )
    ).inserted_primary_key[0]
    pending = record_pending(
        tx, plan_id, key, "subscribe", (quote.price_cents, quote.currency), card, now
    )
    audit(
        tx,
        actor,
        "upgrade.confirm",
        "charging",
        who.account.id,
        who.user.id,
        before={"tier": ctx.free_tier},
        after={"quote": quote.id, "key": key},
    )
    return pending
