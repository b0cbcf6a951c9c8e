"""The billing rules, table by table, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.billing.model import (
    Plan,
    PlanStatus,
    SweepAction,
    add_months,
    can_cancel,
    can_resume,
    retry_number,
    sweep_action,
)

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=30)
EARLIER = NOW - timedelta(days=1)
GRACE = timedelta(days=7)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (datetime(2028, 2, 29, tzinfo=UTC), 12, datetime(2029, 2, 28, tzinfo=UTC)),
        (datetime(2026, 1, 31, tzinfo=UTC), 1, datetime(2026, 2, 28, tzinfo=UTC)),
        (datetime(2026, 3, 15, 9, 30, tzinfo=UTC), 12, datetime(2027, 3, 15, 9, 30, tzinfo=UTC)),
        (datetime(2026, 11, 30, tzinfo=UTC), 3, datetime(2027, 2, 28, tzinfo=UTC)),
    ],
)
def test_terms_end_on_the_same_day_or_the_months_last(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("plan", "code"),
    [
        (None, "not_premium"),
        (Plan(PlanStatus.ENDED, EARLIER, False), "not_premium"),
        (Plan(PlanStatus.NON_RENEWING, LATER, False), "already_cancelled"),
        (Plan(PlanStatus.ACTIVE, LATER, True), None),
        (Plan(PlanStatus.PAST_DUE, EARLIER, True, EARLIER), None),
    ],
)
def test_who_can_cancel(plan, code):
    refusal = can_cancel(plan, "Gold Care")
    assert (refusal.code if refusal else None) == code


@pytest.mark.parametrize(
    ("plan", "code"),
    [
        (None, "not_premium"),
        (Plan(PlanStatus.ACTIVE, LATER, True), "not_cancelled"),
        (Plan(PlanStatus.NON_RENEWING, LATER, False), None),
        (Plan(PlanStatus.NON_RENEWING, EARLIER, False), "ended"),
    ],
)
def test_who_can_resume(plan, code):
    refusal = can_resume(plan, NOW, "Gold Care")
    assert (refusal.code if refusal else None) == code


@pytest.mark.parametrize(
    ("plan", "action"),
    [
        (Plan(PlanStatus.ACTIVE, LATER, True), SweepAction.NOTHING),
        (Plan(PlanStatus.ACTIVE, EARLIER, True), SweepAction.RENEW),
        (Plan(PlanStatus.ACTIVE, EARLIER, False), SweepAction.END),
        (Plan(PlanStatus.NON_RENEWING, LATER, False), SweepAction.NOTHING),
        (Plan(PlanStatus.NON_RENEWING, EARLIER, False), SweepAction.END),
        (Plan(PlanStatus.PAST_DUE, EARLIER, True, NOW - timedelta(days=2)), SweepAction.RETRY),
        (Plan(PlanStatus.PAST_DUE, EARLIER, True, NOW - timedelta(days=7)), SweepAction.END),
        (Plan(PlanStatus.INCOMPLETE, EARLIER, True), SweepAction.NOTHING),
    ],
)
def test_what_the_sweep_does_with_a_plan(plan, action):
    assert sweep_action(plan, NOW, GRACE) is action


def test_declined_renewals_are_retried_once_a_day():
    since = NOW
    assert retry_number(since, NOW + timedelta(hours=1), timedelta(days=1)) == 1
    assert retry_number(since, NOW + timedelta(hours=23), timedelta(days=1)) == 1
    assert retry_number(since, NOW + timedelta(days=1, hours=1), timedelta(days=1)) == 2


def test_the_current_period_is_the_next_one_unless_whole_terms_were_missed():
    from bot.billing.model import current_period, periods_between

    end = datetime(2027, 3, 2, 17, 0, tzinfo=UTC)
    assert current_period(end, 12, end) == (end, end.replace(year=2028))
    late = end.replace(year=2029) + timedelta(days=3)
    start, stop = current_period(end, 12, late)
    assert (start, stop) == (end.replace(year=2029), end.replace(year=2030))
    assert periods_between(end, start, 12) == 2
    assert periods_between(end, end, 12) == 0
