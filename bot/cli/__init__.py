"""`supportbot`: one command group per module; each is a thin wrapper around the bot's use
cases."""

from __future__ import annotations

import click

from bot.cli.admin import admin
from bot.cli.ask import ask
from bot.cli.billing import billing
from bot.cli.db import db
from bot.cli.kb import kb
from bot.cli.slack import chat, run, serve
from bot.cli.tickets import tickets


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
    from bot.logs import LogSettingError, configure

    try:
        configure()
    except LogSettingError as exc:
        raise click.ClickException(str(exc)) from None


for command in (ask, kb, admin, billing, db, tickets, chat, serve, run):
    main.add_command(command)
