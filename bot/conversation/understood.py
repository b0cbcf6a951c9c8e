"""What the understanding makes of a message: one decision, and what carrying it out needs."""

from __future__ import annotations

from dataclasses import dataclass

from bot.conversation.commands import Command
from bot.conversation.messages import Decision
from bot.conversation.two_asks import Beside
from bot.knowledge import Answer


@dataclass(frozen=True)
class Understood:
    """A decision and what carrying it out needs."""

    decision: Decision
    command: Command | None = None  # for an action
    answer: Answer | None = None  # the knowledge base's reply (answered or not)
    asked: str = ""  # the question as read, with the thread's last one for a follow-up
    text: str | None = None  # for a reply: what to say
    offer: str | None = None  # the action an answer offers next ("ok do it" runs it)
    took_offer: bool = False  # the action is the one the bot offered: forget the offer
    also: Beside | None = None  # a second ask of the message, answered beside the change
