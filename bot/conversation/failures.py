"""What a person is told when their request failed: honest about the cause, never a trace, and
never silence. Every failure is counted by cause for /metrics."""

from __future__ import annotations

from bot import metrics
from bot.billing.context import DATABASE_UNAVAILABLE

SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on our side; nothing was changed, and our team has been told. "
    "Please try again in a minute."
)
DATABASE_DOWN = (
    "I can't reach our account records right now, so nothing was changed. "
    "Please try again in a few minutes."
)


def trouble_text(error: BaseException) -> str:
    """The words for a failure, counted by cause. (A charge whose outcome could not be recorded
    is reported by billing as processing, not here.)"""
    database = isinstance(error, DATABASE_UNAVAILABLE)
    metrics.failed("database_unavailable" if database else "internal")
    return DATABASE_DOWN if database else SOMETHING_WENT_WRONG
