"""A tier named by what it has rather than by its name: "the expensive support plan", "the 4 hr
ticket response + phone thing", "the paid support tier w phone support", "the plan with the
phone line". Written as the tier's own word before the message is read, so every reading
(an order, a cancel, a question about the tier) sees the tier it would see had it been named.

What sets a tier apart comes from app.yaml, never from code: the one tier with phone support,
the tier whose response target is the one said ("4 hr", "one business day") or the fastest or
slowest ("the faster tickets plan"), the dearest and the cheapest tier by price. A description
made of other words ("the cheapest shipping option", "the 1 day trial thing") is left as
written, and where two tiers' descriptions would fit, the first tier's (in app.yaml's order) is
read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.config import Settings, Tier
from bot.knowledge.text import one_edit
from bot.knowledge.tier_words import cached

# What a description ends with: the thing it describes (not "the phone support code").
_NOUN = (
    r"(?:support\s+)?(?:one|plan|tier|option|package|thing|level|subscription)s?"
    r"(?!\s+(?:code|pin|number|hours?|line|team|desk|e-?mail|portal|tab|page|button|article))"
)
# The other words a description of a support plan may hold (never "shipping", "trial",
# "FedEx", "less": "the cheapest shipping option", "the least expensive tier" name no tier,
# or the other one).
_WORD = (
    r"(?:support|paid|ticket|tickets|response|responses|reply|replies|time|sla|faster|fast|"
    r"quicker|quick|better|higher|top|bigger|annual|yearly|contract|plus|\+|&|and|w/|with|"
    r"customer|priority|level|phone|line|email|e-mail|service|premium|standard|basic|free|"
    r"ticket-response|response-time)"
)
_WITH = r"(?:with|w/?|that\s+(?:has|have|includes?|gives\s+\w+)|incl\w*|including)"
_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
# (the dearest is the top one: "the higher tier", "the top plan"; not "better", said of any
# tier: "switch us to standard, it's the better plan for us now")
_DEAREST = (
    r"(?:most\s+)?(?:expensive|pricier|priciest|pricey|pricy|costlier|costliest|dearer|higher|"
    r"highest|top|upper|bigger|fancier)"
)
_CHEAPEST = r"(?:cheap|cheaper|cheapest|less\s+expensive|least\s+expensive)"
_FASTEST = r"(?:faster|fastest|quicker|quickest|speedier|speediest)"
_SLOWEST = r"(?:slower|slowest)"


def named_as_described(text: str, settings: Settings) -> str:
    """The text with each description that fits one tier alone written as that tier's key, and
    each tier's name typed one letter off ("premuim", "premum", "standrd") written right."""
    names = cached(settings, "tier name words", _name_words)
    text = _WORD_OF_TEXT.sub(lambda m: _spelled_right(m.group(0), names), text)
    for pattern, key in cached(settings, "described tiers", _patterns):
        text = pattern.sub(key.replace("_", " "), text)
    return text


# A name's word is read through a typo from six letters on ("basic" is one letter from "basis").
_SHORTEST_FIXED = 6
_WORD_OF_TEXT = re.compile(r"(?<![\w@<:/.-])[A-Za-z]{5,}(?![\w>@/-])")
_GENERIC = frozenset({"support", "subscription"})


def _name_words(settings: Settings) -> frozenset[str]:
    """The words of the tiers' keys and names (not their synonyms: "easter" is one letter from
    "faster") long enough to be recognised through a typo."""
    phrases = [f"{key} {tier.name}".lower() for key, tier in settings.tiers.items()]
    words = {w for phrase in phrases for w in re.findall(r"[a-z]+", phrase)}
    return frozenset(w for w in words if len(w) >= _SHORTEST_FIXED and w not in _GENERIC)


def _spelled_right(word: str, names: frozenset[str]) -> str:
    lowered = word.lower()
    if lowered in names:
        return word
    return next((name for name in sorted(names) if one_edit(lowered, name)), word)


def _patterns(settings: Settings) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, tier key): "the <…> plan with <what it has>" first, then "the <…what it
    has…> one"."""
    found: list[tuple[re.Pattern[str], str]] = []
    for key, said in _what_sets_apart(settings).items():
        with_it = (
            rf"\bthe\s+(?:{_WORD}\s+){{0,4}}?{_NOUN}\s+{_WITH}\s+(?:the\s+)?(?:{_WORD}\s+){{0,2}}?"
            rf"(?:{said})(?![\w-])(?!(?:\s+\w+)?\s+(?:code|pin|number|hours?)\b)"
            r"(?:\s+(?:support|line|number|access|option)(?![\w-]))?"
        )
        described = (
            rf"\bthe\s+(?:{_WORD}\s+){{0,4}}?(?:{said})(?:\s+{_WORD}){{0,4}}?\s+{_NOUN}(?![\w-])"
        )
        found.append((re.compile(with_it, re.I), key))
        found.append((re.compile(described, re.I), key))
    return found


def _what_sets_apart(settings: Settings) -> dict[str, str]:
    """Tier key -> the words (a regex) that point at it alone, for tiers something sets apart."""
    said: dict[str, list[str]] = {}
    tiers = settings.tiers
    with_phone = [key for key, tier in tiers.items() if tier.phone_support]
    if len(with_phone) == 1:
        said.setdefault(with_phone[0], []).append(r"phone|calls?|call-in")
    targets: dict[tuple[int, str], list[str]] = {}
    for key, tier in tiers.items():
        target = tier.response_target
        targets.setdefault((target.amount, target.unit), []).append(key)
    for (amount, unit), keys in targets.items():
        if len(keys) == 1:
            said.setdefault(keys[0], []).append(_response_words(amount, unit))
    # ("the faster tickets plan": the one tier with the shortest response target)
    speeds = sorted((_hours(tier), key) for key, tier in tiers.items())
    if len(speeds) > 1 and speeds[0][0] < speeds[1][0]:
        said.setdefault(speeds[0][1], []).append(_FASTEST)
    if len(speeds) > 1 and speeds[-1][0] > speeds[-2][0]:
        said.setdefault(speeds[-1][1], []).append(_SLOWEST)
    prices = sorted(((_top_price(tier), key) for key, tier in tiers.items()), reverse=True)
    if len(prices) > 1 and prices[0][0] > prices[1][0]:
        said.setdefault(prices[0][1], []).append(_DEAREST)
    if len(prices) > 1 and prices[-1][0] < prices[-2][0]:
        said.setdefault(prices[-1][1], []).append(_CHEAPEST)
    return {key: "|".join(words) for key, words in said.items()}


def _hours(tier: Tier) -> int:
    """The tier's response target in business hours (a business day as eight)."""
    target = tier.response_target
    return target.amount if target.unit == "business_hours" else target.amount * 8


def _top_price(tier: Tier) -> int:
    return max(tier.price_cents.values(), default=0)


def _response_words(amount: int, unit: str) -> str:
    """ "4 hr", "4-hour", "four business hours", "1 biz day", "one day" (and its reply words)."""
    number = "|".join(_spelled(amount))
    noun = r"(?:h|hr|hrs|hour|hours)" if unit == "business_hours" else r"(?:day|days)"
    return (
        rf"(?:{number})\s*(?:-\s*)?(?:business\s+|biz\s+|working\s+)?{noun}"
        r"(?:\s+(?:ticket\s+)?(?:response|reply|replies|sla|turnaround)s?)?"
    )


def _spelled(amount: int) -> Iterator[str]:
    yield str(amount)
    if amount < len(_NUMBERS):
        yield _NUMBERS[amount]
