"""A `Reply` as Block Kit: its text in sections, its notes as context, its buttons as actions.

Slack refuses a section over 3,000 characters, a message over 50 blocks and (live) messages of
about 13,000 characters of blocks, so long text is split at paragraph and line breaks into
several sections and, past a message's share, into several messages: never cut.
"""

from __future__ import annotations

import json
from typing import Any

from bot.conversation.messages import Button, Reply

Blocks = list[dict[str, Any]]

SECTION_CHARS = 2900
MESSAGE_CHARS = 11_000
MAX_BLOCKS = 48
VALUE_CHARS = 2000  # a button value, Slack's cap
_CONTEXT_ELEMENTS = 10


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(texts: list[str]) -> dict[str, Any]:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": t[:SECTION_CHARS]} for t in texts],
    }


def button(b: Button) -> dict[str, Any]:
    found: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": b.label[:75]},
        "action_id": b.action,
        "value": encoded_value(b.value),
    }
    if b.style:
        found["style"] = b.style
    if b.confirm:
        found["confirm"] = {
            "title": {"type": "plain_text", "text": b.confirm.title[:100]},
            "text": {"type": "mrkdwn", "text": b.confirm.text[:300]},
            "confirm": {"type": "plain_text", "text": b.confirm.yes[:30]},
            "deny": {"type": "plain_text", "text": b.confirm.no[:30]},
        }
    return found


def encoded_value(value: dict[str, Any], limit: int = VALUE_CHARS) -> str:
    """The button's value as JSON of at most `limit` characters (Slack's cap). Cutting the JSON
    would make it unreadable (the button would lose its owner and question), so the longest
    text field is shortened until the whole fits; emoji count once, not as \\u escapes."""
    value = dict(value)
    encoded = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    while len(encoded) > limit:
        texts = [k for k, v in value.items() if isinstance(v, str) and v]
        if not texts:
            break  # nothing left to shorten; Slack would refuse the whole message otherwise
        longest = max(texts, key=lambda k: len(value[k]))
        over = len(encoded) - limit
        value[longest] = value[longest][: max(len(value[longest]) - over - 1, 0)].rstrip()
        encoded = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return encoded


def split_text(text: str, limit: int = SECTION_CHARS) -> list[str]:
    """Pieces of at most `limit` characters, broken at a blank line, else a line break, else a
    space; a word longer than the limit is broken where it must be."""
    pieces: list[str] = []
    rest = text.strip("\n")
    while len(rest) > limit:
        cut = _break_in(rest[:limit], limit)
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest or not pieces:
        pieces.append(rest)
    return pieces


def _break_in(window: str, limit: int) -> int:
    """Where to cut: the last blank line, else line break, else space that leaves the piece at
    least a quarter full (a heading's blank line near the start is no place to cut a long
    paragraph); failing all three, the limit itself, inside a word."""
    for separator in ("\n\n", "\n", " "):
        cut = window.rfind(separator)
        if cut > limit // 4:
            return cut
    return limit


def messages(reply: Reply) -> list[Blocks]:
    """The reply as one or more messages' blocks; the notes and buttons go with the last."""
    text = reply.text.replace("**", "*")
    sections = [_section(piece) for piece in split_text(text)] if text.strip() else []
    tail: Blocks = []
    if reply.notes:
        for start in range(0, len(reply.notes), _CONTEXT_ELEMENTS):
            tail.append(_context(list(reply.notes[start : start + _CONTEXT_ELEMENTS])))
    if reply.buttons:
        tail.append({"type": "actions", "elements": [button(b) for b in reply.buttons[:25]]})
    out: list[Blocks] = []
    current: Blocks = []
    size = 0
    for block in sections:
        length = len(block["text"]["text"])
        if current and (len(current) >= MAX_BLOCKS or size + length > MESSAGE_CHARS):
            out.append(current)
            current, size = [], 0
        current.append(block)
        size += length
    if current and len(current) + len(tail) > MAX_BLOCKS:
        out.append(current)
        current = []
    current.extend(tail)
    if current or not out:
        out.append(current)
    return out


def fallback_text(blocks: Blocks) -> str:
    """The notification text Slack shows where blocks can't be (first section, plain)."""
    for block in blocks:
        if block.get("type") == "section":
            return block["text"]["text"][:300]
        if block.get("type") == "context":
            return block["elements"][0]["text"][:300]
    return "supportbot"


def home_view(reply: Reply) -> dict[str, Any]:
    """The App Home tab from one reply (one view: its blocks, at most Slack's 100)."""
    blocks = [block for message in messages(reply) for block in message]
    return {"type": "home", "blocks": blocks[:100]}


def form_view(reply: Reply) -> dict[str, Any]:
    """A form as a Slack modal: the reply's text, one text field, Send and Cancel. Its
    metadata comes back with the submission (`adapter.form_incoming`)."""
    form = reply.form
    if form is None:
        raise ValueError("a FORM reply needs its form")
    field = "text"  # adapter.FORM_FIELD: the block and action the submission is read from
    return {
        "type": "modal",
        "callback_id": form.action,
        "private_metadata": json.dumps(form.value, separators=(",", ":"))[:3000],
        "title": {"type": "plain_text", "text": form.title[:24]},
        "submit": {"type": "plain_text", "text": form.submit[:24]},
        "close": {"type": "plain_text", "text": "Cancel"},
        "blocks": [
            _section(reply.text[:SECTION_CHARS]),
            {
                "type": "input",
                "block_id": field,
                "optional": form.optional,
                "label": {"type": "plain_text", "text": form.label[:2000]},
                "element": {
                    "type": "plain_text_input",
                    "action_id": field,
                    "multiline": True,
                    "max_length": 2000,
                },
            },
        ],
    }
