"""`supportbot` subcommands: thin wrappers that parse arguments and call the bot's use cases."""

from __future__ import annotations

import atexit
import json
import os
import sys

import click

from bot.config import ConfigError, Settings, load_settings
from bot.knowledge import ArticleError, KnowledgeBase, build_index, open_knowledge_base
from bot.money import format_cents


def _settings(ctx: click.Context) -> Settings:
    if ctx.obj is None:
        try:
            ctx.obj = load_settings(ctx.find_root().params.get("config"))
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
    return ctx.obj


def _knowledge(ctx: click.Context) -> KnowledgeBase:
    try:
        return open_knowledge_base(_settings(ctx))
    except (ArticleError, TimeoutError) as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default=None,
    help="app.yaml to use (default: $SUPPORTBOT_CONFIG, then ./app.yaml).",
)
def main(config: str | None) -> None:
    """supportbot: answers customers from your knowledge base, in Slack and here.

    \b
    Try:
      supportbot ask "what are your support hours?"
      supportbot kb search "premium price"
      supportbot chat
    """
    from bot.logs import configure

    configure()


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
@click.argument("question", nargs=-1)
@click.pass_context
def ask(ctx: click.Context, as_json: bool, question: tuple[str, ...]) -> None:
    """Answer QUESTION from the knowledge base, or one question per line of standard input.

    Without confidence the bot says it has no answer and how to reach a person; with --json,
    "answered" is then false.
    """
    from bot.assistant import Assistant
    from bot.intents import IntentError

    try:
        assistant = Assistant.open(_knowledge(ctx))
    except IntentError as exc:
        raise click.ClickException(str(exc)) from None
    questions = [" ".join(question)] if question else (line.rstrip("\r\n") for line in sys.stdin)
    for text in questions:
        if not question and not text.strip():
            continue
        answer = assistant.respond(text)
        if as_json:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            click.echo(_render_text(answer))
            if not question:
                click.echo()


def _render_text(answer) -> str:
    lines = [answer.text]
    for source in answer.sources:
        where = f"{source.title} › {source.section}" if source.section else source.title
        lines.append(f"  Source: {where} ({source.path})")
    return "\n".join(lines)


@main.group()
def kb() -> None:
    """Build and search the knowledge-base index."""


@kb.command("build")
@click.option("--force", is_flag=True, help="Rebuild everything, not only what changed.")
@click.pass_context
def kb_build(ctx: click.Context, force: bool) -> None:
    """Index the Markdown articles in kb.path (only changed, added and deleted files)."""
    settings = _settings(ctx)
    try:
        report = build_index(settings, force=force)
    except (ArticleError, TimeoutError) as exc:
        raise click.ClickException(str(exc)) from None
    if report.full:
        click.echo(
            f"Indexed {len(report.added)} articles ({report.sections} sections) "
            f"in {report.seconds:.2f}s."
        )
    elif report.touched:
        click.echo(
            f"Updated the index in {report.seconds:.2f}s: {len(report.added)} added, "
            f"{len(report.changed)} changed, {len(report.deleted)} deleted."
        )
        for label, paths in (
            ("added", report.added),
            ("changed", report.changed),
            ("deleted", report.deleted),
        ):
            for path in paths:
                click.echo(f"  {label}: {path}")
    else:
        click.echo(f"The index is up to date ({report.sections} sections).")


@kb.command("gaps")
@click.option("--limit", default=30, show_default=True, type=int)
@click.pass_context
def kb_gaps(ctx: click.Context, limit: int) -> None:
    """Questions the bot could not answer or whose answer was marked not helpful, most first."""
    from bot.feedback import gaps

    found = gaps(_billing(ctx).engine, limit)
    if not found:
        click.echo("No gaps recorded yet.")
    for gap in found:
        click.echo(
            f"{gap.total:4}  ({gap.unanswered} unanswered, {gap.unhelpful} not helpful)  "
            f"{gap.question}"
        )


@kb.command("search")
@click.argument("query", nargs=-1, required=True)
@click.pass_context
def kb_search(ctx: click.Context, query: tuple[str, ...]) -> None:
    """Show the sections that best match QUERY, with their scores and coverage."""
    knowledge = _knowledge(ctx)
    answerer = knowledge.answerer
    concepts = answerer.concepts(" ".join(query))
    if not concepts:
        click.echo("No searchable words in the query.")
        return
    hits = knowledge.index.search(answerer.query_terms(concepts), limit=10)
    if not hits:
        click.echo("No matching sections.")
    for hit in hits:
        cover = answerer.coverage(hit, concepts)
        where = f"{hit.title} › {hit.heading}" if hit.heading else hit.title
        covers = f"covers {cover.section:4.0%} / {cover.article:4.0%}"
        click.echo(f"{hit.score:7.3f}  {covers}  {where}  ({hit.path})")


def _billing(ctx: click.Context):
    from sqlalchemy.exc import OperationalError

    from bot.billing import open_billing

    try:
        return open_billing(_settings(ctx))
    except OperationalError as exc:
        raise click.ClickException(f"the database is not reachable: {exc.orig}") from None


@main.group()
def admin() -> None:
    """Accounts, users, cards and billing access, as the vendor's staff."""


@admin.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.pass_context
def admin_import(ctx: click.Context, file) -> None:
    """Create or update accounts, users, Slack links and cards from FILE (idempotent)."""
    from bot.billing.admin import ImportError_, import_accounts

    billing = _billing(ctx)
    try:
        counts = import_accounts(billing.engine, billing.settings, billing.gateway, file.read())
    except ImportError_ as exc:
        raise click.ClickException(f"{file.name}: {exc} (nothing was imported)") from None
    click.echo(", ".join(f"{n} {what} changed" for what, n in counts.items()))


@admin.group("account")
def admin_account() -> None:
    """Look at one account."""


@admin_account.command("show")
@click.argument("account_id")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@click.pass_context
def admin_account_show(ctx: click.Context, account_id: str, as_json: bool) -> None:
    """The account's tier, plan, card, charges and users."""
    from bot.billing.admin import account_json

    billing = _billing(ctx)
    data = account_json(billing.engine, billing.settings, account_id)
    if data is None:
        raise click.ClickException(f"no account {account_id!r}")
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    for key, value in data.items():
        if key not in ("charges", "users"):
            click.echo(f"{key:>18}: {value}")
    for charge in data["charges"]:
        amount = format_cents(charge["amount_cents"])
        click.echo(f"{'charge':>18}: {amount} {charge['status']} {charge['created_at']}")
    for user in data["users"]:
        flags = ", ".join(
            f
            for f, on in (("primary", user["primary"]), ("billing access", user["billing_access"]))
            if on
        )
        click.echo(f"{'user':>18}: {user['email']} {user['slack_user_id'] or ''} {flags}")


def _set_access(ctx: click.Context, account_id: str, email: str, grant: bool) -> None:
    from bot.billing.results import Actor, Refused

    result = _billing(ctx).set_billing_access(
        Actor.cli_operator(), target_email=email, grant=grant, account_id=account_id
    )
    if isinstance(result, Refused):
        raise click.ClickException(result.message)
    click.echo(f"{result.email}: billing access {'granted' if grant else 'revoked'}")


@admin.command("grant")
@click.argument("account_id")
@click.argument("email")
@click.pass_context
def admin_grant(ctx: click.Context, account_id: str, email: str) -> None:
    """Give the user with EMAIL billing access on ACCOUNT_ID."""
    _set_access(ctx, account_id, email, grant=True)


@admin.command("revoke")
@click.argument("account_id")
@click.argument("email")
@click.pass_context
def admin_revoke(ctx: click.Context, account_id: str, email: str) -> None:
    """Take billing access away (never from the primary user)."""
    _set_access(ctx, account_id, email, grant=False)


@admin.group("user")
def admin_user() -> None:
    """Users of a customer account."""


@admin_user.command("remove")
@click.argument("account_id")
@click.argument("email")
@click.pass_context
def admin_user_remove(ctx: click.Context, account_id: str, email: str) -> None:
    """Someone left the customer: remove EMAIL from ACCOUNT_ID (their Slack links and billing
    access go; the audit log keeps the history). The primary user can't be removed."""
    from bot.billing.admin import AdminError, remove_user

    try:
        removed = remove_user(_billing(ctx).engine, account_id, email)
    except AdminError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{removed.email} removed from {account_id} ({removed.links} Slack link(s) gone)")


@admin.command("unlink")
@click.argument("slack_user")
@click.option("--team", default=None, help="Only the link for this Slack team.")
@click.pass_context
def admin_unlink(ctx: click.Context, slack_user: str, team: str | None) -> None:
    """Remove SLACK_USER's links to account users: they no longer see or change any account."""
    from bot.billing.admin import unlink_slack_user

    count = unlink_slack_user(_billing(ctx).engine, slack_user, team)
    if not count:
        raise click.ClickException(f"{slack_user} is not linked to any account user")
    click.echo(f"{slack_user}: {count} link(s) removed")


@admin.command("audit")
@click.argument("account_id")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def admin_audit(ctx: click.Context, account_id: str, as_json: bool) -> None:
    """Every change and refused attempt on ACCOUNT_ID, oldest first."""
    from bot.billing.admin import audit_rows

    for row in audit_rows(_billing(ctx).engine, account_id):
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            who = row["slack_user_id"] or (f"user {row['user_id']}" if row["user_id"] else "-")
            click.echo(
                f"{row['at']}  {row['via']:<9} {who:<12} {row['action']:<16} {row['outcome']}"
            )


@main.group()
def billing() -> None:
    """Scheduled billing work."""


@billing.command("sweep")
@click.option("--now", "now_text", default=None, help="Act as if it were this ISO 8601 time.")
@click.option(
    "--workers",
    type=click.IntRange(min=1, max=16),
    default=None,
    help="Renewals at once [default: 4 on PostgreSQL, 1 on SQLite].",
)
@click.pass_context
def billing_sweep(ctx: click.Context, now_text: str | None, workers: int | None) -> None:
    """Renew due plans, end non-renewing ones, retry past-due ones, settle pending charges.

    Safe to run twice, and from several machines at once (cron on each is fine).
    """
    from datetime import UTC, datetime

    now = None
    if now_text:
        try:
            now = datetime.fromisoformat(now_text)
        except ValueError:
            raise click.BadParameter(
                f"{now_text!r} is not an ISO 8601 time", param_hint="--now"
            ) from None
        now = now if now.tzinfo else now.replace(tzinfo=UTC)
    report = _billing(ctx).sweep(now=now, workers=workers)
    click.echo(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in vars(report).items()))


@main.group()
def db() -> None:
    """The database schema."""


@db.command("migrate")
def db_migrate() -> None:
    """Bring DATABASE_URL's schema to the newest migration: the release step of a deploy.
    (Every process also does this at start; migrations take a lock, so only one runs them.)"""
    from alembic.runtime.migration import MigrationContext

    from bot.db import database_url, make_engine, migrate

    engine = make_engine()
    migrate(engine)
    with engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
    engine.dispose()
    click.echo(f"{make_url_safe(database_url())}: schema at revision {revision}")


def make_url_safe(url: str) -> str:
    """The URL as it may be printed: without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@main.group()
def tickets() -> None:
    """Conversations handed to the sales and support teams."""


@tickets.command("list")
@click.option("--status", type=click.Choice(["open", "claimed", "resolved"]), default=None)
@click.pass_context
def tickets_list(ctx: click.Context, status: str | None) -> None:
    """Every ticket, oldest first; open ones past their due time are marked OVERDUE."""
    from bot.db import now_utc
    from bot.handoff import Handoff

    handoff = Handoff(_billing(ctx))
    now = now_utc()
    for ticket in handoff.list(status):
        flag = "OVERDUE " if ticket.overdue(now) else ""
        owner = f"claimed by {ticket.claimed_by}" if ticket.claimed_by else "unclaimed"
        if ticket.first_response_at:
            owner += f", answered {ticket.first_response_at:%Y-%m-%d %H:%M} UTC"
        due = f"{ticket.due_at:%Y-%m-%d %H:%M} UTC"
        click.echo(
            f"{flag}{ticket.id}  {ticket.team:<7} {ticket.status:<8} due {due}"
            f"  {ticket.account_id or '-'}  {owner}  {ticket.question[:60]!r}"
        )


@tickets.command("show")
@click.argument("ticket_id")
@click.pass_context
def tickets_show(ctx: click.Context, ticket_id: str) -> None:
    """One ticket whole: who asked, where, what the bot said, due and first-response times."""
    from bot.db import now_utc
    from bot.handoff import Handoff
    from bot.response_report import format_duration

    handoff = Handoff(_billing(ctx))
    ticket = handoff.get(ticket_id)
    if ticket is None:
        raise click.ClickException(f"no ticket {ticket_id!r}")
    waited = (
        format_duration(
            handoff.hours.business_time_between(ticket.created_at, ticket.first_response_at)
        )
        if ticket.first_response_at
        else "not yet"
    )
    fields = {
        "ticket": ticket.id + ("  OVERDUE" if ticket.overdue(now_utc()) else ""),
        "team": ticket.team,
        "status": ticket.status,
        "requester": ticket.requester,
        "account": f"{ticket.account_id or '-'} ({ticket.tier})",
        "where": f"{ticket.channel}" + (f" thread {ticket.thread_ts}" if ticket.thread_ts else ""),
        "reason": ticket.reason,
        "opened": f"{ticket.created_at:%Y-%m-%d %H:%M} UTC",
        "due": f"{ticket.due_at:%Y-%m-%d %H:%M} UTC",
        "claimed by": ticket.claimed_by or "nobody yet",
        "first reply": f"{waited} (support time)",
        "question": ticket.question,
        "bot answered": ticket.bot_answer or "-",
    }
    for name, value in fields.items():
        click.echo(f"{name + ':':<14}{value}")


@tickets.command("report")
@click.option(
    "--days",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="Tickets opened in the last DAYS.",
)
@click.pass_context
def tickets_report(ctx: click.Context, days: int) -> None:
    """First-response times per team and tier (support hours), and targets missed."""
    from datetime import timedelta

    from bot.db import now_utc
    from bot.handoff import Handoff
    from bot.response_report import format_duration, response_report

    handoff = Handoff(_billing(ctx))
    now = now_utc()
    recent = [t for t in handoff.list() if t.created_at >= now - timedelta(days=days)]
    click.echo(f"tickets opened in the last {days} days; times in support hours")
    click.echo(
        f"{'team · tier':<22}{'tickets':>8}{'answered':>10}{'median':>14}{'p90':>14}"
        f"{'late':>6}{'overdue':>9}{'on time':>9}"
    )
    for line in response_report(recent, handoff.hours, now):
        on_time = f"{line.on_time:.0%}" if line.on_time is not None else "—"
        click.echo(
            f"{line.group:<22}{line.tickets:>8}{line.answered:>10}"
            f"{format_duration(line.median):>14}{format_duration(line.p90):>14}"
            f"{line.late:>6}{line.overdue_open:>9}{on_time:>9}"
        )


@tickets.command("resolve")
@click.argument("ticket_id")
@click.pass_context
def tickets_resolve(ctx: click.Context, ticket_id: str) -> None:
    """Close TICKET_ID: the bot answers in its thread again."""
    from bot.handoff import Handoff

    if not Handoff(_billing(ctx)).resolve(ticket_id):
        raise click.ClickException(f"no open ticket {ticket_id!r}")
    click.echo(f"{ticket_id} resolved")


def load_demo_accounts(billing) -> bool:
    """Load the demo accounts into an empty database (the first `make run`)."""
    from bot.billing.admin import DEMO_FILE, has_accounts, import_accounts

    if has_accounts(billing.engine):
        return False
    import_accounts(billing.engine, billing.settings, billing.gateway, DEMO_FILE.read_text())
    return True


def _slack_builder(ctx: click.Context):
    """A function (api_url, signing_secret) -> Bolt app, for the console and the server."""
    from bot.slack.app import build_app

    settings = _settings(ctx)
    knowledge = _knowledge(ctx)
    billing = _billing(ctx)
    token = os.environ.get("SLACK_BOT_TOKEN", "xoxb-local-console")

    def build(api_url: str | None, secret: str):
        return build_app(
            settings, knowledge, billing, token=token, signing_secret=secret, api_url=api_url
        )

    return build, billing


@main.command()
@click.option("--as", "user", default="U0PAT", show_default=True, help="Slack user to act as.")
@click.option("--team", default="T0ACME", show_default=True, help="That user's Slack team.")
@click.pass_context
def chat(ctx: click.Context, user: str, team: str) -> None:
    """The local console: the real Bolt app against a local Slack stand-in (reads a pipe too).

    Ask questions, or type /support-tier commands; buttons appear as numbered choices.
    The demo accounts: U0PAT (Acme, primary), U0SAM (Acme, no billing access), U0NINA
    (Northwind, warehouse, team T0NWND), U0BEN (Bluebird, no card, team T0BLUE).
    """
    from bot.slack.console import run_console
    from bot.slack.notifications import deliver_pending

    build, billing = _slack_builder(ctx)
    load_demo_accounts(billing)
    run_console(
        build,
        user,
        team,
        interactive=sys.stdin.isatty(),
        after=lambda app: deliver_pending(billing, app.client),
    )


@main.command()
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
    """The Slack app: HTTP (gunicorn, /slack/events and /healthz) or Socket Mode."""
    mode = mode or ("socket" if os.environ.get("SLACK_APP_TOKEN") else "http")
    token = os.environ.get("SLACK_BOT_TOKEN")
    secret = os.environ.get("SLACK_SIGNING_SECRET", "")
    if not token or (mode == "http" and not secret):
        raise click.ClickException(
            "set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)"
        )
    from bot import metrics

    if mode == "http":  # before anything imports prometheus_client: workers share counters
        metrics.prepare_multiprocess()
        atexit.register(metrics.remove_multiprocess_dir)
    build, billing = _slack_builder(ctx)
    app = build(os.environ.get("SLACK_API_URL"), secret)
    from bot.slack.notifications import start_delivery_loop

    if mode == "socket":
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        app_token = os.environ.get("SLACK_APP_TOKEN")
        if not app_token:
            raise click.ClickException("Socket Mode needs SLACK_APP_TOKEN (xapp-…)")
        start_delivery_loop(billing, app.client, every_s=deliver_every)
        SocketModeHandler(app, app_token).start()
        return
    from sqlalchemy import text

    from bot.slack.server import serve_http, wsgi_app

    def healthy() -> tuple[bool, str]:
        try:
            with billing.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            return False, f"database: {type(exc).__name__}"
        return True, "ready"

    click.echo(f"supportbot listening on http://{host}:{port}/slack/events", err=True)

    def in_worker() -> None:
        billing.engine.dispose(close=False)  # the worker opens its own connections
        start_delivery_loop(billing, app.client, every_s=deliver_every)

    chat_route = app.supportbot.sales_chat(
        app.client, os.environ.get("SUPPORTBOT_SALES_CHAT_SECRET")
    )
    serve_http(
        wsgi_app(app, healthy, chat_route),
        host,
        port,
        after_fork=in_worker,
        workers=workers,
        worker_exited=metrics.worker_exited,
    )


@main.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Start the bot as `make run` does: Slack when tokens are set, else the local console."""
    if os.environ.get("SLACK_APP_TOKEN") or (
        os.environ.get("SLACK_BOT_TOKEN") and os.environ.get("SLACK_SIGNING_SECRET")
    ):
        ctx.invoke(serve)
        return
    ctx.invoke(chat)
