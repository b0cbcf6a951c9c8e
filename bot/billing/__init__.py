"""Billing: support tiers, billing access, charges, renewals and cancellation."""

from __future__ import annotations

from bot.billing.gateway import SandboxGateway
from bot.billing.service import BillingService
from bot.billing.store import make_engine, migrate
from bot.config import Settings


def open_billing(settings: Settings, url: str | None = None) -> BillingService:
    """The billing service on DATABASE_URL (or `url`), migrated, with the sandbox gateway."""
    engine = make_engine(url)
    migrate(engine)
    return BillingService(engine, SandboxGateway(engine), settings)
