"""Stripe as the payment gateway, behind the PaymentGateway interface.

An account's card on file is its Stripe customer's default payment method, so the token the
billing service keeps for a card is the customer's id (`cus_…`). A charge is an off-session
PaymentIntent confirmed at once; a refund is a Refund of that PaymentIntent.

Never a second charge, and why each rule is here:
- Every PaymentIntent is created with our charge's idempotency key as Stripe's, and Stripe keeps
  a key's result for at least 24 hours: asking again with the same key within that time returns
  the first result (a decline included), which is how a charge whose answer was lost settles.
- Past those hours Stripe may have forgotten the key and the same request would charge again, so
  a charge first sent longer ago than KEY_TRUSTED_FOR is looked for by its metadata before
  anything is created. The look-up lists the customer's PaymentIntents: unlike search, a list
  sees a PaymentIntent as soon as it exists.
- Stripe saves a 5xx under its key too and replays it, and a retry whose parameters changed (the
  customer picked another default card meanwhile) gets an idempotency error: both are followed
  by the same look-up before the outcome is called unknown (GatewayTimeout: the charge stays
  pending for the sweep or the webhook).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import stripe
from sqlalchemy import select
from sqlalchemy.engine import Engine, Row

from bot.billing.gateway import Card, ChargeResult, GatewayTimeout, Outcome
from bot.db import now_utc
from bot.db.billing import charges

log = logging.getLogger(__name__)

# Stripe keeps idempotency keys for at least 24 hours; an hour's margin for clocks and retries.
KEY_TRUSTED_FOR = timedelta(hours=23)
# How long one call may take before its outcome is called unknown, and how often the library
# retries a call that failed on the way (with the same idempotency key: never a second charge).
TIMEOUT_S = 20.0
MAX_NETWORK_RETRIES = 2
NOT_RECOGNISED = "The card on file is not recognised."
NO_DEFAULT_CARD = "No default card is set for this account at the payment service."
BRANDS = {
    "amex": "American Express",
    "american express": "American Express",
    "diners": "Diners Club",
    "diners club": "Diners Club",
    "discover": "Discover",
    "jcb": "JCB",
    "mastercard": "Mastercard",
    "unionpay": "UnionPay",
    "visa": "Visa",
    "cartes_bancaires": "Cartes Bancaires",
}
# What leaves the outcome unknown: the request may or may not have been carried out.
_UNKNOWN = (stripe.APIConnectionError, stripe.APIError, stripe.RateLimitError)
# Our own mistake (a wrong or restricted key): nothing was charged, but no customer's card is
# at fault either, so the charge stays pending, loudly, until the key is fixed.
_MISCONFIGURED = (stripe.AuthenticationError, stripe.PermissionError)


def brand_name(brand: str | None) -> str:
    """Stripe's brand code ("visa", "amex") as people write it."""
    if not brand:
        return "Card"
    return BRANDS.get(brand.lower(), brand.replace("_", " ").title())


def card_of_customer(customer: dict[str, Any]) -> tuple[str, Card] | None:
    """The default payment method's id and card: invoice_settings.default_payment_method, else
    an older card source set as default_source (which customer.source.updated reports)."""
    method = (customer.get("invoice_settings") or {}).get("default_payment_method")
    if isinstance(method, dict):  # expanded (a bare id means it was not)
        card = method.get("card")
        if card:
            return method["id"], Card(brand_name(card.get("brand")), card.get("last4") or "????")
    source = customer.get("default_source")
    if isinstance(source, dict) and source.get("object") == "card":
        return source["id"], Card(brand_name(source.get("brand")), source.get("last4") or "????")
    return None


def outcome_of(intent: dict[str, Any]) -> ChargeResult:
    """A PaymentIntent's state as our outcome; raises GatewayTimeout while it is undecided."""
    status = intent.get("status")
    if status == "succeeded":
        return ChargeResult(Outcome.SUCCEEDED, intent["id"])
    if status in ("requires_payment_method", "requires_action", "canceled"):
        error = intent.get("last_payment_error") or {}
        message = error.get("message") or "The card was refused."
        return ChargeResult(Outcome.DECLINED, intent["id"], message)
    raise GatewayTimeout(f"payment {intent.get('id')} is {status}")


class StripeGateway:
    """Charges, refunds and describes cards through Stripe's API (or a stand-in at `api_base`).

    `engine` is where our charges are recorded: a charge's row says when its key was first sent
    (to know whether Stripe still remembers it), which account, plan and kind go in the
    PaymentIntent's metadata, and which PaymentIntent a refund gives back.
    """

    name = "stripe"

    def __init__(
        self,
        api_key: str,
        currency: str,
        engine: Engine | None = None,
        *,
        api_base: str | None = None,
        timeout_s: float = TIMEOUT_S,
        max_network_retries: int = MAX_NETWORK_RETRIES,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self.client = stripe.StripeClient(
            api_key,
            base_addresses={"api": api_base or stripe.api_base},
            max_network_retries=max_network_retries,
            http_client=stripe.RequestsClient(timeout=timeout_s),
        )
        self.currency = currency.lower()
        self.engine = engine
        self.clock = clock
        self.calls = 0

    # -- cards ------------------------------------------------------------------------------------

    def describe(self, token: str) -> Card | None:
        """The customer's default card, or None when there is no such customer or card; raises
        GatewayTimeout when Stripe cannot be asked."""
        found = self._default_method(token)
        return found[1] if found else None

    def _default_method(self, customer_id: str) -> tuple[str, Card] | None:
        if not customer_id.startswith("cus_"):
            return None
        try:
            customer = self.client.v1.customers.retrieve(
                customer_id,
                {"expand": ["invoice_settings.default_payment_method", "default_source"]},
            ).to_dict()
        except stripe.InvalidRequestError:
            return None  # no such customer
        except _MISCONFIGURED as exc:
            log.error("Stripe refused our API key: %s", exc.user_message or exc)
            raise GatewayTimeout("the payment gateway refused our key") from exc
        except _UNKNOWN as exc:
            raise GatewayTimeout("the payment gateway did not answer") from exc
        if customer.get("deleted"):
            return None
        return card_of_customer(customer)

    # -- charges ----------------------------------------------------------------------------------

    def charge(self, token: str, amount_cents: int, idempotency_key: str) -> ChargeResult:
        """One PaymentIntent per key, however often this is asked (see the module's rules)."""
        self.calls += 1
        record = self._record(idempotency_key)
        if record is not None and self.clock() - record.created_at > KEY_TRUSTED_FOR:
            found = self._find(token, idempotency_key)
            if found is not None:
                return outcome_of(found)
        method = self._default_method(token)
        if method is None:
            return self._declined_unless_made(token, idempotency_key, NO_DEFAULT_CARD)
        params = {
            "amount": amount_cents,
            "currency": self.currency,
            "customer": token,
            "payment_method": method[0],
            "off_session": True,
            "confirm": True,
            "metadata": self._metadata(idempotency_key, record),
        }
        try:
            intent = self.client.v1.payment_intents.create(
                params, {"idempotency_key": idempotency_key}
            ).to_dict()
        except stripe.CardError as exc:
            intent = ((exc.json_body or {}).get("error") or {}).get("payment_intent") or {}
            return ChargeResult(Outcome.DECLINED, intent.get("id"), exc.user_message or str(exc))
        except stripe.IdempotencyError as exc:
            log.warning("charge %s was first sent with other parameters", idempotency_key)
            return self._looked_up(token, idempotency_key, exc)
        except stripe.APIError as exc:
            return self._looked_up(token, idempotency_key, exc)
        except (stripe.APIConnectionError, stripe.RateLimitError) as exc:
            raise GatewayTimeout("the payment gateway did not answer") from exc
        except _MISCONFIGURED as exc:
            log.error("Stripe refused our API key: %s", exc.user_message or exc)
            raise GatewayTimeout("the payment gateway refused our key") from exc
        except stripe.InvalidRequestError as exc:
            message = exc.user_message or NOT_RECOGNISED
            return self._declined_unless_made(token, idempotency_key, message)
        return outcome_of(intent)

    def _declined_unless_made(self, customer: str, key: str, message: str) -> ChargeResult:
        """Nothing can be charged now (no default card, the card is gone), but an earlier try
        of this same charge may have been made before that: its outcome stands, not a decline."""
        found = self._find(customer, key) if customer.startswith("cus_") else None
        return outcome_of(found) if found else ChargeResult(Outcome.DECLINED, None, message)

    def _looked_up(self, customer: str, key: str, cause: Exception) -> ChargeResult:
        """Settle a charge Stripe will not replay by the PaymentIntent its metadata names."""
        found = self._find(customer, key)
        if found is None:
            raise GatewayTimeout(f"no answer for charge {key} yet") from cause
        return outcome_of(found)

    def _find(self, customer: str, key: str) -> dict[str, Any] | None:
        """The PaymentIntent made for our charge `key`, looked up by metadata (a succeeded one
        first, should there ever be more than one)."""
        try:
            page = self.client.v1.payment_intents.list({"customer": customer, "limit": 100})
            matches = [
                intent
                for intent in (found.to_dict() for found in page.auto_paging_iter())
                if (intent.get("metadata") or {}).get("charge_key") == key
            ]
        except stripe.InvalidRequestError:
            return None  # the customer is gone, and with it nothing of ours
        except (*_UNKNOWN, *_MISCONFIGURED) as exc:
            raise GatewayTimeout("the payment gateway did not answer") from exc
        matches.sort(key=lambda intent: intent.get("status") != "succeeded")
        return matches[0] if matches else None

    def _record(self, key: str) -> Row | None:
        if self.engine is None:
            return None
        with self.engine.connect() as conn:
            return conn.execute(
                select(
                    charges.c.account_id,
                    charges.c.subscription_id,
                    charges.c.kind,
                    charges.c.token,
                    charges.c.created_at,
                    charges.c.gateway_charge_id,
                ).where(charges.c.idempotency_key == key)
            ).first()

    @staticmethod
    def _metadata(key: str, record: Row | None) -> dict[str, str]:
        """What finds the PaymentIntent again (charge_key) and what an operator reading Stripe's
        dashboard needs (account, plan, kind). The same on every try: Stripe refuses a key
        reused with other parameters."""
        kind = record.kind if record is not None else key.split(":", 1)[0]
        found = {"charge_key": key, "kind": kind}
        if record is not None:
            found["account"] = record.account_id
            if record.subscription_id is not None:
                found["plan"] = str(record.subscription_id)
        return found

    # -- refunds ----------------------------------------------------------------------------------

    def refund(self, charge_key: str, amount_cents: int) -> None:
        """Refund the PaymentIntent of `charge_key` once: the refund's own idempotency key is
        derived from the charge's, and a PaymentIntent already refunded counts as done."""
        self.calls += 1
        record = self._record(charge_key)
        intent_id = record.gateway_charge_id if record is not None else None
        if not intent_id and record is not None:
            found = self._find(record.token, charge_key)
            intent_id = found["id"] if found is not None else None
        if not intent_id:
            log.error("no Stripe payment found to refund for charge %s", charge_key)
            raise GatewayTimeout(f"no payment found for {charge_key}")
        try:
            self.client.v1.refunds.create(
                {
                    "payment_intent": intent_id,
                    "amount": amount_cents,
                    "metadata": {"charge_key": charge_key},
                },
                {"idempotency_key": refund_key(charge_key)},
            )
        except stripe.InvalidRequestError as exc:
            if exc.code == "charge_already_refunded":
                return
            log.error("Stripe refused the refund of %s: %s", charge_key, exc.user_message)
            raise GatewayTimeout(f"refund of {charge_key} refused") from exc
        except (*_UNKNOWN, *_MISCONFIGURED) as exc:
            raise GatewayTimeout("the payment gateway did not answer") from exc


def refund_key(charge_key: str) -> str:
    """The refund's idempotency key: one refund per charge, whoever asks and how often."""
    return f"refund:{charge_key}"
