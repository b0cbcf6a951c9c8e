"""Agreement in words ("ok, do it", "yes please") with what the bot offered last: the offered
action is asked for; a change waiting for its Confirm click stays waiting for the click."""

from __future__ import annotations

from bot.config import Settings
from bot.conversation.commands import Command, is_question
from bot.conversation.context import AWAITING_CONFIRM, Context
from bot.conversation.intents import Match
from bot.conversation.messages import Decision
from bot.conversation.tiers import tier_for
from bot.conversation.understood import Understood

# Agreement in words to something that waits for a Confirm click: money and cancellations move
# only on the button (with its dialog), never on "ok".
PRESS_CONFIRM = (
    "To go ahead, press the button on the message above (*Confirm*, or *Yes* when I asked "
    "first); I only make that change after the click."
)


def agreement(
    text: str, match: Match | None, context: Context | None, settings: Settings
) -> Understood | None:
    """What "ok, do it" agrees to, or None when it agrees to nothing offered (the intent's own
    reply then, unless an article answers)."""
    if match is None or match.intent.do != "affirm" or is_question(text):
        return None
    offered = context.offered_action if context else None
    if offered == AWAITING_CONFIRM:
        decision = Decision("reply", intent=match.intent.name, confidence=match.score)
        return Understood(decision, text=PRESS_CONFIRM)
    if offered:
        decision = Decision("action", offered, intent=match.intent.name, confidence=match.score)
        # "ok do it" after the price of one of several tiers: the tier that was asked about.
        tier = tier_for(offered, context.last_question, settings)
        return Understood(decision, Command(offered, tier=tier), took_offer=True)
    return None
