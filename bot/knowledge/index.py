"""The search index of the knowledge base, behind a small interface of our own.

Whoosh (whoosh-reloaded 2.7.5) is the engine today. Neither Whoosh nor its fork is maintained,
so nothing outside this module and whoosh_queries.py imports it for searching: the answer layer
speaks `SearchIndex` (weighted stems in, `Hit`s out), which another engine can fill.

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

import logging
import os
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from whoosh import index as whoosh_index
from whoosh.scoring import BM25F

from bot.knowledge.build import (
    INDEX_NAME,
    UpdateReport,
    index_problem,
    probe_posting,
    update_index,
)
from bot.knowledge.index_writes import IndexReadOnlyError, IndexUnavailableError, write_count
from bot.knowledge.manifest import MANIFEST, Manifest
from bot.knowledge.whoosh_queries import Hit, hit_of, nearest_spelling, scored_hits

log = logging.getLogger(__name__)
_T = TypeVar("_T")

# A rebuild swaps the index folder with two renames; a health check that finds it missing looks
# once more after this long before it reports it.
_SWAP_GRACE_S = 0.05

__all__ = [
    "IndexReadOnlyError",
    "IndexUnavailableError",
    "UpdateReport",
    "WhooshIndex",
    "update_index",
]


class SearchIndex(Protocol):
    """What the answer layer needs from a search engine."""

    def search(self, terms: Mapping[str, float], limit: int = 5) -> list[Hit]: ...
    def doc_frequency(self, term: str) -> int: ...
    def doc_count(self) -> int: ...
    def suggest(self, term: str) -> str | None: ...

    def sections(self, keys: Sequence[str]) -> list[Hit]: ...

    generation: int  # changes whenever the indexed articles (and so the synonyms) change
    synonyms: Mapping[str, Sequence[str]]  # word -> the words customers use for it
    questions: Mapping[str, Sequence[str]]  # section key -> how customers ask for it


class WhooshIndex:
    """The knowledge base's sections in a Whoosh index, one reusable searcher per thread.

    Another process may update the index while this one serves (`kb build`, a second
    instance's start-up). The manifest is rewritten after every update, so a `stat` of it tells
    whether to reopen: then the synonyms are reloaded and every thread's searcher is replaced on
    its next question. A question reads the index's properties a score of times, so the disk is
    looked at once per `LOOK_EVERY_S` at most (an update elsewhere is served that much later;
    an update in this process at once).

    Every opening checks the index against its manifest, and a read that fails on an index the
    check then finds damaged calls `rebuild` (which brings the index in line with the Markdown)
    and is tried once more; without `rebuild`, or when it fails, `IndexUnavailableError` says
    why. A reader that already has the files open keeps serving from them.
    """

    LOOK_EVERY_S = 0.05

    def __init__(self, index_dir: Path, rebuild: Callable[[], object] | None = None) -> None:
        self.index_dir = index_dir
        self._looked_at = -1.0  # (time.monotonic() of the last look on disk)
        self._writes_seen = -1  # (write_count() then)
        self._looks = 0  # looks on disk so far: a searcher is checked once per look
        self._rebuild = rebuild
        self._lock = threading.RLock()  # held while reopening, and across a rebuild
        self._local = threading.local()
        self._weighting = BM25F(B=0.75, K1=1.2, topic_B=0.3)
        self._signature: tuple[int, int, int] | None = None
        self._ix: Any = None
        self._generation = 0
        self._synonyms: dict[str, list[str]] = {}
        self._questions: dict[str, list[str]] = {}
        self._probe_term: str | None = None
        # Word statistics of the open index, asked many times per question: kept until the
        # index changes (a search checks that first, once per question).
        self._memo: dict[tuple[str, str], Any] = {}
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
        now, written = time.monotonic(), write_count()
        if (
            self._ix is not None
            and written == self._writes_seen
            and now - self._looked_at < self.LOOK_EVERY_S
        ):
            return True
        try:
            return self._look_on_disk()
        finally:
            # (only once the look is over: another thread must not skip a look still going on,
            # and serve the synonyms of the index before a build it was told of)
            self._looked_at, self._writes_seen = now, written
            self._looks += 1

    def _look_on_disk(self) -> bool:
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
                problem = index_problem(self.index_dir, manifest)
                if problem is None:
                    self._install(manifest, signature)
                else:
                    self._recover(problem)
        return True

    def _install(self, manifest: Manifest, signature: tuple[int, int, int]) -> None:
        """Serve the index on disk from now on (the caller checked it against `manifest`)."""
        self._ix = whoosh_index.open_dir(str(self.index_dir), indexname=INDEX_NAME, readonly=True)
        self._synonyms = manifest.synonyms()
        self._questions = manifest.questions()
        self._probe_term = manifest.probe_term()
        self._memo = {}
        self._signature = signature
        self._generation += 1

    def _problem_on_disk(self) -> str | None:
        """Why the index on disk cannot be served now, or None (the caller holds the lock)."""
        manifest = Manifest.load(self.index_dir)
        if manifest is None:
            return "its manifest is missing or unreadable"
        return index_problem(self.index_dir, manifest)

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
            else index_problem(self.index_dir, manifest)
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

    @property
    def questions(self) -> dict[str, list[str]]:
        """Example questions by section key (from the articles' front matter)."""
        self._reload_if_changed()
        return self._questions

    def sections(self, keys: Sequence[str]) -> list[Hit]:
        """The sections with these keys (unscored), in the order asked."""

        def read(searcher: Any) -> list[Hit]:
            found = []
            for key in keys:
                fields = searcher.document(key=key)
                if fields is not None:
                    found.append(hit_of(fields, 0.0))
            return found

        return self._read(read)

    def _searcher(self):
        """This thread's searcher, replaced when the index has changed since it was opened.

        Searchers are not thread-safe, and `Searcher.refresh()` in whoosh-reloaded 2.7.5 keeps
        serving deleted and outdated documents, so a stale one is closed and a new one opened.
        """
        generation = self.generation
        searcher = getattr(self._local, "searcher", None)
        # (up_to_date() lists the folder: asked once per look on disk, not per read)
        looked = getattr(self._local, "looks", None) == self._looks
        if searcher is not None and (
            self._local.generation != generation or (not looked and not searcher.up_to_date())
        ):
            searcher.close()
            searcher = None
        if searcher is None:
            searcher = self._ix.searcher(weighting=self._weighting)
            self._local.searcher, self._local.generation = searcher, generation
        self._local.looks = self._looks
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
        return self._read(lambda searcher: scored_hits(searcher, terms, limit))

    def _remembered(self, kind: str, term: str, read: Callable[[Any], _T]) -> _T:
        key = (kind, term)
        memo = self._memo
        if key not in memo:
            found = self._read(read)
            if len(memo) > 100_000:
                memo.clear()
            memo[key] = found
            return found
        return memo[key]

    def doc_frequency(self, term: str) -> int:
        return self._remembered("df", term, lambda s: s.doc_frequency("content", term))

    def doc_count(self) -> int:
        return self._remembered("n", "", lambda s: s.doc_count())

    def suggest(self, term: str) -> str | None:
        """The most common indexed word one or two edits from `term` (for typos), if any."""
        # Short words have real words one edit away ("last" is not a typo of "list").
        if len(term) < 5 or not term.isalpha():
            return None
        return self._remembered("fix", term, lambda s: nearest_spelling(s.reader(), term))

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
            found = probe_posting(reader, self._probe_term)
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
