"""`supportbot db`: the database schema."""

from __future__ import annotations

import click

from bot.cli.common import unreachable


@click.group()
def db() -> None:
    """The database schema."""


@db.command("migrate")
def db_migrate() -> None:
    """Bring DATABASE_URL's schema to the newest migration: the release step of a deploy.
    (Every process also does this at start; migrations take a lock, so only one runs them.)"""
    from sqlalchemy.exc import OperationalError

    from bot.db import database_url, make_engine, migrate

    engine = make_engine()
    try:
        migrate(engine)
        revision = schema_revision(engine)
    except OperationalError as exc:  # one line, as every other command says it
        raise unreachable(exc, make_url_safe(database_url())) from None
    finally:
        engine.dispose()
    click.echo(f"{make_url_safe(database_url())}: schema at revision {revision}")


def schema_revision(engine) -> str | None:
    """The newest migration applied to the engine's database (None for an empty one)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def make_url_safe(url: str) -> str:
    """The URL as it may be printed: without its password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
