"""Linking a Slack user to a customer account: they ask, the account's primary user decides.

People in a Slack Connect channel belong to another organisation, and their profile email is
often hidden, so the bot never links anyone by email alone: a request names the work email, the
account is found by the email's domain, and the primary user approves or denies it. Both steps
are audited, and both messages (the question to the primary, the answer to the requester) go
through the outbox, so a failed direct message is sent again rather than lost.

A link request can never hand over someone else's identity: an email that already belongs to a
linked or privileged user is refused (at request and again at approval), a public mail domain
never identifies an account, and the domain is matched literally (no LIKE wildcards).
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta

from sqlalchemy import Connection, Row, exists, select, update
from sqlalchemy.exc import IntegrityError

from bot.billing.results import Actor, LinkDecided, LinkRequested, Refused
from bot.billing.service import BillingService, Who
from bot.db import now_utc
from bot.db.billing import accounts, link_requests, slack_links, users

_EMAIL = re.compile(r"^[^@\s<>|%]+@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)+)$")
# How long the primary user has to decide, and how soon the requester may ask them again.
REQUEST_TTL = timedelta(days=7)
RESEND_AFTER = timedelta(minutes=10)
# Mail domains anyone can sign up to: an address there says nothing about the company.
PUBLIC_DOMAINS = frozenset(
    """
    gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr yahoo.de ymail.com rocketmail.com
    outlook.com hotmail.com hotmail.co.uk hotmail.fr live.com live.co.uk msn.com passport.com
    icloud.com me.com mac.com aol.com aim.com proton.me protonmail.com protonmail.ch pm.me
    gmx.com gmx.net gmx.de web.de mail.com email.com zoho.com zohomail.com yandex.com yandex.ru
    mail.ru inbox.ru list.ru bk.ru qq.com 163.com 126.com sina.com naver.com daum.net
    hanmail.net fastmail.com fastmail.fm hey.com tutanota.com tuta.io mailbox.org posteo.de
    comcast.net verizon.net att.net sbcglobal.net bellsouth.net cox.net charter.net
    btinternet.com sky.com virginmedia.com orange.fr free.fr laposte.net libero.it t-online.de
    """.split()
)


class Linking:
    def __init__(self, billing: BillingService) -> None:
        self.billing = billing
        self.engine = billing.engine

    def request(
        self, actor: Actor, email: str, now: datetime | None = None
    ) -> LinkRequested | Refused:
        """Ask to be linked to the account that uses the email's domain; asking again while the
        request waits sends it to the primary user once more."""
        now = now or now_utc()
        email = (email or "").strip().lower().removeprefix("mailto:")
        with self.engine.begin() as tx:
            found = self._check_request(tx, actor, email)
            if isinstance(found, Refused):
                result: LinkRequested | Refused = found
            else:
                result = self._open_or_resend(tx, actor, email, found, now)
        if isinstance(result, Refused):
            self.billing.audit_refusal(actor, "link.request", result, None, None)
        return result

    def _check_request(self, tx: Connection, actor: Actor, email: str) -> Row | Refused:
        """The account the email's domain names, or why no request can be made for it."""
        contact = self.billing.settings.contact.email
        primary = self.billing.settings.labels.primary_user
        who = self.billing.resolve_actor(tx, actor)
        if isinstance(who, Who):
            return Refused("already_linked", f"You're already linked to {who.account.name}.")
        if not actor.slack_user_id:
            return Refused("no_slack_user", "Linking is for Slack users.")
        match = _EMAIL.match(email)
        if not match:
            return Refused("bad_email", "Send your work email, like `link pat@example.com`.")
        domain = match.group(1)
        if domain in PUBLIC_DOMAINS:
            return Refused(
                "public_domain",
                f"A {domain} address doesn't tell me which company you're with. Send your work "
                f"email, or ask your account's {primary} to add you (or contact {contact}).",
            )
        taken = _user_with_email(tx, email)
        if taken is not None and _privileged_or_linked(tx, taken):
            return _email_in_use(email, contact, primary)
        matches = tx.execute(
            select(users.c.account_id)
            .where(users.c.email.endswith(f"@{domain}", autoescape=True))
            .distinct()
        ).all()
        if len(matches) != 1:
            return Refused(
                "no_account" if not matches else "ambiguous",
                f"I can't tell which customer account {domain} belongs to; please contact "
                f"{contact} to be linked.",
            )
        account = tx.execute(select(accounts).where(accounts.c.id == matches[0].account_id)).one()
        primary = _primary_of(tx, account.id)
        if primary is None:
            return Refused(
                "no_primary",
                f"{account.name} has no {primary} to approve you yet; please contact {contact}.",
            )
        return account

    def _open_or_resend(
        self, tx: Connection, actor: Actor, email: str, account: Row, now: datetime
    ) -> LinkRequested | Refused:
        key = (link_requests.c.slack_user_id == actor.slack_user_id) & (
            link_requests.c.slack_team_id == (actor.slack_team_id or "")
        )
        waiting = tx.execute(
            select(link_requests).where(key, link_requests.c.status == "pending")
        ).first()
        if waiting is not None and _expired(waiting, now):
            tx.execute(
                update(link_requests)
                .where(link_requests.c.id == waiting.id, link_requests.c.status == "pending")
                .values(status="expired")
            )
            waiting = None
        primary = _primary_of(tx, account.id)
        if waiting is not None:
            return self._resend(tx, actor, waiting, account, primary, now)
        request_id = f"lr_{uuid.uuid4().hex}"
        try:
            with tx.begin_nested():
                tx.execute(
                    link_requests.insert().values(
                        id=request_id,
                        account_id=account.id,
                        email=email,
                        slack_user_id=actor.slack_user_id,
                        slack_team_id=actor.slack_team_id or "",
                        status="pending",
                        created_at=now,
                        expires_at=now + REQUEST_TTL,
                        last_sent_at=now,
                    )
                )
        except IntegrityError:  # the same person asked twice at once: one request stands
            return Refused("pending", "You already asked; the request is waiting for a decision.")
        self._ask_primary(tx, request_id, 0, actor, email, account, primary)
        self.billing.audit(tx, actor, "link.request", "pending", account.id, after={"email": email})
        return LinkRequested(request_id, account.name, primary.email, now)

    def _resend(
        self,
        tx: Connection,
        actor: Actor,
        waiting: Row,
        account: Row,
        primary: Row,
        now: datetime,
    ) -> LinkRequested | Refused:
        last = waiting.last_sent_at or waiting.created_at
        if now - last < RESEND_AFTER:
            return Refused(
                "pending",
                f"I asked {primary.email} a few minutes ago; the request is waiting for their "
                "decision. I'll tell you as soon as they decide.",
            )
        sent = tx.execute(
            update(link_requests)
            .where(link_requests.c.id == waiting.id, link_requests.c.last_sent_at == last)
            .values(last_sent_at=now)
        ).rowcount
        if sent:
            attempt = int((now - waiting.created_at).total_seconds())
            self._ask_primary(tx, waiting.id, attempt, actor, waiting.email, account, primary)
            self.billing.audit(
                tx, actor, "link.request", "re-sent", account.id, after={"email": waiting.email}
            )
        return LinkRequested(waiting.id, account.name, primary.email, now, resent=True)

    def _ask_primary(
        self,
        tx: Connection,
        request_id: str,
        attempt: int,
        actor: Actor,
        email: str,
        account: Row,
        primary: Row,
    ) -> None:
        """Queue the Approve / Deny question for the primary user's direct message."""
        link = tx.execute(
            select(slack_links)
            .where(slack_links.c.user_id == primary.id)
            .order_by(slack_links.c.created_at)
        ).first()
        if link is None:
            return  # the primary isn't in Slack: the vendor's staff see it in the audit log
        self.billing.notify(
            tx,
            account.id,
            "link_request",
            f"link_request:{request_id}:{attempt}",
            {
                "request_id": request_id,
                "email": email,
                "account_name": account.name,
                "requester": actor.slack_user_id,
                "requester_team": actor.slack_team_id or "",
                "primary": link.slack_user_id,
            },
            recipient=(link.slack_user_id, link.slack_team_id),
        )

    def decide(
        self, actor: Actor, request_id: str, approve: bool, now: datetime | None = None
    ) -> LinkDecided | Refused:
        """The primary user approves (user and link created) or denies a request, once."""
        now = now or now_utc()
        action = "link.approve" if approve else "link.deny"
        with self.engine.begin() as tx:
            who = self.billing.resolve_actor(tx, actor)
            request = tx.execute(
                select(link_requests).where(link_requests.c.id == request_id)
            ).first()
            refusal = self._may_decide(tx, who, request, now)
            if refusal is None:
                refusal = self._apply_decision(tx, who, request, approve, now)
            if refusal is None:
                self._tell_requester(tx, request, approve, who.account.name)
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

    def _may_decide(
        self, tx: Connection, who: Who | Refused, request: Row | None, now: datetime
    ) -> Refused | None:
        if isinstance(who, Refused):
            return who
        if request is None or request.account_id != who.account.id or not who.user.is_primary:
            primary = self.billing.settings.labels.primary_user
            return Refused("not_primary", f"Only the account's {primary} can decide this.")
        if request.status == "expired" or (request.status == "pending" and _expired(request, now)):
            tx.execute(
                update(link_requests)
                .where(link_requests.c.id == request.id, link_requests.c.status == "pending")
                .values(status="expired")
            )
            return Refused(
                "expired",
                "This request has expired; nothing was changed. They can send `link` again.",
            )
        return None

    def _apply_decision(
        self, tx: Connection, who: Who, request: Row, approve: bool, now: datetime
    ) -> Refused | None:
        """Record the decision once and, when approved, link the requester as a user without
        billing access. An approval that can no longer be carried out (the email became someone
        else's meanwhile) is recorded as refused, and the requester is told."""
        decided = tx.execute(
            update(link_requests)
            .where(link_requests.c.id == request.id, link_requests.c.status == "pending")
            .values(
                status="approved" if approve else "denied",
                decided_at=now,
                decided_by=who.user.id,
            )
        ).rowcount
        if not decided:
            return Refused("already_decided", "This request was already decided.")
        primary, contact = self.billing.settings.labels.primary_user, self.billing.settings.contact
        refusal = _link(tx, request, now, contact.email, primary) if approve else None
        if refusal is not None:
            tx.execute(
                update(link_requests)
                .where(link_requests.c.id == request.id)
                .values(status="refused")
            )
            self._tell_requester(tx, request, False, who.account.name, refusal.message)
        return refusal

    def _tell_requester(
        self, tx: Connection, request: Row, approve: bool, account: str, reason: str = ""
    ) -> None:
        self.billing.notify(
            tx,
            request.account_id,
            "link_decided",
            f"link_decided:{request.id}",
            {"approved": approve, "account_name": account, "reason": reason},
            recipient=(request.slack_user_id, request.slack_team_id),
        )


def _expired(request: Row, now: datetime) -> bool:
    expires = request.expires_at or request.created_at + REQUEST_TTL
    return expires <= now


def _primary_of(tx: Connection, account_id: str) -> Row | None:
    return tx.execute(
        select(users).where(
            users.c.account_id == account_id, users.c.is_primary, users.c.removed_at.is_(None)
        )
    ).first()


def _user_with_email(tx: Connection, email: str) -> Row | None:
    """A current user with this email (in any account), if there is one."""
    return tx.execute(
        select(users).where(users.c.email == email, users.c.removed_at.is_(None))
    ).first()


def _privileged_or_linked(tx: Connection, user: Row) -> bool:
    """Whether linking another Slack user to this user would hand over something: the primary
    role, billing access, or the identity of someone already using it from Slack."""
    if user.is_primary or user.billing_access:
        return True
    return bool(tx.execute(select(exists().where(slack_links.c.user_id == user.id))).scalar())


def _email_in_use(email: str, contact: str, primary: str) -> Refused:
    return Refused(
        "email_in_use",
        f"{email} already belongs to a user of a customer account, so I can't link you with it. "
        f"If that address is yours, ask your account's {primary}, or contact {contact}.",
    )


def _link(
    tx: Connection, request: Row, now: datetime, contact: str, primary: str
) -> Refused | None:
    """Link the requester to a user of their own: a new one without billing access, or an
    existing user of that email who has no privileges and no Slack link (checked again now:
    the email may have gained either since the request was made)."""
    taken = _user_with_email(tx, request.email)
    if taken is not None and (
        taken.account_id != request.account_id or _privileged_or_linked(tx, taken)
    ):
        return _email_in_use(request.email, contact, primary)
    key = (slack_links.c.slack_user_id == request.slack_user_id) & (
        slack_links.c.slack_team_id == request.slack_team_id
    )
    if tx.execute(select(slack_links).where(key)).first() is not None:
        return Refused("already_linked", "They are already linked to an account.")
    if taken is not None:
        user_id = taken.id
    else:
        revived = tx.execute(
            select(users).where(
                users.c.account_id == request.account_id, users.c.email == request.email
            )
        ).first()
        if revived is not None:  # removed earlier: back as a new, unprivileged user
            tx.execute(
                update(users)
                .where(users.c.id == revived.id)
                .values(removed_at=None, billing_access=False, is_primary=False)
            )
            user_id = revived.id
        else:
            user_id = tx.execute(
                users.insert().values(
                    account_id=request.account_id,
                    email=request.email,
                    is_primary=False,
                    billing_access=False,
                    created_at=now,
                )
            ).inserted_primary_key[0]
    tx.execute(
        slack_links.insert().values(
            slack_user_id=request.slack_user_id,
            slack_team_id=request.slack_team_id,
            user_id=user_id,
            created_at=now,
        )
    )
    return None
