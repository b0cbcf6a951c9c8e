"""The knowledge base: Markdown articles, their search index, and answers with sources."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.knowledge.answer import Answer, Answerer, Source
from bot.knowledge.articles import ArticleError, facts_digest, facts_from_settings
from bot.knowledge.index import UpdateReport, WhooshIndex, update_index

__all__ = [
    "Answer",
    "ArticleError",
    "KnowledgeBase",
    "Source",
    "UpdateReport",
    "build_index",
    "open_knowledge_base",
]


def build_index(settings: Settings, force: bool = False) -> UpdateReport:
    """Re-index what changed in kb/ (or everything with force), with app.yaml facts filled in."""
    facts = facts_from_settings(settings)
    return update_index(
        settings.kb.path, settings.kb.index_path, facts, facts_digest(facts), force=force
    )


@dataclass
class KnowledgeBase:
    """An open index and the answerer over it: what the rest of the bot asks questions of."""

    index: WhooshIndex
    answerer: Answerer
    report: UpdateReport

    def answer(self, question: str) -> Answer:
        return self.answerer.answer(question)


def open_knowledge_base(settings: Settings) -> KnowledgeBase:
    """Bring the index up to date (cheap when nothing changed) and open it for answering."""
    report = build_index(settings)
    index = WhooshIndex(settings.kb.index_path)
    return KnowledgeBase(index=index, answerer=Answerer(index, settings), report=report)
