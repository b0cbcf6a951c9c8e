"""The Slack harness: `supportbot serve --http` in a subprocess, requests signed as Slack signs
them, and helpers that wait for what the bot says to the local Web API stand-in."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import yaml

from bot.slack import payloads
from bot.slack.standin import Call, SlackStandIn
from tests.conftest import ROOT

SECRET = "test-signing-secret"
CHAT_SECRET = "test-sales-chat-secret"
SUPPORTBOT = Path(sys.executable).parent / "supportbot"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`supportbot serve --http` in a subprocess, and a way to send it signed requests."""

    def __init__(
        self,
        tmp: Path,
        standin: SlackStandIn,
        database_url: str,
        env_extra: dict[str, str] | None = None,
        without: tuple[str, ...] = (),
        app_yaml: Path | None = None,
        configure: Callable[[dict], None] | None = None,
    ) -> None:
        """`without`: variables of the usual environment to leave unset (e.g. SLACK_BOT_TOKEN);
        `app_yaml`: another vendor's configuration (its kb/ and intents/ beside it) instead of
        the shipped one; `configure`: changes to the configuration (as data) before it is
        written. Out-of-hours replies are off unless `configure` turns them on: the other tests'
        support-channel messages would get one at night, and they test other things."""
        source = app_yaml or ROOT / "app.yaml"
        config = yaml.safe_load(source.read_text())
        config.setdefault("kb", {})["path"] = str(source.parent / config["kb"].get("path", "kb"))
        config["kb"]["index_path"] = str(tmp / "index")
        intents = config.setdefault("intents", {}).get("path", "intents")
        config["intents"]["path"] = str(source.parent / intents)
        config["slack"]["support_channels"] = [
            {"name": "C0SUPPORT", "answer_top_level": "confident"}
        ]
        config["slack"].setdefault("desk", {}).setdefault("out_of_hours", {})["enabled"] = False
        if configure is not None:
            configure(config)
        (tmp / "app.yaml").write_text(yaml.safe_dump(config, sort_keys=False))
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database_url = database_url
        self.config_path = tmp / "app.yaml"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
        env.update(
            SUPPORTBOT_CONFIG=str(tmp / "app.yaml"),
            DATABASE_URL=database_url,
            SLACK_BOT_TOKEN="xoxb-test",
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=standin.url,
            SUPPORTBOT_SALES_CHAT_SECRET=CHAT_SECRET,
            **(env_extra or {}),
        )
        for name in without:
            env.pop(name, None)
        # Logs go to a file: an unread pipe fills up and blocks the server mid-request.
        self.log = tmp / "server.log"
        command = [str(SUPPORTBOT), "serve", "--http", "--port", str(self.port)]
        with open(self.log, "wb") as log:
            # Its own process group: gunicorn's workers are killed with it, never orphaned.
            self.process = subprocess.Popen(
                [*command, "--deliver-every", "0.3"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not start: {self.log.read_text()[-2000:]}")

    def post(self, body: str, headers: dict[str, str] | None = None) -> tuple[int, str, float]:
        """POST to /slack/events, signed with the app's secret unless headers are given."""
        headers = payloads.signed_headers(body, SECRET) if headers is None else headers
        request = urllib.request.Request(
            f"{self.url}/slack/events", data=body.encode(), headers=headers
        )
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode(), time.perf_counter() - started
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), time.perf_counter() - started

    def get(
        self, path: str, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        """GET a path as a browser would, without following a redirect: status, headers
        (lower-cased names; repeated ones joined by newlines) and body."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            found: dict[str, str] = {}
            for name, value in response.getheaders():
                key = name.lower()
                found[key] = f"{found[key]}\n{value}" if key in found else value
            return response.status, found, response.read().decode()
        finally:
            conn.close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """SIGKILL to the server and its workers at once, as a crash or an OOM kill does."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@contextlib.contextmanager
def desk_world(folder: Path, people: dict[str, str], configure: Callable[[dict], None]):
    """The real server on SQLite with the demo accounts, a Web API stand-in that knows each
    person's workspace (users.info), and the ticket desk over the same database."""
    from bot.billing import open_billing
    from bot.billing.admin import import_accounts
    from bot.config import load_settings
    from bot.conversation.tickets import TicketDesk
    from tests.billing_helpers import ACCOUNTS

    url = f"sqlite:///{folder / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    standin = SlackStandIn().start()
    standin.users.update({u: {"id": u, "team_id": t} for u, t in people.items()})
    server = Server(folder, standin, url, configure=configure)
    try:
        yield server, standin, TicketDesk(billing.engine, billing.settings, billing.status)
    finally:
        server.stop()
        standin.stop()
        billing.engine.dispose()


def wait_messages(standin: SlackStandIn, count: int = 1, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = standin.messages()
        if len(found) >= count:
            time.sleep(0.1)
            return standin.messages()
        time.sleep(0.02)
    return standin.messages()


def slash(server, standin, text, user="U0PAT", team="T0ACME", channel="C0SHARED"):
    """Run /support-tier: the reply comes in the ack (private to the caller), or later if slow."""
    status, reply, seconds = server.post(
        payloads.slash_command(text, user, team, channel, standin.response_url)
    )
    assert status == 200 and seconds < 3.0
    if reply.strip():
        return [Call("ack", json.loads(reply))]
    return wait_messages(standin)


def click(server, standin, button, user="U0PAT", team="T0ACME", channel="C0SHARED"):
    before = len(standin.messages())
    body = payloads.block_action(button, user, team, channel, standin.response_url)
    status, _, seconds = server.post(body)
    assert status == 200 and seconds < 3.0
    # Replies to the click itself; receipts by DM (chat.postMessage) are checked on their own.
    replies = eventually(
        lambda: [c for c in standin.messages()[before:] if c.method != "chat.postMessage"]
    )
    return replies


def eventually(find, timeout: float = 20.0):
    """Poll until find() returns something truthy (then once more after a pause), or time out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if find():
            time.sleep(0.2)
            return find()
        time.sleep(0.02)
    return find()
