"""Clicks, retries and sweeps at once: one charge per intent, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.billing.results import Processing, Quote, Receipt, Refused
from bot.db.billing import charges
from tests.billing_helpers import PAT, T0, billing_service


@pytest.fixture
def billing(database_url):
    service = billing_service(database_url)
    yield service
    service.engine.dispose()


def _at_once(count: int, work) -> list:
    """Run work(i) in `count` threads released together; return their results."""
    results: list = [None] * count
    errors: list = []
    start = threading.Barrier(count)

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work(i)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[0]
    return results


def _charge_count(billing) -> int:
    with billing.engine.begin() as tx:
        return tx.execute(select(func.count()).select_from(charges)).scalar_one()


def test_fifty_clicks_on_one_quote_charge_once(billing):
    quote = billing.quote_upgrade(PAT, now=T0)
    outcomes = _at_once(50, lambda _: billing.confirm(PAT, quote.id, now=T0))
    kinds = Counter(type(o).__name__ for o in outcomes)
    assert set(kinds) <= {"Receipt", "Processing"}, kinds
    assert sum(isinstance(o, Receipt) and not o.replayed for o in outcomes) == 1
    assert billing.gateway.charges_for() == 1
    assert _charge_count(billing) == 1
    assert billing.status(PAT).tier == "premium"


def test_twenty_quotes_confirmed_at_once_charge_once(billing):
    quotes = [billing.quote_upgrade(PAT, now=T0) for _ in range(20)]
    assert all(isinstance(q, Quote) for q in quotes)
    outcomes = _at_once(20, lambda i: billing.confirm(PAT, quotes[i].id, now=T0))
    receipts = [o for o in outcomes if isinstance(o, Receipt)]
    refused = [o for o in outcomes if isinstance(o, Refused)]
    assert len(receipts) == 1, Counter(type(o).__name__ for o in outcomes)
    assert {r.code for r in refused} <= {"already_premium", "upgrade_in_progress"}
    assert len(refused) == 19
    assert billing.gateway.charges_for() == 1


def test_two_sweeps_at_once_renew_each_plan_once(billing):
    from tests.billing_helpers import DEE

    for actor in (PAT, DEE):
        assert isinstance(
            billing.confirm(actor, billing.quote_upgrade(actor, now=T0).id, now=T0), Receipt
        )
    due = T0.replace(year=2027) + timedelta(minutes=1)
    reports = _at_once(2, lambda _: billing.sweep(now=due))
    assert sum(r.renewed for r in reports) == 2
    assert billing.gateway.charges_for("renewal:") == 2
    assert _charge_count(billing) == 4
    assert billing.status(PAT).renews_at == T0.replace(year=2028)


def test_a_processing_confirmation_is_not_charged_again_by_a_click(billing):
    quote = billing.quote_upgrade(PAT, now=T0)
    billing.gateway.timeouts = ["before"]
    assert isinstance(billing.confirm(PAT, quote.id, now=T0), Processing)
    assert isinstance(billing.confirm(PAT, quote.id, now=T0), Processing)
    assert billing.gateway.calls == 1


def test_a_slack_event_delivered_to_many_workers_is_handled_once(billing):
    from bot.db.requests import first_delivery

    firsts = _at_once(10, lambda _: first_delivery(billing.engine, "Ev0123ABCD"))
    assert firsts.count(True) == 1
    assert first_delivery(billing.engine, "Ev0456EFGH")
