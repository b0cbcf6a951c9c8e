"""A term of policy the question asks about that the answer does not say: "can we pay for
premium by ACH?" is close to the section on paying for Premium by most of its words, and its
answer ("a credit card on file") says nothing of ACH; "is support open on thanksgiving?" is
close to the hours, which say nothing of holidays. The answer would be a guess at the policy,
so the question is declined (and a person offered) instead.

The terms are those of support and billing policy in general (refunds, credits, taxes, ways to
pay, holidays, limits, phone lines abroad), not one vendor's: a vendor whose articles state
such a policy has its sections answer, because the answer then says the term."""

from __future__ import annotations

import re

# Each policy: what a question asks it by, and what an answer that states it says.
_POLICIES: tuple[tuple[str, str], ...] = (
    # money back
    (
        r"refund\w*|money\s+back|reimburs\w*|pro-?\s?rat\w*|partial\s+(refund|credit)",
        r"refund\w*|money\s+back|reimburs\w*|pro-?\s?rat\w*",
    ),
    # credits for a missed target
    (
        r"(sla|service)\s+credits?|credits?\s+(back|if|when|for\s+(the|a)\s+(miss|late|delay))|"
        r"compensat\w*",
        r"credits?|compensat\w*",
    ),
    # taxes
    (
        r"(vat|gst|tax)\s+(number|id|exempt\w*|included|registration|charged|added|on)|"
        r"(add|include|includ\w+|charge|show|put|exempt\w*)\s+(our\s+|the\s+|any\s+)?(vat|gst|"
        r"sales\s+tax|tax\w*)|reverse\s+charge",
        r"vat|gst|tax\w*",
    ),
    # ways to pay other than the one stated (asked without the card: _ABOUT_THE_CARD)
    (
        r"paypal|ach|wire\s+transfer|bank\s+transfer|net[\s-]?(15|30|45|60)|"
        r"cheque|pay\s+(\w+\s+){0,3}?by\s+(check|invoice)|crypto\w*|bitcoin",
        r"paypal|ach|wire|bank\s+transfer|net[\s-]?\d+|cheque|invoice\s+(us|you)|purchase\s+order",
    ),
    # whether support works on a holiday (not a holiday told: "…our gift sets around the
    # holidays", "my colleague is on holiday")
    (
        r"(_SUPPORT)\s+(\w+\s+)?(open|clos\w*|work\w*|available|staffed|around)\b[^.?!]{0,40}\b"
        r"(_HOLIDAY)|(_HOLIDAY)\b[^.?!]{0,40}\b(_SUPPORT)\s+(\w+\s+)?(open|clos\w*|work\w*|"
        r"available|staffed|around)",
        r"holidays?|christmas|thanksgiving|new\s+year",
    ),
    # a phone line for another country
    (
        r"(uk|u\.k\.|eu|europe\w*|international|toll[\s-]?free|local|australia\w*|canad\w*)\s+"
        r"(phone\s+)?(number|line|#)|(number|line)\s+(for|in)\s+(the\s+)?(uk|eu|europe|australia|"
        r"canada)",
        r"toll[\s-]?free|international|\+\d",
    ),
    # how many, at most
    (
        r"max(imum)?\s+(number|users|seats|people)|(limit|cap)\s+(on|to)\s+(the\s+)?(number|users|"
        r"seats)",
        r"max\w*|limit\w*",
    ),
    # a grace period
    (r"grace\s+period", r"grace"),
    # a notice before the renewal, or how long before it a cancellation must come
    (
        r"(notify|notified|remind\w*|notice|heads[\s-]?up|(send|get|receive)\s+(us\s+|me\s+)?(an?\s+)?"
        r"(e-?mail|reminder)|e-?mail\s+(us|me))\b[^.?!]{0,40}\bbefore\b[^.?!]{0,30}"
        r"\b(renew\w*|charg\w*)|how\s+(many|much)\s+(days|weeks|time)\s+(before|in\s+advance|"
        r"notice)|notice\s+period|\d+\s+days?\s+(notice|in\s+advance)",
        r"notif\w*|remind\w*|notice|e-?mail\w*\s+(you|before)|(\d+|one|two|three|five|seven|ten|"
        r"fourteen|thirty)\s+(business\s+)?(days?|weeks?|months?)\s+(before|in\s+advance|ahead)",
    ),
    # whether a code or a key runs out
    (
        r"(code|pin)\b[^.?!]{0,40}\bexpir\w*|expir\w*[^.?!]{0,30}\b(code|pin)\b",
        r"(code|pin)\b[^.]{0,60}\b(expir\w*|valid\s+(for|until))|expir\w*[^.]{0,40}\b(code|pin)\b",
    ),
    # the renewal date moved
    (
        r"(move|change|shift|align|push)\w*\s+(the\s+|our\s+)?(renewal|billing|anniversary)\s+"
        r"(date|day)",
        r"(mov|chang|shift)\w*\s+(the\s+|your\s+)?renewal\s+date",
    ),
    # onboarding or training included
    (
        r"(onboarding|kick-?off|training)\s+(calls?|meetings?|sessions?|package)",
        r"onboarding|training",
    ),
    # the account's owner changed
    (
        r"(make|change|transfer|switch|replace)\w*\b[^.?!]{0,40}\b(primary\s+user|account\s+owner|"
        r"owner(ship)?\s+of\s+the\s+account)",
        r"transfer\w*|change\s+the\s+primary|new\s+primary",
    ),
)
def _words(asked: str) -> str:
    return asked.replace("_SUPPORT", _SUPPORT).replace("_HOLIDAY", _HOLIDAY)


# (who works on a holiday: support, asked of; "we're closed for the holidays" is the asker's)
_SUPPORT = (
    r"(are|r|will|do|does|is)\s+(you|u|y'?all|you\s+guys|u\s+guys|support|your\s+(team|support|"
    r"desk|office))"
)
_HOLIDAY = r"holidays?|christmas|xmas|thanksgiving|new\s+year'?s?(\s+(eve|day))?|easter"
_ASKED = [
    (re.compile(rf"\b({_words(asked)})\b", re.I), re.compile(rf"\b({said})\b", re.I))
    for asked, said in _POLICIES
]


# A way to pay asked beside the card is asked about the card, which the answer says ("do we
# need a credit card on file? we normally pay vendors by ACH").
_ABOUT_THE_CARD = re.compile(r"\b(card|tarjeta|karte|carte|cartão|cartao)\b", re.I)
_PAYING = 3  # (the ways to pay, in _POLICIES)
# A term said not to be asked: "I'm not asking for the money back, I just want to understand…"
_NOT_ASKED = re.compile(r"\b(not|n't|no|without)\b[\w\s']{0,20}$", re.I)


def unsaid_policy(question: str, answer_text: str) -> bool:
    """Whether the question asks about a term of policy that the answer does not say."""
    for n, (asked, said) in enumerate(_ASKED):
        if n == _PAYING and _ABOUT_THE_CARD.search(question):
            continue
        found = asked.search(question)
        before = question[max(0, found.start() - 30) : found.start()] if found else ""
        if found and not _NOT_ASKED.search(before) and not said.search(answer_text):
            return True
    return False
