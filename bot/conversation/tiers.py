"""Which tier a message names, by the vendor's own words for its tiers.

"move us to enterprise", "go down to prio at renewal", "/support-tier upgrade Enterprise
Support": the target is found by each tier's key, display name and `synonyms` from app.yaml, so
a vendor's tiers are recognised without a word of them in code. The intents say what is asked
(upgrade, downgrade); this says to which tier.
"""

from __future__ import annotations

import re

from bot.config import Settings
from bot.knowledge.tier_words import Patterns, cached, phrase_pattern

# A tier named right after "from" is where the account is coming from, not where it is going
# ("switch us from priority to enterprise").
_FROM = re.compile(r"\bfrom\s*$", re.I)
# How far before a tier's name the words about it are looked for.
_BEFORE = 60


def _phrases(settings: Settings) -> Patterns:
    """(pattern, tier) for every way app.yaml names a tier, longest phrase first."""
    found: list[tuple[str, str]] = []
    for key, tier in settings.tiers.items():
        for phrase in (key, key.replace("_", " "), tier.name, *tier.synonyms):
            words = phrase.strip().lower().split()
            if words:
                found.append((" ".join(words), key))
    found.sort(key=lambda item: -len(item[0]))
    return [(phrase_pattern(p), k) for p, k in dict(found).items()]


def tier_named_in(text: str | None, settings: Settings) -> str | None:
    """The key of the tier the text asks to move to, or None when it names none. Of several,
    the last one named that is not the one moved from."""
    if not text:
        return None
    taken = bytearray(len(text))  # where a name was found (one pass however many names)
    named: list[tuple[int, str]] = []
    for pattern, key in cached(settings, "names", _phrases):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue  # inside a longer name already found ("premium support")
            taken[start:end] = b"\x01" * (end - start)
            if not _moved_from(text, start):
                named.append((start, key))
    return max(named)[1] if named else None


def _moved_from(text: str, start: int) -> bool:
    """Whether the name at `start` follows "from" (only the words just before it are read)."""
    return bool(_FROM.search(text[max(0, start - _BEFORE) : start]))


# Actions that move to a tier the message may name.
MOVES = frozenset({"upgrade", "downgrade"})


def tier_for(action: str, text: str | None, settings: Settings) -> str | None:
    """The tier an upgrade or downgrade request names (None for other actions)."""
    return tier_named_in(text, settings) if action in MOVES else None


# An order that names where to go, said before the tier: "go premium", "lets do prem", "change
# our support tier to Premium", "-> premium". The order opens its sentence or clause, or follows
# a word that leads into one ("ok", "so", "we'd like to"): "what happens when you go premium" and
# "if we switch to premium" only mention it.
_ORDER = re.compile(
    r"(?:^|[.!?,;:\n(*_~>]|\b(?:ok|okay|so|then|just|please|pls|plz|now|and|yes|yeah|yep|sold|"
    r"right|alright|(?:want|wanna|like|need|ready|decided|happy|going)\s+to|"
    r"(?:can|could|would|will)\s+(?:you|u)(?:\s+(?:please|pls|plz|just))?))\s*"
    r"(?:let'?s\s+(?:do|go(?:\s+(?:with|for|back\s+to))?|get|try)|"
    r"go(?:\s+(?:with|for|back\s+to|ahead\s+with))?|"
    r"(?:buy|purchase|activate|enable|order|start|add)|"
    r"(?:switch|move|change|put|set|bump|upgrade|take|subscribe|sign|enroll|get)\b"
    r"[^.?!\n]{0,40}?\b(?:to|on|onto|into|for|with))"
    r"\s+(?:the\s+|a\s+|our\s+)?$|(?:->|=>|→)\s*$",
    re.I,
)
# Or the message is little more than the tier and an urging ("premium pls 🙏", "PREMIUM. NOW.",
# "prem asap"): what is left once the tier's words are taken out.
_URGING = re.compile(r"\b(pls|please|plz|now|asap|today|immediately|thanks|thx|ty)\b", re.I)
_FILLER = re.compile(
    r"<[^<>]*>|:[a-z0-9_+\-]+:|[^\w\s]|\b(pls|please|plz|now|asap|today|immediately|thanks|thx|"
    r"ty|ok|okay|so|just|yes|yeah|the|us|for|support|plan|tier|hi|hey)\b",
    re.I,
)


def ordered_tier(text: str | None, settings: Settings) -> str | None:
    """The tier a message orders the account moved to, when its words are an order naming it
    ("go premium", "Please change our support tier to Premium", "premium pls 🙏"); None for a
    message that only mentions a tier ("premium?", "what does premium include")."""
    if not text:
        return None
    for pattern, key in cached(settings, "names", _phrases):
        for match in pattern.finditer(text):
            before = text[max(0, match.start() - _BEFORE) : match.start()]
            if _ORDER.search(before) and not _moved_from(text, match.start()):
                return key
    tier = tier_named_in(text, settings)
    if tier is None or not _URGING.search(text):
        return None
    rest = text
    for pattern, _ in cached(settings, "names", _phrases):
        rest = pattern.sub(" ", rest)
    return tier if not _FILLER.sub(" ", rest).split() else None
