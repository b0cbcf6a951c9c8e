"""Support hours in the vendor's zone: open or not, next opening, reply due times; weekends,
holidays and daylight saving included."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import ResponseTarget, SupportHoursConfig
from bot.hours import SupportHours, describe_days, format_local, format_minute

LA = ZoneInfo("America/Los_Angeles")
HOURS = SupportHours.from_config(
    SupportHoursConfig(
        timezone="America/Los_Angeles",
        days=("mon", "tue", "wed", "thu", "fri"),
        open="08:00",
        close="17:00",
        holidays=(date(2026, 12, 25), date(2027, 1, 1)),
    )
)
FOUR_HOURS = ResponseTarget.parse("4 business hours")
ONE_DAY = ResponseTarget.parse("1 business day")


def la(*args: int) -> datetime:
    return datetime(*args, tzinfo=LA)


def test_open_during_weekday_hours_only():
    assert HOURS.is_open(la(2026, 11, 30, 8, 0))  # Monday 8:00
    assert HOURS.is_open(la(2026, 11, 30, 16, 59))
    assert not HOURS.is_open(la(2026, 11, 30, 17, 0))
    assert not HOURS.is_open(la(2026, 11, 30, 7, 59))
    assert not HOURS.is_open(la(2026, 11, 28, 12, 0))  # Saturday


def test_closed_on_a_holiday():
    assert not HOURS.is_open(la(2026, 12, 25, 10, 0))  # Friday, Christmas
    assert HOURS.next_open(la(2026, 12, 24, 18, 0)) == la(2026, 12, 28, 8, 0)


def test_next_open_is_now_when_open_and_monday_morning_after_friday_close():
    now = la(2026, 11, 30, 9, 30)
    assert HOURS.next_open(now) == now
    assert HOURS.next_open(la(2026, 11, 27, 17, 0)) == la(2026, 11, 30, 8, 0)


def test_instants_in_other_zones_are_compared_in_the_vendors_zone():
    # 16:30 UTC on a Monday in winter is 8:30 in Los Angeles.
    assert HOURS.is_open(datetime(2026, 11, 30, 16, 30, tzinfo=UTC))
    assert not HOURS.is_open(datetime(2026, 11, 30, 15, 30, tzinfo=UTC))


def test_opening_follows_daylight_saving():
    # DST starts Sunday 2026-03-08: Monday opening is 15:00 UTC, the Friday before 16:00 UTC.
    assert HOURS.next_open(la(2026, 3, 6, 18, 0)) == datetime(2026, 3, 9, 15, 0, tzinfo=UTC)
    assert HOURS.next_open(la(2026, 3, 5, 18, 0)) == datetime(2026, 3, 6, 16, 0, tzinfo=UTC)


def test_four_business_hours_carry_over_the_weekend():
    assert HOURS.due_at(la(2026, 11, 27, 15, 0), FOUR_HOURS) == la(2026, 11, 30, 10, 0)
    assert HOURS.due_at(la(2026, 11, 30, 9, 0), FOUR_HOURS) == la(2026, 11, 30, 13, 0)


def test_a_request_outside_hours_counts_from_the_next_opening():
    assert HOURS.due_at(la(2026, 11, 28, 11, 0), FOUR_HOURS) == la(2026, 11, 30, 12, 0)
    assert HOURS.due_at(la(2026, 11, 30, 6, 0), ONE_DAY) == la(2026, 11, 30, 17, 0)


def test_one_business_day_is_the_same_time_next_business_day():
    assert HOURS.due_at(la(2026, 12, 1, 10, 0), ONE_DAY) == la(2026, 12, 2, 10, 0)
    assert HOURS.due_at(la(2026, 12, 24, 10, 0), ONE_DAY) == la(2026, 12, 28, 10, 0)


def test_due_time_over_the_autumn_clock_change_counts_real_hours():
    # DST ends Sunday 2026-11-01; Friday 16:00 PDT + 4 business hours = Monday 11:00 PST.
    assert HOURS.due_at(la(2026, 10, 30, 16, 0), FOUR_HOURS) == la(2026, 11, 2, 11, 0)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        HOURS.is_open(datetime(2026, 11, 30, 9, 0))


def test_hours_that_never_open_are_reported():
    never = SupportHours(
        LA,
        frozenset({0}),
        480,
        1020,
        frozenset(date(2026, 1, 5) + timedelta(weeks=w) for w in range(200)),
    )
    with pytest.raises(ValueError, match="never open"):
        never.next_open(la(2026, 1, 1, 0, 0))


def test_hours_in_words():
    assert HOURS.describe() == "8am to 5pm Pacific time, Monday to Friday"
    assert format_minute(0) == "midnight" and format_minute(720) == "noon"
    assert format_minute(1050) == "5:30pm"
    assert describe_days(frozenset({0, 2})) == "Monday and Wednesday"
    assert format_local(la(2026, 11, 30, 8, 0), LA) == "Monday, November 30 at 8am Pacific time"


# -- properties ----------------------------------------------------------------------------------

instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
targets = st.builds(
    ResponseTarget,
    amount=st.integers(1, 30),
    unit=st.sampled_from(["business_hours", "business_days"]),
)


@settings(max_examples=300, deadline=None)
@given(start=instants, target=targets)
def test_due_time_leaves_exactly_the_target_in_business_time(start, target):
    due = HOURS.due_at(start, target)
    assert due >= start
    duration = (
        timedelta(hours=target.amount)
        if target.unit == "business_hours"
        else HOURS.business_day * target.amount
    )
    assert HOURS.business_time_between(start, due) == duration
    # The reply falls due while support is open, or at the very minute it closes.
    assert HOURS.is_open(due) or HOURS.is_open(due - timedelta(microseconds=1))


@settings(max_examples=300, deadline=None)
@given(
    start=instants,
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
    target=targets,
)
def test_a_later_request_is_never_due_earlier(start, later, target):
    assert HOURS.due_at(start + later, target) >= HOURS.due_at(start, target)


@settings(max_examples=300, deadline=None)
@given(at=instants)
def test_next_open_is_open_and_nothing_opens_before_it(at):
    opens = HOURS.next_open(at)
    assert opens >= at
    assert HOURS.is_open(opens)
    assert HOURS.business_time_between(at, opens) == timedelta(0)
