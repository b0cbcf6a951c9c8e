"""`build_app`: the Bolt app every Slack front end runs (HTTP, Socket Mode, the console).

Acks go back at once (`process_before_response=True`); the work (the conversation core, Web API
calls) runs in lazy listeners, so every ack is far inside Slack's 3 seconds. The app only
translates: payloads to the core's `Incoming`, its `Reply`s to Web API calls.

One workspace (SLACK_BOT_TOKEN) or many (OAuth, `bot/slack/installations.py`): with OAuth,
Bolt's authorize hands each request the bot token of the workspace it came from.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot import metrics
from bot.bootstrap import Services
from bot.conversation.failures import trouble_text
from bot.slack.client import SLACK_TIMEOUT_ENV, make_client
from bot.slack.installations import OAuthCredentials, Workspaces, oauth_settings
from bot.slack.listeners import register_all
from bot.slack.listeners.shared import SlackContext

__all__ = ["SLACK_TIMEOUT_ENV", "TimedApp", "build_app"]
log = logging.getLogger(__name__)
# Parts of a Slack request that are always objects when Slack sends them ("team", "channel" and
# "enterprise" may be null in real payloads, so they say nothing).
_OBJECTS = ("event", "user", "container", "view", "message")


def _misshapen(body: Any) -> bool:
    """Whether the request is not shaped as Slack shapes its requests."""
    if not isinstance(body, dict):
        return True
    return any(key in body and not isinstance(body[key], dict) for key in _OBJECTS)


_TOKEN_UNUSED = "As you gave `client` as well, `token` will be unused."


class _QuietTokenNotice(logging.Filter):
    """Drops Bolt's notice that SLACK_BOT_TOKEN is unused: Bolt reads the variable itself even
    though we hand it a client made with that very token, so the line told an operator nothing
    at every start."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != _TOKEN_UNUSED


logging.getLogger("slack_bolt.App").addFilter(_QuietTokenNotice())


def _request_kind(body: dict[str, Any]) -> str:
    if body.get("command"):
        return "command"
    kind = body.get("type")
    if kind == "event_callback":
        return "event"
    return "action" if kind in ("block_actions", "view_submission", "shortcut") else "other"


class TimedApp(App):
    """Bolt's App, timing each request's whole dispatch: verification, middleware and the ack
    listener, which is what Slack waits for (the lazy work after it is not). `workspaces` says
    which token speaks in which workspace, for the work no request carries."""

    workspaces: Workspaces

    def dispatch(self, req: BoltRequest) -> BoltResponse:
        started = time.perf_counter()
        body = req.body if isinstance(req.body, dict) else {}
        try:
            response = super().dispatch(req)
        finally:
            metrics.request_seen(_request_kind(body), time.perf_counter() - started)
        if response.status == 401:
            _refused(_request_kind(body))
        return response


def _refused(kind: str) -> None:
    """Bolt logs a bad signature at INFO only; a refused request is worth an operator's look
    (a wrong SLACK_SIGNING_SECRET, a clock far off, or someone probing), so say it at WARNING."""
    log.warning(
        "Slack request refused (401, %s): the signature is missing, wrong or older than "
        "5 minutes (check SLACK_SIGNING_SECRET and the clock)",
        kind,
    )


def build_app(
    services: Services,
    *,
    token: str | None,
    signing_secret: str,
    api_url: str | None = None,
    listener_executor: Executor | None = None,
    oauth: OAuthCredentials | None = None,
) -> TimedApp:
    """The Bolt app with every listener registered.

    Without `oauth`, every call uses `token`. With it, the app serves the install flow and each
    request is authorised by its workspace's installation; `token`, when given, is our own
    workspace's (staff channels, the sales chat, Slack Connect users whose workspace has not
    installed the app).

    Lazy work runs on `listener_executor`: by default a pool wider than Bolt's five threads, so
    a few Web API calls waiting out a 429 do not queue every other conversation behind them.
    """
    executor = listener_executor or ThreadPoolExecutor(max_workers=32, thread_name_prefix="lazy")
    home = make_client(token, api_url) if token else None
    if oauth is None:
        if home is None:
            raise ValueError("a bot token is needed without OAuth")
        app = TimedApp(
            client=home,
            signing_secret=signing_secret,
            process_before_response=True,
            token_verification_enabled=False,
            listener_executor=executor,
        )
        app.workspaces = Workspaces(home)
    else:
        settings = oauth_settings(oauth, services.engine)
        # A workspace's bot is looked up per request; who it is (auth.test) is asked once per
        # token and process, not before every ack.
        settings.authorize.cache_enabled = True
        app = TimedApp(
            client=make_client(None, api_url),  # the install flow's; requests get their own
            signing_secret=signing_secret,
            process_before_response=True,
            oauth_settings=settings,
            installation_store_bot_only=True,
            listener_executor=executor,
        )
        app.workspaces = Workspaces(home, settings.installation_store, api_url)

    @app.error
    def failed(error: Exception, body: dict[str, Any]) -> BoltResponse:
        """A failure before the ack: logged and counted; Slack still gets its 200 (a slash
        command's person gets the reason), so it neither retries nor marks the app failing."""
        if _misshapen(body):
            # Slack never sends an "event" or "user" that is not an object; Bolt's own middleware
            # fails on one ({"event": null}): a stranger's request, answered and counted, no alarm.
            log.warning("misshapen request answered before its ack: %r", error)
            metrics.failed("malformed_request")
        else:
            log.error("request failed before its ack", exc_info=error)
        text = trouble_text(error, services.settings)
        if body.get("command"):
            return BoltResponse(status=200, body={"response_type": "ephemeral", "text": text})
        return BoltResponse(status=200, body="")

    register_all(app, SlackContext(services, home or app.client, executor, app.workspaces))
    return app
