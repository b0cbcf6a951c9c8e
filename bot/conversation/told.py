"""What a message tells as done, and what it only asks leave for: read beside the request its
words resemble. "whoever cancelled our premium support, it wasn't me. pls revrse that" is close
to cancelling by its story's words, and asks something else; "I cancelled premium last month…
can we keep it after all?" tells the cancellation and asks, in a question, to keep the plan."""

from __future__ import annotations

import re

from bot.conversation.signals import tells_done

# The words that tell an action done, by the action they resemble.
_DONE = {
    "cancel": re.compile(r"\bcancell?ed\b", re.I),
    "upgrade": re.compile(r"\b(upgraded|signed up|subscribed)\b", re.I),
}


def told_as_done(text: str, action: str | None) -> bool:
    """Whether the message tells the action done by someone ("whoever cancelled our premium"),
    so that its words, not a request, make the message resemble it."""
    done = _DONE.get(action or "")
    return bool(done and tells_done(text) and done.search(text))


# "can we keep it after all?", "could I undo it?": leave asked to keep the plan, a request.
_MAY_WE_KEEP = re.compile(
    r"\W*(can|could|may)\s+(we|i)\s+(please\s+)?(keep|undo|resume|restore|reactivate|un-?cancel)"
    r"(\s+(it|that|this|the\s+plan|our\s+plan))?(\s+(after\s+all|going|please|now|and\s+keep\s+it"
    r"(\s+going)?))?\W*",
    re.I,
)


def asks_leave_to_keep(piece: str) -> bool:
    """Whether a piece asks leave to keep the plan or undo its cancellation."""
    return bool(_MAY_WE_KEEP.fullmatch(piece))
