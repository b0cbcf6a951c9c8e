"""The local console: the real Bolt app, driven through its request path, against the stand-in.

Each line becomes what Slack would send: `/support-tier …` a signed slash command, `:ticket: 2`
a reaction on the second message you wrote, anything else a message to the bot (a direct
message, or with `channel` a top-level message in that channel). Replies are read back from the
Web API stand-in, and buttons are offered as numbered choices: type the number to click. A
form (the comment on a rating) takes the next line. What the bot posts in the team's channels
is shown too, so the whole desk can be tried without Slack.
"""

from __future__ import annotations

import json
import re
import secrets
import sys
import time
from typing import Any, TextIO

from slack_bolt import App, BoltRequest

from bot.slack import payloads
from bot.slack.standin import Call, SlackStandIn

WAIT_FOR_REPLY_S = 15.0
WAIT_FOR_REACTION_S = 3.0  # a reaction may rightly get no reply (an everyday emoji)
REACTION = re.compile(r":([a-z0-9_+'\-]+):\s+(\d+)")
SHOWN = {"chat.postMessage", "chat.postEphemeral", "chat.update", "response", "views.open"}


class Console:
    def __init__(
        self, build: Any, user: str, team: str, after: Any = None, channel: str | None = None
    ) -> None:
        self.standin = SlackStandIn().start()
        self.secret = secrets.token_hex(16)
        self.app: App = build(self.standin.url, self.secret)
        self.user, self.team = user, team
        # A direct message with the bot, or a channel by name (its made-up ID is kept).
        self.channel = self.standin.channel_id(channel) if channel else f"D{user}"
        self.buttons: list[dict[str, Any]] = []
        self.sent: list[str] = []  # the ts of each message typed, for reactions
        self.form: dict[str, Any] | None = None  # an open form takes the next line
        self.after = after  # runs after each reply, e.g. to deliver billing notices

    def send(self, line: str) -> list[Call]:
        """One line typed by the user: the bot's replies to it."""
        before = len(self.standin.calls)
        wait = WAIT_FOR_REPLY_S
        reaction = REACTION.fullmatch(line.strip())
        if self.form is not None:
            body = payloads.form_submission(
                self.form, "" if line.strip() == "-" else line, self.user, self.team
            )
            self.form = None
        elif reaction and 0 < int(reaction[2]) <= len(self.sent):
            body = payloads.event(
                payloads.reaction(reaction[1], self.user, self.channel,
                                  self.sent[int(reaction[2]) - 1], self.user),
                self.team,
            )  # fmt: skip
            wait = WAIT_FOR_REACTION_S
        elif reaction:
            count = len(self.sent)
            return [Call("console", {"text": f"You have written {count} message(s) to react to."})]
        elif line.isdigit() and 0 < int(line) <= len(self.buttons):
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
            kind = "im" if self.channel.startswith("D") else "channel"
            inner = payloads.message(line, self.user, self.team, self.channel, channel_type=kind)
            self.standin.remember(self.channel, inner)
            self.sent.append(inner["ts"])
            body = payloads.event(inner, self.team)
        response = self.app.dispatch(
            BoltRequest(body=body, headers=payloads.signed_headers(body, self.secret))
        )
        if response.status != 200:
            raise RuntimeError(f"the app answered {response.status}: {response.body}")
        if response.body and response.body.strip().startswith("{"):
            return [Call("ack", json.loads(response.body))]  # answered in the ack itself
        self._replies(before, wait)
        if self.after is not None:
            self.after(self.app)
        replies = [c for c in self.standin.calls[before:] if c.method in SHOWN]
        return [r for r in replies if self._for_me(r)]

    def _for_me(self, call: Call) -> bool:
        """What this user sees: replies to their clicks, their ephemerals, their DM, the
        conversation's channel, and (so the desk can be tried) posts in the team's channels."""
        if call.method == "chat.postEphemeral":
            return call.args.get("user") == self.user
        return (
            call.method in ("response", "views.open", "chat.postMessage", "chat.update")
            or call.args.get("user") == self.user
            or call.args.get("channel") in (self.channel, f"D{self.user}")
        )

    def _replies(self, before: int, wait: float) -> None:
        """Wait for the bot's replies (at most `wait` seconds for the first)."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if any(c.method in SHOWN for c in self.standin.calls[before:]):
                time.sleep(0.05)  # a second message may follow the first
                return
            time.sleep(0.01)

    def render(self, replies: list[Call], out: TextIO) -> None:
        if replies and all(call.method == "console" for call in replies):
            out.write("".join(f"(console) {call.text}\n" for call in replies) + "\n")
            return  # a note of the console's own: the buttons shown before still work
        self.buttons = []
        for call in replies:
            if call.args.get("delete_original"):
                out.write("bot> (dismissed)\n")
                continue
            if call.method == "views.open":
                self.form = call.args.get("view") or {}
                out.write(f"bot> {_form_text(self.form)}\n\n")
                continue
            out.write(f"bot> {self._where(call)}{call.text.replace('*', '')}\n")
            # Every button, Helpful / Not helpful included: each flow can be tried here.
            for button in call.buttons:
                self.buttons.append(button)
                out.write(f"     [{len(self.buttons)}] {button['text']['text']}\n")
        out.write("\n")
        out.flush()


    def _where(self, call: Call) -> str:
        """Where a post went, when not the conversation itself: a team's channel, a DM."""
        channel = str(call.args.get("channel") or "")
        label = "(updated) " if call.method == "chat.update" else ""
        if call.method == "chat.postMessage" and channel not in ("", self.channel):
            name = self.standin.channels.get(channel, channel).lstrip("#")
            label = "(direct message) " if channel.startswith("D") else f"(in #{name}) "
        return label


def _form_text(view: dict[str, Any]) -> str:
    blocks = view.get("blocks") or []
    said = " ".join(
        (b.get("text") or {}).get("text", "") for b in blocks if b.get("type") == "section"
    )
    label = next(
        ((b.get("label") or {}).get("text", "") for b in blocks if b.get("type") == "input"), ""
    )
    return f"(form) {said}\n     {label}: type it on the next line (- for none)"


def run_console(
    build: Any,
    user: str,
    team: str,
    interactive: bool,
    after: Any = None,
    channel: str | None = None,
) -> None:
    console = Console(build, user, team, after, channel)
    out = sys.stdout
    if interactive:
        where = f" in #{channel.lstrip('#')}" if channel else ""
        out.write(
            f"supportbot console, as Slack user {user} of team {team}{where}. Ask anything, or "
            "type /support-tier help; `:ticket: 1` reacts to your first message. Ctrl-D or "
            "'quit' to leave.\n"
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
