"""Socket Mode: the bot connects to a local WebSocket stand-in, acks an envelope, and replies
through the Web API stand-in — the same app as HTTP mode, another transport."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import yaml
from websockets.sync.server import serve

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.config import load_settings
from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.billing_helpers import ACCOUNTS
from tests.conftest import ROOT

SUPPORTBOT = Path(sys.executable).parent / "supportbot"


class SocketStandIn:
    """Slack's Socket Mode endpoint: says hello, pushes envelopes, collects the acks."""

    def __init__(self) -> None:
        self.outgoing: queue.Queue[dict] = queue.Queue()
        self.acks: queue.Queue[dict] = queue.Queue()
        self.connected = threading.Event()
        self.server = serve(self._session, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/"

    def _session(self, websocket) -> None:
        websocket.send(json.dumps({"type": "hello", "num_connections": 1}))
        self.connected.set()
        while True:
            try:
                envelope = self.outgoing.get(timeout=0.05)
                websocket.send(json.dumps(envelope))
            except queue.Empty:
                pass
            try:
                message = websocket.recv(timeout=0.05)
            except TimeoutError:
                continue
            except Exception:
                return
            self.acks.put(json.loads(message))

    def stop(self) -> None:
        self.server.shutdown()


@pytest.fixture
def socket_bot(tmp_path):
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    sockets = SocketStandIn()
    web = SlackStandIn(socket_url=sockets.url).start()
    config = yaml.safe_load((ROOT / "app.yaml").read_text())
    config["kb"]["path"] = str(ROOT / "kb")
    config["kb"]["index_path"] = str(tmp_path / "index")
    config["intents"]["path"] = str(ROOT / "intents")
    (tmp_path / "app.yaml").write_text(yaml.safe_dump(config))
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(
        SUPPORTBOT_CONFIG=str(tmp_path / "app.yaml"),
        DATABASE_URL=url,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-test",
        SLACK_API_URL=web.url,
    )
    with open(tmp_path / "bot.log", "wb") as log:
        process = subprocess.Popen(
            [str(SUPPORTBOT), "serve", "--socket"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        assert sockets.connected.wait(30), (tmp_path / "bot.log").read_text()[-2000:]
        yield sockets, web
    finally:
        process.terminate()
        process.wait(timeout=10)
        sockets.stop()
        web.stop()
        billing.engine.dispose()


def test_a_slash_command_over_socket_mode_is_acked_and_answered_privately(socket_bot):
    sockets, web = socket_bot
    form = dict(
        parse_qsl(payloads.slash_command("status", "U0PAT", "T0ACME", "C0SHARED", web.response_url))
    )
    sockets.outgoing.put(
        {
            "envelope_id": "env-1",
            "type": "slash_commands",
            "payload": form,
            "accepts_response_payload": True,
        }
    )
    ack = sockets.acks.get(timeout=10)
    assert ack["envelope_id"] == "env-1"
    # The reply rides on the ack: private to the person who typed the command.
    assert ack["payload"]["response_type"] == "ephemeral"
    assert "*Acme Goods* is on" in json.dumps(ack["payload"]["blocks"])


def test_an_event_over_socket_mode_is_answered(socket_bot):
    sockets, web = socket_bot
    inner = payloads.message("What is the support phone number?", "U0PAT", "T0ACME", "D0PAT")
    sockets.outgoing.put(
        {
            "envelope_id": "env-2",
            "type": "events_api",
            "payload": json.loads(payloads.event(inner, "T0VENDOR")),
            "accepts_response_payload": False,
            "retry_attempt": 0,
        }
    )
    assert sockets.acks.get(timeout=10)["envelope_id"] == "env-2"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not web.of("chat.postMessage"):
        time.sleep(0.05)
    [reply] = web.of("chat.postMessage")
    assert "805-399-2278" in reply.text
