"""app.yaml's settings for the support desk in Slack: what each support channel does, and the
desk's reactions, out-of-hours replies, due-time alerts and satisfaction ratings.

Imported by bot/config.py (which holds the whole validated `Settings`); kept apart so each of
the two stays small enough to read. A bad value fails at start-up naming its key, like the rest
of app.yaml: a wrong placeholder in a message would otherwise reach a customer as raw braces.
"""

from __future__ import annotations

import re
from string import Formatter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_placeholders(text: str, allowed: tuple[str, ...]) -> str:
    """A message template may use only the placeholders the bot fills, written as {name}."""
    try:
        used = [name for _, name, _, _ in Formatter().parse(text) if name is not None]
    except ValueError as exc:
        problem = f"{text!r} is not a valid message ({exc}; write a brace as {{{{ or }}}})"
        raise ValueError(problem) from None
    unknown = [name for name in used if name not in allowed]
    if unknown:
        raise ValueError(
            f"unknown placeholder(s) {', '.join('{' + n + '}' for n in unknown)}; "
            f"use {', '.join('{' + n + '}' for n in allowed)}"
        )
    return text


class SupportChannel(_Strict):
    """A channel where customers ask (a Slack Connect channel, usually); `name` is its name or
    ID. Channels not listed get the safe default: the bot answers only when mentioned, in the
    thread, and opens no tickets from reactions there."""

    name: str = Field(min_length=1)
    # Top-level questions nobody addressed to the bot: answered always, only when the bot is
    # confident, or never (then only mentions are answered).
    answer_top_level: Literal["confident", "always", "never"] = "confident"
    # Only messages that @mention the bot are answered (top level and in threads).
    mention_only: bool = False
    # Answers only the asker sees (ephemeral, in the thread), not the whole channel.
    private_answers: bool = False
    # Which team a handoff from this channel goes to (asking for sales by name still reaches
    # sales), and optionally a staff channel of its own for its tickets.
    handoff_team: Literal["support", "sales"] = "support"
    handoff_channel: str | None = None
    # Out-of-hours replies to customers' new messages here (when slack.desk.out_of_hours is on).
    out_of_hours: bool = True

    @property
    def key(self) -> str:
        return self.name.lstrip("#")

    @model_validator(mode="after")
    def _mention_only_answers_nothing_unaddressed(self) -> SupportChannel:
        if self.mention_only and self.answer_top_level != "never" and (
            "answer_top_level" in self.model_fields_set
        ):
            raise ValueError(
                "mention_only: true answers only mentions; set answer_top_level: never "
                "(or leave it out) in the same channel"
            )
        return self


# Unknown channels: answer mentions only, in the thread, publicly; no tickets from reactions.
UNLISTED_CHANNEL = SupportChannel(
    name="(unlisted)", answer_top_level="never", mention_only=True, out_of_hours=False
)

_EMOJI = re.compile(r"[a-z0-9_+'\-]+")


def _emoji_name(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected an emoji name like ticket or :ticket:")
    name = value.strip().strip(":").lower()
    if not _EMOJI.fullmatch(name):
        raise ValueError(f"{value!r} is not an emoji name like ticket or :ticket:")
    return name


class Emoji(_Strict):
    """Reactions the desk acts on (Slack's names, with or without colons)."""

    ticket: str = "ticket"  # anyone in a support channel: a ticket for the message's author
    claim: str = "eyes"  # staff: take the ticket
    resolve: str = "white_check_mark"  # staff: close it

    @field_validator("ticket", "claim", "resolve", mode="before")
    @classmethod
    def _names(cls, value: object) -> str:
        return _emoji_name(value)

    @model_validator(mode="after")
    def _distinct(self) -> Emoji:
        if len({self.ticket, self.claim, self.resolve}) != 3:
            raise ValueError("ticket, claim and resolve must be three different emoji")
        return self


OUT_OF_HOURS_PUBLIC = ("opens", "hours", "product")
OUT_OF_HOURS_PRIVATE = ("due", "tier", "target")


class OutOfHours(_Strict):
    """One reply in the thread of a customer's new message in a support channel while support
    is closed: the public part for the channel, the due time for the customer alone."""

    enabled: bool = True
    message: str = (
        "Thanks for your message. Support is closed right now; it opens {opens}, and a person "
        "will reply in this thread."
    )
    private_message: str = "A reply is due by {due} ({target} on {tier})."

    @field_validator("message")
    @classmethod
    def _public_placeholders(cls, value: str) -> str:
        return _check_placeholders(value, OUT_OF_HOURS_PUBLIC)

    @field_validator("private_message")
    @classmethod
    def _private_placeholders(cls, value: str) -> str:
        return _check_placeholders(value, OUT_OF_HOURS_PRIVATE)


class DueAlerts(_Strict):
    """Notices in a ticket's team channel while nobody has answered it: once when `warn_at`
    of its response target (in support hours) has passed, once when it is overdue."""

    enabled: bool = True
    warn_at: float = Field(default=0.75, gt=0.0, lt=1.0)


RATING_PLACEHOLDERS = ("ticket", "team", "question")


class Ratings(_Strict):
    """After a ticket is resolved, its requester is asked privately (by DM) for a 1–5 rating
    and an optional comment."""

    enabled: bool = True
    question: str = "Your request {ticket} was resolved. How did our {team} team do?"

    @field_validator("question")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        return _check_placeholders(value, RATING_PLACEHOLDERS)


class Desk(_Strict):
    """The support desk in Slack. Staff (who may claim and resolve by reaction on a customer's
    message) are the Slack users in `staff` and every member of the workspaces in
    `staff_teams`; anyone who reacts on a ticket's own post in its team's channel is staff
    too, since only the team sees that channel."""

    emoji: Emoji = Emoji()
    staff: tuple[str, ...] = ()
    staff_teams: tuple[str, ...] = ()
    out_of_hours: OutOfHours = OutOfHours()
    due_alerts: DueAlerts = DueAlerts()
    ratings: Ratings = Ratings()

    @field_validator("staff", "staff_teams")
    @classmethod
    def _slack_ids(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        bad = [v for v in value if not re.fullmatch(r"[A-Z0-9]{2,32}", v)]
        if bad:
            raise ValueError(f"expected Slack IDs like U0123ABCD or T0123ABCD, not {bad}")
        return value
