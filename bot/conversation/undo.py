"""Taking back a cancellation is asking to resume ("undo the cancellation", "un-cancel our
plan", "we want premium back"): the cancellation is what is undone, not a charge ("reverse the
charge and cancel our plan"). The paid tiers' names are the vendor's (app.yaml), read in the
place of "plan": another vendor's "we want Gold back" is read as this one's "we want premium
back", with no change to the words below."""

from __future__ import annotations

import re
from functools import lru_cache

# PAID stands for the paid tiers' names (longest first), or for "plan" when none are given.
_UNDO = (
    r"\b(undo|reverse|revert|roll ?back)((\s+(the|our|my|that|this|its|PAID|plan|"
    r"subscription|support|earlier|recent|previous|prior|last|accidental|mistaken))){0,3}"
    r"\s+cancel\w*|\bun-?cancel\w*|"
    # "i cancelled premium by mistake, can you undo that", "…cancelled it, please restore it"
    r"\bcancell?ed\b[^.?!]{0,80}?\b(undo|restore|reinstate|reactivate) (that|it|this)\b|"
    r"\bcancel\s+(the|our|my|that)\s+cancell?ation\b|"
    # "please take back the cancel", "take the cancellation back"
    r"\btake\s+back\s+(the|our|my|that)\s+cancel\w*|\btake\s+(the|our|my|that)\s+cancel\w*\s+"
    r"back\b|"
    # "reinstate premium auto renew pls", "reactivate our subscription", "restore our premium"
    # (not "restore the plan settings", "please restore support" when a line is down)
    r"\b(reinstate|reactivate)\s+((the|our|my|its|that)\s+)?(PAID|plan|subscription|support|"
    r"auto[\s-]?renew\w*|(automatic\s+)?renewal)\b|"
    r"\brestore\s+((the|our|my|its|that)\s+)?(PAID|subscription|auto[\s-]?renew\w*|renewal)\b"
    r"(?!\s+(settings?|data|config\w*|mappings?|orders?|line|phone))|"
    # "stop the cancellation", "reverse the downgrade to standard"
    r"\b(stop|halt)\s+((the|our|my|that|this)\s+)?cancell?ation\b(?!\s+(e-?mails?|notices?|"
    r"notifications?|messages?|reminders?|letters?))|"
    r"\b(undo|reverse|revert|roll ?back)\s+((the|our|my|that|this)\s+)?downgrade\b|"
    # "resume our premium subscription", "continue with premium after all", "keep premium"
    r"\bresume\s+((the|our|my|its|that)\s+)?(PAID|plan|subscription|auto[\s-]?renew\w*|"
    r"renewal)\b(?!\s+(to|for|of|on)\b)|"
    # "don't let the premium plan lapse"
    r"\b(don'?t|do\s+not|never)\s+let\s+((the|our|my)\s+)?(PAID|plan|subscription)(\s+(support|plan|"
    r"subscription))?\s+(lapse|expire|run\s+out)\b|"
    # "please don't let it drop back to standard at the end of the term"
    r"\b(don'?t|do\s+not|never)\s+let\s+(it|us|(the|our|my)\s+(account|plan|support))\s+(drop|go|"
    r"fall|revert|slip)\s+(back\s+)?(down\s+)?to\b|"
    # "nvm about cancelling premium, keep it going"
    r"\b(nvm|never\s*mind|forget\s+about)\s+(about\s+)?((the|our|my)\s+)?cancel(l?ing|l?ation)\b"
    r"(?!\s+(fee|e-?mails?|survey|policy|questions?|notices?|confirmations?|forms?|terms|links?|"
    r"page|of|an?|the|our|my|orders?))"
    # (with a keeping beside it: not "nvm about cancelling, I found the button and did it")
    r"(?=[^.!?]{0,60}\b(keep\w*|stay\w*|continu\w*|resume|renew\w*|going)\b)|"
    # "scratch that cancellation", "forget my cancellation request"
    # "we hereby withdraw our earlier request to cancel Premium Support"
    r"\b(withdraw|retract|rescind)\s+(the|our|my)\s+(\w+\s+)?request\s+to\s+cancel\b|"
    r"\b(scratch|forget|ignore|disregard|withdraw|retract)\s+((the|our|my|that|this)\s+)?"
    r"cancell?ation\b(?!\s+(fee|e-?mails?|survey|policy|questions?|notices?|confirmations?|forms?|"
    r"terms|links?|page))|"
    r"\b(continue|keep|stay)\s+((with|on)\s+)?((the|our|my)\s+)?PAID\b"
    r"(?!\s+(in\s+mind|cancell?ed|off|as\s+is))"
    # (kept to its end is the cancel: KEPT_TO_ITS_END)
    r"(?![^.!?]{0,60}?KEPT)|"
    # "Premium back on please" (not "premium back in March", "…back to standard")
    r"\bPAID(\s+(support|plan|subscription))?\s+back\b(?!\s+(to|in|at|when|then)\b)|"
    # "we want premium back", "bring back our plan", "can you put the premium again"
    r"\b((we|i)\s+)?(want|need|(would|'d)\s+(like|love)|bring|put|turn|get)\s+"
    r"((the|our|my|us)\s+)?(PAID|plan|"
    r"subscription)(\s+(support|plan|subscription))?\s+back\b(?!\s+(to|on|in|at)\b)|"
    r"\b(put|turn|get)\s+((the|our|my|us)\s+)?(PAID|plan|subscription)"
    r"(\s+(support|plan|subscription))?\s+again\b|"
    # "can you turn premium back on so it renews again" (not "…back on the 15th")
    r"\b(turn|switch|put)\s+((the|our|my)\s+)?(PAID|plan|subscription)"
    r"(\s+(support|plan|subscription))?\s+back\s+on\b(?!\s+(the\s+)?\d)|"
    r"\bbring\s+back\s+((the|our|my)\s+)?(PAID|plan|subscription)\b|"
    # "please switch the renewal back on", "turn auto-renew back on" (not "…back on the 15th",
    # "switch back on renewal notifications", "switch back on renewal to the free plan")
    r"\b(turn|switch|put)\s+((the|our|my)\s+)?(auto[\s-]?)?renew(al|ing)?\s+back\s+on\b"
    r"(?!\s+(the\s+)?\d)|"
    r"\b(turn|switch)\s+back\s+on\s+((the|our|my)\s+)?(auto[\s-]?)?renew(al|ing)?\b"
    r"(?!\s+(to|for|e-?mails?|notices?|notifications?|messages?|reminders?|alerts?)\b)"
)


# The plan kept to its end and then left, or kept without its renewal: "keep premium until it
# ends, then drop to standard", "keep premium but turn off auto renew" ask to cancel, which is
# just that; no resume.
_KEPT_TO_ITS_END = (
    r"\b((until|till|til|through|thru)\s+(it|the|our|its)\b[^.!?]{0,20}?"
    r"\b(end|ends|expir\w*|runs?\s+out|renewal|term)\b|(turn|switch)\w*\s+off\b|"
    r"stop\w*\s+(the\s+)?(auto[\s-]?)?renew|(don'?t|not|no)\s+(auto[\s-]?)?renew|"
    r"then\s+(drop|go|switch|move|downgrade|fall|revert))"
)
KEPT_TO_ITS_END = re.compile(r"\bkeep\w*\b[^.!?]{0,60}?" + _KEPT_TO_ITS_END, re.I)


# What a cancellation that can be undone was of: the plan, named as such or by a paid tier.
_PLAN = r"\b(plan|subscription|support|tier|membership|contract|renewal|auto[\s-]?renew\w*|PAID)\b"


def paid_alternation(paid: tuple[str, ...]) -> str:
    """The paid tiers' names as alternatives, longest first ("plan" when none are given)."""
    names = sorted({" ".join(name.lower().split()) for name in paid if name.strip()}, key=len)
    alternatives = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in reversed(names))
    return f"(?:{alternatives or 'plan'})"


@lru_cache(maxsize=64)
def with_paid(pattern: str, paid: tuple[str, ...]) -> re.Pattern[str]:
    """`pattern` compiled case-blind with the paid tiers' names (`paid`, as tiers.paid_names
    gives them) where PAID stands: made once per pattern and set of names."""
    return re.compile(pattern.replace("PAID", paid_alternation(paid)), re.I)


@lru_cache(maxsize=16)
def undo_pattern(paid: tuple[str, ...] = ()) -> re.Pattern[str]:
    """The undoing words with `paid` (the paid tiers' names, as tiers.paid_names gives them)
    in the place of the plan; made once per set of names."""
    return re.compile(
        _UNDO.replace("PAID", paid_alternation(paid)).replace("KEPT", _KEPT_TO_ITS_END), re.I
    )


@lru_cache(maxsize=16)
def _plan_pattern(paid: tuple[str, ...] = ()) -> re.Pattern[str]:
    return re.compile(_PLAN.replace("PAID", paid_alternation(paid)), re.I)


def names_plan(text: str, paid: tuple[str, ...] = ()) -> bool:
    """Whether the words name the plan ("our premium", "the subscription"), not an order."""
    return bool(_plan_pattern(paid).search(text))


def undoes_cancel(text: str, paid: tuple[str, ...] = ()) -> bool:
    """Whether the words undo a cancellation anywhere in the text."""
    return bool(undo_pattern(paid).search(text))
