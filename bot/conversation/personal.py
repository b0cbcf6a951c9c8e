"""A line about the asker's own account under an article's answer, when they are linked.

Which line fits is read from the answer itself: an answer that quotes the upgrade prices gets the
asker's price, one that quotes the support hours gets whether support is open now, one that
quotes response targets gets when their reply would be due. The facts are the same app.yaml
values the articles were filled with, so this works for any vendor's articles.
"""

from __future__ import annotations

from datetime import datetime

from bot.billing.results import AccountStatus
from bot.billing.tiers import paid_tiers
from bot.config import Settings
from bot.hours import SupportHours, format_local
from bot.knowledge import Answer
from bot.knowledge.articles import facts_from_settings
from bot.money import format_cents


class Personalizer:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.hours = SupportHours.from_config(settings.support_hours)
        facts = facts_from_settings(settings)
        # Each paid tier's prices, as an answer would quote them.
        self.prices = {
            tier: [v for k, v in facts.items() if k.startswith(f"price.{tier}.")]
            for tier in paid_tiers(settings)
        }
        self.price_facts = [p for prices in self.prices.values() for p in prices]
        self.hours_fact = facts["support_hours"]
        self.target_facts = [v for k, v in facts.items() if k.startswith("response_target.")]

    def applies_to(self, answer: Answer) -> bool:
        """Whether the answer quotes a figure that differs per account (checked before any
        database read, so most answers cost nothing extra)."""
        text = answer.text
        return answer.answered and (
            self.hours_fact in text
            or any(p in text for p in self.price_facts)
            or any(t in text for t in self.target_facts)
        )

    def note(self, answer: Answer, status: AccountStatus, now: datetime) -> str | None:
        """The asker's own price, opening or due time, for an answer that quotes the general one."""
        if not answer.answered:
            return None
        text = answer.text
        lines = []
        quoted = [t for t, prices in self.prices.items() if any(p in text for p in prices)]
        if quoted:
            lines.append(self._price_line(quoted, status))
        if self.hours_fact in text:
            if self.hours.is_open(now):
                lines.append("Support is open now.")
            else:
                opens = format_local(self.hours.next_open(now), self.hours.zone)
                lines.append(f"Support is closed now; it opens {opens}.")
        if any(t in text for t in self.target_facts):
            tier = self.settings.tiers[status.tier]
            due = format_local(self.hours.due_at(now, tier.response_target), self.hours.zone)
            lines.append(f"On {tier.name}, a ticket sent now would get a reply by {due}.")
        return " ".join(lines) or None

    def _price_line(self, quoted: list[str], status: AccountStatus) -> str:
        """The asker's price for each tier the answer quotes, or that they are on it."""
        if status.tier in quoted and len(quoted) == 1:
            return f"{status.account_name} is already on {status.tier_name}."
        parts = []
        for tier in quoted:
            if tier == status.tier:
                continue
            settings = self.settings
            price = format_cents(settings.price_cents(tier, status.account_type), status.currency)
            months = settings.tiers[tier].term_months
            term = "year" if months == 12 else f"{months} months"
            parts.append(f"{settings.tiers[tier].name} is {price} per {term}")
        return f"For {status.account_name} ({status.account_type} account), {'; '.join(parts)}."
