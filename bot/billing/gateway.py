"""Payment gateways: the interface the billing service charges through, and a sandbox.

Every charge carries an idempotency key. A gateway that sees a key again returns the first
outcome instead of charging again (as Stripe does), which is what lets the billing service
retry a charge whose outcome it does not know.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.db import now_utc
from bot.db.billing import sandbox_ledger


class Outcome(StrEnum):
    SUCCEEDED = "succeeded"
    DECLINED = "declined"


@dataclass(frozen=True)
class ChargeResult:
    outcome: Outcome
    charge_id: str | None = None
    message: str | None = None


class GatewayTimeout(Exception):
    """The gateway did not answer: the charge may or may not have happened."""


@dataclass(frozen=True)
class Card:
    brand: str
    last4: str


class PaymentGateway(Protocol):
    # Which gateway this is (app.yaml `billing.gateway`): "sandbox" takes a card token per
    # account, "stripe" a Stripe customer whose default payment method is the card.
    name: str

    def describe(self, token: str) -> Card | None:
        """The card behind a token, or None when the token is unknown; raises GatewayTimeout
        when the gateway cannot be asked."""

    def charge(self, token: str, amount_cents: int, idempotency_key: str) -> ChargeResult:
        """Charge once per key; raises GatewayTimeout when the outcome is unknown."""

    def refund(self, charge_key: str, amount_cents: int) -> None:
        """Give back a charge made with `charge_key`, once however often it is asked; raises
        GatewayTimeout when the outcome is unknown (ask again later: it refunds once)."""


# Stripe's test tokens: what they are and what charging them does.
SANDBOX_CARDS: dict[str, tuple[Card, str | None]] = {
    "tok_visa": (Card("Visa", "4242"), None),
    "tok_mastercard": (Card("Mastercard", "4444"), None),
    "tok_amex": (Card("American Express", "8431"), None),
    "tok_chargeDeclined": (Card("Visa", "0002"), "Your card was declined."),
    "tok_chargeDeclinedInsufficientFunds": (
        Card("Visa", "9995"),
        "Your card has insufficient funds.",
    ),
}


class SandboxGateway:
    """Takes Stripe's test tokens; remembers every key in its own ledger table.

    `timeouts` makes the next N charges time out: `before` the gateway records anything, or
    `after` it charged (the reply is lost on the way back), as the two ways a network fails.
    `reply_delay_s` holds every answer back after the charge is made, as a slow card network
    does: the window in which a crash leaves money moved and our records still pending.
    """

    name = "sandbox"

    def __init__(self, engine: Engine, reply_delay_s: float = 0.0) -> None:
        self.engine = engine
        self.timeouts: list[str] = []  # "before" | "after", consumed one per charge call
        self.reply_delay_s = reply_delay_s
        self.calls = 0

    def describe(self, token: str) -> Card | None:
        found = SANDBOX_CARDS.get(token)
        return found[0] if found else None

    def charge(self, token: str, amount_cents: int, idempotency_key: str) -> ChargeResult:
        self.calls += 1
        failure = self.timeouts.pop(0) if self.timeouts else None
        if failure == "before":
            raise GatewayTimeout("the payment gateway did not answer")
        result = self._charge_once(token, amount_cents, idempotency_key)
        if self.reply_delay_s:
            time.sleep(self.reply_delay_s)
        if failure == "after":
            raise GatewayTimeout("the payment gateway's answer was lost")
        return result

    def _charge_once(self, token: str, amount_cents: int, key: str) -> ChargeResult:
        known = self._recorded(key)
        if known:
            return known
        card = SANDBOX_CARDS.get(token)
        if card is None:
            outcome, message = Outcome.DECLINED, "The card on file is not recognised."
        elif card[1]:
            outcome, message = Outcome.DECLINED, card[1]
        else:
            outcome, message = Outcome.SUCCEEDED, None
        row = {
            "idempotency_key": key,
            "charge_id": f"ch_sandbox_{uuid.uuid4().hex[:16]}",
            "token": token,
            "amount_cents": amount_cents,
            "outcome": outcome.value,
            "message": message,
            "created_at": now_utc(),
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(sandbox_ledger.insert().values(**row))
        except IntegrityError:
            return self._recorded(key)  # another caller charged this key a moment ago
        return ChargeResult(outcome, row["charge_id"], message)

    def _recorded(self, key: str) -> ChargeResult | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(sandbox_ledger).where(sandbox_ledger.c.idempotency_key == key)
            ).first()
        if row is None:
            return None
        return ChargeResult(Outcome(row.outcome), row.charge_id, row.message)

    def refund(self, charge_key: str, amount_cents: int) -> None:
        """Refund the charge made with `charge_key`: recorded once on its ledger row."""
        self.calls += 1
        with self.engine.begin() as conn:
            conn.execute(
                update(sandbox_ledger)
                .where(
                    sandbox_ledger.c.idempotency_key == charge_key,
                    sandbox_ledger.c.outcome == Outcome.SUCCEEDED.value,
                )
                .values(refunded_cents=amount_cents)
            )

    def refunds_for(self, charge_key: str) -> int:
        """Cents the card network gave back for one charge (for tests)."""
        with self.engine.connect() as conn:
            found = conn.execute(
                select(sandbox_ledger.c.refunded_cents).where(
                    sandbox_ledger.c.idempotency_key == charge_key
                )
            ).first()
        return found.refunded_cents if found else 0

    def charges_for(self, key_prefix: str = "") -> int:
        """How many distinct charges the card network saw (for tests and benchmarks)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(sandbox_ledger.c.idempotency_key).where(
                    sandbox_ledger.c.idempotency_key.startswith(key_prefix),
                    sandbox_ledger.c.outcome == Outcome.SUCCEEDED.value,
                )
            ).all()
        return len(rows)
