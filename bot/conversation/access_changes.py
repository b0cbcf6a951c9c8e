"""Which way a colleague's billing access is asked to go, when the intents' nearest example
points the other way: "Stop <@U0SAM> from seeing our invoices" resembles "let <@U0ANA> see our
invoices" but takes access away; "your bot removed <@U0SAM>'s billing access by mistake, she
needs it back" resembles "remove billing access" but gives it; and "<@U0SAM> is a billing
nightmare" names billing and a colleague and asks nothing."""

from __future__ import annotations

import re

from bot.conversation.signals import NEGATION

_MENTION = r"<@\w+>(?:'s)?"
# Access taken away, said of the colleague: "stop <@X> from seeing…", "<@X> should not be able
# to change the card", "<@X> shouldn't have access to billing anymore".
_DENIED = re.compile(
    r"\b(?:stop|prevent|block|keep|cut off|cut)\s+" + _MENTION + r"\s+(?:from|out of|off)\b|"
    r"\b(?:make|set)\s+" + _MENTION + r"\s+(?:unable|not able)\b|"
    r"\b(?:drop|remove|take)\s+" + _MENTION + r"\s+(?:from|off)\s+(?:the\s+)?billing\b|"
    r"\bdon'?t\s+let\s+" + _MENTION + r"\s+(?:\w+\s+){0,3}?(?:anymore|any more|again)\b|"
    r"\bmake sure\s+(?:she|he|they|" + _MENTION + r")\s+(?:can'?t|cannot|can no longer)\s+"
    r"(?:see|view|change|access|manage|touch)\b|"
    # said of the colleague by pronoun right after the mention: "<@X> left; she shouldn't see…"
    + _MENTION
    + r"[^?!\n]{0,80}?\b(?:she|he|they)\s+(?:should\s*n[o']?t|must\s*n[o']?t|should no longer)\s+"
    r"(?:be (?:able|allowed) to\s+)?(?:see|view|change|access|manage|touch|edit)\b|"
    r"\b(?:remove|revoke|take away|take)\s+" + _MENTION + r"\s+(?:billing\s+)?(?:ability|access|"
    r"permissions?|rights)\b|"
    # "<@X> has billing access but shouldn't"
    + _MENTION
    + r"\s+has\s+(?:billing\s+)?(?:access|permissions?|rights)\s+but\s+(?:should\s*n[o']?t|"
    r"shouldnt|should not)\b|"
    + _MENTION
    + r"\s+(?:should\s*n[o']?t|must\s*n[o']?t|may not|is\s*n[o']?t allowed to|can\s*no longer|"
    r"should no longer)\s+(?:be (?:able|allowed) to\s+)?(?:see|view|change|access|manage|"
    r"have\s+(?:billing\s+)?access|touch|edit|update)\b",
    re.I,
)
# Access wanted back after it was taken: "she needs it back", "give him his access back",
# "restore <@X>'s billing access".
_WANTED_BACK = re.compile(
    r"\b(?:needs?|wants?|give|put|get)\s+(?:\w+\s+){0,3}?(?:it|that|access|permissions?|rights)"
    r"\s+back\b|\brestore\s+(?:" + _MENTION + r"|her|his|their)\s+(?:billing\s+)?(?:access|"
    r"permissions?|rights)\b",
    re.I,
)
_KEPT = re.compile(
    r"\b(?:keep|leave)\s+(?:her|his|their|" + _MENTION + r")\s+(?:billing\s+)?(?:access|"
    r"permissions?|rights)\b",
    re.I,
)
# Access only told of, doubted, past or put off: "I told <@X> she needs billing access",
# "<@X> claims she should have admin rights", "<@X> must have had access when she changed our
# tier", "<@X> used to need billing access but not anymore", "…eventually, not today".
_ONLY_TOLD = re.compile(
    r"\b(?:i|we)\s+(?:told|explained to|reminded)\s+" + _MENTION + r"|"
    + _MENTION
    + r"\s+(?:claims?|thinks?|believes?|says|said|insists)\b|"
    r"\bused to\s+(?:need|have)\b[^.!?]{0,40}?\b(?:not anymore|not any more|no longer)\b|"
    r"\b(?:must have had|should have had|eventually|not (?:today|yet|right now))\b",
    re.I,
)
# A denial negated is none: "don't stop <@U0SAM> from seeing our invoices".
_NEGATED = re.compile(r"(" + NEGATION + r")\s+(\w+\s+)?$", re.I)
# What asking for access takes: a verb of giving or the access itself, not billing alone.
_GIVING = re.compile(
    r"\b(?:give|grant|add|put|let|make|allow|enable|include|set\s+\w+\s+up|needs?|access|"
    r"permissions?|perms|rights|admin|manage|see|view|change|handle|approve|pay|update|edit)\b",
    re.I,
)


def access_denied(text: str) -> bool:
    """ "Stop <@U0SAM> from seeing our invoices": the colleague is to lose access."""
    return bool(denial_in(text))


def denial_in(text: str) -> str:
    """The words that take the colleague's access away ("<@U0SAM> shouldn't be able to change
    our plan"), or "": a negation in them is the request itself, not a taking back."""
    found = [
        hit.group(0)
        for hit in _DENIED.finditer(text)
        if not _NEGATED.search(text[max(0, hit.start() - 30) : hit.start()])
    ]
    return ". ".join(found)


def access_only_told(text: str) -> bool:
    """ "I told <@U0DEV> she needs billing access": nothing asked of the bot about it."""
    return bool(_ONLY_TOLD.search(text))


def access_kept(text: str) -> bool:
    """ "<@U0SAM> left the company, but keep her billing access until the handover"."""
    return bool(_KEPT.search(text))


def access_wanted_back(text: str) -> bool:
    """ "…removed <@U0SAM>'s billing access by mistake, she needs it back"."""
    return bool(_WANTED_BACK.search(text))


def asks_for_access(text: str) -> bool:
    """Whether the words ask anything of access: a verb of giving or being able, or the word
    access itself ("<@U0SAM> is a billing nightmare" names billing and asks nothing)."""
    return bool(_GIVING.search(text))
