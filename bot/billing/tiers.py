"""The vendor's tiers in order, and what moving between two of them is.

Tiers are data (app.yaml `tiers`, ordered by `rank` or as written): one free default and any
number of paid ones. Moving to a higher paid tier is an upgrade, paid now; moving to a lower paid
tier is a downgrade, taken at the renewal date; moving to the free tier is a cancellation. Which
of these a request is follows from the two tiers' places, never from the words used, so "move us
to X" does the right thing in either direction.
"""

from __future__ import annotations

from enum import StrEnum

from bot.config import Settings


class Move(StrEnum):
    SAME = "same"
    UP = "up"  # to a higher paid tier: charged now
    DOWN = "down"  # to a lower paid tier: at the renewal date
    TO_FREE = "to_free"  # to the free tier: a cancellation


def rank(settings: Settings, tier: str) -> int:
    return settings.tier_order.index(tier)


def paid_tiers(settings: Settings) -> tuple[str, ...]:
    return tuple(k for k in settings.tier_order if not settings.tiers[k].free)


def move(settings: Settings, current: str, target: str) -> Move:
    if target == current:
        return Move.SAME
    if settings.tiers[target].free:
        return Move.TO_FREE
    return Move.UP if rank(settings, target) > rank(settings, current) else Move.DOWN


def above(settings: Settings, tier: str) -> tuple[str, ...]:
    """The paid tiers an account on `tier` can upgrade to, cheapest first."""
    return tuple(t for t in paid_tiers(settings) if rank(settings, t) > rank(settings, tier))


def below(settings: Settings, tier: str) -> tuple[str, ...]:
    """The paid tiers an account on `tier` can move down to, dearest first."""
    return tuple(
        t for t in reversed(paid_tiers(settings)) if rank(settings, t) < rank(settings, tier)
    )


def upgrade_target(settings: Settings, current: str) -> str | None:
    """Where "upgrade" without a tier goes: from the free tier the configured upgrade tier,
    from a paid tier the next one up; None on the highest tier."""
    if settings.tiers[current].free:
        return settings.upgrade_target
    higher = above(settings, current)
    return higher[0] if higher else None


def downgrade_target(settings: Settings, current: str) -> str:
    """Where "downgrade" without a tier goes: the next paid tier down, else the free tier."""
    lower = below(settings, current)
    return lower[0] if lower else settings.default_tier


def with_phone_support(settings: Settings) -> tuple[str, ...]:
    """The tiers whose accounts get a phone support code, cheapest first."""
    return tuple(k for k in settings.tier_order if settings.tiers[k].phone_support)


def names(settings: Settings, tiers: tuple[str, ...], joiner: str = "or") -> str:
    """Tier names in words: "A", "A or B", "A, B or C"."""
    found = [settings.tiers[t].name for t in tiers]
    if len(found) <= 1:
        return "".join(found)
    return f"{', '.join(found[:-1])} {joiner} {found[-1]}"


def staff_channel(settings: Settings, team: str, tier: str | None = None) -> str:
    """Where a team's tickets go: a support ticket to its tier's own queue when app.yaml gives
    the tier a `handoff_channel`, else the team's channel."""
    handoff = settings.slack.handoff
    if team == "sales":
        return handoff.sales_channel
    own = settings.tiers[tier].handoff_channel if tier in settings.tiers else None
    return own or handoff.support_channel
