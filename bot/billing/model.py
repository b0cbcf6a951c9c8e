"""The billing rules as pure functions: no database, no Slack, no clock of their own.

From the vendor's article: Premium is a 1-year contract paid up front, charged when the user
confirms and starting at once; it renews every year on its renewal date unless cancelled; a
cancellation any time keeps the plan until that date, charges nothing more, and the account then
reverts to free Standard. Where the article is silent we follow Stripe Billing: a cancelled
plan can be resumed before it ends (no charge), and a declined renewal leaves the plan past due
for a grace period with daily retries before it ends.

Plan statuses:
- ``incomplete``: the first payment is under way (reserved so that one account has one plan);
- ``active``: paid, renews at ``period_end``;
- ``non_renewing``: cancelled, still Premium until ``period_end``;
- ``past_due``: the renewal charge was declined, still Premium during the grace period;
- ``ended``: over (the account is on the free tier); ``failed``: the first payment was declined.

With several paid tiers (app.yaml, ordered) a live plan moves up at once (a new term, paid now)
and down at its renewal (``next_tier``, taken by the renewal at the lower price); a cancel or a
move down within ``billing.cancel_notice_days`` of the renewal is refused.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum


class PlanStatus(StrEnum):
    INCOMPLETE = "incomplete"
    ACTIVE = "active"
    NON_RENEWING = "non_renewing"
    PAST_DUE = "past_due"
    ENDED = "ended"
    FAILED = "failed"


# Statuses that hold the account's one plan slot (a unique index enforces it in the database).
LIVE = frozenset(
    {PlanStatus.INCOMPLETE, PlanStatus.ACTIVE, PlanStatus.NON_RENEWING, PlanStatus.PAST_DUE}
)
# Statuses in which the account enjoys the paid tier.
ENTITLED = frozenset({PlanStatus.ACTIVE, PlanStatus.NON_RENEWING, PlanStatus.PAST_DUE})


class ChargeStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


def add_months(at: datetime, months: int) -> datetime:
    """The same day `months` later, clamped to the month's end (Feb 29 + 1 year = Feb 28)."""
    index = at.month - 1 + months
    year, month = at.year + index // 12, index % 12 + 1
    day = min(at.day, calendar.monthrange(year, month)[1])
    return at.replace(year=year, month=month, day=day)


def current_period(
    period_end: datetime, term_months: int, now: datetime
) -> tuple[datetime, datetime]:
    """The period a renewal due at `period_end` charges for, seen at `now`.

    Normally the one starting at `period_end`. When the sweep did not run for longer than a term
    (a stopped cron), the periods that passed meanwhile are not charged: renewing at `now` pays
    for the period that contains `now`, so a customer is never charged several terms on one day
    for time nobody renewed.
    """
    start = period_end
    end = add_months(start, term_months)
    while end <= now:
        start, end = end, add_months(end, term_months)
    return start, end


def periods_between(old_end: datetime, new_start: datetime, term_months: int) -> int:
    """How many whole terms lie between a plan's old end and the period a renewal starts."""
    count, at = 0, old_end
    while at < new_start:
        at = add_months(at, term_months)
        count += 1
    return count


@dataclass(frozen=True)
class Plan:
    """A subscription's state as the rules see it."""

    status: PlanStatus
    period_end: datetime
    auto_renew: bool
    past_due_since: datetime | None = None
    next_tier: str | None = None  # a lower paid tier it moves to at the renewal


@dataclass(frozen=True)
class Refusal:
    """Why a change is not allowed, in words the customer can act on."""

    code: str
    message: str


def can_cancel(plan: Plan | None, tier: str) -> Refusal | None:
    """Whether a plan of the paid tier named `tier` may be cancelled now."""
    if plan is None or plan.status not in ENTITLED:
        return Refusal(
            "not_premium", f"There is no {tier} plan to cancel: the account is on the free tier."
        )
    if plan.status is PlanStatus.NON_RENEWING:
        return Refusal(
            "already_cancelled", f"{tier} is already cancelled; it stays until its end date."
        )
    return None


def can_resume(plan: Plan | None, now: datetime, tier: str) -> Refusal | None:
    """Whether a cancelled plan of the paid tier named `tier` may be resumed now (or a plan's
    scheduled move to a lower tier called off: it then renews as it is)."""
    if plan is None or plan.status not in ENTITLED:
        return Refusal(
            "not_premium", f"There is no {tier} plan to resume: the account is on the free tier."
        )
    if plan.status is not PlanStatus.NON_RENEWING and plan.next_tier is None:
        # ("keep us on premium" on an active plan: the refusal says that it stays as it is)
        return Refusal(
            "not_cancelled", f"{tier} is active and set to renew, so it stays as it is: "
            "there is nothing to resume."
        )
    if plan.status is PlanStatus.NON_RENEWING and plan.period_end <= now:
        return Refusal(
            "ended", f"This {tier} plan has already ended; upgrade again to start a new one."
        )
    return None


def within_notice(plan: Plan, now: datetime, notice_days: int) -> bool:
    """Whether it is too late to lower the coming renewal (cancel or downgrade): the vendor asks
    for `notice_days` before the renewal date, and the renewal then goes ahead as it was."""
    return bool(
        notice_days
        and plan.status is PlanStatus.ACTIVE
        and plan.period_end <= now + timedelta(days=notice_days)
    )


def unused_credit(
    price_cents: int, period_start: datetime | None, period_end: datetime, now: datetime
) -> int:
    """The part of a term's price not yet used at `now`, in whole cents (rounded down, so the
    credit never exceeds what was paid)."""
    if period_start is None or period_end <= now or period_end <= period_start:
        return 0
    whole = (period_end - period_start) // timedelta(microseconds=1)
    left = (period_end - max(now, period_start)) // timedelta(microseconds=1)
    return price_cents * left // whole


class SweepAction(StrEnum):
    NOTHING = "nothing"
    RENEW = "renew"  # charge the next period
    RETRY = "retry"  # retry a declined renewal during the grace period
    END = "end"  # the plan is over: back to the free tier


def sweep_action(plan: Plan, now: datetime, grace: timedelta) -> SweepAction:
    """What the scheduler must do with one plan at `now`."""
    if plan.status is PlanStatus.ACTIVE and plan.period_end <= now:
        return SweepAction.RENEW if plan.auto_renew else SweepAction.END
    if plan.status is PlanStatus.NON_RENEWING and plan.period_end <= now:
        return SweepAction.END
    if plan.status is PlanStatus.PAST_DUE:
        since = plan.past_due_since or plan.period_end
        if now >= since + grace:
            return SweepAction.END
        return SweepAction.RETRY  # at most one attempt per retry_number (its own charge key)
    return SweepAction.NOTHING


def retry_number(past_due_since: datetime, now: datetime, retry_every: timedelta) -> int:
    """Which daily retry of a declined renewal `now` falls in (1 on the first day after)."""
    return int((now - past_due_since) / retry_every) + 1
