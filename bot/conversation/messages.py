"""The conversation core's vocabulary: what comes in, what the core decided, what goes out.

Every front end (Slack events, commands and buttons; the console; `supportbot ask`; the website's
sales chat) builds an `Incoming` and renders the `Reply`s it gets back. Nothing here knows Slack:
where a reply goes and who may see it are fields (`where`, `visibility`), and the Slack layer
turns them into the right Web API call. Text is written in Slack-flavoured markup (*bold*,
`code`, > quotes), the product's one message format; other renderers strip it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.billing.results import Actor


class Surface(StrEnum):
    """Where a person wrote or clicked."""

    DM = "dm"  # a direct message to the bot
    CHANNEL = "channel"  # a channel, shared (Slack Connect) or not
    COMMAND = "command"  # /support-tier
    HOME = "home"  # the App Home tab (opened, or a button on it)
    ASK = "ask"  # `supportbot ask`: a preview that changes nothing
    WEB = "web"  # the website's sales chat
    REACTION = "reaction"  # an emoji reaction on a message (`Incoming.reaction` says which)


@dataclass(frozen=True)
class Place:
    """The conversation's channel; `name` (e.g. "support") when the front end knows it, for the
    per-channel settings of app.yaml."""

    channel: str
    is_dm: bool
    name: str | None = None


@dataclass(frozen=True)
class Press:
    """A button click: which button, the value it carries, and the message it was on."""

    action: str
    value: dict[str, str]
    message_ts: str | None = None
    thread: str | None = None
    trigger: str | None = None  # lets a reply open a form (Slack's trigger_id, short-lived)


@dataclass(frozen=True)
class Reaction:
    """An emoji put on a message. The message itself is the `Incoming`'s text, ts and thread;
    here is who wrote it, as far as the front end could tell."""

    emoji: str  # its name, without colons
    author: str | None = None  # who wrote the message (None: unknown)
    author_team: str | None = None
    by_bot: bool = False  # the message is this bot's or another app's
    readable: bool = True  # False: the front end could not read the message (its text is "")


@dataclass(frozen=True)
class Incoming:
    text: str
    actor: Actor
    place: Place
    surface: Surface
    ts: str | None = None  # this message's id, when it has one
    thread: str | None = None  # the thread it was written in
    mentioned: bool = False  # the person addressed the bot by name
    press: Press | None = None
    reaction: Reaction | None = None

    @property
    def preview(self) -> bool:
        """`supportbot ask` shows what the bot would say: no ticket, no record, no change."""
        return self.surface is Surface.ASK


class Where(StrEnum):
    HERE = "here"  # the conversation: the message's thread, or the DM
    REPLACE = "replace"  # in place of the message whose button was pressed
    DM = "dm"  # the acting person's direct message with the bot
    STAFF = "staff"  # a team's channel (`channel`)
    CHANNEL = "channel"  # a given channel and thread (a ticket's conversation)
    HOME = "home"  # the acting person's App Home tab
    UPDATE = "update"  # in place of the message at `channel` and `message_ts` (a ticket's post)
    FORM = "form"  # a form the acting person fills in (a Slack modal; needs `Press.trigger`)


class Visibility(StrEnum):
    PUBLIC = "public"  # everyone in the conversation sees it
    PRIVATE = "private"  # only the person it answers (ephemeral in channels; a DM is private)


@dataclass(frozen=True)
class Confirm:
    """A dialog the person must accept before a button acts (every money or plan change)."""

    title: str
    text: str
    yes: str
    no: str = "Back"


@dataclass(frozen=True)
class Button:
    label: str
    action: str  # what the click does; committing a billing change starts with "confirm_"
    value: dict[str, str] = field(default_factory=dict)
    style: str | None = None  # primary | danger
    confirm: Confirm | None = None


@dataclass(frozen=True)
class Form:
    """A short form: one text field. Submitting it comes back as a press of `action` with
    `value` and the typed text under "text"."""

    title: str
    label: str
    action: str
    value: dict[str, str] = field(default_factory=dict)
    submit: str = "Send"
    optional: bool = True


@dataclass(frozen=True)
class Reply:
    text: str
    notes: tuple[str, ...] = ()  # small print under the text: sources, the asker's own figures
    buttons: tuple[Button, ...] = ()
    where: Where = Where.HERE
    visibility: Visibility = Visibility.PUBLIC
    channel: str | None = None  # for STAFF and CHANNEL
    thread: str | None = None  # for CHANNEL
    top_level: bool = False  # HERE: outside any thread (a DM's own conversation)
    tracks: str | None = None  # "ticket:T-…": tell the core where it was posted
    delete: bool = False  # REPLACE by nothing (a dismissed offer)
    message_ts: str | None = None  # for UPDATE: the message to replace
    broadcast: bool = False  # CHANNEL in a thread: shown in the channel too
    to: str | None = None  # PRIVATE: the person it is for, when not the one acting
    form: Form | None = None  # for FORM
    kind: str = "text"  # answer, decline, status, quote, receipt, refusal, ticket, …

    @property
    def private(self) -> bool:
        return self.visibility is Visibility.PRIVATE

    @property
    def waits_for_confirm(self) -> bool:
        return any(b.action.startswith("confirm_") for b in self.buttons)


@dataclass(frozen=True)
class Decision:
    """What the core made of a message: one of answer, action, personal (a figure of the asker's
    own account; `action` names which), handoff, clarify, reply, decline, or quiet (the bot
    stays out), with its confidence (0..1)."""

    kind: str
    action: str | None = None
    team: str | None = None
    intent: str | None = None
    confidence: float = 0.0

    @property
    def label(self) -> str:
        if self.kind in ("action", "personal") and self.action:
            return f"{self.kind}:{self.action}"
        if self.kind == "handoff" and self.team:
            return f"handoff:{self.team}"
        return self.kind


@dataclass
class Turn:
    """The core's whole response to one incoming message or click."""

    decision: Decision
    replies: list[Reply] = field(default_factory=list)
    answer: Any = None  # the knowledge-base Answer behind the replies, if any
    notices_queued: bool = False  # the outbox holds something to send now
    ticket: str | None = None  # a ticket this turn opened

    def __iter__(self) -> Iterator[Reply]:
        return iter(self.replies)

    def __len__(self) -> int:
        return len(self.replies)
