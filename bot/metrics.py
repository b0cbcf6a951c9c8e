"""What an operator watches, as Prometheus metrics on `GET /metrics`.

Under gunicorn every worker is its own process, so the counters live in files shared by all of
them (prometheus_client's multiprocess mode): `prepare_multiprocess` must run before
prometheus_client is first imported, which is why this module imports it lazily.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from typing import Any

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
_metrics: dict[str, Any] = {}
_creating = threading.Lock()  # the first requests arrive together: create the metrics once


def prepare_multiprocess() -> None:
    """A fresh folder for this server's worker files (kept if the operator chose one)."""
    if os.environ.get(MULTIPROC_ENV):
        os.makedirs(os.environ[MULTIPROC_ENV], exist_ok=True)
        return
    os.environ[MULTIPROC_ENV] = tempfile.mkdtemp(prefix="supportbot-metrics-")


def worker_exited(pid: int) -> None:
    """Forget a dead worker's live gauges (its counters stay, as Prometheus expects)."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)


def remove_multiprocess_dir() -> None:
    folder = os.environ.get(MULTIPROC_ENV, "")
    if folder.startswith(tempfile.gettempdir()) and "supportbot-metrics-" in folder:
        shutil.rmtree(folder, ignore_errors=True)


def _get() -> dict[str, Any]:
    if _metrics:
        return _metrics
    with _creating:
        if not _metrics:
            _create()
    return _metrics


def _create() -> None:
    from prometheus_client import Counter, Histogram

    _metrics.update(
        requests=Counter("supportbot_slack_requests", "Requests from Slack, by kind.", ["kind"]),
        ack=Histogram(
            "supportbot_ack_seconds",
            "Time to answer a request from Slack (its ack), by kind.",
            ["kind"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0),
        ),
        answers=Counter(
            "supportbot_answers",
            "Questions answered, or declined for lack of confidence.",
            ["outcome"],
        ),
        handoffs=Counter("supportbot_handoffs", "Conversations handed to people.", ["team"]),
        charges=Counter("supportbot_charges", "Charges by outcome.", ["outcome"]),
        errors=Counter("supportbot_errors", "Failures told to a person, by cause.", ["cause"]),
    )
    _zero_series()


# The label values every instance may count, shown at 0 from the start: an alert on a rate, or a
# dashboard, needs the series before its first event. (Error causes are open-ended: each appears
# once counted.)
_KNOWN = {
    "requests": ("event", "command", "action", "other"),
    "ack": ("event", "command", "action", "other"),
    "answers": ("answered", "abstained"),
    "handoffs": ("support", "sales"),
    "charges": ("succeeded", "declined", "processing"),
}


def _zero_series() -> None:
    for name, values in _KNOWN.items():
        for value in values:
            _metrics[name].labels(value)


def request_seen(kind: str, seconds: float) -> None:
    metrics = _get()
    metrics["requests"].labels(kind).inc()
    metrics["ack"].labels(kind).observe(seconds)


def answered(confident: bool) -> None:
    _get()["answers"].labels("answered" if confident else "abstained").inc()


def handed_off(team: str) -> None:
    _get()["handoffs"].labels(team).inc()


def charged(outcome: str) -> None:
    _get()["charges"].labels(outcome).inc()


def failed(cause: str) -> None:
    _get()["errors"].labels(cause).inc()


def exposition() -> tuple[bytes, str]:
    """The text format Prometheus scrapes, summed over every worker process."""
    _get()
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
