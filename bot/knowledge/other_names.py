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
from bot.knowledge.concepts import product_names
from bot.knowledge.text import MAX_QUESTION_CHARS
from bot.knowledge.tier_words import cached, phrase_pattern, tier_phrases

# Names support tiers commonly go by elsewhere; a vendor whose tier is called so (a key, name or
# synonym in app.yaml) asks about its own.
_TIER_NAMES = "platinum gold silver bronze diamond titanium enterprise ultimate elite".split()
_TIER_WORD = r"(?:tier|plan|level|package|subscription|option)s?\b"
# Words that end a product's name ("Warehouse Manager", "Order Hub").
_PRODUCT_WORD = r"(?:manager|hub|suite|wms|oms)\b"
# Words between the vendor's name and a product word that make no product's name: a person
# ("our Extensiv account manager"), a sentence ("connect Extensiv to our WMS", "is Extensiv a
# WMS").
_NO_NAME = frozenset(
    """to our your my their the a an is as and or with for of account sales success support
    customer project onboarding implementation partner relationship""".split()
)


@dataclass(frozen=True)
class Other:
    kind: str  # "tier", "above" (a tier above the dearest) or "product"
    name: str  # as the message spells it


def other_name(question: str, settings: Settings) -> Other | None:
    """The support tier or product a question asks about that the vendor does not have. Only
    what names itself a support tier counts ("the Platinum support tier", "is there a gold
    plan?"): a customer's own plans and tiers elsewhere ("we're on Shopify's enterprise plan",
    "our gold tier customers") are not asked about."""
    return _first(question, cached(settings, "other names asked", _asked))


def other_tier_ordered(order: str, settings: Settings) -> Other | None:
    """The tier an order names that the vendor does not have ("sign us up for the enterprise
    plan", "upgrade us to platinum"), for an order that names none of the vendor's own."""
    return _first(order, cached(settings, "other names ordered", _ordered))


Finder = tuple[str, re.Pattern[str], Callable[[str], bool]]


def _first(text: str, finders: list[Finder]) -> Other | None:
    for kind, pattern, ours in finders:
        for found in pattern.finditer(text[:MAX_QUESTION_CHARS]):
            name = " ".join(next(v for v in found.groupdict().values() if v).split())
            if not ours(name.lower()):
                return Other(kind, name)
    return None


def _never(name: str) -> bool:
    return False


def _asked(settings: Settings) -> list[Finder]:
    """A support tier by another name, a tier above the dearest, another product."""
    finders: list[Finder] = []
    names = _other_tier_names(settings)
    if names:
        finders.append(("tier", re.compile(
            # "the Platinum support tier", "enterprise support"; "is there a gold plan?", "do
            # you offer an elite package"
            rf"\b(?P<name>{names})[\s*_]+support\b|"
            rf"\b(?:is\s+there|do\s+(?:you|u)\s+(?:have|offer|sell))\s+(?:a|an|any)\s+"
            rf"(?P<asked>{names})[\s*_]+{_TIER_WORD}|"
            # an order for one: "sign us up for the enterprise plan", "upgrade us to platinum"
            rf"\b(?:sign\s+(?:us|me)\s+up\s+for|(?:upgrade|switch|move|put|bump)\s+(?:us|me)\s+"
            rf"(?:to|on|onto|into))\s+(?:the\s+)?(?P<ordered>{names})\b", re.I
        ), _never))  # fmt: skip
    dearest = _dearest(settings)
    if dearest:
        # "a tier above premium", "any plan higher than premium support"
        finders.append(("above", re.compile(
            rf"\b(?P<name>(?:tier|plan|level|package)\s+(?:above|higher\s+than|beyond|over)\s+"
            rf"(?:the\s+)?(?:{dearest}))", re.I
        ), _never))  # fmt: skip
    vendor = settings.product.vendor
    if vendor:
        # "Extensiv 3PL Warehouse Manager", unless it is the product's own name
        product = re.compile(
            rf"\b(?P<name>{re.escape(vendor)}\s+(?:[\w-]+\s+){{0,2}}?{_PRODUCT_WORD})", re.I
        )
        finders.append(("product", product, _ours(settings, vendor)))
    return finders


def _ordered(settings: Settings) -> list[Finder]:
    """In an order, any tier word after another tier's name, or the name ending its clause."""
    names = _other_tier_names(settings)
    if not names:
        return []
    return [("tier", re.compile(
        # "the enterprise plan", "an enterprise or 24/7 plan"; "upgrade us to platinum pls"
        rf"\b(?P<name>{names})[\s*_]+(?:(?:or|/)\s*\S+\s+)?(?:support\s+)?{_TIER_WORD}|"
        rf"\b(?:to|onto|into)\s+(?:the\s+)?(?P<to>{names})"
        r"(?=\s*(?:$|[,;!?)]|\b(?:pls|please|plz|now|asap|today|thanks?|thx)\b))", re.I
    ), _never)]  # fmt: skip


def _other_tier_names(settings: Settings) -> str:
    """The common tier names none of the vendor's tiers goes by, as one alternation."""
    own = _tier_words(settings)
    return "|".join(n for n in _TIER_NAMES if n not in own)


def _ours(settings: Settings, vendor: str) -> Callable[[str], bool]:
    """Whether a name after the vendor's is no other product: the product's own ("Extensiv
    Integrations Manager", "Extensiv CartRover manager") or no name at all ("Extensiv account
    manager", "Extensiv to our WMS")."""
    own = {w.rstrip("s") for n in product_names(settings) for w in re.findall(r"\w+", n.lower())}
    skip = len(vendor)

    def ours(name: str) -> bool:
        between = re.findall(r"[\w-]+", name[skip:])[:-1]
        return any(w in _NO_NAME or w.rstrip("s") in own for w in between)

    return ours


def _tier_words(settings: Settings) -> set[str]:
    return {w for phrase in tier_phrases(settings) for w in re.findall(r"\w+", phrase)}


def _dearest(settings: Settings) -> str:
    """The highest tier's key, name and synonyms as one alternation (longest first)."""
    if not settings.tier_order:
        return ""
    top = settings.tier_order[-1]
    phrases = [p for p, key in tier_phrases(settings).items() if key == top]
    return "|".join(phrase_pattern(p).pattern for p in phrases)
