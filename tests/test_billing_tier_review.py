"""Tier changes under unlucky timing and odd input, as a review of the money paths found them
(each failed before its fix; docstrings say what used to happen).

Each runs on SQLite and PostgreSQL through the billing service's public API, under the example
vendor (Free, Priority, Enterprise; EUR; prorate; one day's notice)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import yaml
from sqlalchemy import select

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.billing.results import Actor, Cancelled, Downgraded, Quote, Refused, Resumed
from bot.config import _ConfigLoader, parse_settings
from bot.db.billing import charges
from tests.test_billing_tiers import (
    ACCOUNTS,
    EXAMPLE,
    HALF,
    IDA,
    RENEWS,
    _buy,
    _paid,
    _service,
)

MAX = Actor.slack("U0MAX", "T0KONTOR")


@pytest.fixture
def billing(database_url):
    service = _service(database_url)
    yield service
    service.engine.dispose()


def _with_business_tier(database_url):
    """The example vendor with a fourth tier between Priority and Enterprise."""
    data = yaml.load(EXAMPLE.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    data["tiers"]["enterprise"]["rank"] = 3
    data["tiers"]["business"] = {
        "name": "Business Support",
        "rank": 2,
        "price_cents": {"freelancer": 50000, "company": 99000},
        "term_months": 12,
        "response_target": "4 business hours",
        "phone_support": True,
    }
    settings = parse_settings(data, EXAMPLE.parent, source="review app.yaml")
    service = open_billing(settings, database_url)
    import_accounts(service.engine, service.settings, service.gateway, ACCOUNTS)
    return service


# -- D1: a change quote is not bound to the plan it was priced on ---------------------------------


def test_a_change_quote_priced_before_a_renewal_is_not_charged_after_it(billing):
    """Quoted ten minutes before Priority renews (credit ~0), confirmed five minutes after the
    renewal charged €490 for a new Priority year: the stale quote charges €2490 and the year just
    paid for is thrown away (a fresh quote would credit ~€490)."""
    _buy(billing, "priority")
    quote = billing.quote_upgrade(IDA, now=RENEWS - timedelta(minutes=10), tier="enterprise")
    assert isinstance(quote, Quote) and quote.credit_cents == 0
    assert billing.sweep(now=RENEWS + timedelta(minutes=1)).renewed == 1
    assert _paid(billing) == [49000, 49000]
    fresh = billing.quote_upgrade(IDA, now=RENEWS + timedelta(minutes=5), tier="enterprise")
    assert fresh.credit_cents > 48000  # what the plan as it is now is worth
    stale = billing.confirm(IDA, quote.id, now=RENEWS + timedelta(minutes=5))
    assert isinstance(stale, Refused) and stale.code == "plan_changed", stale
    assert _paid(billing) == [49000, 49000]


def test_a_change_quote_confirmed_after_another_upgrade_is_refused(database_url):
    """Two change quotes from Priority (to Business and to Enterprise), both credited with the
    Priority term. Confirming Business starts a new Business term; confirming the Enterprise
    quote afterwards still credits only the old Priority term, so the Business year bought a
    moment ago is charged and discarded."""
    billing = _with_business_tier(database_url)
    try:
        _buy(billing, "priority")
        to_enterprise = billing.quote_upgrade(IDA, now=HALF, tier="enterprise")
        _buy(billing, "business", now=HALF)
        late = billing.confirm(IDA, to_enterprise.id, now=HALF + timedelta(minutes=1))
        assert isinstance(late, Refused) and late.code == "plan_changed", (late, _paid(billing))
    finally:
        billing.engine.dispose()


def test_a_change_quote_confirmed_after_a_cancel_does_not_charge(billing):
    """A colleague with billing access cancels; the quote shown before the cancel is then
    confirmed: it charges and silently turns renewal back on."""
    billing.set_billing_access(IDA, target_slack_user="U0MAX", grant=True)
    _buy(billing, "priority")
    quote = billing.quote_upgrade(IDA, now=HALF, tier="enterprise")
    assert isinstance(billing.cancel(MAX, now=HALF + timedelta(minutes=1)), Cancelled)
    late = billing.confirm(IDA, quote.id, now=HALF + timedelta(minutes=2))
    assert isinstance(late, Refused) and late.code == "plan_changed", late
    assert _paid(billing) == [49000]
    assert billing.status(IDA).auto_renew is False


# -- D2: the notice window is skipped once the renewal date has passed ----------------------------


def test_cancel_after_the_renewal_date_but_before_the_sweep_is_still_late(billing):
    """With one day's notice, a cancel one day before the renewal is refused, but a cancel a
    minute after the renewal date (the sweep has not run yet) is accepted and the renewal never
    happens."""
    _buy(billing, "enterprise")
    assert billing.cancel(IDA, now=RENEWS - timedelta(hours=1)).code == "notice_period"
    after = billing.cancel(IDA, now=RENEWS + timedelta(minutes=1))
    assert isinstance(after, Refused), after
    billing.sweep(now=RENEWS + timedelta(minutes=2))
    assert _paid(billing) == [249000, 249000]


def test_downgrade_after_the_renewal_date_but_before_the_sweep_is_still_late(billing):
    _buy(billing, "enterprise")
    assert billing.downgrade(IDA, "priority", now=RENEWS - timedelta(hours=1)).code == (
        "notice_period"
    )
    after = billing.downgrade(IDA, "priority", now=RENEWS + timedelta(minutes=1))
    assert isinstance(after, Refused), after
    billing.sweep(now=RENEWS + timedelta(minutes=2))
    assert _paid(billing) == [249000, 249000]


def test_a_downgrade_does_not_revive_a_cancelled_plan_past_its_end(billing):
    """Resume refuses a cancelled plan past its end ("already ended"), but downgrade turns it
    back on and the sweep charges a period that began before the request."""
    _buy(billing, "enterprise")
    assert isinstance(billing.cancel(IDA, now=HALF), Cancelled)
    late = RENEWS + timedelta(hours=6)
    assert billing.resume(IDA, now=late).code == "ended"
    moved = billing.downgrade(IDA, "priority", now=late)
    assert isinstance(moved, Refused), moved
    billing.sweep(now=late + timedelta(minutes=1))
    assert _paid(billing) == [249000]


# -- D3: a scheduled downgrade cannot be called off on a past-due plan ----------------------------


def test_keep_on_a_past_due_plan_calls_off_its_scheduled_downgrade(billing):
    """plan_changes._toggle_renewal keeps a past-due plan past due when "Keep" calls off its
    downgrade, but can_resume refuses first ("has already ended; upgrade again"), though the
    plan is live and the status shows a "Keep Enterprise" button. The retries then charge and
    move the account to Priority."""
    _buy(billing, "enterprise")
    assert isinstance(billing.downgrade(IDA, "priority", now=HALF), Downgraded)
    import_accounts(
        billing.engine,
        billing.settings,
        billing.gateway,
        ACCOUNTS.replace("card: tok_visa", "card: tok_chargeDeclined"),
    )
    assert billing.sweep(now=RENEWS + timedelta(minutes=1)).renewal_declined == 1
    status = billing.status(IDA)
    assert status.plan_status == "past_due" and status.next_tier == "priority"
    kept = billing.resume(IDA, now=RENEWS + timedelta(hours=2))
    assert isinstance(kept, Resumed), kept


# -- D4: bad input raises instead of refusing -----------------------------------------------------


@pytest.mark.parametrize("tier", ["gold", "Enterprise", "enterprise "])
def test_an_unknown_tier_in_a_quote_is_refused_not_raised(billing, tier):
    _buy(billing, "priority")
    refused = billing.quote_upgrade(IDA, now=HALF, tier=tier)
    assert isinstance(refused, Refused)
    with billing.engine.begin() as tx:
        assert len(tx.execute(select(charges)).all()) == 1


# -- D6: a free tier ranked above the paid ones passes validation and blocks every purchase ------


def test_a_free_tier_ranked_above_the_paid_ones_is_refused_by_validation():
    from bot.config import ConfigError

    data = yaml.load(EXAMPLE.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    data["tiers"]["free"]["rank"] = 9
    with pytest.raises((ConfigError, ValueError)):
        parse_settings(data, EXAMPLE.parent, source="review app.yaml")


# -- D5: migration 0011 cannot be rolled back -----------------------------------------------------


def _downgrade_to_0010(engine) -> None:
    from alembic import command
    from alembic.config import Config

    from bot.db.engine import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")


def test_migration_0011_is_refused_while_a_downgrade_is_scheduled(billing):
    """The release before 0011 would renew a plan with a scheduled move down at its old price:
    going back is refused, naming why, and changes nothing."""
    from alembic.util import CommandError

    _buy(billing, "enterprise")
    assert isinstance(billing.downgrade(IDA, "priority", now=HALF), Downgraded)
    with pytest.raises(CommandError, match="lower tier scheduled"):
        _downgrade_to_0010(billing.engine)
    assert billing.status(IDA).next_tier == "priority"


def test_migration_0011_can_be_undone_and_done_again(tmp_path):
    """A release can be rolled back: with no move down scheduled, 0011 goes back to 0010 (the
    columns it added are gone) and forward again."""
    from sqlalchemy import inspect

    from bot.db import make_engine, migrate

    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        migrate(engine)
        _downgrade_to_0010(engine)
        assert "next_tier" not in {c["name"] for c in inspect(engine).get_columns("subscriptions")}
        migrate(engine)
        assert "next_tier" in {c["name"] for c in inspect(engine).get_columns("subscriptions")}
    finally:
        engine.dispose()
