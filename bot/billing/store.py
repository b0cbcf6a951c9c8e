"""Billing tables, the database engine, and the unit of work around them.

SQLite is the embedded default and PostgreSQL the shared store when the bot runs on several
machines. Money safety comes only from what works on both: unique constraints (one live plan per
account, one charge per idempotency key), conditional updates (``UPDATE … WHERE status = …``) and
SQLite writers that take the write lock when they begin (``BEGIN IMMEDIATE``), because SQLite
ignores ``SELECT … FOR UPDATE``. The schema itself is created by Alembic migrations
(``bot/billing/migrations``); these table objects describe it for queries.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.types import TypeDecorator

DEFAULT_DATABASE_URL = "sqlite:///var/supportbot.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class UtcDateTime(TypeDecorator):
    """Timezone-aware UTC in and out, on SQLite (which stores text) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use UTC-aware datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

accounts = Table(
    "accounts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("type", String(32), nullable=False),
    Column("slack_team_id", String(32)),
    Column("phone_support_code", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(64), ForeignKey("accounts.id"), nullable=False),
    Column("email", String(320), nullable=False),
    Column("is_primary", Boolean, nullable=False, default=False),
    Column("billing_access", Boolean, nullable=False, default=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("removed_at", UtcDateTime),  # removed by an operator: kept for history, never acts
)

slack_links = Table(
    "slack_links",
    metadata,
    Column("slack_user_id", String(32), primary_key=True),
    Column("slack_team_id", String(32), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

payment_methods = Table(
    "payment_methods",
    metadata,
    Column("account_id", String(64), ForeignKey("accounts.id"), primary_key=True),
    Column("token", String(128), nullable=False),
    Column("brand", String(32), nullable=False),
    Column("last4", String(4), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(64), ForeignKey("accounts.id"), nullable=False),
    Column("tier", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("price_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("term_months", Integer, nullable=False),
    Column("quote_id", String(64)),
    Column("started_at", UtcDateTime),
    Column("period_start", UtcDateTime),
    Column("period_end", UtcDateTime),
    Column("auto_renew", Boolean, nullable=False, default=True),
    Column("past_due_since", UtcDateTime),
    Column("ended_at", UtcDateTime),
    Column("created_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False, default=1),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("account_id", String(64), ForeignKey("accounts.id"), nullable=False),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("tier", String(32), nullable=False),
    Column("price_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("term_months", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
)

charges = Table(
    "charges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(64), ForeignKey("accounts.id"), nullable=False),
    Column("subscription_id", Integer, ForeignKey("subscriptions.id")),
    Column("idempotency_key", String(200), nullable=False, unique=True),
    Column("kind", String(16), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("token", String(128), nullable=False),
    Column("status", String(16), nullable=False),
    Column("gateway_charge_id", String(128)),
    Column("failure", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    # The period a renewal charge pays for (a subscribe charge's period starts when it settles).
    Column("period_start", UtcDateTime),
    Column("period_end", UtcDateTime),
    # A charge that settled against a plan no longer live is refunded: pending, then refunded.
    Column("refund_status", String(16)),
    Column("refunded_at", UtcDateTime),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UtcDateTime, nullable=False),
    Column("account_id", String(64)),
    Column("user_id", Integer),
    Column("slack_user_id", String(32)),
    Column("slack_team_id", String(32)),
    Column("via", String(16), nullable=False),
    Column("action", String(64), nullable=False),
    Column("before", Text),
    Column("after", Text),
    Column("outcome", String(200), nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(64), ForeignKey("accounts.id"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("dedupe_key", String(200), nullable=False, unique=True),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("delivered_at", UtcDateTime),
    # One person to tell (a link request's primary user or requester); None: the account's
    # billing users.
    Column("recipient", String(32)),
    Column("recipient_team", String(32)),
    # A sender's claim is a lease: a sender that died before sending leaves it to expire.
    Column("claimed_until", UtcDateTime),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("sent_ts", String(64)),
)

link_requests = Table(
    "link_requests",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("account_id", String(64), ForeignKey("accounts.id"), nullable=False),
    Column("email", String(320), nullable=False),
    Column("slack_user_id", String(32), nullable=False),
    Column("slack_team_id", String(32), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("decided_at", UtcDateTime),
    Column("decided_by", Integer, ForeignKey("users.id")),
    Column("expires_at", UtcDateTime),
    Column("last_sent_at", UtcDateTime),
)

tickets = Table(
    "tickets",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("team", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    Column("reason", String(64), nullable=False),
    Column("requester_slack_user", String(32), nullable=False),
    Column("requester_slack_team", String(32), nullable=False),
    Column("account_id", String(64), ForeignKey("accounts.id")),
    Column("tier", String(32), nullable=False),
    Column("channel", String(32), nullable=False),
    Column("thread_ts", String(32)),
    Column("question", Text, nullable=False),
    Column("bot_answer", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("claimed_by", String(32)),
    Column("claimed_at", UtcDateTime),
    Column("staff_channel", String(64)),
    Column("staff_ts", String(32)),
    Column("first_response_at", UtcDateTime),
    Column("first_responder", String(32)),
    Column("resolved_at", UtcDateTime),
)

answer_feedback = Table(
    "answer_feedback",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("question", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("source", String(300)),
    Column("slack_user_id", String(32)),
    Column("created_at", UtcDateTime, nullable=False),
)

thread_context = Table(
    "thread_context",
    metadata,
    Column("channel", String(64), primary_key=True),
    Column("thread_key", String(64), primary_key=True),
    Column("last_question", Text, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("offered_action", String(16)),
    Column("misses", Integer, nullable=False, server_default="0"),
)

processed_events = Table(
    "processed_events",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("received_at", UtcDateTime, nullable=False),
)

# The sandbox payment gateway's own ledger: what "the card network" remembers, kept beside our
# tables only because the sandbox has no other home. A real gateway keeps this on its side.
sandbox_ledger = Table(
    "sandbox_gateway_charges",
    metadata,
    Column("idempotency_key", String(200), primary_key=True),
    Column("charge_id", String(64), nullable=False),
    Column("token", String(128), nullable=False),
    Column("amount_cents", Integer, nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("message", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("refunded_cents", Integer, nullable=False, server_default="0"),
)


def database_url(url: str | None = None) -> str:
    """The URL to use, with the driver we ship for PostgreSQL (psycopg 3)."""
    url = url or os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if url.startswith(("postgresql://", "postgres://")):
        url = "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine for SQLite (WAL, foreign keys, IMMEDIATE writers) or PostgreSQL."""
    url = database_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            # Every server thread may hold one; SQLite connections are cheap to keep open.
            pool_size=16,
            max_overflow=32,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_connect(dbapi_connection, _record) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection) -> None:
            read_only = connection.get_execution_options().get(_READ_ONLY, False)
            connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    # A database that is down must fail fast (a clear message inside Slack's 3 seconds), and
    # connections broken by a restart are replaced on checkout (pre-ping), so it recovers alone.
    return create_engine(
        url,
        pool_size=10,
        max_overflow=20,
        pool_pre_ping=True,
        pool_timeout=5,
        connect_args={"connect_timeout": 2},
    )


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """One migrator at a time, even when several processes start together."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT pg_advisory_lock(7312001)")
            try:
                yield
            finally:
                conn.exec_driver_sql("SELECT pg_advisory_unlock(7312001)")
                conn.commit()
        return
    database = engine.url.database
    lock_path = Path(f"{database}.migrate.lock") if database and database != ":memory:" else None
    if lock_path is None:
        yield
        return
    with open(lock_path, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with _migration_lock(engine), engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


_READ_ONLY = "supportbot_read_only"


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A transaction that only reads: on SQLite a deferred BEGIN, so readers run side by side
    instead of queueing for the write lock that every `engine.begin()` takes."""
    with engine.connect() as connection:
        connection.execution_options(**{_READ_ONLY: True})
        with connection.begin():
            yield connection


def now_utc() -> datetime:
    return datetime.now(UTC)


def first_delivery(engine: Engine, event_id: str) -> bool:
    """Record a Slack event id; False when it was seen before (a retry, or another process).

    Slack re-sends events it thinks went unanswered and Bolt does not de-duplicate them; the
    primary key makes "seen" hold across processes and machines.
    """
    from sqlalchemy.exc import IntegrityError

    try:
        with engine.begin() as tx:
            tx.execute(processed_events.insert().values(event_id=event_id, received_at=now_utc()))
    except IntegrityError:
        return False
    return True
