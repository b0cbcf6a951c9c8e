"""Metrics: created once however many requests arrive together, and exposed as Prometheus text."""

from __future__ import annotations

import subprocess
import sys

FIRST_USE_FROM_MANY_THREADS = """
import threading
from bot import metrics
start = threading.Barrier(16)
def hit():
    start.wait()
    metrics.charged("succeeded")
threads = [threading.Thread(target=hit) for _ in range(16)]
[t.start() for t in threads]
[t.join() for t in threads]
body, _ = metrics.exposition()
print([l for l in body.decode().splitlines() if l.startswith("supportbot_charges_total")][0])
"""


def test_metrics_are_created_once_when_the_first_requests_arrive_together():
    # A fresh interpreter: the metrics are created on first use, which is what is tested.
    done = subprocess.run(
        [sys.executable, "-c", FIRST_USE_FROM_MANY_THREADS],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == 'supportbot_charges_total{outcome="succeeded"} 16.0'
