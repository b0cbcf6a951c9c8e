"""Which tier a message names, by the vendor's own words for its tiers.

"move us to enterprise", "go down to prio at renewal", "/support-tier upgrade Enterprise
Support": the target is found by each tier's key, display name and `synonyms` from app.yaml, so
a vendor's tiers are recognised without a word of them in code. The intents say what is asked
(upgrade, downgrade); this says to which tier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.config import Settings
from bot.conversation.signals import NEGATION
from bot.knowledge.tier_words import Patterns, cached, phrase_pattern, tier_phrases

# A tier named right after "from" is where the account is coming from, not where it is going
# ("switch us from priority to enterprise").
_FROM = re.compile(r"\bfrom\s*$", re.I)
# The tier the account is on now ("Please put us on Premium — we're on standard right now"): where
# a move goes only when no other tier is named.
_CURRENT = re.compile(
    r"\b(?:we'?re|we\s+are|we'?ve\s+been|(?:we|i)\s+think\s+we'?re)\s+"
    r"(?:(?:currently|still|just|only)\s+)?on\s+(?:the\s+)?$",
    re.I,
)
# How far before a tier's name the words about it are looked for.
_BEFORE = 60


def _phrases(settings: Settings) -> Patterns:
    """(pattern, tier) for every way app.yaml names a tier, longest phrase first, then a paid
    tier by its price said as a plan's ("the $399 one", "the 1199 annual support plan")."""
    names = [(phrase_pattern(p), k) for p, k in tier_phrases(settings).items()]
    return names + list(_by_price(settings))


def _by_price(settings: Settings) -> Iterator[tuple[re.Pattern[str], str]]:
    """A paid tier named by one of its prices (app.yaml's price_cents, the prices it charges)."""
    for key, tier in settings.tiers.items():
        whole = {cents // 100 for cents in tier.price_cents.values() if cents and cents % 100 == 0}
        if tier.free or not whole:
            continue
        amounts = "|".join(f"{d:,}".replace(",", ",?") for d in sorted(whole, reverse=True))
        yield re.compile(
            rf"(?<![\w$.,])\$?\s?(?:{amounts})(?:\.00)?(?:\s*(?:usd|dollars?))?"
            r"(?:\s*(?:/|a|per)\s*(?:yr|year|annum))?\s+(?:(?:annual|yearly)\s+)?"
            r"(?:support\s+)?(?:one|plan|tier|option|package|subscription|thing)\b",
            re.I,
        ), key


def name_patterns(settings: Settings) -> Patterns:
    """(pattern, tier key) for every way app.yaml names a tier, longest first (made once)."""
    return cached(settings, "names", _phrases)


def paid_names(settings: Settings) -> tuple[str, ...]:
    """Every way app.yaml names a paid tier: the words undo.py reads in the place of "plan"
    ("we want premium back"); made once, as the patterns are."""
    return cached(
        settings,
        "paid names",
        lambda s: tuple(p for p, k in tier_phrases(s).items() if not s.tiers[k].free),
    )


# "we have premium", "we're on premium", "we already pay for premium", "we're premium": said
# right before the tier's name, the tier is the asker's already.
_HAVE = re.compile(
    # (not asked for: "could we have premium please?")
    r"(?<!can\s)(?<!could\s)(?<!may\s)"
    r"\b(we|i)(\s*'re|\s+are|\s*'m|\s+am|\s*'ve)?(\s+already|\s+alredy|\s+still)?"
    r"(\s+(have|hav|has|got|on|paying\s+for|pay\s+for|bought|purchased|subscribed\s+to))?"
    r"(\s+(the|our))?\s*$",
    re.I,
)


def words_before_names(text: str, settings: Settings, tier: str, width: int) -> Iterator[str]:
    """The words right before each place the text names `tier`."""
    for pattern, key in name_patterns(settings):
        if key == tier:
            for match in pattern.finditer(text):
                yield text[max(0, match.start() - width) : match.start()]


def already_has(text: str, settings: Settings, tier: str) -> bool:
    """Whether the words say the asker is on `tier` already ("number to call support pls, we
    have premium" asks for no upgrade to it)."""
    for before in words_before_names(text, settings, tier, 40):
        said = _HAVE.search(before)
        if said and (said.group(2) or said.group(4)):  # a verb, not a bare "we premium"
            return True
    return False


# "we're staying on standard for now", "we'll stick with the free plan": the asker keeps it.
_STAYS = re.compile(
    r"\b(stay\w*|remain\w*|stick\w*|keep\w*|leave)\s+(us\s+)?((on|with|at)\s+)?((the|our)\s+)?$",
    re.I,
)


_NOT_BEFORE_STAY = re.compile(
    r"\b(can'?t|cannot|won'?t|not|no more|no longer|don'?t|never)\s+(\w+\s+)?$", re.I
)


def stays_on(text: str, settings: Settings, tier: str) -> bool:
    """Whether the words keep the account on `tier` ("we're staying on standard for now"; not
    "we can't stay on standard any longer")."""
    for before in words_before_names(text, settings, tier, 50):
        stays = _STAYS.search(before)
        if stays and not _NOT_BEFORE_STAY.search(before[: stays.start()]):
            return True
    return False


def tier_named_in(text: str | None, settings: Settings) -> str | None:
    """The key of the tier the text asks to move to, or None when it names none. Of several,
    the last one named that is not the one moved from, nor the one the account is on now."""
    if not text:
        return None
    taken = bytearray(len(text))  # where a name was found (one pass however many names)
    named: list[tuple[bool, int, str]] = []  # (not the current tier, where, which)
    for pattern, key in name_patterns(settings):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue  # inside a longer name already found ("premium support")
            taken[start:end] = b"\x01" * (end - start)
            if not _moved_from(text, start):
                named.append((not _just_before(_CURRENT, text, start, _BEFORE), start, key))
    return max(named)[2] if named else None


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
    return {key for pattern, key in name_patterns(settings) if pattern.search(window)}


def target_tier(text: str | None, settings: Settings) -> str | None:
    """The tier the message says it moves *to* ("we are moving to standard", "-> premium"),
    the last one so named; None when no tier follows "to"."""
    if not text:
        return None
    found = [
        (m.start(), key)
        for pattern, key in name_patterns(settings)
        for m in pattern.finditer(text[:_TARGET_CHARS])
        if _just_before(_TO, text, m.start(), 15)
    ]
    return max(found)[1] if found else None


# Actions that move to a tier the message may name.
MOVES = frozenset({"upgrade", "downgrade"})


def tier_for(action: str, text: str | None, settings: Settings) -> str | None:
    """The tier an upgrade or downgrade request names, or the paid tier a resumption wants back
    ("we want Enterprise back"); None for other actions."""
    if action == "resume":
        named = tier_named_in(text, settings)
        return named if named is not None and named != settings.default_tier else None
    return tier_named_in(text, settings) if action in MOVES else None


# Leaving a tier, in the words customers use for it: the verb right before the tier's name
# ("unsubscribe us from premium", "we're dropping our premium support", "get us off premium"),
# or letting it run out ("let premium lapse").
_LEAVING = re.compile(
    r"\b(drop|dropping|unsubscrib(e|ing)|opt(ing)?\s+out\s+of|discontinu(e|ing)|"
    r"terminat(e|ing)|quit|quitting|leaving|ditch(ing)?|(get|take|come|coming)\s+"
    r"((us|me)\s+)?off(\s+of)?|kill|remove|get\s+rid\s+of|give\s+up|giving\s+up|"
    r"(stop|done)\s+paying(\s+for)?|no\s+more|not\s+renewing|no\s+thanks\s+to|stop|"
    r"(?<=want\s)out\s+of|resign(?:ing)?\s+from|(?<=get\s)out\s+of|canc(?:el|le)(?:l?ing)?|(?P<off>(?:turn|switch|shut)(?:ing)?\s+off))"
    r"(\s+(the|our|my|us|me|from|of|this|that|current))*\s*$",
    re.I,
)
# ... the plan itself, when switched off: its name ends the words or the clause
_PLAN_ENDS = re.compile(
    r"(?:\s+(?:support|plan|subscription|tier|renewal))?\s*(?:[.,;!?)]|$|\s+(?:so|and|please|pls|"
    r"for\s+(?:us|our)|because|now|today|asap|too|entirely|completely)\b)",
    re.I,
)
# ... unless the leaving is negated ("we're not dropping premium", "we won't be leaving premium")
_NOT_BEFORE = re.compile(r"(" + NEGATION + r"|\bno longer)(\s+\w+)?\s*$", re.I)
# (not "don't let the premium plan lapse", which keeps it)
_LET = re.compile(r"(?<!don't )(?<!dont )(?<!not )(?<!never )\blet\s+((the|our|my)\s+)?$", re.I)
# ... and "leaving premium on / in place / as is" keeps it.
_KEPT = re.compile(
    r"\s*(support\s+|plan\s+)?(on|in place|as is|as it is|alone|active|running|untouched|be)\b",
    re.I,
)
# (not a lapse told as past: "we let premium lapse last year … pls upgrade us again")
_RUN_OUT = re.compile(
    r"\s*((support|plan|subscription|tier)\s*)?(lapse|expire|run out)\b"
    r"(?!\s+(last|back\s+(in|then)|a\s+(few|couple|while)|(\w+\s+){1,2}ago|previously)\b)",
    re.I,
)
# "premium has to go", "premium is not necessary anymore, remove it"
_HAS_TO_GO = re.compile(
    r"\s*((support|plan|subscription|tier)\s*)?(has|have|needs?)\s+to\s+go\b", re.I
)


# ... and, for it to be asked, by the asker: said as an order or by "we"/"I" ("I heard you are
# discontinuing premium support" is news, not a request).
_BY_US = re.compile(
    r"(^|[.!?,;:\n(]|\b(we|i)(\s*'re|\s*'m|\s+are|\s+am|\s+will|\s*'ll|\s+(want|need|wish|"
    r"have decided|decided|would like|'d like|plan)(\s+to)?|\s+wanna)?|\b(please|pls|plz|kindly|"
    r"just|so|then|now|and)|\b(can|could|would|will)\s+(you|u)(\s+(please|pls|just))?|"
    r"^\W*(would|'d)\s+like\s+to)\s*$",
    re.I,
)


def _left_at(text: str, start: int, end: int, asked: bool) -> bool:
    """Whether a leaving verb, not negated (and said by the asker, when `asked`), ends where the
    name at `start` (to `end`) begins; switched off, the name is the plan's, not a feature's
    ("shut off premium phone forwarding")."""
    begin = max(0, start - 40)
    leaving = _LEAVING.search(text[begin:start])
    if not leaving or (leaving.group("off") and not _PLAN_ENDS.match(text, end)):
        return False
    before = text[max(0, begin - 30) : begin + leaving.start()]
    return not _NOT_BEFORE.search(before) and (not asked or bool(_BY_US.search(before)))


def leaves_paid_tier(text: str | None, settings: Settings, asked: bool = False) -> bool:
    """Whether the words leave a paid tier ("we are dropping premium support", "opt out of
    premium"): a request that resembles an upgrade only by the tier's name is a cancellation.
    `asked`: only when the asker says it of their own account, or orders it."""
    if not text:
        return False
    window = text[:_TARGET_CHARS]
    for pattern, key in name_patterns(settings):
        if key == settings.default_tier:
            continue
        for m in pattern.finditer(window):
            if _left_at(window, m.start(), m.end(), asked) and not _KEPT.match(window, m.end()):
                return True
            let = _just_before(_LET, window, m.start(), 15)
            if (let and _RUN_OUT.match(window, m.end())) or _HAS_TO_GO.match(window, m.end()):
                return True
    return False
