"""What a request to move the plan amounts to, once its words are read whole: the free tier as
the target or the paid tier left is a cancellation, undoing a cancellation is resuming, and a
tier's name that only says where something else goes ("switch the shipping method to
standard") asks nothing of the plan."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.conversation.signals import asks_to_undo, to_free
from bot.conversation.tiers import (
    leaves_paid_tier,
    name_patterns,
    target_tier,
    tier_for,
    tiers_named,
)

# Actions that move the plan, which another thing's move may be mistaken for.
MOVES = frozenset({"upgrade", "downgrade", "cancel"})


def settled(action: str, text: str, settings: Settings) -> tuple[str, str | None] | None:
    """(action, tier) the words settle on for the action the intents matched, or None when
    the tier named is where something other than the plan goes."""
    if action in MOVES and moves_something_else(text, settings):
        return None
    tier = tier_for(action, text, settings)
    if action == "downgrade" and (tier == settings.default_tier or to_free(text)):
        return "cancel", None  # "go back to free at the end of the term"
    only_free = tiers_named(text, settings) == {settings.default_tier}
    if action == "upgrade" and (
        (only_free and target_tier(text, settings) == tier) or leaves_paid_tier(text, settings)
    ):
        # "please cancel, we are moving to standard": the free tier is the only one named, as
        # where the account goes; "we are dropping premium support": the paid tier is left.
        # No upgrade goes there.
        return "cancel", None
    if action == "cancel" and asks_to_undo(text):
        return "resume", tier  # "undo the cancellation"
    return action, tier


# A move verb, then what it moves, then "to" and the tier's name: "switch the shipping method to
# standard" moves a shipping method, not the plan.
_MOVE = re.compile(
    r"\b(?:switch|move|change|put|set|convert|downgrade|upgrade|take)\b(?P<what>[\w\s'-]{0,40}?)"
    r"\s(?:to|into|onto)\s+(?:the\s+|our\s+|a\s+)?$",
    re.I,
)
# What names the plan or the account as what is moved ("our Integration Manager account", "us").
_PLAN_NOUN = re.compile(
    r"\b(us|me|account|acct|plan|tier|subscription|support|level|company|team|org|everything)\b",
    re.I,
)
_ONLY_FILLER = re.compile(
    r"^(?:\s*\b(?:the|our|my|a|over|back|up|all|whole|current|it)\b)*\s*$", re.I
)


def moves_something_else(text: str, settings: Settings) -> bool:
    """Whether a tier's name is only where something other than the plan is moved ("switch the
    shipping method to standard", "set the carrier service to premium"): no order for the plan."""
    for pattern, _ in name_patterns(settings):
        for found in pattern.finditer(text):
            before = text[max(0, found.start() - 60) : found.start()]
            move = _MOVE.search(before)
            what = move.group("what") if move else ""
            if move and not (_PLAN_NOUN.search(what) or _ONLY_FILLER.match(what)):
                return True
    return False
