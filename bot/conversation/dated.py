"""A change asked for a later day, or a renewal held for a condition: "<@X> needs billing access
from next Monday", "revoke <@X>'s billing access on Friday, his last day", "please upgrade us on
Jan 1", "please don't renew without checking with me". The bot makes a change now or not at all,
so these are put off (put_off.not_asked_now), not done early."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.conversation.undo import paid_alternation

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
_TERM = r"(?:term|contract|subscription|period|renewal|billing|plan|year|cycle)s?\b"
# ... or said right after an order's own verb: "upgrade us tomorrow please", "give <@X> billing
# access next sprint", "add <@X> to billing in two weeks", "revoke … at the end of the month",
# "resume premium on the 1st", "please upgrade us on Jan 1", "… after she finish training"
_LATER_ORDERED = (
    r"(?:tomorrow\b|next\s+(?:week|sprint|month|quarter)\b|in\s+(?:" + MONTHS + r")\b|"
    r"at\s+(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:month|week|quarter|year)\b|"
    # ("cancel premium after the audit", "… after we close the books on friday", "upgrade to
    # premium when the new fiscal year starts"; not "after we talked", told, nor "when the term
    # ends", a cancel's own time)
    r"after\s+(?:the|our)\s+(?!(?:\w+\s+)?" + _TERM + r")(?:\w+\s+)?\w+(?=\s*(?:[.!?;]|$))|"
    r"after\s+(?:we|i|they)\s+(?!\w+ed\b)\w+\s+(?:the|our)\b|"
    r"when\s+(?:the|our)\s+(?:\w+\s+){0,3}?(?:starts|begins|kicks\s+in)\b|"
    r"in\s+(?:two|three|four|five|six|a\s+few|a\s+couple(?:\s+of)?|\d+)\s+(?:days|weeks|months)\b|"
    r"in\s+(?:the\s+)?(?:spring|summer|fall|autumn|winter)\b|"
    r"at\s+the\s+end\s+of\s+(?:the|this|next)\s+(?:month|week)\b|on\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)\b|"
    r"on\s+(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\w*\s+\d|"
    r"after\s+(?:the|her|his|our|their|she|he|they|we)\s+(?:\w+\s+)?(?:ends|finish\w*|closes|"
    r"is\s+over|starts|leaves))"
)
# (what lies between the change's words and the day must not be another thing's: "cancel premium,
# the renewal is next week" cancels now)
_BETWEEN = (
    # (nor across a clause: "revoke <@X>'s billing access — he left on Friday")
    # (a compound's second half is no other thing's: "turn auto-renew back on in december")
    r"(?:[^\w.,;:!?—–]+(?:(?<=-)|(?!(?:renew\w*|charg\w*|invoice|payment|is|was|will|because|"
    r"since|before|when|if|left|started|joined)\b))[\w'’]+){0,4}?[^\w.,;:!?—–]+"
)
_DATED_CHANGE = (
    # (an order's verb, not one told done: "i cancelled in a rage on tuesday")
    r"\b(?:billing\s+(?:access|permissions?|perms|rights)|(?:need|want|get|have|start)\s+"
    r"(?:the\s+)?(?:<paid>)|upgrad(?:e|ing)|"
    r"cancel(?:l?ing)?|revok(?:e|ing)|remov(?:e|ing)|grant(?:ing)?)\b" + _BETWEEN
    + "(?:" + _LATER_DAY + "|" + _LATER_ORDERED + ")|"
    r"(?:^|[.!?,;:]\s*|\b(?:please|pls|plz|kindly|just|we'?ll|i'?ll|we\s+will|i\s+will|to|want|"
    r"wanna)\s+)"
    r"(?:upgrade|cancel|revoke|remove|grant|give|add|resume|reactivate|take|turn|switch)\b"
    + _BETWEEN + _LATER_ORDERED + "|"
    # ("please cancel premium *next year*": the year right after the order's words; not "we
    # don't want it to renew next year", the renewal's)
    r"\b(?:upgrade|cancel|resume|reactivate)\s+(?:\w+\s+){0,2}?[*_]*next\s+year\b|"
    # ("<@X> leaves next month, we'll revoke billing then": then, not now; "ok, cancel it then"
    # orders)
    r"\b(?:we'?ll|i'?ll|we\s+will|i\s+will)\s+(?:upgrade|cancel|revoke|remove|grant|give|add|"
    r"resume|reactivate|take)\b" + _BETWEEN + r"then(?=\W*$)"
)


def dated(text: str, paid: tuple[str, ...]) -> bool:
    """Whether the message asks a change for a later day, said right after the change's words
    ("upgrade us tomorrow please", "<@X> needs billing access from next Monday"): the bot does
    it now or not at all, and now is not what was asked. (Not beside "now": "…, cancel it
    now!")"""
    return not _NOW_SAID.search(text) and bool(_dated_change(paid).search(text))


# (not "Now not.", "Now still need phone.", "card gets replaced today.")
_NOW_SAID = re.compile(
    r"\b(?:now|right away|asap|immediately)\b(?!\s+(?:not|still)\b)|\btoday\s*(?:please|pls|plz|!)|"
    r"\b(?:it|us|them|her|him) today\b",
    re.I,
)


@lru_cache(maxsize=8)
def _dated_change(paid: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_DATED_CHANGE.replace("<paid>", paid_alternation(paid)), re.I)
