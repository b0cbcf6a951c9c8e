"""app.yaml -> validated, typed settings.

Everything a vendor may change without code is read here once, checked, and handed to the rest
of the bot as immutable values. A bad file stops start-up with a message that names the key and
the problem, because a bot that quotes a wrong price or wrong hours is worse than one that does
not start.
"""

from __future__ import annotations

import os
import re
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    ValidationError,
    field_validator,
    model_validator,
)

from bot.desk_config import Desk, SupportChannel
from bot.holiday_calendar import check_place
from bot.validation import problems

DEFAULT_CONFIG_PATH = "app.yaml"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class ConfigError(Exception):
    """The configuration file is missing or wrong; the message says where and why."""


class _ConfigLoader(yaml.SafeLoader):
    """YAML's safe loader, leaving dates as text: PyYAML builds a date as it reads one, so
    `holidays: [2026-13-45]` would fail inside the parser with no key in the message; as text,
    the settings' own validation reads it and names `support_hours.holidays.0`."""


_ConfigLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _minutes_of_day(value: Any) -> int:
    """Read "HH:MM" as minutes after midnight ("24:00" allowed as a closing time)."""
    if isinstance(value, bool) or not isinstance(value, str):
        if isinstance(value, int):
            raise ValueError(
                'write the time in quotes, like "17:00" '
                f"(YAML read an unquoted time as the number {value})"
            )
        raise ValueError('expected a time like "08:00"')
    match = re.fullmatch(r"([01]?\d|2[0-4]):([0-5]\d)", value.strip())
    if not match:
        raise ValueError(f'{value!r} is not a time like "08:00"')
    minutes = int(match[1]) * 60 + int(match[2])
    if minutes > 24 * 60:
        raise ValueError(f"{value!r} is past midnight")
    return minutes


MinuteOfDay = Annotated[int, BeforeValidator(_minutes_of_day)]


class _Strict(BaseModel):
    """Unknown keys are refused, so a typo in app.yaml is caught instead of silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ResponseTarget(_Strict):
    """How soon a ticket gets a first human reply, counted in business time."""

    amount: int = Field(gt=0)
    unit: Literal["business_hours", "business_days"]

    @classmethod
    def parse(cls, text: Any) -> ResponseTarget:
        if isinstance(text, dict):
            return cls(**text)
        match = re.fullmatch(
            r"\s*(\d+)\s+business\s+(hour|hours|day|days)\s*", str(text), flags=re.I
        )
        if not match:
            raise ValueError(
                f'{text!r} is not a response target like "4 business hours" or "1 business day"'
            )
        unit = "business_hours" if match[2].lower().startswith("hour") else "business_days"
        return cls(amount=int(match[1]), unit=unit)

    @property
    def text(self) -> str:
        noun = "hour" if self.unit == "business_hours" else "day"
        return f"{self.amount} business {noun}{'' if self.amount == 1 else 's'}"


class Product(_Strict):
    name: str = Field(min_length=1)
    short_name: str | None = None
    formerly: str | None = None
    vendor: str | None = None
    # Other names customers use for the product ("IM"): like its name, they say nothing about
    # what a question asks.
    aliases: tuple[str, ...] = ()

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class SupportHoursConfig(_Strict):
    timezone: str = "America/Los_Angeles"
    days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")
    open: MinuteOfDay
    close: MinuteOfDay
    holidays: tuple[date, ...] = ()
    # A country's (ISO code) and region's public holidays, from the `holidays` package.
    holidays_country: str | None = None
    holidays_region: str | None = None

    @model_validator(mode="after")
    def _known_country(self) -> SupportHoursConfig:
        check_place(self.holidays_country, self.holidays_region)
        return self

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r} (use a name like America/Los_Angeles)"
            ) from exc
        return value

    @field_validator("days")
    @classmethod
    def _known_days(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        days = tuple(day.strip().lower()[:3] for day in value)
        unknown = [d for d, raw in zip(days, value, strict=True) if d not in WEEKDAYS or not raw]
        if unknown:
            raise ValueError(f"unknown day(s) {unknown}; use {', '.join(WEEKDAYS)}")
        if not days:
            raise ValueError("at least one support day is needed")
        return days

    @model_validator(mode="after")
    def _close_after_open(self) -> SupportHoursConfig:
        if self.close <= self.open:
            raise ValueError("support_hours.close must be later than support_hours.open")
        return self


class Tier(_Strict):
    name: str = Field(min_length=1)
    free: bool = False
    price_cents: dict[str, StrictInt]
    term_months: int = Field(ge=0, le=120)
    response_target: Annotated[ResponseTarget, BeforeValidator(ResponseTarget.parse)]
    phone_support: bool = False
    rank: int | None = None  # lower is cheaper; without ranks: free first, then as written
    synonyms: tuple[str, ...] = ()  # other names customers use for the tier ("prio")
    handoff_channel: str | None = None  # its tickets' queue; else slack.handoff.support_channel

    @model_validator(mode="after")
    def _prices_fit_the_kind(self) -> Tier:
        negative = [kind for kind, cents in self.price_cents.items() if cents < 0]
        if negative:
            raise ValueError(f"price_cents must not be negative (for {', '.join(negative)})")
        if self.free and any(self.price_cents.values()):
            raise ValueError("a free tier must have price_cents 0 for every account type")
        if not self.free and (self.term_months < 1 or not all(self.price_cents.values())):
            raise ValueError(
                "a paid tier needs term_months >= 1 and a price above 0 per account type"
            )
        return self


class Billing(_Strict):
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    grace_period_days: int = Field(default=7, ge=0, le=90)
    quote_ttl_minutes: int = Field(default=15, ge=1, le=24 * 60)
    renewal_reminder_days: int = Field(default=30, ge=0, le=365)
    # Moving up from a paid tier: a new full term now at the new price (new_term), or the same
    # less a credit for the unused part of the current term (prorate).
    upgrade_policy: Literal["new_term", "prorate"] = "new_term"
    # A cancel or downgrade this many days or fewer before the renewal is refused (0: any time).
    cancel_notice_days: int = Field(default=0, ge=0, le=365)
    # Who moves the money: the built-in sandbox (Stripe's test tokens, nothing leaves the
    # machine) or Stripe itself, with its keys from the environment, never from this file.
    gateway: Literal["sandbox", "stripe"] = "sandbox"

    STRIPE_KEYS: ClassVar[tuple[str, ...]] = ("STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET")

    @model_validator(mode="after")
    def _stripe_keys_are_set(self) -> Billing:
        """Checked with the file, so a deployment switched to Stripe without its keys stops at
        start-up, naming the variable, instead of failing its first charge."""
        missing = [name for name in self.STRIPE_KEYS if not os.environ.get(name, "").strip()]
        if self.gateway == "stripe" and missing:
            raise ValueError(
                f"gateway is stripe but {' and '.join(missing)} "
                f"{'is' if len(missing) == 1 else 'are'} not set in the environment "
                "(Stripe keys are read from the environment only)"
            )
        return self


class Contact(_Strict):
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    tickets_url: str | None = None
    knowledge_base_url: str | None = None
    sales_chat_url: str | None = None
    phone: str | None = None
    phone_support_code_location: str | None = None
    billing_location: str | None = None
    # Other ways to reach people, offered wherever a person is offered.
    community_url: str | None = None
    in_app_chat: str | None = None  # where the chat is, e.g. "the chat bubble in the app"
    status_page_url: str | None = None


class Labels(_Strict):
    """The vendor's words for things the bot names (the defaults are the shipped vendor's)."""

    phone_code: str = "Phone Support Code"
    primary_user: str = "primary user"
    billing_access: str = "billing access"


class Handoff(_Strict):
    sales_channel: str = Field(min_length=1)
    support_channel: str = Field(min_length=1)


class SlackSettings(_Strict):
    support_channels: tuple[SupportChannel, ...] = ()
    handoff: Handoff
    desk: Desk = Desk()  # reactions, out-of-hours replies, due-time alerts, ratings
    # Members of a customer's own Slack workspace (the account's slack_team_id) who are not
    # linked may see the account's status, never change it; false: linked users only.
    trust_team_members: bool = True


class KnowledgeBase(_Strict):
    path: Path = Path("kb")
    index_path: Path = Path("var/kb-index")
    min_confidence: float = Field(default=0.5, ge=0.0, le=1.0)


class Intents(_Strict):
    path: Path = Path("intents")


class Settings(_Strict):
    """The whole vendor configuration, validated. Paths are absolute (relative to app.yaml)."""

    product: Product
    support_hours: SupportHoursConfig
    account_types: dict[str, str] = Field(min_length=1)
    tiers: dict[str, Tier] = Field(min_length=1)
    default_tier: str
    upgrade_tier: str | None = None  # a bare "upgrade" from free; default: the cheapest paid
    billing: Billing = Billing()
    contact: Contact
    labels: Labels = Labels()
    slack: SlackSettings
    kb: KnowledgeBase = KnowledgeBase()
    intents: Intents = Intents()

    @field_validator("account_types")
    @classmethod
    def _slug_keys(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [key for key in value if not re.fullmatch(r"[a-z][a-z0-9_]*", key)]
        if bad:
            raise ValueError(f"account type keys must be lower-case words, not {bad}")
        return value

    @model_validator(mode="after")
    def _tiers_are_consistent(self) -> Settings:
        for key in ("default_tier", "upgrade_tier"):
            if getattr(self, key) is not None and getattr(self, key) not in self.tiers:
                raise ValueError(
                    f"{key} {getattr(self, key)!r} is not one of tiers: {list(self.tiers)}"
                )
        if not self.tiers[self.default_tier].free:
            raise ValueError(f"default_tier {self.default_tier!r} must be a free tier")
        if self.upgrade_tier and self.tiers[self.upgrade_tier].free:
            raise ValueError(
                f"upgrade_tier {self.upgrade_tier!r} is a free tier: name the paid tier that "
                "customers upgrade to"
            )
        for tier_key, tier in self.tiers.items():
            missing = set(self.account_types) - set(tier.price_cents)
            extra = set(tier.price_cents) - set(self.account_types)
            if missing or extra:
                raise ValueError(
                    f"tiers.{tier_key}.price_cents must list exactly the account types "
                    f"{sorted(self.account_types)} "
                    f"(missing {sorted(missing)}, unknown {sorted(extra)})"
                )
        ranks = [t.rank for t in self.tiers.values() if t.rank is not None]
        if ranks and (len(ranks) != len(self.tiers) or len(set(ranks)) != len(ranks)):
            raise ValueError("give every tier a different rank, or none (their order counts)")
        if not any(not t.free for t in self.tiers.values()):
            raise ValueError("tiers: at least one paid tier is needed")
        free = self.tiers[self.default_tier]
        paid = [(k, t) for k, t in self.tiers.items() if not t.free]
        above = [k for k, t in paid if (t.rank or 0) < (free.rank or 0)]
        if ranks and above:
            raise ValueError(
                f"default_tier {self.default_tier!r} must rank below every paid tier "
                f"(ranked below it: {above})"
            )
        return self

    @cached_property
    def tier_order(self) -> tuple[str, ...]:
        """Tier keys from the cheapest up: by rank, else free tiers first, then as written."""
        keys = list(self.tiers)
        ranked = [self.tiers[k].rank for k in keys]  # all or none (checked above)
        place = ranked if None not in ranked else [not self.tiers[k].free for k in keys]
        return tuple(k for _, _, k in sorted(zip(place, range(len(keys)), keys, strict=True)))

    @property
    def upgrade_target(self) -> str:
        """The tier an upgrade from the free tier goes to when none is named."""
        return self.upgrade_tier or next(k for k in self.tier_order if not self.tiers[k].free)

    @cached_property
    def timezone(self) -> ZoneInfo:
        return ZoneInfo(self.support_hours.timezone)

    def price_cents(self, tier: str, account_type: str) -> int:
        """The one place a price is read: answers and charges both come through here."""
        return self.tiers[tier].price_cents[account_type]


def parse_settings(data: Any, base_dir: Path, source: str = "app.yaml") -> Settings:
    """Validate already-parsed YAML; relative paths are taken from base_dir."""
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping of settings at the top level")
    try:
        settings = Settings.model_validate(data)
    except ValidationError as exc:
        details = "\n".join(f"  {line}" for line in problems(exc))
        raise ConfigError(f"{source} is not valid:\n{details}") from None
    resolve = lambda p: p if p.is_absolute() else (base_dir / p).resolve()  # noqa: E731
    return settings.model_copy(
        update={
            "kb": settings.kb.model_copy(
                update={
                    "path": resolve(settings.kb.path),
                    "index_path": resolve(settings.kb.index_path),
                }
            ),
            "intents": settings.intents.model_copy(update={"path": resolve(settings.intents.path)}),
        }
    )


def load_settings(path: str | os.PathLike[str] | None = None) -> Settings:
    """Read the file named by the argument, $SUPPORTBOT_CONFIG, or ./app.yaml."""
    config_path = Path(path or os.environ.get("SUPPORTBOT_CONFIG") or DEFAULT_CONFIG_PATH)
    try:
        text = config_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{config_path}: configuration file not found") from None
    except OSError as exc:
        raise ConfigError(f"{config_path}: cannot read ({exc.strerror})") from None
    try:
        data = yaml.load(text, Loader=_ConfigLoader)  # a safe loader (yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{config_path}: not valid YAML{where}: {problem}") from None
    return parse_settings(data, config_path.resolve().parent, source=str(config_path))
