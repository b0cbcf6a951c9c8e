"""`supportbot chat`, `serve` and `run`: the bot in Slack, or in the local console."""

from __future__ import annotations

import atexit
import logging
import os
import sys

import click

from bot.cli.common import check_articles, services_of

SALES_CHAT_SECRET_ENV = "SUPPORTBOT_SALES_CHAT_SECRET"
log = logging.getLogger(__name__)


def load_demo_accounts(billing) -> bool:
    """Load the demo accounts into an empty database (the first `make run`)."""
    from bot.billing.admin import DEMO_FILE, has_accounts, import_accounts

    if has_accounts(billing.engine):
        return False
    import_accounts(billing.engine, billing.settings, billing.gateway, DEMO_FILE.read_text())
    return True


def _app_builder(services, oauth=None):
    """A function (api_url, signing_secret) -> Bolt app, for the console and the server; with
    `oauth` (the server's SLACK_CLIENT_ID and SLACK_CLIENT_SECRET), installable in customers'
    workspaces."""
    from bot.slack.app import build_app

    token = os.environ.get("SLACK_BOT_TOKEN") or (None if oauth else "xoxb-local-console")

    def build(api_url: str | None, secret: str):
        return build_app(services, token=token, signing_secret=secret, api_url=api_url, oauth=oauth)

    return build


@click.command()
@click.option("--as", "user", default="U0PAT", show_default=True, help="Slack user to act as.")
@click.option("--team", default="T0ACME", show_default=True, help="That user's Slack team.")
@click.option(
    "--channel",
    default=None,
    help="Write in this channel (e.g. support, a support channel of app.yaml) instead of a DM.",
)
@click.pass_context
def chat(ctx: click.Context, user: str, team: str, channel: str | None) -> None:
    """The local console: the real Bolt app against a local Slack stand-in (reads a pipe too).

    Ask questions, or type /support-tier commands; buttons appear as numbered choices, and
    `:ticket: 2` reacts with :ticket: to the second message you wrote.
    The demo users (each with --as and --team): U0PAT, team T0ACME (Acme Goods, primary),
    U0SAM, T0ACME (Acme, no billing access), U0LEE, T0ACME (Acme, billing access),
    U0NINA, T0NWND (Northwind, warehouse, primary), U0OMAR, T0NWND (Northwind),
    U0BEN, T0BLUE (Bluebird Apparel, no card, primary).
    """
    from bot.slack.console import run_console
    from bot.slack.notifications import deliver_pending

    check_articles(ctx)
    services = services_of(ctx)
    load_demo_accounts(services.billing)
    run_console(
        _app_builder(services),
        user,
        team,
        interactive=sys.stdin.isatty(),
        after=lambda app: deliver_pending(services, app.client),
        channel=channel,
    )


@click.command()
@click.option("--http", "mode", flag_value="http", help="Serve POST /slack/events (default).")
@click.option("--socket", "mode", flag_value="socket", help="Socket Mode with SLACK_APP_TOKEN.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=3000, show_default=True, type=int)
@click.option(
    "--deliver-every",
    default=15.0,
    show_default=True,
    type=float,
    help="Seconds between deliveries of billing notices by direct message.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="HTTP worker processes [default: WEB_CONCURRENCY, else one per core, at most 4].",
)
@click.pass_context
def serve(
    ctx: click.Context,
    mode: str | None,
    host: str,
    port: int,
    deliver_every: float,
    workers: int | None,
) -> None:
    """The Slack app: HTTP (gunicorn, /slack/events and /healthz) or Socket Mode; with
    SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, installable in customers' workspaces (HTTP)."""
    from bot.slack.installations import OAuthCredentials

    mode = mode or ("socket" if os.environ.get("SLACK_APP_TOKEN") else "http")
    token = os.environ.get("SLACK_BOT_TOKEN")
    secret = os.environ.get("SLACK_SIGNING_SECRET", "")
    oauth = OAuthCredentials.from_env()
    if oauth is not None and (mode != "http" or not secret):
        raise click.ClickException(
            "installing in customers' workspaces (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET) needs "
            "HTTP mode and SLACK_SIGNING_SECRET"
        )
    if oauth is None and (not token or (mode == "http" and not secret)):
        raise click.ClickException(
            "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)"
        )
    from bot import metrics

    if mode == "http":  # before anything imports prometheus_client: workers share counters
        metrics.prepare_multiprocess()
        atexit.register(metrics.remove_multiprocess_dir)
    check_articles(ctx)
    before = _revision_before_start()
    services = services_of(ctx)
    _log_start(services, before)
    app = _app_builder(services, oauth)(os.environ.get("SLACK_API_URL"), secret)
    from bot.slack.notifications import start_delivery_loop

    if mode == "socket":
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        app_token = os.environ.get("SLACK_APP_TOKEN")
        if not app_token:
            raise click.ClickException("Socket Mode needs SLACK_APP_TOKEN (xapp-…)")
        start_delivery_loop(services, app.workspaces, every_s=deliver_every)
        SocketModeHandler(app, app_token).start()
        return
    from bot.billing.stripe_webhook import route_for
    from bot.slack.server import health_check, serve_http, wsgi_app
    from bot.slack.webhooks import sales_chat_route

    log.info("supportbot listening on http://%s:%s/slack/events", host, port)
    if oauth is not None:
        log.info("installable at http://%s:%s/slack/install", host, port)
        if not token:
            log.warning(
                "no SLACK_BOT_TOKEN: staff channels are reached through the asker's workspace "
                "and the sales chat cannot post (set it to your own workspace's bot token)"
            )

    def in_worker() -> None:
        services.engine.dispose(close=False)  # the worker opens its own connections
        start_delivery_loop(services, app.workspaces, every_s=deliver_every)

    # The sales channel is in our own workspace: SLACK_BOT_TOKEN's.
    home = app.workspaces.home or app.client
    route = sales_chat_route(services, home, os.environ.get(SALES_CHAT_SECRET_ENV))
    serve_http(
        wsgi_app(app, health_check(services), route, route_for(services.billing)),
        host,
        port,
        after_fork=in_worker,
        workers=workers,
        worker_exited=metrics.worker_exited,
    )


def _revision_before_start() -> str | None:
    """The schema's revision before start-up migrates it, to say whether it did; None when
    the database is new or cannot be read yet (opening the services then says why)."""
    from sqlalchemy.exc import SQLAlchemyError

    from bot.cli.db import schema_revision
    from bot.db import make_engine

    engine = make_engine()
    try:
        return schema_revision(engine)
    except SQLAlchemyError:
        return None
    finally:
        engine.dispose()


def _log_start(services, before: str | None) -> None:
    """What start-up did, in the log (LOG_FORMAT applies): the index and the schema."""
    from bot.cli.db import schema_revision

    report = services.knowledge.report
    if report.full:
        log.info(
            "knowledge base: indexed %d articles (%d sections) in %.2fs",
            len(report.added),
            report.sections,
            report.seconds,
        )
    elif report.touched:
        log.info(
            "knowledge base: index updated in %.2fs: %d added, %d changed, %d deleted",
            report.seconds,
            len(report.added),
            len(report.changed),
            len(report.deleted),
        )
    else:
        log.info("knowledge base: index up to date (%d sections)", report.sections)
    after = schema_revision(services.engine)
    if after != before:
        log.info("database: migrated from revision %s to %s", before or "(empty)", after)
    else:
        log.info("database: schema up to date at revision %s", after)


@click.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Start the bot as `make run` does: Slack when tokens are set, else the local console."""
    installable = os.environ.get("SLACK_CLIENT_ID") and os.environ.get("SLACK_CLIENT_SECRET")
    if os.environ.get("SLACK_APP_TOKEN") or (
        (os.environ.get("SLACK_BOT_TOKEN") or installable)
        and os.environ.get("SLACK_SIGNING_SECRET")
    ):
        ctx.invoke(serve)
        return
    ctx.invoke(chat)
