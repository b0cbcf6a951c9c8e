"""What every listener uses: the services, the delivery of replies, and the one way a failure
is told to the person who met it (privately, never silence).

Replies go out with the client Bolt hands the listener (the token of the workspace the request
came from); the staff channels are in our own workspace, so a staff post goes through its
client when the app is installed in customers' workspaces too.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.bootstrap import Services
from bot.conversation import Conversation, Incoming, Reply, Turn, Visibility
from bot.conversation.failures import trouble_text
from bot.db.requests import first_delivery
from bot.slack.adapter import Delivery
from bot.slack.installations import Workspaces
from bot.slack.notifications import deliver_pending

log = logging.getLogger(__name__)


class _Delivery(Delivery):
    """A delivery whose staff posts go to our own workspace (`staff`) when there is one."""

    def __init__(
        self, client: WebClient, conversation: Conversation, staff: WebClient | None
    ) -> None:
        super().__init__(client, conversation)
        self._staff_client = staff

    def _staff(self, reply: Reply) -> None:
        if self._staff_client is None or self._staff_client is self.client:
            super()._staff(reply)
            return
        Delivery(self._staff_client, self.conversation)._staff(reply)


@dataclass
class SlackContext:
    services: Services
    client: WebClient
    executor: Executor
    workspaces: Workspaces | None = None
    channel_names: dict[str, str] = field(default_factory=dict)
    user_teams: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.workspaces is None:
            self.workspaces = Workspaces(self.client)

    @property
    def conversation(self):
        return self.services.conversation

    def delivery(self, client: WebClient | None = None) -> Delivery:
        staff = self.workspaces.home if self.workspaces.distributed else None
        return _Delivery(client or self.client, self.conversation, staff)

    def first_time(self, event_id: str | None) -> bool:
        """Slack re-sends events it thinks went unanswered; the database remembers ids across
        processes. Checked in the lazy work, never before the ack (a locked database must not
        delay it)."""
        if not event_id:
            return True
        try:
            return first_delivery(self.services.engine, event_id)
        except Exception:  # without the database a retry may be answered twice; better than not
            log.warning("event %s not de-duplicated: database unavailable", event_id)
            return True

    def after(self, turn: Turn, client: WebClient | None = None) -> None:
        """Notices the turn queued (a receipt, a link request) go out now, not at the next round,
        each with the token of its recipient's workspace (not necessarily the asker's, so the
        request's `client` is not used for them)."""
        if turn.notices_queued:
            deliver_pending(self.services, self.workspaces)

    def channel_name(self, client: WebClient, channel: str) -> str | None:
        """A channel's name (for its app.yaml settings), asked of Slack once per channel; None
        for a DM (its ID starts with D) or a channel Slack would not describe."""
        if not channel or channel.startswith("D"):
            return None
        if channel not in self.channel_names:
            try:
                info = client.conversations_info(channel=channel)
                self.channel_names[channel] = info["channel"].get("name") or ""
            except Exception:  # unknown or not allowed: not a support channel
                log.info("conversations.info failed for %s", channel, exc_info=True)
                return None
        return self.channel_names[channel]


    def team_of(self, client: WebClient, user: str) -> str | None:
        """A person's Slack workspace (users.info), asked once per person: reactions do not
        say it, and in a Slack Connect channel it tells a customer from another company."""
        if user not in self.user_teams:
            try:
                found = client.users_info(user=user)["user"]
                self.user_teams[user] = found.get("team_id") or ""
            except Exception:  # unknown: treated as a stranger, never as staff
                log.info("users.info failed for %s", user, exc_info=True)
                return None
        return self.user_teams[user] or None

    def read_message(self, client: WebClient, channel: str, ts: str) -> dict[str, Any] | None:
        """One message as Slack keeps it (text, author, thread), or None when it cannot be
        read (the bot is not in the channel, a scope is missing, Slack is failing)."""
        window = {"channel": channel, "latest": ts, "oldest": ts, "inclusive": True}
        try:
            # A top-level message is in the history; a reply only in its thread, whose
            # parent Slack lists first.
            for method, extra in (
                (client.conversations_history, {"limit": 1}),
                (client.conversations_replies, {"ts": ts, "limit": 10}),
            ):
                for found in method(**window, **extra).get("messages") or []:
                    if isinstance(found, dict) and found.get("ts") == ts:
                        return found
        except Exception:
            log.warning("could not read message %s in %s", ts, channel, exc_info=True)
        return None


def ack_now(ack: Ack) -> None:
    ack()


def tell_failure(
    slack: SlackContext,
    client: WebClient,
    incoming: Incoming,
    error: Exception,
    respond: Any = None,
) -> None:
    """The person hears that it failed and that nothing changed (privately: under the button
    they clicked when there is one)."""
    text = trouble_text(error, slack.services.settings)
    reply = Reply(text, visibility=Visibility.PRIVATE, kind="failure")
    try:
        if respond is not None:
            respond(response_type="ephemeral", replace_original=False, text=text)
            return
        slack.delivery(client).send(reply, incoming)
    except Exception:
        log.exception("could not tell %s about a failure", incoming.actor.slack_user_id)


def lazy(work: Callable[..., None]) -> Callable[..., None]:
    """Bolt injects arguments by name; `wraps` keeps the work's own signature visible to it.
    Anything the work lets escape is logged here (Bolt's lazy runner would only print it)."""

    @functools.wraps(work)
    def listener(**kwargs: Any) -> None:
        try:
            work(**kwargs)
        except Exception:
            log.exception("%s failed", work.__name__)

    return listener
