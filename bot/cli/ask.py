"""`supportbot ask`: what the bot would say to a message, through the same conversation core
as Slack, as a person who is not linked to any account. A preview: it opens no ticket, records
no gap and changes nothing."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from bot.billing.results import Actor
from bot.cli.common import services_of
from bot.conversation import Incoming, Place, Surface, Turn
from bot.conversation.views import plain

EMPTY = "Ask me a question about support or billing, and I'll answer from our help articles."


def turn_json(question: str, turn: Turn) -> dict[str, Any]:
    """One message's outcome as INTERFACES.md documents `ask --json`."""
    decision = turn.decision
    answered = decision.kind == "answer"
    answer = turn.answer
    return {
        "question": question,
        "answered": answered,
        "answer": _text(turn) if turn.replies else EMPTY,
        "intent": decision.intent,
        "sources": [s.to_json() for s in answer.sources] if answered and answer else [],
        "score": round(decision.confidence, 4),
        "decision": decision.label,
    }


def _text(turn: Turn) -> str:
    return "\n\n".join(plain(r.text) for r in turn.replies if r.text)


def _render_text(turn: Turn) -> str:
    lines = [_text(turn) if turn.replies else EMPTY]
    if turn.decision.kind == "answer" and turn.answer is not None:
        for source in turn.answer.sources:
            where = f"{source.title} › {source.section}" if source.section else source.title
            lines.append(f"  Source: {where} ({source.path})")
    return "\n".join(lines)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per message.")
@click.argument("question", nargs=-1)
@click.pass_context
def ask(ctx: click.Context, as_json: bool, question: tuple[str, ...]) -> None:
    """What the bot would say to QUESTION, or to each line of standard input (one answer per
    line with --json; in text, answers are separated by a blank line).

    Without confidence the bot says it has no answer and how to reach a person; with --json,
    "answered" is then false and "decision" says what the bot decided (answer, action:upgrade,
    handoff:sales, reply, decline…). A preview: no ticket is opened and nothing is recorded.
    """
    conversation = services_of(ctx).conversation
    texts = [" ".join(question)] if question else (line.rstrip("\r\n") for line in sys.stdin)
    for n, text in enumerate(texts):
        turn = _ask(conversation, text, n) if text.strip() else None
        if as_json:
            found = turn_json(text, turn) if turn else _empty(text)
            click.echo(json.dumps(found, ensure_ascii=False))
            continue
        click.echo(_render_text(turn) if turn else EMPTY)
        if not question:
            click.echo()


def _ask(conversation, text: str, n: int) -> Turn:
    incoming = Incoming(
        text=text,
        actor=Actor(via="cli"),
        place=Place("ask", is_dm=True),
        surface=Surface.ASK,
        ts=f"ask-{n}",
    )
    return conversation.handle(incoming)


def _empty(text: str) -> dict[str, Any]:
    return {
        "question": text,
        "answered": False,
        "answer": EMPTY,
        "intent": None,
        "sources": [],
        "score": 0.0,
        "decision": "decline",
    }
