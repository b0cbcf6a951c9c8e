"""Stopping the renewal in words other than "cancel": "stop the auto renew", "make sure premium
doesn't renew", "we won't continue with the premium support after this period", "I don't want to
be billed for premium next year", "we not want premium more". Each is the asker's own wish or an
order; the negation in it is the request itself, not a taking back of one. The paid tiers' names
are the vendor's (app.yaml), read where PAID stands."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.conversation.undo import paid_alternation

# The plan, named as such or by a paid tier ("our premium support", "the subscription").
_PLAN = (
    r"(?:(?:the|our|my|this|that|its)\s+)?(?:current\s+)?(?:PAID|plan|subscription|contract)"
    r"(?:\s+(?:support|plan|subscription|tier))?"
)
# (not "cancel the renewal reminder emails")
_RENEWAL = (
    r"(?:auto[\s-]?renew\w*|automatic\s+renewal|renewal)(?!\s+(?:of|reminders?|e-?mails?|notices?|"
    r"notifications?|messages?|alerts?|letters?|invoices?|receipts?)\b)"
)
_NOT = r"(?:will\s+not|won'?t|wont|do\s+not|don'?t|dont|not|never)"
_STOPS = (
    # an order: "stop the auto renew", "turn off our premium renewal"
    r"(?P<order>\b(?:stop|turn\s+off|switch\s+off|shut\s+off|disable|deactivate|cancel|kill|"
    r"remove)\s+(?:(?:the|our|my|its)\s+)?(?:PAID\s+(?:support\s+)?)?" + _RENEWAL + r"\b)|"
    # "make sure premium doesn't renew", "ensure the plan won't auto-renew"
    r"(?P<ensure>\b(?:make\s+sure|ensure|see\s+to\s+it)\s+(?:that\s+)?(?:it|" + _PLAN + r")\s+"
    r"(?:does\s*n[o']?t|doesnt|won'?t|wont|will\s+not|is\s+not|isn'?t)\s+(?:auto[\s-]?)?"
    r"renew(?!\s+(?:on|with|to|using)\b))|"
    # "we'll pass on renewing premium", "no thanks to the premium renewal"
    r"\b(?:we|i)(?:'ll|\s+will|\s+are\s+going\s+to|'re\s+going\s+to)?\s+pass\s+on\s+"
    r"(?:renewing|(?:the\s+)?(?:PAID\s+)?renewal)|"
    r"\bno\s+thanks?\s+(?:to|on)\s+(?:the\s+)?(?:PAID\s+(?:support\s+)?)?renewal|"
    # "we will not continue with the premium support", "we don't want to keep premium"
    r"\b(?:we|i)\s+" + _NOT + r"\s+(?:(?:want|wish|plan|intend)\s+to\s+|be\s+)?"
    r"(?:continu\w*|renew\w*|keep\w*|extend\w*|stay\w*)\s+(?:(?:with|on)\s+)?" + _PLAN + r"|"
    # "I don't want to be billed for premium next year"
    r"\b(?:we|i)\s+" + _NOT + r"\s+want\s+to\s+(?:be\s+)?(?:billed|charged|pay(?:ing)?)\s+"
    r"(?:again\s+)?for\s+" + _PLAN + r"|"
    # "we not want premium more", "premium not necessary more for us"
    r"\b(?:we|i)\s+" + _NOT + r"\s+(?:want|need)\s+" + _PLAN + r"\s+(?:any\s*more|more)\b|"
    r"\b" + _PLAN + r"\s+(?:is\s+)?not\s+(?:necessary|needed|required)\s+(?:any\s*more|more)\b"
)
# An order's words (stop it, make sure it stops) are the asker's when they open the piece or
# follow a greeting, "please", "can you" or "we want to" ("my colleague wants to stop the auto
# renew" is someone else's, "how do we make sure it does not renew" asks how).
_ASKER_BEFORE = re.compile(
    r"(?:^|[.!?,;:\n(]|\b(?:please|pls|plz|kindly|just|so|then|now|and|hi|hey|hello|ok|okay)|"
    r"\b(?:can|could|would|will)\s+(?:you|u)(?:\s+(?:please|pls|plz|just|kindly))?|"
    r"\b(?:we|i)\s+(?:want|need|would\s+like|'d\s+like)\s+(?:you\s+)?to)\W*$",
    re.I,
)


@lru_cache(maxsize=16)
def _pattern(paid: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(_STOPS.replace("PAID", paid_alternation(paid)), re.I)


def stops_renewal(text: str, paid: tuple[str, ...] = ()) -> str | None:
    """The words that ask the renewal stopped, or None; `paid` as tiers.paid_names gives it."""
    for found in _pattern(paid).finditer(text):
        ordered = found.group("order") or found.group("ensure")  # ("how do we make sure…")
        if ordered and not _ASKER_BEFORE.search(text[: found.start()]):
            continue
        return found.group(0)
    return None
