"""Sending the outbox by direct message: receipts, reminders, plan ended, declined renewals, and
link requests (the question to the primary user, the answer to the requester).

The claim protocol (leases, retries) is the outbox's own (`bot/billing/outbox.py`); this module
only renders a notice and posts it.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from slack_sdk import WebClient

from bot.billing.outbox import Notice, deliver_due
from bot.billing.service import BillingService
from bot.config import Settings
from bot.money import format_cents
from bot.slack import blocks

log = logging.getLogger(__name__)


def _date(value: Any, settings: Settings) -> str:
    at = datetime.fromisoformat(value) if isinstance(value, str) else value
    return blocks.local_date(at, settings.timezone)


def notice_text(kind: str, payload: dict[str, Any], settings: Settings) -> str:
    """A billing notice in words; dates in the vendor's time zone."""
    tier_key = payload.get("tier", settings.upgrade_tier)
    tier = settings.tiers.get(tier_key, settings.tiers[settings.upgrade_tier])
    amount = format_cents(payload.get("amount_cents", 0), payload.get("currency", "USD"))
    if kind == "receipt":
        what = "renewed" if payload.get("renewal") else "started"
        return (
            f"Receipt: {tier.name} {what}. {amount} was charged; the plan renews on "
            f"{_date(payload.get('renews_at'), settings)}."
        )
    if kind == "renewal_reminder":
        return (
            f"Reminder: {tier.name} renews on {_date(payload.get('renews_at'), settings)} for "
            f"{amount}. To stop the renewal, use /support-tier cancel before then."
        )
    if kind == "plan_ended":
        free = settings.tiers[settings.default_tier].name
        return f"Your {tier.name} plan has ended; the account is now on {free}."
    if kind == "renewal_failed":
        return (
            f"The renewal payment for {tier.name} was declined ({payload.get('reason')}). "
            f"{tier.name} stays for {payload.get('grace_days')} days while we retry; please "
            f"update the card in {settings.contact.billing_location or 'your billing settings'}."
        )
    if kind == "link_decided":
        account = payload.get("account_name", "the account")
        if payload.get("approved"):
            return f"You're now linked to {account}: try /support-tier or ask me."
        if payload.get("reason"):
            return f"Your request to be linked to {account} could not be completed: " + str(
                payload["reason"]
            )
        return f"Your request to be linked to {account} was declined."
    return f"Billing notice: {kind}"


def render(notice: Notice, settings: Settings) -> tuple[str, blocks.Blocks | None]:
    """The text (and blocks, for a question with buttons) of one notice."""
    if notice.kind == "link_request":
        found = blocks.link_question_blocks(notice.payload)
        return blocks.fallback_text(found), found
    return notice_text(notice.kind, notice.payload, settings), None


def deliver_pending(billing: BillingService, client: WebClient, limit: int = 50) -> int:
    """Send due notices by DM to each recipient; returns how many were delivered."""

    def send(notice: Notice, user: str, team: str) -> str:
        text, found = render(notice, billing.settings)
        channel = client.conversations_open(users=user)["channel"]["id"]
        posted = client.chat_postMessage(
            channel=channel, text=text, blocks=found, unfurl_links=False, unfurl_media=False
        )
        return str(posted.get("ts") or "")

    def on_error(notice: Notice, error: Exception) -> None:
        log.warning("could not deliver notice %s (%s); will retry", notice.id, error)

    return deliver_due(billing.engine, send, limit, on_error)


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
