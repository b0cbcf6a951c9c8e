"""Money and identity under hostile and unlucky use: no takeover by a link request, no charge
after a cancel, no stale price or backlog of periods charged at renewal, imports that refuse what
would give someone else's access away. Each runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.billing.admin import (
    AdminError,
    ImportError_,
    account_json,
    audit_rows,
    import_accounts,
)
from bot.billing.linking import Linking
from bot.billing.renewals import renew
from bot.billing.results import (
    AccountStatus,
    Actor,
    Cancelled,
    LinkDecided,
    LinkRequested,
    Processing,
    Quote,
    Receipt,
    Refused,
)
from bot.db.billing import charges, link_requests, outbox, subscriptions
from tests.billing_helpers import ACCOUNTS, PAT, SAM, T0, billing_service

OUTSIDER = Actor.slack("U0EVE", "T0EVIL")
NEWBIE = Actor.slack("U0NEW", "T0ACME")
RENEWS = T0.replace(year=2027)


@pytest.fixture
def billing(database_url):
    service = billing_service(database_url)
    yield service
    service.engine.dispose()


@pytest.fixture
def linking(billing):
    return Linking(billing)


def _upgrade(billing, actor=PAT, now=T0):
    quote = billing.quote_upgrade(actor, now=now)
    assert isinstance(quote, Quote), quote
    receipt = billing.confirm(actor, quote.id, now=now)
    assert isinstance(receipt, Receipt), receipt
    return receipt


def _succeeded(billing, account="acme") -> list[int]:
    shown = account_json(billing.engine, billing.settings, account)
    return [c["amount_cents"] for c in shown["charges"] if c["status"] == "succeeded"]


def _import(billing, text: str):
    return import_accounts(billing.engine, billing.settings, billing.gateway, text)


# -- 1. a link request never takes over an existing user ------------------------------------------


def test_a_link_request_for_the_primarys_own_email_is_refused(linking):
    refused = linking.request(OUTSIDER, "pat@acme.example")
    assert isinstance(refused, Refused) and refused.code == "email_in_use"
    assert "already" in refused.message
    with linking.engine.begin() as tx:
        assert tx.execute(select(link_requests)).all() == []
    assert isinstance(linking.billing.status(OUTSIDER), Refused)


def test_a_request_approved_after_the_email_got_privileges_links_nobody(linking, billing):
    """Between request and approval the email became a user with billing access: the approval
    text ("billing access stays off") would lie, so the approval refuses and changes nothing."""
    asked = linking.request(NEWBIE, "jo@acme.example")
    assert isinstance(asked, LinkRequested)
    _import(
        billing,
        "accounts:\n  - {id: acme, name: Acme Goods, type: merchant, slack_team_id: T0ACME,\n"
        "     users: [{email: jo@acme.example, billing_access: true}]}\n",
    )
    refused = linking.decide(PAT, asked.request_id, approve=True)
    assert isinstance(refused, Refused) and refused.code == "email_in_use"
    assert isinstance(billing.status(NEWBIE), Refused)


def test_an_imported_user_without_slack_or_privileges_can_claim_their_own_email(linking, billing):
    _import(
        billing,
        "accounts:\n  - {id: acme, name: Acme Goods, type: merchant, slack_team_id: T0ACME,\n"
        "     users: [{email: kim@acme.example}]}\n",
    )
    asked = linking.request(Actor.slack("U0KIM", "T0ACME"), "kim@acme.example")
    assert isinstance(asked, LinkRequested)
    assert isinstance(linking.decide(PAT, asked.request_id, approve=True), LinkDecided)
    status = billing.status(Actor.slack("U0KIM", "T0ACME"))
    assert isinstance(status, AccountStatus) and not status.billing_access


@pytest.mark.parametrize("email", ["eve@gmail.com", "eve@GMAIL.com", "eve@outlook.com"])
def test_a_public_mail_domain_never_identifies_an_account(linking, billing, email):
    _import(
        billing,
        "accounts:\n  - {id: solo, name: Solo Shop, type: merchant, card: tok_visa,\n"
        "     users: [{email: owner@gmail.com, slack_user_id: U0SOLO, primary: true},\n"
        "             {email: helper@outlook.com}]}\n",
    )
    refused = linking.request(OUTSIDER, email)
    assert isinstance(refused, Refused) and refused.code == "public_domain"


@pytest.mark.parametrize("email", ["eve@a%.example", "eve@acm_.example", "eve@%"])
def test_wildcards_in_the_domain_match_nothing(linking, email):
    refused = linking.request(OUTSIDER, email)
    assert isinstance(refused, Refused) and refused.code in ("no_account", "bad_email")


def test_the_primary_is_asked_by_a_queued_direct_message(linking):
    asked = linking.request(NEWBIE, "jo@acme.example")
    with linking.engine.begin() as tx:
        [row] = tx.execute(select(outbox).where(outbox.c.kind == "link_request")).all()
    assert row.recipient == "U0PAT" and asked.request_id in row.payload


# -- 7. link requests are re-sent, expire, and their decision is delivered ------------------------


def test_asking_again_re_sends_the_request_to_the_primary(linking):
    first = linking.request(NEWBIE, "jo@acme.example")
    again = linking.request(NEWBIE, "jo@acme.example", now=first.created_at + timedelta(hours=2))
    assert isinstance(again, LinkRequested) and again.request_id == first.request_id
    assert again.resent
    with linking.engine.begin() as tx:
        rows = tx.execute(select(outbox).where(outbox.c.kind == "link_request")).all()
    assert len(rows) == 2


def test_a_request_expires_and_a_new_one_can_be_made(linking):
    first = linking.request(NEWBIE, "jo@acme.example")
    later = first.created_at + timedelta(days=8)
    second = linking.request(NEWBIE, "jo@acme.example", now=later)
    assert isinstance(second, LinkRequested) and second.request_id != first.request_id
    refused = linking.decide(PAT, first.request_id, approve=True, now=later)
    assert isinstance(refused, Refused) and refused.code == "expired"


def test_the_decision_reaches_the_requester_through_the_outbox(linking):
    asked = linking.request(NEWBIE, "jo@acme.example")
    decided = linking.decide(PAT, asked.request_id, approve=True)
    assert isinstance(decided, LinkDecided)
    with linking.engine.begin() as tx:
        [row] = tx.execute(select(outbox).where(outbox.c.kind == "link_decided")).all()
    assert row.recipient == "U0NEW"


# -- 2. a cancelled plan is never charged again ---------------------------------------------------


def test_a_cancel_while_a_renewal_is_pending_is_refused_then_works(billing):
    _upgrade(billing)
    billing.gateway.timeouts = ["before"]
    due = RENEWS + timedelta(minutes=1)
    billing.sweep(now=due)  # the renewal charge times out: pending
    refused = billing.cancel(PAT, now=due)
    assert isinstance(refused, Refused) and refused.code == "renewal_processing"
    assert "try again in a few minutes" in refused.message
    billing.sweep(now=due + timedelta(minutes=5))  # settles: renewed
    assert isinstance(billing.cancel(PAT, now=due + timedelta(minutes=6)), Cancelled)
    assert billing.sweep(now=RENEWS.replace(year=2028) + timedelta(minutes=1)).ended == 1
    assert _succeeded(billing) == [39900, 39900]


def test_a_cancel_between_the_sweeps_read_and_its_charge_stops_the_charge(billing):
    """The sweep read its due list before the cancel landed: the charge is decided against the
    plan as it is now (a conditional update in the transaction that records it)."""
    _upgrade(billing)
    due = RENEWS + timedelta(minutes=1)
    with billing.engine.begin() as tx:
        [plan] = tx.execute(select(subscriptions)).all()
    billing.cancel(PAT, now=due - timedelta(minutes=2))
    assert renew(billing.ctx, plan, due, Actor.scheduler(), retry=False) is None
    assert _succeeded(billing) == [39900]
    with billing.engine.begin() as tx:
        kinds = [r.kind for r in tx.execute(select(outbox))]
    assert kinds.count("receipt") == 1  # no "renews next year" receipt
    assert billing.sweep(now=due).ended == 1


def test_a_renewal_that_settles_after_the_plan_ended_is_refunded_and_audited(billing):
    _upgrade(billing)
    due = RENEWS + timedelta(minutes=1)
    billing.gateway.timeouts = ["after"]  # charged at the card network, answer lost
    billing.sweep(now=due)
    with billing.engine.begin() as tx:  # an operator ends the plan meanwhile
        tx.execute(subscriptions.update().values(status="ended", auto_renew=False))
    billing.sweep(now=due + timedelta(minutes=5))
    with billing.engine.begin() as tx:
        renewal = tx.execute(select(charges).where(charges.c.kind == "renewal")).one()
    assert renewal.status == "succeeded" and renewal.refunded_at is not None
    assert billing.gateway.refunds_for(renewal.idempotency_key) == 39900
    outcomes = [r["outcome"] for r in audit_rows(billing.engine, "acme")]
    assert any(o.startswith("refunded") for o in outcomes)
    shown = account_json(billing.engine, billing.settings, "acme")
    assert shown["charges"][-1]["refunded"] is True


@pytest.mark.parametrize("attempt", range(3))
def test_a_cancel_racing_a_renewal_never_charges_a_cancelled_plan(billing, attempt):
    _upgrade(billing)
    due = RENEWS + timedelta(minutes=1)
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def sweep() -> None:
        start.wait()
        results["sweep"] = billing.sweep(now=due)

    def cancel() -> None:
        start.wait()
        results["cancel"] = billing.cancel(PAT, now=due)

    threads = [threading.Thread(target=sweep), threading.Thread(target=cancel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cancelled = isinstance(results["cancel"], Cancelled)
    renewed = results["sweep"].renewed == 1
    if cancelled and renewed:  # the renewal finished first: the cancel ends the new period
        assert results["cancel"].ends_at == RENEWS.replace(year=2028)
        assert _succeeded(billing) == [39900, 39900]
    elif cancelled:  # told "you won't be charged again": true
        assert _succeeded(billing) == [39900]
    else:
        assert renewed and results["cancel"].code in ("renewal_processing", "conflict")
        assert _succeeded(billing) == [39900, 39900]
    charged = len(_succeeded(billing))
    # A year on: a cancelled plan is never charged again; one that was not renews once.
    billing.sweep(now=RENEWS.replace(year=2028) + timedelta(minutes=1))
    assert len(_succeeded(billing)) == charged + (0 if cancelled else 1)


# -- 15. renewals charge the account's current price ----------------------------------------------


def test_an_account_whose_type_changed_renews_at_the_new_types_price(billing):
    _upgrade(billing)
    _import(
        billing,
        "accounts:\n  - {id: acme, name: Acme Goods, type: warehouse, slack_team_id: T0ACME}\n",
    )
    reminder_at = RENEWS - timedelta(days=10)
    billing.sweep(now=reminder_at)
    with billing.engine.begin() as tx:
        [reminder] = tx.execute(select(outbox).where(outbox.c.kind == "renewal_reminder")).all()
    assert '"amount_cents": 119900' in reminder.payload
    billing.sweep(now=RENEWS + timedelta(minutes=1))
    assert _succeeded(billing) == [39900, 119900]


# -- 16. a sweep after a long gap charges the current period only ---------------------------------


def test_a_sweep_after_a_long_gap_charges_only_the_current_period(billing):
    _upgrade(billing, now=T0)
    late = T0.replace(year=2029) + timedelta(days=3)  # two renewals were missed
    assert billing.sweep(now=late).renewed == 1
    assert billing.sweep(now=late + timedelta(hours=1)).renewed == 0
    assert _succeeded(billing) == [39900, 39900]
    assert billing.status(PAT).renews_at == T0.replace(year=2030)


# -- 6. a replaced primary loses access unless granted; users and links can be removed -------------


def test_a_demoted_primary_loses_billing_access_unless_the_file_grants_it(billing):
    _import(
        billing,
        "accounts:\n  - {id: acme, name: Acme Goods, type: merchant, slack_team_id: T0ACME,\n"
        "     users: [{email: kim@acme.example, slack_user_id: U0KIM, primary: true}]}\n",
    )
    users = {u["email"]: u for u in account_json(billing.engine, billing.settings, "acme")["users"]}
    assert users["kim@acme.example"]["primary"] and users["kim@acme.example"]["billing_access"]
    assert users["pat@acme.example"] == {
        "email": "pat@acme.example",
        "slack_user_id": "U0PAT",
        "primary": False,
        "billing_access": False,
    }
    assert billing.quote_upgrade(PAT).code == "no_billing_access"


def test_a_demoted_primary_keeps_access_when_the_file_says_so(billing):
    _import(
        billing,
        "accounts:\n  - {id: acme, name: Acme Goods, type: merchant, slack_team_id: T0ACME,\n"
        "     users: [{email: kim@acme.example, slack_user_id: U0KIM, primary: true},\n"
        "             {email: pat@acme.example, slack_user_id: U0PAT, billing_access: true}]}\n",
    )
    assert isinstance(billing.quote_upgrade(PAT), Quote)


def test_a_removed_user_loses_every_link_and_can_no_longer_see_the_account(billing):
    from bot.billing.admin import remove_user

    removed = remove_user(billing.engine, "acme", "sam@acme.example")
    assert removed.email == "sam@acme.example"
    assert isinstance(billing.status(SAM), Refused)
    emails = [u["email"] for u in account_json(billing.engine, billing.settings, "acme")["users"]]
    assert "sam@acme.example" not in emails
    assert ("admin.user.remove", "done") in [
        (r["action"], r["outcome"]) for r in audit_rows(billing.engine, "acme")
    ]
    with pytest.raises(AdminError, match="primary"):
        remove_user(billing.engine, "acme", "pat@acme.example")


def test_unlinking_a_slack_user_keeps_the_account_user(billing):
    from bot.billing.admin import unlink_slack_user

    assert unlink_slack_user(billing.engine, "U0SAM", "T0ACME") == 1
    assert isinstance(billing.status(SAM), Refused)
    emails = [u["email"] for u in account_json(billing.engine, billing.settings, "acme")["users"]]
    assert "sam@acme.example" in emails
    assert ("admin.unlink", "done") in [
        (r["action"], r["outcome"]) for r in audit_rows(billing.engine, "acme")
    ]


# -- 14. imports refuse what they should, and stay idempotent -------------------------------------


def test_an_import_without_a_primary_user_is_refused_and_changes_nothing(billing):
    with pytest.raises(ImportError_, match=r"accounts\.0.*primary"):
        _import(
            billing,
            "accounts:\n  - {id: nobody, name: Nobody Inc, type: merchant,\n"
            "     users: [{email: a@nobody.example}]}\n",
        )
    assert account_json(billing.engine, billing.settings, "nobody") is None


def test_an_import_that_links_a_slack_user_of_another_account_is_refused(billing):
    with pytest.raises(ImportError_, match=r"accounts\.0.*U0PAT.*acme"):
        _import(
            billing,
            "accounts:\n  - {id: thief, name: Thief Co, type: merchant, slack_team_id: T0ACME,\n"
            "     users: [{email: t@thief.example, slack_user_id: U0PAT, primary: true}]}\n",
        )
    assert billing.status(PAT).account_id == "acme"
    assert account_json(billing.engine, billing.settings, "thief") is None


def test_re_importing_a_user_without_the_team_keeps_one_link(billing):
    _import(billing, ACCOUNTS.replace("    slack_team_id: T0ACME\n", "", 1))
    again = _import(billing, ACCOUNTS.replace("    slack_team_id: T0ACME\n", "", 1))
    assert again == {"accounts": 0, "users": 0, "cards": 0, "links": 0}
    emails = [u["email"] for u in account_json(billing.engine, billing.settings, "acme")["users"]]
    assert emails.count("pat@acme.example") == 1
    assert isinstance(billing.status(PAT), AccountStatus)


def test_processing_is_said_when_a_renewal_is_pending(billing):
    """A second look at a pending renewal: status shows it as processing, not as failed."""
    _upgrade(billing)
    billing.gateway.timeouts = ["before"]
    billing.sweep(now=RENEWS + timedelta(minutes=1))
    assert isinstance(billing.status(PAT), AccountStatus)
    assert billing.status(PAT).renewal_pending
    assert not isinstance(billing.status(PAT), Processing)
