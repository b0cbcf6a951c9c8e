"""The search index of the knowledge base, behind a small interface of our own.

Whoosh (whoosh-reloaded 2.7.5) is the engine today. Neither Whoosh nor its fork is maintained,
so nothing outside this module imports it for searching: the answer layer speaks `SearchIndex`
(weighted stems in, `Hit`s out), which another engine can fill.

The index is kept in step with the Markdown folder incrementally: a manifest beside the index
records each file's size, mtime and digest (of its text after app.yaml facts are filled in), so
start-up costs one `stat` per file when nothing changed, and an edit re-indexes only that file.
The manifest is written only after the index commits and every change deletes by path before it
adds, so a crash in between costs redundant work, never a wrong index.

Files can still be lost or cut short under the index (a disk, a copy, a hand), so every update and
every opening checks the index against its manifest (`_index_problem`, a few milliseconds) and
rebuilds it from the Markdown when it fails. An index that needs no change is checked without the
build lock and without writing anything, so a deployment can ship it in a read-only folder.
"""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from whoosh import index as whoosh_index
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.query import Term
from whoosh.query.compound import PreloadedOr
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F

from bot.knowledge.articles import Article, article_files, read_article
from bot.knowledge.text import make_analyzer, stems

log = logging.getLogger(__name__)
_T = TypeVar("_T")

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
# A write refused with one of these means the folder is read-only (to us), not that it failed.
_READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
# A rebuild swaps the index folder with two renames; a health check that finds it missing looks
# once more after this long before it reports it.
_SWAP_GRACE_S = 0.05


class IndexUnavailableError(RuntimeError):
    """The index cannot be searched and could not be rebuilt; the message says why and where."""


class IndexReadOnlyError(IndexUnavailableError):
    """The index must change to match the Markdown, but its folder cannot be written."""


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

    @property
    def sections(self) -> int:
        """How many sections (documents) the index must hold to match this manifest."""
        return sum(entry["sections"] for entry in self.files.values())

    def probe_term(self) -> str | None:
        """A word a sound index of this manifest must find: the first stem of an article's title.

        Every section's content starts with its article's title, so the word is in the index
        for as long as the article is, whatever else the knowledge base holds.
        """
        for entry in self.files.values():
            found = stems(entry.get("title", "")) if entry.get("sections") else []
            if found:
                return found[0]
        return None


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
    previous: Manifest = field(default_factory=Manifest)

    @property
    def writes_index(self) -> bool:
        """Whether sections must be added or removed: the index is wrong until they are."""
        return bool(self.upsert or self.deleted)

    def changes(self) -> str:
        """The articles that changed, for messages: "added a.md; changed b.md"."""
        changed = [a.path for a in self.upsert if a.path not in self.new_paths]
        parts = [
            f"{label} {', '.join(sorted(paths)[:5])}{', ...' if len(paths) > 5 else ''}"
            for label, paths in (
                ("added", self.new_paths),
                ("changed", changed),
                ("deleted", self.deleted),
            )
            if paths
        ]
        return "; ".join(parts) or "file dates or facts changed"

    @property
    def writes_manifest(self) -> bool:
        """Whether anything must be written; without `writes_index`, only file dates or facts
        no article quotes changed, and the index is right as it is."""
        return self.writes_index or self.manifest != self.previous


def _plan(kb_dir: Path, facts: Mapping[str, str], facts_digest: str, old: Manifest) -> _Plan:
    """Compare the folder with the manifest; read only files whose stat or facts changed."""
    plan = _Plan(manifest=Manifest(facts=facts_digest), previous=old)
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


def _index_problem(index_dir: Path, manifest: Manifest) -> str | None:
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
        ix = whoosh_index.open_dir(str(index_dir), indexname=_INDEX_NAME, readonly=True)
        with ix.reader() as reader:
            count = reader.doc_count()
            _probe(reader, manifest.probe_term())
    except Exception as exc:  # a damaged file fails in any of Whoosh's readers, any which way
        return f"it cannot be read: {type(exc).__name__}: {exc}"
    if count != manifest.sections:
        return f"it holds {count} sections where its manifest lists {manifest.sections}"
    return None


def _probe(reader: Any, term: str | None) -> int | None:
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


def _is_index_path(index_dir: Path, name: str | bytes | int | None) -> bool:
    """Whether a failed call's file is the index's: its folder, what is in it, the lock file
    or a swap folder beside it, or a folder above it that had to be created."""
    if name is None or isinstance(name, int):
        return False
    path = Path(os.fsdecode(name)).absolute()
    root = index_dir.absolute()
    beside = path.parent == root.parent and path.name.startswith(f".{root.name}")
    return path == root or root in path.parents or path in root.parents or beside


@contextmanager
def _writing(index_dir: Path, why: str) -> Iterator[None]:
    """Report a write the index's folder refuses as one error that names the folder and says
    `why` the index had to be written.

    Errors of other files (an unreadable article) pass through as they are.
    """
    try:
        yield
    except OSError as exc:
        refused = exc.errno in _READ_ONLY_ERRNOS and (
            _is_index_path(index_dir, exc.filename) or _is_index_path(index_dir, exc.filename2)
        )
        if not refused:
            raise
        raise IndexReadOnlyError(
            f"{index_dir}: the knowledge-base index must be written ({why}), but its folder is "
            f"read-only ({exc.strerror}: {exc.filename}); run `supportbot kb build` where the "
            "index is made (e.g. the image build), or make the folder writable"
        ) from exc


@contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    """One builder at a time per index folder, across processes (taken only to write)."""
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

    Every opening checks the index against its manifest, and a read that fails on an index the
    check then finds damaged calls `rebuild` (which brings the index in line with the Markdown)
    and is tried once more; without `rebuild`, or when it fails, `IndexUnavailableError` says
    why. A reader that already has the files open keeps serving from them.
    """

    def __init__(self, index_dir: Path, rebuild: Callable[[], object] | None = None) -> None:
        self.index_dir = index_dir
        self._rebuild = rebuild
        self._lock = threading.RLock()  # held while reopening, and across a rebuild
        self._local = threading.local()
        self._weighting = BM25F(B=0.75, K1=1.2, topic_B=0.3)
        self._signature: tuple[int, int, int] | None = None
        self._ix: Any = None
        self._generation = 0
        self._synonyms: dict[str, list[str]] = {}
        self._probe_term: str | None = None
        if self._reload_if_changed():
            return
        if rebuild is None:
            raise FileNotFoundError(
                f"{index_dir}: no knowledge-base index; run `supportbot kb build`"
            )
        with self._lock:
            self._recover("it is missing")

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
                if manifest is None:
                    return self._ix is not None
                problem = _index_problem(self.index_dir, manifest)
                if problem is None:
                    self._install(manifest, signature)
                else:
                    self._recover(problem)
        return True

    def _install(self, manifest: Manifest, signature: tuple[int, int, int]) -> None:
        """Serve the index on disk from now on (the caller checked it against `manifest`)."""
        self._ix = whoosh_index.open_dir(str(self.index_dir), indexname=_INDEX_NAME, readonly=True)
        self._synonyms = manifest.synonyms()
        self._probe_term = manifest.probe_term()
        self._signature = signature
        self._generation += 1

    def _problem_on_disk(self) -> str | None:
        """Why the index on disk cannot be served now, or None (the caller holds the lock)."""
        manifest = Manifest.load(self.index_dir)
        if manifest is None:
            return "its manifest is missing or unreadable"
        return _index_problem(self.index_dir, manifest)

    def _recover(self, problem: str) -> None:
        """Rebuild a damaged index through `rebuild`, then open it (the caller holds the lock)."""
        where = f"{self.index_dir}: the knowledge-base index is unusable ({problem})"
        if self._rebuild is None:
            raise IndexUnavailableError(f"{where}; run `supportbot kb build`")
        log.warning("%s; checking it and rebuilding it from the Markdown", where)
        try:
            self._rebuild()
        except Exception as exc:
            raise IndexUnavailableError(f"{where} and rebuilding it failed: {exc}") from exc
        signature = self._manifest_signature()
        manifest = Manifest.load(self.index_dir)
        still = (
            "no manifest"
            if manifest is None or signature is None
            else _index_problem(self.index_dir, manifest)
        )
        if still is not None:
            raise IndexUnavailableError(f"{where} and is still unusable after a rebuild: {still}")
        assert manifest is not None and signature is not None
        self._install(manifest, signature)

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

    def _read(self, read: Callable[[Any], _T]) -> _T:
        """`read` with this thread's searcher; when it fails and the index on disk is damaged,
        the index is rebuilt and `read` tried once more. Other failures are raised as they are.

        If another thread reopened the index meanwhile (it may have rebuilt it), `read` is
        simply tried again on the new one.
        """
        seen = self._generation
        try:
            return read(self._searcher())
        except IndexUnavailableError:
            raise
        except Exception:
            self._drop_searcher()
            with self._lock:
                if self._generation == seen:
                    problem = self._problem_on_disk()
                    if problem is None:
                        raise
                    self._recover(problem)
        return read(self._searcher())

    def search(self, terms: Mapping[str, float], limit: int = 5) -> list[Hit]:
        return self._read(lambda searcher: _search(searcher, terms, limit))

    def doc_frequency(self, term: str) -> int:
        return self._read(lambda searcher: searcher.doc_frequency("content", term))

    def doc_count(self) -> int:
        return self._read(lambda searcher: searcher.doc_count())

    def suggest(self, term: str) -> str | None:
        """The most common indexed word one or two edits from `term` (for typos), if any."""
        # Short words have real words one edit away ("last" is not a typo of "list").
        if len(term) < 5 or not term.isalpha():
            return None
        return self._read(lambda searcher: _suggest(searcher.reader(), term))

    def problem(self) -> str | None:
        """Why questions cannot be searched right now, or None; cheap enough for every health
        check: a `stat` of the manifest, then the first posting of a word the index must hold
        and the section it names, read with this thread's searcher. (A scored search for the
        word would read all its postings: milliseconds for a common word in a large index.)

        It repairs nothing itself (questions and start-up do), except that reopening an index
        another process changed goes through the same check and rebuild as a question would.
        """
        if not self._manifest_present():
            return f"the index folder {self.index_dir} or its manifest is missing"
        try:
            reader = self._searcher().reader()
            found = _probe(reader, self._probe_term)
            if found is not None:
                reader.stored_fields(found)
        except Exception as exc:  # whatever it is, the index cannot be searched
            self._drop_searcher()
            return f"the index cannot be searched ({type(exc).__name__}: {exc})"
        return None

    def _manifest_present(self) -> bool:
        """Whether the manifest is there, looked at twice: a rebuild swaps the folder by two
        renames, and a health check between them must not report the index gone."""
        if self._manifest_signature() is not None:
            return True
        time.sleep(_SWAP_GRACE_S)
        return self._manifest_signature() is not None

    def close(self) -> None:
        """Close this thread's searcher (other threads' close when they are collected)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is not None:
            searcher.close()
            self._local.searcher = None

    def _drop_searcher(self) -> None:
        """Forget this thread's searcher after a failure; closing a broken one may fail too."""
        try:
            self.close()
        except Exception:  # its files are what failed; the next read opens new ones
            self._local.searcher = None


def _search(searcher: Any, terms: Mapping[str, float], limit: int) -> list[Hit]:
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


def _suggest(reader: Any, term: str) -> str | None:
    maxdist = 1 if len(term) < 8 else 2
    candidates = [
        (reader.doc_frequency("content", found), found)
        for found in reader.terms_within("content", term, maxdist, prefix=1)
        if found != term
    ]
    return max(candidates)[1] if candidates else None


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
    """Bring the index in line with the folder: only what changed, or everything with force.

    A sound index that matches the folder is found so without the lock and without writing (a
    read-only deployment starts); a damaged one is rebuilt whole, with a warning.
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
        report = _update_writing(kb_dir, index_dir, facts, facts_digest, force, current)
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
    problem = _index_problem(index_dir, old)
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
) -> UpdateReport:
    """The update with the lock held; a read-only folder whose sections are right is left as is.

    When only file dates (a re-copied or re-mounted kb/) or facts no article quotes changed,
    the index answers correctly, so failing start-up for want of a manifest write would be
    wrong; the changed-date files are re-read at each start until the index is rebuilt.
    """
    plan = current if isinstance(current, _Plan) else None
    why = current if isinstance(current, str) else current.changes()
    try:
        with _writing(index_dir, why), _build_lock(index_dir):
            return _update_locked(kb_dir, index_dir, facts, facts_digest, force, plan)
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
) -> UpdateReport:
    """Check again under the lock (another builder may have gone first), then write."""
    old = None if force else Manifest.load(index_dir)
    problem = None if old is None else _index_problem(index_dir, old)
    if old is None or problem is not None:
        if problem is not None:
            log.warning(
                "%s: the knowledge-base index is damaged (%s); rebuilding it from %s",
                index_dir,
                problem,
                kb_dir,
            )
        return _rebuild_all(index_dir, _plan(kb_dir, facts, facts_digest, Manifest()))
    # The plan made without the lock still holds if no one updated the index since.
    plan = current if current is not None and current.previous == old else None
    return _apply_changes(index_dir, plan or _plan(kb_dir, facts, facts_digest, old))


def _rebuild_all(index_dir: Path, plan: _Plan) -> UpdateReport:
    _rebuild(index_dir, plan)
    added = sorted(plan.manifest.files)
    return UpdateReport(added=added, sections=plan.manifest.sections, full=True)


def _apply_changes(index_dir: Path, plan: _Plan) -> UpdateReport:
    if plan.writes_index:
        _apply(index_dir, plan)
    if plan.writes_manifest:
        plan.manifest.save(index_dir)
    return UpdateReport(
        added=sorted(plan.new_paths),
        changed=sorted(a.path for a in plan.upsert if a.path not in plan.new_paths),
        deleted=plan.deleted,
        sections=plan.manifest.sections,
    )


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
    writer.commit(optimize=plan.manifest.sections <= _OPTIMIZE_UP_TO_SECTIONS)
    ix.close()
