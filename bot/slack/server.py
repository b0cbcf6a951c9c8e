"""HTTP mode: Bolt's WSGI adapter under gunicorn (threads), plus a health check."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

EVENTS_PATH = "/slack/events"


def wsgi_app(app: App, healthy: Callable[[], tuple[bool, str]]) -> Callable[..., Iterable[bytes]]:
    """`POST /slack/events` to Bolt; `GET /healthz` answers 200 once the bot can serve."""
    slack = SlackRequestHandler(app, path=EVENTS_PATH)

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            ok, detail = healthy()
            body = json.dumps({"ok": ok, "detail": detail}).encode()
            start_response(
                "200 OK" if ok else "503 Service Unavailable",
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
            )
            return [body]
        return slack(environ, start_response)

    return application


def serve_http(
    application: Callable[..., Iterable[bytes]],
    host: str,
    port: int,
    after_fork: Callable[[], None],
    threads: int = 16,
) -> None:
    """Run under gunicorn: one worker process with many threads (the app holds open indexes).

    gunicorn forks the worker from this process, so `after_fork` runs in the worker before it
    serves: database connections opened before the fork must not be shared with it (SQLite and
    psycopg connections are not fork-safe), and background threads do not survive a fork.
    """
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": 1,
                "worker_class": "gthread",
                "threads": threads,
                "timeout": 30,
                "accesslog": None,
                "loglevel": "warning",
                "post_fork": lambda _server, _worker: after_fork(),
            }.items():
                self.cfg.set(key, value)

        def load(self):
            return application

    Server().run()
