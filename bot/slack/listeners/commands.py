"""`/support-tier`: answered inside its ack when the work is quick (private to the person who
typed it, as Slack shows an ack's reply), else acked at once and answered when ready, so Slack
always hears back within its 3 seconds."""

from __future__ import annotations

import logging
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.conversation import Incoming, Turn, Where
from bot.conversation.failures import trouble_text
from bot.slack import blocks
from bot.slack.adapter import command_incoming
from bot.slack.listeners.shared import SlackContext, tell_failure

log = logging.getLogger(__name__)

# How long a slash command may work before its ack goes back empty (Slack allows 3 seconds).
ACK_BUDGET_S = 1.5


def register(app: App, slack: SlackContext) -> None:
    pool = ThreadPoolExecutor(max_workers=16, thread_name_prefix="support-tier")

    def support_tier(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        incoming = command_incoming(body)
        work = pool.submit(slack.conversation.handle, incoming)
        try:
            turn = work.result(timeout=ACK_BUDGET_S)
        except FutureTimeout:
            ack()
            work.add_done_callback(lambda done: _late(slack, client, incoming, done))
            return
        except Exception as error:
            log.exception("/support-tier failed")
            ack(text=trouble_text(error, slack.services.settings), response_type="ephemeral")
            return
        first = turn.replies[0] if turn.replies else None
        if first is not None and first.where is Where.HERE and first.private:
            found = blocks.messages(first)
            ack(blocks=found[0], text=blocks.fallback_text(found[0]), response_type="ephemeral")
            skip = 1
        else:
            ack()
            skip = 0
        if len(turn.replies) > skip or turn.notices_queued:
            slack.executor.submit(_finish, slack, client, incoming, turn, skip)

    app.command("/support-tier")(support_tier)


def _finish(slack: SlackContext, client: WebClient, incoming: Incoming, turn: Turn, skip: int):
    try:
        slack.delivery(client).deliver(turn, incoming, skip=skip)
        slack.after(turn, client)
    except Exception as error:
        log.exception("/support-tier replies failed")
        tell_failure(slack, client, incoming, error)


def _late(slack: SlackContext, client: WebClient, incoming: Incoming, done: Future) -> None:
    """The reply to a command that outlived its ack, sent privately once it is ready."""
    try:
        turn = done.result()
    except Exception as error:
        log.exception("/support-tier failed after its ack")
        tell_failure(slack, client, incoming, error)
        return
    _finish(slack, client, incoming, turn, 0)
