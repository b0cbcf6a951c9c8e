"""A vendor's tier synonyms (app.yaml `tiers.*.synonyms`: "prem", "std", "free tier") read as
the tier's key, the word its articles and intents use: "std vs prem response time" is then
searched, and matched, as "standard vs premium response time"."""

from __future__ import annotations

import re

from bot.config import Settings


def synonyms_as_keys(text: str, settings: Settings) -> str:
    """The text with each tier synonym app.yaml gives ("prem", "free tier") written as its tier's
    key ("premium", "standard"), the word the intents' examples use: "when does our prem renew"
    is then as close to "when does our plan renew" as "when does our premium renew" is."""
    for pattern, key in _cached_synonyms(settings):
        text = pattern.sub(key.replace("_", " "), text)
    return text


_synonym_cache: dict[int, tuple[Settings, list[tuple[re.Pattern[str], str]]]] = {}


def _cached_synonyms(settings: Settings) -> list[tuple[re.Pattern[str], str]]:
    held = _synonym_cache.get(id(settings))
    if held is None or held[0] is not settings:
        if len(_synonym_cache) > 16:
            _synonym_cache.clear()
        phrases = sorted(
            ((" ".join(p.lower().split()), key) for key, tier in settings.tiers.items()
             for p in tier.synonyms if p.strip()),
            key=lambda item: -len(item[0]),
        )  # fmt: skip
        patterns = [
            (re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, p.split())) + r"(?![\w-])",
                        re.I), key)
            for p, key in phrases
        ]  # fmt: skip
        held = _synonym_cache[id(settings)] = (settings, patterns)
    return held[1]
