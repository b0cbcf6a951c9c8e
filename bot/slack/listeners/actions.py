"""Button clicks and submitted forms: every one goes to the conversation core, which decides what
it does (and that only the person a button was shown to may use it). A click on a message is
answered in place of that message; a click on the Home tab, which has nothing to replace, by DM
and a redrawn tab; a form (the comment on a rating) by updating the message it came from."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import App, Respond
from slack_sdk import WebClient

from bot.slack.adapter import action_incoming, form_incoming
from bot.slack.listeners.shared import SlackContext, ack_now, lazy, tell_failure

log = logging.getLogger(__name__)


def register(app: App, slack: SlackContext) -> None:
    def on_press(body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        channel = (body.get("channel") or {}).get("id") or ""
        incoming = action_incoming(body, slack.channel_name(client, channel))
        reply_to = respond if body.get("response_url") else None
        try:
            turn = slack.conversation.handle(incoming)
            slack.delivery(client).deliver(turn, incoming, reply_to)
            slack.after(turn, client)
        except Exception as error:
            log.exception("button %s failed", incoming.press.action)
            tell_failure(slack, client, incoming, error, reply_to)

    def on_form(body: dict[str, Any], client: WebClient) -> None:
        incoming = form_incoming(body)
        try:
            turn = slack.conversation.handle(incoming)
            slack.delivery(client).deliver(turn, incoming)
            slack.after(turn, client)
        except Exception as error:
            log.exception("form %s failed", incoming.press.action)
            tell_failure(slack, client, incoming, error)

    # Every button, ours of today or of old messages: a 200 at once, the work after it.
    app.action(re.compile(r".*"))(ack=ack_now, lazy=[lazy(on_press)])
    # A submitted form closes at once (an empty ack); what it says is answered after.
    app.view(re.compile(r".*"))(ack=ack_now, lazy=[lazy(on_form)])
