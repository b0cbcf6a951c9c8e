"""The App Home tab: the account at a glance, drawn when opened."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.billing.results import Actor
from bot.conversation import Incoming, Place, Reply, Surface, Where
from bot.conversation.failures import trouble_text
from bot.slack.listeners.shared import SlackContext, ack_now, lazy

log = logging.getLogger(__name__)


def register(app: App, slack: SlackContext) -> None:
    def on_home_opened(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home" or not isinstance(event.get("user"), str):
            return
        incoming = Incoming(
            text="",
            actor=Actor.slack(event["user"], body.get("team_id")),
            place=Place(str(event.get("channel") or ""), True),
            surface=Surface.HOME,
        )
        try:
            turn = slack.conversation.handle(incoming)
            slack.delivery(client).deliver(turn, incoming)
        except Exception as error:  # the tab says so, instead of staying blank or stale
            log.exception("App Home failed for %s", event["user"])
            text = trouble_text(error, slack.services.settings)
            failed = Reply(text, where=Where.HOME, kind="failure")
            try:
                slack.delivery(client).send(failed, incoming)
            except Exception:
                log.exception("could not tell %s about a failure", event["user"])

    app.event("app_home_opened")(ack=ack_now, lazy=[lazy(on_home_opened)])
