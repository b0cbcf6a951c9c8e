"""A local stand-in for Slack's Web API: records every call and answers as Slack does.

The console and the tests point `SLACK_API_URL` here, so the bot's real Web API client, retries
and all, is exercised without a workspace. `response_url` posts (what `respond()` sends) land
here too, under /response/. It can be told to answer the next calls with 429 or 500.

It keeps the messages posted to it, and those a test or the console says people wrote
(`remember`), so `conversations.history` and `conversations.replies` can answer what a reaction
was put on; a channel's name is what `channels` says (else its ID in lower case), and a post to
`#name` answers with that channel's ID, as Slack does.

It also installs the app in other workspaces as Slack's OAuth does: `grant(team)` is what a
person approving the install gives the bot (a one-time code), `oauth.v2.access` swaps it for a
bot token of that team, and `auth.test` answers for whichever token is asked about. Each call
records the token it came with, so a test can see which workspace's token the bot used.
"""

from __future__ import annotations

import base64
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

BOT_USER_ID = "U0SUPPORTBOT"
VENDOR_TEAM_ID = "T0VENDOR"
APP_ID = "A0SUPPORTBOT"


@dataclass
class Call:
    method: str  # e.g. "chat.postEphemeral", or "response" for a response_url post
    args: dict[str, Any]
    token: str | None = None  # the bearer token it came with (None: none, or client auth)

    @property
    def text(self) -> str:
        """The message's text and every text in its blocks (a view's too: the Home tab, a
        form), for assertions and the console."""
        view = self.args.get("view")
        view = json.loads(view) if isinstance(view, str) else view
        blocks = self.args.get("blocks") or (view or {}).get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        parts = _block_texts(blocks) if blocks else [str(self.args.get("text") or "")]
        return "\n".join(p for p in parts if p)

    @property
    def buttons(self) -> list[dict[str, Any]]:
        blocks = self.args.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        return [e for b in blocks if b.get("type") == "actions" for e in b.get("elements", [])]


def _block_texts(blocks: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if block.get("type") == "actions":
            continue  # buttons are read through Call.buttons
        if block.get("type") in ("mrkdwn", "plain_text"):
            out.append(block.get("text", ""))
        for key in ("text", "label"):
            value = block.get(key)
            if isinstance(value, dict):
                out.append(value.get("text", ""))
        for element in block.get("elements", []) + block.get("fields", []):
            if isinstance(element, dict):
                out += _block_texts([element])
    return out


@dataclass
class SlackStandIn:
    """Run with `start()`; `url` is the base URL to give the bot (ends in /api/)."""

    calls: list[Call] = field(default_factory=list)
    # What the next calls meet: an HTTP status (429 comes with Retry-After: 1), or "timeout":
    # no answer for `stall_s` seconds, as when Slack is slow (the call is not carried out).
    failures: list[int | str] = field(default_factory=list)
    # Web API methods that fail (500, not retried away) this many more times, e.g.
    # {"conversations.open": 10}: a DM that cannot be opened.
    failing: dict[str, int] = field(default_factory=dict)
    stall_s: float = 3.0
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    socket_url: str | None = None  # what apps.connections.open hands out (Socket Mode tests)
    # The OAuth client (id, secret) oauth.v2.access accepts; None: any.
    oauth_client: tuple[str, str] | None = None
    channels: dict[str, str] = field(default_factory=dict)  # channel ID -> its name
    # Channels a post to is refused (channel_not_found), as when the bot was never invited.
    refused_channels: set[str] = field(default_factory=set)
    history: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # channel -> messages

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self._codes: dict[str, dict[str, str]] = {}  # one-time OAuth code -> the install
        self.tokens: dict[str, str] = {}  # bot token handed out -> its team

    def remember(self, channel: str, message: dict[str, Any]) -> dict[str, Any]:
        """A message people wrote, as Slack keeps it (ts, user, text, team, thread_ts)."""
        with self._lock:
            self.history.setdefault(channel, []).append(dict(message))
        return message

    def channel_id(self, name: str) -> str:
        """The ID of a channel named `#name` (made up once, then kept)."""
        bare = name.lstrip("#")
        with self._lock:
            for ident, known in self.channels.items():
                if known == bare:
                    return ident
            ident = "C" + "".join(c for c in bare.upper() if c.isalnum())[:20]
            self.channels[ident] = bare
            return ident

    def _found(self, channel: str, ts: str, thread: bool) -> list[dict[str, Any]]:
        with self._lock:
            kept = list(self.history.get(channel, []))
        if not thread:
            return [m for m in kept if m.get("ts") == ts and m.get("thread_ts") in (None, ts)]
        hit = next((m for m in kept if m.get("ts") == ts), None)
        if hit is None:
            return []
        root = hit.get("thread_ts") or ts
        return [m for m in kept if m.get("ts") == root] + [
            m for m in kept if m.get("thread_ts") == root and m.get("ts") != root
        ]

    def grant(self, team: str, team_name: str = "", installer: str = "U0INSTALLER") -> str:
        """A person in `team` approved the install: the code Slack sends to the redirect URL."""
        with self._lock:
            code = f"code-{team}-{next(self._ts)}"
            self._codes[code] = {"team": team, "name": team_name or team, "user": installer}
        return code

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    @property
    def response_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/response/"

    def start(self) -> SlackStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8") if length else ""
                status, payload = standin._answer(
                    self.path,
                    self.headers.get("Content-Type", ""),
                    raw,
                    self.headers.get("Authorization", ""),
                )
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                if status == 429:
                    self.send_header("Retry-After", "1")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def _answer(
        self, path: str, content_type: str, raw: str, authorization: str = ""
    ) -> tuple[int, dict[str, Any]]:
        with self._lock:
            failure = self.failures.pop(0) if self.failures else None
        if failure == "timeout":
            time.sleep(self.stall_s)
            return 503, {"ok": False, "error": "too slow"}
        if failure is not None:
            return int(failure), {"ok": False, "error": "ratelimited"}
        args = json.loads(raw) if "json" in content_type and raw else dict(parse_qsl(raw))
        method = "response" if path.startswith("/response/") else path.rsplit("/", 1)[-1]
        with self._lock:
            if self.failing.get(method, 0) > 0:
                self.failing[method] -= 1
                return 200, {"ok": False, "error": "internal_error"}
            if method == "chat.postMessage" and args.get("channel") in self.refused_channels:
                return 200, {"ok": False, "error": "channel_not_found"}
            token = authorization[7:] if authorization.startswith("Bearer ") else None
            self.calls.append(Call(method, args, token or args.get("token")))
            ts = f"1700000000.{next(self._ts):06d}"
        if method == "oauth.v2.access":
            return 200, self._oauth_access(args, authorization)
        if method == "auth.test":
            team = self.tokens.get(token or args.get("token") or "", VENDOR_TEAM_ID)
            return 200, {
                "ok": True,
                "user_id": BOT_USER_ID,
                "bot_id": "B0SUPPORTBOT",
                "team_id": team,
                "user": "supportbot",
                "team": "Vendor" if team == VENDOR_TEAM_ID else team,
            }
        if method == "conversations.open":
            return 200, {"ok": True, "channel": {"id": f"D{args.get('users', 'X')}"}}
        if method == "users.info":
            user = self.users.get(
                args.get("user", ""), {"id": args.get("user"), "team_id": VENDOR_TEAM_ID}
            )
            return 200, {"ok": True, "user": user}
        if method == "apps.connections.open":
            if not self.socket_url:
                return 200, {"ok": False, "error": "socket_mode_not_enabled"}
            return 200, {"ok": True, "url": self.socket_url}
        if method == "conversations.info":
            channel = args.get("channel", "")
            name = self.channels.get(channel, channel.lower())
            return 200, {"ok": True, "channel": {"id": channel, "name": name}}
        if method in ("conversations.history", "conversations.replies"):
            found = self._found(
                args.get("channel", ""), args.get("latest") or args.get("ts") or "",
                thread=method == "conversations.replies",
            )  # fmt: skip
            return 200, {"ok": True, "messages": found, "has_more": False}
        if method == "chat.postEphemeral":
            return 200, {"ok": True, "message_ts": ts}
        if method == "views.open":
            return 200, {"ok": True, "view": {"id": f"V{next(self._ts)}"}}
        channel = str(args.get("channel") or "")
        if channel.startswith("#"):
            channel = self.channel_id(channel)
        if method == "chat.postMessage":
            kept = {"ts": ts, "user": BOT_USER_ID, "bot_id": "B0SUPPORTBOT",
                    "text": str(args.get("text") or "")}  # fmt: skip
            if args.get("thread_ts"):
                kept["thread_ts"] = args["thread_ts"]
            self.remember(channel, kept)
        if method == "chat.update":
            ts = str(args.get("ts") or ts)
        return 200, {"ok": True, "channel": channel, "ts": ts, "message": {"ts": ts}}

    def _oauth_access(self, args: dict[str, Any], authorization: str) -> dict[str, Any]:
        """A code swapped for a bot token, once, by the app's own client (HTTP basic auth)."""
        client = ("", "")
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization[6:]).decode()
            client = tuple(decoded.split(":", 1)) if ":" in decoded else (decoded, "")
        if self.oauth_client is not None and client[0] != self.oauth_client[0]:
            return {"ok": False, "error": "invalid_client_id"}
        if self.oauth_client is not None and client[1] != self.oauth_client[1]:
            return {"ok": False, "error": "bad_client_secret"}
        with self._lock:
            grant = self._codes.pop(str(args.get("code") or ""), None)
            if grant is None:
                return {"ok": False, "error": "invalid_code"}
            token = f"xoxb-{grant['team']}-{next(self._ts)}"
            self.tokens[token] = grant["team"]
        return {
            "ok": True,
            "app_id": APP_ID,
            "authed_user": {"id": grant["user"]},
            "scope": "app_mentions:read,chat:write,commands,im:history,im:write",
            "token_type": "bot",
            "access_token": token,
            "bot_user_id": BOT_USER_ID,
            "team": {"id": grant["team"], "name": grant["name"]},
            "enterprise": None,
            "is_enterprise_install": False,
        }

    # -- for assertions -------------------------------------------------------------------------

    def of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def messages(self) -> list[Call]:
        """Everything the bot said: posts, ephemerals, updates and response_url replies."""
        wanted = {"chat.postMessage", "chat.postEphemeral", "chat.update", "response"}
        with self._lock:
            return [c for c in self.calls if c.method in wanted]

    def clear(self) -> None:
        with self._lock:
            self.calls.clear()
