"""What every command needs: the settings, the knowledge base, the database and the services,
each opened once per invocation, with mistakes reported in one line (never a traceback)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from bot.config import DEFAULT_CONFIG_PATH, ConfigError, Settings, load_settings
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


def config_file(ctx: click.Context) -> Path:
    """The app.yaml this invocation reads, as `load_settings` finds it."""
    named = ctx.find_root().params.get("config") or os.environ.get("SUPPORTBOT_CONFIG")
    return Path(named or DEFAULT_CONFIG_PATH).resolve()


def require_kb_folder(ctx: click.Context) -> Settings:
    """Stop, naming the setting and the path it resolved to, when kb.path is no folder: with
    SUPPORTBOT_CONFIG elsewhere, a relative kb.path is taken from that file's folder, not
    from the working directory, which a bare "folder not found" leaves a user to guess."""
    settings = settings_of(ctx)
    if not settings.kb.path.is_dir():
        config = config_file(ctx)
        raise click.ClickException(
            f"kb.path: no knowledge-base folder at {settings.kb.path} (relative paths in "
            f"{config.name} are taken from its folder, {config.parent})"
        )
    return settings


def check_articles(ctx: click.Context, *, fresh: bool = False) -> Settings:
    """Before indexing or serving: the knowledge-base folder exists and every article's front
    matter names only known keys and existing related articles (bot/knowledge_checks.py)."""
    from bot.knowledge_checks import cache_path, check_front_matter

    settings = require_kb_folder(ctx)
    try:
        check_front_matter(settings.kb.path, cache_path(settings.kb.index_path), fresh=fresh)
    except ArticleError as exc:
        raise click.ClickException(str(exc)) from None
    return settings


def knowledge_of(ctx: click.Context) -> KnowledgeBase:
    from bot.bootstrap import open_knowledge
    from bot.conversation.intents import IntentError

    try:
        return open_knowledge(require_kb_folder(ctx))
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
        raise unreachable(exc) from None


def unreachable(exc: Exception, where: str = "the database") -> click.ClickException:
    """The driver's reason on one line (psycopg's spans two): a log line or a terminal keeps it
    whole, and no traceback buries it."""
    reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
    return click.ClickException(f"{where} is not reachable: {reason}")


def services_of(ctx: click.Context):
    """Settings, knowledge, billing and the conversation core, wired once (bot.bootstrap)."""
    from bot.bootstrap import open_services
    from bot.conversation.intents import IntentError

    try:
        return open_services(settings_of(ctx), knowledge=knowledge_of(ctx), billing=billing_of(ctx))
    except IntentError as exc:
        raise click.ClickException(str(exc)) from None
