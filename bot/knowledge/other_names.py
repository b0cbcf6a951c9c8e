"""A question about something the vendor does not have: a support tier by a name none of
app.yaml's tiers goes by ("how much is the *Platinum* support tier?", "do u have an enterprise
or 24/7 plan above premium?", "is there a tier above premium?"), or another product of the
vendor's ("how much does the Extensiv 3PL Warehouse Manager cost?").

The articles answer these with what they have, closely and wrongly: the list of tiers for the
Platinum one, Premium's price for the other product (read by the message's "warehouse"). Such a
question gets no article; the reply says what the vendor has instead, and offers a person
(sales may well sell what the articles don't list).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.config import Settings
from bot.knowledge.tier_words import cached, phrase_pattern

# Names support tiers commonly go by elsewhere; a vendor whose tier is called so (a key, name or
# synonym in app.yaml) asks about its own.
_TIER_NAMES = "platinum gold silver bronze diamond titanium enterprise ultimate elite".split()
_TIER_WORD = r"(?:support\s+)?(?:tier|plan|level|package|subscription|option)s?\b"
# Words that end a product's name ("Warehouse Manager", "Order Hub").
_PRODUCT_WORD = r"(?:manager|hub|suite|wms|oms)\b"


@dataclass(frozen=True)
class Other:
    kind: str  # "tier", "above" (a tier above the dearest) or "product"
    name: str  # as the message spells it


def other_name(question: str, settings: Settings) -> Other | None:
    """The tier or product named that the vendor does not have."""
    text = question[:2000]
    for kind, pattern, ours in cached(settings, "other names", _patterns):
        for found in pattern.finditer(text):
            name = " ".join(found.group("name").split())
            if not ours(name.lower()):
                return Other(kind, name)
    return None


Finder = tuple[str, re.Pattern[str], Callable[[str], bool]]


def _patterns(settings: Settings) -> list[Finder]:
    """Each pattern with what tells the vendor's own name from another's."""
    own = {w.lower() for w in _tier_words(settings)}
    names = [n for n in _TIER_NAMES if n not in own]
    patterns: list[Finder] = []
    never = lambda name: False  # noqa: E731
    if names:
        # "the Platinum support tier", "an enterprise or 24/7 plan"
        alternatives = "|".join(names)
        patterns.append(("tier", re.compile(
            rf"\b(?P<name>{alternatives})\b\W*(?:(?:or|/)\s*\S+\s+)?{_TIER_WORD}", re.I
        ), never))  # fmt: skip
        # "upgrade us to platinum", the name ending its clause (not "we sell to enterprise
        # customers", "we ship to Gold Coast")
        patterns.append(("tier", re.compile(
            rf"\b(?:to|onto|into)\s+(?:the\s+)?(?P<name>{alternatives})"
            r"(?=\s*(?:$|[.,;:!?)]|\b(?:pls|please|plz|now|asap|today|thanks?|thx)\b))", re.I
        ), never))  # fmt: skip
    dearest = _dearest(settings)
    if dearest:
        # "a tier above premium", "any plan higher than premium support"
        patterns.append(("above", re.compile(
            rf"\b(?P<name>(?:tier|plan|level|package)\s+(?:above|higher\s+than|beyond|over)\s+"
            rf"(?:the\s+)?(?:{dearest}))", re.I
        ), never))  # fmt: skip
    vendor = settings.product.vendor
    if vendor:
        # "Extensiv 3PL Warehouse Manager", unless it is the product's own name
        product = re.compile(
            rf"\b(?P<name>{re.escape(vendor)}\s+(?:[\w-]+\s+){{0,2}}?{_PRODUCT_WORD})", re.I
        )
        patterns.append(("product", product, _ours(settings, vendor)))
    return patterns


def _ours(settings: Settings, vendor: str) -> Callable[[str], bool]:
    """Whether a name after the vendor's is the product's own ("Extensiv Integration Manager")."""
    names = (settings.product.name, settings.product.short_name, *settings.product.aliases)
    ours = {" ".join(n.lower().split()) for n in names if n}
    skip = len(vendor)
    return lambda name: name in ours or name[skip:].strip() in ours


def _tier_words(settings: Settings) -> list[str]:
    words = []
    for key, tier in settings.tiers.items():
        for phrase in (key, tier.name, *tier.synonyms):
            words += re.findall(r"\w+", phrase)
    return words


def _dearest(settings: Settings) -> str:
    """The dearest tier's key, name and synonyms as one alternation."""
    paid = [(max(t.price_cents.values(), default=0), k) for k, t in settings.tiers.items()]
    if not paid:
        return ""
    key = max(paid)[1]
    tier = settings.tiers[key]
    phrases = sorted({key.replace("_", " "), tier.name, *tier.synonyms}, key=len, reverse=True)
    return "|".join(phrase_pattern(p).pattern for p in phrases if p.strip())
