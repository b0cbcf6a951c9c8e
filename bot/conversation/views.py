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

from bot.billing import tiers
from bot.billing.results import (
    AccessChanged,
    AccountStatus,
    Cancelled,
    Declined,
    Downgraded,
    LinkDecided,
    LinkRequested,
    Processing,
    Receipt,
    Refunded,
    Refused,
    Resumed,
)
from bot.conversation.messages import Button, Reply, Visibility, Where
from bot.conversation.plan_views import PlanViews, local_date
from bot.hours import format_local
from bot.knowledge import Answer
from bot.money import format_cents

PRIVATE = Visibility.PRIVATE
__all__ = ["Views", "local_date", "plain", "quoted", "quoted_inline"]

_SLACK_CONTROL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")


def who(user: str) -> str:
    """A person who acted on a ticket, as a mention when it is a Slack user; tickets closed
    with `supportbot tickets resolve` store "cli", which as <@cli> would be a broken mention."""
    if _SLACK_USER.fullmatch(user):
        return f"<@{user}>"
    return "the command line" if user == "cli" else user


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


class Views(PlanViews):
    """Replies for billing outcomes and the desk, in one vendor's words (the plan's own views,
    status, quotes and questions, are in plan_views)."""

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
        if isinstance(result, Downgraded):
            price = format_cents(result.price_cents, result.currency)
            head = "This move was already scheduled. " if result.replayed else ""
            return (
                f"{head}{result.tier_name} stays until *{self._date(result.at)}*; then the "
                f"account moves to {result.to_tier_name}, renewing for {price}. Nothing was "
                "charged now."
            )
        if isinstance(result, LinkDecided):
            verb = "linked to" if result.approved else "not linked to"
            return f"{result.email} is {verb} {result.account_name}."
        if isinstance(result, AccessChanged):
            if result.changed:
                verb = "now has" if result.billing_access else "no longer has"
            else:
                verb = "already has" if result.billing_access else "doesn't have"
            return f"{result.email} {verb} {self.settings.labels.billing_access}."
        raise TypeError(f"no words for {type(result).__name__}")

    def link_sent(self, request: LinkRequested) -> Reply:
        primary = request.primary_email or f"the {self.settings.labels.primary_user}"
        again = "again " if request.resent else ""
        return Reply(
            f"I've asked {primary} of {request.account_name} {again}to approve linking you. "
            "I'll tell you when they decide.",
            visibility=PRIVATE,
            kind="link_sent",
        )

    def help(self) -> Reply:
        settings, labels = self.settings, self.settings.labels
        paid = tiers.paid_tiers(settings)
        code = f" and {labels.phone_code}" if tiers.with_phone_support(settings) else ""
        change = ""
        if len(paid) > 1:
            change = (
                f"• `upgrade TIER` / `downgrade TIER`: move to {tiers.names(settings, paid)} "
                "(up now, down at the renewal)\n"
            )
        return Reply(
            "*`/support-tier`* shows and changes your support tier:\n"
            f"• `/support-tier` or `status`: your tier, renewal date{code}\n"
            f"• `upgrade`: a quote for {self._tier_name()}, confirmed with a button\n"
            f"{change}"
            "• `cancel` / `resume`: turn renewal off or back on\n"
            f"• `grant @user` / `revoke @user`: {labels.billing_access} "
            f"({labels.primary_user} only)\n"
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

    def which_one(self, question: str, alternatives: Any, owner: str) -> Reply:
        """Not sure which article is meant: offer the closest sections, and a person."""
        buttons = [
            Button((s.section or s.title)[:75], "clarify_pick", {"k": s.key, "q": question})
            for s in alternatives
        ]
        if owner:
            buttons.append(self.person_button(question, owner))
        titles = " · ".join(b.label for b in buttons[: len(alternatives)])
        return Reply(
            f"I'm not sure which of these you mean: {titles}. Pick one, or ask a person.",
            buttons=tuple(buttons),
            kind="clarify",
        )

    @staticmethod
    def person_button(question: str, owner: str) -> Button:
        return Button(
            "Talk to a person", "handoff_request", {"u": owner, "q": question[:200]}, "primary"
        )

    def answer(self, answer: Answer) -> Reply:
        """An article's answer, its sources cited, with Helpful / Not helpful."""
        cited = " · ".join(
            f"{s.title} › {s.section}" if s.section else s.title for s in answer.sources
        )
        value = {"q": answer.question[:200]}
        if answer.sources:
            value["s"] = answer.sources[0].path
        buttons = (
            Button("Helpful", "feedback_helpful", value),
            Button("Not helpful", "feedback_unhelpful", value),
        )
        return Reply(
            answer.text,
            notes=(f"Source: {cited}",) if cited else (),
            buttons=buttons,
            kind="answer",
        )


def _kind_of(result: object) -> str:
    if isinstance(result, Refused):
        return "refusal"
    return type(result).__name__.lower()
