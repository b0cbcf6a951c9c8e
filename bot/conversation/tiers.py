"""Which tier a message names, by the vendor's own words for its tiers.

"move us to enterprise", "go down to prio at renewal", "/support-tier upgrade Enterprise
Support": the target is found by each tier's key, display name and `synonyms` from app.yaml, so
a vendor's tiers are recognised without a word of them in code. The intents say what is asked
(upgrade, downgrade); this says to which tier.
"""

from __future__ import annotations

import re

from bot.config import Settings
from bot.knowledge.text import split_sentences
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
    """Whether the name at `start` follows "from"."""
    return _just_before(_FROM, text, start, _BEFORE)


def _just_before(words: re.Pattern[str], text: str, start: int, reach: int) -> bool:
    """Whether `words` end right where a name starts; only the `reach` characters before it
    are read (a message may name a tier thousands of times)."""
    return bool(words.search(text[max(0, start - reach) : start]))


# (A target is looked for in the first characters only: a name repeated 5,000 times is no move.)
_TARGET_CHARS = 2000
_TO = re.compile(r"(\b(to|onto|into)\s+(the\s+|our\s+)?|->\s*|=>\s*|→\s*)$", re.I)


def tiers_named(text: str | None, settings: Settings) -> set[str]:
    """Every tier the text names (its first characters)."""
    window = (text or "")[:_TARGET_CHARS]
    return {key for pattern, key in cached(settings, "names", _phrases) if pattern.search(window)}


def target_tier(text: str | None, settings: Settings) -> str | None:
    """The tier the message says it moves *to* ("we are moving to standard", "-> premium"),
    the last one so named; None when no tier follows "to"."""
    if not text:
        return None
    found = [
        (m.start(), key)
        for pattern, key in cached(settings, "names", _phrases)
        for m in pattern.finditer(text[:_TARGET_CHARS])
        if _just_before(_TO, text, m.start(), 15)
    ]
    return max(found)[1] if found else None


# Actions that move to a tier the message may name.
MOVES = frozenset({"upgrade", "downgrade"})


def tier_for(action: str, text: str | None, settings: Settings) -> str | None:
    """The tier an upgrade or downgrade request names (None for other actions)."""
    return tier_named_in(text, settings) if action in MOVES else None


# An order naming the tier to move to is a sentence of its own, made of three parts and nothing
# else: what may open it (a greeting, agreement, "please", a polite "can you", the asker's own
# wish "we'd like to", "let's"; not a mention, which is a colleague's: Slack removes the bot's),
# the order's verb with what it moves ("go", "switch our account to", "change support tier ->"),
# then the tier and at most an urging ("pls", "today", "for our account", an emoji). "what
# happens when you go premium", "we'd like to go premium but can't afford it", "Our CFO said: go
# premium", "switch the shipping method to standard" and "will you switch us to premium
# automatically at renewal?" are no such sentence.
_OPENER = re.compile(
    r"(?:(?:[*_~>`]|(?:hi|hey|hello|ok|okay|so|yes|yeah|yep|alright|right|then|now|please|"
    r"pls|plz|kindly|just|sold|(?:i'?m|we'?re|i am|we are)\s+sold|go ahead and)\b)[\s,!:.-]*)*"
    r"(?P<polite>(?:can|could|will)\s+(?:you|u)\s+(?:(?:please|pls|plz|kindly|just)\s+)?)?"
    r"(?:(?:i|we)(?:'d|\s+would)\s+like\s+to\s+|(?:i|we)\s+(?:want|need|wanna)\s+(?:to\s+)?|"
    r"(?:(?:i'?m|we'?re|i am|we are)\s+)?ready\s+to\s+|(?:i|we)\s+(?:have\s+)?decided\s+to\s+)?"
    r"(?:let'?s\s+)?",
    re.I,
)
_OBJECT = (
    r"(?:\s+(?:us|our|my|me|the|account|acct|support|plan|tier|subscription|level|"
    r"company|team|org|over|back|up|everything|all|whole|current))*"
    r"(?:\s+from\s+(?:the\s+)?\w+(?:\s+(?:support|plan|tier))?)?"
)
_VERB = re.compile(
    r"(?:do|try|go(?:\s+(?:with|for|back\s+to|ahead\s+with))?|"
    r"(?:(?:our\s+)?(?:support\s+)?(?:plan|tier|subscription)\s*)?(?:->|=>|→)|"
    r"(?:buy|purchase|activate|enable|order|start|add)|"
    r"(?:switch|move|change|put|set|bump|upgrade|downgrade|convert|take|subscribe|sign|enroll|get)"
    + _OBJECT
    + r"\s*(?:to|on|onto|into|for|with|->|=>|→))(?:\s+(?:the|a|our))?",
    re.I,
)
_TAIL = re.compile(
    r"(?:[\s,!.:;)*_~?–—-]|\b(?:support|plan|tier|subscription|level|package|thing|one|option|"
    r"please|pls|plz|now|today|asap|right away|immediately|starting today|for (?:us|me|our "
    r"(?:account|acct|company|team))|thanks|thank you|thx|ty|too|again|instead|proceed|"
    r"go ahead|do it)\b|:[a-z0-9_+\-]+:|[\u2600-\u27bf\U0001f300-\U0001faff])*",
    re.I,
)
# ... or those, then a clause of its own that takes nothing back ("go ahead and move us to
# premium, we need the phone line"; not "…, but we can't afford it", "…or not").
_NEXT_CLAUSE = re.compile(r"(?:[,;]|\s[-–—])\s*$")
_HOLDS_BACK = re.compile(
    r"\b(but|though|although|however|unless|if|when|once|until|wait|not|never|no|nah|or|later|"
    r"next|eventually|afford|expensive|waste|joke|kidding)\b|n't\b|\?",
    re.I,
)
_VAGUE = frozenset({"do", "go", "try", "->", "=>", "→"})
# Or the whole message is the tier and an urging ("premium pls 🙏", "PREMIUM. NOW.", "prem
# asap"); "no premium please", "premium? no thanks" and "thanks for the premium support" are not.
_URGING = re.compile(r"\b(pls|please|plz|now|asap|today|immediately)\b", re.I)
_FILLER = re.compile(
    r"<@\w+>|:[a-z0-9_+\-]+:|[^\w\s]|\b(pls|please|plz|now|asap|today|immediately|ok|okay|yes|"
    r"yeah|support|plan|tier)\b",
    re.I,
)


def ordered_tier(text: str | None, settings: Settings) -> str | None:
    """The tier a message orders the account moved to, when one of its sentences is such an
    order ("go premium", "Please change our support tier to Premium", "can you move us to
    premium?") or the message is the tier and an urging ("premium pls 🙏"); None for a message
    that only mentions a tier."""
    if not text:
        return None
    for sentence in split_sentences(text):
        tier = _ordered_in(sentence, settings)
        if tier is not None:
            return tier
    return _urged(text, settings)


def _ordered_in(sentence: str, settings: Settings) -> str | None:
    opener = _OPENER.match(sentence)  # (always matches: every part of it is optional)
    begin = opener.end()
    named = _first_name(sentence, begin, settings)
    if named is None:
        return None
    start, end, key = named
    if not _VERB.fullmatch(sentence[begin:start].strip()):
        return None
    tail = sentence[end:]
    urging = tail[: _TAIL.match(tail).end()]
    rest = tail[len(urging) :]
    if rest and (not _NEXT_CLAUSE.search(urging) or _HOLDS_BACK.search(rest)):
        return None
    # (asked, only as "can you move us to premium?": "can you do standard?" asks whether)
    verb = sentence[begin:start].split()
    if "?" in urging and not (opener.group("polite") and verb[0].lower() not in _VAGUE):
        return None
    return key


def _first_name(sentence: str, begin: int, settings: Settings) -> tuple[int, int, str] | None:
    """The first tier name after `begin` (the longest, where names start at one place)."""
    found = [
        (m.start(), -(m.end() - m.start()), m.end(), key)
        for pattern, key in cached(settings, "names", _phrases)
        for m in [pattern.search(sentence, begin)]
        if m is not None
    ]
    if not found:
        return None
    start, _, end, key = min(found)
    return start, end, key


def _urged(text: str, settings: Settings) -> str | None:
    tier = tier_named_in(text, settings)
    if tier is None or not _URGING.search(text):
        return None
    rest = text
    for pattern, _ in cached(settings, "names", _phrases):
        rest = pattern.sub(" ", rest)
    return tier if not _FILLER.sub(" ", rest).split() else None
