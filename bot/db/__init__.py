"""The database: one engine for SQLite or PostgreSQL, the tables each package owns, and the
Alembic migrations that create them."""

from bot.db.engine import (
    DEFAULT_DATABASE_URL,
    database_url,
    make_engine,
    migrate,
    now_utc,
    reading,
)
from bot.db.types import UtcDateTime

__all__ = [
    "DEFAULT_DATABASE_URL",
    "UtcDateTime",
    "database_url",
    "make_engine",
    "migrate",
    "now_utc",
    "reading",
]
