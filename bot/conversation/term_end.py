"""The end of the paid term (its contract, year or period, or "it"), named as when to leave
("go back to standard once the current year is up", "cancel it at the end of the contract"): a
cancellation takes effect then anyway, so the timing asks for nothing later than a cancellation
now; for any other change it is a "later" like any other. The end of anything else (a trial, a
project, a migration) is only a "later"."""

from __future__ import annotations

import re

_TERM_END = re.compile(
    r"\b(?:(?:when|once|after)\s+(?:(?:the|our|this|my|current|paid)\s+)*(?:[\w'-]+\s+)?"
    r"(?:term|contract|subscription|plan|year|period|support|membership|it)\s+"
    r"(?:is\s+(?:up|over|done|finished)|ends|expires|runs\s+out|lapses|finishes|"
    r"comes\s+to\s+an\s+end)|"
    r"(?:at|by)\s+the\s+end\s+of\s+(?:(?:the|our|this|my|current|paid)\s+)*(?:[\w-]+\s+)?"
    r"(?:contract|term|year|period|subscription|plan|cycle)|"
    r"after\s+(?:this|the\s+current|our\s+current)\s+(?:contract|term|year|period)|"
    r"(?:when|once)\s+(?:we|it)\s+renews?|at\s+(?:the\s+)?renewal)\b",
    re.I,
)
# What leaves the paid tier, for the timing to be a cancellation's.
_LEAVES = re.compile(
    r"\b(cancel\w*|downgrad\w*|back\s+to|down\s+to|renew\w*|free|terminat\w*|discontinu\w*|"
    r"stop\w*|end\b|continu\w*|leav\w*|drop\w*|quit\w*|opt\w* out)",
    re.I,
)


def without_term_end(piece: str, leaving: bool | None = None) -> str:
    """The piece with the end of the term taken out when it leaves the paid tier (`leaving`:
    whether it does, when the caller knows: an order's tail, after the tier it moves to)."""
    stripped = _TERM_END.sub(" ", piece)  # ("at the end of the year" leaves nothing itself)
    leaves = _LEAVES.search(stripped) if leaving is None else leaving
    return stripped if leaves else piece

