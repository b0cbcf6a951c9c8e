"""HTTP mode: Bolt's WSGI adapter under gunicorn (threads), plus a health check, and Bolt's
install flow when the app is installed in customers' workspaces (OAuth)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot import metrics
from bot.slack.installations import INSTALL_PATH, REDIRECT_PATH

EVENTS_PATH = "/slack/events"
METRICS_PATH = "/metrics"
log = logging.getLogger(__name__)


SALES_CHAT_PATH = "/handoff/sales-chat"
STRIPE_WEBHOOK_PATH = "/stripe/webhook"
# A route of ours: (raw body, lower-cased headers) -> (HTTP status, JSON-able reply).
Route = Callable[[bytes, dict[str, str]], tuple[int, dict[str, Any]]]
_REASONS = {
    200: "OK",
    202: "Accepted",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    413: "Payload Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def wsgi_app(
    app: App,
    healthy: Callable[[], tuple[bool, str]],
    sales_chat: Route | None = None,
    stripe_webhook: Route | None = None,
) -> Callable[..., Iterable[bytes]]:
    """`POST /slack/events` to Bolt; `GET /healthz` answers 200 once the bot can serve;
    `GET /metrics` for Prometheus; `POST /handoff/sales-chat` takes the website chat's signed
    transcripts; `GET /slack/install` and `GET /slack/oauth_redirect` to Bolt's install flow
    when OAuth is on (404 otherwise); `POST /stripe/webhook` takes Stripe's signed events when
    Stripe is the payment gateway."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)
    routes = {SALES_CHAT_PATH: sales_chat, STRIPE_WEBHOOK_PATH: stripe_webhook}

    def reply(
        start_response: Callable[..., Any], status: int, payload: dict[str, Any]
    ) -> list[bytes]:
        body = json.dumps(payload).encode()
        start_response(
            f"{status} {_REASONS.get(status, 'Error')}",
            [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
        )
        return [body]

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO")
        if path == "/healthz":
            ok, detail = healthy()
            return reply(start_response, 200 if ok else 503, {"ok": ok, "detail": detail})
        if path == METRICS_PATH:
            body, content_type = metrics.exposition()
            start_response(
                "200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))]
            )
            return [body]
        route = routes.get(path)
        if route is not None:
            if environ.get("REQUEST_METHOD") != "POST":
                return reply(start_response, 405, {"ok": False, "error": "POST only"})
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(min(length, 1024 * 1024)) if length else b""
            headers = {
                k[5:].replace("_", "-").lower(): v
                for k, v in environ.items()
                if k.startswith("HTTP_")
            }
            status, payload = route(body, headers)
            if status >= 400:
                _refused(path, status, payload)
            return reply(start_response, status, payload)
        if path in (INSTALL_PATH, REDIRECT_PATH):
            if app.oauth_flow is None:
                return reply(start_response, 404, {"ok": False, "error": "not installable"})
            try:
                return slack(environ, start_response)
            except Exception:  # the database or Slack unreachable mid-install: try again
                log.exception("install flow failed at %s", path)
                metrics.failed("install_flow")
                return reply(start_response, 503, {"ok": False, "error": "try again shortly"})
        try:
            return slack(environ, start_response)
        except Exception:  # Bolt could not even read it (bad encoding, odd shapes): not Slack's
            log.warning("malformed request to %s refused", EVENTS_PATH, exc_info=True)
            metrics.failed("malformed_request")
            return reply(start_response, 400, {"ok": False, "error": "malformed request"})

    return application


def _refused(path: str, status: int, payload: dict[str, Any]) -> None:
    """One warning per refused request to a route of ours (sales chat, Stripe), whatever the
    reason: a run of them means a wrong secret, a client sending bad bodies, or a probe."""
    log.warning("POST %s refused (%d): %s", path, status, payload.get("error", "no reason given"))


def health_check(services: Any) -> Callable[[], tuple[bool, str]]:
    """Ready when the database answers and the knowledge base can be searched."""
    from sqlalchemy import text

    def healthy() -> tuple[bool, str]:
        try:
            with services.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            return False, f"database: {type(exc).__name__}"
        return services.knowledge.health()

    return healthy


def default_workers() -> int:
    """gunicorn's own convention (WEB_CONCURRENCY), else one worker per core, at most four.

    Threads alone leave the second core idle and queue every database call behind the GIL;
    a process per core does not. Each worker shares the app built before the fork (indexes
    included) copy-on-write, so more workers cost little memory.
    """
    configured = os.environ.get("WEB_CONCURRENCY", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, min(4, os.cpu_count() or 1))


def _gunicorn_logger() -> type:
    """gunicorn's logger, writing through our handler instead of its own: its few lines (a
    worker killed or timed out) come out masked and, with LOG_FORMAT=json, as JSON like ours."""
    from gunicorn.glogging import Logger

    class ThroughOurHandler(Logger):
        def setup(self, cfg: Any) -> None:
            super().setup(cfg)
            for handler in list(self.error_log.handlers):
                self.error_log.removeHandler(handler)
            self.error_log.propagate = True

    return ThroughOurHandler


def serve_http(
    application: Callable[..., Iterable[bytes]],
    host: str,
    port: int,
    after_fork: Callable[[], None],
    threads: int = 8,
    workers: int | None = None,
    worker_exited: Callable[[int], None] = lambda pid: None,
) -> None:
    """Run under gunicorn: worker processes with threads, forked from the built app.

    gunicorn forks the workers from this process, so `after_fork` runs in each worker before it
    serves: database connections opened before the fork must not be shared with it (SQLite and
    psycopg connections are not fork-safe), and background threads do not survive a fork.
    """
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers or default_workers(),
                "worker_class": "gthread",
                "threads": threads,
                "timeout": 30,
                "accesslog": None,
                "loglevel": "warning",
                "logger_class": _gunicorn_logger(),
                "post_fork": lambda _server, _worker: after_fork(),
                "child_exit": lambda _server, worker: worker_exited(worker.pid),
            }.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    Server().run()
