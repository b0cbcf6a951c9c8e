"""Billing use cases: status, quote, confirm, cancel, resume, grant, revoke, sweep.

Every use case takes the acting user and checks, on every call, that the user is linked to the
account and may do what they ask, so no entry point (Slack, console, CLI) can skip it. Every
change and every refusal writes an audit row.

Money moves in three steps: (1) in one transaction the plan slot is reserved and the charge is
recorded as pending with its idempotency key; (2) the gateway is called with that key; (3) in a
second transaction the outcome is applied with conditional updates. A crash or timeout between
them leaves a pending charge that `sweep` settles by asking the gateway again with the same key,
which never charges twice.
"""

from __future__ import annotations

import json
import logging
import random
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, or_, select, update
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from sqlalchemy.sql import FromClause, Select

from bot import metrics
from bot.billing import model
from bot.billing.gateway import ChargeResult, GatewayTimeout, Outcome, PaymentGateway
from bot.billing.model import ChargeStatus, PlanStatus
from bot.billing.results import (
    AccessChanged,
    AccountStatus,
    Actor,
    Cancelled,
    CardOnFile,
    ChargeView,
    Declined,
    Processing,
    Quote,
    Receipt,
    Refunded,
    Refused,
    Resumed,
    SweepReport,
)
from bot.billing.store import (
    accounts,
    audit_log,
    charges,
    now_utc,
    outbox,
    payment_methods,
    quotes,
    reading,
    slack_links,
    subscriptions,
    users,
)
from bot.config import Settings
from bot.money import format_cents

log = logging.getLogger(__name__)

# The database could not be reached (down, restarting, network): the errors worth a retry later.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_EVERY = timedelta(days=1)
# Renewals a sweep runs at once on PostgreSQL (SQLite has one writer: one at a time there).
SWEEP_WORKERS = 4
PENDING_SETTLE_AFTER = timedelta(seconds=30)
PROCESSING = (
    "Your payment is processing: the payment service has not confirmed it yet. "
    "Nothing more will be charged; I'll let you know when it completes."
)
RENEWAL_PROCESSING = (
    "A renewal payment is being processed for this plan right now, so I can't cancel it this "
    "minute. Please try again in a few minutes; if that payment goes through, cancelling then "
    "stops every later renewal."
)


# Refusals that a concurrent confirmation of the same quote can cause.
_MAYBE_OURS = frozenset({"already_premium", "upgrade_in_progress", "quote_used"})


def _epoch(at: datetime) -> int:
    return int(at.timestamp())


def _renewal_period(charge: Row, plan: Row) -> tuple[datetime, datetime]:
    """The period a renewal charge pays for. Charges recorded before periods were stored name
    the period's start in their key: renewal:<plan>:<epoch>[:retry<n>]."""
    if charge.period_start is not None:
        return charge.period_start, charge.period_end
    start = datetime.fromtimestamp(int(charge.idempotency_key.split(":")[2]), UTC)
    return start, model.add_months(start, plan.term_months)


def _account_view(by_slack: bool) -> Select:
    """One statement for everything `status` shows: the user, their account, its live plan and
    card. Status is the hot path (every `/support-tier` and App Home), so it is one round trip
    built once, not five queries built per call."""
    live = [s.value for s in model.LIVE]
    joined = (
        users.join(accounts, accounts.c.id == users.c.account_id)
        .outerjoin(
            subscriptions,
            and_(subscriptions.c.account_id == accounts.c.id, subscriptions.c.status.in_(live)),
        )
        .outerjoin(payment_methods, payment_methods.c.account_id == accounts.c.id)
    )
    statement = select(
        users.c.email,
        users.c.is_primary,
        users.c.billing_access,
        accounts.c.id.label("account_id"),
        accounts.c.name.label("account_name"),
        accounts.c.type.label("account_type"),
        accounts.c.phone_support_code,
        subscriptions.c.status.label("plan_status"),
        subscriptions.c.started_at,
        subscriptions.c.period_end,
        subscriptions.c.auto_renew,
        payment_methods.c.brand,
        payment_methods.c.last4,
    )
    if not by_slack:
        return statement.select_from(joined).where(users.c.id == bindparam("user_id"))
    return _linked_to_slack_user(statement, joined)


def _linked_to_slack_user(statement: Select, joined: FromClause) -> Select:
    """`statement` for the user a Slack user is linked to: a link made for their Slack team wins
    over one made for any team (""). Binds `slack_user` and `slack_team` (see `_slack_params`)."""
    return (
        statement.select_from(joined.join(slack_links, slack_links.c.user_id == users.c.id))
        .where(
            slack_links.c.slack_user_id == bindparam("slack_user"),
            or_(
                slack_links.c.slack_team_id == bindparam("slack_team"),
                slack_links.c.slack_team_id == "",
            ),
        )
        .order_by(slack_links.c.slack_team_id.desc())
        .limit(1)
    )


def _slack_params(actor: Actor) -> dict[str, str]:
    return {"slack_user": actor.slack_user_id or "", "slack_team": actor.slack_team_id or ""}


_VIEW_BY_USER = _account_view(by_slack=False)
_VIEW_BY_SLACK = _account_view(by_slack=True)
_USER_BY_SLACK = _linked_to_slack_user(select(users), users)
_RECENT_CHARGES = (
    select(charges)
    .where(charges.c.account_id == bindparam("account_id"))
    .order_by(charges.c.id.desc())
    .limit(10)
)


@dataclass(frozen=True)
class Who:
    """The acting user resolved against the database."""

    user: Row
    account: Row


class BillingService:
    """The billing use cases over one database, one gateway and one app.yaml."""

    def __init__(self, engine: Engine, gateway: PaymentGateway, settings: Settings) -> None:
        self.engine = engine
        self.gateway = gateway
        self.settings = settings
        self.tier = settings.upgrade_tier
        self.free_tier = settings.default_tier

    # -- identity and authorization -------------------------------------------------------------

    def resolve_actor(self, tx: Connection, actor: Actor) -> Who | Refused:
        user = None
        if actor.user_id is not None:
            user = tx.execute(select(users).where(users.c.id == actor.user_id)).first()
        elif actor.slack_user_id:
            user = tx.execute(_USER_BY_SLACK, _slack_params(actor)).first()
        if user is None:
            return self._not_linked()
        account = tx.execute(select(accounts).where(accounts.c.id == user.account_id)).one()
        return Who(user, account)

    def _not_linked(self) -> Refused:
        return Refused(
            "not_linked",
            "Your Slack user isn't linked to a customer account yet, so I can't show or change "
            "billing. Send me `link you@yourcompany.com` (your work email) and I'll ask your "
            "account's primary user to approve, or contact "
            f"{self.settings.contact.email}.",
        )

    def _primary_email(self, tx: Connection, account_id: str) -> str | None:
        row = tx.execute(
            select(users.c.email).where(users.c.account_id == account_id, users.c.is_primary)
        ).first()
        return row.email if row else None

    def _require_billing(self, tx: Connection, who: Who) -> Refused | None:
        if who.user.billing_access or who.user.is_primary:
            return None
        primary = self._primary_email(tx, who.account.id)
        by = (
            f"your account's primary user ({primary})" if primary else "your account's primary user"
        )
        return Refused(
            "no_billing_access",
            f"You don't have billing access on {who.account.name}. Only users with billing access "
            f"can change the support tier; {by} always has it and can grant it to you.",
        )

    def _authorize(
        self, actor: Actor, action: str, billing: bool = True
    ) -> tuple[Who, None] | tuple[None, Refused]:
        """Resolve and check the actor in a short transaction, auditing a refusal."""
        with reading(self.engine) as tx:
            who = self.resolve_actor(tx, actor)
            refusal = (
                who
                if isinstance(who, Refused)
                else (self._require_billing(tx, who) if billing else None)
            )
        if refusal is not None:
            account_id = None if isinstance(who, Refused) else who.account.id
            user_id = None if isinstance(who, Refused) else who.user.id
            self.audit_refusal(actor, action, refusal, account_id, user_id)
            return None, refusal
        return who, None

    # -- audit and outbox -------------------------------------------------------------------------

    @staticmethod
    def audit(
        tx: Connection,
        actor: Actor,
        action: str,
        outcome: str,
        account_id: str | None,
        user_id: int | None = None,
        before: Any = None,
        after: Any = None,
    ) -> None:
        tx.execute(
            audit_log.insert().values(
                at=now_utc(),
                account_id=account_id,
                user_id=user_id if user_id is not None else actor.user_id,
                slack_user_id=actor.slack_user_id,
                slack_team_id=actor.slack_team_id,
                via=actor.via,
                action=action,
                before=None if before is None else json.dumps(before, default=str, sort_keys=True),
                after=None if after is None else json.dumps(after, default=str, sort_keys=True),
                outcome=outcome[:200],
            )
        )

    def audit_refusal(
        self,
        actor: Actor,
        action: str,
        refusal: Refused,
        account_id: str | None,
        user_id: int | None,
    ) -> None:
        with self.engine.begin() as tx:
            self.audit(tx, actor, action, f"refused: {refusal.code}", account_id, user_id)

    @staticmethod
    def notify(
        tx: Connection,
        account_id: str,
        kind: str,
        dedupe_key: str,
        payload: dict,
        recipient: tuple[str, str] | None = None,
    ) -> None:
        """Queue a notice in the same transaction as the change it reports: it is sent once
        that commits, to `recipient` (Slack user and team) or else the account's billing users."""
        tx.execute(
            outbox.insert().values(
                account_id=account_id,
                kind=kind,
                dedupe_key=dedupe_key,
                payload=json.dumps(payload, default=str, sort_keys=True),
                created_at=now_utc(),
                recipient=recipient[0] if recipient else None,
                recipient_team=recipient[1] if recipient else None,
            )
        )

    def _send_receipt(
        self, tx: Connection, charge: Row, tier: str, renews_at: datetime, renewal: bool
    ) -> None:
        """Queue the receipt for the account's billing users, once per charge."""
        self.notify(
            tx,
            charge.account_id,
            "receipt",
            f"receipt:{charge.idempotency_key}",
            {
                "amount_cents": charge.amount_cents,
                "currency": charge.currency,
                "tier": tier,
                "renews_at": renews_at,
                "renewal": renewal,
            },
        )

    @staticmethod
    def _record_pending(
        tx: Connection,
        plan_id: int,
        key: str,
        kind: str,
        amount: tuple[int, str],
        card: Row,
        now: datetime,
        period: tuple[datetime, datetime] | None = None,
    ) -> Row:
        """Write down a charge attempt before the gateway is called; its key is unique, so a
        second attempt at the same charge fails here instead of at the card."""
        tx.execute(
            charges.insert().values(
                account_id=card.account_id,
                subscription_id=plan_id,
                idempotency_key=key,
                kind=kind,
                amount_cents=amount[0],
                currency=amount[1],
                token=card.token,
                status=ChargeStatus.PENDING.value,
                created_at=now,
                updated_at=now,
                period_start=period[0] if period else None,
                period_end=period[1] if period else None,
            )
        )
        return tx.execute(select(charges).where(charges.c.idempotency_key == key)).one()

    # -- reading state ----------------------------------------------------------------------------

    @staticmethod
    def live_plan(tx: Connection, account_id: str) -> Row | None:
        return tx.execute(
            select(subscriptions).where(
                subscriptions.c.account_id == account_id,
                subscriptions.c.status.in_([s.value for s in model.LIVE]),
            )
        ).first()

    @staticmethod
    def _card(tx: Connection, account_id: str) -> Row | None:
        return tx.execute(
            select(payment_methods).where(payment_methods.c.account_id == account_id)
        ).first()

    @staticmethod
    def _plan_of(row: Row) -> model.Plan:
        return model.Plan(
            PlanStatus(row.status), row.period_end, row.auto_renew, row.past_due_since
        )

    def _price(self, account_type: str) -> int:
        return self.settings.price_cents(self.tier, account_type)

    @property
    def _tier_name(self) -> str:
        return self.settings.tiers[self.tier].name

    @property
    def _term_months(self) -> int:
        return self.settings.tiers[self.tier].term_months

    # -- use cases --------------------------------------------------------------------------------

    def status(self, actor: Actor, audit_refusal: bool = True) -> AccountStatus | Refused:
        """The account's tier and plan, for any user linked to it (a refusal is audited unless
        the caller is only looking, e.g. to personalise an answer)."""
        with reading(self.engine) as tx:  # one read for the whole view
            if actor.user_id is not None:
                view = tx.execute(_VIEW_BY_USER, {"user_id": actor.user_id}).first()
            elif actor.slack_user_id:
                view = tx.execute(_VIEW_BY_SLACK, _slack_params(actor)).first()
            else:
                view = None
            history = (
                tx.execute(_RECENT_CHARGES, {"account_id": view.account_id}).all() if view else []
            )
        if view is None:
            refused = self._not_linked()
            if audit_refusal:
                self.audit_refusal(actor, "status", refused, None, None)
            return refused
        entitled = view.plan_status is not None and PlanStatus(view.plan_status) in model.ENTITLED
        tier = self.tier if entitled else self.free_tier
        return AccountStatus(
            account_id=view.account_id,
            account_name=view.account_name,
            account_type=view.account_type,
            tier=tier,
            tier_name=self.settings.tiers[tier].name,
            plan_status=view.plan_status,
            started_at=view.started_at if entitled else None,
            renews_at=view.period_end if entitled and view.auto_renew else None,
            ends_at=view.period_end if entitled and not view.auto_renew else None,
            auto_renew=bool(entitled and view.auto_renew),
            card=CardOnFile(view.brand, view.last4) if view.brand else None,
            phone_support_code=view.phone_support_code if entitled else None,
            user_email=view.email,
            billing_access=bool(view.billing_access or view.is_primary),
            upgrade_price_cents=self._price(view.account_type),
            currency=self.settings.billing.currency,
            charges=tuple(
                ChargeView(c.amount_cents, c.currency, c.status, c.kind, c.created_at)
                for c in history
            ),
            renewal_pending=any(c.status == "pending" and c.kind == "renewal" for c in history),
        )

    def quote_upgrade(self, actor: Actor, now: datetime | None = None) -> Quote | Refused:
        """Price, term, renewal date and card for an upgrade; bound to this user and price."""
        now = now or now_utc()
        who, refusal = self._authorize(actor, "upgrade.quote")
        if refusal:
            return refusal
        with self.engine.begin() as tx:
            refusal = self._upgrade_blocked(tx, who)
            if refusal is None:
                card = self._card(tx, who.account.id)
                price = self._price(who.account.type)
                quote_id = f"q_{uuid.uuid4().hex}"
                expires = now + timedelta(minutes=self.settings.billing.quote_ttl_minutes)
                tx.execute(
                    quotes.insert().values(
                        id=quote_id,
                        account_id=who.account.id,
                        user_id=who.user.id,
                        tier=self.tier,
                        price_cents=price,
                        currency=self.settings.billing.currency,
                        term_months=self._term_months,
                        status="open",
                        created_at=now,
                        expires_at=expires,
                    )
                )
                self.audit(
                    tx,
                    actor,
                    "upgrade.quote",
                    "quoted",
                    who.account.id,
                    who.user.id,
                    after={"quote": quote_id, "price_cents": price},
                )
        if refusal is not None:
            self.audit_refusal(actor, "upgrade.quote", refusal, who.account.id, who.user.id)
            return refusal
        renews = model.add_months(now, self._term_months)
        return Quote(
            id=quote_id,
            account_id=who.account.id,
            tier=self.tier,
            tier_name=self._tier_name,
            price_cents=price,
            currency=self.settings.billing.currency,
            term_months=self._term_months,
            starts_at=now,
            renews_at=renews,
            card=CardOnFile(card.brand, card.last4),
            expires_at=expires,
            terms=self.terms_text(price, renews),
        )

    def terms_text(self, price_cents: int, renews_at: datetime) -> str:
        months = self._term_months
        renews_at = renews_at.astimezone(self.settings.timezone)
        term = f"{months // 12}-year" if months % 12 == 0 else f"{months}-month"
        amount = format_cents(price_cents, self.settings.billing.currency)
        return (
            f"{term} contract, {amount} paid up front, starts now, renews every "
            f"{'year' if months == 12 else f'{months} months'} on {renews_at:%B} {renews_at.day} "
            "unless cancelled. Cancel any time: Premium stays until the renewal date and nothing "
            "more is charged."
        )

    def _upgrade_blocked(self, tx: Connection, who: Who) -> Refused | None:
        plan = self.live_plan(tx, who.account.id)
        if plan is not None:
            if PlanStatus(plan.status) is PlanStatus.INCOMPLETE:
                return Refused(
                    "upgrade_in_progress", "An upgrade for this account is already being processed."
                )
            return Refused(
                "already_premium",
                f"{who.account.name} is already on {self._tier_name}"
                + (" (cancelled: use resume to keep it)." if not plan.auto_renew else "."),
            )
        if self._card(tx, who.account.id) is None:
            where = self.settings.contact.billing_location or "your account's billing settings"
            return Refused(
                "no_card",
                f"A credit card must be on file to subscribe. Add one in {where}, then try again.",
            )
        return None

    def confirm(
        self, actor: Actor, quote_id: str, now: datetime | None = None
    ) -> Receipt | Processing | Declined | Refused:
        """Charge a quote once, however often it is confirmed, and start the plan."""
        now = now or now_utc()
        who, refusal = self._authorize(actor, "upgrade.confirm")
        if refusal:
            return refusal
        key = f"quote:{quote_id}"
        try:
            with self.engine.begin() as tx:
                staged = self._stage_upgrade(tx, actor, who, quote_id, key, now)
        except IntegrityError:
            # A concurrent confirmation reserved the plan or the charge key first.
            staged = self._replay(who, key) or Refused(
                "already_premium", f"{who.account.name} is already on {self._tier_name}."
            )
        if isinstance(staged, Refused) and staged.code in _MAYBE_OURS:
            # Another click on this same quote may have got there between our reads.
            staged = self._replay(who, key) or staged
        if isinstance(staged, Refused):
            self.audit_refusal(actor, "upgrade.confirm", staged, who.account.id, who.user.id)
            return staged
        if not isinstance(staged, Row):
            return staged  # a replay's outcome
        return self._charge(staged, actor, now)

    def _stage_upgrade(
        self, tx, actor, who, quote_id, key, now
    ) -> Row | Receipt | Processing | Declined | Refused:
        quote = tx.execute(select(quotes).where(quotes.c.id == quote_id)).first()
        if quote is None or quote.account_id != who.account.id:
            return Refused("unknown_quote", "That upgrade offer isn't valid. Ask for a new quote.")
        if quote.user_id != who.user.id:
            return Refused(
                "not_your_quote", "This upgrade offer was made to someone else; ask for your own."
            )
        replay = self._replay_in(tx, key)
        if replay is not None:
            return replay
        if quote.status != "open":
            return Refused(
                "quote_used", "This upgrade offer was already used. Ask for a new quote."
            )
        if quote.expires_at <= now:
            return Refused("quote_expired", "This upgrade offer has expired. Ask for a new quote.")
        refusal = self._upgrade_blocked(tx, who)
        if refusal is not None:
            return refusal
        card = self._card(tx, who.account.id)
        plan_id = tx.execute(
            subscriptions.insert().values(
                account_id=who.account.id,
                tier=quote.tier,
                status=PlanStatus.INCOMPLETE.value,
                price_cents=quote.price_cents,
                currency=quote.currency,
                term_months=quote.term_months,
                quote_id=quote.id,
                auto_renew=True,
                created_at=now,
                version=1,
            )
        ).inserted_primary_key[0]
        charge = self._record_pending(
            tx, plan_id, key, "subscribe", (quote.price_cents, quote.currency), card, now
        )
        self.audit(
            tx,
            actor,
            "upgrade.confirm",
            "charging",
            who.account.id,
            who.user.id,
            before={"tier": self.free_tier},
            after={"quote": quote.id, "key": key},
        )
        return charge

    def _replay(self, who: Who, key: str) -> Receipt | Processing | Declined | None:
        with reading(self.engine) as tx:
            return self._replay_in(tx, key)

    def _replay_in(self, tx: Connection, key: str) -> Receipt | Processing | Declined | None:
        """The outcome of a charge already made with this key, if any."""
        charge = tx.execute(select(charges).where(charges.c.idempotency_key == key)).first()
        if charge is None:
            return None
        if charge.status == ChargeStatus.PENDING:
            return Processing(PROCESSING)
        if charge.status == ChargeStatus.FAILED:
            return Declined(self._declined_text(charge.failure))
        if charge.refund_status:
            return Refunded(charge.amount_cents, charge.currency)
        return self._receipt(tx, charge, replayed=True)

    def _receipt(self, tx: Connection, charge: Row, replayed: bool = False) -> Receipt:
        plan = tx.execute(
            select(subscriptions).where(subscriptions.c.id == charge.subscription_id)
        ).one()
        card = self._card(tx, charge.account_id)
        return Receipt(
            account_id=charge.account_id,
            tier_name=self._tier_name,
            amount_cents=charge.amount_cents,
            currency=charge.currency,
            charged_at=charge.updated_at,
            renews_at=plan.period_end,
            card=CardOnFile(card.brand, card.last4) if card else CardOnFile("card", "????"),
            replayed=replayed,
        )

    def _declined_text(self, reason: str | None) -> str:
        where = self.settings.contact.billing_location or "your billing settings"
        reason = (reason or "the card was refused.").rstrip(".")
        return f"The payment was declined: {reason}. Update the card in {where} and try again."

    def _charge(self, charge: Row, actor: Actor, now: datetime) -> Receipt | Processing | Declined:
        """Call the gateway for a recorded pending charge, then apply the outcome.

        Past the gateway call, money may have moved: if the database is lost before the outcome
        is written, the charge stays pending and the caller hears "processing", never "nothing
        changed"; the sweep asks the gateway again with the same key and settles it once.
        """
        try:
            result = self.gateway.charge(charge.token, charge.amount_cents, charge.idempotency_key)
        except GatewayTimeout:
            try:
                with self.engine.begin() as tx:
                    self.audit(
                        tx,
                        actor,
                        "charge",
                        "unknown outcome: pending",
                        charge.account_id,
                        after={"key": charge.idempotency_key},
                    )
            except DATABASE_UNAVAILABLE:
                log.warning("could not audit pending charge %s", charge.idempotency_key)
            metrics.charged("processing")
            return Processing(PROCESSING)
        try:
            settled = self._settle(charge, result, actor, now)
        except DATABASE_UNAVAILABLE:
            log.exception("charge %s done but not recorded: the sweep will settle it", charge.id)
            metrics.charged("processing")
            return Processing(PROCESSING)
        metrics.charged(result.outcome.value)
        return settled

    def _settle(
        self, charge: Row, result: ChargeResult, actor: Actor, now: datetime
    ) -> Receipt | Processing | Declined:
        """Apply a gateway outcome to a pending charge and its plan (once, conditionally)."""
        succeeded = result.outcome is Outcome.SUCCEEDED
        with self.engine.begin() as tx:
            changed = tx.execute(
                update(charges)
                .where(charges.c.id == charge.id, charges.c.status == ChargeStatus.PENDING.value)
                .values(
                    status=(ChargeStatus.SUCCEEDED if succeeded else ChargeStatus.FAILED).value,
                    gateway_charge_id=result.charge_id,
                    failure=result.message,
                    updated_at=now,
                )
            ).rowcount
            if changed:
                if charge.kind == "subscribe":
                    self._settle_subscribe(tx, charge, succeeded, actor, now, result)
                else:
                    self._settle_renewal(tx, charge, succeeded, actor, now, result)
            outcome = self._replay_in(tx, charge.idempotency_key)
        if isinstance(outcome, Refunded):
            self._refund(charge, actor, now)
        elif changed and isinstance(outcome, Receipt):
            outcome = replace(outcome, replayed=False)
        return outcome

    def _settle_subscribe(self, tx, charge, succeeded, actor, now, result) -> None:
        plan = tx.execute(
            select(subscriptions).where(subscriptions.c.id == charge.subscription_id)
        ).one()
        if succeeded:
            end = model.add_months(now, plan.term_months)
            tx.execute(
                update(subscriptions)
                .where(
                    subscriptions.c.id == plan.id,
                    subscriptions.c.status == PlanStatus.INCOMPLETE.value,
                )
                .values(
                    status=PlanStatus.ACTIVE.value,
                    started_at=now,
                    period_start=now,
                    period_end=end,
                    version=plan.version + 1,
                )
            )
            tx.execute(
                update(quotes).where(quotes.c.id == plan.quote_id).values(status="confirmed")
            )
            self._send_receipt(tx, charge, plan.tier, end, renewal=False)
            self.audit(
                tx,
                actor,
                "upgrade.charged",
                "succeeded",
                charge.account_id,
                before={"tier": self.free_tier},
                after={
                    "tier": plan.tier,
                    "status": "active",
                    "renews_at": end,
                    "amount_cents": charge.amount_cents,
                },
            )
        else:
            tx.execute(
                update(subscriptions)
                .where(
                    subscriptions.c.id == plan.id,
                    subscriptions.c.status == PlanStatus.INCOMPLETE.value,
                )
                .values(status=PlanStatus.FAILED.value, ended_at=now, version=plan.version + 1)
            )
            tx.execute(update(quotes).where(quotes.c.id == plan.quote_id).values(status="declined"))
            self.audit(
                tx, actor, "upgrade.charged", f"declined: {result.message}", charge.account_id
            )

    def _settle_renewal(self, tx, charge, succeeded, actor, now, result) -> None:
        plan = tx.execute(
            select(subscriptions).where(subscriptions.c.id == charge.subscription_id)
        ).one()
        start, end = _renewal_period(charge, plan)
        if not succeeded:
            tx.execute(
                update(subscriptions)
                .where(
                    subscriptions.c.id == plan.id,
                    subscriptions.c.status == PlanStatus.ACTIVE.value,
                    subscriptions.c.period_end == plan.period_end,
                )
                .values(
                    status=PlanStatus.PAST_DUE.value,
                    past_due_since=now,
                    version=subscriptions.c.version + 1,
                )
            )
            self.notify(
                tx,
                charge.account_id,
                "renewal_failed",
                f"renewal_failed:{charge.idempotency_key}",
                {"reason": result.message, "grace_days": self.settings.billing.grace_period_days},
            )
            self.audit(
                tx, actor, "renewal.charged", f"declined: {result.message}", charge.account_id
            )
            return
        # The money is taken: it pays for the period only if the plan still renews into it.
        applied = tx.execute(
            update(subscriptions)
            .where(
                subscriptions.c.id == plan.id,
                subscriptions.c.period_end < end,
                subscriptions.c.auto_renew,
                subscriptions.c.status.in_([PlanStatus.ACTIVE.value, PlanStatus.PAST_DUE.value]),
            )
            .values(
                status=PlanStatus.ACTIVE.value,
                period_start=start,
                period_end=end,
                past_due_since=None,
                price_cents=charge.amount_cents,
                version=subscriptions.c.version + 1,
            )
        ).rowcount
        if not applied:
            self._owe_refund(tx, charge, plan, actor)
            return
        self._send_receipt(tx, charge, plan.tier, end, renewal=True)
        skipped = model.periods_between(plan.period_end, start, plan.term_months)
        self.audit(
            tx,
            actor,
            "renewal.charged",
            "succeeded" + (f" (skipped {skipped} unserved periods)" if skipped else ""),
            charge.account_id,
            before={"period_end": plan.period_end},
            after={"period_start": start, "period_end": end, "amount_cents": charge.amount_cents},
        )

    def _owe_refund(self, tx: Connection, charge: Row, plan: Row, actor: Actor) -> None:
        """A renewal that succeeded against a plan that no longer renews (ended, cancelled,
        already paid for that period) is given back; the refund is recorded as owed first, so a
        crash before the gateway answers leaves it for the sweep."""
        tx.execute(
            update(charges)
            .where(charges.c.id == charge.id, charges.c.refund_status.is_(None))
            .values(refund_status="pending")
        )
        self.audit(
            tx,
            actor,
            "renewal.refund",
            f"owed: plan is {plan.status}",
            charge.account_id,
            after={"key": charge.idempotency_key, "amount_cents": charge.amount_cents},
        )

    def _refund(self, charge: Row, actor: Actor, now: datetime) -> bool:
        """Give an owed refund back through the gateway, then record it (once)."""
        try:
            self.gateway.refund(charge.idempotency_key, charge.amount_cents)
        except GatewayTimeout:
            log.warning("refund of %s not confirmed; the sweep will ask again", charge.id)
            return False
        with self.engine.begin() as tx:
            done = tx.execute(
                update(charges)
                .where(charges.c.id == charge.id, charges.c.refund_status == "pending")
                .values(refund_status="refunded", refunded_at=now)
            ).rowcount
            if done:
                self.audit(
                    tx,
                    actor,
                    "renewal.refund",
                    "refunded: the plan no longer renews",
                    charge.account_id,
                    after={"key": charge.idempotency_key, "amount_cents": charge.amount_cents},
                )
        return True

    def cancel(self, actor: Actor, now: datetime | None = None) -> Cancelled | Refused:
        """Turn auto-renew off: Premium stays until its end date, nothing more is charged."""
        return self._toggle_renewal(actor, now or now_utc(), cancel=True)

    def resume(self, actor: Actor, now: datetime | None = None) -> Resumed | Refused:
        """Undo a cancellation before the plan ends (no charge)."""
        return self._toggle_renewal(actor, now or now_utc(), cancel=False)

    def _toggle_renewal(
        self, actor: Actor, now: datetime, cancel: bool
    ) -> Cancelled | Resumed | Refused:
        action = "cancel" if cancel else "resume"
        who, refusal = self._authorize(actor, action)
        if refusal:
            return refusal
        with self.engine.begin() as tx:
            plan = self.live_plan(tx, who.account.id)
            state = self._plan_of(plan) if plan is not None and plan.period_end else None
            refusal = model.can_cancel(state) if cancel else model.can_resume(state, now)
            if refusal is None and cancel and self._pending_charge(tx, plan.id) is not None:
                refusal = model.Refusal("renewal_processing", RENEWAL_PROCESSING)
            if refusal is None:
                new_status = PlanStatus.NON_RENEWING if cancel else PlanStatus.ACTIVE
                changed = tx.execute(
                    update(subscriptions)
                    .where(subscriptions.c.id == plan.id, subscriptions.c.version == plan.version)
                    .values(
                        status=new_status.value, auto_renew=not cancel, version=plan.version + 1
                    )
                ).rowcount
                if not changed:
                    refusal = model.Refusal(
                        "conflict", "The plan changed meanwhile; please try again."
                    )
                else:
                    self.audit(
                        tx,
                        actor,
                        action,
                        "done",
                        who.account.id,
                        who.user.id,
                        before={"status": plan.status, "auto_renew": plan.auto_renew},
                        after={"status": new_status.value, "auto_renew": not cancel},
                    )
        if refusal is not None:
            refused = Refused(refusal.code, refusal.message)
            self.audit_refusal(actor, action, refused, who.account.id, who.user.id)
            return refused
        if cancel:
            return Cancelled(
                self._tier_name, plan.period_end, self.settings.tiers[self.free_tier].name
            )
        return Resumed(self._tier_name, plan.period_end)

    def set_billing_access(
        self,
        actor: Actor,
        target_email: str | None = None,
        target_slack_user: str | None = None,
        grant: bool = True,
        account_id: str | None = None,
    ) -> AccessChanged | Refused:
        """The primary user (or an operator) grants or revokes a user's billing access."""
        action = "grant" if grant else "revoke"
        with self.engine.begin() as tx:
            if actor.operator:
                who = None
                account = tx.execute(select(accounts).where(accounts.c.id == account_id)).first()
                refusal = (
                    None if account else Refused("unknown_account", f"No account {account_id!r}.")
                )
            else:
                who = self.resolve_actor(tx, actor)
                refusal = who if isinstance(who, Refused) else None
                account = None if refusal else who.account
                if refusal is None and not who.user.is_primary:
                    primary = self._primary_email(tx, account.id)
                    refusal = Refused(
                        "not_primary",
                        f"Only the primary user ({primary}) can change billing access.",
                    )
            target = None
            if refusal is None:
                target = self._find_user(tx, account.id, target_email, target_slack_user)
                if target is None:
                    refusal = Refused(
                        "unknown_user",
                        f"No user {target_email or target_slack_user} in {account.name}.",
                    )
                elif target.is_primary and not grant:
                    refusal = Refused(
                        "primary_keeps_access",
                        "The primary user always has billing access; it can't be revoked.",
                    )
            if refusal is None:
                tx.execute(
                    update(users).where(users.c.id == target.id).values(billing_access=grant)
                )
                self.audit(
                    tx,
                    actor,
                    action,
                    "done",
                    account.id,
                    who.user.id if who else None,
                    before={"email": target.email, "billing_access": bool(target.billing_access)},
                    after={"email": target.email, "billing_access": grant},
                )
        if refusal is not None:
            self.audit_refusal(
                actor,
                action,
                refusal,
                account.id if account else None,
                who.user.id if isinstance(who, Who) else None,
            )
            return refusal
        return AccessChanged(target.email, grant)

    @staticmethod
    def _find_user(
        tx: Connection, account_id: str, email: str | None, slack_user: str | None
    ) -> Row | None:
        query = select(users).where(users.c.account_id == account_id)
        if email:
            return tx.execute(query.where(users.c.email == email.strip().lower())).first()
        if slack_user:
            return tx.execute(
                query.join(slack_links, slack_links.c.user_id == users.c.id).where(
                    slack_links.c.slack_user_id == slack_user
                )
            ).first()
        return None

    # -- the scheduler ----------------------------------------------------------------------------

    def sweep(self, now: datetime | None = None, workers: int | None = None) -> SweepReport:
        """Renew, retry, end and settle: safe to run twice at once, on any number of machines.

        Due plans are taken in a random order and, on PostgreSQL, by a few threads at once:
        each renewal waits mostly on the database and the card network, and sweeps started
        together on several machines then share the work instead of racing down the same list
        (a plan two of them reach together is still charged once, by its idempotency key).
        """
        now = now or now_utc()
        workers = workers or (SWEEP_WORKERS if self.engine.dialect.name == "postgresql" else 1)
        actor = Actor.scheduler()
        report = SweepReport()
        self._settle_pending(now, actor, report)
        grace = timedelta(days=self.settings.billing.grace_period_days)
        with reading(self.engine) as tx:
            due = tx.execute(
                select(subscriptions).where(
                    subscriptions.c.status.in_(
                        [
                            PlanStatus.ACTIVE.value,
                            PlanStatus.NON_RENEWING.value,
                            PlanStatus.PAST_DUE.value,
                        ]
                    ),
                    subscriptions.c.period_end <= now,
                )
            ).all()
        random.shuffle(due)

        def settle(plan: Row) -> str | None:
            action = model.sweep_action(self._plan_of(plan), now, grace)
            if action is model.SweepAction.END:
                return "ended" if self._end(plan, now, actor) else None
            if action in (model.SweepAction.RENEW, model.SweepAction.RETRY):
                outcome = self._renew(plan, now, actor, retry=action is model.SweepAction.RETRY)
                if isinstance(outcome, Receipt):
                    return "renewed"
                if isinstance(outcome, Declined):
                    return "renewal_declined"
                if isinstance(outcome, Refunded):
                    return "refunded"
            return None

        if workers > 1 and len(due) > 1:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="sweep") as pool:
                outcomes = list(pool.map(settle, due))
        else:
            outcomes = [settle(plan) for plan in due]
        for outcome in outcomes:
            if outcome:
                setattr(report, outcome, getattr(report, outcome) + 1)
        report.reminders = self._remind(now)
        return report

    def _renew(self, plan: Row, now: datetime, actor: Actor, retry: bool):
        """Charge the plan's current period, decided against the plan as it is now.

        The sweep read `plan` a moment ago; a cancel may have landed since. The pending charge is
        recorded in the same transaction as a conditional update of the plan's version (still
        renewing, unchanged), so a cancel either happens before (nothing is charged) or finds the
        renewal pending (and is refused until it settles): never a charge after a cancel.
        """
        start, end = model.current_period(plan.period_end, plan.term_months, now)
        key = f"renewal:{plan.id}:{_epoch(start)}"
        if retry:
            attempt = model.retry_number(plan.past_due_since or plan.period_end, now, RETRY_EVERY)
            if attempt < 2:
                return None  # the declined attempt was today's; retry tomorrow
            key += f":retry{attempt}"
        try:
            with self.engine.begin() as tx:
                if self._pending_charge(tx, plan.id) is not None:
                    return None  # an earlier attempt's outcome is not known yet
                card = self._card(tx, plan.account_id)
                if card is None:
                    return self._renewal_without_card(tx, plan, now, actor)
                if not self._claim_renewal(tx, plan):
                    return None  # cancelled, ended or renewed since the sweep read it
                price = self._renewal_price(tx, plan)
                charge = self._record_pending(
                    tx, plan.id, key, "renewal", (price, plan.currency), card, now, (start, end)
                )
        except IntegrityError:
            return None  # another sweep took this renewal (or this retry) already
        return self._charge(charge, actor, now)

    @staticmethod
    def _claim_renewal(tx: Connection, plan: Row) -> bool:
        """Bump the plan's version if it is still the renewing plan the sweep read."""
        return bool(
            tx.execute(
                update(subscriptions)
                .where(
                    subscriptions.c.id == plan.id,
                    subscriptions.c.version == plan.version,
                    subscriptions.c.auto_renew,
                    subscriptions.c.status.in_(
                        [PlanStatus.ACTIVE.value, PlanStatus.PAST_DUE.value]
                    ),
                )
                .values(version=plan.version + 1)
            ).rowcount
        )

    def _renewal_price(self, tx: Connection, plan: Row) -> int:
        """What the renewal costs now: the tier's price for the account's current type, from
        app.yaml (an account re-imported as a warehouse renews at the warehouse price)."""
        account_type = tx.execute(
            select(accounts.c.type).where(accounts.c.id == plan.account_id)
        ).scalar_one()
        return self.settings.price_cents(plan.tier, account_type)

    @staticmethod
    def _pending_charge(tx: Connection, plan_id: int) -> Row | None:
        return tx.execute(
            select(charges).where(
                charges.c.subscription_id == plan_id,
                charges.c.status == ChargeStatus.PENDING.value,
            )
        ).first()

    def _renewal_without_card(
        self, tx: Connection, plan: Row, now: datetime, actor: Actor
    ) -> Declined | None:
        """A renewal due with no card on file fails like a declined card: past due, Premium for
        the grace period while the account adds a card, then ended. (Skipping it would leave
        the plan active, unpaid, for ever.)"""
        reason = "no card on file"
        changed = tx.execute(
            update(subscriptions)
            .where(
                subscriptions.c.id == plan.id,
                subscriptions.c.status == PlanStatus.ACTIVE.value,
                subscriptions.c.version == plan.version,
            )
            .values(status=PlanStatus.PAST_DUE.value, past_due_since=now, version=plan.version + 1)
        ).rowcount
        if not changed:
            return None  # already past due (retries wait for a card) or another sweep did it
        self.notify(
            tx,
            plan.account_id,
            "renewal_failed",
            f"renewal_failed:renewal:{plan.id}:{_epoch(plan.period_end)}",
            {"reason": reason, "grace_days": self.settings.billing.grace_period_days},
        )
        self.audit(tx, actor, "renewal.charged", f"declined: {reason}", plan.account_id)
        return Declined(self._declined_text(reason))

    def _end(self, plan: Row, now: datetime, actor: Actor) -> int:
        with self.engine.begin() as tx:
            if self._pending_charge(tx, plan.id) is not None:
                return 0  # a renewal's outcome is unknown: end it once that is settled
            changed = tx.execute(
                update(subscriptions)
                .where(subscriptions.c.id == plan.id, subscriptions.c.version == plan.version)
                .values(
                    status=PlanStatus.ENDED.value,
                    ended_at=now,
                    auto_renew=False,
                    version=plan.version + 1,
                )
            ).rowcount
            if changed:
                self.notify(
                    tx,
                    plan.account_id,
                    "plan_ended",
                    f"plan_ended:{plan.id}",
                    {"tier": plan.tier, "reverts_to": self.free_tier, "ended_at": now},
                )
                self.audit(
                    tx,
                    actor,
                    "plan.end",
                    "ended",
                    plan.account_id,
                    before={"status": plan.status},
                    after={"status": "ended", "tier": self.free_tier},
                )
        return changed

    def _settle_pending(self, now: datetime, actor: Actor, report: SweepReport) -> None:
        """Ask the gateway again about charges whose outcome is unknown, and give back refunds
        still owed (both with the same keys: nothing happens twice)."""
        with reading(self.engine) as tx:
            pending = tx.execute(
                select(charges).where(
                    charges.c.status == ChargeStatus.PENDING.value,
                    charges.c.created_at <= now - PENDING_SETTLE_AFTER,
                )
            ).all()
            owed = tx.execute(select(charges).where(charges.c.refund_status == "pending")).all()
        for charge in pending:
            outcome = self._charge(charge, actor, now)
            if isinstance(outcome, Processing):
                report.still_pending += 1
            else:
                report.resolved_pending += 1
                report.refunded += isinstance(outcome, Refunded)
        for charge in owed:
            report.refunded += self._refund(charge, actor, now)

    def _remind(self, now: datetime) -> int:
        days = self.settings.billing.renewal_reminder_days
        if not days:
            return 0
        sent = 0
        with reading(self.engine) as tx:
            soon = tx.execute(
                select(subscriptions, accounts.c.type.label("account_type"))
                .join(accounts, accounts.c.id == subscriptions.c.account_id)
                .where(
                    subscriptions.c.status == PlanStatus.ACTIVE.value,
                    subscriptions.c.auto_renew,
                    and_(
                        subscriptions.c.period_end > now,
                        subscriptions.c.period_end <= now + timedelta(days=days),
                    ),
                )
            ).all()
        for plan in soon:
            try:
                with self.engine.begin() as tx:
                    self.notify(
                        tx,
                        plan.account_id,
                        "renewal_reminder",
                        f"reminder:{plan.id}:{_epoch(plan.period_end)}",
                        {
                            "renews_at": plan.period_end,
                            "amount_cents": self.settings.price_cents(plan.tier, plan.account_type),
                            "currency": plan.currency,
                            "tier": plan.tier,
                        },
                    )
                sent += 1
            except IntegrityError:
                continue  # reminded already
        return sent
