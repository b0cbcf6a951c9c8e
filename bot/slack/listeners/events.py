"""Messages and mentions: who wrote, where, and whether to the bot, for the conversation core.

Slack's own shapes are settled here: bot messages, edits and joins are not people writing; a
channel message that mentions the bot is answered by its app_mention event, not twice; a DM
that mentions the bot is still a DM (Slack sends no app_mention for DMs).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.conversation import Incoming
from bot.slack.adapter import HUMAN_SUBTYPES, message_incoming, well_formed_message
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
        answer(slack, client, message_incoming(body, event, bot_user, mentioned=True))

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
        top_level = not is_dm and not event.get("thread_ts")
        name = slack.channel_name(client, event["channel"]) if top_level else None
        incoming = message_incoming(body, event, bot_user, mentions_bot, channel_name=name)
        answer(slack, client, incoming)

    app.event("app_mention")(ack=ack_now, lazy=[lazy(on_mention)])
    app.event("message")(ack=ack_now, lazy=[lazy(on_message)])


def answer(slack: SlackContext, client: WebClient, incoming: Incoming) -> None:
    """Hand the message to the core and deliver what it says; a failure is told to a person who
    asked (in channels, unprompted, the bot stays quiet, but the failure is logged and counted)."""
    try:
        turn = slack.conversation.handle(incoming)
        slack.delivery(client).deliver(turn, incoming)
        slack.after(turn, client)
    except Exception as error:
        log.exception("message failed")
        if incoming.place.is_dm or incoming.mentioned:
            tell_failure(slack, client, incoming, error)


def register_catch_all(app: App) -> None:
    """Events the manifest does not subscribe to (a workspace admin may add some) still get a
    200: Slack counts a 404 as a failure and turns the subscription off after too many."""
    app.event(re.compile(r".*"))(ack_now)
