"""Support hours and business-time arithmetic.

Customers are told whether support is open now, when it next opens, and when a reply is due for
their tier. All of it is computed in the vendor's time zone (weekends, holidays and daylight
saving included) and returned as timezone-aware datetimes, because a due time that is an hour off
twice a year is the kind of bug customers notice.

A "business day" is one full day of support hours: 1 business day from Monday 10:00 is Tuesday
10:00, and from Friday 16:00 (with 8:00–17:00 hours) it is Monday 16:00.
"""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.config import WEEKDAYS, ResponseTarget, SupportHoursConfig
from bot.holiday_calendar import public_holidays

# A year of closed days (holidays on every workday) is the longest gap we accept between openings;
# anything longer means the configuration has no opening at all.
_MAX_DAYS_SCANNED = 800


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("business-time arithmetic needs a timezone-aware datetime")


@dataclass(frozen=True)
class SupportHours:
    """Weekly opening hours in one time zone, less a set of holiday dates and, when a country
    is configured, its public holidays (from the `holidays` package, every year, no typing)."""

    zone: ZoneInfo
    weekdays: frozenset[int]  # 0 = Monday
    open_minute: int
    close_minute: int
    holidays: frozenset[date]
    public_holidays: Container[date] | None = field(default=None, compare=False)
    holidays_place: str | None = None  # "Berlin, Germany": where those holidays are kept

    @classmethod
    def from_config(cls, config: SupportHoursConfig) -> SupportHours:
        public, place = public_holidays(config.holidays_country, config.holidays_region)
        return cls(
            zone=ZoneInfo(config.timezone),
            weekdays=frozenset(WEEKDAYS.index(day) for day in config.days),
            open_minute=config.open,
            close_minute=config.close,
            holidays=frozenset(config.holidays),
            public_holidays=public,
            holidays_place=place,
        )

    # -- the day's window -------------------------------------------------------------------

    def _at_minute(self, day: date, minute: int) -> datetime:
        """The instant at a wall-clock minute of a local day, as UTC."""
        wall = datetime.combine(day, time(0)) + timedelta(minutes=minute)
        return wall.replace(tzinfo=self.zone).astimezone(UTC)

    def is_business_day(self, day: date) -> bool:
        return (
            day.weekday() in self.weekdays
            and day not in self.holidays
            and (self.public_holidays is None or day not in self.public_holidays)
        )

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """Opening and closing instants (UTC) of a local day, or None when closed all day."""
        if not self.is_business_day(day):
            return None
        return self._at_minute(day, self.open_minute), self._at_minute(day, self.close_minute)

    def _windows_from(self, at: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open windows that end after `at`, in order, clipped to start no earlier than `at`."""
        day = at.astimezone(self.zone).date() - timedelta(days=1)
        for _ in range(_MAX_DAYS_SCANNED):
            span = self.window(day)
            day += timedelta(days=1)
            if span is None or span[1] <= at:
                continue
            yield max(span[0], at), span[1]
        else:
            raise ValueError("support hours never open in the next two years; check the holidays")

    # -- questions customers ask ------------------------------------------------------------

    def is_open(self, at: datetime) -> bool:
        _require_aware(at)
        span = self.window(at.astimezone(self.zone).date())
        return span is not None and span[0] <= at < span[1]

    def next_open(self, at: datetime) -> datetime:
        """`at` itself when support is open, else the instant it next opens (UTC)."""
        _require_aware(at)
        start, _ = next(self._windows_from(at.astimezone(UTC)))
        return start

    def add_business_time(self, start: datetime, duration: timedelta) -> datetime:
        """The instant when `duration` of open time has passed since `start` (UTC)."""
        _require_aware(start)
        if duration < timedelta(0):
            raise ValueError("duration must not be negative")
        remaining = duration
        at = start.astimezone(UTC)
        for opens, closes in self._windows_from(at):
            if remaining <= closes - opens:
                return opens + remaining if remaining else opens
            remaining -= closes - opens
        raise AssertionError("unreachable: _windows_from raises before running out")

    def business_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Open time between two instants (zero when end is not after start)."""
        _require_aware(start)
        _require_aware(end)
        total = timedelta(0)
        if end <= start:
            return total
        for opens, closes in self._windows_from(start.astimezone(UTC)):
            if opens >= end:
                break
            total += min(closes, end) - opens
        return total

    @property
    def business_day(self) -> timedelta:
        return timedelta(minutes=self.close_minute - self.open_minute)

    def due_at(self, start: datetime, target: ResponseTarget) -> datetime:
        """When a reply is due for a request made at `start` under a tier's response target."""
        if target.unit == "business_hours":
            duration = timedelta(hours=target.amount)
        else:
            duration = self.business_day * target.amount
        return self.add_business_time(start, duration)

    # -- words --------------------------------------------------------------------------------

    def describe(self) -> str:
        """Hours in words, e.g. "8am to 5pm Pacific time, Monday to Friday" (and "except public
        holidays in Berlin, Germany" when a country's holidays are kept)."""
        text = (
            f"{format_minute(self.open_minute)} to {format_minute(self.close_minute)} "
            f"{zone_label(self.zone)}, {describe_days(self.weekdays)}"
        )
        if self.holidays_place:
            text += f", except public holidays in {self.holidays_place}"
        return text


_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Customers know US zones by their everyday names, not by IANA keys.
_ZONE_LABELS = {
    "America/Los_Angeles": "Pacific time",
    "America/Denver": "Mountain time",
    "America/Phoenix": "Mountain time (Arizona)",
    "America/Chicago": "Central time",
    "America/New_York": "Eastern time",
    "Europe/London": "UK time",
    "UTC": "UTC",
}


def zone_label(zone: ZoneInfo) -> str:
    return _ZONE_LABELS.get(zone.key, f"{zone.key.split('/')[-1].replace('_', ' ')} time")


def format_minute(minute: int) -> str:
    """540 -> "9am", 1050 -> "5:30pm", 0 and 1440 -> "midnight", 720 -> "noon"."""
    if minute % 1440 == 0:
        return "midnight"
    if minute == 720:
        return "noon"
    hour, mins = divmod(minute, 60)
    suffix = "am" if hour < 12 else "pm"
    hour12 = hour % 12 or 12
    return f"{hour12}{suffix}" if mins == 0 else f"{hour12}:{mins:02d}{suffix}"


def describe_days(weekdays: frozenset[int]) -> str:
    days = sorted(weekdays)
    if len(days) == 7:
        return "every day"
    if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
        return f"{_DAY_NAMES[days[0]]} to {_DAY_NAMES[days[-1]]}"
    names = [_DAY_NAMES[d] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def format_local(at: datetime, zone: ZoneInfo) -> str:
    """An instant as customers read it: "Monday, March 9 at 8am Pacific time"."""
    local = at.astimezone(zone)
    minute = local.hour * 60 + local.minute
    return f"{local:%A}, {local:%B} {local.day} at {format_minute(minute)} {zone_label(zone)}"
