"""The local console: ask the bot questions without Slack, from a terminal or a pipe."""

from __future__ import annotations

import sys

from bot.knowledge import KnowledgeBase

PROMPT = "you> "


def run_console(kb: KnowledgeBase, interactive: bool) -> None:
    """Answer each line until end of input (or "quit"); a pipe gets answers without prompts."""
    out = sys.stdout
    if interactive:
        out.write(
            "supportbot console: ask about support hours, tiers, prices, billing. "
            "Ctrl-D or 'quit' to leave.\n"
        )
    while True:
        if interactive:
            out.write(PROMPT)
            out.flush()
        line = sys.stdin.readline()
        if not line:
            break
        question = line.strip()
        if not question:
            continue
        if question.lower() in {"quit", "exit", ":q"}:
            break
        answer = kb.answer(question)
        out.write(f"bot> {answer.text}\n")
        for source in answer.sources:
            where = f"{source.title} › {source.section}" if source.section else source.title
            out.write(f"     Source: {where} ({source.path})\n")
        out.write("\n")
        out.flush()
    if interactive:
        out.write("\n")
