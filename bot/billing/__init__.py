"""Billing: support tiers, billing access, charges, renewals and cancellation."""

from __future__ import annotations

import os

from sqlalchemy.engine import Engine

from bot.billing.gateway import PaymentGateway, SandboxGateway
from bot.billing.service import BillingService
from bot.config import ConfigError, Settings
from bot.db import make_engine, migrate

# Seconds the sandbox card network takes to answer (0 by default): for drills and fault tests.
SANDBOX_DELAY_ENV = "SUPPORTBOT_SANDBOX_REPLY_DELAY_S"
STRIPE_SECRET_KEY_ENV = "STRIPE_SECRET_KEY"
# Where Stripe's API is (default: Stripe itself): a local stand-in or stripe-mock in drills.
STRIPE_API_BASE_ENV = "STRIPE_API_BASE"


def open_billing(settings: Settings, url: str | None = None) -> BillingService:
    """The billing service on DATABASE_URL (or `url`), migrated, with the gateway app.yaml
    names (`billing.gateway`: the sandbox unless it says stripe)."""
    engine = make_engine(url)
    migrate(engine)
    return BillingService(engine, open_gateway(settings, engine), settings)


def open_gateway(settings: Settings, engine: Engine) -> PaymentGateway:
    if settings.billing.gateway == "stripe":
        from bot.billing.stripe_gateway import StripeGateway

        key = os.environ.get(STRIPE_SECRET_KEY_ENV, "").strip()
        if not key:  # app.yaml's check already said so; settings built in code skip it
            raise ConfigError(f"billing.gateway is stripe but {STRIPE_SECRET_KEY_ENV} is not set")
        api_base = os.environ.get(STRIPE_API_BASE_ENV) or None
        return StripeGateway(key, settings.billing.currency, engine, api_base=api_base)
    delay = float(os.environ.get(SANDBOX_DELAY_ENV) or 0)
    return SandboxGateway(engine, reply_delay_s=delay)


__all__ = ["BillingService", "open_billing", "open_gateway"]
