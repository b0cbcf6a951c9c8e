"""A change asked for a later day, or a renewal held for a condition: "<@X> needs billing access
from next Monday", "revoke <@X>'s billing access on Friday, his last day", "please upgrade us on
Jan 1", "please don't renew without checking with me". The bot makes a change now or not at all,
so these are put off (put_off.not_asked_now), not done early."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.conversation.undo import paid_alternation
from bot.knowledge.text import split_sentences

MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"


def renewal_held(text: str) -> bool:
    """ "please don't renew without checking with me": the renewal kept for a condition."""
    return bool(_RENEWAL_HELD.search(text))


# A renewal held for a condition, not refused: "please don't renew without checking with me",
# "don't renew until I've updated our VAT number", "don't renew it before talking to me",
# "please don't renew at the warehouse price, we're a merchant now".
_RENEWAL_HELD = re.compile(
    r"\b(?:don'?t|do\s+not)\s+(?:auto[\s-]?)?renew\w*\b[^.!?,;—–-]{0,40}?\b(?:without|"
    r"until(?!\s+further\s+notice)|till|before|unless|at\s+the\s+(?:\w+\s+)?(?:price|rate|amount)|"
    # (another language's "without", "until", "before": "por favor no renueven sin avisarme")
    r"sin|sem|ohne|sans|senza|zonder|bez|hasta|até|bis|avant|antes)\b",
    re.I,
)
# Billing access named without its verb, which names the change a piece puts off ("<@X> may need
# billing access down the line", put_off.py) or dates ("… billing access from next Monday").
ACCESS_NAMED = re.compile(r"\bbilling\s+(access|permissions?|perms|rights)\b", re.I)
# A change for a later day, named right before it: "<@X> needs billing access from next Monday",
# "revoke <@X>'s billing access on Friday, his last day", "we need premium from next Monday"
# (not "I'm out on leave starting Friday", whose day is the asker's).
_LATER_DAY = (
    # (not "from next renewal": a cancel's own time)
    r"(?:from|starting|as\s+of|effective|on)\s+(?:next\b(?!\s+(?:renewal|term|billing|cycle))|"
    r"this\s+coming\b|that\s+day\b|(?:her|his|their)\s+(?:last|first)\s+day\b|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|" + MONTHS + r")"
)
# A cancel's own time, never a later day's event ("cancel premium after the current term").
_TERM_WORDS = r"(?:term|contract|subscription|period|renewal|billing|plan|year|cycle)s?\b"
# The order's own verbs, said before the day ("upgrade us tomorrow", "we'll revoke billing then").
_ORDER_VERBS = r"(?:upgrade|cancel|revoke|remove|grant|give|add|resume|reactivate|take|turn|switch)"
# ... or said right after an order's own verb: "upgrade us tomorrow please", "give <@X> billing
# access next sprint", "add <@X> to billing in two weeks", "revoke … at the end of the month",
# "resume premium on the 1st", "please upgrade us on Jan 1", "… after she finish training"
_LATER_ORDERED = (
    r"(?:tomorrow\b|next\s+(?:week|sprint|month|quarter)\b|"
    r"(?:in|by|come)\s+(?:early\s+|mid\s+|late\s+)?(?:" + MONTHS + r"|dec|jan|feb)\b|"
    r"at\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+|this\s+|next\s+)?(?:month|week|quarter|year)|"
    r"(?:month|week|quarter|year)\s+end)\b|"
    # ("cancel premium after the audit", "… after we close the books on friday", "upgrade to
    # premium when the new fiscal year starts"; not "after we talked", told, nor "when the term
    # ends", a cancel's own time)
    r"after\s+(?:the|our)\s+(?!(?:\w+\s+)?" + _TERM_WORDS + r")(?:\w+\s+)?\w+(?=\s*(?:[.!?;,]|$))|"
    r"after\s+(?:we|i|they)\s+(?!\w+ed\b|(?:had|got|spoke|saw|went|did|made|lost|paid|sent|left|"
    r"came|took|heard|told|said|found|thought|knew|were|was)\b)\w+\b|"
    # ("resume premium after Jan 15", "cancel premium effective 2027-03-01", "cancel premium when
    # <@X> confirms")
    r"(?:after|effective|from)\s+(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)\w*\s+\d|"
    r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2})|"
    r"when\s+<@\w+>\s+(?:confirms|approves|says|signs|agrees|gives)\b|"
    r"when\s+(?:(?:the|our)\s+)?(?:\w+\s+){0,3}?(?:starts|begins|kicks\s+in)\b|"
    r"in\s+(?:two|three|four|five|six|a\s+few|a\s+couple(?:\s+of)?|\d+)\s+(?:days|weeks|months)\b|"
    r"in\s+(?:the\s+)?(?:spring|summer|fall|autumn|winter)\b|"
    r"on\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b|"
    r"on\s+(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\w*\s+\d|"
    r"after\s+(?:the|her|his|our|their|she|he|they|we)\s+(?:\w+\s+)?(?:ends|finish\w*|closes|"
    r"is\s+over|starts|leaves)|"
    # ("revoke <@X>'s billing after his last day on the 30th")
    r"after\s+(?:her|his|their)\s+(?:last\s+day|notice\s+period|probation|handover|exit)\b)"
)
# (what lies between the change's words and the day must not be another thing's: "cancel premium,
# the renewal is next week" cancels now)
_BETWEEN = (
    # (nor across a clause: "revoke <@X>'s billing access — he left on Friday")
    # (a compound's second half is no other thing's: "turn auto-renew back on in december")
    # (nor a past event's: "cancel the premium we bought in december", "remove <@X> who quit in
    # november from billing")
    r"(?:[^\w.,;:!?—–'’]+(?:(?<=-)|(?!(?:renew\w*|charg\w*|invoice|payment|is|was|will|because|"
    r"since|before|when|if|left|started|joined|bought|quit|took|got|paid|had|made|who|that|which|"
    r"we|(?!need|feed|speed)\w+ed)\b))[\w'’]+){0,4}?[^\w.,;:!?—–'’]+"
)
_DATED_CHANGE = (
    # (an order's verb, not one told done: "i cancelled in a rage on tuesday")
    r"\b(?:billing\s+(?:access|permissions?|perms|rights)|(?:need|want|get|have|start)\s+"
    r"(?:the\s+)?(?:<paid>)|upgrad(?:e|ing)|"
    r"cancel(?:l?ing)?|revok(?:e|ing)|remov(?:e|ing)|grant(?:ing)?)\b" + _BETWEEN
    + "(?:" + _LATER_DAY + "|" + _LATER_ORDERED + ")|"
    r"(?:^|[.!?,;:]\s*|\b(?:please|pls|plz|kindly|just|we'?ll|i'?ll|we\s+will|i\s+will|to|want|"
    r"wanna)\s+)"
    + _ORDER_VERBS + r"\b" + _BETWEEN + _LATER_ORDERED + "|"
    # ("please cancel premium *next year*": the year right after the order's words; not "we
    # don't want it to renew next year", the renewal's, nor "before next year")
    r"\b" + _ORDER_VERBS + r"\s+(?:\w+\s+){0,3}?[*_]*(?<!before\s)(?<!by\s)next\s+year\b|"
    # ("<@X> leaves next month, we'll revoke billing then": then, after a later event; not "ok,
    # cancel it then", nor "fine, I'll upgrade then")
    r"\b(?:next\s+\w+|tomorrow|after|once|when|leaves|joins|starts|finishes|returns)\b[^.!?]{0,80}?"
    r"[,.;]\s*(?:we'?ll|i'?ll|we\s+will|i\s+will)\s+" + _ORDER_VERBS + r"\b" + _BETWEEN
    + r"then(?=\W*$)"
)


# A later day in another language, beside a change's word in it or in English: "cancela el
# premium pero el año que viene", "annulez le premium en janvier", "fazer upgrade para premium
# no mês que vem".
_LATER_ABROAD = re.compile(
    r"\b(?:el\s+(?:año|mes)\s+que\s+viene|el\s+pr[oó]ximo\s+(?:año|mes)|l'ann[ée]e\s+prochaine|"
    r"le\s+mois\s+prochain|en\s+(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|"
    r"septembre|octobre|novembre|d[ée]cembre)|n[oa]\s+(?:m[êe]s|ano)\s+que\s+vem|"
    r"n[oa]\s+pr[óo]xim[oa]\s+(?:m[êe]s|ano)|n[äa]chste[ns]?\s+(?:monat|jahr)|"
    r"volgend(?:e)?\s+(?:maand|jaar))\b",
    re.I,
)
_CHANGE_ANYWHERE = re.compile(
    r"\b(?:cancel|annul|k[üu]ndig|upgrad|resum|reactiv|reativ|revok|remov)", re.I
)


def dated(text: str, paid: tuple[str, ...]) -> bool:
    """Whether the message asks a change for a later day, said right after the change's words
    ("upgrade us tomorrow please", "<@X> needs billing access from next Monday"): the bot does
    it now or not at all, and now is not what was asked. (Not beside "now": "…, cancel it
    now!")"""
    if _NOW_SAID.search(text):
        return False
    return _dated_abroad(text) or bool(_dated_change(paid).search(text))


def _dated_abroad(text: str) -> bool:
    """Another language's later day and a change's word in one sentence (not "bitte kündigen
    Sie… Wir möchten nicht, dass er sich nächstes Jahr automatisch verlängert"). The message is
    split only when it names such a day at all: dated() is asked of every piece of a message."""
    if not _LATER_ABROAD.search(text):
        return False
    sentences = split_sentences(text)
    return any(_LATER_ABROAD.search(s) and _CHANGE_ANYWHERE.search(s) for s in sentences)


# (not "Now not.", "Now still need phone.", "card gets replaced today.")
_NOW_SAID = re.compile(
    r"\b(?:now|right away|asap|immediately)\b(?!\s+(?:not|still)\b)|\btoday\s*(?:please|pls|plz|!)|"
    r"\b(?:it|us|them|her|him) today\b",
    re.I,
)


@lru_cache(maxsize=8)
def _dated_change(paid: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_DATED_CHANGE.replace("<paid>", paid_alternation(paid)), re.I)
