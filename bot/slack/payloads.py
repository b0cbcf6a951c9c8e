"""Requests as Slack builds and signs them, for the console and the conformance tests.

Shapes follow Slack's documentation: slash commands and interactivity are form-encoded (the
latter as a JSON `payload` field), events are JSON envelopes; every request is signed with
HMAC-SHA256 over ``v0:{timestamp}:{body}``.
"""

from __future__ import annotations

import itertools
import json
import time
import uuid
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

_ids = itertools.count(1)


def signed_headers(body: str, secret: str, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    content_type = (
        "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    )
    return {
        "content-type": content_type,
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": signature,
    }


def slash_command(text: str, user: str, team: str, channel: str, response_url: str) -> str:
    return urlencode(
        {
            "token": "unused",
            "team_id": team,
            "team_domain": "customer",
            "channel_id": channel,
            "channel_name": "directmessage" if channel.startswith("D") else "support",
            "user_id": user,
            "user_name": user.lower(),
            "command": "/support-tier",
            "text": text,
            "api_app_id": "A0SUPPORTBOT",
            "response_url": f"{response_url}cmd{next(_ids)}",
            "trigger_id": f"{next(_ids)}.trigger",
        }
    )


def event(inner: dict[str, Any], team: str, event_id: str | None = None) -> str:
    return json.dumps(
        {
            "token": "unused",
            "team_id": team,
            "api_app_id": "A0SUPPORTBOT",
            "event": inner,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:16].upper()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": team, "user_id": "U0SUPPORTBOT", "is_bot": True}],
        }
    )


def message(
    text: str,
    user: str,
    team: str,
    channel: str,
    channel_type: str = "im",
    thread_ts: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    inner = {
        "type": "message",
        "user": user,
        "text": text,
        "channel": channel,
        "channel_type": channel_type,
        "ts": f"{time.time():.6f}",
        "team": team,
        **extra,
    }
    if thread_ts:
        inner["thread_ts"] = thread_ts
    return inner


def mention(text: str, user: str, team: str, channel: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "app_mention",
        "user": user,
        "text": f"<@U0SUPPORTBOT> {text}",
        "channel": channel,
        "ts": f"{time.time():.6f}",
        "team": team,
        **extra,
    }


def block_action(
    action: dict[str, Any], user: str, team: str, channel: str, response_url: str
) -> str:
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": team, "username": user.lower()},
        "team": {"id": team},
        "api_app_id": "A0SUPPORTBOT",
        "channel": {"id": channel},
        "container": {"type": "message", "is_ephemeral": True},
        "trigger_id": f"{next(_ids)}.trigger",
        "response_url": f"{response_url}act{next(_ids)}",
        "actions": [
            {
                "type": "button",
                "action_id": action["action_id"],
                "block_id": "b",
                "value": action.get("value", ""),
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def home_action(action: dict[str, Any], user: str, team: str) -> str:
    """A click on the App Home tab: Slack sends the view, and no channel or response_url."""
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": team, "username": user.lower()},
        "team": {"id": team},
        "api_app_id": "A0SUPPORTBOT",
        "container": {"type": "view", "view_id": "V0HOME"},
        "view": {"id": "V0HOME", "type": "home"},
        "trigger_id": f"{next(_ids)}.trigger",
        "actions": [
            {
                "type": "button",
                "action_id": action["action_id"],
                "block_id": "b",
                "value": action.get("value", ""),
                "action_ts": f"{time.time():.6f}",
            }
        ],
    }
    return urlencode({"payload": json.dumps(payload)})


def reaction(
    emoji: str, user: str, channel: str, ts: str, item_user: str | None = None, **extra: Any
) -> dict[str, Any]:
    """A reaction_added event: `user` put :emoji: on the message `ts` in `channel`."""
    inner: dict[str, Any] = {
        "type": "reaction_added",
        "user": user,
        "reaction": emoji,
        "item": {"type": "message", "channel": channel, "ts": ts},
        "event_ts": f"{time.time():.6f}",
        **extra,
    }
    if item_user:
        inner["item_user"] = item_user
    return inner


def form_submission(view: dict[str, Any], text: str, user: str, team: str) -> str:
    """A submitted modal (view_submission) with `text` typed in its one field."""
    field = next(
        (b.get("block_id", "text") for b in view.get("blocks", []) if b.get("type") == "input"),
        "text",
    )
    payload = {
        "type": "view_submission",
        "user": {"id": user, "team_id": team, "username": user.lower()},
        "team": {"id": team},
        "api_app_id": "A0SUPPORTBOT",
        "trigger_id": f"{next(_ids)}.trigger",
        "view": {
            "id": f"V{next(_ids)}",
            "type": "modal",
            "callback_id": view.get("callback_id", ""),
            "private_metadata": view.get("private_metadata", ""),
            "state": {"values": {field: {field: {"type": "plain_text_input", "value": text}}}},
        },
    }
    return urlencode({"payload": json.dumps(payload)})
