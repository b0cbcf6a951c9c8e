"""The composition root: one function builds the Bolt app that every front end runs.

`supportbot serve --http`, `serve --socket`, `chat` and the tests all call `build_app`. Acks go
back at once (`process_before_response=True`); the work (knowledge base, billing, Web API calls)
runs in lazy listeners, so every ack is far inside Slack's 3 seconds. Account-private replies
(tier, prices quoted for the account, the phone support code, quotes and receipts) go only to
the person asking: ephemeral in channels, or in their direct message with the bot.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import re
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, replace
from datetime import timedelta
from http.client import RemoteDisconnected
from typing import Any
from urllib.error import URLError

from slack_bolt import Ack, App, BoltResponse, Respond
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot import feedback, metrics, sales_chat
from bot.assistant import Assistant
from bot.billing.linking import Linking
from bot.billing.results import Actor, Quote, Refused
from bot.billing.service import DATABASE_UNAVAILABLE, BillingService
from bot.config import Settings
from bot.context import (
    AWAITING_CONFIRM,
    DM_CONTEXT_FOR,
    clear_misses,
    forget_offer,
    note_miss,
    offer,
    recall,
    recall_context,
    remember,
)
from bot.conversation import Command, Question, parse_slash, route
from bot.db import now_utc
from bot.db.requests import first_delivery
from bot.handoff import Handoff
from bot.hours import SupportHours
from bot.knowledge import KnowledgeBase
from bot.personal import Personalizer
from bot.slack import blocks
from bot.slack.notifications import deliver_pending

log = logging.getLogger(__name__)

SLACK_API_URL = "https://slack.com/api/"
# Seconds to wait for one Web API call before retrying it.
SLACK_TIMEOUT_ENV = "SUPPORTBOT_SLACK_TIMEOUT_S"
# The "channel" of tickets from the website's sales chat: there is no Slack thread to answer in.
WEB_CHANNEL = "web"
# How long a slash command may work before its ack goes back empty (Slack allows 3 seconds).
ACK_BUDGET_S = 1.5
SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on our side; nothing was changed. Please try again in a minute."
)
DATABASE_DOWN = (
    "I can't reach our account records right now, so nothing was changed. "
    "Please try again in a few minutes."
)


def trouble_text(error: Exception) -> str:
    """What to tell a person whose request failed: honest about the cause, never a trace.
    (A charge whose outcome could not be recorded is reported by billing as processing.)"""
    database = isinstance(error, DATABASE_UNAVAILABLE)
    metrics.failed("database_unavailable" if database else "internal")
    return DATABASE_DOWN if database else SOMETHING_WENT_WRONG


# Message subtypes that are people writing; edits, deletions, joins and bots are not.
_HUMAN_SUBTYPES = {None, "thread_broadcast", "file_share"}


def make_client(token: str, api_url: str | None = None) -> WebClient:
    """A Web API client that honours SLACK_API_URL and retries 429s, 5xx, dropped connections
    and timeouts. (A call that timed out after Slack carried it out is sent again: a rare
    duplicate message is better than a reply that never arrives.)"""
    timeout = float(os.environ.get(SLACK_TIMEOUT_ENV) or 10)
    client = WebClient(token=token, base_url=api_url or SLACK_API_URL, timeout=timeout)
    client.retry_handlers.extend(
        [
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
            ConnectionErrorRetryHandler(
                max_retry_count=2,
                # urllib raises a read timeout as TimeoutError, which the SDK does not retry.
                error_types=[URLError, ConnectionResetError, RemoteDisconnected, TimeoutError],
            ),
        ]
    )
    return client


# Agreement in words to something that waits for a Confirm click: money and cancellations move
# only on the button (with its dialog), never on "ok".
PRESS_CONFIRM = (
    "To go ahead, press *Confirm* on the message above; I only make that change after the click."
)
# Questions in a row the bot could not answer in one conversation before a person takes over.
REPEATED_MISSES = 2


@dataclass(frozen=True)
class Conversation:
    """Where a message was written: its channel, thread key, and how long its context lasts."""

    channel: str
    key: str
    is_dm: bool
    event: dict[str, Any]

    @property
    def fresh(self) -> timedelta | None:
        return DM_CONTEXT_FOR if self.is_dm and not self.event.get("thread_ts") else None


class SlackBot:
    """The listeners, holding the use cases they call."""

    def __init__(
        self, settings: Settings, knowledge: KnowledgeBase, billing: BillingService
    ) -> None:
        self.settings = settings
        self.knowledge = knowledge
        self.billing = billing
        self._channel_names: dict[str, str] = {}
        self.hours = SupportHours.from_config(settings.support_hours)
        self.linking = Linking(billing)
        self.assistant = Assistant.open(knowledge)
        self.handoff = Handoff(billing)
        self.personalizer = Personalizer(settings)

    # -- who is asking ----------------------------------------------------------------------------

    @staticmethod
    def actor_of_event(body: dict[str, Any], event: dict[str, Any]) -> Actor:
        team = event.get("user_team") or event.get("team") or body.get("team_id")
        return Actor.slack(event.get("user", ""), team)

    @staticmethod
    def actor_of_command(body: dict[str, Any]) -> Actor:
        return Actor.slack(body.get("user_id", ""), body.get("team_id"))

    @staticmethod
    def actor_of_action(body: dict[str, Any]) -> Actor:
        user = body.get("user") or {}
        team = user.get("team_id") or (body.get("team") or {}).get("id")
        return Actor.slack(user.get("id", ""), team)

    # -- billing commands -----------------------------------------------------------------------

    def run_command(
        self, command: Command, actor: Actor, client: WebClient | None = None
    ) -> blocks.Blocks:
        """A `/support-tier` action (typed or in plain words) as the blocks to show its asker."""
        user = actor.slack_user_id or ""
        if command.action == "help":
            return blocks.help_blocks()
        if command.action == "link":
            return self.request_link(command.email or "", actor, client)
        if command.action == "status":
            status = self.billing.status(actor)
            return (
                blocks.result_blocks(status)
                if isinstance(status, Refused)
                else blocks.status_blocks(status, user)
            )
        if command.action == "upgrade":
            quote = self.billing.quote_upgrade(actor)
            return (
                blocks.quote_blocks(quote, user)
                if isinstance(quote, Quote)
                else blocks.result_blocks(quote)
            )
        if command.action == "cancel":
            status = self.billing.status(actor)
            if isinstance(status, Refused):
                return blocks.result_blocks(status)
            if not status.billing_access or not status.renews_at:
                return blocks.result_blocks(self.billing.cancel(actor))  # says why not
            return blocks.cancel_question_blocks(status, user)
        if command.action == "resume":
            return blocks.result_blocks(self.billing.resume(actor))
        if command.action in ("grant", "revoke"):
            result = self.billing.set_billing_access(
                actor, target_slack_user=command.target_user, grant=command.action == "grant"
            )
            return blocks.result_blocks(result)
        return blocks.help_blocks()

    def request_link(self, email: str, actor: Actor, client: WebClient | None) -> blocks.Blocks:
        """Ask the account's primary user to approve linking this Slack user (the question goes
        by DM through the outbox, so a failed send is retried, not lost)."""
        result = self.linking.request(actor, email)
        if isinstance(result, Refused):
            return blocks.result_blocks(result)
        if client is not None:
            deliver_pending(self.billing, client)
        return blocks.link_sent_blocks(result)

    # -- replies ----------------------------------------------------------------------------------

    def reply_to_message(
        self, client: WebClient, body: dict[str, Any], event: dict[str, Any], mentioned: bool
    ) -> None:
        """Answer a DM, a mention, or a top-level question in a support channel."""
        actor = self.actor_of_event(body, event)
        channel = event["channel"]
        is_dm = event.get("channel_type") == "im"
        thread = event.get("thread_ts") or event.get("ts")
        ticket = self.handoff.active_in_thread(channel, event.get("thread_ts"))
        if ticket is not None:
            self.handoff.record_reply(ticket, actor.slack_user_id or "")
            return  # a person has this thread now: the bot stays out until it is resolved
        text = event.get("text", "")
        conversation = Conversation(channel, self.thread_key(channel, event, is_dm), is_dm, event)
        decision = self.understand(text, conversation)
        if isinstance(decision, Command):
            found = self.run_command(decision, actor, client)
            self._after_action(found, conversation)
            self._post_private(client, actor, channel, found, event, is_dm)
            return
        if decision is PRESS_CONFIRM:
            client.chat_postMessage(
                channel=channel, text=PRESS_CONFIRM, thread_ts=event.get("thread_ts")
            )
            return
        answer = self.follow_up(text, conversation)
        if not (is_dm or mentioned) and not answer.answered:
            return  # unprompted in a support channel: speak only when confident
        if answer.answered or answer.intent is None:
            metrics.answered(answer.answered)
        team = self.assistant.handoff_team(answer.intent)
        reason = answer.intent or "request"
        if not answer.answered and answer.intent is None:
            feedback.record(self.billing.engine, "unanswered", text, None, actor.slack_user_id)
            if note_miss(self.billing.engine, channel, conversation.key) >= REPEATED_MISSES:
                team, reason = "support", "not_answered_twice"
        if team:
            clear_misses(self.billing.engine, channel, conversation.key)
            self.hand_off(
                client,
                actor,
                team,
                channel,
                thread if not is_dm else event.get("thread_ts"),
                text,
                reason,
            )
            return
        found = blocks.answer_blocks(answer)
        note = self.personal_note(answer, actor)
        if note and is_dm:  # the DM is private: the asker's own figures go with the answer
            found.insert(1, blocks.context_block(note))
        client.chat_postMessage(
            channel=channel,
            blocks=found,
            text=blocks.fallback_text(found),
            thread_ts=None if is_dm and not event.get("thread_ts") else thread,
        )
        if note and not is_dm:  # in a shared channel only the asker sees their account
            client.chat_postEphemeral(
                channel=channel, user=actor.slack_user_id, text=note, thread_ts=thread
            )

    @staticmethod
    def _post_private(
        client: WebClient,
        actor: Actor,
        channel: str,
        found: blocks.Blocks,
        event: dict[str, Any],
        is_dm: bool,
    ) -> None:
        """Account-private blocks: in the DM, or visible only to the asker in a channel."""
        if is_dm:
            client.chat_postMessage(channel=channel, blocks=found, text=blocks.fallback_text(found))
            return
        client.chat_postEphemeral(
            channel=channel,
            user=actor.slack_user_id,
            blocks=found,
            text=blocks.fallback_text(found),
            thread_ts=event.get("thread_ts"),
        )

    @staticmethod
    def thread_key(channel: str, event: dict[str, Any], is_dm: bool) -> str:
        """A conversation: its thread, or for a DM outside threads the DM itself."""
        return event.get("thread_ts") or (channel if is_dm else event.get("ts", ""))

    def understand(self, text: str, conversation: Conversation) -> Command | Question | str:
        """An action (in `/support-tier` words, the vendor's phrasings from intents/, or "ok, do
        it" after the bot offered one), or a question for the knowledge base."""
        decision = route(text)
        if isinstance(decision, Command):
            return decision
        action = self.assistant.action_requested(text)
        if action is not None:
            return parse_slash(f"{action} {text}" if action in ("grant", "revoke") else action)
        if self.assistant.affirms(text):
            context = recall_context(
                self.billing.engine, conversation.channel, conversation.key, conversation.fresh
            )
            offered = context.offered_action if context else None
            if offered == AWAITING_CONFIRM:
                return PRESS_CONFIRM
            if offered:
                forget_offer(self.billing.engine, conversation.channel, conversation.key)
                return Command(offered)
        return decision

    def _after_action(self, found: blocks.Blocks, conversation: Conversation) -> None:
        """What the conversation now waits for: a Confirm click, or nothing."""
        engine = self.billing.engine
        if blocks.has_confirm_button(found):
            offer(engine, conversation.channel, conversation.key, AWAITING_CONFIRM)
        else:
            forget_offer(engine, conversation.channel, conversation.key)

    def follow_up(self, text: str, conversation: Conversation):
        """Answer, reading a follow-up ("and for a warehouse?") with the thread's last question,
        and remember what the answer offers to do next ("how much is premium?" → upgrade)."""
        engine = self.billing.engine
        channel, key = conversation.channel, conversation.key
        answer = self.assistant.respond(text)
        asked = text
        if not answer.answered and answer.intent is None:
            previous = recall(engine, channel, key, conversation.fresh)
            if previous:
                followed = self.assistant.respond(f"{previous} {text}")
                if followed.answered:
                    answer, asked = replace(followed, question=text), f"{previous} {text}"
        if answer.answered:
            remember(engine, channel, key, asked, self.assistant.offer_of(answer.intent))
        return answer

    def personal_note(self, answer, actor: Actor) -> str | None:
        """The asker's own price, opening or due time, when they are linked to an account."""
        if not self.personalizer.applies_to(answer):
            return None
        status = self.billing.status(actor, audit_refusal=False)
        if isinstance(status, Refused):
            return None
        return self.personalizer.note(answer, status, now_utc())

    def hand_off(
        self,
        client: WebClient,
        actor: Actor,
        team: str,
        channel: str,
        thread: str | None,
        question: str,
        reason: str,
    ) -> None:
        """Open a ticket, show it to the team with a Claim button, tell the customer when."""
        ticket = self.handoff.open_ticket(actor, team, channel, thread, question, None, reason)
        metrics.handed_off(team)
        handoff_channels = self.settings.slack.handoff
        staff_channel = (
            handoff_channels.sales_channel if team == "sales" else handoff_channels.support_channel
        )
        found = blocks.ticket_blocks(ticket, self.hours.zone)
        posted = client.chat_postMessage(
            channel=staff_channel, blocks=found, text=blocks.fallback_text(found)
        )
        self.handoff.record_staff_message(
            ticket.id, posted.get("channel") or staff_channel, posted.get("ts", "")
        )
        client.chat_postMessage(
            channel=channel, thread_ts=thread, text=self.handoff.promise(ticket)
        )

    def sales_chat(self, client: WebClient, secret: str | None):
        """The route for website sales-chat transcripts (see bot/sales_chat.py)."""

        def route(body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
            if not secret:
                return 503, {"ok": False, "error": "SUPPORTBOT_SALES_CHAT_SECRET is not set"}
            rejected = sales_chat.verify(
                body,
                headers.get("x-supportbot-timestamp"),
                headers.get("x-supportbot-signature"),
                secret,
            )
            if rejected is None:
                transcript = sales_chat.parse(body)
                rejected = transcript if isinstance(transcript, sales_chat.Rejected) else None
            if rejected is not None:
                return rejected.status, {"ok": False, "error": rejected.error}
            ticket = self.hand_off_transcript(client, transcript)
            return 202, {"ok": True, "ticket": ticket.id}

        return route

    def hand_off_transcript(self, client: WebClient, transcript) -> Any:
        """A sales ticket with the transcript and what the knowledge base says to the questions."""
        asked = [m.text for m in transcript.messages if m.sender == "visitor"]
        answers = [a for a in (self.assistant.respond(q) for q in asked) if a.answered]
        actor = Actor(via="web", slack_user_id=None)
        who = f"{transcript.visitor} <{transcript.email}>" + (
            f" of {transcript.company}" if transcript.company else ""
        )
        lines = "\n".join(f"{m.sender}: {m.text}" for m in transcript.messages)
        ticket = self.handoff.open_ticket(
            actor,
            "sales",
            WEB_CHANNEL,
            None,
            f"{who}\n{lines}",
            "\n\n".join(a.text for a in answers),
            "sales_chat",
        )
        metrics.handed_off("sales")
        found = blocks.ticket_blocks(ticket, self.hours.zone)
        for answer in answers[:3]:
            found.append(
                blocks.context_block(
                    f"Article answer to “{answer.question[:80]}”: {answer.text[:300]}"
                )
            )
        channel = self.settings.slack.handoff.sales_channel
        posted = client.chat_postMessage(
            channel=channel, blocks=found, text=blocks.fallback_text(found)
        )
        self.handoff.record_staff_message(
            ticket.id, posted.get("channel") or channel, posted.get("ts", "")
        )
        return ticket

    def answers_top_level_in(self, client: WebClient, channel: str) -> str:
        """The app.yaml policy for a channel (by ID or #name): confident, always or never."""
        for entry in self.settings.slack.support_channels:
            name = entry.name.lstrip("#")
            if name == channel or name == self._channel_name(client, channel):
                return entry.answer_top_level
        return "never"

    def _channel_name(self, client: WebClient, channel: str) -> str | None:
        if channel not in self._channel_names:
            try:
                info = client.conversations_info(channel=channel)
                self._channel_names[channel] = info["channel"].get("name") or ""
            except Exception:  # unknown or not allowed: not a support channel
                log.info("conversations.info failed for %s", channel, exc_info=True)
                return None
        return self._channel_names[channel]


def _ack(ack: Ack) -> None:
    ack()


def _value(body: dict[str, Any]) -> dict[str, Any]:
    """The JSON object of strings our buttons carry in `value`; anything else in it (an old or
    forged button) is dropped, so the work below only ever sees strings."""
    try:
        value = json.loads(body["actions"][0].get("value") or "{}")
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(v, str)}


def build_app(
    settings: Settings,
    knowledge: KnowledgeBase,
    billing: BillingService,
    *,
    token: str,
    signing_secret: str,
    api_url: str | None = None,
    listener_executor: Executor | None = None,
) -> App:
    """The Bolt app with every listener registered.

    Lazy work (answers, charges, Web API calls that may wait out a 429) runs on
    `listener_executor`: by default a pool wider than Bolt's five threads, so a few slow calls
    do not queue every other conversation behind them.
    """
    app = App(
        client=make_client(token, api_url),
        signing_secret=signing_secret,
        process_before_response=True,
        token_verification_enabled=False,
        listener_executor=listener_executor
        or ThreadPoolExecutor(max_workers=32, thread_name_prefix="lazy"),
    )
    bot = SlackBot(settings, knowledge, billing)
    app.supportbot = bot  # the HTTP server's own routes (sales chat) use the same use cases
    _register_metrics(app)
    _register_dedupe(app, billing)
    _register_commands(app, bot)
    _register_events(app, bot)
    _register_actions(app, bot)
    return app


def _request_kind(body: dict[str, Any]) -> str:
    if body.get("command"):
        return "command"
    kind = body.get("type")
    if kind == "event_callback":
        return "event"
    return "action" if kind in ("block_actions", "view_submission", "shortcut") else "other"


def _register_metrics(app: App) -> None:
    @app.middleware
    def timed(body: dict[str, Any], next: Callable[[], BoltResponse]) -> BoltResponse:
        """Every request Slack sends, and how long its ack took (the work after it is lazy)."""
        started = time.perf_counter()
        try:
            return next()
        finally:
            metrics.request_seen(_request_kind(body), time.perf_counter() - started)


def _register_dedupe(app: App, billing: BillingService) -> None:
    @app.middleware
    def once_per_event(body: dict[str, Any], next: Callable[[], None]) -> BoltResponse | None:
        """Slack re-sends events; the database remembers ids across processes."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        try:
            seen = bool(event_id) and not first_delivery(billing.engine, event_id)
        except DATABASE_UNAVAILABLE:
            # Without the database a retry may be answered twice; better than not at all, and
            # the listener tells the person what it can.
            log.warning("event %s not de-duplicated: database unavailable", event_id)
            seen = False
        if seen:
            return BoltResponse(status=200, body="")
        return next()


def _register_commands(app: App, bot: SlackBot) -> None:
    pool = ThreadPoolExecutor(max_workers=16, thread_name_prefix="support-tier")

    def support_tier(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        """Reply in the ack itself (private to the person who typed it) when the work is quick,
        as it is unless the database is slow; past ACK_BUDGET_S, ack at once and post the reply
        when it is ready, so Slack always hears back within its 3 seconds."""
        actor = bot.actor_of_command(body)
        command = parse_slash(body.get("text", ""))
        work = pool.submit(bot.run_command, command, actor, client)
        try:
            found = work.result(timeout=ACK_BUDGET_S)
        except FutureTimeout:
            ack()
            work.add_done_callback(lambda done: _post_late(done, client, body, actor))
            return
        except Exception as error:
            log.exception("/support-tier failed")
            ack(text=trouble_text(error), response_type="ephemeral")
            return
        ack(blocks=found, text=blocks.fallback_text(found), response_type="ephemeral")

    app.command("/support-tier")(support_tier)


def _post_late(done: Future, client: WebClient, body: dict[str, Any], actor: Actor) -> None:
    """The reply to a command that outlived its ack, sent privately once it is ready."""
    try:
        found = done.result()
    except Exception as error:
        log.exception("/support-tier failed after its ack")
        found = blocks.result_blocks(Refused("failed", trouble_text(error)))
    client.chat_postEphemeral(
        channel=body["channel_id"],
        user=actor.slack_user_id,
        blocks=found,
        text=blocks.fallback_text(found),
    )


def _say_trouble(client: WebClient, event: dict[str, Any], error: Exception) -> None:
    """Tell the person who wrote that their message hit a failure (privately in channels)."""
    text = trouble_text(error)
    try:
        if event.get("channel_type") == "im":
            client.chat_postMessage(channel=event["channel"], text=text)
        else:
            client.chat_postEphemeral(
                channel=event["channel"],
                user=event.get("user", ""),
                text=text,
                thread_ts=event.get("thread_ts"),
            )
    except Exception:
        log.exception("could not tell the user about a failure")


_MESSAGE_FIELDS_REQUIRED = ("user", "channel", "ts")
_MESSAGE_FIELDS_OPTIONAL = ("text", "thread_ts", "channel_type", "subtype", "user_team", "team")


def well_formed_message(event: Any) -> bool:
    """A message or mention with the fields we read, each a string. Slack always sends them;
    a request that does not is malformed (or not from Slack) and is ignored, not answered."""
    if not isinstance(event, dict):
        return False
    if not all(isinstance(event.get(k), str) and event[k] for k in _MESSAGE_FIELDS_REQUIRED):
        return False
    return all(isinstance(event.get(k, ""), str | None) for k in _MESSAGE_FIELDS_OPTIONAL)


def _register_events(app: App, bot: SlackBot) -> None:
    def on_mention(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if not well_formed_message(event):
            log.warning("ignored a malformed app_mention event")
            return
        try:
            bot.reply_to_message(client, body, event, mentioned=True)
        except Exception as error:
            log.exception("mention failed")
            _say_trouble(client, event, error)

    def on_message(body: dict[str, Any], event: dict[str, Any], client: WebClient, context) -> None:
        try:
            handle_message(body, event, client, context)
        except Exception as error:
            log.exception("message failed")
            if event.get("channel_type") == "im":  # in channels, unprompted, the bot stays quiet
                _say_trouble(client, event, error)

    def handle_message(body: dict[str, Any], event: dict[str, Any], client: WebClient, context):
        if not well_formed_message(event):
            if not event.get("subtype"):  # edits, joins and the like come in other shapes
                log.warning("ignored a malformed message event")
            return
        if event.get("subtype") not in _HUMAN_SUBTYPES or event.get("bot_id"):
            return
        if event.get("user") in (None, context.get("bot_user_id")):
            return
        if event.get("channel_type") == "im":
            bot.reply_to_message(client, body, event, mentioned=False)
            return
        text = event.get("text", "")
        if context.get("bot_user_id") and f"<@{context['bot_user_id']}" in text:
            return  # in channels the app_mention event answers it
        if event.get("thread_ts") and event.get("thread_ts") != event.get("ts"):
            ticket = bot.handoff.active_in_thread(event["channel"], event["thread_ts"])
            if ticket is not None:
                bot.handoff.record_reply(ticket, event.get("user", ""))  # a person took it up
                return
            if recall(bot.billing.engine, event["channel"], event["thread_ts"]):
                # A thread the bot answered in: follow-ups get answers when confident.
                bot.reply_to_message(client, body, event, mentioned=False)
            return
        if bot.answers_top_level_in(client, event["channel"]) != "never":
            bot.reply_to_message(client, body, event, mentioned=False)

    app.event("app_mention")(ack=_ack, lazy=[on_mention])
    app.event("message")(ack=_ack, lazy=[on_message])

    def on_home_opened(body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home" or not isinstance(event.get("user"), str):
            return
        actor = Actor.slack(event["user"], body.get("team_id"))
        view = blocks.home_view(bot.billing.status(actor), bot.settings, bot.hours, now_utc())
        client.views_publish(user_id=event["user"], view=view)

    app.event("app_home_opened")(ack=_ack, lazy=[on_home_opened])
    # Events the manifest does not subscribe to (a workspace admin may add some) still get a
    # 200: Slack counts a 404 as a failure and turns the subscription off after too many.
    app.event(re.compile(r".*"))(_ack)


def _tells_failures(work: Callable[..., None]) -> Callable[..., None]:
    """A button's lazy work that, if it fails, tells the clicker privately instead of nothing.
    (Bolt injects arguments by name; `wraps` keeps the work's own signature visible to it.)"""

    @functools.wraps(work)
    def listener(**kwargs: Any) -> None:
        try:
            work(**kwargs)
        except Exception as error:
            log.exception("%s failed", work.__name__)
            respond = kwargs.get("respond")
            if respond is not None:
                respond(response_type="ephemeral", replace_original=False, text=trouble_text(error))

    return listener


def _register_actions(app: App, bot: SlackBot) -> None:
    def guarded(work: Callable[[Actor, dict[str, Any], Respond], None]):
        """Only the person a button was shown to can use it; anyone else is told so."""

        def handler(body: dict[str, Any], respond: Respond, client: WebClient) -> None:
            actor = bot.actor_of_action(body)
            owner = _value(body).get("u")
            if owner and owner != actor.slack_user_id:
                channel = (body.get("channel") or {}).get("id")
                if channel:
                    client.chat_postEphemeral(
                        channel=channel,
                        user=actor.slack_user_id,
                        text="That button belongs to someone else's request; "
                        "use /support-tier to start your own.",
                    )
                return
            try:
                work(actor, _value(body), respond)
            except Exception as error:
                log.exception("button %s failed", (body.get("actions") or [{}])[0].get("action_id"))
                respond(response_type="ephemeral", replace_original=False, text=trouble_text(error))

        return handler

    def show(respond: Respond, found: blocks.Blocks) -> None:
        respond(replace_original=True, blocks=found, text=blocks.fallback_text(found))

    def quote(actor: Actor, value: dict[str, Any], respond: Respond) -> None:
        show(respond, bot.run_command(Command("upgrade"), actor))

    def confirm_upgrade(actor: Actor, value: dict[str, Any], respond: Respond) -> None:
        show(respond, blocks.result_blocks(bot.billing.confirm(actor, str(value.get("q", "")))))

    def cancel_ask(actor: Actor, value: dict[str, Any], respond: Respond) -> None:
        show(respond, bot.run_command(Command("cancel"), actor))

    def confirm_cancel(actor: Actor, value: dict[str, Any], respond: Respond) -> None:
        show(respond, blocks.result_blocks(bot.billing.cancel(actor)))

    def confirm_resume(actor: Actor, value: dict[str, Any], respond: Respond) -> None:
        show(respond, blocks.result_blocks(bot.billing.resume(actor)))

    def dismiss(actor: Actor, value: dict[str, Any], respond: Respond) -> None:
        respond(delete_original=True)

    def on_feedback(body: dict[str, Any], respond: Respond) -> None:
        helpful = body["actions"][0]["action_id"] == "feedback_helpful"
        question = str(_value(body).get("q", ""))
        user = (body.get("user") or {}).get("id")
        kind = "helpful" if helpful else "unhelpful"
        feedback.record(bot.billing.engine, kind, question, _value(body).get("s"), user)
        if helpful:
            respond(
                response_type="ephemeral", replace_original=False, text="Thanks for telling me."
            )
            return
        offer = blocks.handoff_offer_blocks(question, user or "")
        respond(
            response_type="ephemeral",
            replace_original=False,
            blocks=offer,
            text=blocks.fallback_text(offer),
        )

    def handoff_request(body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        """After "Not helpful", "Talk to a person" hands the question to the support team."""
        actor = bot.actor_of_action(body)
        if _value(body).get("u") not in (None, "", actor.slack_user_id):
            return
        message = body.get("message") or body.get("container") or {}
        channel = (body.get("channel") or {}).get("id", "")
        thread = message.get("thread_ts") or message.get("message_ts") or message.get("ts")
        question = str(_value(body).get("q", ""))
        bot.hand_off(client, actor, "support", channel, thread, question, "not_helpful")

    def decide_link(approve: bool):
        def work(actor: Actor, value: dict[str, Any], respond: Respond) -> None:
            result = bot.linking.decide(actor, str(value.get("r", "")), approve)
            show(respond, blocks.result_blocks(result))
            deliver_pending(bot.billing, app.client)  # the requester hears at once

        return work

    def claim(body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        staff = (body.get("user") or {}).get("id", "")
        ticket_id = str(_value(body).get("t", ""))
        ticket = bot.handoff.claim(ticket_id, staff)
        if ticket is None:
            current = bot.handoff.get(ticket_id)
            owner = f"<@{current.claimed_by}>" if current and current.claimed_by else "someone else"
            respond(
                response_type="ephemeral",
                replace_original=False,
                text=f"{owner} already has this ticket.",
            )
            return
        found = blocks.ticket_blocks(ticket, bot.hours.zone)
        respond(replace_original=True, blocks=found, text=blocks.fallback_text(found))
        if ticket.channel == WEB_CHANNEL:
            return  # a website visitor: the staff member writes to them by email
        client.chat_postMessage(
            channel=ticket.channel,
            thread_ts=ticket.thread_ts,
            text=f"<@{staff}> from our {ticket.team} team has your request and will reply here.",
        )

    app.action("claim_ticket")(ack=_ack, lazy=[_tells_failures(claim)])

    def resolve(body: dict[str, Any], respond: Respond) -> None:
        ticket_id = str(_value(body).get("t", ""))
        bot.handoff.resolve(ticket_id)
        ticket = bot.handoff.get(ticket_id)
        if ticket is not None:
            found = blocks.ticket_blocks(ticket, bot.hours.zone)
            respond(replace_original=True, blocks=found, text=blocks.fallback_text(found))

    app.action("resolve_ticket")(ack=_ack, lazy=[_tells_failures(resolve)])

    for action_id, work in (
        ("confirm_link_approve", decide_link(True)),
        ("link_deny", decide_link(False)),
        ("upgrade_quote", quote),
        ("confirm_upgrade", confirm_upgrade),
        ("cancel_ask", cancel_ask),
        ("confirm_cancel", confirm_cancel),
        ("confirm_resume", confirm_resume),
        ("dismiss", dismiss),
    ):
        app.action(action_id)(ack=_ack, lazy=[guarded(work)])
    app.action(re.compile(r"^feedback_"))(ack=_ack, lazy=[_tells_failures(on_feedback)])
    app.action("handoff_request")(ack=_ack, lazy=[_tells_failures(handoff_request)])
    # Buttons of old messages (or future ones) still get a 200: Slack counts a 404 as a failure.
    app.action(re.compile(r".*"))(_ack)
