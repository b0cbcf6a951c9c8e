"""What the outbox's notices say: receipts, renewal reminders, ended plans, declined renewals,
and link requests (the question to the primary user, the answer to the requester). Dates in the
vendor's time zone, tier names from app.yaml."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.billing.outbox import Notice
from bot.config import Settings
from bot.conversation import desk_outbox
from bot.conversation.messages import Button, Confirm, Reply, Visibility, Where
from bot.conversation.views import local_date
from bot.money import format_cents


class Notices:
    def __init__(self, settings: Settings, conversation: Any = None) -> None:
        self.settings = settings
        self.conversation = conversation  # the desk's notices are drawn from its tickets

    def reply(self, notice: Notice) -> Reply | None:
        """The notice as a direct message to its recipient; a desk alert as a post in its
        team's channel. None: nothing to say any more (an alert about a ticket that was
        answered since it was queued)."""
        if desk_outbox.is_desk(notice.kind):
            return self._desk(notice)
        if notice.kind == "link_request":
            return self._link_question(notice.payload)
        return Reply(
            self.text(notice.kind, notice.payload),
            where=Where.DM,
            visibility=Visibility.PRIVATE,
            kind=notice.kind,
        )

    def _desk(self, notice: Notice) -> Reply | None:
        ticket = str(notice.payload.get("ticket", ""))
        if self.conversation is None:
            return None
        if notice.kind == desk_outbox.RATING:
            return self.conversation.ratings.request(ticket)
        channel = notice.recipients[0][0] if notice.recipients else ""
        return self.conversation.alerts.notice(notice.kind, ticket, channel)

    def _date(self, value: Any) -> str:
        at = datetime.fromisoformat(value) if isinstance(value, str) else value
        return local_date(at, self.settings)

    def text(self, kind: str, payload: dict[str, Any]) -> str:
        settings = self.settings
        paid = settings.tiers[settings.upgrade_target]
        tier = settings.tiers.get(payload.get("tier", settings.upgrade_target), paid)
        currency = payload.get("currency", settings.billing.currency)
        amount = format_cents(payload.get("amount_cents", 0), currency)
        if kind == "receipt":
            what = "renewed" if payload.get("renewal") else "started"
            return (
                f"Receipt: {tier.name} {what}. {amount} was charged; the plan renews on "
                f"{self._date(payload.get('renews_at'))}."
            )
        if kind == "renewal_reminder":
            days = settings.billing.cancel_notice_days
            by = f"at least {days} day{'' if days == 1 else 's'} " if days else ""
            when = self._date(payload.get("renews_at"))
            moving = settings.tiers.get(payload.get("from_tier", ""))
            head = (
                f"Reminder: {moving.name} moves to {tier.name} on {when}, renewing for {amount}."
                if moving
                else f"Reminder: {tier.name} renews on {when} for {amount}."
            )
            return f"{head} To stop the renewal, use /support-tier cancel {by}before then."
        if kind == "plan_ended":
            free = settings.tiers[settings.default_tier].name
            return f"Your {tier.name} plan has ended; the account is now on {free}."
        if kind == "renewal_failed":
            where = settings.contact.billing_location or "your billing settings"
            return (
                f"The renewal payment for {tier.name} was declined ({payload.get('reason')}). "
                f"{tier.name} stays for {payload.get('grace_days')} days while we retry; please "
                f"update the card in {where}."
            )
        if kind == "link_decided":
            return self._link_decided(payload)
        return f"Billing notice: {kind}"

    @staticmethod
    def _link_decided(payload: dict[str, Any]) -> str:
        account = payload.get("account_name", "the account")
        if payload.get("approved"):
            return f"You're now linked to {account}: try /support-tier or ask me."
        if payload.get("reason"):
            return f"Your request to be linked to {account} could not be completed: " + str(
                payload["reason"]
            )
        return f"Your request to be linked to {account} was declined."

    def _link_question(self, request: dict[str, Any]) -> Reply:
        """What the primary user sees: who asks to join the account, with Approve and Deny. The
        requester becomes a new user without billing access, which is what the text promises."""
        email, account = request["email"], request["account_name"]
        owner = {"u": request["primary"], "r": request["request_id"]}
        return Reply(
            f"<@{request['requester']}> ({email}) asks to be linked to *{account}*. They'll be "
            "able to see its support tier; "
            f"{self.settings.labels.billing_access} stays off until you grant it.",
            buttons=(
                Button(
                    "Approve",
                    "confirm_link_approve",
                    owner,
                    "primary",
                    Confirm("Approve", f"Link {email} to {account}?", "Approve"),
                ),
                Button("Deny", "link_deny", owner, "danger"),
            ),
            where=Where.DM,
            visibility=Visibility.PRIVATE,
            kind="link_request",
        )
