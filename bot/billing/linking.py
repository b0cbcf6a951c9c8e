"""Linking a Slack user to a customer account: they ask, the account's primary user decides.

People in a Slack Connect channel belong to another organisation, and their profile email is
often hidden, so the bot never links anyone by email alone: a request names the work email, the
account is found by the email's domain, and the primary user approves or denies it. Both steps
are audited.
"""

from __future__ import annotations

import re
import uuid

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.billing.results import Actor, LinkDecided, LinkRequested, Refused
from bot.billing.service import BillingService, Who
from bot.billing.store import accounts, link_requests, now_utc, slack_links, users

_EMAIL = re.compile(r"^[^@\s<>|]+@([^@\s<>|]+\.[^@\s<>|]+)$")


class Linking:
    def __init__(self, billing: BillingService) -> None:
        self.billing = billing
        self.engine = billing.engine

    def request(self, actor: Actor, email: str) -> LinkRequested | Refused:
        """Ask to be linked to the account that uses the email's domain."""
        email = (email or "").strip().lower().removeprefix("mailto:")
        match = _EMAIL.match(email)
        refusal: Refused | None = None
        with self.engine.begin() as tx:
            who = self.billing.resolve_actor(tx, actor)
            if isinstance(who, Who):
                refusal = Refused("already_linked", f"You're already linked to {who.account.name}.")
            elif not actor.slack_user_id:
                refusal = Refused("no_slack_user", "Linking is for Slack users.")
            elif not match:
                refusal = Refused("bad_email", "Send your work email, like `link pat@example.com`.")
            else:
                domain = match.group(1)
                found = tx.execute(
                    select(users.c.account_id)
                    .where(users.c.email.endswith(f"@{domain}"))
                    .distinct()
                ).all()
                if len(found) != 1:
                    contact = self.billing.settings.contact.email
                    refusal = Refused(
                        "no_account" if not found else "ambiguous",
                        f"I can't tell which customer account {domain} belongs to; please contact "
                        f"{contact} to be linked.",
                    )
            if refusal is None:
                account_id = found[0].account_id
                account = tx.execute(select(accounts).where(accounts.c.id == account_id)).one()
                primary = tx.execute(
                    select(users).where(users.c.account_id == account_id, users.c.is_primary)
                ).first()
                request_id = f"lr_{uuid.uuid4().hex}"
                try:
                    with tx.begin_nested():
                        tx.execute(
                            link_requests.insert().values(
                                id=request_id,
                                account_id=account_id,
                                email=email,
                                slack_user_id=actor.slack_user_id,
                                slack_team_id=actor.slack_team_id or "",
                                status="pending",
                                created_at=now_utc(),
                            )
                        )
                except IntegrityError:
                    refusal = Refused(
                        "pending", "You already asked; the request is waiting for a decision."
                    )
                else:
                    self.billing.audit(
                        tx, actor, "link.request", "pending", account_id, after={"email": email}
                    )
        if refusal is not None:
            self.billing.audit_refusal(actor, "link.request", refusal, None, None)
            return refusal
        primary_slack = self._slack_user_of(primary.id) if primary else None
        return LinkRequested(
            request_id, account.name, primary.email if primary else "", primary_slack
        )

    def _slack_user_of(self, user_id: int) -> str | None:
        with self.engine.begin() as tx:
            row = tx.execute(
                select(slack_links.c.slack_user_id).where(slack_links.c.user_id == user_id)
            ).first()
        return row.slack_user_id if row else None

    def decide(self, actor: Actor, request_id: str, approve: bool) -> LinkDecided | Refused:
        """The primary user approves (user and link created) or denies a request, once."""
        action = "link.approve" if approve else "link.deny"
        refusal: Refused | None = None
        with self.engine.begin() as tx:
            who = self.billing.resolve_actor(tx, actor)
            request = tx.execute(
                select(link_requests).where(link_requests.c.id == request_id)
            ).first()
            if isinstance(who, Refused):
                refusal = who
            elif request is None or request.account_id != who.account.id or not who.user.is_primary:
                refusal = Refused("not_primary", "Only the account's primary user can decide this.")
            else:
                decided = tx.execute(
                    update(link_requests)
                    .where(link_requests.c.id == request_id, link_requests.c.status == "pending")
                    .values(
                        status="approved" if approve else "denied",
                        decided_at=now_utc(),
                        decided_by=who.user.id,
                    )
                ).rowcount
                if not decided:
                    refusal = Refused("already_decided", "This request was already decided.")
                elif approve:
                    self._link(tx, request)
            if refusal is None:
                self.billing.audit(
                    tx,
                    actor,
                    action,
                    "done",
                    who.account.id,
                    who.user.id,
                    after={"email": request.email, "slack_user_id": request.slack_user_id},
                )
        if refusal is not None:
            account_id = who.account.id if isinstance(who, Who) else None
            self.billing.audit_refusal(actor, action, refusal, account_id, None)
            return refusal
        return LinkDecided(
            request_id, approve, request.email, who.account.name, request.slack_user_id
        )

    @staticmethod
    def _link(tx, request) -> None:
        now = now_utc()
        user = tx.execute(
            select(users).where(
                users.c.account_id == request.account_id, users.c.email == request.email
            )
        ).first()
        user_id = (
            user.id
            if user
            else tx.execute(
                users.insert().values(
                    account_id=request.account_id,
                    email=request.email,
                    is_primary=False,
                    billing_access=False,
                    created_at=now,
                )
            ).inserted_primary_key[0]
        )
        key = (slack_links.c.slack_user_id == request.slack_user_id) & (
            slack_links.c.slack_team_id == request.slack_team_id
        )
        if tx.execute(select(slack_links).where(key)).first():
            tx.execute(update(slack_links).where(key).values(user_id=user_id))
        else:
            tx.execute(
                slack_links.insert().values(
                    slack_user_id=request.slack_user_id,
                    slack_team_id=request.slack_team_id,
                    user_id=user_id,
                    created_at=now,
                )
            )
