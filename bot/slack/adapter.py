"""Between Slack and the conversation core: payloads become `Incoming`, and `Reply`s become Web
API calls. What a reply says and who may see it is decided in the core; this module only knows
how Slack does each thing (a thread, an ephemeral message, a DM, the Home tab, replacing the
message a button was on).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient

from bot.billing.results import Actor
from bot.conversation import Conversation, Incoming, Place, Press, Reply, Surface, Turn, Where
from bot.conversation.failures import PartlyDelivered
from bot.conversation.messages import Reaction
from bot.slack import blocks

log = logging.getLogger(__name__)

Respond = Callable[..., Any]
# Message subtypes that are people writing; edits, deletions, joins and bots are not.
HUMAN_SUBTYPES = {None, "thread_broadcast", "file_share"}
_REQUIRED = ("user", "channel", "ts")
_OPTIONAL = ("text", "thread_ts", "channel_type", "subtype", "user_team", "team")


def well_formed_message(event: Any) -> bool:
    """A message or mention with the fields we read, each a string. Slack always sends them;
    a request that does not is malformed (or not from Slack) and is ignored, not answered."""
    if not isinstance(event, dict):
        return False
    if not all(isinstance(event.get(k), str) and event[k] for k in _REQUIRED):
        return False
    return all(isinstance(event.get(k, ""), str | None) for k in _OPTIONAL)


# -- payloads -> Incoming ------------------------------------------------------------------------


def actor_of_event(body: dict[str, Any], event: dict[str, Any]) -> Actor:
    """In a Slack Connect channel the person may be from another organisation: `user_team`."""
    team = event.get("user_team") or event.get("team") or body.get("team_id")
    return Actor.slack(event.get("user", ""), team)


def actor_of_command(body: dict[str, Any]) -> Actor:
    return Actor.slack(body.get("user_id", ""), body.get("team_id"))


def actor_of_action(body: dict[str, Any]) -> Actor:
    user = body.get("user") or {}
    team = user.get("team_id") or (body.get("team") or {}).get("id")
    return Actor.slack(user.get("id", ""), team)


def without_mention_of(text: str, bot_user: str | None) -> str:
    """The text without the bot's own @mention: "<@BOT> give <@U0SAM> billing access" names
    Sam, not the bot."""
    if not bot_user:
        return text
    return re.sub(rf"<@{re.escape(bot_user)}(?:\|[^<>]*)?>\s*", "", text).strip()


def unescaped(text: str) -> str:
    """Slack delivers a message's text with &, < and > escaped ("R&amp;D"). The core works on
    what the person typed and escapes wherever it shows customer text (tickets, alerts,
    ratings), as it must for the website's raw text: unescaped once here, so staff never read
    "R&amp;D". Mentions and links (<@U…>, <http…|…>) are real brackets and stay as they are;
    a "<" someone typed gets a zero-width space after it, so "<@U0BOB>" or "<https://evil|help
    page>" typed out reads the same but is never taken for a real mention (a grant, a ticket's
    owner) or a real link."""
    text = text.replace("&lt;", "<\u200b")
    return text.replace("&gt;", ">").replace("&amp;", "&")


def message_incoming(
    body: dict[str, Any],
    event: dict[str, Any],
    bot_user: str | None,
    mentioned: bool,
    channel_name: str | None = None,
) -> Incoming:
    is_dm = event.get("channel_type") == "im"
    thread = event.get("thread_ts")
    return Incoming(
        text=unescaped(without_mention_of(event.get("text") or "", bot_user)),
        actor=actor_of_event(body, event),
        place=Place(event["channel"], is_dm, channel_name),
        surface=Surface.DM if is_dm else Surface.CHANNEL,
        ts=event.get("ts"),
        thread=thread if thread and thread != event.get("ts") else None,
        mentioned=mentioned,
    )


def command_incoming(body: dict[str, Any]) -> Incoming:
    channel = body.get("channel_id", "")
    return Incoming(
        text=body.get("text", ""),
        actor=actor_of_command(body),
        place=Place(channel, channel.startswith("D")),
        surface=Surface.COMMAND,
    )


def button_value(body: dict[str, Any]) -> dict[str, str]:
    """The JSON object of strings our buttons carry in `value`; anything else in it (an old or
    forged button) is dropped, so the core only ever sees strings."""
    try:
        value = json.loads(body["actions"][0].get("value") or "{}")
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        return {}
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(v, str)}


def action_incoming(body: dict[str, Any], channel_name: str | None = None) -> Incoming:
    """A click: on a message (it has a channel and usually a response_url) or the Home tab."""
    action = (body.get("actions") or [{}])[0]
    container = body.get("container") or {}
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    on_home = container.get("type") == "view" or (body.get("view") or {}).get("type") == "home"
    surface = Surface.DM if channel.startswith("D") else Surface.CHANNEL
    press = Press(
        action=str(action.get("action_id", "")),
        value=button_value(body),
        message_ts=container.get("message_ts") or message.get("ts"),
        thread=message.get("thread_ts") or container.get("thread_ts"),
        trigger=body.get("trigger_id") if isinstance(body.get("trigger_id"), str) else None,
    )
    return Incoming(
        text="",
        actor=actor_of_action(body),
        place=Place(channel, channel.startswith("D"), channel_name),
        surface=Surface.HOME if on_home else surface,
        press=press,
    )


FORM_FIELD = "text"  # the block and action id of a form's one text field


def form_incoming(body: dict[str, Any]) -> Incoming:
    """A submitted form (a Slack modal): a press of its callback with its metadata and the
    typed text. It comes from no channel: replies name where they go."""
    view = body.get("view") or {}
    try:
        value = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        value = {}
    if not isinstance(value, dict):
        value = {}
    value = {k: v for k, v in value.items() if isinstance(v, str)}
    field = ((view.get("state") or {}).get("values") or {}).get(FORM_FIELD) or {}
    typed = (field.get(FORM_FIELD) or {}).get("value")
    value["text"] = typed if isinstance(typed, str) else ""
    return Incoming(
        text="",
        actor=actor_of_action(body),
        place=Place("", True),
        surface=Surface.DM,
        press=Press(action=str(view.get("callback_id") or ""), value=value),
    )


def well_formed_reaction(event: Any) -> bool:
    """A reaction to a message, with the fields we read, each a string."""
    if not isinstance(event, dict) or not isinstance(event.get("item"), dict):
        return False
    item = event["item"]
    return (
        item.get("type") == "message"
        and all(isinstance(item.get(k), str) and item[k] for k in ("channel", "ts"))
        and all(isinstance(event.get(k), str) and event[k] for k in ("user", "reaction"))
    )


def reaction_incoming(
    body: dict[str, Any],
    event: dict[str, Any],
    message: dict[str, Any] | None,
    bot_user: str | None,
    reactor_team: str | None,
    channel_name: str | None = None,
) -> Incoming:
    """A reaction: the reacting person acts, on the message (`message` as Slack's history
    gives it, None when it could not be read)."""
    item = event["item"]
    channel, ts = item["channel"], item["ts"]
    found = message or {}
    author = found.get("user") or event.get("item_user")
    thread = found.get("thread_ts")
    reaction = Reaction(
        emoji=event["reaction"].split("::")[0],  # "+1::skin-tone-2" is +1
        author=author if isinstance(author, str) else None,
        author_team=found.get("user_team") or found.get("team"),
        by_bot=bool(found.get("bot_id")) or (bool(bot_user) and author == bot_user),
        readable=message is not None,
    )
    # The reactor's workspace, from the event or users.info (`reactor_team`). When neither can
    # say, it stays unknown (""): the workspace the event came to is ours even for a Slack
    # Connect customer, so falling back to it would count a stranger as staff.
    team = event.get("user_team") or reactor_team or ""
    return Incoming(
        text=unescaped(str(found.get("text") or "")),
        actor=Actor.slack(event["user"], team),
        place=Place(channel, channel.startswith("D"), channel_name),
        surface=Surface.REACTION,
        ts=ts,
        thread=thread if isinstance(thread, str) and thread != ts else None,
        reaction=reaction,
    )


# -- Reply -> Web API ----------------------------------------------------------------------------


class Delivery:
    """Sends a turn's replies for one incoming message or click."""

    def __init__(self, client: WebClient, conversation: Conversation) -> None:
        self.client = client
        self.conversation = conversation

    def deliver(
        self, turn: Turn, incoming: Incoming, respond: Respond | None = None, skip: int = 0
    ) -> None:
        """Send each reply; one that fails (its cause logged) does not stop the others, so a
        customer still hears when a reply is due though the team's channel refused the ticket.
        Raises PartlyDelivered afterwards, for the person to be told."""
        failures: list[BaseException] = []
        for reply in turn.replies[skip:]:
            try:
                self.send(reply, incoming, respond)
            except Exception as error:
                log.error("could not send a %s reply (%s)", reply.kind, reply.where, exc_info=error)
                failures.append(error)
        if failures:
            raise PartlyDelivered(failures, len(turn.replies[skip:]) - len(failures))

    def send(self, reply: Reply, incoming: Incoming, respond: Respond | None = None) -> None:
        if reply.where is Where.UPDATE:
            self.update(reply)
            return
        if reply.where is Where.FORM:
            trigger = incoming.press.trigger if incoming.press else None
            self.client.views_open(trigger_id=trigger, view=blocks.form_view(reply))
            return
        if reply.where is Where.HOME:
            self.client.views_publish(
                user_id=incoming.actor.slack_user_id, view=blocks.home_view(reply)
            )
            return
        if reply.where is Where.REPLACE and respond is not None:
            self._replace(reply, respond)
            return
        if reply.where is Where.DM or reply.where is Where.REPLACE:
            self.direct(reply, incoming.actor.slack_user_id or "")
            return
        if reply.where is Where.STAFF:
            self._staff(reply)
            return
        channel, thread = self._target(reply, incoming)
        if reply.private and not self._is_dm(channel, incoming):
            if channel:
                to = reply.to or incoming.actor.slack_user_id or ""
                self.ephemeral(reply, channel, to, thread)
            elif respond is not None:
                for found in blocks.messages(reply):
                    respond(
                        response_type="ephemeral",
                        replace_original=False,
                        blocks=found,
                        text=blocks.fallback_text(found),
                    )
            else:
                self.direct(reply, incoming.actor.slack_user_id or "")
            return
        if not channel:
            self.direct(reply, incoming.actor.slack_user_id or "")
            return
        self.post(reply, channel, thread, broadcast=reply.broadcast and bool(thread))

    def _target(self, reply: Reply, incoming: Incoming) -> tuple[str, str | None]:
        if reply.where is Where.CHANNEL:
            return reply.channel or incoming.place.channel, reply.thread
        if incoming.press is not None:
            return incoming.place.channel, incoming.press.thread
        if incoming.place.is_dm or incoming.surface is Surface.COMMAND:
            return incoming.place.channel, incoming.thread
        return incoming.place.channel, incoming.thread or incoming.ts

    @staticmethod
    def _is_dm(channel: str, incoming: Incoming) -> bool:
        return channel.startswith("D") or (
            channel == incoming.place.channel and incoming.place.is_dm
        )

    def _replace(self, reply: Reply, respond: Respond) -> None:
        if reply.delete:
            respond(delete_original=True)
            return
        found = blocks.messages(reply)
        respond(replace_original=True, blocks=found[0], text=blocks.fallback_text(found[0]))
        for more in found[1:]:
            respond(
                response_type="ephemeral",
                replace_original=False,
                blocks=more,
                text=blocks.fallback_text(more),
            )

    def post(
        self, reply: Reply, channel: str, thread: str | None = None, broadcast: bool = False
    ) -> str:
        """Post a reply in a channel or DM (in a thread when given, `broadcast` to the channel
        too); returns the message ts."""
        ts = ""
        for found in blocks.messages(reply):
            posted = self.client.chat_postMessage(
                channel=channel,
                thread_ts=thread,
                reply_broadcast=broadcast or None,
                blocks=found,
                text=blocks.fallback_text(found),
                unfurl_links=False,
                unfurl_media=False,
            )
            ts = ts or str(posted.get("ts") or "")
        return ts

    def update(self, reply: Reply) -> None:
        """Replace a message of ours (a ticket's post) by the reply; what does not fit in one
        message follows in its thread."""
        found = blocks.messages(reply)
        self.client.chat_update(
            channel=reply.channel,
            ts=reply.message_ts,
            blocks=found[0],
            text=blocks.fallback_text(found[0]),
        )
        for more in found[1:]:
            self.client.chat_postMessage(
                channel=reply.channel,
                thread_ts=reply.message_ts,
                blocks=more,
                text=blocks.fallback_text(more),
                unfurl_links=False,
                unfurl_media=False,
            )

    def ephemeral(self, reply: Reply, channel: str, user: str, thread: str | None) -> None:
        for found in blocks.messages(reply):
            self.client.chat_postEphemeral(
                channel=channel,
                user=user,
                thread_ts=thread,
                blocks=found,
                text=blocks.fallback_text(found),
            )

    def direct(self, reply: Reply, user: str) -> str:
        """A direct message to one person."""
        channel = self.client.conversations_open(users=user)["channel"]["id"]
        return self.post(reply, channel)

    def _staff(self, reply: Reply) -> None:
        found = blocks.messages(reply)
        posted = None
        for message in found:
            answer = self.client.chat_postMessage(
                channel=reply.channel,
                blocks=message,
                text=blocks.fallback_text(message),
                unfurl_links=False,
                unfurl_media=False,
            )
            posted = posted or answer
        if reply.tracks and posted is not None:
            self.conversation.posted(
                reply.tracks, posted.get("channel") or reply.channel or "", posted.get("ts", "")
            )
