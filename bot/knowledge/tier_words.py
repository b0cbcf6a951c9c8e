"""A vendor's tier synonyms (app.yaml `tiers.*.synonyms`: "prem", "std", "free tier") read as
the tier's key, the word its articles and intents use: "std vs prem response time" is then
searched, and matched, as "standard vs premium response time"."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from bot.config import Settings

Patterns = list[tuple[re.Pattern[str], str]]
Made = TypeVar("Made")
_cache: dict[tuple[int, str], tuple[Settings, Any]] = {}


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase matched as whole words, case-blind, whatever the spaces between them."""
    words = r"\s+".join(map(re.escape, phrase.split()))
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])", re.I)


def cached(settings: Settings, name: str, build: Callable[[Settings], Made]) -> Made:
    """Patterns (or names) made once per settings object (settings never change once loaded)."""
    held = _cache.get((id(settings), name))
    if held is None or held[0] is not settings:
        if len(_cache) > 32:
            _cache.clear()
        held = _cache[(id(settings), name)] = (settings, build(settings))
    return held[1]


def tier_phrases(settings: Settings) -> dict[str, str]:
    """Every way app.yaml names a tier (key, name, synonyms), lowercased -> the tier's key,
    longest phrase first."""
    found: list[tuple[str, str]] = []
    for key, tier in settings.tiers.items():
        for phrase in (key, key.replace("_", " "), tier.name, *tier.synonyms):
            words = phrase.strip().lower().split()
            if words:
                found.append((" ".join(words), key))
    found.sort(key=lambda item: -len(item[0]))
    return dict(found)


def _synonyms(settings: Settings) -> Patterns:
    """(pattern, tier key) for every synonym app.yaml gives a tier, longest first."""
    phrases = {
        " ".join(p.lower().split()): key
        for key, tier in settings.tiers.items()
        for p in tier.synonyms
        if p.strip()
    }
    return [(phrase_pattern(p), k) for p, k in sorted(phrases.items(), key=lambda i: -len(i[0]))]


def synonyms_as_keys(text: str, settings: Settings) -> str:
    """The text with each tier synonym app.yaml gives ("prem", "free tier") written as its tier's
    key ("premium", "standard"), the word the intents' examples use: "when does our prem renew"
    is then as close to "when does our plan renew" as "when does our premium renew" is."""
    for pattern, key in cached(settings, "synonyms", _synonyms):
        text = pattern.sub(key.replace("_", " "), text)
    return text
