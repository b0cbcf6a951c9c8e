"""The closest intents of a message, as the understanding weighs them: the closest of one kind,
and whether the closest action stands alone or another action is as close (then no reading of
the message is safe to run)."""

from __future__ import annotations

from bot.conversation.intents import Match

# Running an action on a guess is worse than answering: words alone miss negation ("don't cancel").
ACTION = 0.7
# Below ACTION, an action this close to another action's score is no reading of the message.
RIVAL_MARGIN = 0.03


def best(ranked: list[Match], do: str) -> Match | None:
    """The closest intent of one kind (action, handoff…), however close."""
    return next((m for m in ranked if m.intent.do == do), None)


def unrivalled(action: Match | None, ranked: list[Match]) -> Match | None:
    """The closest action, unless another action is as close and it is not plainly asked
    ("I would like to end our premium support contract, we will stay with standard after" is
    0.60 resume, 0.59 cancel and 0.58 upgrade: no reading of it is safe to run)."""
    if action is None or action.score >= ACTION:
        return action
    wanted = action.intent.action
    rival = next((m for m in ranked if m.intent.do == "action" and m.intent.action != wanted), None)
    return None if rival is not None and action.score - rival.score < RIVAL_MARGIN else action
