"""The search index of the knowledge base, behind a small interface of our own.

Whoosh (whoosh-reloaded 2.7.5) is the engine today. Neither Whoosh nor its fork is maintained,
so nothing outside this module imports it for searching: the answer layer speaks `SearchIndex`
(weighted stems in, `Hit`s out), which another engine can fill.

The index is kept in step with the Markdown folder incrementally: a manifest beside the index
records each file's size, mtime and digest (of its text after app.yaml facts are filled in), so
start-up costs one `stat` per file when nothing changed, and an edit re-indexes only that file.
The manifest is written only after the index commits and every change deletes by path before it
adds, so a crash in between costs redundant work, never a wrong index.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from whoosh import index as whoosh_index
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.query import Term
from whoosh.query.compound import PreloadedOr
from whoosh.scoring import BM25F

from bot.knowledge.articles import Article, article_files, read_article
from bot.knowledge.text import make_analyzer

SCHEMA_VERSION = 6
MANIFEST = "manifest.json"
_INDEX_NAME = "kb"
_LOCK_TIMEOUT_S = 30.0
# Merging the whole index on every update keeps word statistics exact; past a few hundred
# sections it costs more than the skew of a few deleted sections is worth (≤ 1 s per edit).
_OPTIMIZE_UP_TO_SECTIONS = 300

# How much a word counts where it is found: in the article's title, a section's heading or the
# tags a word names the topic; in the body it may be a passing mention.
FIELD_BOOSTS = {"content": 1.0, "topic": 1.5}
# Scoring is term-at-a-time over every posting of the query's words, so the most common words
# are left out of the search once the knowledge base is large: they barely move BM25, and the
# answer layer still checks them in the candidates it reads. Words are taken rarest first until
# this many postings; the rarest two are always taken.
POSTINGS_BUDGET = 2000


@dataclass(frozen=True)
class Hit:
    """One section that matched, with what an answer needs to quote and cite it."""

    key: str
    path: str
    title: str
    heading: str | None
    tags: str
    text: str
    score: float


class SearchIndex(Protocol):
    """What the answer layer needs from a search engine."""

    def search(self, terms: Mapping[str, float], limit: int = 5) -> list[Hit]: ...
    def doc_frequency(self, term: str) -> int: ...
    def doc_count(self) -> int: ...
    def suggest(self, term: str) -> str | None: ...

    generation: int  # changes whenever the indexed articles (and so the synonyms) change
    synonyms: Mapping[str, Sequence[str]]  # word -> the words customers use for it


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
            "topic": f"{article.title}\n{heading}\n{tags}",
            "content": f"{article.title}\n{heading}\n{tags}\n{section.text}",
            "text": section.text,
        }


# -- the manifest ---------------------------------------------------------------------------------


@dataclass
class Manifest:
    """The state of the Markdown folder the index reflects."""

    facts: str = ""
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, index_dir: Path) -> Manifest | None:
        try:
            data = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("schema") != SCHEMA_VERSION:
            return None
        return cls(facts=data.get("facts", ""), files=data.get("files", {}))

    def save(self, index_dir: Path) -> None:
        data = {"schema": SCHEMA_VERSION, "facts": self.facts, "files": self.files}
        fd, tmp = tempfile.mkstemp(dir=index_dir, prefix=".manifest-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, separators=(",", ":"))
        os.replace(tmp, index_dir / MANIFEST)

    def synonyms(self) -> dict[str, list[str]]:
        """Every article's synonyms merged: word -> the words customers use for it."""
        merged: dict[str, list[str]] = {}
        for entry in self.files.values():
            for word, alternatives in entry.get("synonyms", {}).items():
                merged.setdefault(word, []).extend(alternatives)
        return merged


def _stat_key(stat: os.stat_result) -> list[int]:
    return [stat.st_mtime_ns, stat.st_size]


def _entry(article: Article, stat: os.stat_result) -> dict[str, Any]:
    return {
        "stat": _stat_key(stat),
        "digest": article.digest,
        "title": article.title,
        "synonyms": {k: list(v) for k, v in article.synonyms.items()},
        "sections": len(article.sections),
    }


@dataclass
class _Plan:
    """What must change in the index to match the folder."""

    upsert: list[Article] = field(default_factory=list)
    new_paths: set[str] = field(default_factory=set)
    deleted: list[str] = field(default_factory=list)
    manifest: Manifest = field(default_factory=Manifest)


def _plan(kb_dir: Path, facts: Mapping[str, str], facts_digest: str, old: Manifest) -> _Plan:
    """Compare the folder with the manifest; read only files whose stat or facts changed."""
    plan = _Plan(manifest=Manifest(facts=facts_digest))
    facts_changed = old.facts != facts_digest
    seen: set[str] = set()
    for file in article_files(kb_dir):
        rel = file.relative_to(kb_dir).as_posix()
        seen.add(rel)
        stat = file.stat()
        previous = old.files.get(rel)
        if previous and not facts_changed and previous["stat"] == _stat_key(stat):
            plan.manifest.files[rel] = previous
            continue
        article = read_article(kb_dir, file, facts)
        plan.manifest.files[rel] = _entry(article, stat)
        if previous is None:
            plan.new_paths.add(rel)
            plan.upsert.append(article)
        elif previous["digest"] != article.digest:
            plan.upsert.append(article)
    plan.deleted = sorted(set(old.files) - seen)
    return plan


# -- the Whoosh implementation -----------------------------------------------------------------


@contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    """One builder at a time per index folder, across processes."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f".{index_dir.name}.lock", "a+") as handle:
        deadline = time.monotonic() + _LOCK_TIMEOUT_S
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"another process has been building {index_dir} for too long"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_all(index_dir: Path, articles: Sequence[Article]) -> int:
    """Create a fresh index holding the given articles; returns the number of sections."""
    ix = whoosh_index.create_in(str(index_dir), build_schema(), indexname=_INDEX_NAME)
    sections = sum(len(a.sections) for a in articles)
    procs = min(os.cpu_count() or 1, 4)
    # Worker processes pay off only on a large knowledge base; they are forked, not spawned.
    parallel = procs > 1 and sections > 4000
    writer = (
        ix.writer(procs=procs, multisegment=True, limitmb=128, batchsize=200)
        if parallel
        else ix.writer(limitmb=128)
    )
    try:
        for article in articles:
            for doc in _documents(article):
                writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    return sections


class WhooshIndex:
    """The knowledge base's sections in a Whoosh index, one reusable searcher per thread.

    Another process may update the index while this one serves (`kb build`, a second
    instance's start-up). The manifest is rewritten after every update, so one `stat` of it per
    question tells whether to reopen: then the synonyms are reloaded and every thread's searcher
    is replaced on its next question.
    """

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._lock = threading.Lock()
        self._local = threading.local()
        self._weighting = BM25F(B=0.75, K1=1.2, topic_B=0.3)
        self._signature: tuple[int, int, int] | None = None
        self._ix: Any = None
        self._generation = 0
        self._synonyms: dict[str, list[str]] = {}
        if not self._reload_if_changed():
            raise FileNotFoundError(
                f"{index_dir}: no knowledge-base index; run `supportbot kb build`"
            )

    def _manifest_signature(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.index_dir / MANIFEST)
        except OSError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _reload_if_changed(self) -> bool:
        """Reopen the index when its manifest changed; False when there is no index at all."""
        signature = self._manifest_signature()
        if signature is None:
            return self._ix is not None  # mid-swap or removed: keep serving what we have
        if signature == self._signature:
            return True
        with self._lock:
            if signature != self._signature:
                manifest = Manifest.load(self.index_dir)
                if manifest is None or not whoosh_index.exists_in(str(self.index_dir), _INDEX_NAME):
                    return self._ix is not None
                self._ix = whoosh_index.open_dir(str(self.index_dir), indexname=_INDEX_NAME)
                self._synonyms = manifest.synonyms()
                self._signature = signature
                self._generation += 1
        return True

    @property
    def generation(self) -> int:
        """Changes whenever the index on disk changed since this process last looked."""
        self._reload_if_changed()
        return self._generation

    @property
    def synonyms(self) -> dict[str, list[str]]:
        self._reload_if_changed()
        return self._synonyms

    def _searcher(self):
        """This thread's searcher, replaced when the index has changed since it was opened.

        Searchers are not thread-safe, and `Searcher.refresh()` in whoosh-reloaded 2.7.5 keeps
        serving deleted and outdated documents, so a stale one is closed and a new one opened.
        """
        generation = self.generation
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None and (
            self._local.generation != generation or not searcher.up_to_date()
        ):
            searcher.close()
            searcher = None
        if searcher is None:
            searcher = self._ix.searcher(weighting=self._weighting)
            self._local.searcher, self._local.generation = searcher, generation
        return searcher

    def search(self, terms: Mapping[str, float], limit: int = 5) -> list[Hit]:
        searcher = self._searcher()
        chosen = _within_budget(terms, lambda stem: searcher.doc_frequency("content", stem))
        if not chosen:
            return []
        clauses = [
            Term(fieldname, stem, boost=weight * boost)
            for stem, weight in chosen.items()
            for fieldname, boost in FIELD_BOOSTS.items()
        ]
        # Whoosh's default Or switches to a tree of union matchers on large indexes, which is
        # several times slower here than scoring the (budgeted) postings into an array.
        results = searcher.search(PreloadedOr(clauses), limit=limit)
        return [
            Hit(
                key=hit["key"],
                path=hit["path"],
                title=hit["title"],
                heading=hit.get("heading") or None,
                tags=hit.get("tags", ""),
                text=hit["text"],
                score=float(hit.score or 0.0),
            )
            for hit in results
        ]

    def doc_frequency(self, term: str) -> int:
        return self._searcher().doc_frequency("content", term)

    def doc_count(self) -> int:
        return self._searcher().doc_count()

    def suggest(self, term: str) -> str | None:
        """The most common indexed word one or two edits from `term` (for typos), if any."""
        # Short words have real words one edit away ("last" is not a typo of "list").
        if len(term) < 5 or not term.isalpha():
            return None
        reader = self._searcher().reader()
        maxdist = 1 if len(term) < 8 else 2
        candidates = [
            (reader.doc_frequency("content", found), found)
            for found in reader.terms_within("content", term, maxdist, prefix=1)
            if found != term
        ]
        return max(candidates)[1] if candidates else None

    def close(self) -> None:
        """Close this thread's searcher (other threads' close when they are collected)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None


def _within_budget(terms: Mapping[str, float], frequency: Callable[[str], int]) -> dict[str, float]:
    """The query's words, rarest first, up to POSTINGS_BUDGET postings (at least two words)."""
    by_rarity = sorted((frequency(stem), stem) for stem in terms)
    chosen: dict[str, float] = {}
    spent = 0
    for df, stem in by_rarity:
        if df == 0:
            continue
        if len(chosen) >= 2 and spent + df > POSTINGS_BUDGET:
            break
        chosen[stem] = terms[stem]
        spent += df
    return chosen


def update_index(
    kb_dir: Path,
    index_dir: Path,
    facts: Mapping[str, str],
    facts_digest: str,
    force: bool = False,
) -> UpdateReport:
    """Bring the index in line with the folder: only what changed, or everything with force."""
    started = time.perf_counter()
    report = UpdateReport()
    with _build_lock(index_dir):
        old = None if force else Manifest.load(index_dir)
        exists = whoosh_index.exists_in(str(index_dir), indexname=_INDEX_NAME)
        if old is None or not exists:
            plan = _plan(kb_dir, facts, facts_digest, Manifest())
            _rebuild(index_dir, plan)
            report.full = True
            report.added = sorted(plan.manifest.files)
        else:
            plan = _plan(kb_dir, facts, facts_digest, old)
            if plan.upsert or plan.deleted:
                _apply(index_dir, plan)
            if (
                plan.upsert
                or plan.deleted
                or plan.manifest.files != old.files
                or old.facts != facts_digest
            ):
                plan.manifest.save(index_dir)
            report.added = sorted(plan.new_paths)
            report.changed = sorted(a.path for a in plan.upsert if a.path not in plan.new_paths)
            report.deleted = plan.deleted
        report.sections = sum(entry["sections"] for entry in plan.manifest.files.values())
    report.seconds = time.perf_counter() - started
    return report


def _rebuild(index_dir: Path, plan: _Plan) -> None:
    """Build a complete index beside the old one, then swap it in, so readers never see half."""
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=index_dir.parent, prefix=f".{index_dir.name}-new-"))
    try:
        _write_all(fresh, plan.upsert)
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


def _apply(index_dir: Path, plan: _Plan) -> None:
    ix = whoosh_index.open_dir(str(index_dir), indexname=_INDEX_NAME)
    writer = ix.writer(timeout=_LOCK_TIMEOUT_S)
    try:
        for path in plan.deleted:
            writer.delete_by_term("path", path)
        for article in plan.upsert:
            writer.delete_by_term("path", article.path)
            for doc in _documents(article):
                writer.add_document(**doc)
    except BaseException:
        writer.cancel()
        raise
    # Deleted documents linger in Whoosh's term statistics until their segment is merged, which
    # would skew how rare a word looks. A small index is cheap to merge whole on every update.
    sections = sum(entry["sections"] for entry in plan.manifest.files.values())
    writer.commit(optimize=sections <= _OPTIMIZE_UP_TO_SECTIONS)
    ix.close()
