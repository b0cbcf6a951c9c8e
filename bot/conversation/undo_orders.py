"""Undoing a cancellation ordered in so many words: "reverse the cancel", "could you reinstate
our Premium subscription", or "restore it" after the plan was told cancelled; not undoing only
mentioned ("I was told you can't undo the cancellation")."""

from __future__ import annotations

import re

from bot.conversation.asides import pieces
from bot.conversation.told import plain_past
from bot.conversation.undo import names_plan, undo_pattern

# "i cancelled premium by accident, can you undo that" ("reverse it" is said of a charge too:
# it undoes only a plan told cancelled right before, with no charge said between)
_UNDO_THAT = re.compile(
    r"(?P<verb>undo|revert|reverse|roll ?back|restore|reinstate|reactivate|resume)\s+"
    r"(that|it|this)\b|"
    r"keep\s+(that|it|this)\s+(after\s+all|going|active|running)\b|"
    r"(turn|switch|put|bring|get)\s+(that|it|this)\s+back(\s+on)?\b"
    r"(?!\s+(to|in|at|into|onto|on|our|the|my|a)\b)",
    re.I,
)
# ... unless "it" may be something else said between: a charge, a job ("…still charged $399,
# we want to get it back", "the sync job stopped too - resume it please").
_OTHER_IT = re.compile(
    r"\b(charg\w*|paid|payments?|refund\w*|money|fees?|invoices?|jobs?|sync\w*|orders?|cards?|"
    r"calls?|e-?mails?|messages?|notices?|letters?)\b|\$",
    re.I,
)
_CANCELLED = re.compile(r"\bcancell?(ed|ation|ing)\b|" + plain_past("cancel"), re.I)
# ... "undo it" after a cancellation is undoing it; "restore it" only when the plan was named.
_UNDO_VERBS = frozenset({"undo", "revert", "rollback", "roll back", "resume"})
# Undoing the cancellation ordered: the piece starts with it, after a greeting or "can you".
_UNDO_OPENER = re.compile(
    r"^\W*(?:(?:please|pls|plz|kindly|just|ok|okay|so|now|hi|hey|hello|yes|yeah|then|actually|"
    r"sorry|oops)\b[\s,!:.-]*)*"
    r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:(?:please|pls|plz|just)\s+)?|"
    r"(?:can|could|may)\s+(?:we|i)\s+|is\s+it\s+possible\s+to\s+)?"
    r"(?:(?:i|we)(?:'d|\s+would)\s+like\s+to\s+|(?:i|we)\s+want\s+to\s+|"
    r"(?:i|we)\s+(?:kindly\s+)?request\s+(?:(?:you|u)\s+)?to\s+)?",
    re.I,
)

# ... or after words of context, asked in the same piece: "after talking it over with the team
# we'd like to reverse the cancellation" (not "my colleague wants to undo it but I don't": a
# wish of the asker's own or a request to the bot only).
_ASKED_WITHIN = re.compile(
    r"\b(?:(?:i|we)(?:'d|\s+would)\s+like\s+to|(?:i|we)\s+(?:want|need)\s+to|"
    r"(?:can|could|would|will)\s+(?:you|u)(?:\s+(?:please|pls|plz|just))?|please|pls|plz|"
    r"kindly)\s+",
    re.I,
)

# A resumption that is the whole message: "resume it", "please reactivate it" (not "ok resume
# it", an agreement to what the bot offered, read with the conversation).
_ALONE = re.compile(
    r"\W{0,9}(?:(?:please|pls|plz|kindly|just)\W{1,9}){0,4}(?:resume|reactivate|"
    r"reinstate|un-?cancel)\s+(?:it|that)(?:\W{1,9}(?:please|pls|plz|thanks|thx|now|asap)){0,3}"
    r"\W{0,9}",
    re.I,
)

# ... not a case supposed: "in case we need to undo the cancellation next month, is that possible?"
_SUPPOSED = re.compile(r"\b(?:in\s+case|if|when|whether|unless|should)\b", re.I)


def asks_to_undo(text: str, paid: tuple[str, ...] = ()) -> str | None:
    """The piece of the message that orders the cancellation undone ("reverse the cancel",
    "could you reinstate our Premium subscription"); None when undoing it is only mentioned
    ("I was told you can't undo the cancellation", "the undo cancellation button gives an
    error", "my colleague wants to undo the cancellation but I don't"). A piece that says
    only "restore it" comes with the piece that told the plan cancelled ("my colleague
    cancelled our premium by error. Please restore it"), not an order ("the order got
    cancelled, can you restore it?" names no plan to resume)."""
    cancelled, undo = _CANCELLED.search(text), undo_pattern(paid)
    found = pieces(text)
    for n, piece in enumerate(found):
        start = _UNDO_OPENER.match(piece).end()
        if undo.match(piece, start) or any(
            undo.match(piece, asked.end()) and not _SUPPOSED.search(piece, 0, asked.start())
            for asked in _ASKED_WITHIN.finditer(piece)
        ):
            return piece
        said = _UNDO_THAT.match(piece, start)
        if said is None or _OTHER_IT.search(piece):
            continue
        verb = (said.group("verb") or "").lower()
        # "…it" after the plan was told cancelled, "resume it" after it was named ("…we want to
        # not cancel the premium anymore. Please resume it"), with nothing else said between
        told = _plan_told_before(found[:n], paid, named_is_enough=verb == "resume")
        if told:
            return f"{told}. {piece}"
        if cancelled and verb in _UNDO_VERBS:  # ("restore it" names nothing)
            return piece
    return None


def resumed_alone(text: str) -> str:
    """A whole message that resumes "it" ("please resume it") as a resumption of the plan: what
    a customer can have resumed, said with nothing else, is the plan (said after a story, "it"
    may be a sync job: "The sync job stopped too - resume it please")."""
    return "please resume the plan" if _ALONE.fullmatch(text) else text


def _plan_told_before(before: list[str], paid: tuple[str, ...], named_is_enough: bool) -> str:
    """The nearest piece before that told the plan cancelled (or named it), when no piece
    since, nor it, speaks of a charge or another thing "it" could be."""
    for piece in reversed(before):
        if _OTHER_IT.search(piece):
            return ""
        if names_plan(piece, paid) and (named_is_enough or _CANCELLED.search(piece)):
            return piece
    return ""
