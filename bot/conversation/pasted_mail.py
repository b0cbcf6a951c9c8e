"""An email pasted into Slack with the asker's own words under it ("Subject: Can't change
support plan … Thanks, Leo" then "--" and "yeah please give <@X> billing access"): the note
under the mail is what the asker asks of the bot; the mail only tells what it is about (and
a customer's customer asking "where is my order?" in it asks the vendor nothing)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.conversation.understood import Understood

# A pasted mail opens with its header ("Subject:", "Fwd:", "RE:", "From:").
_PASTED = re.compile(r"^\s*(?:subject|fwd?|re|from)\s*:", re.I)
# ... and the asker's note follows a line of its own made of dashes or underscores.
_NOTE_BREAK = re.compile(r"\n[ \t]*(?:-{2,}|—+|_{3,})[ \t]*\n")
# What the note decides alone: an answer or a decline is read from the whole message.
_NOTE_DECIDES = frozenset({"action", "handoff", "personal"})
# A mail's own footer after its dashes is no note of the asker's ("To stop receiving these
# reminders, please cancel your subscription in the dashboard.").
_FOOTER = re.compile(
    r"^\s*(to\s+(stop|unsubscribe|opt\s+out)|you\s+(are\s+)?receiv\w*|this\s+(e-?mail|message)\s+"
    r"(was|is)|unsubscribe|sent\s+from|confidential|if\s+you\s+no\s+longer)\b",
    re.I,
)
# A note shorter than this is a signature ("--\nJordan"), not what is asked.
_MIN_NOTE_WORDS = 3


def own_note(text: str) -> str | None:
    """The asker's words under a pasted mail, or None when the message is no pasted mail with
    a note under it."""
    if not _PASTED.match(text):
        return None
    parts = _NOTE_BREAK.split(text)
    note = parts[-1].strip() if len(parts) > 1 else ""
    if _FOOTER.match(note):
        return None
    return note if len(note.split()) >= _MIN_NOTE_WORDS else None


def read_note(text: str, read: Callable[[str], Understood]) -> Understood | None:
    """The note under a pasted mail as `read` reads it, when it asks for a change, a person or
    one of the account's own figures; None otherwise (the whole message is read then)."""
    note = own_note(text)
    if note is None:
        return None
    understood = read(note)
    return understood if understood.decision.kind in _NOTE_DECIDES else None
