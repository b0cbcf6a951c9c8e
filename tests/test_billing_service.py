"""Billing use cases on SQLite and PostgreSQL: every rule, every refusal, one charge per intent."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from bot.billing.admin import account_json, audit_rows, import_accounts
from bot.billing.results import (
    AccessChanged,
    AccountStatus,
    Cancelled,
    Declined,
    Processing,
    Quote,
    Receipt,
    Refused,
    Resumed,
)
from bot.db.billing import charges, outbox
from tests.billing_helpers import ACCOUNTS, BO, DEE, NIA, PAT, SAM, STRANGER, T0, billing_service


@pytest.fixture
def billing(database_url):
    service = billing_service(database_url)
    yield service
    service.engine.dispose()


def _upgrade(billing, actor, now=T0):
    quote = billing.quote_upgrade(actor, now=now)
    assert isinstance(quote, Quote), quote
    return billing.confirm(actor, quote.id, now=now)


def _outbox(billing, kind):
    with billing.engine.begin() as tx:
        return [
            json.loads(r.payload) for r in tx.execute(select(outbox).where(outbox.c.kind == kind))
        ]


def test_import_is_idempotent_and_show_has_the_documented_shape(billing):
    again = import_accounts(billing.engine, billing.settings, billing.gateway, ACCOUNTS)
    assert again == {"accounts": 0, "users": 0, "cards": 0, "links": 0}
    shown = account_json(billing.engine, billing.settings, "acme")
    assert set(shown) == {
        "id",
        "name",
        "type",
        "tier",
        "status",
        "auto_renew",
        "started_at",
        "renews_at",
        "card_on_file",
        "phone_support_code",
        "charges",
        "users",
    }
    assert shown["tier"] == "standard" and shown["card_on_file"] == "Visa ending in 4242"
    assert shown["users"][0] == {
        "email": "pat@acme.example",
        "slack_user_id": "U0PAT",
        "primary": True,
        "billing_access": True,
    }
    assert shown["users"][1]["billing_access"] is False


def test_a_merchant_upgrade_charges_399_once_and_starts_premium_now(billing):
    quote = billing.quote_upgrade(PAT, now=T0)
    assert quote.price_cents == 39900 and quote.term_months == 12
    assert quote.renews_at == T0.replace(year=2027)
    assert quote.card.text == "Visa ending in 4242"
    assert (
        "1-year contract, $399 paid up front, starts now, renews every year on March 2"
        in quote.terms
    )
    receipt = billing.confirm(PAT, quote.id, now=T0)
    assert isinstance(receipt, Receipt) and not receipt.replayed
    assert receipt.amount_cents == 39900 and receipt.renews_at == T0.replace(year=2027)
    again = billing.confirm(PAT, quote.id, now=T0)
    assert isinstance(again, Receipt) and again.replayed
    status = billing.status(PAT)
    assert status.tier == "premium" and status.renews_at == T0.replace(year=2027)
    assert status.phone_support_code and len(status.phone_support_code) == 6
    assert billing.gateway.charges_for("quote:") == 1
    shown = account_json(billing.engine, billing.settings, "acme")
    assert [c["status"] for c in shown["charges"]] == ["succeeded"]
    assert _outbox(billing, "receipt")[0]["amount_cents"] == 39900


def test_a_warehouse_pays_the_warehouse_price(billing):
    assert billing.quote_upgrade(DEE, now=T0).price_cents == 119900


def test_a_user_without_billing_access_is_told_who_can_grant_it(billing):
    refused = billing.quote_upgrade(SAM, now=T0)
    assert isinstance(refused, Refused) and refused.code == "no_billing_access"
    assert "pat@acme.example" in refused.message
    assert billing.status(SAM).tier == "standard"  # any linked user may see the tier


def test_an_unlinked_slack_user_is_told_how_to_get_linked(billing):
    refused = billing.status(STRANGER)
    assert refused.code == "not_linked" and "help@cartrover.com" in refused.message
    assert billing.cancel(STRANGER).code == "not_linked"


def test_no_card_on_file_means_no_quote(billing):
    refused = billing.quote_upgrade(NIA, now=T0)
    assert refused.code == "no_card" and "Profile & Billing" in refused.message


def test_a_declined_card_changes_nothing_and_says_so(billing):
    outcome = _upgrade(billing, BO)
    assert isinstance(outcome, Declined) and "declined" in outcome.message
    assert billing.status(BO).tier == "standard"
    shown = account_json(billing.engine, billing.settings, "broke")
    assert [c["status"] for c in shown["charges"]] == ["failed"]


def test_a_quote_is_bound_to_its_user_and_expires(billing):
    quote = billing.quote_upgrade(PAT, now=T0)
    billing.set_billing_access(PAT, target_email="sam@acme.example", grant=True)
    assert billing.confirm(SAM, quote.id, now=T0).code == "not_your_quote"
    late = T0 + timedelta(minutes=billing.settings.billing.quote_ttl_minutes + 1)
    assert billing.confirm(PAT, quote.id, now=late).code == "quote_expired"
    assert billing.confirm(PAT, "q_forged", now=T0).code == "unknown_quote"
    assert billing.gateway.calls == 0


def test_losing_billing_access_after_the_quote_blocks_the_confirmation(billing):
    billing.set_billing_access(PAT, target_email="sam@acme.example", grant=True)
    quote = billing.quote_upgrade(SAM, now=T0)
    billing.set_billing_access(PAT, target_email="sam@acme.example", grant=False)
    assert billing.confirm(SAM, quote.id, now=T0).code == "no_billing_access"
    assert billing.gateway.calls == 0


def test_an_account_already_on_premium_cannot_upgrade_again(billing):
    _upgrade(billing, PAT)
    assert billing.quote_upgrade(PAT, now=T0).code == "already_premium"


def test_cancel_keeps_premium_until_the_renewal_date_and_resume_undoes_it(billing):
    assert billing.cancel(PAT, now=T0).code == "not_premium"
    _upgrade(billing, PAT)
    cancelled = billing.cancel(PAT, now=T0 + timedelta(days=10))
    assert isinstance(cancelled, Cancelled)
    assert cancelled.ends_at == T0.replace(year=2027) and cancelled.reverts_to == "Standard Support"
    status = billing.status(PAT)
    assert status.tier == "premium" and status.ends_at == T0.replace(year=2027)
    assert status.renews_at is None
    assert billing.cancel(PAT).code == "already_cancelled"
    resumed = billing.resume(PAT, now=T0 + timedelta(days=20))
    assert isinstance(resumed, Resumed) and resumed.renews_at == T0.replace(year=2027)
    assert billing.resume(PAT).code == "not_cancelled"
    assert billing.gateway.calls == 1


def test_only_the_primary_grants_and_the_primary_keeps_access(billing):
    assert (
        billing.set_billing_access(SAM, target_email="pat@acme.example", grant=False).code
        == "not_primary"
    )
    refused = billing.set_billing_access(PAT, target_email="pat@acme.example", grant=False)
    assert refused.code == "primary_keeps_access"
    assert billing.set_billing_access(PAT, target_email="dee@depot.example").code == "unknown_user"
    granted = billing.set_billing_access(PAT, target_slack_user="U0SAM", grant=True)
    assert granted == AccessChanged("sam@acme.example", True)
    assert isinstance(billing.quote_upgrade(SAM, now=T0), Quote)


def test_every_change_and_refusal_is_audited(billing):
    billing.quote_upgrade(SAM, now=T0)
    _upgrade(billing, PAT)
    billing.cancel(PAT, now=T0)
    actions = [(r["action"], r["outcome"]) for r in audit_rows(billing.engine, "acme")]
    assert ("upgrade.quote", "refused: no_billing_access") in actions
    assert ("upgrade.charged", "succeeded") in actions
    assert ("cancel", "done") in actions
    row = next(r for r in audit_rows(billing.engine, "acme") if r["action"] == "cancel")
    assert row["via"] == "slack" and row["slack_user_id"] == "U0PAT"
    assert row["before"] == {"auto_renew": True, "status": "active"}


def test_the_audit_log_refuses_update_and_delete(billing):
    billing.status(STRANGER)
    for statement in ("UPDATE audit_log SET outcome = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), billing.engine.begin() as tx:
            tx.execute(text(statement))


def test_a_gateway_timeout_is_processing_and_the_sweep_settles_it_with_one_charge(billing):
    billing.gateway.timeouts = ["before"]
    assert isinstance(_upgrade(billing, PAT), Processing)
    assert billing.status(PAT).tier == "standard"
    report = billing.sweep(now=T0 + timedelta(minutes=5))
    assert report.resolved_pending == 1
    assert billing.status(PAT).tier == "premium"
    assert billing.gateway.charges_for("quote:") == 1


def test_a_charge_made_but_not_recorded_is_found_by_its_key(billing):
    # The gateway charged, then the reply (or our process) was lost before the commit.
    billing.gateway.timeouts = ["after"]
    assert isinstance(_upgrade(billing, PAT), Processing)
    billing.sweep(now=T0 + timedelta(minutes=5))
    assert billing.status(PAT).tier == "premium"
    assert billing.gateway.charges_for("quote:") == 1
    with billing.engine.begin() as tx:
        assert tx.execute(select(charges.c.status)).scalars().all() == ["succeeded"]


def test_a_plan_renews_once_a_year_however_often_the_sweep_runs(billing):
    _upgrade(billing, PAT)
    due = T0.replace(year=2027) + timedelta(minutes=1)
    assert billing.sweep(now=due).renewed == 1
    assert billing.sweep(now=due).renewed == 0
    assert billing.status(PAT).renews_at == T0.replace(year=2028)
    assert len(_outbox(billing, "receipt")) == 2


def test_a_cancelled_plan_ends_at_its_date_and_the_account_reverts_to_standard(billing):
    _upgrade(billing, PAT)
    billing.cancel(PAT, now=T0)
    assert billing.sweep(now=T0.replace(year=2027) - timedelta(days=1)).ended == 0
    assert billing.sweep(now=T0.replace(year=2027) + timedelta(seconds=1)).ended == 1
    assert billing.status(PAT).tier == "standard"
    assert billing.gateway.calls == 1
    assert _outbox(billing, "plan_ended")[0]["reverts_to"] == "standard"


def test_a_declined_renewal_is_past_due_retried_daily_then_ended(billing):
    _upgrade(billing, PAT)
    import_accounts(
        billing.engine,
        billing.settings,
        billing.gateway,
        ACCOUNTS.replace(
            "card: tok_visa\n    users:\n      - {email: pat",
            "card: tok_chargeDeclined\n    users:\n      - {email: pat",
            1,
        ),
    )
    due = T0.replace(year=2027) + timedelta(minutes=1)
    assert billing.sweep(now=due).renewal_declined == 1
    status = billing.status(PAT)
    assert status.plan_status == "past_due" and status.tier == "premium"
    assert _outbox(billing, "renewal_failed")
    assert billing.sweep(now=due + timedelta(hours=2)).renewal_declined == 0  # same day: no retry
    assert billing.sweep(now=due + timedelta(days=1, hours=1)).renewal_declined == 1
    assert billing.sweep(now=due + timedelta(days=8)).ended == 1
    assert billing.status(PAT).tier == "standard"


def test_a_renewal_due_without_a_card_is_past_due_then_ended_not_left_active(billing):
    from bot.db.billing import payment_methods

    _upgrade(billing, PAT)
    with billing.engine.begin() as tx:
        tx.execute(payment_methods.delete().where(payment_methods.c.account_id == "acme"))
    due = T0.replace(year=2027) + timedelta(minutes=1)
    assert billing.sweep(now=due).renewal_declined == 1
    assert billing.sweep(now=due).renewal_declined == 0  # told once
    status = billing.status(PAT)
    assert status.plan_status == "past_due" and status.tier == "premium"
    [notice] = _outbox(billing, "renewal_failed")
    assert notice["reason"] == "no card on file"
    assert billing.sweep(now=due + timedelta(days=2)).renewal_declined == 0
    assert billing.sweep(now=due + timedelta(days=8)).ended == 1
    assert billing.status(PAT).tier == "standard"
    assert billing.gateway.calls == 1  # only the upgrade was ever charged


def test_renewal_reminders_go_out_once_thirty_days_ahead(billing):
    _upgrade(billing, PAT)
    soon = T0.replace(year=2027) - timedelta(days=29)
    assert billing.sweep(now=soon - timedelta(days=5)).reminders == 0
    assert billing.sweep(now=soon).reminders == 1
    assert billing.sweep(now=soon).reminders == 0


def test_status_lists_card_and_charges_for_the_account(billing):
    _upgrade(billing, PAT)
    status = billing.status(PAT)
    assert isinstance(status, AccountStatus)
    assert status.card.text == "Visa ending in 4242"
    assert [c.amount_cents for c in status.charges] == [39900]


def test_a_link_for_the_slack_team_wins_over_a_link_for_any_team(billing):
    import_accounts(
        billing.engine,
        billing.settings,
        billing.gateway,
        "accounts:\n"
        "  - {id: anyteam, name: Any Team Co, type: merchant, card: tok_visa,\n"
        "     users: [{email: kim@any.example, slack_user_id: U0KIM, primary: true}]}\n"
        "  - {id: teamco, name: Team Co, type: warehouse, slack_team_id: T0TEAM, card: tok_visa,\n"
        "     users: [{email: kim@team.example, slack_user_id: U0KIM, primary: true}]}\n",
    )
    from bot.billing.results import Actor

    in_team, elsewhere = Actor.slack("U0KIM", "T0TEAM"), Actor.slack("U0KIM", "T0OTHER")
    assert billing.status(in_team).account_id == "teamco"
    assert billing.status(elsewhere).account_id == "anyteam"
    # Changes resolve the person the same way as status does.
    assert billing.quote_upgrade(in_team).price_cents == billing.settings.price_cents(
        billing.settings.upgrade_tier, "warehouse"
    )
    assert billing.quote_upgrade(elsewhere).price_cents == billing.settings.price_cents(
        billing.settings.upgrade_tier, "merchant"
    )
