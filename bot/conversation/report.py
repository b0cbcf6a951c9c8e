"""First-response times of handed-off conversations: what a support lead reads each week.

Times are counted in support hours (a question asked Friday evening and answered Monday at 9:30
took 30 minutes of support time), which is how the response targets are promised.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.conversation.tickets import Ticket
from bot.hours import SupportHours


@dataclass(frozen=True)
class ResponseLine:
    """One group of tickets (a team and tier), or all of them."""

    group: str
    tickets: int
    answered: int
    median: timedelta | None  # business time to the first human reply
    p90: timedelta | None
    late: int  # answered after the due time
    overdue_open: int  # not answered, past due, not resolved
    ratings: tuple[int, ...] = ()  # requesters' 1–5 ratings of resolved tickets

    @property
    def csat(self) -> float | None:
        """Customer satisfaction: the share of ratings that are 4 or 5."""
        return sum(1 for r in self.ratings if r >= 4) / len(self.ratings) if self.ratings else None

    @property
    def mean_rating(self) -> float | None:
        return sum(self.ratings) / len(self.ratings) if self.ratings else None

    @property
    def on_time(self) -> float | None:
        """Share answered by the due time, of those answered or already past due."""
        judged = self.answered + self.overdue_open
        return (self.answered - self.late) / judged if judged else None


def _p90(values: list[timedelta]) -> timedelta:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def _line(group: str, tickets: list[Ticket], hours: SupportHours, now: datetime) -> ResponseLine:
    waits = [
        hours.business_time_between(t.created_at, t.first_response_at)
        for t in tickets
        if t.first_response_at is not None
    ]
    return ResponseLine(
        group=group,
        tickets=len(tickets),
        answered=len(waits),
        median=statistics.median_low(waits) if waits else None,
        p90=_p90(waits) if waits else None,
        late=sum(1 for t in tickets if t.first_response_at and t.first_response_at > t.due_at),
        overdue_open=sum(1 for t in tickets if t.first_response_at is None and t.overdue(now)),
        ratings=tuple(t.rating for t in tickets if t.rating is not None),
    )


def response_report(
    tickets: Iterable[Ticket], hours: SupportHours, now: datetime
) -> list[ResponseLine]:
    """One line per team and tier, then the total."""
    every = list(tickets)
    groups: dict[str, list[Ticket]] = {}
    for ticket in every:
        groups.setdefault(f"{ticket.team} · {ticket.tier}", []).append(ticket)
    lines = [_line(name, found, hours, now) for name, found in sorted(groups.items())]
    return [*lines, _line("all", every, hours, now)]


def format_duration(value: timedelta | None) -> str:
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"
