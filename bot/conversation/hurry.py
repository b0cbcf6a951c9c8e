"""Words that only hurry an order: "no reason to wait — add billing access for <@X> now", "I don't
want to wait until January anymore — let's do the premium upgrade now", "can't wait any longer,
upgrade us"; or wave off something beside it: "no need to explain the terms, … just cancel the
premium renewal", "cancel premium, no need to call me about it". They negate the waiting or the
call, not the order, yet every reading would take them for something else: "no reason to" or
"no need" for a taking back, "don't want … anymore" for a wish to leave, a "can't" for a doubt.
The message is read without them, as if it said only what it asks. ("no need to upgrade", "no
need to do anything" keep their words: what they wave off is the change.)

Only a clause of its own is left out (a stop, a comma or a dash after it, or the message's end
after a stop): "can't wait to upgrade next year!" and "we can't wait for premium!" keep their
words, whose wait has an object."""

from __future__ import annotations

import re

_WAITING = r"(?:wait(?:ing)?|hold(?:ing)?\s+off|delay(?:ing)?)"
_HURRY = re.compile(
    r"(?P<lead>^|[.!?;,]\s*|\s[—–-]+\s*|[—–]\s*)"
    r"(?:(?:ok|okay|honestly|look|so)\W+)?"
    r"(?P<said>"
    # "I don't want to wait any longer", "we really can't wait until Q2", "no more waiting"
    r"(?:(?:i|we)(?:\s+(?:really|just|honestly|simply))?\s+)?"
    r"(?:(?:do\s*n[o']?t|do\s+not)\s+(?:want|wanna|need)\s+to\s+|can'?t\s+|cannot\s+|can\s+not\s+|"
    r"won'?t\s+|will\s+not\s+|no\s+longer\s+|"
    # (told to the bot: "dont wait for renewal date, cancel it now")
    r"(?<![\w'’])(?:do\s*n[o'’]?t|do\s+not)\s+(?=wait|hold|delay)|"
    r"(?:i'?m|we'?re|i\s+am|we\s+are)\s+not\s+(?:going\s+to|gonna)\s+)"
    + _WAITING
    + r"|(?:there'?s\s+|there\s+is\s+)?no\s+(?:need|reason|point|sense)\s+(?:to\s+|in\s+)?"
    + _WAITING
    # (whoever is not waited on: "No reason to wait on IT for this one, grant …")
    + r"(?:\s+(?:on|for)\s+[^,.;:!?—–\n]{1,40}?(?=\s*(?:[,.;:!?]|\s[—–-]|[—–])))?"
    # ("we can't go another month without phone support, so …")
    + r"|(?:(?:i|we)\s+)?(?:can'?t|cannot)\s+(?:go|last|survive|keep\s+going)\s+"
    r"(?:another|one\s+more)\s+(?:day|week|month|quarter|season|year)\s+without\s+"
    r"[^,.;:!?—–]{1,40}?"
    r"|why\s+wait|no\s+more\s+waiting|(?:(?:i'?m|we'?re|i\s+am|we\s+are)\s+)?"
    r"(?:done|tired\s+of|sick\s+of)\s+waiting"
    r")"
    # what is not waited for: a while, a date, the renewal ("until January", "for the renewal")
    r"(?:\s+(?:any\s*(?:longer|more)|around|(?:until|till|til|for)\s+"
    r"(?:(?:the|our|a|an|next|this)\s+)?(?:[\w/-]+\s+){0,2}?(?:renewal|month|months|week|weeks|"
    r"year|quarter|term|contract|approval|budget|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|q[1-4]|monday|tuesday|wednesday|thursday|"
    r"friday|tomorrow|then|later|it\s+to\s+(?:end|expire|renew|run\s+out))|(?:until|till|til)\s+"
    r"it\s+(?:ends|expires|renews|runs\s+out))(?:\s+date)?)?"
    r"(?:\s+any\s*more)?"
    r"(?P<stop>\s*(?:[,.;:!?]+|\s[—–-]+|[—–]+)\s*|\s*$)",
    re.I,
)


# "no need to call me about it": a clause that waves off something besides a change.
_WAVED_OFF = re.compile(
    r"(?P<lead>^|[.!?;,]\s*|\s[—–-]+\s*|[—–]\s*)"
    # (or told not to: "dont send me more info, i read already. just upgrade")
    r"(?P<said>(?:(?:(?:there'?s|there\s+is)\s+)?no\s+need\s+(?:for\s+(?:you|u)\s+)?to|"
    r"(?:please\s+|pls\s+)?(?:do\s*n[o'’]?t|do\s+not)(?=\s+\w+\s+(?:me|us)\b))\s+"
    # (what is waved off: a call, a mail, an explanation, a check; never a change, nor "actually
    # cancel", "really reinstate")
    r"(?:explain|call|phone|ring|e-?mail|send|reply|respond|write|message|text|confirm|check|"
    r"double[\s-]?check|verify|transfer|loop|escalate|forward|walk|tell|remind|ask|follow\s+up|"
    r"ping|contact|apologi[sz]e|worry|talk|speak|chase|notify|schedule|book)\b"
    r"[^.!?;,—–\n]{0,60}?)"
    r"(?P<stop>\s*(?:[,.;:!?]+|\s[—–-]+|[—–]+)\s*|\s*$)",
    re.I,
)


def unhurried(text: str) -> str:
    """`text` without the clauses that only hurry its order (the module's docstring); the text
    unchanged when nothing would be left but them."""
    for pattern in (_HURRY, _WAVED_OFF):
        for _ in range(3):  # ("No reason to wait. Can't wait any longer. Upgrade us")
            shorter = _without(pattern, text)
            if shorter == text:
                break
            text = shorter
    return text


def _without(pattern: re.Pattern[str], text: str) -> str:
    found = pattern.search(text)
    if found is None:
        return text
    lead, start, end = found.group("lead"), found.start(), found.end()
    if start == 0 and not lead:
        rest = text[end:]  # ("no reason to wait — add billing access for <@X> now")
    elif end == len(text):  # ("upgrade us, can't wait any longer!": its own stop kept)
        rest = text[:start] + (lead if lead.strip(" ,;:—–-") else "")
    else:
        rest = text[:start] + lead + text[end:]
    rest = rest.strip()
    return rest if re.search(r"\w{2,}", rest) else text
