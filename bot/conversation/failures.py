"""What a person is told when their request failed: honest about the cause, never a trace, and
never silence. Every failure is counted by cause for /metrics."""

from __future__ import annotations

from typing import Any

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

PARTLY_DONE = (
    "Sorry, part of that didn't go through on our side (what you see above did), and our team "
    "has been told."
)


class PartlyDelivered(Exception):
    """Some replies of a turn went out and others could not be sent (Slack refused or failed):
    what was done is done, so the person must not hear "nothing was changed"."""

    def __init__(self, failures: list[BaseException], delivered: int) -> None:
        super().__init__(
            f"{len(failures)} of {len(failures) + delivered} replies not delivered: "
            + "; ".join(f"{type(f).__name__}: {f}" for f in failures)
        )
        self.failures = failures
        self.delivered = delivered


def trouble_text(error: BaseException, settings: Any = None) -> str:
    """The words for a failure, counted by cause, and with `settings` the vendor's email for
    what cannot wait. (A charge whose outcome could not be recorded is reported by billing as
    processing, not here.)"""
    if isinstance(error, PartlyDelivered) and not error.delivered and error.failures:
        error = error.failures[0]  # nothing went out: the first cause is the story
    database = isinstance(error, DATABASE_UNAVAILABLE)
    partly = isinstance(error, PartlyDelivered) and error.delivered > 0
    cause = "database_unavailable" if database else "partly_delivered" if partly else "internal"
    metrics.failed(cause)
    text = DATABASE_DOWN if database else PARTLY_DONE if partly else SOMETHING_WENT_WRONG
    email = getattr(getattr(settings, "contact", None), "email", None)
    return f"{text} If it can't wait, email {email}." if email else text
