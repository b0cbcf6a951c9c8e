"""Helpers for billing tests: a service on a fresh database with the demo-style accounts."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.billing import open_billing
from bot.billing.admin import import_accounts
from bot.billing.results import Actor
from bot.billing.service import BillingService
from bot.config import load_settings
from tests.conftest import ROOT

ACCOUNTS = """
accounts:
  - id: acme
    name: Acme Goods
    type: merchant
    slack_team_id: T0ACME
    card: tok_visa
    users:
      - {email: pat@acme.example, slack_user_id: U0PAT, primary: true}
      - {email: sam@acme.example, slack_user_id: U0SAM, billing_access: false}
  - id: depot
    name: Depot Warehouse
    type: warehouse
    slack_team_id: T0DEPOT
    card: tok_visa
    users:
      - {email: dee@depot.example, slack_user_id: U0DEE, primary: true}
  - id: nocard
    name: No Card Co
    type: merchant
    slack_team_id: T0NOCARD
    users:
      - {email: nia@nocard.example, slack_user_id: U0NIA, primary: true}
  - id: broke
    name: Broke Ltd
    type: merchant
    slack_team_id: T0BROKE
    card: tok_chargeDeclined
    users:
      - {email: bo@broke.example, slack_user_id: U0BO, primary: true}
"""

PAT = Actor.slack("U0PAT", "T0ACME")
SAM = Actor.slack("U0SAM", "T0ACME")
DEE = Actor.slack("U0DEE", "T0DEPOT")
NIA = Actor.slack("U0NIA", "T0NOCARD")
BO = Actor.slack("U0BO", "T0BROKE")
STRANGER = Actor.slack("U0WHO", "T0ELSE")
T0 = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)


def billing_service(url: str) -> BillingService:
    service = open_billing(load_settings(ROOT / "app.yaml"), url)
    import_accounts(service.engine, service.settings, service.gateway, ACCOUNTS)
    return service
