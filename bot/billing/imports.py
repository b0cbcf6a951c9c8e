"""`supportbot admin import`: accounts, users, Slack links and cards from YAML.

The card on file depends on the gateway: with the sandbox it is the `card:` token; with Stripe
it is the default payment method of the account's `stripe_customer:`, read from Stripe when the
file is imported (and refreshed by Stripe's webhooks later). `stripe_customer` is stored with
either gateway, so accounts can be prepared before a deployment switches to Stripe; a file that
leaves it out keeps the one stored.

The import is idempotent (run it twice, nothing changes the second time) and all-or-nothing: a
file with one bad entry changes nothing and says which entry is wrong. It refuses what would
hand someone else's access away: an account left without a primary user, a Slack user already
linked to another account. A new primary demotes the old one without billing access unless the
file grants it.
"""

from __future__ import annotations

import secrets

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import select, update
from sqlalchemy.engine import Engine

from bot.billing.context import audit
from bot.billing.gateway import Card, GatewayTimeout, PaymentGateway
from bot.billing.results import Actor
from bot.config import Settings
from bot.db import now_utc
from bot.db.billing import accounts, payment_methods, slack_links, users
from bot.validation import problems


class AdminError(ValueError):
    """An operator's request can't be done; the message says which entry and why."""


class ImportError_(AdminError):
    """The import file is wrong; the message names the entry."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UserIn(_Strict):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    slack_user_id: str | None = Field(default=None, pattern=r"^[UW][A-Z0-9]{2,}$")
    primary: bool = False
    billing_access: bool | None = None

    @field_validator("email")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()


class AccountIn(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")
    name: str = Field(min_length=1, max_length=200)
    type: str
    slack_team_id: str | None = Field(default=None, pattern=r"^[TE][A-Z0-9]{2,}$")
    card: str | None = None
    stripe_customer: str | None = Field(default=None, pattern=r"^cus_[A-Za-z0-9]{1,60}$")
    users: list[UserIn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_primary(self) -> AccountIn:
        primaries = [u.email for u in self.users if u.primary]
        if len(primaries) > 1:
            raise ValueError(f"more than one primary user: {primaries}")
        emails = [u.email for u in self.users]
        if len(emails) != len(set(emails)):
            raise ValueError("a user's email appears twice")
        return self


class ImportFile(_Strict):
    accounts: list[AccountIn]


def parse_import(text: str, settings: Settings, gateway: PaymentGateway) -> ImportFile:
    return _parse(text, settings, gateway)[0]


def _parse(
    text: str, settings: Settings, gateway: PaymentGateway
) -> tuple[ImportFile, dict[str, tuple[str, Card]]]:
    """The checked file and each account's card (token and what the gateway says it is), asked
    of the gateway before anything is written: all or nothing, network included."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ImportError_(f"not valid YAML: {exc}") from None
    try:
        parsed = ImportFile.model_validate(data)
    except ValidationError as exc:
        raise ImportError_("; ".join(problems(exc))) from None
    cards: dict[str, tuple[str, Card]] = {}
    for n, account in enumerate(parsed.accounts):
        if account.type not in settings.account_types:
            raise ImportError_(
                f"accounts.{n}.type: {account.type!r} is not one of "
                f"{sorted(settings.account_types)}"
            )
        found = _card(n, account, gateway)
        if found is not None:
            cards[account.id] = found
    return parsed, cards


def _card(n: int, account: AccountIn, gateway: PaymentGateway) -> tuple[str, Card] | None:
    """The account's card token for this gateway and the card behind it."""
    field, token = "card", account.card
    if gateway.name == "stripe":
        if account.card and not account.stripe_customer:
            raise ImportError_(
                f"accounts.{n}.card: with the Stripe gateway the card on file is the Stripe "
                "customer's default payment method: give stripe_customer: cus_… instead"
            )
        field, token = "stripe_customer", account.stripe_customer
    if not token:
        return None
    try:
        card = gateway.describe(token)
    except GatewayTimeout:
        raise ImportError_(
            f"accounts.{n}.{field}: the payment gateway did not answer; nothing was imported, "
            "try again"
        ) from None
    if card is None:
        raise ImportError_(
            f"accounts.{n}.{field}: the payment gateway does not know {token!r}"
            + (" or it has no default card" if field == "stripe_customer" else "")
        )
    return token, card


def import_accounts(
    engine: Engine, settings: Settings, gateway: PaymentGateway, text: str
) -> dict[str, int]:
    """Create or update accounts, users, Slack links and cards; returns counts of changes.

    All or nothing: an entry that would leave an account without a primary user, or link a
    Slack user who belongs to another account, refuses the whole file with its position.
    """
    data, cards = _parse(text, settings, gateway)
    counts = {"accounts": 0, "users": 0, "cards": 0, "links": 0}
    now = now_utc()
    actor = Actor.cli_operator()
    with engine.begin() as tx:
        _refuse_conflicts(tx, data)
        _refuse_shared_customers(tx, data)
        for item in data.accounts:
            before = sum(counts.values())
            existing = tx.execute(select(accounts).where(accounts.c.id == item.id)).first()
            fields = {"name": item.name, "type": item.type, "slack_team_id": item.slack_team_id}
            if item.stripe_customer:
                fields["stripe_customer_id"] = item.stripe_customer
            if existing is None:
                tx.execute(
                    accounts.insert().values(
                        id=item.id,
                        created_at=now,
                        phone_support_code=f"{secrets.randbelow(10**6):06d}",
                        **fields,
                    )
                )
                counts["accounts"] += 1
            elif any(getattr(existing, k) != v for k, v in fields.items()):
                tx.execute(update(accounts).where(accounts.c.id == item.id).values(**fields))
                counts["accounts"] += 1
            if item.id in cards:
                counts["cards"] += put_card(tx, item.id, *cards[item.id], now)
            counts["users"] += _hand_over_primary(tx, item)
            for person in item.users:
                user_id, changed = _put_user(tx, item.id, person, now)
                counts["users"] += changed
                if person.slack_user_id:
                    counts["links"] += _put_link(
                        tx, person.slack_user_id, item.slack_team_id or "", user_id, now
                    )
            if sum(counts.values()) > before:
                audit(
                    tx,
                    actor,
                    "admin.import",
                    "applied",
                    item.id,
                    after=item.model_dump(exclude={"card"}),
                )
    return counts


def put_card(tx, account_id: str, token: str, card: Card, now) -> int:
    """The account's card on file is `card` behind `token`; 1 if that changed anything (a new
    token, or the same Stripe customer with another default card)."""
    row = tx.execute(
        select(payment_methods).where(payment_methods.c.account_id == account_id)
    ).first()
    values = {"token": token, "brand": card.brand, "last4": card.last4, "updated_at": now}
    if row is None:
        tx.execute(payment_methods.insert().values(account_id=account_id, **values))
        return 1
    if (row.token, row.brand, row.last4) != (token, card.brand, card.last4):
        tx.execute(
            update(payment_methods)
            .where(payment_methods.c.account_id == account_id)
            .values(**values)
        )
        return 1
    return 0


def _put_user(tx, account_id: str, person: UserIn, now) -> tuple[int, int]:
    access = True if person.primary else bool(person.billing_access)
    row = tx.execute(
        select(users).where(users.c.account_id == account_id, users.c.email == person.email)
    ).first()
    if row is None:
        user_id = tx.execute(
            users.insert().values(
                account_id=account_id,
                email=person.email,
                is_primary=person.primary,
                billing_access=access,
                created_at=now,
            )
        ).inserted_primary_key[0]
        return user_id, 1
    wanted = {
        "is_primary": person.primary or row.is_primary,
        "billing_access": access
        if person.billing_access is not None or person.primary
        else row.billing_access,
        "removed_at": None,  # named in the file again: a removed user is back
    }
    if any(getattr(row, k) != v for k, v in wanted.items()):
        tx.execute(update(users).where(users.c.id == row.id).values(**wanted))
        return row.id, 1
    return row.id, 0


def _refuse_conflicts(tx, data: ImportFile) -> None:
    """Refuse, before anything is written, a file that would leave an account without a primary
    user or take a Slack user away from another account."""
    claimed: dict[tuple[str, str], str] = {}
    for n, item in enumerate(data.accounts):
        has_primary = any(u.primary for u in item.users) or tx.execute(
            select(users.c.id).where(
                users.c.account_id == item.id, users.c.is_primary, users.c.removed_at.is_(None)
            )
        ).first()
        if not has_primary:
            raise ImportError_(
                f"accounts.{n} ({item.id}): no primary user; mark one user `primary: true`"
            )
        for m, person in enumerate(item.users):
            if not person.slack_user_id:
                continue
            key = (person.slack_user_id, item.slack_team_id or "")
            where = f"accounts.{n}.users.{m}: Slack user {key[0]}" + (
                f" (team {key[1]})" if key[1] else ""
            )
            other = claimed.setdefault(key, item.id)
            if other != item.id:
                raise ImportError_(f"{where} is listed for both {other} and {item.id}")
            owner = tx.execute(
                select(users.c.account_id)
                .join(slack_links, slack_links.c.user_id == users.c.id)
                .where(
                    slack_links.c.slack_user_id == key[0], slack_links.c.slack_team_id == key[1]
                )
            ).first()
            if owner is not None and owner.account_id != item.id:
                raise ImportError_(
                    f"{where} is already linked to account {owner.account_id}; "
                    f"unlink them there first (supportbot admin unlink {key[0]})"
                )


def _refuse_shared_customers(tx, data: ImportFile) -> None:
    """One Stripe customer pays for one account: Stripe's webhooks name the account by it, and
    a customer shared would charge one account's card for another's plan."""
    claimed: dict[str, str] = {}
    for n, item in enumerate(data.accounts):
        if not item.stripe_customer:
            continue
        where = f"accounts.{n}.stripe_customer: {item.stripe_customer}"
        other = claimed.setdefault(item.stripe_customer, item.id)
        if other != item.id:
            raise ImportError_(f"{where} is listed for both {other} and {item.id}")
        owner = tx.execute(
            select(accounts.c.id).where(
                accounts.c.stripe_customer_id == item.stripe_customer, accounts.c.id != item.id
            )
        ).first()
        if owner is not None:
            raise ImportError_(f"{where} already pays for account {owner.id}")


def _hand_over_primary(tx, item: AccountIn) -> int:
    """A file naming a new primary demotes the old one; the demoted user keeps billing access
    only when the file grants it, since it came with the role."""
    new_primary = next((u.email for u in item.users if u.primary), None)
    if new_primary is None:
        return 0
    listed = {u.email: u for u in item.users}
    old = tx.execute(
        select(users).where(
            users.c.account_id == item.id, users.c.is_primary, users.c.email != new_primary
        )
    ).all()
    for row in old:
        granted = listed.get(row.email)
        access = bool(granted and granted.billing_access)
        tx.execute(
            update(users)
            .where(users.c.id == row.id)
            .values(is_primary=False, billing_access=access)
        )
    return len(old)


def _put_link(tx, slack_user: str, team: str, user_id: int, now) -> int:
    """The user's link for this Slack user: one row, whatever team a re-import names (a file
    without `slack_team_id` moves it to any team instead of adding a second)."""
    row = tx.execute(
        select(slack_links).where(
            slack_links.c.slack_user_id == slack_user, slack_links.c.slack_team_id == team
        )
    ).first()
    mine = tx.execute(
        select(slack_links).where(
            slack_links.c.slack_user_id == slack_user, slack_links.c.user_id == user_id
        )
    ).first()
    if row is None and mine is not None:
        tx.execute(
            update(slack_links)
            .where(
                slack_links.c.slack_user_id == slack_user,
                slack_links.c.slack_team_id == mine.slack_team_id,
            )
            .values(slack_team_id=team)
        )
        return 1
    if row is None:
        tx.execute(
            slack_links.insert().values(
                slack_user_id=slack_user, slack_team_id=team, user_id=user_id, created_at=now
            )
        )
        return 1
    if row.user_id != user_id:
        tx.execute(
            update(slack_links)
            .where(slack_links.c.slack_user_id == slack_user, slack_links.c.slack_team_id == team)
            .values(user_id=user_id)
        )
        return 1
    return 0
