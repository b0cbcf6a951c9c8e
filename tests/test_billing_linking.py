"""Linking a Slack user to an account: they ask with their work email, the primary decides."""

from __future__ import annotations

import pytest

from bot.billing.admin import account_json, audit_rows
from bot.billing.linking import Linking
from bot.billing.results import AccountStatus, Actor, LinkDecided, LinkRequested, Refused
from tests.billing_helpers import PAT, SAM, billing_service

NEWBIE = Actor.slack("U0NEW", "T0ACME")


@pytest.fixture
def linking(database_url):
    service = billing_service(database_url)
    yield Linking(service)
    service.engine.dispose()


def test_a_request_goes_to_the_primary_and_approval_links_the_user(linking):
    asked = linking.request(NEWBIE, "Jo@ACME.example")
    assert isinstance(asked, LinkRequested)
    assert asked.account_name == "Acme Goods" and asked.primary_email == "pat@acme.example"
    assert isinstance(linking.billing.status(NEWBIE), Refused)  # not before approval
    decided = linking.decide(PAT, asked.request_id, approve=True)
    assert decided == LinkDecided(asked.request_id, True, "jo@acme.example", "Acme Goods", "U0NEW")
    status = linking.billing.status(NEWBIE)
    assert isinstance(status, AccountStatus) and not status.billing_access
    users = account_json(linking.engine, linking.billing.settings, "acme")["users"]
    assert {
        "email": "jo@acme.example",
        "slack_user_id": "U0NEW",
        "primary": False,
        "billing_access": False,
    } in users
    actions = [(r["action"], r["outcome"]) for r in audit_rows(linking.engine, "acme")]
    assert ("link.request", "pending") in actions and ("link.approve", "done") in actions


def test_only_the_primary_decides_and_only_once(linking):
    asked = linking.request(NEWBIE, "jo@acme.example")
    assert linking.decide(SAM, asked.request_id, approve=True).code == "not_primary"
    assert isinstance(linking.decide(PAT, asked.request_id, approve=False), LinkDecided)
    assert linking.decide(PAT, asked.request_id, approve=True).code == "already_decided"
    assert isinstance(linking.billing.status(NEWBIE), Refused)


@pytest.mark.parametrize(
    ("actor", "email", "code"),
    [
        (PAT, "pat@acme.example", "already_linked"),
        (NEWBIE, "not an email", "bad_email"),
        (NEWBIE, "jo@unknown.example", "no_account"),
    ],
)
def test_requests_that_cannot_be_made(linking, actor, email, code):
    assert linking.request(actor, email).code == code


def test_one_pending_request_per_slack_user(linking):
    assert isinstance(linking.request(NEWBIE, "jo@acme.example"), LinkRequested)
    assert linking.request(NEWBIE, "jo@acme.example").code == "pending"
