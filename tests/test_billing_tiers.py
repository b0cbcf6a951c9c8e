"""Several paid tiers and the changes between them, on SQLite and PostgreSQL, under the example
vendor's app.yaml (examples/belegwerk: Free, Priority, Enterprise; EUR; prorated upgrades; one
day's notice to cancel or move down): up now through the same quote → confirm → idempotent charge
as a first upgrade, down at the renewal, cancel within the notice period refused; and the same
money-safety checks as a first upgrade (clicks at once, quotes at once, a gateway timeout, the
sweep, a change racing a renewal)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.billing import open_billing
from bot.billing.admin import account_json, import_accounts
from bot.billing.renewals import renew
from bot.billing.results import (
    Actor,
    Cancelled,
    Downgraded,
    Processing,
    Quote,
    Receipt,
    Refused,
    Resumed,
)
from bot.config import load_settings
from bot.db.billing import charges, outbox, subscriptions
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "belegwerk" / "app.yaml"
ACCOUNTS = """
accounts:
  - id: kontor
    name: Kontor AG
    type: company
    slack_team_id: T0KONTOR
    card: tok_visa
    users:
      - {email: ida@kontor.example, slack_user_id: U0IDA, primary: true}
      - {email: max@kontor.example, slack_user_id: U0MAX}
"""
IDA = Actor.slack("U0IDA", "T0KONTOR")
MAX = Actor.slack("U0MAX", "T0KONTOR")
T0 = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
RENEWS = T0.replace(year=2027)
HALF = datetime(2026, 9, 1, 17, 0, tzinfo=UTC)  # 182 of the term's 365 days are left


def _service(url: str, **billing):
    settings = load_settings(EXAMPLE)
    if billing:
        settings = settings.model_copy(
            update={"billing": settings.billing.model_copy(update=billing)}
        )
    service = open_billing(settings, url)
    import_accounts(service.engine, service.settings, service.gateway, ACCOUNTS)
    return service


@pytest.fixture
def billing(database_url):
    service = _service(database_url)
    yield service
    service.engine.dispose()


def _buy(billing, tier: str, now=T0):
    quote = billing.quote_upgrade(IDA, now=now, tier=tier)
    assert isinstance(quote, Quote), quote
    receipt = billing.confirm(IDA, quote.id, now=now)
    assert isinstance(receipt, Receipt), receipt
    return quote, receipt


def _paid(billing) -> list[int]:
    shown = account_json(billing.engine, billing.settings, "kontor")
    return [c["amount_cents"] for c in shown["charges"] if c["status"] == "succeeded"]


def _at_once(count: int, work) -> list:
    results: list = [None] * count
    start = threading.Barrier(count)

    def run(i: int) -> None:
        start.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_a_bare_upgrade_from_free_quotes_the_cheapest_paid_tier(billing):
    quote = billing.quote_upgrade(IDA, now=T0)
    assert quote.tier == "priority" and quote.price_cents == 49000 and quote.currency == "EUR"
    assert "€490 paid up front" in quote.terms
    assert "Cancel at least 1 day before a renewal" in quote.terms


def test_moving_up_from_a_paid_tier_credits_the_unused_part_and_starts_a_new_term(billing):
    _buy(billing, "priority")
    assert billing.quote_upgrade(IDA, now=HALF).tier == "enterprise"  # the next tier up
    credit = 49000 * 182 // 365
    quote, receipt = _buy(billing, "enterprise", now=HALF)
    assert quote.credit_cents == credit and quote.price_cents == 249000 - credit
    assert quote.from_tier_name == "Priority Support" and "is credited" in quote.terms
    assert receipt.tier_name == "Enterprise Support" and receipt.amount_cents == 249000 - credit
    status = billing.status(IDA)
    assert status.tier == "enterprise" and status.renews_at == HALF.replace(year=2027)
    assert status.upgrade_tier is None and status.phone_support_code
    assert _paid(billing) == [49000, 249000 - credit]
    refused = billing.quote_upgrade(IDA, now=HALF)
    assert isinstance(refused, Refused) and "top tier" in refused.message


def test_the_new_term_policy_charges_the_full_price(database_url):
    billing = _service(database_url, upgrade_policy="new_term")
    try:
        _buy(billing, "priority")
        quote, _ = _buy(billing, "enterprise", now=HALF)
        assert quote.price_cents == 249000 and quote.credit_cents == 0
        assert "replacing your Priority Support term" in quote.terms
    finally:
        billing.engine.dispose()


def test_moving_sideways_or_down_is_not_an_upgrade(billing):
    _buy(billing, "enterprise")
    for tier, code in (("enterprise", "already_premium"), ("priority", "lower_tier")):
        refused = billing.quote_upgrade(IDA, now=T0, tier=tier)
        assert isinstance(refused, Refused) and refused.code == code


def test_twenty_change_quotes_confirmed_at_once_charge_once(billing):
    _buy(billing, "priority")
    quotes = [billing.quote_upgrade(IDA, now=HALF, tier="enterprise") for _ in range(20)]
    outcomes = _at_once(20, lambda i: billing.confirm(IDA, quotes[i].id, now=HALF))
    kinds = Counter(type(o).__name__ for o in outcomes)
    assert sum(isinstance(o, Receipt) for o in outcomes) == 1, kinds
    assert {o.code for o in outcomes if isinstance(o, Refused)} <= {
        "already_premium",
        "change_in_progress",
        "plan_changed",
    }
    assert billing.gateway.charges_for() == 2 and billing.status(IDA).tier == "enterprise"


def test_fifty_clicks_on_one_change_quote_charge_once(billing):
    _buy(billing, "priority")
    quote = billing.quote_upgrade(IDA, now=HALF, tier="enterprise")
    outcomes = _at_once(50, lambda _: billing.confirm(IDA, quote.id, now=HALF))
    assert set(Counter(type(o).__name__ for o in outcomes)) <= {"Receipt", "Processing"}
    assert sum(isinstance(o, Receipt) and not o.replayed for o in outcomes) == 1
    assert billing.gateway.charges_for() == 2 and len(_paid(billing)) == 2


def test_a_change_whose_payment_times_out_is_settled_by_the_sweep_once(billing):
    _buy(billing, "priority")
    quote = billing.quote_upgrade(IDA, now=HALF, tier="enterprise")
    billing.gateway.timeouts = ["after"]  # the card was charged, the answer was lost
    assert isinstance(billing.confirm(IDA, quote.id, now=HALF), Processing)
    assert isinstance(billing.confirm(IDA, quote.id, now=HALF), Processing)
    assert billing.status(IDA).tier == "priority"  # not until the payment is known
    refused = billing.downgrade(IDA, "priority", now=HALF)
    assert isinstance(refused, Refused) and refused.code == "same_tier"
    assert isinstance(billing.cancel(IDA, now=HALF), Refused)  # a payment is under way
    billing.sweep(now=HALF + timedelta(minutes=5))
    assert billing.status(IDA).tier == "enterprise"
    assert billing.gateway.charges_for("quote:") == 2 and len(_paid(billing)) == 2


def test_a_move_down_is_scheduled_shown_and_taken_at_the_renewal_price(billing):
    _buy(billing, "enterprise")
    moved = billing.downgrade(IDA, "priority", now=HALF)
    assert isinstance(moved, Downgraded) and moved.at == RENEWS and moved.price_cents == 49000
    again = billing.downgrade(IDA, "priority", now=HALF)
    assert isinstance(again, Downgraded) and again.replayed
    status = billing.status(IDA)
    assert status.tier == "enterprise" and status.next_tier == "priority"
    assert status.next_price_cents == 49000 and status.renews_at == RENEWS
    billing.sweep(now=RENEWS - timedelta(days=20))  # the reminder states the lower price
    with billing.engine.begin() as tx:
        found = tx.execute(select(outbox).where(outbox.c.kind == "renewal_reminder"))
        reminders = [r.payload for r in found]
    assert len(reminders) == 1 and '"amount_cents": 49000' in reminders[0]
    assert billing.sweep(now=RENEWS + timedelta(minutes=1)).renewed == 1
    status = billing.status(IDA)
    assert status.tier == "priority" and status.next_tier is None
    assert status.renews_at == RENEWS.replace(year=2028)
    assert _paid(billing) == [249000, 49000]


def test_a_scheduled_move_down_can_be_called_off(billing):
    _buy(billing, "enterprise")
    billing.downgrade(IDA, "priority", now=HALF)
    kept = billing.resume(IDA, now=HALF)
    assert isinstance(kept, Resumed) and billing.status(IDA).next_tier is None
    billing.sweep(now=RENEWS + timedelta(minutes=1))
    assert billing.status(IDA).tier == "enterprise" and _paid(billing) == [249000, 249000]


def test_cancel_and_move_down_within_the_notice_period_are_refused(billing):
    _buy(billing, "enterprise")
    late = RENEWS - timedelta(hours=12)
    for refused in (billing.cancel(IDA, now=late), billing.downgrade(IDA, "priority", now=late)):
        assert isinstance(refused, Refused) and refused.code == "notice_period"
        assert "1 day notice" in refused.message and "March 2" in refused.message
    assert isinstance(billing.cancel(IDA, now=RENEWS - timedelta(days=2)), Cancelled)
    assert billing.status(IDA).ends_at == RENEWS


def test_a_cancel_clears_a_scheduled_move_down(billing):
    _buy(billing, "enterprise")
    billing.downgrade(IDA, "priority", now=HALF)
    assert isinstance(billing.cancel(IDA, now=HALF), Cancelled)
    assert billing.sweep(now=RENEWS + timedelta(minutes=1)).ended == 1
    assert billing.status(IDA).tier == "free" and _paid(billing) == [249000]


def test_a_move_down_between_the_sweeps_read_and_its_charge_stops_the_stale_charge(billing):
    """The sweep read the plan before the move down landed: its charge at the old price is not
    made (the renewal is decided on the plan as it is now), and the next sweep charges the
    lower price."""
    _buy(billing, "enterprise")
    due = RENEWS + timedelta(minutes=1)
    with billing.engine.begin() as tx:
        [stale] = tx.execute(select(subscriptions)).all()
    billing.downgrade(IDA, "priority", now=RENEWS - timedelta(days=3))
    assert renew(billing.ctx, stale, due, Actor.scheduler(), retry=False) is None
    assert billing.sweep(now=due).renewed == 1
    assert _paid(billing) == [249000, 49000]


def test_two_sweeps_at_once_renew_a_moved_down_plan_once(billing):
    _buy(billing, "enterprise")
    billing.downgrade(IDA, "priority", now=HALF)
    due = RENEWS + timedelta(minutes=1)
    reports = _at_once(2, lambda _: billing.sweep(now=due))
    assert sum(r.renewed for r in reports) == 1
    with billing.engine.begin() as tx:
        renewal = tx.execute(select(charges).where(charges.c.kind == "renewal")).one()
    assert renewal.amount_cents == 49000 and renewal.tier == "priority"


def test_the_vendors_words_name_the_roles(billing):
    refused = billing.quote_upgrade(MAX, now=T0)
    assert isinstance(refused, Refused) and refused.code == "no_billing_access"
    assert "billing admin rights" in refused.message
    assert "owner (ida@kontor.example)" in refused.message


def test_a_tier_without_phone_support_has_no_code(database_url):
    settings = load_settings(EXAMPLE)
    tiers = dict(settings.tiers)
    tiers["priority"] = tiers["priority"].model_copy(update={"phone_support": False})
    billing = open_billing(settings.model_copy(update={"tiers": tiers}), database_url)
    try:
        import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
        _buy(billing, "priority")
        assert billing.status(IDA).phone_support_code is None
        shown = account_json(billing.engine, billing.settings, "kontor")
        assert shown["phone_support_code"] is None
    finally:
        billing.engine.dispose()
