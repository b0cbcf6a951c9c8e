"""A local stand-in for Stripe's API, answering as Stripe documents, for tests and drills.

The StripeGateway is pointed here (its `api_base`, or `stripe.api_base`), so the official
library, its retries and error mapping included, is exercised without Stripe. What it keeps of
Stripe's documented behaviour, because the gateway's safety rests on each:
- A POST with an Idempotency-Key answers every later request with that key with the first
  answer (status and body, errors and 5xx included, marked Idempotent-Replayed); the same key
  with other parameters is a 400 `idempotency_error`; `forget_keys()` drops every key, as Stripe
  does after 24 hours.
- Customers have a default payment method; the test cards of Stripe's docs (pm_card_visa, …,
  pm_card_chargeDeclined) succeed or decline: a decline is a 402 `card_error` `card_declined`
  and leaves the PaymentIntent in requires_payment_method.
- PaymentIntents are listed by customer (newest first, paged) and searched by metadata.
- A refund gives back at most what was charged: past that, 400 `charge_already_refunded`.
- `failures` is what the next POSTs meet: "stall" (no answer for `stall_s`, nothing done),
  "stall_after" (done, the answer lost), 500 (Stripe's trouble before anything was done: not
  saved) or "500_after" (done, and the 500 saved under the key as Stripe does); "…@/v1/refunds"
  waits for a POST to that path.
- Each change is an event in `events`, shaped as Stripe's webhooks send them; `sign` signs a
  payload as Stripe does.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

# Stripe's test payment methods: brand, last4, and the decline (code, decline_code, message).
_DECLINED = ("card_declined", "generic_decline", "Your card was declined.")
_NO_FUNDS = ("card_declined", "insufficient_funds", "Your card has insufficient funds.")
TEST_CARDS: dict[str, tuple[str, str, tuple[str, str, str] | None]] = {
    "pm_card_visa": ("visa", "4242", None),
    "pm_card_mastercard": ("mastercard", "4444", None),
    "pm_card_amex": ("amex", "8431", None),
    "pm_card_chargeDeclined": ("visa", "0002", _DECLINED),
    "pm_card_chargeDeclinedInsufficientFunds": ("visa", "9995", _NO_FUNDS),
}
_STRIPES_FAULT = (500, "api_error", "Something went wrong on Stripe's end.")
Answer = tuple[int, dict[str, Any]]
_REUSED = (
    "Keys for idempotent requests can only be used with the same parameters they were first "
    "used with. Try using a key other than '{}' if you meant to execute a different request."
)


def sign(payload: str, secret: str, timestamp: int | None = None) -> str:
    """The Stripe-Signature header for `payload`: HMAC-SHA256 of "{t}.{payload}" with the
    endpoint's secret, as Stripe signs every webhook."""
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def decode_form(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Stripe's form encoding (metadata[account]=x, expand[0]=y) back into nested values."""
    out: dict[str, Any] = {}
    for raw, value in pairs:
        found = re.fullmatch(r"([^\[\]]+)((?:\[[^\]]*\])*)", raw)
        parts = [found[1], *re.findall(r"\[([^\]]*)\]", found[2])] if found else [raw]
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        last = parts[-1] or str(len(node))
        node[last] = value
    return _listify(out)


def _listify(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    items = {k: _listify(v) for k, v in value.items()}
    if items and all(k.isdigit() for k in items):
        return [items[k] for k in sorted(items, key=int)]
    return items


def _error(status: int, kind: str, message: str, **extra: Any) -> Answer:
    return status, {"error": {"type": kind, "message": message, **extra}}


@dataclass
class StripeStandIn:
    """Run with `start()`; give `url` to the gateway as its api_base."""

    api_key: str = "sk_test_standin"
    failures: list[int | str] = field(default_factory=list)
    stall_s: float = 2.0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None
        self.customers: dict[str, dict[str, Any]] = {}
        self.payment_methods: dict[str, dict[str, Any]] = {}
        self.intents: dict[str, dict[str, Any]] = {}
        self.refunds: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self._keys: dict[str, tuple[Any, Answer]] = {}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- setting the scene ------------------------------------------------------------------------

    def add_customer(self, customer_id: str, card: str | None = "pm_card_visa") -> str | None:
        """A customer whose default payment method is a copy of the test card `card`."""
        with self._lock:
            settings = {"default_payment_method": None}
            self.customers[customer_id] = {"id": customer_id, "object": "customer"}
            self.customers[customer_id] |= {"default_source": None, "invoice_settings": settings}
        return self.set_default_card(customer_id, card) if card else None

    def set_default_card(self, customer_id: str, card: str) -> str:
        """Attach a new payment method made from test card `card` and make it the default: the
        events customer.updated and payment_method.attached follow, as in Stripe."""
        brand, last4, _ = TEST_CARDS[card]
        with self._lock:
            method_id = f"pm_{next(self._ids):06d}{card.removeprefix('pm_card_')}"
            method = {
                "id": method_id,
                "object": "payment_method",
                "type": "card",
                "customer": customer_id,
                "card": {"brand": brand, "last4": last4},
                "metadata": {"test_card": card},
            }
            self.payment_methods[method_id] = method
            self._event("payment_method.attached", method)
            customer = self.customers[customer_id]
            customer["invoice_settings"]["default_payment_method"] = method_id
            self._event("customer.updated", customer)
        return method_id

    def forget_keys(self) -> None:
        """Drop every idempotency key, as Stripe does once they are 24 hours old."""
        with self._lock:
            self._keys.clear()

    def event(self, kind: str, object_id: str | None = None) -> dict[str, Any]:
        """The newest event of `kind` (about `object_id`, when given)."""
        with self._lock:
            return next(
                e
                for e in reversed(self.events)
                if e["type"] == kind and object_id in (None, e["data"]["object"]["id"])
            )

    def succeeded(self) -> list[dict[str, Any]]:
        with self._lock:
            return [i for i in self.intents.values() if i["status"] == "succeeded"]

    # -- the server -------------------------------------------------------------------------------

    def start(self) -> StripeStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                status, payload, replayed = standin._handle(
                    self.command, self.path, body, dict(self.headers.items())
                )
                raw = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Request-Id", f"req_{next(standin._ids):08d}")
                    if replayed:
                        self.send_header("Idempotent-Replayed", "true")
                    self.send_header("Content-Length", str(len(raw)))
                    self.end_headers()
                    self.wfile.write(raw)
                except OSError:
                    pass  # the client gave up waiting (a stall): as with Stripe, nobody hears

            do_GET = do_POST = do_DELETE = _serve

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        serve = lambda: self._server.serve_forever(poll_interval=0.05)  # noqa: E731  (quick stop)
        threading.Thread(target=serve, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def _handle(
        self, method: str, target: str, body: str, headers: dict[str, str]
    ) -> tuple[int, dict[str, Any], bool]:
        parts = urlsplit(target)
        path = parts.path
        params = decode_form(parse_qsl(body if method == "POST" else parts.query, True))
        headers = {k.lower(): v for k, v in headers.items()}
        with self._lock:
            failure = self._failure(path) if method == "POST" else None
        if headers.get("authorization") != f"Bearer {self.api_key}":
            return (*_error(401, "invalid_request_error", "Invalid API Key provided."), False)
        if method != "POST":
            return (*self._read(path, params), False)
        if failure in ("stall", 500):  # lost or refused before Stripe did anything
            time.sleep(self.stall_s if failure == "stall" else 0)
            return (*_error(*_STRIPES_FAULT), False)
        key = headers.get("idempotency-key")
        with self._lock:  # one request at a time: a key is never carried out twice at once
            saved = self._keys.get(key) if key else None
            if saved is not None and saved[0] != (path, params):
                answer, replayed = _error(400, "idempotency_error", _REUSED.format(key)), False
            elif saved is not None:
                answer, replayed = saved[1], True
            else:
                answer, replayed = self._write(path, params), False
                if failure == "500_after":
                    answer = _error(*_STRIPES_FAULT)
                if key and answer[0] != 400:  # parameters refused: Stripe saves nothing
                    self._keys[key] = ((path, params), answer)
        if failure == "stall_after":
            time.sleep(self.stall_s)  # carried out, and the answer never arrives
        return (*answer, replayed)

    def _failure(self, path: str) -> int | str | None:
        """The first fault waiting for this path ("stall_after@/v1/refunds": refunds only)."""
        for n, entry in enumerate(self.failures):
            fault, _, only = str(entry).partition("@")
            if path.startswith(only):
                self.failures.pop(n)
                return int(fault) if fault.isdigit() else fault
        return None

    # -- reads ------------------------------------------------------------------------------------

    def _read(self, path: str, params: dict[str, Any]) -> Answer:
        with self._lock:
            if path == "/v1/payment_intents":
                return 200, self._page(params)
            if path == "/v1/payment_intents/search":
                found = [i for i in self._newest_first() if _matches(i, params.get("query", ""))]
                limit = int(params.get("limit", 10))
                return 200, {
                    "object": "search_result",
                    "url": path,
                    "data": found[:limit],
                    "has_more": len(found) > limit,
                    "next_page": None,
                }
            kind, _, object_id = path.removeprefix("/v1/").partition("/")
            table = {
                "customers": self.customers,
                "payment_methods": self.payment_methods,
                "payment_intents": self.intents,
            }.get(kind, {})
            if object_id not in table:
                missing = f"No such {kind.rstrip('s')}: '{object_id}'"
                return _error(404, "invalid_request_error", missing, code="resource_missing")
            return 200, self._expanded(table[object_id], params.get("expand") or [])

    def _expanded(self, found: dict[str, Any], expand: list[str]) -> dict[str, Any]:
        out = json.loads(json.dumps(found))
        if "invoice_settings.default_payment_method" in expand:
            method = out["invoice_settings"]["default_payment_method"]
            out["invoice_settings"]["default_payment_method"] = self.payment_methods.get(method)
        return out

    def _newest_first(self) -> list[dict[str, Any]]:
        return list(reversed(self.intents.values()))

    def _page(self, params: dict[str, Any]) -> dict[str, Any]:
        found = [i for i in self._newest_first() if params.get("customer") in (None, i["customer"])]
        after = params.get("starting_after")
        if after:
            ids = [i["id"] for i in found]
            found = found[ids.index(after) + 1 :] if after in ids else []
        limit = min(int(params.get("limit", 10)), 100)
        return {
            "object": "list",
            "url": "/v1/payment_intents",
            "data": found[:limit],
            "has_more": len(found) > limit,
        }

    # -- writes -----------------------------------------------------------------------------------

    def _write(self, path: str, params: dict[str, Any]) -> Answer:
        if path == "/v1/payment_intents":
            return self._create_intent(params)
        if path == "/v1/refunds":
            return self._refund(params)
        return _error(404, "invalid_request_error", f"Unrecognized request URL (POST: {path}).")

    def _create_intent(self, params: dict[str, Any]) -> Answer:
        customer = self.customers.get(params.get("customer", ""))
        method = self.payment_methods.get(params.get("payment_method", ""))
        if customer is None or method is None or method["customer"] != customer["id"]:
            missing = "No such customer or payment method."
            return _error(400, "invalid_request_error", missing, code="resource_missing")
        if not str(params.get("amount", "")).isdigit() or int(params["amount"]) < 1:
            return _error(400, "invalid_request_error", "Invalid amount.", param="amount")
        decline = TEST_CARDS[method["metadata"]["test_card"]][2]
        intent = {
            "id": f"pi_{next(self._ids):08d}",
            "object": "payment_intent",
            "amount": int(params["amount"]),
            "amount_received": 0 if decline else int(params["amount"]),
            "currency": params.get("currency"),
            "customer": customer["id"],
            "payment_method": method["id"],
            "metadata": params.get("metadata") or {},
            "status": "requires_payment_method" if decline else "succeeded",
            "created": int(time.time()),
            "livemode": False,
            "latest_charge": f"ch_{next(self._ids):08d}",
            "last_payment_error": None,
        }
        if decline:
            error = dict(zip(("code", "decline_code", "message"), decline, strict=True))
            intent["last_payment_error"] = {"type": "card_error", **error}
        self.intents[intent["id"]] = intent
        kind = "payment_failed" if decline else "succeeded"
        self._event(f"payment_intent.{kind}", intent)
        if not decline:
            return 200, dict(intent)
        code, decline_code, message = decline
        reply = {"code": code, "decline_code": decline_code, "payment_intent": dict(intent)}
        return _error(402, "card_error", message, **reply)

    def _refund(self, params: dict[str, Any]) -> Answer:
        intent = self.intents.get(params.get("payment_intent", ""))
        if intent is None or intent["status"] != "succeeded":
            return _error(400, "invalid_request_error", "No such payment.", code="resource_missing")
        given = sum(r["amount"] for r in self.refunds if r["payment_intent"] == intent["id"])
        left = intent["amount"] - given
        amount = int(params.get("amount") or left)
        if left <= 0:
            return _error(
                400,
                "invalid_request_error",
                f"Charge {intent['latest_charge']} has already been refunded.",
                code="charge_already_refunded",
            )
        if amount > left:
            return _error(400, "invalid_request_error", "Too much.", code="amount_too_large")
        refund = {
            "id": f"re_{next(self._ids):08d}",
            "object": "refund",
            "amount": amount,
            "payment_intent": intent["id"],
            "status": "succeeded",
            "metadata": params.get("metadata") or {},
        }
        self.refunds.append(refund)
        self._event("refund.created", refund)
        return 200, refund

    def _event(self, kind: str, data: dict[str, Any]) -> None:
        envelope = {"object": "event", "api_version": "2024-06-20", "livemode": False}
        snapshot = {"object": json.loads(json.dumps(data))}  # as the object was at the time
        envelope |= {"id": f"evt_{next(self._ids):08d}", "created": int(time.time())}
        self.events.append({**envelope, "type": kind, "data": snapshot})

    def refunded(self, intent_id: str) -> int:
        """Cents given back for one PaymentIntent."""
        with self._lock:
            return sum(r["amount"] for r in self.refunds if r["payment_intent"] == intent_id)


def _matches(intent: dict[str, Any], query: str) -> bool:
    """Stripe's search query language, the part used here: clauses like metadata['key']:'value',
    customer:'cus_…' or status:'succeeded', joined by AND."""
    for clause in filter(None, (c.strip() for c in query.split(" AND "))):
        found = re.fullmatch(r"(metadata\['([^']+)'\]|\w+):'([^']*)'", clause)
        if not found:
            return False
        value = intent["metadata"].get(found[2]) if found[2] else intent.get(found[1])
        if value != found[3]:
            return False
    return True
