"""Orders whose object is the plan named before them: "premium support didn't make the cut …
can you cancel it so we aren't charged again next term", "our director approved premium
support. Please switch us over.", "Premium it is. Sign us up!", "premium. we need it. turn it
on.", "standard covers everything we need, so move us over to it."

The order names no tier itself; "it" (or "us over", "us up") stands for the last thing the
message named before it, and that must be one of the vendor's tiers, not an order, a charge or
a ticket ("the premium charge came twice, can you cancel it?" asks for a refund; "orders stopped
syncing after we got premium, can you fix it?" for support). The same reading keeps a cancel
from being the plan's when what is cancelled is something else ("please cancel the second
charge", "the old Amazon integration is no longer needed, remove it please")."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.conversation.tiers import name_patterns
from bot.knowledge.text import split_sentences

# The order alone in its clause: a polite or urging opening, the verb, the pronoun for what was
# named, then at most an urging or a reason ("so we aren't charged again next term").
_ORDER = re.compile(
    r"^\W*(?:(?:ok|okay|so|yes|yeah|alright|great|then|now|please|pls|plz|kindly|just|"
    r"go ahead and|let'?s|if (?:yes|so))\b[\s,!.]*)*"
    r"(?P<polite>(?:can|could|will|would)\s+(?:you|u)\s+(?:(?:please|pls|plz|kindly|just)\s+)?)?"
    r"(?:(?:please|pls|plz|just)\s+)?"
    r"(?P<verb>cancel|stop|end|terminate|drop|kill|switch|move|sign|put|upgrade|set|get|turn|"
    r"activate|enable|start)\s+"
    r"(?P<object>it\s+(?P<off>off)|(?:it|that)\s+(?:on|up)|it|that|this|"
    r"us\s+(?:over\s+|back\s+)?(?:to|on(?:to)?)\s+(?:it|that|this)|us\s+up\s+on\s+(?:it|that)|"
    r"us\s+over|us\s+up)"
    r"(?P<tail>(?:\s*(?:please|pls|plz|now|today|asap|right away|for us|for our account|"
    r"thanks|thank you|thx|[!.,]))*)"
    r"(?P<reason>\s*,?\s*so\s+(?:that\s+)?(?:we|i|our)\b.*)?$",
    re.I,
)
_LEAVES = frozenset({"cancel", "stop", "end", "terminate", "drop", "kill"})
# Where an order may start inside a sentence: after a comma, a semicolon or a "so".
_CLAUSE = re.compile(r"(?:[,;]|\s[-–—])\s+(?:so\s+)?|\s+so\s+", re.I)
# What "it" could stand for besides the plan: the last of these named before the order wins.
_OTHER = (
    r"orders?|sync\w*|tickets?|charges?|charged|invoices?|payments?|refunds?|cards?|"
    r"integrations?|listings?|labels?|shipments?|users?|logins?|passwords?|accounts?\s+manager|"
    r"channels?|stores?|feeds?|calls?|meetings?|trials?|emails?|reminders?|notifications?|"
    r"returns?|subscriptions?\s+to\s+\w+|rules?|mappings?|connections?|connectors?"
)
_OTHER_THINGS = re.compile(rf"\b({_OTHER})\b", re.I)
# Words that keep the plan named from being the asker's wish: its price doubted, someone else's.
_READ_CHARS = 2_000
_ABOUT_OTHERS = re.compile(r"\b(if|whether|maybe|perhaps|not sure|instead of)\b", re.I)
# A cancel whose object is said, and is something else: "cancel the second charge", "void
# invoice INV-2231".
_ENDS_OTHER = re.compile(
    r"\b(?:cancel|remove|delete|void|kill|stop|turn\s+off)\s+(?:the|our|this|that|my|these|"
    r"those|an?)?\s*(?:(?!(?:and|or|but|then|plus|so)\b)[\w#-]+\s+){0,2}?"
    rf"(?:{_OTHER})\b",
    re.I,
)
# ... or it is said by a pronoun: "…, remove it please", "can you turn them off?"
_ENDS_IT = re.compile(
    r"\b(?:cancel|remove|delete|void|kill|stop|turn)\s+(?:it|them|that|this)\b", re.I
)


# "please do it", "If yes, please go ahead and do it": what was asked before, done.
_DO_IT = re.compile(
    r"^\W*(?:if\s+(?:yes|so|possible|you\s+can|(?:that|it)(?:'s|\s+is)\s+possible)\W+)?"
    r"(?:then\s+)?(?:(?:please|pls|plz|just|kindly|go\s+ahead\s+and)\s+)*(?:do\s+(?:it|that|so)|"
    r"go\s+ahead|proceed)(?:\W+(?:please|pls|now|asap|then|thanks|today|if possible))*"
    r"(?:,?\s*and\s+charge\b.*)?\W*$",
    re.I,
)
_UP = re.compile(
    r"\b(upgrad\w*|turn\w*\s+on|switch\w*|sign\w*\s+(?:us\s+)?up|subscrib\w*|activat\w*|buy|"
    r"purchas\w*|set\s+up)\b",
    re.I,
)
# (not when what was asked before was only wondered about: "should we go premium? do it")
_DOUBTED = re.compile(
    r"\b(maybe|perhaps|not sure|whether|should\s+(?:we|i)|thinking|considering|wondering|"
    r"don'?t|do\s+not|not)\b",
    re.I,
)
_DOWN = re.compile(r"\b(cancel\w*|turn\w*\s+off|stop\w*|terminat\w*|downgrad\w*)\b", re.I)


def order_referring_back(text: str, settings: Settings) -> tuple[str, str | None, str] | None:
    """(action, tier, the order said with the tier's name in the place of "it": "can you cancel
    premium support so we aren't charged again next term") when a clause orders a move or a
    cancellation of the tier the message named last before it, or says to do what the words
    before it asked ("is it possible to do the premium upgrade here? If yes, please do it");
    None otherwise."""
    for before, clause in _clauses(text):
        if _DO_IT.match(clause):
            return _done_as_asked(before, settings)
        order = _ORDER.match(clause)
        if order is None or ("?" in clause and not order.group("polite")):
            continue
        named = _last_named(before, settings)
        if named is None or _ABOUT_OTHERS.search(before):
            return None
        tier, name = named
        leaves = order.group("verb").lower() in _LEAVES or bool(order.group("off"))
        if leaves and settings.tiers[tier].free:
            return None  # "standard is fine. cancel it" leaves nothing paid
        said = f"{clause[: order.start('object')]}{_named_object(order.group('object'), name)}"
        said += clause[order.end("object") :]
        if leaves or settings.tiers[tier].free:
            return "cancel", None, said
        return "upgrade", tier, said
    return None


def _done_as_asked(before: str, settings: Settings) -> tuple[str, str | None, str] | None:
    """The move the words before "do it" asked for: one direction, and a tier named."""
    named = _last_named(before, settings)
    up, down = bool(_UP.search(before)), bool(_DOWN.search(before))
    if named is None or up == down or _DOUBTED.search(before):
        return None
    tier, name = named
    if down:
        return None if settings.tiers[tier].free else ("cancel", None, f"please cancel {name}")
    if settings.tiers[tier].free:
        return None
    return "upgrade", tier, f"please upgrade to {name}"


def cancels_something_else(text: str, settings: Settings) -> bool:
    """Whether what the message asks to cancel (or remove, or turn off) is something other than
    the plan: an order, a charge, an invoice, an integration, named or said as "it". (Read in
    the first characters the sentences are read in: each "it" looks back over what precedes.)"""
    text = text[:_READ_CHARS]
    names = name_patterns(settings)
    for found in _ENDS_OTHER.finditer(text):
        # ("cancel premium renewal emails", "cancel our Integration Manager premium support":
        # the plan is named in the words cancelled, it is the plan's)
        said = text[found.start() : found.end() + 25]
        if not any(pattern.search(said) for pattern, _ in names):
            return True
    for found in _ENDS_IT.finditer(text):
        before = text[: found.start()]
        if _OTHER_THINGS.search(before) and _last_named(before, settings) is None:
            return True
    return False


def _clauses(text: str) -> list[tuple[str, str]]:
    """(what was said before, the clause) for each sentence after the first and each clause
    after a comma or a "so" (read once each: a message of commas costs one pass)."""
    found: list[tuple[str, str]] = []
    sentences = split_sentences(text)
    for n, sentence in enumerate(sentences):
        before = " ".join(sentences[:n])
        if n:
            found.append((before, sentence))
        for cut in _CLAUSE.finditer(sentence):
            found.append((f"{before} {sentence[: cut.start()]}", sentence[cut.end() :]))
    return found


def _named_object(said: str, name: str) -> str:
    """The order's object said with the tier's name: "cancel premium", "switch us over to
    premium", "sign us up for premium", "put us on premium", "set up premium", "turn on
    premium"."""
    words = said.lower().split()
    if words[0] == "us":
        return f"us {'up for' if words[1:2] == ['up'] and len(words) == 2 else 'over to'} {name}"
    if words[-1] in ("up", "on", "off"):
        return f"{words[-1]} {name}"
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
