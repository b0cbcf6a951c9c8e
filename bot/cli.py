"""`supportbot` subcommands: thin wrappers that parse arguments and call the bot's use cases."""

from __future__ import annotations

import json
import logging
import os
import sys

import click

from bot.config import ConfigError, Settings, load_settings
from bot.knowledge import ArticleError, KnowledgeBase, build_index, open_knowledge_base


def _settings(ctx: click.Context) -> Settings:
    if ctx.obj is None:
        try:
            ctx.obj = load_settings(ctx.find_root().params.get("config"))
        except ConfigError as exc:
            raise click.ClickException(str(exc)) from None
    return ctx.obj


def _knowledge(ctx: click.Context) -> KnowledgeBase:
    try:
        return open_knowledge_base(_settings(ctx))
    except (ArticleError, TimeoutError) as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default=None,
    help="app.yaml to use (default: $SUPPORTBOT_CONFIG, then ./app.yaml).",
)
def main(config: str | None) -> None:
    """supportbot: answers customers from your knowledge base, in Slack and here.

    \b
    Try:
      supportbot ask "what are your support hours?"
      supportbot kb search "premium price"
      supportbot chat
    """
    logging.basicConfig(
        level=os.environ.get("LOG_LEVEL", "INFO").upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per question.")
@click.argument("question", nargs=-1)
@click.pass_context
def ask(ctx: click.Context, as_json: bool, question: tuple[str, ...]) -> None:
    """Answer QUESTION from the knowledge base, or one question per line of standard input.

    Without confidence the bot says it has no answer and how to reach a person; with --json,
    "answered" is then false.
    """
    kb = _knowledge(ctx)
    questions = [" ".join(question)] if question else (line.rstrip("\r\n") for line in sys.stdin)
    for text in questions:
        if not question and not text.strip():
            continue
        answer = kb.answer(text)
        if as_json:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            click.echo(_render_text(answer))
            if not question:
                click.echo()


def _render_text(answer) -> str:
    lines = [answer.text]
    for source in answer.sources:
        where = f"{source.title} › {source.section}" if source.section else source.title
        lines.append(f"  Source: {where} ({source.path})")
    return "\n".join(lines)


@main.group()
def kb() -> None:
    """Build and search the knowledge-base index."""


@kb.command("build")
@click.option("--force", is_flag=True, help="Rebuild everything, not only what changed.")
@click.pass_context
def kb_build(ctx: click.Context, force: bool) -> None:
    """Index the Markdown articles in kb.path (only changed, added and deleted files)."""
    settings = _settings(ctx)
    try:
        report = build_index(settings, force=force)
    except (ArticleError, TimeoutError) as exc:
        raise click.ClickException(str(exc)) from None
    if report.full:
        click.echo(
            f"Indexed {len(report.added)} articles ({report.sections} sections) "
            f"in {report.seconds:.2f}s."
        )
    elif report.touched:
        click.echo(
            f"Updated the index in {report.seconds:.2f}s: {len(report.added)} added, "
            f"{len(report.changed)} changed, {len(report.deleted)} deleted."
        )
        for label, paths in (
            ("added", report.added),
            ("changed", report.changed),
            ("deleted", report.deleted),
        ):
            for path in paths:
                click.echo(f"  {label}: {path}")
    else:
        click.echo(f"The index is up to date ({report.sections} sections).")


@kb.command("search")
@click.argument("query", nargs=-1, required=True)
@click.pass_context
def kb_search(ctx: click.Context, query: tuple[str, ...]) -> None:
    """Show the sections that best match QUERY, with their scores and coverage."""
    knowledge = _knowledge(ctx)
    answerer = knowledge.answerer
    concepts = answerer.concepts(" ".join(query))
    if not concepts:
        click.echo("No searchable words in the query.")
        return
    hits = knowledge.index.search(answerer._query(concepts), limit=10)
    if not hits:
        click.echo("No matching sections.")
    for hit in hits:
        cover = answerer.coverage(hit, concepts)
        where = f"{hit.title} › {hit.heading}" if hit.heading else hit.title
        covers = f"covers {cover.section:4.0%} / {cover.article:4.0%}"
        click.echo(f"{hit.score:7.3f}  {covers}  {where}  ({hit.path})")


@main.command()
@click.pass_context
def chat(ctx: click.Context) -> None:
    """A local console: type questions, read answers (reads a pipe too)."""
    from bot.console import run_console

    run_console(_knowledge(ctx), interactive=sys.stdin.isatty())


@main.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Start the bot as `make run` does: Slack when tokens are set, else the local console."""
    if os.environ.get("SLACK_APP_TOKEN") or (
        os.environ.get("SLACK_BOT_TOKEN") and os.environ.get("SLACK_SIGNING_SECRET")
    ):
        raise click.ClickException(
            "Slack tokens are set, but the Slack app is not part of this build yet; "
            "unset SLACK_APP_TOKEN / SLACK_BOT_TOKEN to use the local console."
        )
    ctx.invoke(chat)
