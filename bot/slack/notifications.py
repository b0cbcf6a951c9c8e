"""Sending the outbox by direct message: receipts, reminders, plan ended, declined renewals, and
link requests (the question to the primary user, the answer to the requester).

The claim protocol (leases, retries) is the outbox's own (`bot/billing/outbox.py`) and the words
are the core's (`bot/conversation/notices.py`); this module posts them.
"""

from __future__ import annotations

import logging
import threading

from slack_sdk import WebClient

from bot.billing.outbox import Notice, deliver_due
from bot.bootstrap import Services
from bot.slack import blocks

log = logging.getLogger(__name__)


def deliver_pending(services: Services, client: WebClient, limit: int = 50) -> int:
    """Send due notices by DM to each recipient; returns how many were delivered."""

    def send(notice: Notice, user: str, team: str) -> str:
        reply = services.notices.reply(notice)
        channel = client.conversations_open(users=user)["channel"]["id"]
        ts = ""
        for found in blocks.messages(reply):
            posted = client.chat_postMessage(
                channel=channel,
                blocks=found,
                text=blocks.fallback_text(found),
                unfurl_links=False,
                unfurl_media=False,
            )
            ts = ts or str(posted.get("ts") or "")
        return ts

    def on_error(notice: Notice, error: Exception) -> None:
        log.warning("could not deliver notice %s (%s); will retry", notice.id, error)

    return deliver_due(services.engine, send, limit, on_error)


def start_delivery_loop(
    services: Services, client: WebClient, every_s: float = 15.0
) -> threading.Event:
    """Deliver in the background until the returned event is set."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every_s):
            try:
                deliver_pending(services, client)
            except Exception:  # keep the loop alive; the next round retries
                log.exception("notification delivery failed")

    threading.Thread(target=loop, name="outbox-delivery", daemon=True).start()
    return stop
