"""Stopping the renewal in words other than "cancel": "stop the auto renew", "make sure premium
doesn't renew", "we won't continue with the premium support after this period", "I don't want to
be billed for premium next year", "we not want premium more". Each is the asker's own wish or an
order; the negation in it is the request itself, not a taking back of one. The paid tiers' names
are the vendor's (app.yaml), read where PAID stands."""

from __future__ import annotations

import re

from bot.conversation.undo import with_paid

# The plan: a paid tier by name, or the support plan as such ("our premium support", "the support
# subscription"); a bare "contract" or "plan" may be anyone's ("the contract with our old 3PL").
_PLAN = (
    r"(?:(?:the|our|my|this|its)\s+)?(?:current\s+)?(?:PAID(?:\s+(?:support|plan|subscription|"
    r"tier))*|support\s+(?:plan|subscription|contract))"
)
# The renewal, as the last words of its clause or of the plan's ("stop the auto renew on our
# support plan"; not "the renewal reminder emails", "the renewal date on the invoice").
_RENEWAL = (
    r"(?:auto[\s-]?renew(?:al|ing)?|automatic\s+renewal|renewal)"
    r"(?=\s*(?:$|[.,;!?)]|(?:on|of|for)\s+(?:our|the|my|PAID)\b|(?:please|pls|plz|thanks|thx|now|asap|"
    r"and|so|because)\b))"
)
_NOT = r"(?:will\s+not|won'?t|wont|do\s+not|don'?t|dont|not|never)"
# ... and "make sure it doesn't renew" ends there, or says when ("…in June", "…again next year");
# not "…renew at the old price", "…renew twice", "…renew on the old card".
_RENEWS_NO_MORE = (
    r"renew(?=\s*(?:$|[.,;!?]|(?:again|next|this|in|automatically|anymore|any\s+more)\b))"
)
_STOPS = (
    # an order: "stop the auto renew", "turn off our premium renewal"
    r"(?P<order>\b(?:stop|turn\s+off|switch\s+off|shut\s+off|disable|deactivate|cancel|kill|"
    r"remove)\s+(?:(?:the|our|my|its)\s+)?(?:PAID\s+(?:support\s+)?)?"
    r"(?:(?:yearly|annual|upcoming|next|coming)\s+)?" + _RENEWAL + r"|"
    # "I would like to end our premium support contract"
    r"\b(?:end|terminate|discontinue)\s+" + _PLAN + r"(?:\s+contract)?\b)|"
    # "We've decided against renewing Premium"
    r"\b(?:we|i)(?:'ve|\s+have)?\s+(?:decided|chosen|chose)\s+(?:against|not\s+to)\s+"
    r"(?:renew|renewing)\b|"
    # "make sure premium doesn't renew", "ensure the support plan won't auto-renew"
    r"(?P<ensure>\b(?:make\s+sure|ensure|see\s+to\s+it)\s+(?:that\s+)?(?:it|" + _PLAN + r")\s+"
    r"(?:does\s*n[o']?t|doesnt|won'?t|wont|will\s+not|is\s+not|isn'?t)\s+(?:auto[\s-]?)?"
    + _RENEWS_NO_MORE
    + r")|"
    # "Do not renew Premium support.", "please don't auto-renew our premium plan": an order
    # ("could you please not renew our premium plan this year?")
    r"(?P<forbid>\b(?:do\s+not|don'?t|dont|not)\s+(?:auto[\s-]?)?renew\s+" + _PLAN + r")|"
    # "we'll pass on renewing premium", "no thanks to the premium renewal"
    r"\b(?:we|i)(?:'ll|\s+will|\s+are\s+going\s+to|'re\s+going\s+to)?\s+pass\s+on\s+"
    r"(?:renewing|(?:the\s+)?(?:PAID\s+)?renewal)|"
    r"\bno\s+thanks?\s+(?:to|on)\s+(?:the\s+)?(?:PAID\s+(?:support\s+)?)?renewal|"
    # "we will not continue with the premium support", "we don't want to keep premium"
    r"\b(?:we|i)\s+" + _NOT + r"\s+(?:(?:want|wish|plan|intend)\s+to\s+|be\s+)?"
    r"(?:continue|continuing|renew|renewing|keep|keeping|extend|extending|stay|staying)\s+"
    r"(?:(?:with|on)\s+)?" + _PLAN + r"|"
    # "I don't want to be billed for premium next year"
    r"\b(?:we|i)\s+" + _NOT + r"\s+want\s+to\s+(?:be\s+)?(?:billed|charged|pay(?:ing)?)\s+"
    r"(?:again\s+)?for\s+" + _PLAN + r"|"
    # "we not want premium more", "premium not necessary more for us"
    r"\b(?:we|i)\s+" + _NOT + r"\s+(?:want|need)\s+" + _PLAN + r"\s+(?:any\s*more|more)\b|"
    r"\b" + _PLAN + r"\s+(?:is\s+)?not\s+(?:necessary|needed|required)\s+(?:any\s*more|more)\b"
)
# An order's words (stop it, make sure it stops) are the asker's when they open the piece or
# follow a greeting, "please", "can you" or "we want to" ("my colleague wants to stop the auto
# renew" is someone else's, "how do we make sure it does not renew" asks how). Read in the few
# words before the order only (a message of commas is read once, not once per comma).
_ASKER_BEFORE = re.compile(
    r"(?:^|[.!?,;:\n(]|\b(?:please|pls|plz|kindly|just|so|then|now|and|hi|hey|hello|ok|okay)|"
    r"\b(?:can|could|would|will)\s+(?:you|u)(?:\s+(?:please|pls|plz|just|kindly))?|"
    r"\b(?:we|i)\s+(?:want|need|would\s+like|'d\s+like)\s+(?:you\s+)?to)$",
    re.I,
)
_BEFORE = 40
# ... and never someone else's words, nor under a condition: "My CFO says we won't renew
# premium", "i will not renew premium without a discount", "…before the PO is approved".
_REPORTED = re.compile(
    r"\b(says|said|told|tells|thinks|claims|rumou?r|heard|asked|wants|according)\b", re.I
)
# (matched at the order's end: no "^", which would never match past the text's start)
_CONDITION_AFTER = re.compile(
    # ("kill the auto-renew on premium next month"; "…next year" is when it would renew)
    r"[^.;!?]*?\b(without|unless|until|before|if|later|maybe|next\s+(?:week|month|quarter)|"
    r"in\s+(?:a|an|\d+|a\s+few|few)\s+(?:days?|weeks?|months?))\b",
    re.I,
)


def stops_renewal(text: str, paid: tuple[str, ...] = ()) -> str | None:
    """The words that ask the renewal stopped, or None; `paid` as tiers.paid_names gives it."""
    for found in with_paid(_STOPS, paid).finditer(text):
        before = text[max(0, found.start() - _BEFORE) : found.start()].rstrip(" \t*_~'\"")
        # ("how do we make sure…", "why don't you renew premium")
        ordered = found.group("order") or found.group("ensure") or found.group("forbid")
        if ordered and not _ASKER_BEFORE.search(before):
            continue
        sentence_start = max(text.rfind(c, 0, found.start()) for c in ".!?\n") + 1
        if _REPORTED.search(text[sentence_start : found.start()]):
            continue
        if _CONDITION_AFTER.match(text, found.end()):
            continue
        return found.group(0)
    return None
