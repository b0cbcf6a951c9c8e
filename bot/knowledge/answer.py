"""Questions -> answers with sources, or an honest "I don't know".

The bot's worst failure is a confident wrong answer: an unrelated article dressed as the reply.
So retrieval is followed by a check of how much of the question the best section actually
speaks to. A question is cut into concepts (its topic words, each with the synonyms and spelling
fixes that may stand for it); a section covers a concept when it contains one of those stems.
Confidence combines that coverage (weighted by how rare each word is), the margin over the best
section of another article, and the raw score. Below the threshold from app.yaml the bot says it
has no answer and how to reach a person.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from bot.config import Settings
from bot.hours import SupportHours
from bot.knowledge.articles import plain_text
from bot.knowledge.index import Hit, SearchIndex
from bot.knowledge.text import (
    QUESTION_WORDS,
    english_stem,
    normalize,
    stem_word,
    stems,
    words,
)

# Weights of the words added to a question, relative to the customer's own words.
SYNONYM_WEIGHT = 0.6
SPELLING_WEIGHT = 0.8
# How much a concept counts as covered when only a synonym or a spelling fix of it was found.
INDIRECT_CREDIT = 0.85
# Candidates read beyond the first, and the most concepts taken from one question.
CANDIDATES = 8
MAX_CONCEPTS = 40
# When a question fits an article's introduction about as well as one of its sections, the
# introduction answers it: it is what the article says in general.
INTRO_PREFERENCE = 0.03
# A second section joins the answer when it scores at least this share of the first.
SECOND_SECTION_SHARE = 0.6
# Two sections of one article that fit the question about equally are both quoted.
TIED_SECTION_SHARE = 0.92


@dataclass(frozen=True)
class Source:
    title: str
    path: str
    section: str | None

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "path": self.path, "section": self.section}


@dataclass(frozen=True)
class Answer:
    """What the bot says to a question, in a form every front end renders."""

    question: str
    answered: bool
    text: str
    sources: tuple[Source, ...] = ()
    score: float = 0.0
    intent: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.text,
            "intent": self.intent,
            "sources": [s.to_json() for s in self.sources],
            "score": round(self.score, 4),
        }


@dataclass
class Concept:
    """One topic word of the question and the stems that may stand for it in an article."""

    word: str
    direct: set[str] = field(default_factory=set)
    indirect: set[str] = field(default_factory=set)
    idf: float = 0.0


# Words a phrase match steps over, so "can't I change" meets the synonym "can't change".
_SKIPPED_IN_PHRASES = frozenset("i we you my our your the a an me us it this that".split())


def _phrase_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in _SKIPPED_IN_PHRASES]


@dataclass(frozen=True)
class _SectionStems:
    heading: frozenset[str]  # the heading (the title for the text before the first heading)
    section: frozenset[str]  # heading and text
    article: frozenset[str]  # heading and text with the article's title and tags


@dataclass(frozen=True)
class Coverage:
    """Shares of the question's weight found in a section's heading, in the section, and in the
    section with its article's title and tags; and which concepts the last covers."""

    heading: float
    section: float
    article: float
    concepts: set[int]

    def rank(self, relative_score: float) -> float:
        """Order candidates: a section about the question beats one that mentions its words."""
        return 0.35 * self.section + 0.2 * self.article + 0.2 * self.heading + 0.25 * relative_score


@lru_cache(maxsize=50_000)
def _match_key(word: str) -> str:
    """A word's stem with stop words kept, for matching synonym phrases ("what do i get")."""
    return english_stem(word)


@dataclass(frozen=True)
class _Synonym:
    phrase: tuple[str, ...]  # match keys of the words customers use
    stems: tuple[str, ...]  # index stems of the word the articles use


def compile_synonyms(table: Mapping[str, Sequence[str]]) -> dict[str, list[_Synonym]]:
    """Synonym phrases indexed by their first word's match key, longest phrase first."""
    compiled: dict[str, list[_Synonym]] = {}
    for canonical, alternatives in table.items():
        target = tuple(stems(canonical))
        if not target:
            continue
        for alternative in alternatives:
            phrase = tuple(_match_key(w) for w in _phrase_words(alternative))
            if phrase:
                compiled.setdefault(phrase[0], []).append(_Synonym(phrase, target))
    for entries in compiled.values():
        entries.sort(key=lambda s: -len(s.phrase))
    return compiled


class Answerer:
    """Answers questions from one knowledge-base index under one app.yaml."""

    def __init__(self, index: SearchIndex, settings: Settings) -> None:
        self.index = index
        self.settings = settings
        self.min_confidence = settings.kb.min_confidence
        self._kb_prefix = settings.kb.path.name
        self._hours = SupportHours.from_config(settings.support_hours)
        product = settings.product
        self._product_names = {
            tuple(_match_key(w) for w in _phrase_words(name))
            for name in (product.name, product.short_name, product.formerly, product.vendor)
            if name
        } - {()}
        self._lock = threading.Lock()
        self._synonyms: tuple[int, dict[str, list[_Synonym]]] = (-1, {})
        self._section_stems: OrderedDict[tuple[int, str], tuple[frozenset[str], frozenset[str]]] = (
            OrderedDict()
        )

    # -- the question ---------------------------------------------------------------------------

    def _synonym_table(self) -> dict[str, list[_Synonym]]:
        generation = self.index.generation
        if self._synonyms[0] != generation:
            with self._lock:
                if self._synonyms[0] != generation:
                    self._synonyms = (generation, compile_synonyms(self.index.synonyms))
        return self._synonyms[1]

    def concepts(self, question: str) -> list[Concept]:
        """The question's topic words, each with the synonyms and spelling fixes that stand for it.

        A phrase customers use for an article's word ("business hours", "how much", "credit
        card") becomes one concept meaning that word; a single word with a synonym keeps its own
        stem and gains the synonym's.
        """
        tokens = _phrase_words(normalize(question))[:400]
        keys = [_match_key(w) for w in tokens]
        table = self._synonym_table()
        concepts: list[Concept] = []
        i = 0
        while i < len(tokens) and len(concepts) < MAX_CONCEPTS:
            product = self._product_name_at(keys, i)
            if product:
                i += product  # every article is about the product: its name says nothing
                continue
            phrase = self._longest_phrase(table, keys, i)
            if phrase:
                n, target = phrase
                inside = {stem_word(t) for t in tokens[i : i + n] if t not in QUESTION_WORDS}
                concepts.append(
                    Concept(" ".join(tokens[i : i + n]), set(target), inside - target - {""})
                )
                i += n
                continue
            token = tokens[i]
            i += 1
            stemmed = stem_word(token)
            if token in QUESTION_WORDS or not stemmed or (token.isdigit() and len(token) <= 2):
                continue
            concept = Concept(token, direct={stemmed})
            for synonym in table.get(_match_key(token), ()):
                if len(synonym.phrase) == 1:
                    concept.indirect.update(synonym.stems)
            concept.indirect -= concept.direct
            concepts.append(concept)
        self._weigh(concepts)
        return concepts

    def _product_name_at(self, keys: Sequence[str], i: int) -> int:
        """How many words of the product's (or vendor's) name start at word i, if any."""
        return max(
            (len(name) for name in self._product_names if tuple(keys[i : i + len(name)]) == name),
            default=0,
        )

    @staticmethod
    def _longest_phrase(
        table: Mapping[str, list[_Synonym]], keys: Sequence[str], i: int
    ) -> tuple[int, set[str]] | None:
        """The longest multi-word synonym starting at word i: its length and the stems it means."""
        best = 0
        target: set[str] = set()
        for synonym in table.get(keys[i], ()):
            n = len(synonym.phrase)
            if n < 2 or n < best or tuple(keys[i : i + n]) != synonym.phrase:
                continue
            if n > best:
                best, target = n, set()
            target.update(synonym.stems)
        return (best, target) if best else None

    def _weigh(self, concepts: list[Concept]) -> None:
        """Set each concept's rarity and add spelling fixes for words no article contains."""
        total = max(self.index.doc_count(), 1)
        unknown_idf = math.log(1 + (total + 0.5) / 0.5)
        for concept in concepts:
            frequencies = {
                s: self.index.doc_frequency(s) for s in concept.direct | concept.indirect
            }
            if not any(frequencies.values()):
                for stem in list(concept.direct):
                    fix = self.index.suggest(stem)
                    if fix:
                        concept.indirect.add(fix)
                        frequencies[fix] = self.index.doc_frequency(fix)
            # Deleted documents still count in Whoosh's frequencies until segments merge.
            known = [min(f, total) for f in frequencies.values() if f]
            df = min(known) if known else 0
            concept.idf = math.log(1 + (total - df + 0.5) / (df + 0.5)) if known else unknown_idf

    def query_terms(self, concepts: Sequence[Concept]) -> dict[str, float]:
        """The weighted stems to search for: the question's own, synonyms and spelling fixes."""
        terms: dict[str, float] = {}
        for concept in concepts:
            for stem in concept.direct:
                terms[stem] = max(terms.get(stem, 0.0), 1.0)
            for stem in concept.indirect:
                weight = (
                    SPELLING_WEIGHT if not concept.direct & concept.indirect else SYNONYM_WEIGHT
                )
                terms[stem] = max(terms.get(stem, 0.0), weight)
        return terms

    # -- the candidates -------------------------------------------------------------------------

    def _stems_of(self, hit: Hit) -> _SectionStems:
        key = (self.index.generation, hit.key)
        found = self._section_stems.get(key)
        if found is None:
            heading = frozenset(stems(hit.heading or hit.title))
            own = heading | frozenset(stems(hit.text))
            found = _SectionStems(heading, own, own | frozenset(stems(f"{hit.title}\n{hit.tags}")))
            with self._lock:
                self._section_stems[key] = found
                while len(self._section_stems) > 4096:
                    self._section_stems.popitem(last=False)
        return found

    @staticmethod
    def _covered(present: frozenset[str], concepts: Sequence[Concept]) -> tuple[float, set[int]]:
        total = sum(c.idf for c in concepts) or 1.0
        gained = 0.0
        covered: set[int] = set()
        for n, concept in enumerate(concepts):
            if concept.direct & present:
                gained += concept.idf
                covered.add(n)
            elif concept.indirect & present:
                gained += concept.idf * INDIRECT_CREDIT
                covered.add(n)
        return gained / total, covered

    def coverage(self, hit: Hit, concepts: Sequence[Concept]) -> Coverage:
        """How much of the question's weight a section speaks to, at three depths."""
        found = self._stems_of(hit)
        heading, _ = self._covered(found.heading, concepts)
        section, _ = self._covered(found.section, concepts)
        article, covered = self._covered(found.article, concepts)
        return Coverage(heading, section, article, covered)

    # -- the answer -----------------------------------------------------------------------------

    def answer(self, question: str) -> Answer:
        """Answer one question; never raises on what a customer may type."""
        question = question if isinstance(question, str) else str(question)
        concepts = self.concepts(question)
        if not concepts:
            return self.no_answer(question)
        hits = self.index.search(self.query_terms(concepts), limit=CANDIDATES)
        if not hits:
            return self.no_answer(question)
        top_score = hits[0].score or 1.0
        ranked = []
        for hit in hits:
            cover = self.coverage(hit, concepts)
            rank = cover.rank(hit.score / top_score)
            if hit.heading is None:
                rank += INTRO_PREFERENCE  # the text under the title sums up the whole article
            ranked.append((rank, cover.article, cover.concepts, hit))
        ranked.sort(key=lambda r: r[0], reverse=True)
        rank, cover, covered, best = ranked[0]
        rival = next((r[0] for r in ranked[1:] if r[3].path != best.path), 0.0)
        margin = (rank - rival) / rank if rank > 0 else 0.0
        strength = best.score / (best.score + 3.0)
        # Coverage gates everything: a clear winner that speaks to half the question is still
        # only half an answer.
        confidence = cover * (0.75 + 0.15 * margin + 0.10 * strength)
        if confidence < self.min_confidence:
            return self.no_answer(question, confidence)
        chosen = [best]
        for other_rank, _, other_covered, other in ranked[1:]:
            adds_a_topic = other_covered - covered and other_rank >= SECOND_SECTION_SHARE * rank
            as_good = other.path == best.path and other_rank >= TIED_SECTION_SHARE * rank
            if adds_a_topic or as_good:
                chosen.append(other)
                break
        return Answer(
            question=question,
            answered=True,
            text=self._compose(chosen),
            sources=tuple(self._source(h) for h in chosen),
            score=confidence,
        )

    def _source(self, hit: Hit) -> Source:
        return Source(title=hit.title, path=f"{self._kb_prefix}/{hit.path}", section=hit.heading)

    @staticmethod
    def _compose(hits: Sequence[Hit]) -> str:
        """Each section under its heading, so the answer says what it is about on its own."""
        return "\n\n".join(f"{h.heading or h.title}\n{plain_text(h.text)}" for h in hits)

    def ways_to_reach(self, team: str = "support") -> str:
        """How a person from the team is reached, from app.yaml's contact settings."""
        contact = self.settings.contact
        if team == "sales" and contact.sales_chat_url:
            return f"chat with our sales team at {contact.sales_chat_url} or email {contact.email}"
        ways = [f"email {contact.email}"]
        if contact.tickets_url:
            ways.append(f"open a ticket at {contact.tickets_url}")
        return " or ".join(ways)

    @property
    def hours_text(self) -> str:
        return f"Support hours are {self._hours.describe()}."

    def no_answer(self, question: str, confidence: float = 0.0) -> Answer:
        """The honest reply when no article answers: say so, and how to reach a person."""
        text = (
            "I don't have a confident answer to that in our help articles, so I won't guess. "
            f"A person from our support team can help: {self.ways_to_reach()}. {self.hours_text}"
        )
        return Answer(question=question, answered=False, text=text, score=confidence)
