"""Operator tasks: show an account, read its audit, remove a user who left, unlink a Slack user.
(Importing accounts is bot/billing/imports.py; its names are re-exported here.)"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine

from bot.billing import model
from bot.billing.charging import live_plan
from bot.billing.context import audit
from bot.billing.imports import AdminError, ImportError_, import_accounts, parse_import
from bot.billing.results import Actor
from bot.config import Settings
from bot.db import now_utc
from bot.db.billing import accounts, audit_log, charges, payment_methods, slack_links, users

__all__ = [
    "DEMO_FILE",
    "AdminError",
    "ImportError_",
    "account_json",
    "audit_rows",
    "import_accounts",
    "parse_import",
    "remove_user",
    "unlink_slack_user",
]

DEMO_FILE = Path(__file__).resolve().parent / "demo.yaml"


def account_json(engine: Engine, settings: Settings, account_id: str) -> dict[str, Any] | None:
    """The account as INTERFACES.md documents `admin account show --json`, plus
    `stripe_customer` for an account that has one (only then, so the documented shape of every
    other account stays as it was). With Stripe as the gateway `card_on_file` is the brand and
    last four of that customer's default card, as Stripe last reported them."""
    with engine.begin() as tx:
        account = tx.execute(select(accounts).where(accounts.c.id == account_id)).first()
        if account is None:
            return None
        plan = live_plan(tx, account_id)
        card = tx.execute(
            select(payment_methods).where(payment_methods.c.account_id == account_id)
        ).first()
        history = tx.execute(
            select(charges).where(charges.c.account_id == account_id).order_by(charges.c.id)
        ).all()
        people = tx.execute(
            select(users, func.min(slack_links.c.slack_user_id).label("slack_user_id"))
            .outerjoin(slack_links, slack_links.c.user_id == users.c.id)
            .where(users.c.account_id == account_id, users.c.removed_at.is_(None))
            .group_by(users.c.id)
            .order_by(users.c.id)
        ).all()
    entitled = plan is not None and model.PlanStatus(plan.status) in model.ENTITLED
    # A phone support code only for a tier that includes phone support.
    phone = entitled and plan.tier in settings.tiers and settings.tiers[plan.tier].phone_support
    iso = lambda at: at.isoformat() if at else None  # noqa: E731
    stripe = {"stripe_customer": account.stripe_customer_id} if account.stripe_customer_id else {}
    return {
        "id": account.id,
        "name": account.name,
        "type": account.type,
        "tier": plan.tier if entitled else settings.default_tier,
        "status": plan.status if plan is not None else "none",
        "auto_renew": bool(entitled and plan.auto_renew),
        "started_at": iso(plan.started_at) if entitled else None,
        "renews_at": iso(plan.period_end) if entitled else None,
        "card_on_file": f"{card.brand} ending in {card.last4}" if card else None,
        **stripe,
        "phone_support_code": account.phone_support_code if phone else None,
        "charges": [
            {
                "amount_cents": c.amount_cents,
                "currency": c.currency,
                "status": c.status,
                "created_at": iso(c.created_at),
                "refunded": c.refund_status == "refunded",
            }
            for c in history
        ],
        "users": [
            {
                "email": p.email,
                "slack_user_id": p.slack_user_id,
                "primary": bool(p.is_primary),
                "billing_access": bool(p.billing_access or p.is_primary),
            }
            for p in people
        ],
    }


def audit_rows(engine: Engine, account_id: str, limit: int = 200) -> list[dict[str, Any]]:
    with engine.begin() as tx:
        rows = tx.execute(
            select(audit_log)
            .where(audit_log.c.account_id == account_id)
            .order_by(audit_log.c.id.desc())
            .limit(limit)
        ).all()
    return [
        {
            "at": r.at.isoformat(),
            "via": r.via,
            "action": r.action,
            "outcome": r.outcome,
            "user_id": r.user_id,
            "slack_user_id": r.slack_user_id,
            "before": json.loads(r.before) if r.before else None,
            "after": json.loads(r.after) if r.after else None,
        }
        for r in reversed(rows)
    ]


@dataclass(frozen=True)
class RemovedUser:
    email: str
    links: int


def remove_user(
    engine: Engine, account_id: str, email: str, actor: Actor | None = None
) -> RemovedUser:
    """Someone left the customer: their Slack links go, their billing access goes, and the
    user is kept (removed) only for the history that names them. The primary user can't be
    removed; make someone else primary first (admin import)."""
    actor = actor or Actor.cli_operator()
    email = email.strip().lower()
    with engine.begin() as tx:
        user = tx.execute(
            select(users).where(
                users.c.account_id == account_id,
                users.c.email == email,
                users.c.removed_at.is_(None),
            )
        ).first()
        if user is None:
            raise AdminError(f"no user {email} in account {account_id!r}")
        if user.is_primary:
            raise AdminError(
                f"{email} is the primary user of {account_id}; import another user with "
                "`primary: true` first, then remove them"
            )
        links = tx.execute(delete(slack_links).where(slack_links.c.user_id == user.id)).rowcount
        tx.execute(
            update(users)
            .where(users.c.id == user.id)
            .values(removed_at=now_utc(), billing_access=False)
        )
        audit(
            tx,
            actor,
            "admin.user.remove",
            "done",
            account_id,
            before={"email": email, "billing_access": bool(user.billing_access), "links": links},
        )
    return RemovedUser(email, links)


def unlink_slack_user(
    engine: Engine, slack_user: str, team: str | None = None, actor: Actor | None = None
) -> int:
    """Remove a Slack user's links (for one team, or all): they no longer act for any account.
    Returns how many links were removed."""
    actor = actor or Actor.cli_operator()
    with engine.begin() as tx:
        query = select(slack_links, users.c.account_id).join(
            users, users.c.id == slack_links.c.user_id
        )
        query = query.where(slack_links.c.slack_user_id == slack_user)
        if team is not None:
            query = query.where(slack_links.c.slack_team_id == team)
        found = tx.execute(query).all()
        for link in found:
            tx.execute(
                delete(slack_links).where(
                    slack_links.c.slack_user_id == link.slack_user_id,
                    slack_links.c.slack_team_id == link.slack_team_id,
                )
            )
            audit(
                tx,
                actor,
                "admin.unlink",
                "done",
                link.account_id,
                link.user_id,
                before={"slack_user_id": link.slack_user_id, "slack_team_id": link.slack_team_id},
            )
    return len(found)


def has_accounts(engine: Engine) -> bool:
    with engine.begin() as tx:
        return tx.execute(select(accounts.c.id).limit(1)).first() is not None
