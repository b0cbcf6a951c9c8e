"""A change refused beside a question ("not want cancel!! only when is the renewal", "we still
premium? not change anything pls just asking", "No. We not cancel. Only tell me when is next
payment"): the refusal is said so that the question is not taken for an order, and what is
asked is the question. Read whole, the refused change's words outweigh the question's ("when is
the renewal" loses to "cancel"); read without the refusal, the question is the asker's own.

Only a reading that changes nothing is taken from what is left (the asker's own figure, the
plan's status, a person): a refusal never turns into a change here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.conversation.commands import CHANGE_VERB, is_question
from bot.conversation.signals import negations, orders
from bot.conversation.two_asks import READ_WHOLE

if TYPE_CHECKING:
    from bot.conversation.understood import Understood

# A clause with what ends it ("not want cancel!! ", "we still premium? ").
_CLAUSE = re.compile(r"[^.!?,;\n]+[.!?,;\n]*")
# (a refusal quoted is somebody's words, a draft's: "pls sanity check: \"We won't be cancelling…\"")
_QUOTED = re.compile(r"[\"“”]")
_BARE_NO = re.compile(r"^\W*(?:no|nope|nah|no thanks?)\W*$", re.I)
# What the rest opens with after a refusal ("…. Only tell me when…", "…, just the date"): only
# a lead to the question.
_ONLY = re.compile(r"^\W*(?:only|just|but)\s+", re.I)
# A fact asked for without a question ("i just want the exact date it renews").
_FACT_WANTED = re.compile(
    r"\b(?:want|need|like)\s+(?:to\s+(?:know|see|check)|the\s+(?:\w+\s+)?(?:date|day|code|pin|card|tier|"
    r"plan))\b|\b(?:tell|show|send)\s+(?:me|us)\b",
    re.I,
)
# Readings that change nothing, taken from the rest.
_UNCHANGING = frozenset({"personal", "handoff"})
_READ_ONLY = frozenset({"status"})


# The refusal itself: a change's verb right after the negation ("we not cancel", "not want
# cancel", "no resume", "not change anything"), or a hedge ("just curious", "maybe not"); not
# "i dont see the Change Support Tier button", whose negation is of seeing.
_REFUSAL = re.compile(
    r"\b(?:not|no|never|dont|don'?t|do\s+not|won'?t)\s+(?:(?:really|want|wanna|to|need|plan|"
    r"planning|going|asking|telling|you)\s+){0,3}(?:" + CHANGE_VERB + r"|chang\w*|touch\w*|"
    r"do\s+anything)|"
    r"\bjust\s+(?:curious|asking|wondering|checking)\b|\b(?:maybe|probably|or)\s+not\b",
    re.I,
)


def _refuses(clause: str) -> bool:
    """Whether a clause only refuses or disclaims a change: "not want cancel!!", "no resume",
    "not change anything pls just asking", a bare "No." (not a question, nor an order)."""
    if _BARE_NO.match(clause):
        return True
    # (the refusal's own words first: negations() reads the clause whole, and most have none)
    refuses = bool(_REFUSAL.search(clause)) and bool(negations(clause))
    return refuses and not is_question(clause) and not orders(clause)


def without_refusals(text: str) -> str:
    """The message without its clauses that only refuse a change; "" when none do, or all."""
    if _QUOTED.search(text) or len(text) > READ_WHOLE:
        return ""  # (a letter is read whole)
    clauses = [found.group(0) for found in _CLAUSE.finditer(text)]
    kept = [clause for clause in clauses if not _refuses(clause)]
    if len(kept) == len(clauses) or not kept:
        return ""
    return _ONLY.sub("", "".join(kept).strip())


def asked_beside_refusal(
    text: str, read: Understood, reader: Callable[[str], Understood]
) -> Understood | None:
    """What the message asks once its refusals are set aside, when the whole message found no
    reading that acts on it (an article, a decline, a question back) and the rest is the asker's
    own figure, the plan's status or a person."""
    if read.decision.kind not in ("answer", "decline", "clarify", "reply"):
        return None
    rest = without_refusals(text)
    if not rest:
        return None
    again = reader(rest)
    decision = again.decision
    if decision.kind == "action" and decision.action in _READ_ONLY:
        return again  # ("do NOT cancel our premium. … pull up our status so i can see")
    # (what is left must ask: "…, we rely on it" tells)
    asks = is_question(rest) or _FACT_WANTED.search(rest)
    return again if asks and decision.kind in _UNCHANGING else None
