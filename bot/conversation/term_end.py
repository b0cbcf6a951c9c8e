"""The end of the paid term, named as when to leave ("go back to standard once the current year
is up", "put us on the free plan when premium ends"): a cancellation takes effect then anyway,
so the timing asks for nothing later than a cancellation now; for any other change it is a
"later" like any other."""

from __future__ import annotations

import re

_TERM_END = re.compile(
    r"\b(?:(?:when|once|after)\s+(?:(?:the|our|this|my|current|paid)\s+)*(?:[\w-]+\s+){0,2}?"
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
    r"stop\w*|end\b|continue)",
    re.I,
)


def only_term_end(text: str) -> bool:
    """Whether the words are the end of the term and nothing more ("when the contract ends.")."""
    found = _TERM_END.search(text)
    return bool(found) and not re.sub(r"\W", "", text[: found.start()] + text[found.end() :])


def without_term_end(piece: str) -> str:
    """The piece with the end of the term taken out when the piece leaves the paid tier."""
    return _TERM_END.sub(" ", piece) if _LEAVES.search(piece) else piece
