"""The local console: the real Bolt app, driven through its request path, against the stand-in.

Each line becomes what Slack would send: `/support-tier …` a signed slash command, anything else
a direct message to the bot. Replies are read back from the Web API stand-in, and buttons are
offered as numbered choices: type the number to click.
"""

from __future__ import annotations

import json
import secrets
import sys
import time
from typing import Any, TextIO

from slack_bolt import App, BoltRequest

from bot.slack import payloads
from bot.slack.standin import Call, SlackStandIn

WAIT_FOR_REPLY_S = 15.0


class Console:
    def __init__(self, build: Any, user: str, team: str, after: Any = None) -> None:
        self.standin = SlackStandIn().start()
        self.secret = secrets.token_hex(16)
        self.app: App = build(self.standin.url, self.secret)
        self.user, self.team = user, team
        self.channel = f"D{user}"
        self.buttons: list[dict[str, Any]] = []
        self.after = after  # runs after each reply, e.g. to deliver billing notices

    def send(self, line: str) -> list[Call]:
        """One line typed by the user: the bot's replies to it."""
        before = len(self.standin.messages())
        if line.isdigit() and 0 < int(line) <= len(self.buttons):
            body = payloads.block_action(
                self.buttons[int(line) - 1],
                self.user,
                self.team,
                self.channel,
                self.standin.response_url,
            )
        elif line.startswith("/support-tier"):
            body = payloads.slash_command(
                line.removeprefix("/support-tier").strip(),
                self.user,
                self.team,
                self.channel,
                self.standin.response_url,
            )
        else:
            inner = payloads.message(line, self.user, self.team, self.channel)
            body = payloads.event(inner, self.team)
        response = self.app.dispatch(
            BoltRequest(body=body, headers=payloads.signed_headers(body, self.secret))
        )
        if response.status != 200:
            raise RuntimeError(f"the app answered {response.status}: {response.body}")
        if response.body and response.body.strip().startswith("{"):
            return [Call("ack", json.loads(response.body))]  # answered in the ack itself
        replies = self._replies(before)
        if self.after is not None:
            self.after(self.app)
            replies = self.standin.messages()[before:]
        return [r for r in replies if self._for_me(r)]

    def _for_me(self, call: Call) -> bool:
        """What this user sees: replies to their clicks, their ephemerals, their DM channel."""
        return (
            call.method == "response"
            or call.args.get("user") == self.user
            or call.args.get("channel") == self.channel
        )

    def _replies(self, before: int) -> list[Call]:
        deadline = time.monotonic() + WAIT_FOR_REPLY_S
        while time.monotonic() < deadline:
            found = self.standin.messages()[before:]
            if found:
                time.sleep(0.05)  # a second message may follow the first
                return self.standin.messages()[before:]
            time.sleep(0.01)
        return []

    def render(self, replies: list[Call], out: TextIO) -> None:
        self.buttons = []
        for call in replies:
            if call.args.get("delete_original"):
                out.write("bot> (dismissed)\n")
                continue
            out.write(f"bot> {call.text.replace('*', '')}\n")
            # Every button, Helpful / Not helpful included: each flow can be tried here.
            for button in call.buttons:
                self.buttons.append(button)
                out.write(f"     [{len(self.buttons)}] {button['text']['text']}\n")
        out.write("\n")
        out.flush()


def run_console(build: Any, user: str, team: str, interactive: bool, after: Any = None) -> None:
    console = Console(build, user, team, after)
    out = sys.stdout
    if interactive:
        out.write(
            f"supportbot console, as Slack user {user} of team {team}. Ask anything, or type "
            "/support-tier help. Ctrl-D or 'quit' to leave.\n"
        )
    try:
        while True:
            if interactive:
                out.write("you> ")
                out.flush()
            line = sys.stdin.readline()
            if not line:
                break
            text = line.strip()
            if text.lower() in {"quit", "exit", ":q"}:
                break
            if text:
                console.render(console.send(text), out)
    finally:
        console.standin.stop()
