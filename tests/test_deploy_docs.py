"""docs/deploy.md's Logs and Metrics sections, checked against a running server: the ack
histogram moves by what a client waited for a slow ack, refused requests are logged at
warning, start-up says what it did, every line is JSON with LOG_FORMAT=json, and every metric
the document names is served on /metrics."""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.slack import payloads
from bot.slack.standin import SlackStandIn
from tests.conftest import ROOT
from tests.slack_harness import Server, eventually

HOLD_S = 0.8  # how long the database stays locked: well inside the 1.5 s an ack may wait


@pytest.fixture
def server(tmp_path):
    standin = SlackStandIn().start()
    database = tmp_path / "ops.db"
    running = Server(
        tmp_path,
        standin,
        f"sqlite:///{database}",
        {"LOG_FORMAT": "json", "WEB_CONCURRENCY": "1"},
    )
    running.database = database  # type: ignore[attr-defined]
    running.standin = standin  # type: ignore[attr-defined]
    yield running
    running.stop()
    standin.stop()


def _scrape(server: Server) -> str:
    with urllib.request.urlopen(f"{server.url}/metrics", timeout=10) as response:
        return response.read().decode()


def _sample(text: str, name: str, labels: str) -> float:
    """One sample's value (0 before the series exists: a worker has not counted it yet)."""
    match = re.search(rf"^{re.escape(name + labels)} (\S+)$", text, re.M)
    return float(match[1]) if match else 0.0


@contextlib.contextmanager
def _database_held(path: Path, seconds: float) -> Iterator[None]:
    """The SQLite write lock taken by another process for `seconds`: whatever the bot writes
    meanwhile waits for it, as on a database that is slow to answer."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("BEGIN IMMEDIATE")
    release = threading.Timer(seconds, lambda: conn.execute("COMMIT"))
    release.start()
    try:
        yield
    finally:
        release.join()
        conn.close()


def _post(server: Server, path: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(f"{server.url}{path}", data=body, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_ack_histogram_moves_by_what_the_client_waited(server):
    """`supportbot_ack_seconds` times the whole dispatch: a slash command whose ack waits for
    the database shows that wait, not the microseconds of Bolt's `next()`."""
    before = _scrape(server)
    command = payloads.slash_command(
        "status", "U0PAT", "T0ACME", "C0SHARED", server.standin.response_url
    )
    with _database_held(server.database, HOLD_S):
        status, _, waited = server.post(command)
    after = _scrape(server)
    assert status == 200 and waited >= HOLD_S * 0.9

    def moved(name: str, labels: str = '{kind="command"}') -> float:
        return _sample(after, name, labels) - _sample(before, name, labels)

    assert waited * 0.8 <= moved("supportbot_ack_seconds_sum") <= waited, waited
    assert moved("supportbot_ack_seconds_count") == 1
    assert moved("supportbot_ack_seconds_bucket", '{kind="command",le="0.5"}') == 0  # a slow one


def test_refusals_and_start_up_are_logged_and_every_line_is_json(server):
    command = payloads.slash_command("status", "U0PAT", "T0ACME", "C0X", "http://x/")
    forged = payloads.signed_headers(command, "not-the-signing-secret")
    assert server.post(command, forged)[0] == 401
    transcript = json.dumps({"visitor": "Robin", "messages": []}).encode()
    chat_headers = {"X-Supportbot-Timestamp": "1", "X-Supportbot-Signature": "v0=00"}
    assert _post(server, "/handoff/sales-chat", transcript, chat_headers) == 401

    def entries() -> list[dict]:
        return [json.loads(line) for line in server.log.read_text().splitlines() if line]

    def warned() -> list[str]:
        return [e["message"] for e in entries() if e["level"] == "warning"]

    found = eventually(lambda: len(warned()) >= 2 and warned())
    assert any(m.startswith("Slack request refused (401, command)") for m in found), found
    assert any(m.startswith("POST /handoff/sales-chat refused (401)") for m in found), found
    started = [e["message"] for e in entries() if e["level"] == "info"]
    assert any(m.startswith("knowledge base: ") for m in started), started
    assert any(m.startswith("database: migrated from revision (empty) to ") for m in started)
    assert any(m.startswith("supportbot listening on http://") for m in started)
    # Bolt's notice that SLACK_BOT_TOKEN goes unused told an operator nothing at every start.
    assert not [e for e in entries() if "will be unused" in e["message"]]


def _documented_metrics() -> set[str]:
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    section = text[text.index("## Metrics") :]
    section = section[: section.index("\n## ", 1)]
    return set(re.findall(r"`(supportbot_[a-z_]+)", section))


def test_every_metric_deploy_md_names_is_served(tmp_path):
    """In process, where every metric is shown from the start (a server's workers show a
    series once they have counted in it, as deploy.md says)."""
    from slack_bolt import App

    from bot.slack.server import wsgi_app

    names = _documented_metrics()
    assert len(names) >= 6
    app = App(token="xoxb-t", signing_secret="s", token_verification_enabled=False)
    serve = wsgi_app(app, lambda: (True, "ready"))
    replies: list[str] = []
    environ = {"PATH_INFO": "/metrics", "REQUEST_METHOD": "GET"}
    body = b"".join(serve(environ, lambda status, _headers: replies.append(status)))
    assert replies == ["200 OK"]
    served = set(re.findall(r"^# TYPE (\S+)", body.decode(), re.M))
    counters = {f"{name}_total" for name in served} | served
    assert sorted(names - counters) == []


def test_a_fresh_server_serves_every_known_series_at_zero(server):
    """An alert on the rate of sales handoffs or declined charges needs the series before the
    first one happens: a server that has served nothing shows them at 0."""
    text = _scrape(server)
    for name, labels in [
        ("supportbot_handoffs_total", '{team="sales"}'),
        ("supportbot_handoffs_total", '{team="support"}'),
        ("supportbot_charges_total", '{outcome="declined"}'),
        ("supportbot_answers_total", '{outcome="abstained"}'),
        ("supportbot_slack_requests_total", '{kind="command"}'),
    ]:
        assert re.search(rf"^{re.escape(name + labels)} ", text, re.M), (name, labels)
