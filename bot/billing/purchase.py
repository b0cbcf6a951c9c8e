"""Buying the paid tier: a quote bound to its user, price and expiry, then a confirmation that
charges it once however often it is clicked.

One live plan per account is a partial unique index, and the charge's idempotency key (the
quote) is unique, so twenty different quotes confirmed at once produce one charge, and fifty
clicks on one quote charge once.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from bot.billing import model, tiers
from bot.billing.access import Who, authorize
from bot.billing.charging import (
    Outcome_,
    card_of,
    charge,
    live_plan,
    pending_charge,
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
_MAYBE_OURS = frozenset(
    {"already_premium", "upgrade_in_progress", "quote_used", "change_in_progress", "plan_changed"}
)


def quote_upgrade(
    ctx: BillingContext, actor: Actor, now: datetime | None = None, tier: str | None = None
) -> Quote | Refused:
    """Price, term, renewal date and card for moving up to `tier` (by default: from the free
    tier the configured upgrade tier, from a paid tier the next one up); bound to this user and
    price. From a paid tier the quote changes the live plan, priced by app.yaml's
    `billing.upgrade_policy`."""
    now = now or now_utc()
    who, refusal = authorize(ctx, actor, "upgrade.quote")
    if refusal:
        return refusal
    if tier is not None and tier not in ctx.settings.tiers:
        return Refused("unknown_tier", "That tier isn't offered; ask for /support-tier help.")
    with ctx.engine.begin() as tx:
        plan = live_plan(tx, who.account.id)
        current = _current_tier(ctx, plan)
        target = tier or tiers.upgrade_target(ctx.settings, current)
        refusal = upgrade_blocked(ctx, tx, who, target, plan)
        if refusal is None:
            card = card_of(tx, who.account.id)
            full = ctx.settings.price_cents(target, who.account.type)
            changing = plan is not None and current != ctx.free_tier
            credit = _credit(ctx, plan, now) if changing else 0
            price = full - credit
            if price <= 0:
                refusal = Refused(
                    "no_charge",
                    f"Moving to {ctx.tier_name(target)} needs a person from billing: please "
                    f"contact {ctx.settings.contact.email}.",
                )
        if refusal is None:
            term = ctx.settings.tiers[target].term_months
            quote_id = f"q_{uuid.uuid4().hex}"
            expires = now + timedelta(minutes=ctx.settings.billing.quote_ttl_minutes)
            tx.execute(
                quotes.insert().values(
                    id=quote_id,
                    account_id=who.account.id,
                    user_id=who.user.id,
                    tier=target,
                    price_cents=price,
                    currency=ctx.settings.billing.currency,
                    term_months=term,
                    status="open",
                    created_at=now,
                    expires_at=expires,
                    plan_id=plan.id if changing else None,
                    credit_cents=credit if changing else None,
                    plan_version=plan.version if changing else None,
                )
            )
            audit(
                tx,
                actor,
                "upgrade.quote",
                "quoted",
                who.account.id,
                who.user.id,
                after={"quote": quote_id, "price_cents": price}
                | ({"tier": target, "credit_cents": credit} if changing else {}),
            )
    if refusal is not None:
        ctx.audit_refusal(actor, "upgrade.quote", refusal, who.account.id, who.user.id)
        return refusal
    renews = model.add_months(now, term)
    return Quote(
        id=quote_id,
        account_id=who.account.id,
        tier=target,
        tier_name=ctx.tier_name(target),
        price_cents=price,
        currency=ctx.settings.billing.currency,
        term_months=term,
        starts_at=now,
        renews_at=renews,
        card=CardOnFile(card.brand, card.last4),
        expires_at=expires,
        terms=terms_text(ctx, target, price, renews, credit, current if changing else None),
        from_tier_name=ctx.tier_name(current) if changing else None,
        credit_cents=credit,
    )


def _current_tier(ctx: BillingContext, plan: Row | None) -> str:
    """The tier the account holds: its live plan's, else the free tier."""
    if plan is None or plan.tier not in ctx.settings.tiers:
        return ctx.free_tier
    return plan.tier


def _credit(ctx: BillingContext, plan: Row, now: datetime) -> int:
    """What the unused part of the current term is worth against the new price (prorate), or
    nothing (new_term: the new term simply starts now)."""
    if ctx.settings.billing.upgrade_policy != "prorate":
        return 0
    return model.unused_credit(plan.price_cents, plan.period_start, plan.period_end, now)


def terms_text(
    ctx: BillingContext,
    tier: str,
    price_cents: int,
    renews_at: datetime,
    credit_cents: int = 0,
    from_tier: str | None = None,
) -> str:
    """The contract in words, with the renewal date in the vendor's time zone."""
    months = ctx.settings.tiers[tier].term_months
    renews_at = renews_at.astimezone(ctx.settings.timezone)
    term = f"{months // 12}-year" if months % 12 == 0 else f"{months}-month"
    every = "year" if months == 12 else f"{months} months"
    currency = ctx.settings.billing.currency
    amount = format_cents(price_cents, currency)
    paid = f"{amount} paid up front"
    if from_tier is not None:
        paid = f"{amount} paid now"
        if credit_cents:
            paid += (
                f" (the unused part of your {ctx.tier_name(from_tier)} term, "
                f"{format_cents(credit_cents, currency)}, is credited)"
            )
        else:
            paid += f", replacing your {ctx.tier_name(from_tier)} term"
    notice = ctx.settings.billing.cancel_notice_days
    when = (
        "Cancel any time"
        if not notice
        else f"Cancel at least {notice} day{'' if notice == 1 else 's'} before a renewal"
    )
    return (
        f"{term} contract, {paid}, starts now, renews every {every} on "
        f"{renews_at:%B} {renews_at.day} unless cancelled. {when}: "
        f"{ctx.tier_name(tier)} stays until the renewal date and nothing more is charged."
    )


def upgrade_blocked(
    ctx: BillingContext, tx: Connection, who: Who, target: str | None, plan: Row | None
) -> Refused | None:
    """Why the account cannot move up to `target` now, if it cannot."""
    current = _current_tier(ctx, plan)
    name = who.account.name
    if plan is not None and PlanStatus(plan.status) is PlanStatus.INCOMPLETE:
        return Refused(
            "upgrade_in_progress", "An upgrade for this account is already being processed."
        )
    if target is None:
        return Refused(
            "already_premium", f"{name} is already on {ctx.tier_name(current)}, the top tier."
        )
    move = tiers.move(ctx.settings, current, target)
    if move is tiers.Move.SAME:
        return Refused(
            "already_premium",
            f"{name} is already on {ctx.tier_name(current)}"
            + (" (cancelled: use resume to keep it)." if plan and not plan.auto_renew else "."),
        )
    if move is tiers.Move.DOWN:
        return Refused(
            "lower_tier",
            f"{ctx.tier_name(target)} is below {ctx.tier_name(current)}: a move down happens at "
            f"the renewal, with `/support-tier downgrade {target}`.",
        )
    if move is tiers.Move.TO_FREE:
        return Refused(
            "free_tier",
            f"{ctx.tier_name(target)} is the free tier: use `/support-tier cancel` to return to "
            "it at the renewal.",
        )
    if plan is not None and PlanStatus(plan.status) is PlanStatus.PAST_DUE:
        where = ctx.settings.contact.billing_location or "your account's billing settings"
        return Refused(
            "past_due",
            f"The last renewal payment for {ctx.tier_name(current)} was declined. Update the card "
            f"in {where}; once it renews you can move up.",
        )
    if plan is not None and pending_charge(tx, plan.id) is not None:
        return Refused(
            "change_in_progress",
            "A payment for this plan is being processed right now; try again in a few minutes.",
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
    plan = live_plan(tx, who.account.id)
    if quote.plan_id is not None:
        return _stage_change(ctx, tx, actor, who, quote, plan, key, now)
    if plan is not None:  # priced as a new plan, but the account holds one now
        return upgrade_blocked(ctx, tx, who, quote.tier, plan) or _plan_changed()
    refusal = upgrade_blocked(ctx, tx, who, quote.tier, plan)
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
    amount = (quote.price_cents, quote.currency)
    pending = record_pending(tx, plan_id, key, "subscribe", amount, card, now, tier=quote.tier)
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


def _plan_changed() -> Refused:
    return Refused(
        "plan_changed", "Your plan changed since this offer was made. Ask for a new quote."
    )


def _stage_change(
    ctx: BillingContext,
    tx: Connection,
    actor: Actor,
    who: Who,
    quote: Row,
    plan: Row | None,
    key: str,
    now: datetime,
) -> Row | Refused:
    """Reserve a live plan's move up and its charge, in one transaction: the plan's version is
    bumped conditionally, so of several quotes confirmed at once one charges and the others are
    told a change is under way."""
    if plan is None or plan.id != quote.plan_id or plan.version != quote.plan_version:
        return _plan_changed()  # renewed, cancelled or changed since: its credit is stale
    refusal = upgrade_blocked(ctx, tx, who, quote.tier, plan)
    if refusal is not None:
        return refusal
    claimed = tx.execute(
        update(subscriptions)
        .where(subscriptions.c.id == plan.id, subscriptions.c.version == plan.version)
        .values(version=plan.version + 1)
    ).rowcount
    if not claimed:
        return Refused(
            "change_in_progress", "A change to this plan is being processed; try again shortly."
        )
    card = card_of(tx, who.account.id)
    pending = record_pending(
        tx, plan.id, key, "change", (quote.price_cents, quote.currency), card, now, tier=quote.tier
    )
    audit(
        tx,
        actor,
        "change.confirm",
        "charging",
        who.account.id,
        who.user.id,
        before={"tier": plan.tier},
        after={"quote": quote.id, "key": key, "tier": quote.tier},
    )
    return pending
