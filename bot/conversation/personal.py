"""A line about the asker's own account under an article's answer, when they are linked.

Which line fits is read from the answer itself: an answer that quotes the upgrade prices gets the
asker's price, one that quotes the support hours gets whether support is open now, one that
quotes response targets gets when their reply would be due. The facts are the same app.yaml
values the articles were filled with, so this works for any vendor's articles.
"""

from __future__ import annotations

from datetime import datetime

from bot.billing.results import AccountStatus
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
        upgrade = settings.upgrade_tier
        self.price_facts = [v for k, v in facts.items() if k.startswith(f"price.{upgrade}.")]
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
        if any(p in text for p in self.price_facts):
            if status.tier == self.settings.upgrade_tier:
                lines.append(f"{status.account_name} is already on {status.tier_name}.")
            else:
                price = format_cents(status.upgrade_price_cents, status.currency)
                upgrade = self.settings.tiers[self.settings.upgrade_tier].name
                lines.append(
                    f"For {status.account_name} ({status.account_type} account), "
                    f"{upgrade} is {price} per year."
                )
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
