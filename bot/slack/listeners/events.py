"""Messages, mentions and reactions: who wrote or reacted, where, and whether to the bot, for
the conversation core.

Slack's own shapes are settled here: bot messages, edits and joins are not people writing; a
channel message that mentions the bot is answered by its app_mention event, not twice; a DM
that mentions the bot is still a DM (Slack sends no app_mention for DMs). A reaction does not
carry the message or the reacting person's workspace: both are asked of Slack (users.info once
per person), and only for the emoji the desk acts on.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.conversation import Incoming
from bot.slack.adapter import (
    HUMAN_SUBTYPES,
    message_incoming,
    reaction_incoming,
    well_formed_message,
    well_formed_reaction,
)
from bot.slack.listeners.shared import SlackContext, ack_now, lazy, tell_failure

log = logging.getLogger(__name__)


def register(app: App, slack: SlackContext) -> None:
    def on_mention(body: dict[str, Any], event: dict[str, Any], client: WebClient, context):
        if not well_formed_message(event):
            log.warning("ignored a malformed app_mention event")
            return
        if not slack.first_time(body.get("event_id")):
            return
        bot_user = context.get("bot_user_id")
        name = slack.channel_name(client, event["channel"])
        incoming = message_incoming(body, event, bot_user, mentioned=True, channel_name=name)
        answer(slack, client, incoming)

    def on_message(body: dict[str, Any], event: dict[str, Any], client: WebClient, context):
        if not well_formed_message(event):
            if not event.get("subtype"):  # edits, joins and the like come in other shapes
                log.warning("ignored a malformed message event")
            return
        if event.get("subtype") not in HUMAN_SUBTYPES or event.get("bot_id"):
            return
        bot_user = context.get("bot_user_id")
        if event.get("user") == bot_user:
            return
        is_dm = event.get("channel_type") == "im"
        mentions_bot = bool(bot_user) and f"<@{bot_user}" in (event.get("text") or "")
        if mentions_bot and not is_dm:
            return  # the app_mention event answers it
        if not slack.first_time(body.get("event_id")):
            return
        name = None if is_dm else slack.channel_name(client, event["channel"])
        incoming = message_incoming(body, event, bot_user, mentions_bot, channel_name=name)
        answer(slack, client, incoming)

    def on_reaction(body: dict[str, Any], event: dict[str, Any], client: WebClient, context):
        if not well_formed_reaction(event):
            log.warning("ignored a malformed reaction_added event")
            return
        if not slack.conversation.reactions.wants(event["reaction"].split("::")[0]):
            return  # an everyday emoji: not worth a call to Slack
        if not slack.first_time(body.get("event_id")):
            return
        item, user = event["item"], event["user"]
        message = slack.read_message(client, item["channel"], item["ts"])
        team = None if event.get("user_team") else slack.team_of(client, user)
        name = slack.channel_name(client, item["channel"])
        bot_user = context.get("bot_user_id")
        incoming = reaction_incoming(body, event, message, bot_user, team, channel_name=name)
        try:
            turn = slack.conversation.handle(incoming)
            slack.delivery(client).deliver(turn, incoming)
            slack.after(turn, client)
        except Exception as error:  # the person who reacted hears it, privately
            log.exception("reaction :%s: failed", incoming.reaction.emoji)
            tell_failure(slack, client, incoming, error)

    app.event("app_mention")(ack=ack_now, lazy=[lazy(on_mention)])
    app.event("message")(ack=ack_now, lazy=[lazy(on_message)])
    app.event("reaction_added")(ack=ack_now, lazy=[lazy(on_reaction)])


def answer(slack: SlackContext, client: WebClient, incoming: Incoming) -> None:
    """Hand the message to the core and deliver what it says; a failure is told to a person who
    asked (in channels, unprompted, the bot stays quiet, but the failure is logged and counted)."""
    try:
        turn = slack.conversation.handle(incoming)
        slack.delivery(client).deliver(turn, incoming)
        slack.after(turn, client)
    except Exception as error:
        log.exception("message failed")
        if _owed_reply(slack, incoming):
            tell_failure(slack, client, incoming, error)


def _owed_reply(slack: SlackContext, incoming: Incoming) -> bool:
    """Whether the writer must hear about a failure (the core decides; if it cannot even
    say, a DM or a mention is owed one)."""
    try:
        return slack.conversation.owes_reply(incoming)
    except Exception:
        return incoming.place.is_dm or incoming.mentioned


def register_catch_all(app: App) -> None:
    """Events the manifest does not subscribe to (a workspace admin may add some) still get a
    200: Slack counts a 404 as a failure and turns the subscription off after too many."""
    app.event(re.compile(r".*"))(ack_now)
