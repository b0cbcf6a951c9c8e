"""From a message to what the bot should do: run a billing action, or answer a question.

`/support-tier` has fixed words; people in a Slack Connect channel often cannot run another
workspace's slash commands, so the same actions are recognised in plain words ("upgrade us to
premium", "cancel our premium support", "give @sam billing access"). A question about an action
("how do I cancel premium?") is a question: it gets the knowledge-base answer, not the action.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ACTIONS = ("status", "upgrade", "cancel", "resume", "grant", "revoke", "link", "help")

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
_QUESTION_START = re.compile(
    r"^\s*(how|what|whats|what's|when|where|why|which|who|is|are|does|do|did|will|would|should|"
    r"could|if)\b",
    re.I,
)
_POLITE_REQUEST = re.compile(r"^\s*(can|could|would|will)\s+(you|u)\b|^\s*please\b", re.I)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("grant", re.compile(r"\b(give|grant|add)\b.*\bbilling\b", re.I)),
    ("revoke", re.compile(r"\b(revoke|remove|take away|take)\b.*\bbilling\b", re.I)),
    (
        "resume",
        re.compile(r"\b(resume|reactivate|undo (the |my |our )?cancel\w*|un-?cancel)\b", re.I),
    ),
    (
        "cancel",
        re.compile(
            r"\b(cancel|stop|end|terminate)\b.*\b(premium|plan|subscription|support|renewal)\b",
            re.I,
        ),
    ),
    (
        "upgrade",
        re.compile(
            r"\b(upgrade|subscribe|buy|purchase|switch)\b.*\b(premium|plan|us|me|tier|support)\b|^\s*upgrade\s*$",
            re.I,
        ),
    ),
    (
        "status",
        re.compile(
            r"\b(my|our|account'?s?) (support )?(tier|plan|status|subscription)\b|^\s*status\s*$",
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class Command:
    """A billing action and its argument (the Slack user for grant and revoke)."""

    action: str
    target_user: str | None = None
    email: str | None = None  # for "link": the work email the person gives


@dataclass(frozen=True)
class Question:
    text: str


def parse_slash(text: str) -> Command:
    """`/support-tier [status|upgrade|cancel|resume|grant @user|revoke @user|help]`."""
    words = (text or "").strip().split()
    action = words[0].lower() if words else "status"
    if action not in ACTIONS:
        return Command("help")
    target = _mention(" ".join(words[1:]))
    if action in ("grant", "revoke") and target is None:
        return Command("help")
    if action == "link":
        email = _email(" ".join(words[1:]))
        return Command("link", email=email) if email else Command("help")
    return Command(action, target)


def route(text: str) -> Command | Question:
    """A direct message or mention: an action in plain words, or a question."""
    clean = _MENTION.sub(lambda m: "@user", text or "").strip()
    if clean.lower().lstrip("/").startswith("support-tier"):
        return parse_slash(_MENTION.sub(lambda m: m.group(0), text).split("support-tier", 1)[1])
    asking = is_question(clean)
    email = _email(clean)
    if email and re.search(r"\blink\b", clean, re.I):
        return Command("link", email=email)
    if not asking:
        for action, pattern in _PATTERNS:
            if pattern.search(clean):
                return Command(action, _mention(text))
    return Question(text)


def is_question(text: str) -> bool:
    """ "How do I cancel?" asks; "cancel our plan" and "can you cancel our plan?" request."""
    clean = (text or "").strip()
    polite = _POLITE_REQUEST.search(clean)
    return bool(not polite and (_QUESTION_START.search(clean) or clean.endswith("?")))


def _mention(text: str) -> str | None:
    match = _MENTION.search(text or "")
    return match.group(1) if match else None


_EMAIL_IN_TEXT = re.compile(
    r"(?:<mailto:)?([^\s<>|@]+@[^\s<>|@]+\.[^\s<>|@]+?)(?:\|[^>]*>|>)?(?=[\s.,;!?]*$|\s)"
)


def _email(text: str) -> str | None:
    """An email address in the text; Slack sends one as <mailto:a@b.com|a@b.com>."""
    match = _EMAIL_IN_TEXT.search(text or "")
    return match.group(1).lower() if match else None
