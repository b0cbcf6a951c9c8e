"""Delivering the billing outbox by direct message: receipts, reminders, plan ended, declines.

Each row is claimed with a conditional update before it is sent, so two processes never send
the same notice; a failed send releases the claim and the next round tries again. (A process
killed between the claim and the send loses that one notice: at most once, never twice.)
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy import select, update

from bot.billing.service import BillingService
from bot.billing.store import now_utc, outbox, slack_links, users
from bot.money import format_cents

log = logging.getLogger(__name__)


def _date(value: Any) -> str:
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{at:%B} {at.day}, {at.year}" if at else "—"


def notice_text(kind: str, payload: dict[str, Any], billing: BillingService) -> str:
    settings = billing.settings
    tier = settings.tiers.get(
        payload.get("tier", settings.upgrade_tier), settings.tiers[settings.upgrade_tier]
    )
    amount = format_cents(payload.get("amount_cents", 0), payload.get("currency", "USD"))
    if kind == "receipt":
        what = "renewed" if payload.get("renewal") else "started"
        return (
            f"Receipt: {tier.name} {what}. {amount} was charged; the plan renews on "
            f"{_date(payload.get('renews_at'))}."
        )
    if kind == "renewal_reminder":
        return (
            f"Reminder: {tier.name} renews on {_date(payload.get('renews_at'))} for {amount}. "
            "To stop the renewal, use /support-tier cancel before then."
        )
    if kind == "plan_ended":
        free = settings.tiers[settings.default_tier].name
        return f"Your {tier.name} plan has ended; the account is now on {free}."
    if kind == "renewal_failed":
        return (
            f"The renewal payment for {tier.name} was declined ({payload.get('reason')}). "
            f"Premium stays for {payload.get('grace_days')} days while we retry; please "
            f"update the card in {settings.contact.billing_location or 'your billing settings'}."
        )
    return f"Billing notice: {kind}"


def _recipients(tx, account_id: str) -> list[str]:
    rows = tx.execute(
        select(slack_links.c.slack_user_id)
        .join(users, users.c.id == slack_links.c.user_id)
        .where(users.c.account_id == account_id, (users.c.billing_access | users.c.is_primary))
    ).all()
    return sorted({r.slack_user_id for r in rows})


def deliver_pending(billing: BillingService, client: WebClient, limit: int = 50) -> int:
    """Send undelivered notices to each account's billing users; returns how many were sent."""
    engine = billing.engine
    with engine.begin() as tx:
        pending = tx.execute(
            select(outbox).where(outbox.c.delivered_at.is_(None)).order_by(outbox.c.id).limit(limit)
        ).all()
    sent = 0
    for row in pending:
        with engine.begin() as tx:
            claimed = tx.execute(
                update(outbox)
                .where(outbox.c.id == row.id, outbox.c.delivered_at.is_(None))
                .values(delivered_at=now_utc())
            ).rowcount
            people = _recipients(tx, row.account_id) if claimed else []
        if not claimed:
            continue  # another process has it
        text = notice_text(row.kind, json.loads(row.payload), billing)
        try:
            for user in people:
                channel = client.conversations_open(users=user)["channel"]["id"]
                client.chat_postMessage(channel=channel, text=text)
        except SlackApiError:
            log.warning("could not deliver notice %s; will retry", row.id, exc_info=True)
            with engine.begin() as tx:
                tx.execute(update(outbox).where(outbox.c.id == row.id).values(delivered_at=None))
            continue
        sent += 1
    return sent


def start_delivery_loop(
    billing: BillingService, client: WebClient, every_s: float = 15.0
) -> threading.Event:
    """Deliver in the background until the returned event is set."""
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every_s):
            try:
                deliver_pending(billing, client)
            except Exception:  # keep the loop alive; the next round retries
                log.exception("notification delivery failed")

    threading.Thread(target=loop, name="outbox-delivery", daemon=True).start()
    return stop
