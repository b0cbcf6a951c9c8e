"""What every command needs: the settings, the knowledge base, the database and the services,
each opened once per invocation, with mistakes reported in one line (never a traceback)."""

from __future__ import annotations

import click

from bot.config import ConfigError, Settings, load_settings
from bot.knowledge import (
    ArticleError,
    IndexReadOnlyError,
    IndexUnavailableError,
    KnowledgeBase,
)


def settings_of(ctx: click.Context) -> Settings:
    root = ctx.find_root()
    if root.obj is None:
        try:
            root.obj = load_settings(root.params.get("config"))
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
    return root.obj


def knowledge_of(ctx: click.Context) -> KnowledgeBase:
    from bot.bootstrap import open_knowledge
    from bot.conversation.intents import IntentError

    try:
        return open_knowledge(settings_of(ctx))
    except (
        ArticleError,
        IntentError,
        TimeoutError,
        IndexUnavailableError,
        IndexReadOnlyError,
    ) as exc:
        raise click.ClickException(str(exc)) from None


def billing_of(ctx: click.Context):
    from sqlalchemy.exc import OperationalError

    from bot.billing import open_billing

    try:
        return open_billing(settings_of(ctx))
    except OperationalError as exc:
        raise click.ClickException(f"the database is not reachable: {exc.orig}") from None


def services_of(ctx: click.Context):
    """Settings, knowledge, billing and the conversation core, wired once (bot.bootstrap)."""
    from bot.bootstrap import open_services
    from bot.conversation.intents import IntentError

    try:
        return open_services(settings_of(ctx), knowledge=knowledge_of(ctx), billing=billing_of(ctx))
    except IntentError as exc:
        raise click.ClickException(str(exc)) from None
