"""`supportbot tickets`: conversations handed to the sales and support teams."""

from __future__ import annotations

import click

from bot.cli.common import billing_of


def _desk(ctx: click.Context):
    from bot.billing.service import BillingService
    from bot.conversation.tickets import TicketDesk

    billing: BillingService = billing_of(ctx)
    return TicketDesk(billing.engine, billing.settings, billing.status)


@click.group()
def tickets() -> None:
    """Conversations handed to the sales and support teams."""


@tickets.command("list")
@click.option("--status", type=click.Choice(["open", "claimed", "resolved"]), default=None)
@click.pass_context
def tickets_list(ctx: click.Context, status: str | None) -> None:
    """Every ticket, oldest first; open ones past their due time are marked OVERDUE."""
    from bot.db import now_utc

    handoff = _desk(ctx)
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
    from bot.conversation.report import format_duration
    from bot.db import now_utc

    handoff = _desk(ctx)
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
        "alerts": ", ".join(
            f"{name} {at:%Y-%m-%d %H:%M} UTC"
            for name, at in (("due soon", ticket.warned_at), ("overdue", ticket.overdue_alerted_at))
            if at
        )
        or "none yet",
        "resolved by": ticket.resolved_by or "-",
        "rating": f"{ticket.rating}/5" if ticket.rating else "-",
        "comment": ticket.rating_comment or "-",
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

    from bot.conversation.report import format_duration, response_report
    from bot.db import now_utc

    handoff = _desk(ctx)
    now = now_utc()
    recent = [t for t in handoff.list() if t.created_at >= now - timedelta(days=days)]
    click.echo(
        f"tickets opened in the last {days} days; times in support hours; CSAT is the share of "
        "ratings of 4 or 5 (of 5)"
    )
    click.echo(
        f"{'team · tier':<22}{'tickets':>8}{'answered':>10}{'median':>14}{'p90':>14}"
        f"{'late':>6}{'overdue':>9}{'on time':>9}{'rated':>7}{'CSAT':>6}{'mean':>6}"
    )
    for line in response_report(recent, handoff.hours, now):
        on_time = f"{line.on_time:.0%}" if line.on_time is not None else "—"
        csat = f"{line.csat:.0%}" if line.csat is not None else "—"
        mean = f"{line.mean_rating:.1f}" if line.mean_rating is not None else "—"
        click.echo(
            f"{line.group:<22}{line.tickets:>8}{line.answered:>10}"
            f"{format_duration(line.median):>14}{format_duration(line.p90):>14}"
            f"{line.late:>6}{line.overdue_open:>9}{on_time:>9}"
            f"{len(line.ratings):>7}{csat:>6}{mean:>6}"
        )


@tickets.command("resolve")
@click.argument("ticket_id")
@click.pass_context
def tickets_resolve(ctx: click.Context, ticket_id: str) -> None:
    """Close TICKET_ID: the bot answers again when it is mentioned in the ticket's thread, and
    in a direct message; a follow-up in that thread without a mention is not answered. The
    requester is asked for a rating (by the running bot, in a direct message)."""
    desk = _desk(ctx)
    if desk.resolve(ticket_id, by="cli"):  # the running bot asks the requester for a rating
        click.echo(f"{ticket_id} resolved")
        return
    ticket = desk.get(ticket_id)
    if ticket is None:
        raise click.ClickException(f"no ticket {ticket_id!r}")
    raise click.ClickException(f"{ticket_id} is already resolved")


@tickets.command("alerts")
@click.option(
    "--now",
    "now_text",
    default=None,
    metavar="ISO8601",
    help="Act as if it were this time (e.g. 2026-12-01T09:00:00-08:00) [default: now].",
)
@click.pass_context
def tickets_alerts(ctx: click.Context, now_text: str | None) -> None:
    """Queue the due-time alerts of unanswered tickets: one when 75% (slack.desk.due_alerts.
    warn_at) of the response target has passed, one when overdue, each once. The running bot
    posts them in each ticket's team channel (it also checks by itself every few seconds);
    safe to run twice and on several machines at once."""
    from datetime import UTC, datetime

    from bot.conversation.alerts import DueAlerts
    from bot.db import now_utc

    now = now_utc()
    if now_text:
        try:
            now = datetime.fromisoformat(now_text)
        except ValueError:
            raise click.BadParameter(
                f"{now_text!r} is not an ISO 8601 time", param_hint="--now"
            ) from None
        now = now if now.tzinfo else now.replace(tzinfo=UTC)  # as `billing sweep` reads it
    desk = _desk(ctx)
    queued = DueAlerts(desk.settings, desk.engine, desk).sweep(now)
    for ticket_id, kind in queued:
        click.echo(f"{ticket_id}  {kind.removeprefix('ticket_').replace('_', ' ')}")
    click.echo(f"{len(queued)} alert(s) queued")
