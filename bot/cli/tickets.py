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
    """Close TICKET_ID: the bot answers again when it is mentioned in the ticket's thread, and
    in a direct message; a follow-up in that thread without a mention is not answered."""
    desk = _desk(ctx)
    if desk.resolve(ticket_id):
        click.echo(f"{ticket_id} resolved")
        return
    ticket = desk.get(ticket_id)
    if ticket is None:
        raise click.ClickException(f"no ticket {ticket_id!r}")
    raise click.ClickException(f"{ticket_id} is already resolved")
