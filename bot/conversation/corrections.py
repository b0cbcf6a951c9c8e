"""A request beside a negated one: "Don't revoke anything, just give <@U0DEV> billing access",
"don't upgrade, just cancel our premium", "no cancelling, upgrade us to premium". The negation
takes back the action it names, not the whole message: the piece right after the negated one,
read alone, is done when it orders another change in the asker's own words.

Everything else keeps the message held as before: a taking back of another kind ("just
curious", "not yet", "never mind"), a negation after the request, a condition or a wish for
later ("if the budget gets approved, don't cancel, just upgrade us"), reported or quoted words
("my boss keeps asking: don't cancel, upgrade us"), a question, someone else's wish ("My CFO
wants to upgrade us though"), or things left as they are ("just keep us on standard")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.conversation.commands import is_question, mentioned_user
from bot.conversation.intents import READ_ONLY_ACTIONS
from bot.conversation.put_off import not_asked_now
from bot.conversation.signals import names_action, negations
from bot.conversation.told import tells_done

if TYPE_CHECKING:
    from bot.conversation.understood import Understood

# Where the piece asked instead starts and ends: a clause or sentence, " - ", or "just" /
# "instead" / "but" / "rather".
_BREAK = re.compile(r"[,;.!?\n]+|\s[-–—]+\s|(?<!\s)\s+(?=(?:just|instead|but|rather)\b)", re.I)
# "…, just keep us on standard" leaves things as they are: no change is asked instead.
_AS_IS = re.compile(r"\b(keep|stay|staying|leave|remain)\b", re.I)
_OPENER = re.compile(r"^\W*((just|instead|rather|only|but|so)\b\W*)*", re.I)
# The asker's own order: an action's verb first, after at most a "please", a polite "can you"
# or "we want to" ("give <@U0X> access", "please resume our premium instead", "we want to
# cancel Premium"); not "My CFO wants to upgrade us", "we'll move <@U0X> ourselves".
_ORDER = re.compile(
    r"^((please|pls|plz|kindly)\s+|(can|could|would|will)\s+(you|u)\s+(please\s+)?|"
    r"(we|i)('d|\s+would)?\s+(want|need|like|wanna)\s+(to\s+)?|do\s+)?(?P<verb>[\w-]+)",
    re.I,
)
_LATER = re.compile(r"\b(at some point|some ?day|later on|in the future|ourselves|myself)\b", re.I)
_QUOTES = re.compile(r"[\"“”‘’]|\b(said|says|asked|asks|asking|wrote|told)\b", re.I)
_PRONOUN = re.compile(r"\b(her|him|them|their|his)\b", re.I)
# The verbs (as signals.negations names them) each action is asked with: "not revok" takes
# back a revoke, never a grant; a downgrade is asked with a cancel's verbs.
_CANCEL_VERBS = (
    "cancel", "downgrad", "unsubscrib", "terminat", "discontinu", "drop", "stop", "quit",
    "leav", "opt", "ditch", "kill", "switch", "mov", "chang",
)  # fmt: skip
_ASKED_WITH = {
    "upgrade": ("upgrad", "buy", "purchas", "subscrib", "sign", "switch", "mov", "chang"),
    "cancel": _CANCEL_VERBS,
    "downgrade": _CANCEL_VERBS,
    "resume": ("resum", "reinstat", "reactivat", "renew", "undo", "revers", "revert", "keep"),
    "grant": ("grant", "giv", "add", "allow", "let", "approv"),
    "revoke": ("revok", "remov", "take", "cut", "rid"),
}


def asked_instead(text: str) -> tuple[str, frozenset[str]] | None:
    """The piece right after the message's last negated action, and the verbs negated; None
    when something other than an action's negation takes the message back, when nothing
    follows, or when a negation comes after the request."""
    said = negations(text)
    negated = frozenset(taking[4:] for taking in said if taking.startswith("not "))
    if not said or len(negated) != len(said) or not all(names_action(w) for w in negated):
        return None  # "just curious", "not yet", "not sure": no action of its own negated
    parts, start = [], 0  # (the part, whether it negates), in order
    for cut in [*_BREAK.finditer(text), None]:
        end = cut.start() if cut else len(text)
        parts.append((text[start:end], bool(negations(text[start:end]))))
        start = cut.end() if cut else end
    last = max((n for n, (_, negates) in enumerate(parts) if negates), default=None)
    following = [part for part, _ in parts[last + 1 :] if part.strip()] if last is not None else []
    rest = _OPENER.sub("", following[0]).strip() if following else ""
    return (rest, negated) if rest else None


def takes_back(action: str, negated: frozenset[str]) -> bool:
    """Whether a negated verb asks for `action` ("don't cancel, just downgrade us": the
    downgrade is the cancel taken back). A verb of no action in particular ("don't do it",
    "don't proceed", "don't bring…") takes back every action."""
    named = {verb for verbs in _ASKED_WITH.values() for verb in verbs}
    return any(
        word.startswith(_ASKED_WITH.get(action, ())) or not word.startswith(tuple(named))
        for word in negated
    )


def _ordered(rest: str) -> bool:
    """Whether the piece is the asker's own order of a change, to be done now."""
    order = _ORDER.match(re.sub(r"[*_~]", "", rest))  # ("we want to *resume* premium pls")
    return bool(order and names_action(order.group("verb"))) and not _LATER.search(rest)


def instead(text: str, read: Understood, reader: Callable[[str], Understood]) -> Understood:
    """The change ordered right after a negated one, when only that negation held the message
    back (`read` is how the whole message was read; `reader` reads a piece alone)."""
    if read.decision.kind == "action" and read.decision.action not in READ_ONLY_ACTIONS:
        return read
    found = asked_instead(text)  # (first: most messages negate nothing, and stop here)
    if found is None or _AS_IS.search(found[0]) or not _ordered(found[0]):
        return read
    if is_question(text) or not_asked_now(text) or tells_done(text) or _QUOTES.search(text):
        return read
    rest, negated = found
    other = reader(rest)
    action = other.decision.action or ""
    if other.decision.kind != "action" or action in READ_ONLY_ACTIONS:
        return read
    if takes_back(action, negated):
        return read
    if action in ("grant", "revoke") and other.command and not other.command.target_user:
        if not _names_colleague(rest, text):
            return read  # "Don't cancel premium, just remove the old card from billing. <@U0X>…"
        target = replace(other.command, target_user=mentioned_user(text))
        return replace(other, command=target)
    return other


def _names_colleague(rest: str, text: str) -> bool:
    """The message's only colleague, named by a pronoun in the piece ("Don't remove <@U0A>,
    just give her billing access")."""
    return len(set(re.findall(r"<@(\w+)", text))) == 1 and bool(_PRONOUN.search(rest))
