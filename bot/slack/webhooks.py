"""`POST /handoff/sales-chat`: the website's chat transcript becomes a sales ticket in the
sales channel, through the same conversation core. Refusals are logged at warning by the
server (`bot/slack/server.py`), with every other refused request to a route of ours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from bot.billing.results import Actor
from bot.bootstrap import Services
from bot.conversation import Incoming, Place, Surface
from bot.conversation.sales_chat import Rejected, receive
from bot.slack.adapter import Delivery

# A route of ours: (raw body, lower-cased headers) -> (HTTP status, JSON-able reply).
Route = Callable[[bytes, dict[str, str]], tuple[int, dict[str, Any]]]
_WEB = Incoming(text="", actor=Actor(via="web"), place=Place("web", False), surface=Surface.WEB)


def sales_chat_route(services: Services, client: WebClient, secret: str | None) -> Route:
    def route(body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        transcript = receive(body, headers, secret, services.engine)
        if isinstance(transcript, Rejected):
            return transcript.status, {"ok": False, "error": transcript.error}
        turn = services.conversation.sales_chat(transcript)
        Delivery(client, services.conversation).deliver(turn, _WEB)
        return 202, {"ok": True, "ticket": turn.ticket}

    return route
