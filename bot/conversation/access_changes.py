"""Which way a colleague's billing access is asked to go, when the intents' nearest example
points the other way: "Stop <@U0SAM> from seeing our invoices" resembles "let <@U0ANA> see our
invoices" but takes access away; "your bot removed <@U0SAM>'s billing access by mistake, she
needs it back" resembles "remove billing access" but gives it; and "<@U0SAM> is a billing
nightmare" names billing and a colleague and asks nothing. And whether the words ask it at all,
said of the colleague ("<@U0DEV> needs to be able to change the support tier", "<@U0SAM> needs
his access revoked")."""

from __future__ import annotations

import re

from bot.conversation.signals import NEGATION
from bot.knowledge.text import split_sentences

_MENTION = r"<@\w+>(?:'s)?"
# Access taken away, said of the colleague: "stop <@X> from seeing…", "<@X> should not be able
# to change the card", "<@X> shouldn't have access to billing anymore".
_DENIED = re.compile(
    r"\b(?:stop|prevent|block|keep|cut off|cut)\s+" + _MENTION + r"\s+(?:from|out of|off)\b|"
    r"\b(?:make|set)\s+" + _MENTION + r"\s+(?:unable|not able)\b|"
    r"\b(?:drop|remove|take)\s+" + _MENTION + r"\s+(?:from|off)\s+(?:the\s+)?billing\b|"
    r"\bdon'?t\s+let\s+" + _MENTION + r"\s+(?:\w+\s+){0,3}?(?:anymore|any more|again)\b|"
    # "I don't want <@X> to have billing access anymore"
    r"\b(?:don'?t|do\s+not)\s+want\s+" + _MENTION + r"\s+(?:to\s+)?(?:have|having|keep|keeping)\s+"
    r"(?:\w+\s+){0,2}?(?:billing|access|permissions?)\b[^.?!]{0,30}?\b(?:anymore|any more|now|"
    r"going forward)\b|"
    r"\bmake sure\s+(?:she|he|they|" + _MENTION + r")\s+(?:can'?t|cannot|can no longer)\s+"
    r"(?:see|view|change|access|manage|touch)\b|"
    # said of the colleague by pronoun right after the mention: "<@X> left; she shouldn't see…"
    + _MENTION
    + r"[^?!\n]{0,80}?\b(?:she|he|they)\s+(?:should\s*n[o']?t|must\s*n[o']?t|should no longer)\s+"
    r"(?:be (?:able|allowed) to\s+)?(?:see|view|change|access|manage|touch|edit)\b|"
    r"\b(?:remove|revoke|take away|take|pull|strip)\s+" + _MENTION + r"\s+(?:billing\s+)?"
    r"(?:ability|access|permissions?|rights)\b(?!\s+(?:logs?|reports?|history|list|review)\b)|"
    # "take billing permissions away from <@X>", "remove billing access for <@X>"
    r"\b(?:take|pull|strip|remove|revoke)\s+(?:(?:the|their|his|her)\s+)?(?:billing\s+)?"
    r"(?:access|permissions?|perms|rights)\s+(?:away\s+)?(?:from|for)\s+" + _MENTION + "|"
    # "<@X> has billing access but shouldn't"
    + _MENTION
    + r"\s+has\s+(?:billing\s+)?(?:access|permissions?|rights)\s+but\s+(?:should\s*n[o']?t|"
    r"shouldnt|should not)(?=\s*(?:$|[.,;!?]|have\s+(?:it|access|that)\b|be\s+able\b))|"
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
    r"\b(?:must have had|should have had|eventually|not (?:today|yet|right now))\b|"
    # a deduction from what was done: "<@X> must have billing access, she just upgraded us"
    r"\bmust have\b[^.!?]{0,60}?[,;:]\s*(?:she|he|they)\s+(?:just\s+|already\s+)?\w+ed\b",
    re.I,
)
# A denial negated is none: "don't stop <@U0SAM> from seeing our invoices".
_NEGATED = re.compile(r"(" + NEGATION + r")\s+(\w+\s+)?$", re.I)
# What asking for access takes: a verb of giving or the access itself, not billing alone.
_GIVING = re.compile(
    r"\b(?:give|grant|add|put|let|make|allow|enable|include|set\s+\w+\s+up|needs?|access|"
    r"permissions?|perms|rights|admin|manage|see|view|change|handle|approve|pay|update|edit|"
    r"(?<!n't )(?<!not )get\s+into)\b",
    re.I,
)


def access_denied(text: str) -> bool:
    """ "Stop <@U0SAM> from seeing our invoices": the colleague is to lose access."""
    return bool(denial_in(text))


def denial_in(text: str) -> str:
    """The words that take the colleague's access away ("<@U0SAM> shouldn't be able to change
    our plan"), or "": a negation in them is the request itself, not a taking back."""
    first = re.search(r"<@\w+>", text)  # (the colleague the command is for)
    if first is None:
        return ""
    found = [
        hit.group(0)
        for hit in _DENIED.finditer(text)
        if not _NEGATED.search(text[max(0, hit.start() - 30) : hit.start()])
        and (first.group(0) in hit.group(0) or "<@" not in hit.group(0))
    ]
    if found:  # ("take away <@X>'s billing permissions, he shouldn't be able to change our plan")
        found += [hit.group(0) for hit in _UNABLE_AFTER.finditer(text)]
    return ". ".join(found)


# Said of the colleague by pronoun once the access is taken: the reason, not a taking back.
_UNABLE_AFTER = re.compile(
    r"\b(?:she|he|they)\s+(?:should\s*n[o']?t|must\s*n[o']?t|should no longer|can'?t)\s+"
    r"(?:be (?:able|allowed) to\s+)?(?:see|view|change|access|manage|touch|edit|update)\b",
    re.I,
)


def access_only_told(text: str) -> bool:
    """ "I told <@U0DEV> she needs billing access": nothing asked of the bot about it."""
    return bool(_ONLY_TOLD.search(text))


def access_kept(text: str) -> bool:
    """ "<@U0SAM> left the company, but keep her billing access until the handover", "<@U0SAM>
    stays billing admin" (when no other colleague is named)."""
    alone = len(set(re.findall(r"<@\w+>", text))) == 1
    return bool(_KEPT.search(text) or (alone and _STAYS.search(text)))


# (not "<@X> keeps asking me to forward every receipt", the reason to give it)
_STAYS = re.compile(
    _MENTION + r"\s+(?:stays|remains|keeps\s+(?:(?:his|her|their|the)\s+)?(?:billing|access|admin|"
    r"permissions?|rights))\b",
    re.I,
)


def access_wanted_back(text: str) -> bool:
    """ "…removed <@U0SAM>'s billing access by mistake, she needs it back"."""
    return bool(_WANTED_BACK.search(text))


def asks_for_access(text: str) -> bool:
    """Whether the words ask anything of access: a verb of giving or being able, or the word
    access itself ("<@U0SAM> is a billing nightmare" names billing and asks nothing)."""
    return bool(_GIVING.search(text))


# A colleague's need for access, said with the colleague as the subject: "<@U0DEV> needs billing
# access", "<@U0PRIYA> is our new finance lead, she needs to see and change billing stuff",
# "<@U0KEVIN> needs to be able to change the support tier". What is needed is the plan or
# billing: "needs access to the FTP folder" or "admin rights in Integration Manager" are not it.
_COLLEAGUE_FIRST = re.compile(
    r"^\W*(?:(?:hi|hello|hey|dear\s+\w+)\b\W*)?(?:(?:my|our)\s+(?:\w+\s+){0,3})?<@\w+>", re.I
)
_BILLING_THINGS = (
    r"(?:(?:the\s+)?billing(?!\s+(?:calls?|meetings?|team|questions?|e-?mails?|address))|invoices?|"
    r"payments?|"
    r"(?:the\s+|our\s+)?(?:support\s+)?(?:tier|plan|subscription)(?!\s+(?:name|names|id)))"
)
# The card, as what the colleague is to be let or able to change (not "needs to update the card").
_CARD = r"(?:the\s+|our\s+)?(?:credit\s+)?card(?:\s+on\s+file)?"
_NEEDS_ACCESS = re.compile(
    r"\b(?:needs?|should have|must have|has to have|would like|wants?|(?:should|must)(?=\s+be\s+"
    r"able))\s+(?:to\s+)?(?:(?:be able to|can)\s+)?(?:"
    # ("she needs the same billing rights as me", "needs full billing access")
    r"(?:(?:the\s+same|full|admin)\s+)?(?:billing|invoice|payment)\s+(?:access|permissions?|perms|"
    r"rights|admin|role)\b|"
    r"(?:\w+\s+(?:and\s+)?)?(?:see|view|change|manage|edit|handle|do)\s+(?:the\s+|our\s+)?"
    r"(?:billing|invoices|bills|payments)\b(?!\s+address)|"
    r"(?:access|permissions?|perms|rights|admin)\s+(?:to|for|on|in|over)\s+"
    + _BILLING_THINGS
    + r"\b|(?:\w+\s+(?:and\s+)?)?(?:see|view|change|manage|edit|handle)\s+"
    + _BILLING_THINGS
    # ("<@X> should be able to update our credit card"; "<@X> needs to update the card, it
    # expired" asks him to, not access for him)
    + r"\b|(?<=be able to )(?:update|change|manage|see|view|edit)\s+(?:"
    + _BILLING_THINGS
    + r"|"
    + _CARD
    + r")\b)",
    re.I,
)
# ... not told of, doubted, refused, put off, or asked to be sent: "…but I said no", "<@U0DEV>
# thinks he needs billing access", "…next month when she starts", "…the invoice from March, can
# you send it".
_NO_ACCESS = re.compile(
    r"\b(remove|removed|revoke|revoked|take away|taken away|lose|lost|no|not|no longer|never|"
    r"doesn'?t|does not|don'?t|do not|won'?t|shouldn'?t|should not|isn'?t|wouldn'?t|"
    r"couldn'?t|deny|denied|ignore|"
    r"used to|already|error|thinks?|claims?|said|says|told|left|leaving|"
    r"(send|email|forward)\s+(it|them|me|us|over))\b",
    re.I,
)
# ... and put off in the sentence that asks it ("…next month when she starts"; not "I'm going on
# leave next week. Can you set him up with billing access?", where the time is the leave's).
_PUT_OFF = re.compile(r"\b(eventually|later|when|once|but|after|until|next)\b", re.I)
# ... or the colleague put on billing: "can you put <@U0SAM> on billing", "set her up with billing"
_GIVE_ACCESS = re.compile(
    r"\b(?:set|put|add|(?:i|we)\s+(?:need|want))\s+(?:<@\w+>|(?P<who>him|her|them))\s+"
    r"(?:up\s+)?(?:with|on|to)\s+(?:the\s+)?billing\b(?!\s+(?:calls?|meetings?|team|e-?mails?))|"
    r"\brestore\s+<@\w+>(?:'s)?\s+(?:billing\s+)?(?:access|permissions?|rights)\b|"
    # "billing access → <@X> thx": the access and whom it goes to, nothing else before
    r"^\W*(?:(?:pls|please|plz)\s+)?billing\s+(?:access|admin|rights|perms|permissions?)\s*"
    r"(?:->|=>|→|:|\bfor\b|\bto\b)\s*<@\w+>|"
    # "make her billing access ok?", "make <@X> a billing admin"
    r"\bmake\s+(?:<@\w+>|(?P<made>him|her|them))\s+(?:a\s+|an\s+)?billing\s+(?:access|admin|"
    r"user|rights)\b|"
    # "can you let her into billing", "could you allow <@X> to have billing access" (asked of
    # the bot, not told of what it did: "you let <@X> have billing access by mistake")
    r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?(?:let|allow)\s+"
    r"(?:<@\w+>|(?P<asked>him|her|them))\s+(?:in\s*to\s+(?:the\s+)?billing\b(?!\s+(?:calls?|"
    r"meetings?|team|e-?mails?))|(?:to\s+)?(?:have|get)\s+(?:the\s+|our\s+)?billing\s+"
    r"(?:access|permissions?|perms|rights)\b)|"
    # "let him into billing pls" (its colleague mentioned before)
    r"(?<!you\s)\b(?:let|allow)\s+(?:<@\w+>|him|her|them)\s+in\s*to\s+(?:the\s+)?billing\b"
    r"(?!\s+(?:calls?|meetings?|team|e-?mails?))|"
    # "pls let <@X> manage the card on file", "can you allow <@X> to handle payments"
    r"\b(?:let|allow|enable)\s+<@\w+>\s+(?:to\s+)?(?:see|view|change|manage|edit|handle|update|"
    r"pay)\s+(?:" + _BILLING_THINGS + "|" + _CARD + r")\b|"
    # "pls let <@X> have billing access too" (not "you let <@X> have billing access by mistake")
    r"(?<!you\s)(?<!we\s)(?<!i\s)(?<!they\s)\b(?:let|allow)\s+<@\w+>\s+(?:also\s+)?(?:to\s+)?"
    r"(?:have|get)\s+(?:the\s+|our\s+)?"
    r"(?:billing\s+)?(?:access|permissions?|perms|rights)\b",
    re.I,
)
_ASKED_OF_US = re.compile(r"(?:can|could|would|will)\b", re.I)
# Access to be taken from the colleague: "<@U0SAM> needs his access revoked", "…should lose her
# billing access", "…needs billing access to be removed".
_LOSES_ACCESS = re.compile(
    r"\b(?:needs?|should|must|has to)\s+(?:\w+\s+){0,5}?(?:removed|revoked|taken away|lose)\b",
    re.I,
)
_ACCESS_WORD = re.compile(r"\b(access|billing|permissions?|perms|rights|admin)\b", re.I)


def asks_access_for(text: str) -> bool:
    """ "<@U0DEV> needs to be able to change the support tier, set him up", "<@U0PRIYA> is our
    new finance lead, she needs to see and change billing stuff": what a colleague needs, said
    of the colleague; "remove <@U0SAM>'s billing access", "does <@U0SAM> have access?" and
    "<@U0DEV> needs access to the FTP folder" are not it."""
    said_of = _said_of_colleague(text)
    needs = said_of is not None and _NEEDS_ACCESS.search(said_of)
    given = _GIVE_ACCESS.search(text)
    pronoun = given and (given.group("who") or given.group("asked") or given.group("made"))
    if pronoun and len(_MENTIONED.findall(text)) != 1:
        given = None  # "Per <@U0MARIA>, set him up with billing": which one is "him"?
    if not (needs or given) or _NO_ACCESS.search(_lack_told(text, given)):
        return False
    if given and _ASKED_OF_US.match(given.group(0)) and "?" in text[given.end() :].lstrip(" ?"):
        return False  # ("can you let <@X> into billing? or is that only for admins?")
    if needs:
        before = re.split(r"[.!?]", text[: len(text) - len(said_of)])[-1]
        return not (_PUT_OFF.search(said_of) or _CONDITION_LEADS.match(before))
    # (the colleague put on billing in a sentence of its own: that sentence's time counts, and
    # the ones after it, not the story before: "I'm on leave next week. Can you set him up…?")
    said, sentences = given.group(0), split_sentences(text)
    at = next((n for n, s in enumerate(sentences) if said in s), 0)
    return not _PUT_OFF.search(" ".join(sentences[at:]) or text)


def _lack_told(text: str, given: re.Match[str] | None) -> str:
    """The message with what a colleague lacks, told before the sentence that gives her access,
    left out: "she dont see the Change Support Tier button. make her billing access ok?" is
    why she needs it, no refusal."""
    if given is None:
        return text
    start = max(text.rfind(stop, 0, given.start()) for stop in ".,;!?\n") + 1
    return _LACKS.sub(" ", text[:start]) + text[start:]


_LACKS = re.compile(
    r"\b(?:does\s*n[o']?t|dont|don'?t|do\s+not|can'?t|cannot|(?:is|are)\s*n'?t\s+able\s+to|"
    r"(?:is\s+|are\s+)?not\s+able\s+to|unable\s+to)\s+(?:see|have|get|access|find|view|open|"
    r"reach|use)\b",
    re.I,
)


# A clause right before the colleague's that makes it a condition or a later time: "Once she
# finishes onboarding, <@X> needs billing access", "Starting next month, <@X> needs…".
_CONDITION_LEADS = re.compile(
    r"\W*(?:once|after|when|until|starting|from|as\s+soon\s+as|if|beginning)\b", re.I
)


def _said_of_colleague(text: str) -> str | None:
    """The message from the clause that opens with the colleague on ("<@X> needs…", "I'm on
    leave next month, so <@X> will need to manage billing…": the leave is the story's), or
    None when no clause opens with a colleague."""
    if _COLLEAGUE_FIRST.match(text):
        return text
    opens = _CLAUSE_OPENS_WITH_COLLEAGUE.search(text)
    return text[opens.end() :] if opens else None


_CLAUSE_OPENS_WITH_COLLEAGUE = re.compile(
    r"(?:[.!?;,]|\s(?:so|and|then)|\s:[a-z0-9_+\-]+:|[\U0001F300-\U0001FAFF])\s+(?=<@\w+>)", re.I
)


def asks_access_removed(text: str) -> bool:
    """ "<@U0SAM> needs his access revoked", "<@U0SAM> should lose her billing access", or the
    removal ordered in so many words ("kindly withdraw billing permissions from <@U0X>")."""
    said = (_COLLEAGUE_FIRST.match(text) and _LOSES_ACCESS.search(text)) or _REMOVAL.search(text)
    return bool(
        said
        and _ACCESS_WORD.search(text)
        and not re.search(r"\b(not|no|never|used to)\b|" + NEGATION + r"\b|\?", text, re.I)
    )


# The removal ordered: its verb, the access, and the colleague it is taken from.
_REMOVAL = re.compile(
    r"(?:^|[.,;:!]\s*|\b(?:please|pls|plz|kindly|and)\s+)(?:revoke|remove|withdraw|pull|strip|"
    r"take\s+away|disable|deactivate|suspend)\s+(?:(?:the|all|his|her|their)\s+)?(?:billing\s+)?(?:access|permissions?|"
    r"rights|perms)\s+(?:from|for|of)\s+(?:(?:my|our)\s+)?(?:(?:colleague|coworker|co-worker|"
    r"teammate)\s+)?<@\w+>",
    re.I,
)


def opposite_access(action: str, text: str) -> bool:
    """Whether the words change access only the other way than `action` ("withdraw billing
    permissions from <@X>" is near granting by its other words, and grants nothing)."""
    if action == "revoke" and denial_in(text):
        return False  # ("Don't let <@X> manage billing anymore": a grant's verb, denied)
    other = "revoke" if action == "grant" else "grant"
    return bool(_VERB[other].search(text)) and not _VERB[action].search(text)


# Whom a change of access is for, when several colleagues are named: the one right after the
# verb that asks it ("<@U0ABC12> keeps billing. revoke <@U0XYZ34>", "<@U0ABC12> asked me to give
# billing access to <@U0XYZ34>").
_VERBS = {
    "grant": r"give|grant|add|let|allow|enable|put|set|restore",
    "revoke": r"revoke|remove|removing|tak(?:e|ing)\s+(?:(?:it|that|this|them|her|his|their)\s+)?"
    r"away|pull|strip|drop|cut\s+off|block|withdraw|disable|deactivate|suspend|delete",
}
_VERB = {action: re.compile(rf"\b(?:{verbs})\b", re.I) for action, verbs in _VERBS.items()}
# ... and the colleague right after it ("give billing access to <@X>", "revoke <@X>")
_VERB_THEN_COLLEAGUE = {
    action: re.compile(
        rf"\b(?:{verbs})\b(?:\s+(?:\w+\s+){{0,4}}?(?:to|from|for))?\s+<@(\w+)>", re.I
    )
    for action, verbs in _VERBS.items()
}
_MENTIONED = re.compile(r"<@(\w+)>")


def asks_unnamed(action: str, text: str) -> bool:
    """A change of access ordered with no colleague named ("give sam billing access": the bot
    then asks for the @mention); "list the users and who has billing access" orders none, and
    two colleagues named without saying whose is no order for either."""
    if _MENTIONED.search(text):
        return False
    return bool(_VERB[action].search(text))


def colleague_for(action: str, text: str) -> str | None:
    """The colleague a grant or a revoke is for; None when several are named and the words do
    not say which (the bot then does nothing rather than change the wrong person's access)."""
    named = list(dict.fromkeys(_MENTIONED.findall(text)))
    if len(named) <= 1:
        return named[0] if named else None
    found = [
        m.group(1)
        for m in _VERB_THEN_COLLEAGUE[action].finditer(text)
        if not _NEGATED.search(text[max(0, m.start() - 30) : m.start()])
    ]
    return found[-1] if found else None
