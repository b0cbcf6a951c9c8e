"""The scheduler: renew due plans, retry declined ones during the grace period, end cancelled
and lapsed ones, settle charges whose outcome was unknown, give back refunds still owed, and
remind before renewals. Safe to run twice at once, on any number of machines.

A renewal is decided against the plan as it is when the charge is recorded (a conditional
update of its version in that same transaction), so a cancel that landed after the sweep read
its due list stops the charge. When the sweep has not run for longer than a term, only the
period containing now is charged: periods nobody renewed are not billed after the fact.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import datetime, timedelta

from sqlalchemy import and_, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from bot.billing import model
from bot.billing.charging import (
    Outcome_,
    card_of,
    charge,
    declined_text,
    pending_charge,
    plan_state,
    record_pending,
    refund,
)
from bot.billing.context import BillingContext, audit, notify
from bot.billing.model import ChargeStatus, PlanStatus
from bot.billing.results import Actor, Declined, Processing, Receipt, Refunded, SweepReport
from bot.db import now_utc, reading
from bot.db.billing import accounts, charges, subscriptions

RETRY_EVERY = timedelta(days=1)
# Renewals a sweep runs at once on PostgreSQL (SQLite has one writer: one at a time there).
SWEEP_WORKERS = 4
PENDING_SETTLE_AFTER = timedelta(seconds=30)
_DUE = [PlanStatus.ACTIVE.value, PlanStatus.NON_RENEWING.value, PlanStatus.PAST_DUE.value]

# `on_progress(done, total)`: due plans settled so far of those this sweep found, called with 0
# first and then once per plan, always from the calling thread. The sweep only counts; the CLI
# decides whether that is a bar on a terminal or one line in cron's log.
OnProgress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    """The default: nobody is watching."""


def _epoch(at: datetime) -> int:
    return int(at.timestamp())


def sweep(
    ctx: BillingContext,
    now: datetime | None = None,
    workers: int | None = None,
    on_progress: OnProgress | None = None,
) -> SweepReport:
    """Renew, retry, end and settle; `on_progress` hears of each due plan settled.

    Due plans are taken in a random order and, on PostgreSQL, by a few threads at once: each
    renewal waits mostly on the database and the card network, and sweeps started together on
    several machines then share the work instead of racing down the same list (a plan two of
    them reach together is still charged once).
    """
    now = now or now_utc()
    workers = workers or (SWEEP_WORKERS if ctx.engine.dialect.name == "postgresql" else 1)
    actor = Actor.scheduler()
    report = SweepReport()
    _settle_pending(ctx, now, actor, report)
    grace = timedelta(days=ctx.settings.billing.grace_period_days)
    with reading(ctx.engine) as tx:
        due = tx.execute(
            select(subscriptions).where(
                subscriptions.c.status.in_(_DUE), subscriptions.c.period_end <= now
            )
        ).all()
    random.shuffle(due)

    def settle(plan: Row) -> str | None:
        action = model.sweep_action(plan_state(plan), now, grace)
        if action is model.SweepAction.END:
            return "ended" if _end(ctx, plan, now, actor) else None
        if action in (model.SweepAction.RENEW, model.SweepAction.RETRY):
            outcome = renew(ctx, plan, now, actor, retry=action is model.SweepAction.RETRY)
            return _OUTCOMES.get(type(outcome))
        return None

    on_progress = on_progress or _no_progress
    on_progress(0, len(due))
    outcomes: list[str | None] = []
    if workers > 1 and len(due) > 1:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sweep") as pool:
            # As each finishes, not in submission order: one slow card must not stall the count.
            for finished in as_completed([pool.submit(settle, plan) for plan in due]):
                outcomes.append(finished.result())
                on_progress(len(outcomes), len(due))
    else:
        for plan in due:
            outcomes.append(settle(plan))
            on_progress(len(outcomes), len(due))
    for outcome in outcomes:
        if outcome:
            setattr(report, outcome, getattr(report, outcome) + 1)
    report.reminders = _remind(ctx, now)
    return report


_OUTCOMES = {Receipt: "renewed", Declined: "renewal_declined", Refunded: "refunded"}


def renew(
    ctx: BillingContext, plan: Row, now: datetime, actor: Actor, retry: bool
) -> Outcome_ | None:
    """Charge the plan's current period, decided against the plan as it is now: at the lower
    tier it was scheduled to move to, if one was."""
    tier = plan.next_tier if plan.next_tier in ctx.settings.tiers else plan.tier
    term = ctx.settings.tiers[tier].term_months if tier != plan.tier else plan.term_months
    start, end = model.current_period(plan.period_end, term, now)
    key = f"renewal:{plan.id}:{_epoch(start)}"
    if retry:
        attempt = model.retry_number(plan.past_due_since or plan.period_end, now, RETRY_EVERY)
        if attempt < 2:
            return None  # the declined attempt was today's; retry tomorrow
        key += f":retry{attempt}"
    try:
        with ctx.engine.begin() as tx:
            if pending_charge(tx, plan.id) is not None:
                return None  # an earlier attempt's outcome is not known yet
            card = card_of(tx, plan.account_id)
            if card is None:
                return _renewal_without_card(ctx, tx, plan, now, actor)
            if not _claim_renewal(tx, plan):
                return None  # cancelled, ended or renewed since the sweep read it
            price = _renewal_price(ctx, tx, plan, tier)
            pending = record_pending(
                tx, plan.id, key, "renewal", (price, plan.currency), card, now, (start, end), tier
            )
    except IntegrityError:
        return None  # another sweep took this renewal (or this retry) already
    return charge(ctx, pending, actor, now)


def _claim_renewal(tx: Connection, plan: Row) -> bool:
    """Bump the plan's version if it is still the renewing plan the sweep read."""
    return bool(
        tx.execute(
            update(subscriptions)
            .where(
                subscriptions.c.id == plan.id,
                subscriptions.c.version == plan.version,
                subscriptions.c.auto_renew,
                subscriptions.c.status.in_([PlanStatus.ACTIVE.value, PlanStatus.PAST_DUE.value]),
            )
            .values(version=plan.version + 1)
        ).rowcount
    )


def _renewal_price(ctx: BillingContext, tx: Connection, plan: Row, tier: str) -> int:
    """What the renewal costs now: the tier's price for the account's current type, from
    app.yaml (an account re-imported as a warehouse renews at the warehouse price)."""
    account_type = tx.execute(
        select(accounts.c.type).where(accounts.c.id == plan.account_id)
    ).scalar_one()
    return ctx.settings.price_cents(tier, account_type)


def _renewal_without_card(
    ctx: BillingContext, tx: Connection, plan: Row, now: datetime, actor: Actor
) -> Declined | None:
    """A renewal due with no card on file fails like a declined card: past due, still on the
    paid tier for the grace period while the account adds a card, then ended. (Skipping it
    would leave the plan active, unpaid, for ever.)"""
    reason = "no card on file"
    changed = tx.execute(
        update(subscriptions)
        .where(
            subscriptions.c.id == plan.id,
            subscriptions.c.status == PlanStatus.ACTIVE.value,
            subscriptions.c.version == plan.version,
        )
        .values(status=PlanStatus.PAST_DUE.value, past_due_since=now, version=plan.version + 1)
    ).rowcount
    if not changed:
        return None  # already past due (retries wait for a card) or another sweep did it
    notify(
        tx,
        plan.account_id,
        "renewal_failed",
        f"renewal_failed:renewal:{plan.id}:{_epoch(plan.period_end)}",
        {
            "reason": reason,
            "grace_days": ctx.settings.billing.grace_period_days,
            "tier": plan.tier,
        },
    )
    audit(tx, actor, "renewal.charged", f"declined: {reason}", plan.account_id)
    return Declined(declined_text(ctx, reason))


def _end(ctx: BillingContext, plan: Row, now: datetime, actor: Actor) -> int:
    with ctx.engine.begin() as tx:
        if pending_charge(tx, plan.id) is not None:
            return 0  # a renewal's outcome is unknown: end it once that is settled
        changed = tx.execute(
            update(subscriptions)
            .where(subscriptions.c.id == plan.id, subscriptions.c.version == plan.version)
            .values(
                status=PlanStatus.ENDED.value,
                ended_at=now,
                auto_renew=False,
                version=plan.version + 1,
            )
        ).rowcount
        if changed:
            notify(
                tx,
                plan.account_id,
                "plan_ended",
                f"plan_ended:{plan.id}",
                {"tier": plan.tier, "reverts_to": ctx.free_tier, "ended_at": now},
            )
            audit(
                tx,
                actor,
                "plan.end",
                "ended",
                plan.account_id,
                before={"status": plan.status},
                after={"status": "ended", "tier": ctx.free_tier},
            )
    return changed


def _settle_pending(ctx: BillingContext, now: datetime, actor: Actor, report: SweepReport) -> None:
    """Ask the gateway again about charges whose outcome is unknown, and give back refunds still
    owed (both with the same keys: nothing happens twice)."""
    with reading(ctx.engine) as tx:
        pending = tx.execute(
            select(charges).where(
                charges.c.status == ChargeStatus.PENDING.value,
                charges.c.created_at <= now - PENDING_SETTLE_AFTER,
            )
        ).all()
        owed = tx.execute(select(charges).where(charges.c.refund_status == "pending")).all()
    for row in pending:
        outcome = charge(ctx, row, actor, now)
        if isinstance(outcome, Processing):
            report.still_pending += 1
        else:
            report.resolved_pending += 1
            report.refunded += isinstance(outcome, Refunded)
    for row in owed:
        report.refunded += refund(ctx, row, actor, now)


def _remind(ctx: BillingContext, now: datetime) -> int:
    """One reminder per plan and period, stating the price that will be charged."""
    days = ctx.settings.billing.renewal_reminder_days
    if not days:
        return 0
    sent = 0
    with reading(ctx.engine) as tx:
        soon = tx.execute(
            select(subscriptions, accounts.c.type.label("account_type"))
            .join(accounts, accounts.c.id == subscriptions.c.account_id)
            .where(
                subscriptions.c.status == PlanStatus.ACTIVE.value,
                subscriptions.c.auto_renew,
                and_(
                    subscriptions.c.period_end > now,
                    subscriptions.c.period_end <= now + timedelta(days=days),
                ),
            )
        ).all()
    for plan in soon:
        tier = plan.next_tier if plan.next_tier in ctx.settings.tiers else plan.tier
        try:
            with ctx.engine.begin() as tx:
                notify(
                    tx,
                    plan.account_id,
                    "renewal_reminder",
                    f"reminder:{plan.id}:{_epoch(plan.period_end)}",
                    {
                        "renews_at": plan.period_end,
                        "amount_cents": ctx.settings.price_cents(tier, plan.account_type),
                        "currency": plan.currency,
                        "tier": tier,
                    }
                    | ({"from_tier": plan.tier} if tier != plan.tier else {}),
                )
            sent += 1
        except IntegrityError:
            continue  # reminded already
    return sent
