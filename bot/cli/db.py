"""`supportbot db`: the database schema."""

from __future__ import annotations

import click


@click.group()
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
