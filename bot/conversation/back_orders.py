"""Orders whose object is the plan named before them: "premium support didn't make the cut …
can you cancel it so we aren't charged again next term", "our director approved premium
support. Please switch us over.", "Premium it is. Sign us up!".

The order names no tier itself; "it" (or "us over", "us up") stands for the last thing the
message named before it, and that must be one of the vendor's tiers, not an order, a charge or
a ticket ("the premium charge came twice, can you cancel it?" asks for a refund; "orders stopped
syncing after we got premium, can you fix it?" for support)."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.conversation.tiers import name_patterns
from bot.knowledge.text import split_sentences

# The order alone in its sentence: a polite or urging opening, the verb, the pronoun for what
# was named, then at most an urging or a reason ("so we aren't charged again next term").
_ORDER = re.compile(
    r"^\W*(?:(?:ok|okay|so|yes|yeah|alright|great|then|now|please|pls|plz|kindly|just|"
    r"go ahead and)\b[\s,!.]*)*"
    r"(?P<polite>(?:can|could|will|would)\s+(?:you|u)\s+(?:(?:please|pls|plz|kindly|just)\s+)?)?"
    r"(?:(?:please|pls|plz|just)\s+)?"
    r"(?P<verb>cancel|stop|end|terminate|drop|switch|move|sign|put|upgrade|set)\s+"
    r"(?P<object>it|that|this|us\s+over|us\s+up|us\s+on\s+(?:it|that|this)|it\s+up|that\s+up)"
    r"(?P<tail>(?:\s*(?:please|pls|plz|now|today|asap|right away|for us|for our account|"
    r"thanks|thank you|thx|[!.,]))*)"
    r"(?P<reason>\s*,?\s*so\s+(?:that\s+)?(?:we|i|our)\b.*)?$",
    re.I,
)
_LEAVES = frozenset({"cancel", "stop", "end", "terminate", "drop"})
# What "it" could stand for besides the plan: the last of these named before the order wins.
_OTHER_THINGS = re.compile(
    r"\b(orders?|sync\w*|tickets?|charges?|charged|invoices?|payments?|refunds?|cards?|"
    r"integrations?|listings?|labels?|shipments?|users?|logins?|passwords?|accounts?\s+manager|"
    r"channels?|stores?|feeds?|calls?|meetings?|trials?|emails?)\b",
    re.I,
)
# Words that keep the plan named from being the asker's wish: its price doubted, someone else's.
_ABOUT_OTHERS = re.compile(r"\b(if|whether|maybe|perhaps|not sure|instead of)\b", re.I)


def order_referring_back(text: str, settings: Settings) -> tuple[str, str | None, str] | None:
    """(action, tier, the order said with the tier's name in the place of "it": "can you cancel
    premium support so we aren't charged again next term") when a sentence orders a move or a
    cancellation of the tier the message named last before it; None otherwise."""
    sentences = split_sentences(text)
    for n, sentence in enumerate(sentences[1:], start=1):
        order = _ORDER.match(sentence)
        if order is None or ("?" in sentence and not order.group("polite")):
            continue
        before = " ".join(sentences[:n])
        named = _last_named(before, settings)
        if named is None or _ABOUT_OTHERS.search(before):
            return None
        tier, name = named
        leaves = order.group("verb").lower() in _LEAVES
        if leaves and settings.tiers[tier].free:
            return None  # "standard is fine. cancel it" leaves nothing paid
        said = f"{sentence[: order.start('object')]}{_named_object(order.group('object'), name)}"
        said += sentence[order.end("object") :]
        if leaves or settings.tiers[tier].free:
            return "cancel", None, said
        return "upgrade", tier, said
    return None


def _named_object(said: str, name: str) -> str:
    """The order's object said with the tier's name: "cancel premium", "switch us over to
    premium", "sign us up for premium", "put us on premium", "set up premium"."""
    words = said.lower().split()
    if words[:2] == ["us", "over"]:
        return f"us over to {name}"
    if words[:2] == ["us", "up"]:
        return f"us up for {name}"
    if words[:2] == ["us", "on"]:
        return f"us on {name}"
    if words[-1] == "up":
        return f"up {name}"
    return name


def _last_named(text: str, settings: Settings) -> tuple[str, str] | None:
    """The tier named last in `text` and the words that name it, unless something else was
    named after it."""
    found = [
        (m.end(), m.start(), key)
        for pattern, key in name_patterns(settings)
        for m in pattern.finditer(text)
    ]
    if not found:
        return None
    end, start, key = max(found)
    return None if _OTHER_THINGS.search(text, end) else (key, text[start:end])
