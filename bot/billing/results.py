"""What billing use cases return: typed outcomes a front end renders, never raises to the user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Actor:
    """Who is acting, and through what.

    A customer is named by their Slack user and team (the Slack layer) or by their account user
    id (the console and tests); an operator is the vendor's staff at the command line, allowed
    to administer any account.
    """

    via: str  # slack | cli | console | scheduler
    slack_user_id: str | None = None
    slack_team_id: str | None = None
    user_id: int | None = None
    operator: bool = False

    @classmethod
    def slack(cls, user: str, team: str | None) -> Actor:
        return cls(via="slack", slack_user_id=user, slack_team_id=team or "")

    @classmethod
    def cli_operator(cls) -> Actor:
        return cls(via="cli", operator=True)

    @classmethod
    def scheduler(cls) -> Actor:
        return cls(via="scheduler", operator=True)


@dataclass(frozen=True)
class Refused:
    """The action was not done; `message` says why and what to do instead."""

    code: str
    message: str


@dataclass(frozen=True)
class CardOnFile:
    brand: str
    last4: str

    @property
    def text(self) -> str:
        return f"{self.brand} ending in {self.last4}"


@dataclass(frozen=True)
class ChargeView:
    amount_cents: int
    currency: str
    status: str
    kind: str
    created_at: datetime


@dataclass(frozen=True)
class AccountStatus:
    account_id: str
    account_name: str
    account_type: str
    tier: str
    tier_name: str
    plan_status: str | None
    started_at: datetime | None
    renews_at: datetime | None  # when auto-renew is on
    ends_at: datetime | None  # when it will not renew
    auto_renew: bool
    card: CardOnFile | None
    phone_support_code: str | None  # only for entitled accounts
    user_email: str
    billing_access: bool
    upgrade_price_cents: int
    currency: str
    charges: tuple[ChargeView, ...] = field(default=())
    renewal_pending: bool = False  # a renewal payment's outcome is not known yet
    # The tier a bare "upgrade" goes to (None on the highest tier); upgrade_price_cents is its
    # price for this account.
    upgrade_tier: str | None = None
    # A scheduled move to a lower paid tier at `renews_at`, with its price then.
    next_tier: str | None = None
    next_tier_name: str | None = None
    next_price_cents: int | None = None
    # The last moment a cancel or downgrade still stops or lowers the coming renewal.
    change_deadline: datetime | None = None


@dataclass(frozen=True)
class Quote:
    id: str
    account_id: str
    tier: str
    tier_name: str
    price_cents: int
    currency: str
    term_months: int
    starts_at: datetime
    renews_at: datetime
    card: CardOnFile
    expires_at: datetime
    terms: str
    # Moving up from a paid tier: its name, and the unused part of its term credited.
    from_tier_name: str | None = None
    credit_cents: int = 0


@dataclass(frozen=True)
class Receipt:
    account_id: str
    tier_name: str
    amount_cents: int
    currency: str
    charged_at: datetime
    renews_at: datetime
    card: CardOnFile
    replayed: bool = False  # True when this confirmation had already been done


@dataclass(frozen=True)
class Processing:
    """The payment's outcome is not known yet; nothing more will be charged for it."""

    message: str


@dataclass(frozen=True)
class Declined:
    message: str


@dataclass(frozen=True)
class Refunded:
    """The charge went through but paid for nothing (the plan stopped renewing): given back."""

    amount_cents: int
    currency: str


@dataclass(frozen=True)
class Cancelled:
    tier_name: str
    ends_at: datetime
    reverts_to: str


@dataclass(frozen=True)
class Resumed:
    tier_name: str
    renews_at: datetime


@dataclass(frozen=True)
class Downgraded:
    """A move to a lower paid tier, taken at the renewal date; nothing is charged now."""

    tier_name: str  # the tier kept until `at`
    to_tier_name: str
    at: datetime
    price_cents: int  # charged at `at` for the lower tier's term
    currency: str
    replayed: bool = False  # it was scheduled already


@dataclass(frozen=True)
class AccessChanged:
    email: str
    billing_access: bool
    changed: bool = True  # False: the user already had (or lacked) it; nothing was written


@dataclass
class SweepReport:
    renewed: int = 0
    renewal_declined: int = 0
    ended: int = 0
    resolved_pending: int = 0
    still_pending: int = 0
    refunded: int = 0
    reminders: int = 0


@dataclass(frozen=True)
class LinkRequested:
    """A link request waits for the account's primary user, who is sent Approve / Deny."""

    request_id: str
    account_name: str
    primary_email: str
    created_at: datetime | None = None
    resent: bool = False  # asked again: the primary user was sent the question once more


@dataclass(frozen=True)
class LinkDecided:
    request_id: str
    approved: bool
    email: str
    account_name: str
    slack_user_id: str
