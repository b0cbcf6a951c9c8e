"""A request beside a negated one: "Don't revoke anything, just give <@U0DEV> billing access",
"don't upgrade, just cancel our premium", "no cancelling, upgrade us to premium". The negation
takes back the action it names, not the whole message: what is asked after it, in a piece of
its own, is read alone, and done when it is another change. Anything else that takes back
("just curious", "never mind"), or a negation after the request, keeps the message held."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.conversation.commands import is_question
from bot.conversation.intents import READ_ONLY_ACTIONS
from bot.conversation.signals import negations

if TYPE_CHECKING:
    from bot.conversation.understand import Understood

# Where what is asked instead starts: a new clause or sentence, or "just" / "instead" / "but".
_BREAK = re.compile(r"[,;.!?\n]+|\s[-–—]+\s|(?<!\s)\s+(?=(?:just|instead|but|rather)\b)", re.I)
# "…, just keep us on standard" leaves things as they are: no change is asked instead.
_AS_IS = re.compile(r"\b(keep|stay|staying|leave|remain)\b", re.I)
_OPENER = re.compile(r"^\W*((just|instead|rather|only|but|so|please|pls|plz)\b\W*)*", re.I)
# The verbs (as signals.negations names them) each action is asked with: "not revok" takes
# back a revoke, never a grant.
_ASKED_WITH = {
    "upgrade": ("upgrad", "buy", "purchas", "subscrib", "sign", "switch", "mov", "chang"),
    "cancel": (
        "cancel", "downgrad", "unsubscrib", "terminat", "discontinu", "drop", "stop", "quit",
        "leav", "opt", "ditch", "kill", "end", "switch", "mov", "chang",
    ),
    "resume": ("resum", "reinstat", "reactivat", "renew", "undo", "revers", "revert", "keep"),
    "grant": ("grant", "giv", "add", "allow", "let", "approv"),
    "revoke": ("revok", "remov", "take", "cut", "rid"),
}  # fmt: skip


def asked_instead(text: str) -> tuple[str, frozenset[str]] | None:
    """What the message asks after its last negated action, and the verbs negated; None when
    nothing follows, when something other than an action's negation takes it back, or when
    a negation comes after the request."""
    said = negations(text)
    if not said or any(not taking.startswith("not ") for taking in said):
        return None
    ends, start = [], 0  # where each part of the message ends, and whether it negates
    for cut in [*_BREAK.finditer(text), None]:
        end = cut.start() if cut else len(text)
        ends.append((end, bool(negations(text[start:end]))))
        start = cut.end() if cut else end
    negated_ends = [end for end, negates in ends if negates]
    if not negated_ends:
        return None
    rest = _OPENER.sub("", text[negated_ends[-1] :]).strip()
    if not rest:
        return None
    return rest, frozenset(taking[4:] for taking in said)


def takes_back(action: str, negated: frozenset[str]) -> bool:
    """Whether a negated verb asks for `action` ("don't cancel, just downgrade us": the
    downgrade is the cancel taken back). A verb of no action in particular ("don't do it",
    "don't proceed") takes back every action."""
    named = {verb for verbs in _ASKED_WITH.values() for verb in verbs}
    return any(word in _ASKED_WITH.get(action, ()) or word not in named for word in negated)


def instead(text: str, read: Understood, reader: Callable[[str], Understood]) -> Understood:
    """The change asked after a negated one when the negation held the message back (`read`
    is how the whole message was read; `reader` reads a piece alone)."""
    if read.decision.kind == "action" and read.decision.action not in READ_ONLY_ACTIONS:
        return read
    found = asked_instead(text)
    if found is None or _AS_IS.search(found[0]) or is_question(found[0]):
        return read  # ("…not to keep premium after this year. after it ends do we lose…?")
    rest, negated = found
    other = reader(rest)
    action = other.decision.action or ""
    if other.decision.kind != "action" or action in READ_ONLY_ACTIONS:
        return read
    return read if takes_back(action, negated) else other
