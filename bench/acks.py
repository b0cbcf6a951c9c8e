"""Slack ack benchmark: `/support-tier help` and `status` at concurrency 1, 8 and 32, beside two
baselines.

(a) a stock Bolt app started as Bolt's documentation starts one (`app.start()`), acking the same
command; (b) a bare Bolt app tuned for speed (`process_before_response=True`) on the same
gunicorn server we use. Ours does everything it does in production: signature check, the
de-duplication middleware, and the reply inside the ack (for `status`, the account read from the
database and rendered as Block Kit). The target: at least half the tuned bare app's throughput
and a p99 of at most 50 ms.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

from bot.billing import open_billing
from bot.billing.admin import DEMO_FILE, import_accounts
from bot.config import load_settings
from bot.slack import payloads

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-secret"
Row = tuple[str, str, str, str]

_BASELINE = """
import os, sys
from slack_bolt import App
from slack_sdk import WebClient
tuned = sys.argv[1] == "tuned"
app = App(client=WebClient(token="xoxb-bench", base_url=os.environ["SLACK_API_URL"]),
          signing_secret=os.environ["SLACK_SIGNING_SECRET"], token_verification_enabled=False,
          process_before_response=tuned)
@app.command("/support-tier")
def support_tier(ack):
    ack()
if tuned:
    from bot.slack.server import serve_http, wsgi_app
    serve_http(wsgi_app(app, lambda: (True, "ready")), "127.0.0.1", int(sys.argv[2]), lambda: None)
else:
    app.start(port=int(sys.argv[2]))
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on {port}")


def _load(
    port: int, text: str, concurrency: int, per_thread: int, response_url: str
) -> tuple[float, list[float], int]:
    """Requests per second, the latency of each answered one, and how many failed (a refused or
    reset connection: a server whose listen queue overflowed)."""
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()

    def worker() -> None:
        nonlocal failures
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        mine, failed = [], 0
        for _ in range(per_thread):
            body = payloads.slash_command(text, "U0PAT", "T0ACME", "C0BENCH", response_url)
            headers = payloads.signed_headers(body, SECRET)
            started = time.perf_counter()
            try:
                conn.request("POST", "/slack/events", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
            except OSError:
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                failed += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            failures += failed

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies) / (time.perf_counter() - started), latencies, failures


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found += [int(child) for child in text.split()]
    return found


def _pss_mb(pid: int) -> float:
    """Proportional set size: memory shared copy-on-write with the master counts once."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _memory(pid: int) -> str:
    """The server's processes (master and workers) and their memory."""
    try:
        workers = _children(pid)
        sizes = [_pss_mb(p) for p in workers]
        master = _pss_mb(pid)
    except OSError:
        return "memory: not readable here"
    if not workers:
        return f"one process, {master:.0f} MB"
    each = " + ".join(f"{size:.0f}" for size in sizes)
    return (
        f"{1 + len(workers)} processes: master {master:.0f} MB + workers {each} MB "
        f"= {master + sum(sizes):.0f} MB (PSS)"
    )


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


_STANDIN = """
import sys, time
from bot.slack.standin import SlackStandIn
standin = SlackStandIn().start()
print(standin.url, flush=True)
sys.stdin.read()
"""


class _StandInProcess:
    """The Web API stand-in in its own process: it must not share the load generator's GIL."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _STANDIN],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self.url = self.process.stdout.readline().strip()
        self.response_url = self.url.replace("/api/", "/response/")

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=10)


def run(work: Path, concurrencies: tuple[int, ...] = (1, 8, 32), requests: int = 480) -> list[Row]:
    standin = _StandInProcess()
    db = f"sqlite:///{work / 'acks.db'}"
    billing = open_billing(load_settings(ROOT / "app.yaml"), db)
    import_accounts(billing.engine, billing.settings, billing.gateway, DEMO_FILE.read_text())
    config = yaml.safe_load((ROOT / "app.yaml").read_text())
    config["kb"]["path"] = str(ROOT / "kb")
    config["kb"]["index_path"] = str(work / "acks-index")
    config["intents"]["path"] = str(ROOT / "intents")
    (work / "acks.yaml").write_text(yaml.safe_dump(config))
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": standin.url,
        "DATABASE_URL": db,
        "SUPPORTBOT_CONFIG": str(work / "acks.yaml"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("SLACK_APP_TOKEN", None)
    script = work / "baseline.py"
    script.write_text(_BASELINE)
    servers = {
        OURS: [str(Path(sys.executable).parent / "supportbot"), "serve", "--http", "--port"],
        BARE: [sys.executable, str(script), "tuned"],
        STOCK: [sys.executable, str(script), "stock"],
    }
    # (command, concurrency) -> server -> (acks per second, latencies)
    measured: dict[tuple[str, int], dict[str, tuple[float, list[float], int]]] = {}
    memory: dict[str, str] = {}
    try:
        for label, command in servers.items():
            port = _port()
            process = subprocess.Popen(
                [*command, str(port)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=ROOT,
            )
            try:
                _wait_up(port)
                for text in ("help", "status"):
                    _load(port, text, 8, 5, standin.response_url)  # warm up every worker
                    for concurrency in concurrencies:
                        per_thread = max(1, requests // concurrency)
                        measured.setdefault((text, concurrency), {})[label] = _load(
                            port, text, concurrency, per_thread, standin.response_url
                        )
                memory[label] = _memory(process.pid)
            finally:
                process.terminate()
                process.wait(timeout=10)
    finally:
        standin.stop()
        billing.engine.dispose()
    rows = [
        _row(text, concurrency, label, *by_server[label], by_server[BARE][0])
        for (text, concurrency), by_server in measured.items()
        for label in servers
    ]
    return rows + [
        ("resident memory after the load", label, "", found) for label, found in memory.items()
    ]


OURS = "supportbot (gunicorn gthread)"
BARE = "bare Bolt, tuned, same server"
STOCK = "stock Bolt, app.start()"


def _row(
    text: str,
    concurrency: int,
    label: str,
    per_second: float,
    latencies: list[float],
    failures: int,
    bare: float,
) -> Row:
    share = "" if label == BARE else f" · {per_second / bare:.0%} of bare"
    if failures:
        share += f" · {failures} connections refused or reset"
    return (
        f"ack /support-tier {text} · concurrency {concurrency}",
        label,
        f"{per_second:,.0f} acks/s",
        f"p50 {_p(latencies, 0.5):.1f} ms · p99 {_p(latencies, 0.99):.1f} ms{share}",
    )
