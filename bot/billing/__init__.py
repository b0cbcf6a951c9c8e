"""Billing: support tiers, billing access, charges, renewals and cancellation."""

from __future__ import annotations

import os

from bot.billing.gateway import SandboxGateway
from bot.billing.service import BillingService
from bot.config import Settings
from bot.db import make_engine, migrate

# Seconds the sandbox card network takes to answer (0 by default): for drills and fault tests.
SANDBOX_DELAY_ENV = "SUPPORTBOT_SANDBOX_REPLY_DELAY_S"


def open_billing(settings: Settings, url: str | None = None) -> BillingService:
    """The billing service on DATABASE_URL (or `url`), migrated, with the sandbox gateway."""
    engine = make_engine(url)
    migrate(engine)
    delay = float(os.environ.get(SANDBOX_DELAY_ENV) or 0)
    return BillingService(engine, SandboxGateway(engine, reply_delay_s=delay), settings)


__all__ = ["BillingService", "open_billing"]
