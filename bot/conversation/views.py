"""What the bot says, in words: billing outcomes, the account's status, quotes, tickets, help.

Every tier name, price and date comes from app.yaml and the billing results, dates in the
vendor's time zone. Buttons that commit a billing change have an action starting with
``confirm_`` and a confirm dialog; their value names the person they were shown to (`u`), so a
click by anyone else does nothing for them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.billing.results import (
    AccessChanged,
    AccountStatus,
    Cancelled,
    Declined,
    LinkDecided,
    LinkRequested,
    Processing,
    Quote,
    Receipt,
    Refunded,
    Refused,
    Resumed,
)
from bot.config import Settings
from bot.conversation.messages import Button, Confirm, Reply, Visibility, Where
from bot.db import now_utc
from bot.hours import SupportHours, format_local
from bot.money import format_cents

PRIVATE = Visibility.PRIVATE


def local_date(at: datetime | None, settings: Settings) -> str:
    """A date as the vendor's customers read it, in the vendor's time zone."""
    if at is None:
        return "—"
    local = at.astimezone(settings.timezone)
    return f"{local:%B} {local.day}, {local.year}"


_SLACK_CONTROL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def quoted(text: str, limit: int = 1500) -> str:
    """Customer text shown to staff: escaped (no <!channel> pings, disguised links or user
    mentions) and quoted line by line (no fake ticket fields on lines of its own)."""
    clean = text[:limit].translate(_SLACK_CONTROL)
    return "\n".join(f"> {line}" for line in clean.splitlines() or [""])


def quoted_inline(text: str, limit: int = 200) -> str:
    """Customer text inside a line of ours: escaped, on one line."""
    return " ".join(text[:limit].translate(_SLACK_CONTROL).split())


def plain(text: str) -> str:
    """Markup folded to plain text, for a terminal or a log."""
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


class Views:
    """Replies for billing outcomes and the desk, in one vendor's words."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.hours = SupportHours.from_config(settings.support_hours)

    def _date(self, at: datetime | None) -> str:
        return local_date(at, self.settings)

    def _tier_name(self, tier: str | None = None) -> str:
        return self.settings.tiers[tier or self.settings.upgrade_tier].name

    # -- the account ---------------------------------------------------------------------------

    def status(self, status: AccountStatus, owner: str) -> Reply:
        lines = [f"*{status.account_name}* is on *{status.tier_name}*."]
        if status.renewal_pending:
            lines.append("A renewal payment is being processed.")
        if status.renews_at:
            lines.append(f"Renews on {self._date(status.renews_at)}.")
        if status.ends_at:
            free = self._tier_name(self.settings.default_tier)
            lines.append(f"Cancelled: stays until {self._date(status.ends_at)}, then {free}.")
        if status.plan_status == "past_due":
            lines.append("The last renewal payment was declined; please update the card on file.")
        if status.phone_support_code:
            lines.append(f"Phone Support Code: `{status.phone_support_code}`")
        lines.append(f"Card: {status.card.text if status.card else 'no card on file'}.")
        notes = ()
        if not status.billing_access:
            notes = ("You don't have billing access; your account's primary user can grant it.",)
        return Reply(
            "\n".join(lines),
            notes=notes,
            buttons=self._plan_buttons(status, owner),
            visibility=PRIVATE,
            kind="status",
        )

    def personal(self, fact: str, status: AccountStatus) -> Reply:
        """One figure of the asker's account, in a sentence, privately."""
        name, tier = status.account_name, status.tier_name
        paid = self._tier_name()
        if fact == "phone_code":
            text = (
                f"{name}'s Phone Support Code is `{status.phone_support_code}`."
                if status.phone_support_code
                else f"{name} is on {tier}; a Phone Support Code comes with {paid}."
            )
        elif fact == "renewal_date":
            if status.renews_at:
                text = f"{name}'s {tier} renews on {self._date(status.renews_at)}."
            elif status.ends_at:
                text = (
                    f"{name}'s {tier} is cancelled: it stays until {self._date(status.ends_at)} "
                    "and does not renew."
                )
            else:
                text = f"{name} is on {tier}, which is free and has nothing to renew."
        elif fact == "card":
            text = (
                f"The card on file for {name} is the {status.card.text}."
                if status.card
                else f"{name} has no card on file."
            )
        elif fact == "due_time":
            target = self.settings.tiers[status.tier].response_target
            due = self.hours.due_at(now_utc(), target)
            text = (
                f"On {tier}, a ticket sent now would get a reply by "
                f"{format_local(due, self.hours.zone)}."
            )
        else:
            text = f"{name} is on *{tier}*."
            if status.ends_at:
                text += f" It is cancelled and stays until {self._date(status.ends_at)}."
        return Reply(text, visibility=PRIVATE, kind=f"personal_{fact}")

    def _plan_buttons(self, status: AccountStatus, owner: str) -> tuple[Button, ...]:
        if not status.billing_access:
            return ()
        paid = self._tier_name()
        value = {"u": owner} if owner else {}
        if status.plan_status is None:
            price = format_cents(status.upgrade_price_cents, status.currency)
            term = self._term_word()
            label = f"Upgrade to {paid} ({price}/{term})"
            return (Button(label, "upgrade_quote", value, "primary"),)
        if status.renews_at:
            return (Button(f"Cancel {status.tier_name}", "cancel_ask", value),)
        if status.ends_at:
            return (
                Button(
                    f"Resume {status.tier_name}",
                    "confirm_resume",
                    value,
                    "primary",
                    Confirm(
                        f"Resume {status.tier_name}",
                        f"Turn renewal back on? It renews on {self._date(status.ends_at)} "
                        "and charges the card on file then.",
                        "Resume",
                    ),
                ),
            )
        return ()

    def _term_word(self) -> str:
        months = self.settings.tiers[self.settings.upgrade_tier].term_months
        return "year" if months == 12 else f"{months} months"

    def quote(self, quote: Quote, owner: str) -> Reply:
        price = format_cents(quote.price_cents, quote.currency)
        expires = quote.expires_at.astimezone(self.settings.timezone)
        zone = self.hours.zone
        return Reply(
            f"*Upgrade to {quote.tier_name}*\n"
            f"*Price:* {price} per {self._term_word()}\n"
            f"*Term:* {quote.terms}\n"
            f"*Starts:* now · *Renews:* {self._date(quote.renews_at)}\n"
            f"*Card:* {quote.card.text}",
            notes=(f"This offer is valid until {format_local(expires, zone)}.",),
            buttons=(
                Button(
                    f"Confirm and pay {price}",
                    "confirm_upgrade",
                    {"u": owner, "q": quote.id},
                    "primary",
                    Confirm("Confirm upgrade", f"Charge {price} to {quote.card.text} now?",
                            f"Pay {price}"),
                ),
                Button("Dismiss", "dismiss", {"u": owner}),
            ),
            visibility=PRIVATE,
            kind="quote",
        )

    def cancel_question(self, status: AccountStatus, owner: str) -> Reply:
        tier = status.tier_name
        free = self._tier_name(self.settings.default_tier)
        return Reply(
            f"Cancel {tier}? It stays active until *{self._date(status.renews_at)}*; nothing "
            f"more will be charged, it won't renew, and then the account returns to {free}.",
            buttons=(
                Button(
                    f"Cancel {tier}",
                    "confirm_cancel",
                    {"u": owner},
                    "danger",
                    Confirm(f"Cancel {tier}", "Turn off renewal?", f"Cancel {tier}"),
                ),
                Button(f"Keep {tier}", "dismiss", {"u": owner}),
            ),
            visibility=PRIVATE,
            kind="cancel_question",
        )

    def result(self, result: object) -> Reply:
        """A billing outcome (receipt, refusal, …) as a private reply."""
        return Reply(self._result_text(result), visibility=PRIVATE, kind=_kind_of(result))

    def _result_text(self, result: object) -> str:
        if isinstance(result, Receipt):
            head = (
                "This upgrade was already confirmed; nothing more was charged."
                if result.replayed
                else f"You're on *{result.tier_name}*. Thank you!"
            )
            amount = format_cents(result.amount_cents, result.currency)
            return (
                f"{head}\n*Charged:* {amount} to {result.card.text}\n"
                f"*Renews:* {self._date(result.renews_at)}"
            )
        if isinstance(result, Processing | Declined | Refused):
            return result.message
        if isinstance(result, Refunded):
            amount = format_cents(result.amount_cents, result.currency)
            return f"That payment paid for nothing, so {amount} was refunded."
        if isinstance(result, Cancelled):
            return (
                f"{result.tier_name} is cancelled. It stays active until "
                f"*{self._date(result.ends_at)}*; you won't be charged again, and then the "
                f"account returns to {result.reverts_to}."
            )
        if isinstance(result, Resumed):
            return f"{result.tier_name} is back on: it renews on {self._date(result.renews_at)}."
        if isinstance(result, LinkDecided):
            verb = "linked to" if result.approved else "not linked to"
            return f"{result.email} is {verb} {result.account_name}."
        if isinstance(result, AccessChanged):
            verb = "now has" if result.billing_access else "no longer has"
            return f"{result.email} {verb} billing access."
        raise TypeError(f"no words for {type(result).__name__}")

    def link_sent(self, request: LinkRequested) -> Reply:
        primary = request.primary_email or "the primary user"
        again = "again " if request.resent else ""
        return Reply(
            f"I've asked {primary} of {request.account_name} {again}to approve linking you. "
            "I'll tell you when they decide.",
            visibility=PRIVATE,
            kind="link_sent",
        )

    def help(self) -> Reply:
        paid = self._tier_name()
        return Reply(
            "*`/support-tier`* shows and changes your support tier:\n"
            "• `/support-tier` or `status`: your tier, renewal date and phone support code\n"
            f"• `upgrade`: a quote for {paid}, confirmed with a button\n"
            "• `cancel` / `resume`: turn renewal off or back on\n"
            "• `grant @user` / `revoke @user`: billing access (primary user only)\n"
            "• `link you@company.com`: ask to be linked to your company's account\n"
            "The same works in a direct message or by mentioning me, in plain words.",
            visibility=PRIVATE,
            kind="help",
        )

    def home(self, status: AccountStatus | Refused, now: datetime) -> Reply:
        """The App Home tab: the account at a glance, or how to get linked."""
        zone = self.hours.zone
        if self.hours.is_open(now):
            open_text = f"Support is open now ({self.hours.describe()})."
        else:
            opens = format_local(self.hours.next_open(now), zone)
            open_text = f"Support is closed now; it opens {opens}."
        product = self.settings.product.name
        if isinstance(status, Refused):
            return Reply(
                f"*{product} support*\n\n{status.message}",
                notes=(open_text,),
                where=Where.HOME,
                kind="home",
            )
        tier = self.settings.tiers[status.tier]
        due = self.hours.due_at(now, tier.response_target)
        card = self.status(status, "")  # only its owner ever sees the Home tab
        return Reply(
            f"*{status.account_name}* · {tier.name}\n\n{card.text}\n\n"
            f"*Response target:* within {tier.response_target.text} "
            f"(a ticket sent now is due by {format_local(due, zone)}).\n{open_text}",
            notes=card.notes,
            buttons=card.buttons,
            where=Where.HOME,
            kind="home",
        )

    # -- the desk -----------------------------------------------------------------------------

    def ticket(self, ticket: Any, channel: str | None = None) -> Reply:
        """The ticket as the team sees it in their channel, with Claim until someone has it."""
        who = f"<@{ticket.requester}>" if ticket.requester else "a website visitor"
        account = ticket.account_id or "not linked to an account"
        head = (
            f"*{ticket.team.capitalize()} request {ticket.id}* from {who} ({account}, "
            f"{ticket.tier})\n*Due:* {format_local(ticket.due_at, self.hours.zone)} · "
            f"*Reason:* {ticket.reason}\n{quoted(ticket.question, 500)}"
        )
        notes: tuple[str, ...] = ()
        buttons: tuple[Button, ...] = ()
        if ticket.status == "resolved":
            notes = ("Resolved",)
        elif ticket.claimed_by:
            notes = (f"Claimed by <@{ticket.claimed_by}>",)
            buttons = (Button("Resolve", "resolve_ticket", {"t": ticket.id}),)
        else:
            buttons = (Button("Claim", "claim_ticket", {"t": ticket.id}, "primary"),)
        return Reply(
            head,
            notes=notes,
            buttons=buttons,
            where=Where.STAFF if channel else Where.REPLACE,
            channel=channel,
            tracks=f"ticket:{ticket.id}" if channel else None,
            kind="ticket",
        )

    def handoff_offer(self, question: str, owner: str) -> Reply:
        """After "Not helpful", or when the bot has no answer: a person, one click away."""
        return Reply(
            "Sorry that didn't help. Shall I pass your question to a person from our support team?",
            buttons=(self.person_button(question, owner),),
            visibility=PRIVATE,
            kind="handoff_offer",
        )

    @staticmethod
    def person_button(question: str, owner: str) -> Button:
        return Button(
            "Talk to a person", "handoff_request", {"u": owner, "q": question[:200]}, "primary"
        )


def _kind_of(result: object) -> str:
    if isinstance(result, Refused):
        return "refusal"
    return type(result).__name__.lower()
