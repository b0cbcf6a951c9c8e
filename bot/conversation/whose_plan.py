"""Whether a change asked for is of someone else's plan: "My friend's company also uses you and
they want to cancel their premium. Can you do it from here for them?". The bot changes only the
asker's own account (the billing service checks the link on every call); a request about another
company's plan is answered, never run on ours."""

from __future__ import annotations

import re

# Another company's plan, said to be not this account's. (A plan called "theirs" or a client's
# may well be this account's: an agency's admin runs its client's account, "Acting on behalf of
# our client: they've asked us to end their premium support plan".)
_ANOTHERS = re.compile(
    r"\b(?:friend|friends|friend's|sister\s+(?:company|brand|store)|other\s+company|"
    r"another\s+(?:company|account|business)|different\s+(?:account|company))\b|"
    r"\b(?:not|isn'?t|is\s+not)\s+ours\b",
    re.I,
)
# The plan changes whose owner matters (access changes name their colleague themselves).
PLAN_CHANGES = frozenset({"upgrade", "cancel", "resume", "downgrade"})


def anothers_plan(action: str, text: str) -> bool:
    """Whether `text` asks `action` of a plan it says is another company's or person's."""
    return action in PLAN_CHANGES and bool(_ANOTHERS.search(text))
