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
    taken: list[tuple[int, int]] = []
    named: list[tuple[int, str]] = []
    for pattern, key in cached(settings, "names", _phrases):
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < end and start < span[1] for start, end in taken):
                continue  # inside a longer name already found ("premium support")
            taken.append(span)
            if not _FROM.search(text[: span[0]]):
                named.append((span[0], key))
    return max(named)[1] if named else None


# Actions that move to a tier the message may name.
MOVES = frozenset({"upgrade", "downgrade"})


def tier_for(action: str, text: str | None, settings: Settings) -> str | None:
    """The tier an upgrade or downgrade request names (None for other actions)."""
    return tier_named_in(text, settings) if action in MOVES else None
