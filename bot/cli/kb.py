"""`supportbot kb`: build, search and find the gaps of the knowledge base."""

from __future__ import annotations

import click

from bot.cli.common import billing_of, check_articles, knowledge_of
from bot.cli.progress import per_second, progress
from bot.knowledge import ArticleError, IndexReadOnlyError, IndexUnavailableError, build_index


@click.group()
def kb() -> None:
    """Build and search the knowledge-base index."""


@kb.command("build")
@click.option("--force", is_flag=True, help="Rebuild everything, not only what changed.")
@click.pass_context
def kb_build(ctx: click.Context, force: bool) -> None:
    """Index the Markdown articles in kb.path (only changed, added and deleted files).

    On a terminal a bar shows the articles written; in a log only the summary line appears.
    Front matter with an unknown key, or a `related` entry naming no article, stops the build.
    """
    settings = check_articles(ctx, fresh=force)
    try:
        with progress("Indexing", "articles") as tracker:
            report = build_index(settings, force=force, on_progress=tracker)
    except (ArticleError, TimeoutError, IndexUnavailableError, IndexReadOnlyError) as exc:
        raise click.ClickException(str(exc)) from None
    if report.full:
        rate = per_second(len(report.added), report.seconds, "articles")
        click.echo(
            f"Indexed {len(report.added)} articles ({report.sections} sections) "
            f"in {report.seconds:.2f}s ({rate})."
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


@kb.command("gaps")
@click.option("--limit", default=30, show_default=True, type=int)
@click.pass_context
def kb_gaps(ctx: click.Context, limit: int) -> None:
    """Questions the bot could not answer or whose answer was marked not helpful, most first.

    Only what people asked in Slack or the console counts: `supportbot ask` is a preview and
    records nothing."""
    from bot.conversation.feedback import gaps

    found = gaps(billing_of(ctx).engine, limit)
    if not found:
        click.echo("No gaps recorded yet.")
    for gap in found:
        click.echo(
            f"{gap.total:4}  ({gap.unanswered} unanswered, {gap.unhelpful} not helpful)  "
            f"{gap.question}"
        )


@kb.command("search")
@click.argument("query", nargs=-1, required=True)
@click.pass_context
def kb_search(ctx: click.Context, query: tuple[str, ...]) -> None:
    """Show the sections that best match QUERY: each line's score, then how much of the
    query's weight (rare words weigh more) the section covers and its whole article covers."""
    knowledge = knowledge_of(ctx)
    answerer = knowledge.answerer
    concepts = answerer.concepts(" ".join(query))
    if not concepts:
        click.echo("No searchable words in the query.")
        return
    hits = knowledge.index.search(answerer.query_terms(concepts), limit=10)
    if not hits:
        click.echo("No matching sections.")
    for hit in hits:
        cover = answerer.coverage(hit, concepts)
        where = f"{hit.title} › {hit.heading}" if hit.heading else hit.title
        covers = f"covers: section {cover.section:4.0%}, article {cover.article:4.0%}"
        click.echo(f"{hit.score:7.3f}  {covers}  {where}  ({hit.path})")
