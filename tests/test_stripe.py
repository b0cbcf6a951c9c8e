"""Stripe as the payment gateway, against a local stand-in of Stripe's API (and, when
STRIPE_TEST_SECRET_KEY is set, one smoke test against Stripe's real test mode).

The billing use cases run on SQLite and PostgreSQL exactly as with the sandbox; what is proven
here is what Stripe adds: the card on file is the customer's default payment method, one
PaymentIntent per charge whatever fails on the way, refunds once, and webhooks that are signed,
applied once and settle through the same path as the gateway's answer.
"""

from __future__ import annotations

import io
import json
import os
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import stripe
from sqlalchemy import select

from bot.billing import open_billing
from bot.billing.admin import ImportError_, account_json, audit_rows, import_accounts
from bot.billing.gateway import Card, GatewayTimeout, Outcome, SandboxGateway
from bot.billing.results import Actor, Declined, Processing, Quote, Receipt
from bot.billing.service import BillingService
from bot.billing.stripe_gateway import StripeGateway
from bot.billing.stripe_standin import StripeStandIn, sign
from bot.billing.stripe_webhook import route_for, stripe_webhook_route
from bot.config import ConfigError, load_settings
from bot.db import make_engine, migrate
from bot.db.billing import charges, subscriptions
from tests.conftest import ROOT, settings_for

WEBHOOK_SECRET = "whsec_test_0123456789abcdef"
PAT = Actor.slack("U0PAT", "T0ACME")
BO = Actor.slack("U0BO", "T0BROKE")
# Now, not a fixed date: how old a charge's key is decides whether Stripe may have forgotten it.
T = datetime.now(UTC).replace(microsecond=0)
RENEWS = T.replace(year=T.year + 1)
ACCOUNTS = """
accounts:
  - id: acme
    name: Acme Goods
    type: merchant
    slack_team_id: T0ACME
    stripe_customer: cus_acme
    users:
      - {email: pat@acme.example, slack_user_id: U0PAT, primary: true}
  - id: broke
    name: Broke Ltd
    type: merchant
    slack_team_id: T0BROKE
    stripe_customer: cus_broke
    users:
      - {email: bo@broke.example, slack_user_id: U0BO, primary: true}
"""


def _stripe_settings():
    settings = load_settings(ROOT / "app.yaml")
    return settings.model_copy(
        update={"billing": settings.billing.model_copy(update={"gateway": "stripe"})}
    )


@pytest.fixture
def standin():
    server = StripeStandIn(stall_s=1.0).start()
    server.add_customer("cus_acme", "pm_card_visa")
    server.add_customer("cus_broke", "pm_card_chargeDeclined")
    yield server
    server.stop()


@pytest.fixture
def billing(database_url, standin):
    """The billing service with Stripe (the stand-in) as its gateway: a short timeout and no
    retries by the library (one test shows those), so one stall is a timeout within a second."""
    engine = make_engine(database_url)
    migrate(engine)
    gateway = StripeGateway(
        standin.api_key, "USD", engine, api_base=standin.url, timeout_s=0.5, max_network_retries=0
    )
    service = BillingService(engine, gateway, _stripe_settings())
    import_accounts(engine, service.settings, gateway, ACCOUNTS)
    yield service
    engine.dispose()


@pytest.fixture
def webhook(billing):
    return stripe_webhook_route(billing, WEBHOOK_SECRET)


def _upgrade(billing, actor=PAT, now=T):
    quote = billing.quote_upgrade(actor, now=now)
    assert isinstance(quote, Quote), quote
    return billing.confirm(actor, quote.id, now=now)


def _charges(billing, kind=None):
    with billing.engine.begin() as tx:
        query = select(charges).order_by(charges.c.id)
        return tx.execute(query if kind is None else query.where(charges.c.kind == kind)).all()


def _post(webhook, event, secret=WEBHOOK_SECRET, timestamp=None):
    """Deliver an event as Stripe does: the JSON body, signed with the endpoint's secret."""
    body = json.dumps(event)
    return webhook(body.encode(), {"stripe-signature": sign(body, secret, timestamp)})


def _audited(billing, account, action="stripe.webhook"):
    return [r["outcome"] for r in audit_rows(billing.engine, account) if r["action"] == action]


# -- the card on file -----------------------------------------------------------------------------


def test_the_card_on_file_is_the_customers_default_payment_method(billing, standin):
    shown = account_json(billing.engine, billing.settings, "acme")
    assert shown["card_on_file"] == "Visa ending in 4242"
    assert shown["stripe_customer"] == "cus_acme"
    again = import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    assert again == {"accounts": 0, "users": 0, "cards": 0, "links": 0}
    standin.set_default_card("cus_acme", "pm_card_amex")  # changed at Stripe: a re-import sees it
    again = import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    assert again["cards"] == 1
    shown = account_json(billing.engine, billing.settings, "acme")
    assert shown["card_on_file"] == "American Express ending in 8431"


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("stripe_customer: cus_nobody", "does not know 'cus_nobody'"),
        ("card: tok_visa", "give stripe_customer: cus_… instead"),
        ("stripe_customer: cus_acme", "cus_acme already pays for account acme"),
        ("stripe_customer: not-a-customer", "stripe_customer"),
    ],
)
def test_an_import_stripe_cannot_back_is_refused_whole(billing, entry, problem):
    text = (
        "accounts:\n  - id: newco\n    name: New Co\n    type: merchant\n"
        f"    {entry}\n    users: [{{email: nu@newco.example, primary: true}}]\n"
    )
    with pytest.raises(ImportError_, match=problem):
        import_accounts(billing.engine, billing.settings, billing.gateway, text)
    assert account_json(billing.engine, billing.settings, "newco") is None


def test_an_import_while_stripe_does_not_answer_changes_nothing(billing, standin):
    standin.stop()
    with pytest.raises(ImportError_, match="did not answer"):
        import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)


# -- charges --------------------------------------------------------------------------------------


def test_an_upgrade_is_one_payment_intent_with_our_key_and_metadata(billing, standin):
    receipt = _upgrade(billing)
    assert isinstance(receipt, Receipt) and receipt.card.text == "Visa ending in 4242"
    [intent] = standin.intents.values()
    [charge] = _charges(billing)
    assert intent["amount"] == 39900 and intent["currency"] == "usd"
    assert intent["customer"] == "cus_acme"
    assert (
        intent["payment_method"]
        == standin.customers["cus_acme"]["invoice_settings"]["default_payment_method"]
    )
    assert intent["metadata"] == {
        "account": "acme",
        "plan": str(charge.subscription_id),
        "charge_key": charge.idempotency_key,
        "kind": "subscribe",
    }
    assert charge.status == "succeeded" and charge.gateway_charge_id == intent["id"]
    again = billing.confirm(PAT, charge.idempotency_key.removeprefix("quote:"), now=T)
    assert isinstance(again, Receipt) and again.replayed
    assert len(standin.intents) == 1 and billing.status(PAT).tier == "premium"


def test_a_decline_is_our_declined_outcome_with_stripes_message(billing, standin):
    outcome = _upgrade(billing, BO)
    assert isinstance(outcome, Declined)
    assert "Your card was declined" in outcome.message
    [charge] = _charges(billing)
    assert charge.status == "failed" and charge.failure == "Your card was declined."
    assert billing.status(BO).tier == "standard"
    [intent] = standin.intents.values()
    assert intent["status"] == "requires_payment_method"


@pytest.mark.parametrize("failure", ["stall", "stall_after", 500])
def test_a_timeout_stays_pending_and_the_sweep_settles_it_with_one_charge(
    billing, standin, failure
):
    """Lost before Stripe did anything, or after it charged: either way the person hears
    "processing", and the sweep's retry with the same key leaves one PaymentIntent."""
    standin.failures = [failure]
    assert isinstance(_upgrade(billing), Processing)
    [charge] = _charges(billing)
    assert charge.status == "pending"
    assert len(standin.succeeded()) == (1 if failure == "stall_after" else 0)
    report = billing.sweep(now=T + timedelta(minutes=1))
    assert report.resolved_pending == 1 and report.still_pending == 0
    assert billing.status(PAT).tier == "premium"
    assert len(standin.succeeded()) == 1 and len(standin.intents) == 1
    assert _charges(billing)[0].gateway_charge_id == standin.succeeded()[0]["id"]


def test_a_5xx_stripe_saved_under_the_key_is_settled_by_metadata(billing, standin):
    """Stripe replays a 5xx to every retry with its key: the PaymentIntent is found by the
    charge's metadata instead, at once."""
    standin.failures = ["500_after"]
    receipt = _upgrade(billing)
    assert isinstance(receipt, Receipt)
    assert len(standin.intents) == 1 and len(standin.succeeded()) == 1


def test_the_librarys_own_retry_reuses_our_key(billing, standin):
    """A reply lost after Stripe charged: the library's retry carries the same idempotency key,
    gets the first answer back, and the person gets a receipt, not "processing"."""
    gateway = StripeGateway(
        standin.api_key,
        "USD",
        billing.engine,
        api_base=standin.url,
        max_network_retries=1,
        timeout_s=0.5,
    )
    retrying = BillingService(billing.engine, gateway, billing.settings)
    standin.failures = ["stall_after"]
    assert isinstance(_upgrade(retrying), Receipt)
    assert len(standin.intents) == 1 and len(standin.succeeded()) == 1


def test_a_charge_whose_key_stripe_forgot_is_found_by_metadata_never_charged_again(
    billing, standin
):
    standin.failures = ["stall_after"]
    assert isinstance(_upgrade(billing), Processing)
    standin.forget_keys()  # a day later: Stripe no longer knows the key
    billing.gateway.clock = lambda: T + timedelta(hours=25)
    report = billing.sweep(now=T + timedelta(hours=25))
    assert report.resolved_pending == 1
    assert len(standin.intents) == 1 and billing.status(PAT).tier == "premium"


def test_a_charge_retried_after_the_default_card_changed_is_settled_by_metadata(billing, standin):
    """The retry's parameters differ from the first try's (another payment method): Stripe
    refuses the key with an idempotency error, and the first PaymentIntent settles it."""
    standin.failures = ["stall_after"]
    assert isinstance(_upgrade(billing), Processing)
    standin.set_default_card("cus_acme", "pm_card_mastercard")
    assert billing.sweep(now=T + timedelta(minutes=1)).resolved_pending == 1
    assert len(standin.intents) == 1 and billing.status(PAT).tier == "premium"


def test_a_charge_made_before_the_card_was_removed_is_not_called_declined(billing, standin):
    standin.failures = ["stall_after"]
    assert isinstance(_upgrade(billing), Processing)
    standin.customers["cus_acme"]["invoice_settings"]["default_payment_method"] = None
    assert billing.sweep(now=T + timedelta(minutes=1)).resolved_pending == 1
    assert billing.status(PAT).tier == "premium" and _charges(billing)[0].status == "succeeded"


def test_a_customer_without_a_default_card_is_declined_and_told_why(billing, standin):
    standin.customers["cus_acme"]["invoice_settings"]["default_payment_method"] = None
    outcome = _upgrade(billing)
    assert isinstance(outcome, Declined) and "No default card" in outcome.message
    assert standin.intents == {}


def test_a_renewal_is_a_second_payment_intent_with_its_own_key(billing, standin):
    _upgrade(billing)
    report = billing.sweep(now=RENEWS + timedelta(minutes=1))
    assert report.renewed == 1
    renewal = _charges(billing, "renewal")[0]
    assert renewal.status == "succeeded"
    intents = list(standin.intents.values())
    assert [i["metadata"]["kind"] for i in intents] == ["subscribe", "renewal"]
    assert intents[1]["metadata"]["charge_key"] == renewal.idempotency_key
    assert billing.sweep(now=RENEWS + timedelta(minutes=30)).renewed == 0
    assert len(standin.intents) == 2


def test_a_renewal_that_settles_after_the_plan_ended_is_refunded_once(billing, standin):
    _upgrade(billing)
    due = RENEWS + timedelta(minutes=1)
    standin.failures = ["stall_after"]  # charged at Stripe, answer lost
    billing.sweep(now=due)
    with billing.engine.begin() as tx:  # an operator ends the plan meanwhile
        tx.execute(subscriptions.update().values(status="ended", auto_renew=False))
    billing.sweep(now=due + timedelta(minutes=5))
    renewal = _charges(billing, "renewal")[0]
    assert renewal.status == "succeeded" and renewal.refund_status == "refunded"
    assert standin.refunded(renewal.gateway_charge_id) == 39900
    billing.gateway.refund(renewal.idempotency_key, 39900)  # asked again: still once
    assert standin.refunded(renewal.gateway_charge_id) == 39900
    assert len(standin.refunds) == 1
    shown = account_json(billing.engine, billing.settings, "acme")
    assert shown["charges"][-1]["refunded"] is True


def test_a_refund_whose_answer_was_lost_is_given_once_by_the_sweep(billing, standin):
    _upgrade(billing)
    due = RENEWS + timedelta(minutes=1)
    standin.failures = ["stall_after"]
    billing.sweep(now=due)
    with billing.engine.begin() as tx:
        tx.execute(subscriptions.update().values(status="ended", auto_renew=False))
    standin.failures = ["stall_after@/v1/refunds"]  # the refund is made; its answer is lost
    billing.sweep(now=due + timedelta(minutes=5))
    assert _charges(billing, "renewal")[0].refund_status == "pending"
    assert billing.sweep(now=due + timedelta(minutes=10)).refunded == 1
    assert len(standin.refunds) == 1


# -- the webhook ----------------------------------------------------------------------------------


def test_the_webhook_settles_a_pending_charge(billing, standin, webhook):
    standin.failures = ["stall_after"]
    assert isinstance(_upgrade(billing), Processing)
    [intent] = standin.intents.values()
    status, reply = _post(webhook, standin.event("payment_intent.succeeded", intent["id"]))
    assert (status, reply["applied"]) == (200, "settled succeeded")
    [charge] = _charges(billing)
    assert charge.status == "succeeded" and charge.gateway_charge_id == intent["id"]
    assert billing.status(PAT).tier == "premium"
    assert _audited(billing, "acme") == ["payment_intent.succeeded: charge settled succeeded"]
    assert billing.sweep(now=T + timedelta(minutes=1)).resolved_pending == 0
    assert len(standin.intents) == 1


def test_a_declined_payment_reported_by_the_webhook_fails_the_pending_charge(
    billing, standin, webhook
):
    standin.failures = ["stall_after"]
    assert isinstance(_upgrade(billing, BO), Processing)
    [intent] = standin.intents.values()
    status, _ = _post(webhook, standin.event("payment_intent.payment_failed", intent["id"]))
    assert status == 200
    [charge] = _charges(billing)
    assert charge.status == "failed" and charge.failure == "Your card was declined."
    assert billing.status(BO).tier == "standard"


def test_a_replayed_event_is_applied_once(billing, standin, webhook):
    standin.failures = ["stall_after"]
    _upgrade(billing)
    [intent] = standin.intents.values()
    event = standin.event("payment_intent.succeeded", intent["id"])
    assert _post(webhook, event)[1]["applied"] == "settled succeeded"
    assert _post(webhook, event) == (200, {"ok": True, "replay": True})
    assert _post(webhook, {**event, "id": "evt_resent"})[1]["applied"] == "already succeeded"
    assert len(_audited(billing, "acme")) == 1
    assert len([c for c in _charges(billing) if c.status == "succeeded"]) == 1


def test_an_event_for_a_charge_already_settled_leaves_it_as_it_is(billing, standin, webhook):
    _upgrade(billing)
    [intent] = standin.intents.values()
    before = _charges(billing)
    status, reply = _post(webhook, standin.event("payment_intent.succeeded", intent["id"]))
    assert (status, reply["applied"]) == (200, "already succeeded")
    assert _charges(billing) == before and _audited(billing, "acme") == []


def test_a_bad_signature_or_body_is_refused_and_changes_nothing(billing, standin, webhook):
    standin.failures = ["stall_after"]
    _upgrade(billing)
    [intent] = standin.intents.values()
    body = json.dumps(standin.event("payment_intent.succeeded", intent["id"]))
    stale = int(time.time()) - 301  # older than Stripe's 5-minute tolerance
    attempts = {
        "wrong secret": (body, {"stripe-signature": sign(body, "whsec_someone_else")}),
        "stale": (body, {"stripe-signature": sign(body, WEBHOOK_SECRET, stale)}),
        "body changed": (
            body.replace("acme", "acme2"),
            {"stripe-signature": sign(body, WEBHOOK_SECRET)},
        ),
        "forged header": (body, {"stripe-signature": "t=1,v1=forged"}),
        "no header": (body, {}),
        "not json": ("{not json", {"stripe-signature": sign("{not json", WEBHOOK_SECRET)}),
        "not an event": ("[1]", {"stripe-signature": sign("[1]", WEBHOOK_SECRET)}),
    }
    for tamper, (sent, headers) in attempts.items():
        status, reply = webhook(sent.encode(), headers)
        assert (tamper, status, reply["ok"]) == (tamper, 400, False)
    assert _charges(billing)[0].status == "pending" and _audited(billing, "acme") == []
    assert _post(webhook, json.loads(body))[1]["applied"] == "settled succeeded"  # the real one


def test_a_new_default_card_at_stripe_becomes_the_card_on_file(billing, standin, webhook):
    standin.set_default_card("cus_acme", "pm_card_mastercard")
    status, reply = _post(webhook, standin.event("customer.updated", "cus_acme"))
    assert (status, reply["applied"]) == (200, "card refreshed")
    shown = account_json(billing.engine, billing.settings, "acme")
    assert shown["card_on_file"] == "Mastercard ending in 4444"
    attached = standin.event("payment_method.attached")
    assert _post(webhook, attached)[1]["applied"] == "card unchanged"
    assert _audited(billing, "acme") == ["customer.updated: card refreshed"]
    assert isinstance(billing.quote_upgrade(PAT, now=T), Quote)


def test_events_we_do_not_handle_or_do_not_know_are_answered_200(billing, standin, webhook):
    event = {
        "id": "evt_other",
        "object": "event",
        "type": "customer.source.updated",
        "data": {"object": {"id": "card_1", "object": "card", "customer": "cus_stranger"}},
    }
    assert _post(webhook, event) == (200, {"ok": True, "applied": "no such account"})
    event = {"id": "evt_x", "object": "event", "type": "invoice.paid", "data": {"object": {}}}
    assert _post(webhook, event) == (200, {"ok": True, "ignored": "invoice.paid"})


def test_the_webhook_is_served_at_its_path_by_the_server(billing, standin, webhook):
    from slack_bolt import App

    from bot.slack.server import STRIPE_WEBHOOK_PATH, wsgi_app

    bolt = App(token="xoxb-test", signing_secret="s", token_verification_enabled=False)
    application = wsgi_app(bolt, lambda: (True, "ready"), None, webhook)
    standin.set_default_card("cus_acme", "pm_card_mastercard")
    body = json.dumps(standin.event("customer.updated", "cus_acme")).encode()

    def call(method, headers):
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": STRIPE_WEBHOOK_PATH,
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            **{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()},
        }
        statuses = []
        b"".join(application(environ, lambda status, _headers: statuses.append(status)))
        return statuses[0]

    assert call("GET", {}).startswith("405")
    assert call("POST", {"Stripe-Signature": "t=1,v1=forged"}).startswith("400")
    assert call("POST", {"Stripe-Signature": sign(body.decode(), WEBHOOK_SECRET)}) == "200 OK"
    card = account_json(billing.engine, billing.settings, "acme")["card_on_file"]
    assert card == "Mastercard ending in 4444"


# -- choosing the gateway -------------------------------------------------------------------------


def test_the_sandbox_is_the_default_and_has_no_webhook(app_config, tmp_path):
    settings = settings_for(app_config, ROOT)
    assert settings.billing.gateway == "sandbox"
    service = open_billing(settings, f"sqlite:///{tmp_path / 'b.db'}")
    assert isinstance(service.gateway, SandboxGateway) and route_for(service) is None


@pytest.mark.parametrize("missing", ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"])
def test_stripe_without_its_keys_stops_start_up_naming_the_variable(
    app_config, monkeypatch, missing
):
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_x")
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
    monkeypatch.delenv(missing)
    app_config["billing"]["gateway"] = "stripe"
    with pytest.raises(ConfigError, match=f"billing: gateway is stripe but {missing} is not set"):
        settings_for(app_config, ROOT)


def test_stripe_with_its_keys_opens_a_stripe_gateway_and_its_webhook(
    app_config, monkeypatch, tmp_path, standin
):
    monkeypatch.setenv("STRIPE_SECRET_KEY", standin.api_key)
    monkeypatch.setenv("STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
    monkeypatch.setenv("STRIPE_API_BASE", standin.url)
    app_config["billing"]["gateway"] = "stripe"
    service = open_billing(settings_for(app_config, ROOT), f"sqlite:///{tmp_path / 'b.db'}")
    assert isinstance(service.gateway, StripeGateway)
    assert service.gateway.describe("cus_acme") == Card("Visa", "4242")
    assert route_for(service) is not None


# -- the stand-in keeps Stripe's documented behaviour ---------------------------------------------


def test_the_stand_in_answers_a_key_as_stripe_does(standin):
    client = stripe.StripeClient(
        standin.api_key, base_addresses={"api": standin.url}, max_network_retries=0
    )
    method = standin.customers["cus_acme"]["invoice_settings"]["default_payment_method"]
    params = {
        "amount": 500,
        "currency": "usd",
        "customer": "cus_acme",
        "payment_method": method,
        "off_session": True,
        "confirm": True,
        "metadata": {"charge_key": "k1"},
    }
    first = client.v1.payment_intents.create(params, {"idempotency_key": "k1"})
    again = client.v1.payment_intents.create(params, {"idempotency_key": "k1"})
    assert first.id == again.id and len(standin.intents) == 1
    with pytest.raises(stripe.IdempotencyError):
        client.v1.payment_intents.create({**params, "amount": 600}, {"idempotency_key": "k1"})
    found = client.v1.payment_intents.search({"query": "metadata['charge_key']:'k1'"})
    assert [i.id for i in found.data] == [first.id]
    standin.forget_keys()  # past 24 hours the same key is a new request: why we look up first
    assert client.v1.payment_intents.create(params, {"idempotency_key": "k1"}).id != first.id
    client.v1.refunds.create({"payment_intent": first.id}, {"idempotency_key": "r1"})
    with pytest.raises(stripe.InvalidRequestError) as refused:
        client.v1.refunds.create({"payment_intent": first.id}, {"idempotency_key": "r2"})
    assert refused.value.code == "charge_already_refunded"
    broke = standin.customers["cus_broke"]["invoice_settings"]["default_payment_method"]
    with pytest.raises(stripe.CardError) as declined:
        client.v1.payment_intents.create(
            {**params, "customer": "cus_broke", "payment_method": broke}
        )
    assert declined.value.code == "card_declined" and declined.value.http_status == 402
    stranger = stripe.StripeClient("sk_test_wrong", base_addresses={"api": standin.url})
    with pytest.raises(stripe.AuthenticationError):
        stranger.v1.customers.retrieve("cus_acme")


def test_the_gateway_can_be_pointed_at_the_stand_in_through_stripe_api_base(standin, monkeypatch):
    monkeypatch.setattr(stripe, "api_base", standin.url)
    gateway = StripeGateway(standin.api_key, "usd")
    result = gateway.charge("cus_acme", 700, f"smoke:{uuid.uuid4().hex}")
    assert result.outcome is Outcome.SUCCEEDED


def test_a_gateway_that_cannot_reach_stripe_says_so_as_a_timeout(standin):
    gateway = StripeGateway(
        standin.api_key, "usd", api_base=standin.url, timeout_s=0.3, max_network_retries=0
    )
    standin.stop()
    with pytest.raises(GatewayTimeout):
        gateway.charge("cus_acme", 700, "k-unreachable")


# -- Stripe's real test mode ----------------------------------------------------------------------


@pytest.mark.skipif(
    not os.environ.get("STRIPE_TEST_SECRET_KEY"),
    reason="set STRIPE_TEST_SECRET_KEY (an sk_test_ key) to run against Stripe's test mode",
)
def test_smoke_against_stripes_test_mode():
    key = os.environ["STRIPE_TEST_SECRET_KEY"]
    assert key.startswith(("sk_test_", "rk_test_")), "test-mode keys only"
    client = stripe.StripeClient(key, max_network_retries=2)
    customer = client.v1.customers.create({"description": "supportbot smoke test"})
    try:
        method = client.v1.payment_methods.attach("pm_card_visa", {"customer": customer.id})
        client.v1.customers.update(
            customer.id, {"invoice_settings": {"default_payment_method": method.id}}
        )
        gateway = StripeGateway(key, "usd")
        assert gateway.describe(customer.id) == Card("Visa", "4242")
        charge_key = f"smoke:{uuid.uuid4().hex}"
        first = gateway.charge(customer.id, 50, charge_key)
        assert first.outcome is Outcome.SUCCEEDED
        assert gateway.charge(customer.id, 50, charge_key) == first  # same key, same answer
        assert gateway._find(customer.id, charge_key)["id"] == first.charge_id
    finally:
        client.v1.customers.delete(customer.id)
