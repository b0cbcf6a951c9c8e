"""`supportbot admin`: accounts, users, cards and billing access, as the vendor's staff."""

from __future__ import annotations

import json

import click

from bot.cli.common import billing_of
from bot.money import format_cents


@click.group()
def admin() -> None:
    """Accounts, users, cards and billing access, as the vendor's staff."""


@admin.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.pass_context
def admin_import(ctx: click.Context, file) -> None:
    """Create or update accounts, users, Slack links and cards from FILE (idempotent)."""
    from bot.billing.admin import ImportError_, import_accounts

    billing = billing_of(ctx)
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

    billing = billing_of(ctx)
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
        amount = format_cents(charge["amount_cents"], charge["currency"])
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

    result = billing_of(ctx).set_billing_access(
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
        removed = remove_user(billing_of(ctx).engine, account_id, email)
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

    count = unlink_slack_user(billing_of(ctx).engine, slack_user, team)
    if not count:
        raise click.ClickException(f"{slack_user} is not linked to any account user")
    click.echo(f"{slack_user}: {count} link(s) removed")


@admin.command("audit")
@click.argument("account_id")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def admin_audit(ctx: click.Context, account_id: str, as_json: bool) -> None:
    """Every change and refused attempt on ACCOUNT_ID, oldest first."""
    from bot.billing.admin import account_json, audit_rows

    billing = billing_of(ctx)
    rows = audit_rows(billing.engine, account_id)
    if not rows and account_json(billing.engine, billing.settings, account_id) is None:
        # A mistyped ID must not pass for an account with a clean history.
        raise click.ClickException(f"no account {account_id!r}")
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            who = row["slack_user_id"] or (f"user {row['user_id']}" if row["user_id"] else "-")
            click.echo(
                f"{row['at']}  {row['via']:<9} {who:<12} {row['action']:<16} {row['outcome']}"
            )
