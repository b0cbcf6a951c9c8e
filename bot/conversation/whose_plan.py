"""Whether a change asked for is of someone else's plan: "My friend's company also uses you and
they want to cancel their premium. Can you do it from here for them?". The bot changes only the
asker's own account (the billing service checks the link on every call); a request about another
company's plan is answered, never run on ours."""

from __future__ import annotations

import re

# Another company named (a friend's, a sister company's), and the plan said to be theirs: "they
# want to cancel their premium", "can you move them over too?". (A friend who recommended premium,
# or a plan called a client's, may well be of this account: an agency's admin runs its client's
# account, "Acting on behalf of our client: they've asked us to end their premium support plan".)
_OTHER_PARTY = re.compile(
    r"\b(?:friend|friends|friend's|sister\s+(?:company|companies|brands?|stores?)|other\s+company|"
    r"another\s+(?:company|business)|different\s+(?:account|company))\b",
    re.I,
)
_THEIRS = re.compile(
    r"\b(?:their|his|her)[*_]*\s+(?:own\s+)?(?:premium|plan|subscription|tier|renewal|account|"
    r"support|contract)\b|\b(?:for|to|move|upgrade|switch|cancel)\s+them\b",
    re.I,
)
_NOT_OURS = re.compile(r"\b(?:not|isn'?t|is\s+not)\s+ours\b", re.I)
# The plan changes whose owner matters (access changes name their colleague themselves).
OWNED_CHANGES = frozenset({"upgrade", "cancel", "resume", "downgrade"})


def anothers_plan(action: str, text: str) -> bool:
    """Whether `text` asks `action` of a plan it says is another company's or person's."""
    theirs = _OTHER_PARTY.search(text) and _THEIRS.search(text)
    return action in OWNED_CHANGES and bool(theirs or _NOT_OURS.search(text))
