"""Sending the outbox: by direct message, receipts, reminders, plan ended, declined renewals,
link requests (the question to the primary user, the answer to the requester) and the desk's
rating requests; in a team's channel, the desk's due-time alerts.

The claim protocol (leases, retries) is the outbox's own (`bot/billing/outbox.py`) and the words
are the core's (`bot/conversation/notices.py`); this module posts them.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import datetime
from typing import Any

from slack_sdk import WebClient

from bot import metrics
from bot.billing.access import slack_team_of
from bot.billing.outbox import Notice, deliver_due, seconds_from_env
from bot.bootstrap import Services
from bot.conversation import Where
from bot.slack import blocks
from bot.slack.installations import Workspaces

log = logging.getLogger(__name__)

# Seconds to pause between claiming a notice and posting it (0 by default): for drills and
# fault tests, which kill a sender inside that window, like the sandbox gateway's reply delay.
SEND_DELAY_ENV = "SUPPORTBOT_NOTICE_SEND_DELAY_S"


def deliver_pending(
    services: Services,
    client: WebClient | Workspaces,
    limit: int = 50,
    now: datetime | None = None,
) -> int:
    """Send due notices by DM to each recipient; returns how many were delivered. `now` is for
    tests that step over the back-off of failed sends instead of waiting it out."""
    pause = seconds_from_env(SEND_DELAY_ENV, 0.0)
    workspaces = client if isinstance(client, Workspaces) else Workspaces(client)

    def send(notice: Notice, user: str, team: str) -> str:
        if pause:
            time.sleep(pause)  # claimed, not yet sent: the window a crash drill aims at
        reply = services.notices.reply(notice)
        if reply is None:
            return "-"  # nothing to say any more (an alert about a ticket answered since)
        if reply.where is Where.CHANNEL:  # a desk alert: our own workspace's channel
            return _post(workspaces.home or workspaces.client_for(team), reply, reply.channel)
        slack = _speaker(services, workspaces, notice, team)
        if slack is None:
            log.warning("notice %s: no token reaches team %s; skipped", notice.id, team)
            return ""
        channel = slack.conversations_open(users=user)["channel"]["id"]
        return _post(slack, reply, channel)

    def on_error(notice: Notice, error: Exception) -> None:
        log.warning("could not deliver notice %s (%s); will retry", notice.id, error)

    return deliver_due(services.engine, send, limit, on_error, now)


def _post(slack: WebClient | None, reply: Any, channel: str | None) -> str:
    """Post a notice's messages; the first one's ts."""
    if slack is None or not channel:
        raise RuntimeError("no Slack client or channel for this notice")
    ts = ""
    for found in blocks.messages(reply):
        posted = slack.chat_postMessage(
            channel=channel,
            thread_ts=reply.thread,
            reply_broadcast=reply.broadcast or None,
            blocks=found,
            text=blocks.fallback_text(found),
            unfurl_links=False,
            unfurl_media=False,
        )
        ts = ts or str(posted.get("ts") or "")
    return ts


def start_delivery_loop(
    services: Services, client: WebClient | Workspaces, every_s: float = 15.0
) -> threading.Event:
    """Deliver in the background until the returned event is set; each round first queues the
    desk's due-time alerts that have fallen due (the database decides which process does)."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every_s):
            try:
                services.conversation.alerts.sweep()
            except Exception:  # the next round tries again
                log.exception("due-time alert sweep failed")
                metrics.failed("alert_sweep")
            try:
                deliver_pending(services, client)
            except Exception:  # keep the loop alive; the next round retries
                log.exception("notification delivery failed")

    threading.Thread(target=loop, name="outbox-delivery", daemon=True).start()
    return stop


def _speaker(
    services: Services, workspaces: Workspaces, notice: Notice, team: str
) -> WebClient | None:
    """The client that reaches a recipient: with the app in many workspaces, the bot token of
    their team (their Slack link's; for a link made for any team, the account's workspace)."""
    if not workspaces.distributed:
        return workspaces.home
    return workspaces.client_for(team or slack_team_of(services.engine, notice.account_id))
