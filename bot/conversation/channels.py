"""Per-channel settings (app.yaml `slack.support_channels`): whether the bot answers questions
nobody addressed to it, only mentions, privately; which team a handoff from the channel goes to.

A channel is found by its ID or its name; one that is not listed gets the safe default: only
mentions are answered (in their thread, publicly), nothing is answered unprompted, and tickets
are not opened from reactions there. Direct messages are the bot's own conversation: always
answered.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.billing.tiers import staff_channel
from bot.config import Settings, SupportChannel
from bot.conversation.messages import Incoming, Place, Reply, Surface, Visibility, Where
from bot.desk_config import UNLISTED_CHANNEL

if TYPE_CHECKING:
    from bot.conversation.tickets import Promise


def listed(settings: Settings, place: Place) -> SupportChannel | None:
    """The channel's own entry in app.yaml, or None (a DM, or a channel not listed)."""
    if place.is_dm:
        return None
    for entry in settings.slack.support_channels:
        if entry.key in (place.channel, place.name):
            return entry
    return None


def settings_for(settings: Settings, place: Place) -> SupportChannel:
    return listed(settings, place) or UNLISTED_CHANNEL


def policy(settings: Settings, incoming: Incoming) -> str:
    """prompted (a DM, a mention, `ask`), or for a channel message nobody addressed to the bot:
    never in a mention-only channel, "thread" for a reply in a thread (answered only where the
    bot answered before, and only when sure), else the channel's `answer_top_level`."""
    if incoming.place.is_dm or incoming.mentioned or incoming.preview:
        return "prompted"
    channel = settings_for(settings, incoming.place)
    if channel.mention_only:
        return "never"
    if incoming.thread and incoming.thread != incoming.ts:
        return "thread"
    return channel.answer_top_level


def handoff_route(
    settings: Settings, place: Place, team: str, tier: str | None
) -> tuple[str, str]:
    """(team, staff channel) for a handoff from this place: a support request from a channel
    whose `handoff_team` is sales goes to sales, and a channel's own `handoff_channel` takes
    its tickets before the tier's queue and the team's channel."""
    channel = listed(settings, place)
    if channel is None:
        return team, staff_channel(settings, team, tier)
    if team == "support":
        team = channel.handoff_team
    if channel.handoff_channel:
        return team, channel.handoff_channel
    return team, staff_channel(settings, team, tier)


def promised(
    settings: Settings, place: Place, promise: Promise, here: Reply, to: str | None
) -> list[Reply]:
    """Where a ticket's promise goes (`here`: the public part, in the conversation): in a
    `private_answers` channel all of it only to the asker, ephemeral; in a DM all of it; in any
    other channel the public part for everyone and the tier's name and target privately."""
    whole = f"{promise.public} {promise.private}" if promise.private else promise.public
    if place.is_dm:
        return [replace(here, text=whole)]
    if settings_for(settings, place).private_answers:
        return [replace(here, text=whole, visibility=Visibility.PRIVATE, to=to)]
    if not promise.private:
        return [here]
    return [here, replace(here, text=promise.private, visibility=Visibility.PRIVATE, to=to)]


def shaped(settings: Settings, incoming: Incoming, replies: list[Reply]) -> list[Reply]:
    """In a channel with `private_answers`, what the bot says in the conversation reaches only
    the person it answers (ephemeral), the ticket's promise included."""
    if incoming.surface is not Surface.CHANNEL or incoming.place.is_dm:
        return replies
    if not settings_for(settings, incoming.place).private_answers:
        return replies
    here = incoming.place.channel

    def in_conversation(reply: Reply) -> bool:
        return reply.where is Where.HERE or (
            reply.where is Where.CHANNEL and reply.channel in (None, here)
        )

    return [
        replace(r, visibility=Visibility.PRIVATE) if in_conversation(r) else r for r in replies
    ]
