"""Requests that are someone else's words or an accident to undo, not the asker's request:
"Someone said 'just cancel premium lol' but we're not going to", "My coworker asked: 'can we
resume premium?' I told him to ask you", "I accidentally clicked upgrade to premium, I didn't
mean to. can you undo?" (undoing an upgrade is not upgrading)."""

from __future__ import annotations

import re
from collections.abc import Callable

# Quoted words: between quotation marks that are not apostrophes ("we're", "don't"), which the
# words inside may have ('cancel everything and let's go live in the woods').
QUOTED = re.compile(
    r"\"[^\"]{3,200}\"|“[^”]{3,200}”|‘[^’]{3,200}’|"
    r"(?<!\w)'(?:[^'\n]|(?<=\w)'(?=\w)){3,200}?'(?!\w)"
)
# "can you undo?", "please revert that", "roll it back": undoing what was just told.
# (read on the message's end with its whitespace collapsed: no run of spaces to backtrack over)
_UNDO_IT = re.compile(
    r"(?:^|[.!?,;] ?)(?:(?:can|could|would) (?:you|u) |please |pls )?"
    r"(?:undo|revert|roll (?:it |that |this )?back|reverse)(?: (?:it|that|this))?"
    r"(?: please| pls)? ?[?.!]*$",
    re.I,
)
_END = 120


def only_quoted(text: str, names_action: Callable[[str], bool]) -> bool:
    """Whether every word of an action is inside quotation marks: reported, not asked."""
    if not QUOTED.search(text):
        return False
    return not names_action(QUOTED.sub(" ", text))


def undoes_what_was_done(text: str) -> bool:
    """Whether the message ends by asking to undo what it told ("…can you undo?")."""
    return bool(_UNDO_IT.search(" ".join(text[-_END * 4 :].split())[-_END:]))
