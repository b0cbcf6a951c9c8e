"""The knowledge base: Markdown articles, their search index, and answers with sources."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.config import Settings
from bot.knowledge.answer import Answer, Answerer, Source
from bot.knowledge.articles import ArticleError, facts_digest, facts_from_settings
from bot.knowledge.build import no_progress
from bot.knowledge.index import (
    IndexReadOnlyError,
    IndexUnavailableError,
    UpdateReport,
    WhooshIndex,
    update_index,
)

__all__ = [
    "Answer",
    "ArticleError",
    "IndexReadOnlyError",
    "IndexUnavailableError",
    "KnowledgeBase",
    "Source",
    "UpdateReport",
    "build_index",
    "open_knowledge_base",
]


def build_index(
    settings: Settings,
    force: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> UpdateReport:
    """Re-index what changed in kb/ (or everything with force), with app.yaml facts filled in;
    `on_progress(done, total)` hears of each article written.

    A damaged index is rebuilt whole; an index that needs no change is not written (it may be
    read-only), and one that needs a change its folder refuses raises `IndexReadOnlyError`.
    """
    facts = facts_from_settings(settings)
    return update_index(
        settings.kb.path,
        settings.kb.index_path,
        facts,
        facts_digest(facts),
        force=force,
        on_progress=on_progress or no_progress,
    )


@dataclass
class KnowledgeBase:
    """An open index and the answerer over it: what the rest of the bot asks questions of."""

    index: WhooshIndex
    answerer: Answerer
    report: UpdateReport

    def answer(self, question: str) -> Answer:
        return self.answerer.answer(question)

    def section_answer(self, key: str, question: str) -> Answer:
        return self.answerer.section_answer(key, question)

    def warm(self) -> None:
        """Build the example questions' vectors now: built lazily, they cost the first question
        after start-up 1.5 s. (Built again, lazily, after the index changes.)"""
        self.answerer.evidence.examples()

    def health(self) -> tuple[bool, str]:
        """(True, "ready") when questions can be searched, else (False, "knowledge base: why").

        Cheap enough for every /healthz request: a `stat` of the index's manifest and a
        one-word search on the calling thread's searcher. A damaged index is repaired by the
        next question or start-up, not here; this only says so.
        """
        problem = self.index.problem()
        if problem is None:
            return True, "ready"
        return False, f"knowledge base: {problem}"


def open_knowledge_base(
    settings: Settings, not_answered: Sequence[str] = (), near_topics: Sequence[str] = ()
) -> KnowledgeBase:
    """Bring the index up to date (cheap when nothing changed) and open it for answering.
    `not_answered`: questions the articles are known not to answer (from the vendor's intents);
    `near_topics`: more of them, near the articles' own topics (see EvidenceReader).

    The open index rebuilds itself through `build_index` if it is found damaged while serving.
    """
    report = build_index(settings)
    index = WhooshIndex(settings.kb.index_path, rebuild=lambda: build_index(settings))
    answerer = Answerer(index, settings, not_answered=not_answered, near_topics=near_topics)
    return KnowledgeBase(index=index, answerer=answerer, report=report)
