"""What the bot says about an account's plan: its status, one figure of it, its buttons, quotes,
and the questions asked before a cancel or a move down.

Every tier name, price, term and role comes from app.yaml and the billing results, dates in the
vendor's time zone. Buttons that commit a billing change have an action starting with
``confirm_`` and a confirm dialog; their value names the person they were shown to (`u`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.billing import tiers
from bot.billing.results import AccessChanged, AccountStatus, Quote
from bot.config import Settings
from bot.conversation.commands import Command
from bot.conversation.messages import Button, Confirm, Reply, Visibility
from bot.conversation.tiers import tier_named_in
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


class PlanViews:
    """Replies about the account's plan, in one vendor's words."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.hours = SupportHours.from_config(settings.support_hours)

    def _date(self, at: datetime | None) -> str:
        return local_date(at, self.settings)

    def _tier_name(self, tier: str | None = None) -> str:
        return self.settings.tiers[tier or self.settings.upgrade_target].name

    def _price(self, tier: str, account_type: str) -> str:
        return format_cents(
            self.settings.price_cents(tier, account_type), self.settings.billing.currency
        )

    def _term_word(self, tier: str | None = None) -> str:
        months = self.settings.tiers[tier or self.settings.upgrade_target].term_months
        return "year" if months == 12 else f"{months} months"

    # -- the account ---------------------------------------------------------------------------

    def status(self, status: AccountStatus, owner: str) -> Reply:
        labels = self.settings.labels
        lines = [f"*{status.account_name}* is on *{status.tier_name}*."]
        if status.renewal_pending:
            lines.append("A renewal payment is being processed.")
        if status.renews_at and status.next_tier_name:
            price = format_cents(status.next_price_cents or 0, status.currency)
            lines.append(
                f"Moves to {status.next_tier_name} on {self._date(status.renews_at)}, renewing "
                f"for {price}."
            )
        elif status.renews_at:
            lines.append(f"Renews on {self._date(status.renews_at)}.")
        if status.ends_at:
            free = self._tier_name(self.settings.default_tier)
            lines.append(f"Cancelled: stays until {self._date(status.ends_at)}, then {free}.")
        if status.plan_status == "past_due":
            lines.append("The last renewal payment was declined; please update the card on file.")
        if status.phone_support_code:
            lines.append(f"{labels.phone_code}: `{status.phone_support_code}`")
        lines.append(f"Card: {status.card.text if status.card else 'no card on file'}.")
        notes = ()
        if not status.billing_access:
            notes = (
                f"You don't have {labels.billing_access}; your account's {labels.primary_user} "
                "can grant it.",
            )
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
        code = self.settings.labels.phone_code
        if fact == "phone_code":
            with_phone = tiers.with_phone_support(self.settings)
            text = (
                f"{name}'s {code} is `{status.phone_support_code}`."
                if status.phone_support_code
                else f"{name} is on {tier}; a {code} comes with "
                f"{tiers.names(self.settings, with_phone) or 'no tier'}."
            )
        elif fact == "renewal_date":
            if status.renews_at:
                text = f"{name}'s {tier} renews on {self._date(status.renews_at)}."
                if status.next_tier_name:
                    text += f" It then moves to {status.next_tier_name}."
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
            elif status.next_tier_name:
                text += f" It moves to {status.next_tier_name} on {self._date(status.renews_at)}."
        return Reply(text, visibility=PRIVATE, kind=f"personal_{fact}")

    def _upgrade_buttons(self, status: AccountStatus, value: dict[str, str]) -> list[Button]:
        """One per higher paid tier, each with the account's price for it."""
        return [
            Button(
                f"Upgrade to {self._tier_name(tier)} "
                f"({self._price(tier, status.account_type)}/{self._term_word(tier)})",
                "upgrade_quote",
                value | {"t": tier},
                "primary",
            )
            for tier in tiers.above(self.settings, status.tier)
        ]

    def _plan_buttons(self, status: AccountStatus, owner: str) -> tuple[Button, ...]:
        if not status.billing_access:
            return ()
        value = {"u": owner} if owner else {}
        if status.plan_status is None:
            return tuple(self._upgrade_buttons(status, value))
        if status.renews_at:
            buttons = self._upgrade_buttons(status, value)
            if status.next_tier_name:
                buttons.append(self._resume_button(status, status.renews_at, value, keep=True))
            buttons.append(Button(f"Cancel {status.tier_name}", "cancel_ask", value))
            return tuple(buttons)
        if status.ends_at:
            return (self._resume_button(status, status.ends_at, value),)
        return ()

    def already_cancelled(self, reply: Reply, status: AccountStatus, owner: str) -> Reply:
        """Cancelling a plan that is already cancelled: perhaps Resume was meant ("cancelled by
        mistake, restore it" reads as cancel), so it is one click away."""
        if not _resumable(status):
            return reply
        value = {"u": owner} if owner else {}
        text = f"{reply.text} Changed your mind? *Resume* turns renewal back on."
        resume = self._resume_button(status, status.ends_at, value)
        return replace(reply, text=text, buttons=(resume,))

    def _resume_button(
        self, status: AccountStatus, at: datetime, value: dict[str, str], keep: bool = False
    ) -> Button:
        """Resume a cancelled plan, or keep the tier instead of a scheduled move down."""
        tier = status.tier_name
        title = f"Keep {tier}" if keep else f"Resume {tier}"
        ask = (
            f"Stay on {tier}? It renews on {self._date(at)} as {tier} and charges the card on "
            "file then."
            if keep
            else f"Turn renewal back on? It renews on {self._date(at)} and charges the card on "
            "file then."
        )
        confirm = Confirm(title, ask, "Keep" if keep else "Resume")
        return Button(title, "confirm_resume", value, "primary", confirm)

    # -- changes -------------------------------------------------------------------------------

    def quote(self, quote: Quote, owner: str) -> Reply:
        price = format_cents(quote.price_cents, quote.currency)
        expires = quote.expires_at.astimezone(self.settings.timezone)
        term = self._term_word(quote.tier)
        price_line = f"*Price:* {price} per {term}"
        if quote.credit_cents:
            full = format_cents(quote.price_cents + quote.credit_cents, quote.currency)
            credit = format_cents(quote.credit_cents, quote.currency)
            price_line = f"*Price:* {full} per {term}, less {credit} unused {quote.from_tier_name}"
            price_line += f": {price} now"
        return Reply(
            f"*Upgrade to {quote.tier_name}*\n"
            f"{price_line}\n"
            f"*Term:* {quote.terms}\n"
            f"*Starts:* now · *Renews:* {self._date(quote.renews_at)}\n"
            f"*Card:* {quote.card.text}",
            notes=(f"This offer is valid until {format_local(expires, self.hours.zone)}.",),
            buttons=(
                Button(
                    f"Confirm and pay {price}",
                    "confirm_upgrade",
                    {"u": owner, "q": quote.id},
                    "primary",
                    Confirm(
                        "Confirm upgrade",
                        f"Charge {price} to {quote.card.text} now?",
                        f"Pay {price}",
                    ),
                ),
                Button("Dismiss", "dismiss", {"u": owner}),
            ),
            visibility=PRIVATE,
            kind="quote",
        )

    def order_question(self, command: Command, owner: str) -> Reply:
        """A change read from words the bot is unsure were an order (unsure_orders.py): asked
        in a sentence, with one button to its usual Confirm card and one to leave it. (The
        button's label names no colleague: Slack shows a button's mention as its raw id.)"""
        what = self._change_words(command)
        value = {"u": owner, "a": command.action}
        value |= {"w": command.target_user} if command.target_user else {}
        value |= {"t": command.tier} if command.tier else {}
        return Reply(
            f"I'm not sure you're asking me to change anything. Do you want me to {what} now? "
            "Nothing changes until you confirm.",
            buttons=(
                Button("Yes, go ahead", "order_ask", value, "primary"),
                Button("No, leave it", "dismiss", {"u": owner}),
            ),
            visibility=PRIVATE,
            kind="order_question",
        )

    def _change_words(self, command: Command) -> str:
        """The change, in the words of a question to its asker ("cancel your paid support
        plan"); a move to the free tier is its cancellation, as the action takes it."""
        access = self.settings.labels.billing_access
        who = f"<@{command.target_user}>" if command.target_user else "a colleague"
        named = tier_named_in(command.tier, self.settings) if command.tier else None
        action = command.action
        if named is not None and self.settings.tiers[named].free and action != "resume":
            action = "cancel"  # ("standard was our old plan… keep us there": to the free tier)
        to = f" to {self._tier_name(named)}" if named else ""
        return {
            "upgrade": f"upgrade your support plan{to}",
            "downgrade": f"move your support plan{to} at the renewal",
            "cancel": "cancel your paid support plan",
            "resume": "keep your support plan renewing",
            "grant": f"give {who} {access}",
            "revoke": f"remove {access} from {who}",
        }.get(action, action)

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

    def downgrade_question(self, status: AccountStatus, target: str, owner: str) -> Reply:
        """Asked before a move down: nothing is charged now; the lower price at the renewal."""
        tier, lower = status.tier_name, self._tier_name(target)
        at = self._date(status.renews_at or status.ends_at)
        price = self._price(target, status.account_type)
        return Reply(
            f"Move {status.account_name} to {lower} at the renewal? {tier} stays until *{at}*; "
            f"then {lower} starts, renewing for {price} per {self._term_word(target)}. Nothing is "
            "charged now.",
            buttons=(
                Button(
                    f"Move to {lower}",
                    "confirm_downgrade",
                    {"u": owner, "t": target},
                    "primary",
                    Confirm(f"Move to {lower}", f"Renew as {lower} on {at} for {price}?", "Move"),
                ),
                Button(f"Keep {tier}", "dismiss", {"u": owner}),
            ),
            visibility=PRIVATE,
            kind="downgrade_question",
        )

    def resume_question(self, status: AccountStatus, owner: str) -> Reply | None:
        """Asked before renewal is turned back on from plain words ("undo the cancellation"):
        words can be misread, and resuming commits the card to the next renewal. None when
        there is nothing this person can resume (billing then says why)."""
        if not status.billing_access:
            return None
        if status.renews_at and status.next_tier_name:  # a move down is scheduled: stay?
            at, keep = status.renews_at, True
            text = (
                f"Stay on {status.tier_name} instead of moving to {status.next_tier_name}? It "
                f"renews on *{self._date(at)}* as {status.tier_name}."
            )
        elif _resumable(status):
            at, keep = status.ends_at, False
            text = (
                f"Turn renewal back on for {status.tier_name}? It renews on "
                f"*{self._date(at)}* and charges the card on file then."
            )
        else:
            return None
        value = {"u": owner} if owner else {}
        return Reply(
            text,
            buttons=(
                self._resume_button(status, at, value, keep=keep),
                Button("Not now", "dismiss", value),
            ),
            visibility=PRIVATE,
            kind="resume_question",
        )

    def access_question(self, change: AccessChanged, colleague: str, owner: str) -> Reply:
        """Asked before billing access changes on plain words: a grant lets someone move money,
        and words can be misread, so the change waits for a click as plan changes do."""
        access = self.settings.labels.billing_access
        if change.billing_access:
            text = (
                f"Give <@{colleague}> ({change.email}) {access}? They'll be able to upgrade, "
                "cancel and see what the account is charged."
            )
            title, style = f"Give {access}", "primary"
        else:
            text = f"Remove {access} from <@{colleague}> ({change.email})?"
            title, style = f"Remove {access}", "danger"
        value = {"u": owner, "w": colleague, "g": "1" if change.billing_access else ""}
        return Reply(
            text,
            buttons=(
                Button(title, "confirm_access", value, style, Confirm(title, text, title)),
                Button("Not now", "dismiss", {"u": owner}),
            ),
            visibility=PRIVATE,
            kind="access_question",
        )

    def unknown_tier(self, words: str) -> Reply:
        offered = tiers.names(self.settings, self.settings.tier_order, "and")
        return Reply(
            f"I don't know a tier called “{words[:60]}”. The tiers are {offered}.",
            visibility=PRIVATE,
            kind="refusal",
        )


def _resumable(status: AccountStatus) -> bool:
    """A cancelled plan its person may turn back on: still running (one past its end date, not
    yet swept, has nothing left to resume)."""
    return bool(
        status.billing_access
        and status.ends_at
        and not status.renews_at
        and status.ends_at > now_utc()
    )
