"""A request taken back by its own words ("no need to upgrade, just curious", "don't upgrade us
yet"), read from the message's negations (signals.negations) beside the intent's examples and
the change asked: a "don't" that negates the way down is no taking back of a move up or back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.conversation.asides import NO_EMOJI
from bot.conversation.commands import CHANGE_VERBS
from bot.conversation.signals import CHANGED_MIND, negations, unquoted
from bot.conversation.undo import undoes_cancel

# A way down negated, as negations() names it: no taking back of a move up or back.
_WAY_DOWN = {"not drop", "not downgrad", "not leav", "not quit", "not ditch"}
_STOPPED_OPPOSITE = {
    "upgrade": ("stop cancel", "stop downgrad"),
    "resume": ("stop cancel", "stop downgrad"),
    "grant": ("stop revok", "stop remov"),
    "revoke": ("stop grant",),
    "cancel": ("stop upgrad",),
}
_NO_EMOJI = re.compile(NO_EMOJI)
_REASON_TO_TAKE = re.compile(
    r"not (needed|necessary|required) after all|(he|she|they) (says|said) "
)
_NOBODY_LEAVES = re.compile(r"(nobody|no one|noone) .*(cancel|downgrad)")
_BRINGS_BACK = re.compile(
    r"\b(resum|reinstat|reactivat|restor|undo|(turn|switch|put|bring)\w*\s+(\w+\s+){0,2}?back)",
    re.I,
)
# ... not "don't cancel anything", "don't cancel the cancellation": no cancel of the plan.
_CANCELS_ELSE = re.compile(
    r"\bcancel\w*\s+(anything|everything|a\s+thing|the\s+cancell?ation|that|this)\b", re.I
)


_LETS_END = re.compile(
    r"\blet\s+(?:it|that|this|the\s+plan|our\s+plan|\w+)\s+(?:lapse|run\s+out|expire|end|die|go|fall|"
    r"drop|slip|revert)\b",
    re.I,
)
_GO_TO_TIER = re.compile(r"\bgo(?:ing)?\s+(?:back\s+|down\s+)?to\s+(?:the\s+)?(\w+)", re.I)


def taken_back(
    text: str, examples: Iterable[str], paid: tuple[str, ...] = (), action: str | None = None
) -> bool:
    """Whether the message takes back the request its words make ("no need to upgrade, just
    curious", "don't upgrade us yet"), when no example of the intent it matched says the same
    thing ("please don't renew" asks to cancel). A "don't" that negates no action is a reason,
    not a taking back ("cancel premium, i don't want to be charged again"), and so is one that
    negates the way down when `action` goes up or back ("turn premium back on. we don't want to
    drop to standard")."""
    said = negations(unquoted(text))
    if undoes_cancel(text, paid):  # "nvm, undo the cancellation": the cancel is taken back
        said -= CHANGED_MIND
    if action in ("upgrade", "resume"):  # ("nobody is cancelling, please turn premium back on")
        back = bool(_BRINGS_BACK.search(text))
        said = {s for s in said if s not in _WAY_DOWN and not (back and _NOBODY_LEAVES.match(s))}
        if action == "resume" and not _CANCELS_ELSE.search(text):
            said.discard("not cancel")  # ("please resume premium, we never wanted to cancel")
        if "not go" in said and _goes_down(text, paid):  # ("don't want to go back to standard")
            said.discard("not go")
        if "not let" in said and _LETS_END.search(text):  # ("NOT to let premium lapse")
            said.discard("not let")
    if action in ("cancel", "revoke", "resume"):  # ("turn off premium renewal :x:": its mark)
        said = {s for s in said if not _NO_EMOJI.fullmatch(s)}
    if action in ("cancel", "revoke") and re.search(CHANGE_VERBS[action], text, re.I):
        # (the reason for the order said: "revoke <@X>'s access, it was not needed after all")
        said = {s for s in said if not _REASON_TO_TAKE.match(s)}
    # ("please stop revoking her access every week, and give it back": the opposite stopped)
    said = {s for s in said if not s.startswith(_STOPPED_OPPOSITE.get(action or "", ("-",)))}
    return bool(said) and not said <= {n for e in examples for n in negations(e)}


def _goes_down(text: str, paid: tuple[str, ...]) -> bool:
    """Whether a "go" in the text goes to a tier that is no paid one ("go back to standard"):
    a way down, whose negation is no taking back of a move up or back."""
    names = {name.lower() for name in paid}
    return any(hit.group(1).lower() not in names for hit in _GO_TO_TIER.finditer(text))


