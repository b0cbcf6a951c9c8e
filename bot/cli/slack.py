"""`supportbot chat`, `serve` and `run`: the bot in Slack, or in the local console."""

from __future__ import annotations

import atexit
import os
import sys

import click

from bot.cli.common import services_of

SALES_CHAT_SECRET_ENV = "SUPPORTBOT_SALES_CHAT_SECRET"


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
@click.pass_context
def chat(ctx: click.Context, user: str, team: str) -> None:
    """The local console: the real Bolt app against a local Slack stand-in (reads a pipe too).

    Ask questions, or type /support-tier commands; buttons appear as numbered choices.
    The demo users (each with --as and --team): U0PAT, team T0ACME (Acme Goods, primary),
    U0SAM, T0ACME (Acme, no billing access), U0LEE, T0ACME (Acme, billing access),
    U0NINA, T0NWND (Northwind, warehouse, primary), U0OMAR, T0NWND (Northwind),
    U0BEN, T0BLUE (Bluebird Apparel, no card, primary).
    """
    from bot.slack.console import run_console
    from bot.slack.notifications import deliver_pending

    services = services_of(ctx)
    load_demo_accounts(services.billing)
    run_console(
        _app_builder(services),
        user,
        team,
        interactive=sys.stdin.isatty(),
        after=lambda app: deliver_pending(services, app.client),
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
    services = services_of(ctx)
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

    click.echo(f"supportbot listening on http://{host}:{port}/slack/events", err=True)
    if oauth is not None:
        click.echo(f"installable at http://{host}:{port}/slack/install", err=True)
        if not token:
            click.echo(
                "no SLACK_BOT_TOKEN: staff channels are reached through the asker's workspace "
                "and the sales chat cannot post (set it to your own workspace's bot token)",
                err=True,
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
