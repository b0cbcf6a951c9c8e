"""Billing's tables: accounts and their users, Slack links, cards, plans, quotes, charges, the
append-only audit log, the outbox of notices, link requests, and the sandbox gateway's ledger.

The schema is created by the Alembic migrations in bot/db/migrations; these objects describe it
for queries.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from bot.db.schema import metadata
from bot.db.types import UtcDateTime

accounts = Table(
    "accounts",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("type", String(32), nullable=False),
    Column("slack_team_id", String(32)),
    Column("phone_support_code", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # The account's customer at Stripe (cus_…): its default payment method is the card on file
    # when Stripe is the gateway, and Stripe's webhooks name the account by it. Unique.
    Column("stripe_customer_id", String(64), unique=True),
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
    # A lower paid tier the plan moves to at its renewal (a scheduled downgrade), or None.
    Column("next_tier", String(32)),
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
    # The live plan this quote moves to a higher tier (None: a new plan from the free tier),
    # and the unused part of that plan's term credited against the price (prorate policy).
    Column("plan_id", Integer),
    Column("credit_cents", Integer),
    Column("plan_version", Integer),  # a change quote is priced on this state of the plan
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
    # The tier the charge pays for (None on charges recorded before tiers could change).
    Column("tier", String(32)),
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
    # None for the desk's notices (due-time alerts, rating requests; migration 0012).
    Column("account_id", String(64), ForeignKey("accounts.id")),
    Column("kind", String(32), nullable=False),
    Column("dedupe_key", String(200), nullable=False, unique=True),
    Column("payload", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("delivered_at", UtcDateTime),
    # One person to tell (a link request's primary user or requester), or for a desk alert its
    # team's channel (0012: up to 80 characters, a channel's name); None: the account's billing
    # users.
    Column("recipient", String(80)),
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
