"""`supportbot billing`: the scheduled billing work."""

from __future__ import annotations

import click

from bot.cli.common import billing_of
from bot.cli.progress import progress


@click.group()
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

    Safe to run twice, and from several machines at once (cron on each is fine). On a terminal
    a bar shows the due plans settled; in cron's log only the summary line appears.
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
    service = billing_of(ctx)
    with progress("Sweeping", "plans") as tracker:
        report = service.sweep(now=now, workers=workers, on_progress=tracker)
    counts = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in vars(report).items())
    click.echo(f"{counts}; {tracker.summary()}")
