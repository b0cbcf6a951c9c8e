"""Building and updating the index from the Markdown folder, and telling a damaged one.

The manifest is written only after the index commits, and every change deletes by path before
it adds, so a crash in between costs redundant work, never a wrong index. Files can still be
lost or cut short under the index (a disk, a copy, a hand), so every update checks the index
against its manifest (`index_problem`, a few milliseconds) and rebuilds it from the Markdown when
it fails. An index that needs no change is checked without the build lock and without writing
anything, so a deployment can ship it in a read-only folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.reading import TermNotFound

from bot.knowledge.articles import Article
from bot.knowledge.index_writes import (
    LOCK_TIMEOUT_S,
    IndexReadOnlyError,
    build_lock,
    count_write,
    writing,
)
from bot.knowledge.manifest import Manifest, _Plan, _plan
from bot.knowledge.text import make_analyzer

log = logging.getLogger("bot.knowledge.index")

INDEX_NAME = "kb"
# Merging the whole index on every update keeps word statistics exact; past a few hundred
# sections it costs more than the skew of a few deleted sections is worth (≤ 1 s per edit).
_OPTIMIZE_UP_TO_SECTIONS = 300

# `on_progress(done, total)`: articles written so far of those this build writes. Called with 0
# first, then after each article; never called when the index needs no write. The library only
# counts: the caller decides what to show (a bar on a terminal, a summary line in a log).
OnProgress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """The default: nobody is watching."""


@dataclass
class UpdateReport:
    """What a build did, for the CLI and the logs."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    sections: int = 0
    seconds: float = 0.0
    full: bool = False

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.deleted or self.full)


def build_schema() -> Schema:
    analyzer = make_analyzer()
    return Schema(
        key=ID(unique=True, stored=True),
        path=ID(stored=True),
        title=STORED,
        heading=STORED,
        tags=STORED,
        text=STORED,
        # The article is only a summary of a longer one elsewhere (front matter `summary: true`).
        summary=STORED,
        # What the section is about: its article's title and tags and its own heading.
        topic=TEXT(analyzer=analyzer, phrase=False),
        # Title, heading, tags and body together: every word a section is found by. Document
        # frequencies and spelling suggestions are read from this one field.
        content=TEXT(analyzer=analyzer, phrase=False),
    )


def _documents(article: Article) -> Iterator[dict[str, Any]]:
    tags = ", ".join(article.tags)
    for section in article.sections:
        heading = section.heading or ""
        yield {
            "key": section.key,
            "path": article.path,
            "title": article.title,
            "heading": heading,
            "tags": tags,
            "summary": article.summary,
            "topic": f"{article.title}\n{heading}\n{tags}",
            "content": f"{article.title}\n{heading}\n{tags}\n{section.text}",
            "text": section.text,
        }


def index_problem(index_dir: Path, manifest: Manifest) -> str | None:
    """Why the index cannot serve what the manifest says it holds, or None when it can.

    A reader opens the TOC and every segment file (a deleted one fails here, and so does a
    truncated one: a segment's directory is at its end), its live document count must equal the
    manifest's sections, and one word's postings are read. That is opening a reader, no more:
    about 1 ms on the shipped knowledge base, some 30 ms at 40,000 sections (Whoosh copies a
    segment's term files on opening), where reading the manifest alone takes longer. It writes
    nothing, so it needs no lock. Whoosh's reader retries a missing file for half a second, so a
    writer's merge deleting old segments mid-check is not mistaken for damage.
    """
    try:
        ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME, readonly=True)
        with ix.reader() as reader:
            count = reader.doc_count()
            probe_posting(reader, manifest.probe_term())
    except Exception as exc:  # a damaged file fails in any of Whoosh's readers, any which way
        return f"it cannot be read: {type(exc).__name__}: {exc}"
    if count != manifest.sections:
        return f"it holds {count} sections where its manifest lists {manifest.sections}"
    return None


def probe_posting(reader: Any, term: str | None) -> int | None:
    """Read the first posting of a word the index must hold: the document it names."""
    if term is None:
        return None
    try:
        postings = reader.postings("content", term)
    except TermNotFound:
        postings = None
    if postings is None or not postings.is_active():
        raise LookupError(f"no section holds {term!r}, a word of an indexed article's title")
    return postings.id()


def _write_all(
    index_dir: Path, articles: Sequence[Article], on_progress: OnProgress = no_progress
) -> int:
    """Create a fresh index holding the given articles; returns the number of sections."""
    ix = whoosh_index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)
    sections = sum(len(a.sections) for a in articles)
    procs = min(os.cpu_count() or 1, 4)
    # Worker processes pay off only on a large knowledge base; they are forked, not spawned.
    parallel = procs > 1 and sections > 4000
    writer = (
        ix.writer(procs=procs, multisegment=True, limitmb=128, batchsize=200)
        if parallel
        else ix.writer(limitmb=128)
    )
    on_progress(0, len(articles))
    try:
        for done, article in enumerate(articles, 1):
            for doc in _documents(article):
                writer.add_document(**doc)
            on_progress(done, len(articles))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    return sections


def update_index(
    kb_dir: Path,
    index_dir: Path,
    facts: Mapping[str, str],
    facts_digest: str,
    force: bool = False,
    on_progress: OnProgress = no_progress,
) -> UpdateReport:
    """Bring the index in line with the folder: only what changed, or everything with force.

    A sound index that matches the folder is found so without the lock and without writing (a
    read-only deployment starts); a damaged one is rebuilt whole, with a warning.
    `on_progress` hears of each article written (see `OnProgress`).
    """
    started = time.perf_counter()
    current: _Plan | str = (
        "a full rebuild was asked for"
        if force
        else _check_unlocked(kb_dir, index_dir, facts, facts_digest)
    )
    if isinstance(current, _Plan) and not current.writes_manifest:
        report = UpdateReport(sections=current.manifest.sections)
    else:
        try:
            report = _update_writing(
                kb_dir, index_dir, facts, facts_digest, force, current, on_progress
            )
        finally:
            count_write()  # (a failed write may have left files changed too)
    report.seconds = time.perf_counter() - started
    return report


def _check_unlocked(
    kb_dir: Path, index_dir: Path, facts: Mapping[str, str], facts_digest: str
) -> _Plan | str:
    """What the folder needs of a sound index, found without the lock or any write; or why the
    index must be rebuilt instead."""
    old = Manifest.load(index_dir)
    if old is None:
        return "it has no manifest: it is new, or from an older version"
    problem = index_problem(index_dir, old)
    if problem is not None:
        return f"it is damaged: {problem}"
    return _plan(kb_dir, facts, facts_digest, old)


def _update_writing(
    kb_dir: Path,
    index_dir: Path,
    facts: Mapping[str, str],
    facts_digest: str,
    force: bool,
    current: _Plan | str,
    on_progress: OnProgress = no_progress,
) -> UpdateReport:
    """The update with the lock held; a read-only folder whose sections are right is left as is.

    When only file dates (a re-copied or re-mounted kb/) or facts no article quotes changed,
    the index answers correctly, so failing start-up for want of a manifest write would be
    wrong; the changed-date files are re-read at each start until the index is rebuilt.
    """
    plan = current if isinstance(current, _Plan) else None
    why = current if isinstance(current, str) else current.changes()
    try:
        with writing(index_dir, why), build_lock(index_dir):
            return _update_locked(kb_dir, index_dir, facts, facts_digest, force, plan, on_progress)
    except IndexReadOnlyError:
        if plan is None or plan.writes_index:
            raise
        log.info(
            "%s is read-only and its sections match the Markdown (only file dates or unquoted "
            "facts changed); serving it as it is",
            index_dir,
        )
        return UpdateReport(sections=plan.manifest.sections)


def _update_locked(
    kb_dir: Path,
    index_dir: Path,
    facts: Mapping[str, str],
    facts_digest: str,
    force: bool,
    current: _Plan | None,
    on_progress: OnProgress = no_progress,
) -> UpdateReport:
    """Check again under the lock (another builder may have gone first), then write."""
    old = None if force else Manifest.load(index_dir)
    problem = None if old is None else index_problem(index_dir, old)
    if old is None or problem is not None:
        if problem is not None:
            log.warning(
                "%s: the knowledge-base index is damaged (%s); rebuilding it from %s",
                index_dir,
                problem,
                kb_dir,
            )
        return _rebuild_all(index_dir, _plan(kb_dir, facts, facts_digest, Manifest()), on_progress)
    # The plan made without the lock still holds if no one updated the index since.
    plan = current if current is not None and current.previous == old else None
    return _apply_changes(index_dir, plan or _plan(kb_dir, facts, facts_digest, old), on_progress)


def _rebuild_all(
    index_dir: Path, plan: _Plan, on_progress: OnProgress = no_progress
) -> UpdateReport:
    _rebuild(index_dir, plan, on_progress)
    added = sorted(plan.manifest.files)
    return UpdateReport(added=added, sections=plan.manifest.sections, full=True)


def _apply_changes(
    index_dir: Path, plan: _Plan, on_progress: OnProgress = no_progress
) -> UpdateReport:
    if plan.writes_index:
        _apply(index_dir, plan, on_progress)
    if plan.writes_manifest:
        plan.manifest.save(index_dir)
    return UpdateReport(
        added=sorted(plan.new_paths),
        changed=sorted(a.path for a in plan.upsert if a.path not in plan.new_paths),
        deleted=plan.deleted,
        sections=plan.manifest.sections,
    )


def _rebuild(index_dir: Path, plan: _Plan, on_progress: OnProgress = no_progress) -> None:
    """Build a complete index beside the old one, then swap it in, so readers never see half."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=index_dir.parent, prefix=f".{index_dir.name}-new-"))
    try:
        _write_all(fresh, plan.upsert, on_progress)
        plan.manifest.save(fresh)
        if index_dir.exists():
            retired = index_dir.with_name(f".{index_dir.name}-old-{os.getpid()}")
            os.replace(index_dir, retired)
            os.replace(fresh, index_dir)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.replace(fresh, index_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def _apply(index_dir: Path, plan: _Plan, on_progress: OnProgress = no_progress) -> None:
    ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    writer = ix.writer(timeout=LOCK_TIMEOUT_S)
    on_progress(0, len(plan.upsert))
    try:
        for path in plan.deleted:
            writer.delete_by_term("path", path)
        for done, article in enumerate(plan.upsert, 1):
            writer.delete_by_term("path", article.path)
            for doc in _documents(article):
                writer.add_document(**doc)
            on_progress(done, len(plan.upsert))
    except BaseException:
        writer.cancel()
        raise
    # Deleted documents linger in Whoosh's term statistics until their segment is merged, which
    # would skew how rare a word looks. A small index is cheap to merge whole on every update.
    writer.commit(optimize=plan.manifest.sections <= _OPTIMIZE_UP_TO_SECTIONS)
    ix.close()
