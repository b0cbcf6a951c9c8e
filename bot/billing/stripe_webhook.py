"""`POST /stripe/webhook`: what Stripe says about payments and cards, applied once.

- The body is believed only once its signature checks out against the endpoint's secret
  (Stripe-Signature: t=…,v1=…, within 5 minutes); a bad signature or body is answered 400.
- Stripe delivers an event at least once and re-sends it until it gets a 2xx, so each event id is
  recorded (processed_events, prefixed "stripe:") and a replay is answered 200 without being
  applied again. If applying fails (the database is down), the record is taken back and 500 asks
  Stripe to send it again later.
- payment_intent.succeeded / payment_failed settle the pending charge the PaymentIntent's
  metadata names through the same settle path as the gateway's own answer: conditional, so a
  charge the gateway or the sweep settled already is left as it is.
- customer.updated / payment_method.attached / customer.source.updated refresh the account's
  card from Stripe (asked again rather than read from the event: events may arrive out of order).
- Every other event is answered 200 and ignored. Each applied event is audited.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable
from typing import Any

import stripe
from sqlalchemy import delete, select

from bot import metrics
from bot.billing.charging import _settle  # the one settle path, shared with the gateway's answer
from bot.billing.context import audit
from bot.billing.gateway import ChargeResult, Outcome
from bot.billing.imports import put_card
from bot.billing.model import ChargeStatus
from bot.billing.results import Actor
from bot.billing.service import BillingService
from bot.config import ConfigError
from bot.db import now_utc, reading
from bot.db.billing import accounts, charges, payment_methods
from bot.db.requests import first_delivery, processed_events

log = logging.getLogger(__name__)

WEBHOOK_SECRET_ENV = "STRIPE_WEBHOOK_SECRET"
TOLERANCE_S = 300  # Stripe's own default: a signed body older than 5 minutes is refused
PAYMENT_EVENTS = ("payment_intent.succeeded", "payment_intent.payment_failed")
CARD_EVENTS = ("customer.updated", "payment_method.attached", "customer.source.updated")
STRIPE = Actor(via="stripe", operator=True)
# A route of ours: (raw body, lower-cased headers) -> (HTTP status, JSON-able reply).
Route = Callable[[bytes, dict[str, str]], tuple[int, dict[str, Any]]]


def route_for(billing: BillingService) -> Route | None:
    """The webhook's route when Stripe is the gateway; None (no such route) otherwise."""
    if billing.settings.billing.gateway != "stripe":
        return None
    secret = os.environ.get(WEBHOOK_SECRET_ENV, "").strip()
    if not secret:
        raise ConfigError(f"billing.gateway is stripe but {WEBHOOK_SECRET_ENV} is not set")
    return stripe_webhook_route(billing, secret)


def stripe_webhook_route(billing: BillingService, secret: str) -> Route:
    def route(body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, Any]]:
        try:
            event = stripe.Webhook.construct_event(
                body, headers.get("stripe-signature"), secret, tolerance=TOLERANCE_S
            ).to_dict()
        except stripe.SignatureVerificationError:
            log.warning("Stripe webhook refused: bad or missing signature")
            return 400, {"ok": False, "error": "bad signature"}
        except (ValueError, TypeError, AttributeError, KeyError):
            log.warning("Stripe webhook refused: the signed body is not an event")
            return 400, {"ok": False, "error": "malformed body"}
        event_id, kind = event.get("id"), event.get("type")
        found = (event.get("data") or {}).get("object")
        if not isinstance(event_id, str) or not isinstance(found, dict):
            return 400, {"ok": False, "error": "malformed event"}
        if kind not in PAYMENT_EVENTS + CARD_EVENTS:
            return 200, {"ok": True, "ignored": kind}
        marker = seen_marker(event_id)
        if not first_delivery(billing.engine, marker):
            return 200, {"ok": True, "replay": True}
        try:
            if kind in PAYMENT_EVENTS:
                applied = settle_payment(billing, kind, found)
            else:
                applied = refresh_card(billing, kind, found)
        except Exception:
            log.exception(
                "Stripe event %s (%s) not applied; Stripe will send it again", event_id, kind
            )
            _forget(billing, marker)
            return 500, {"ok": False, "error": "not applied: send again"}
        return 200, {"ok": True, "applied": applied}

    return route


def seen_marker(event_id: str) -> str:
    """The event's id as processed_events keeps it (64 characters at most)."""
    marker = f"stripe:{event_id}"
    return marker if len(marker) <= 64 else f"stripe:{hashlib.sha256(marker.encode()).hexdigest()}"


def _forget(billing: BillingService, marker: str) -> None:
    try:
        with billing.engine.begin() as tx:
            tx.execute(delete(processed_events).where(processed_events.c.event_id == marker))
    except Exception:
        log.warning("could not take back Stripe event %s: a re-send will be ignored", marker)


def settle_payment(billing: BillingService, kind: str, intent: dict[str, Any]) -> str:
    """Apply a PaymentIntent's outcome to the pending charge its metadata names."""
    key = (intent.get("metadata") or {}).get("charge_key")
    with reading(billing.engine) as tx:
        pending = (
            tx.execute(select(charges).where(charges.c.idempotency_key == key)).first()
            if key
            else None
        )
    if pending is None:
        return "no such charge"
    if intent.get("customer") not in (None, pending.token):
        log.warning("Stripe event for charge %s names another customer: ignored", key)
        return "another customer"
    if pending.status != ChargeStatus.PENDING.value:
        return f"already {pending.status}"
    if kind == "payment_intent.succeeded":
        result = ChargeResult(Outcome.SUCCEEDED, intent.get("id"))
    else:
        error = intent.get("last_payment_error") or {}
        message = error.get("message") or "The card was refused."
        result = ChargeResult(Outcome.DECLINED, intent.get("id"), message)
    now = now_utc()
    _settle(billing.ctx, pending, result, STRIPE, now)
    metrics.charged(result.outcome.value)
    with billing.engine.begin() as tx:
        audit(
            tx,
            STRIPE,
            "stripe.webhook",
            f"{kind}: charge settled {result.outcome.value}",
            pending.account_id,
            after={"key": key, "payment_intent": intent.get("id")},
        )
    return f"settled {result.outcome.value}"


def refresh_card(billing: BillingService, kind: str, found: dict[str, Any]) -> str:
    """The account's card on file becomes its Stripe customer's default card, as Stripe has it
    now; a customer left without one leaves the account without a card on file."""
    customer = found.get("id") if kind == "customer.updated" else found.get("customer")
    if not isinstance(customer, str) or not customer:
        return "no customer"
    with reading(billing.engine) as tx:
        account = tx.execute(
            select(accounts.c.id).where(accounts.c.stripe_customer_id == customer)
        ).first()
    if account is None:
        return "no such account"
    card = billing.gateway.describe(customer)  # GatewayTimeout: 500, Stripe sends it again
    now = now_utc()
    with billing.engine.begin() as tx:
        before = tx.execute(
            select(payment_methods).where(payment_methods.c.account_id == account.id)
        ).first()
        if card is not None:
            changed = put_card(tx, account.id, customer, card, now)
        else:
            changed = tx.execute(
                delete(payment_methods).where(payment_methods.c.account_id == account.id)
            ).rowcount
        if not changed:
            return "card unchanged"
        audit(
            tx,
            STRIPE,
            "stripe.webhook",
            f"{kind}: card {'refreshed' if card else 'removed: no default card'}",
            account.id,
            before={"brand": before.brand, "last4": before.last4} if before else None,
            after={"brand": card.brand, "last4": card.last4} if card else None,
        )
    return "card refreshed" if card else "card removed"
