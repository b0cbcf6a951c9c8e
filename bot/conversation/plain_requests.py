"""Requests said so plainly that their shape names the action, however little their words
resemble the vendor's examples: an order naming the tier to move to ("go premium", "premium
pls 🙏"), a colleague named with the access they need ("<@U0DEV> needs to be able to change the
support tier"), and undoing a cancellation in a sentence of its own ("…? reverse the cancel").

Only the action is read here; the core still checks it for a taking back ("don't go premium
yet") and, for anything that moves money, asks for a Confirm click."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.conversation.commands import is_question, mentioned_user
from bot.conversation.signals import asks_access_for, asks_access_removed, asks_to_undo
from bot.conversation.tiers import ordered_tier


@dataclass(frozen=True)
class PlainRequest:
    action: str  # the billing use case asked for
    words: str  # the words that ask it (a piece of the message, or all of it)
    tier: str | None = None  # the tier an order names, for a move


def plain_request(text: str, settings: Settings) -> PlainRequest | None:
    """The action the message's shape asks for, or None when its shape says nothing."""
    return (
        _ordered(text, settings)
        or _access_asked(text)
        or _access_removed(text)
        or _undo_asked(text)
    )


def _ordered(text: str, settings: Settings) -> PlainRequest | None:
    """An order naming the tier to move to; moving to the free tier is cancelling."""
    tier = ordered_tier(text, settings)
    if tier is None or is_question(text):
        return None
    if tier == settings.default_tier:
        return PlainRequest("cancel", text)
    return PlainRequest("upgrade", text, tier)


def _access_asked(text: str) -> PlainRequest | None:
    """Access for the colleague the message names, said as what they need."""
    if mentioned_user(text) is None or not asks_access_for(text) or is_question(text):
        return None
    return PlainRequest("grant", text)


def _access_removed(text: str) -> PlainRequest | None:
    """Access to be taken from the colleague the message names ("…needs his access revoked")."""
    if mentioned_user(text) is None or not asks_access_removed(text) or is_question(text):
        return None
    return PlainRequest("revoke", text)


def _undo_asked(text: str) -> PlainRequest | None:
    """Undoing the cancellation, ordered in a piece that is no question ("how do i undo the
    cancellation?" asks how)."""
    asked = asks_to_undo(text)
    return None if asked is None or is_question(asked) else PlainRequest("resume", asked)
