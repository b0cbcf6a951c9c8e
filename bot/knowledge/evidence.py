"""What speaks for each candidate section as the answer to a question: the features the
calibrated model reads (coverage of the question's concepts, the other way round how much of the
section's heading the question names, similarity to the section's example questions, the search
score, and how much of the question the knowledge base knows at all)."""

from __future__ import annotations

import math
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.knowledge.concepts import Concept, ConceptReader
from bot.knowledge.examples import Closeness, ExampleMatcher, char_grams
from bot.knowledge.index import Hit, SearchIndex
from bot.knowledge.scope import ScopeWords
from bot.knowledge.text import stems

# Candidates read from the search, and more from the closest example questions.
CANDIDATES = 8
EXAMPLE_CANDIDATES = 3
# How much a concept counts as covered when only a synonym or a spelling fix of it was found.
INDIRECT_CREDIT = 0.85
# When a question fits an article's introduction about as well as one of its sections, the
# introduction answers it: it is what the article says in general.
INTRO_PREFERENCE = 0.03

FEATURES = (
    "bm25_rel",
    "bm25",
    "cover_article",
    "cover_section",
    "cover_heading",
    "known_article",
    "known_section",
    "rev_heading",
    "rev_title",
    "ex_words",
    "ex_chars",
    "ex_best",
    "ex_margin",
    "known_share",
    "foreign_share",
    "n_known",
    "n_unknown",
    "intro",
    "gap_words",
    "gap_chars",
    "gap_margin",
)


@dataclass(frozen=True)
class SectionStems:
    heading: frozenset[str]  # the heading (the title for the text before the first heading)
    section: frozenset[str]  # heading and text
    article: frozenset[str]  # heading and text with the article's title and tags
    title: frozenset[str]  # the article's title and tags


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


@dataclass(frozen=True)
class _Examples:
    sections: ExampleMatcher  # the sections' example questions (and headings)
    gaps: ExampleMatcher  # the questions not answered
    scope: ScopeWords  # the words of both, counted


@dataclass
class Candidate:
    hit: Hit
    cover: Coverage
    rank: float  # the search's own order (coverage and score), before the model
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0


def words_of(concepts: Sequence[Concept]) -> Counter[str]:
    """A question's word vector for comparing with example questions: its stems, and the
    synonyms and spelling fixes standing for them at a lower weight."""
    vector: Counter[str] = Counter()
    for concept in concepts:
        for stem in concept.direct:
            vector[stem] += 1.0
        for stem in concept.indirect - concept.direct:
            vector[stem] += 0.6
    return vector


def covered(present: frozenset[str], concepts: Sequence[Concept]) -> tuple[float, set[int]]:
    """The share of the concepts' weight found in `present`, and which concepts it covers."""
    total = sum(c.idf for c in concepts) or 1.0
    gained = 0.0
    found: set[int] = set()
    for n, concept in enumerate(concepts):
        if concept.direct & present:
            gained += concept.idf
            found.add(n)
        elif concept.indirect & present:
            gained += concept.idf * INDIRECT_CREDIT
            found.add(n)
    return gained / total, found


class EvidenceReader:
    """Candidates and their features. `not_answered`: questions the articles are known not to
    answer (the vendor's intents say which); closeness to them counts against every section.
    `near_topics`: more of them, near the articles' own topics ("is VAT added to the premium
    price?"): they count the same, but are not the background against which a message is
    compared with the sections' examples (there they would make "price" and "premium" common
    words and move which section answers "how much is premium support")."""

    def __init__(
        self,
        index: SearchIndex,
        concepts: ConceptReader,
        not_answered: Sequence[str] = (),
        near_topics: Sequence[str] = (),
    ) -> None:
        self.index = index
        self.concepts = concepts
        self.not_answered = tuple(not_answered)
        self.near_topics = tuple(near_topics)
        self._lock = threading.Lock()
        self._stems: OrderedDict[tuple[int, str], SectionStems] = OrderedDict()
        self._examples: tuple[int, _Examples | None] = (-1, None)

    # -- a section's words ----------------------------------------------------------------------

    def stems_of(self, hit: Hit) -> SectionStems:
        key = (self.index.generation, hit.key)
        found = self._stems.get(key)
        if found is None:
            heading = frozenset(stems(hit.heading or hit.title))
            own = heading | frozenset(stems(hit.text))
            title = frozenset(stems(f"{hit.title}\n{hit.tags}"))
            found = SectionStems(heading, own, own | title, title)
            with self._lock:
                self._stems[key] = found
                while len(self._stems) > 4096:
                    self._stems.popitem(last=False)
        return found

    def coverage(self, hit: Hit, concepts: Sequence[Concept]) -> Coverage:
        """How much of the question's weight a section speaks to, at three depths."""
        found = self.stems_of(hit)
        heading, _ = covered(found.heading, concepts)
        section, _ = covered(found.section, concepts)
        article, concepts_covered = covered(found.article, concepts)
        return Coverage(heading, section, article, concepts_covered)

    # -- example questions ----------------------------------------------------------------------

    def examples(self) -> tuple[ExampleMatcher, ExampleMatcher]:
        """The example questions of every section, and the questions not answered."""
        built = self._built()
        return built.sections, built.gaps

    def _built(self) -> _Examples:
        """Everything read from the examples, made together and swapped in at once when the
        index (and so its synonyms and words) changes: a question never mixes two versions."""
        generation = self.index.generation
        built = self._examples
        if built[0] != generation or built[1] is None:
            with self._lock:
                if self._examples[0] != generation or self._examples[1] is None:
                    pairs = [
                        (key, text)
                        for key, texts in self.index.questions.items()
                        for text in texts
                    ]
                    known = [*self.not_answered, *self.near_topics]
                    answered = [t for _, t in pairs]
                    self._examples = (
                        generation,
                        _Examples(
                            ExampleMatcher(pairs, self.word_vector, self.not_answered),
                            ExampleMatcher([("", t) for t in known], self.word_vector, answered),
                            ScopeWords(answered, known, self.word_vector),
                        ),
                    )
                built = self._examples
        return built[1]

    def word_vector(self, text: str) -> Counter[str]:
        return words_of(self.concepts.read(text))

    # -- the candidates -------------------------------------------------------------------------

    def candidates(
        self, question: str, concepts: Sequence[Concept], leave_out: str | None = None
    ) -> list[Candidate]:
        """The sections worth considering, each with its features (`leave_out`: an example
        question not to count, when a labelled question is scored for training)."""
        hits = self.index.search(self.concepts.query_terms(concepts), limit=CANDIDATES)
        built = self._built()
        sections, gaps = built.sections, built.gaps
        vector, grams = words_of(concepts), char_grams(question)
        closeness = sections.closeness(question, leave_out, vector, grams)
        gap = gaps.closeness(question, leave_out, vector, grams).get("", Closeness(0.0, 0.0))
        seen = {hit.key for hit in hits}
        closest = sorted(closeness, key=lambda key: -closeness[key].both)
        extra = [key for key in closest[:EXAMPLE_CANDIDATES] if key not in seen]
        hits += self.index.sections(extra)
        if not hits:
            return []
        top_score = max(hit.score for hit in hits) or 1.0
        found = []
        for hit in hits:
            cover = self.coverage(hit, concepts)
            rank = cover.rank(hit.score / top_score)
            if hit.heading is None:
                rank += INTRO_PREFERENCE  # the text under the title sums up the whole article
            found.append(Candidate(hit, cover, rank))
        foreign = [c for c in concepts if self._foreign(c, sections, leave_out)]
        self._describe(found, concepts, closeness, top_score, gap)
        share = len(foreign) / len(concepts)
        scope = built.scope.odds(vector, leave_out)
        for candidate in found:
            candidate.features["foreign_share"] = share
            candidate.features["gap_odds"] = scope
        return found

    def _describe(
        self,
        candidates: list[Candidate],
        concepts: Sequence[Concept],
        closeness: dict[str, Closeness],
        top_score: float,
        gap: Closeness,
    ) -> None:
        known = [c for c in concepts if c.known]
        asked: set[str] = set()
        for concept in concepts:
            asked |= concept.direct | concept.indirect
        best = sorted((c.both for c in closeness.values()), reverse=True)
        message = {
            "known_share": len(known) / len(concepts) if concepts else 0.0,
            "n_known": math.log1p(len(known)),
            "n_unknown": math.log1p(len(concepts) - len(known)),
            "gap_words": gap.words,
            "gap_chars": gap.chars,
            "gap_margin": gap.both - (best[0] if best else 0.0),
        }
        for candidate in candidates:
            hit, cover = candidate.hit, candidate.cover
            found = self.stems_of(hit)
            near = closeness.get(hit.key, Closeness(0.0, 0.0))
            others = [b for b in best if b != near.both] or [0.0]
            candidate.features = {
                **message,
                "bm25_rel": hit.score / top_score,
                "bm25": math.log1p(hit.score),
                "cover_article": cover.article,
                "cover_section": cover.section,
                "cover_heading": cover.heading,
                "known_article": covered(found.article, known)[0] if known else 0.0,
                "known_section": covered(found.section, known)[0] if known else 0.0,
                "rev_heading": self._named(found.heading, asked),
                "rev_title": self._named(found.title, asked),
                "ex_words": near.words,
                "ex_chars": near.chars,
                "ex_best": 1.0 if best and near.both >= best[0] else 0.0,
                "ex_margin": near.both - others[0],
                "intro": 1.0 if hit.heading is None else 0.0,
            }

    @staticmethod
    def _foreign(concept: Concept, sections: ExampleMatcher, leave_out: str | None) -> bool:
        """A word neither the articles nor any example question use: a sign the message is
        about something the knowledge base does not cover."""
        if concept.known:
            return False
        return not any(sections.knows(s, leave_out) for s in concept.direct | concept.indirect)

    def _named(self, section_stems: frozenset[str], asked: set[str]) -> float:
        """How much of a section's heading (or title) the question names, rare words first."""
        if not section_stems:
            return 0.0
        total = max(self.index.doc_count(), 1)
        weights = {
            s: math.log(1 + total / (1 + self.index.doc_frequency(s))) for s in section_stems
        }
        return sum(w for s, w in weights.items() if s in asked) / (sum(weights.values()) or 1.0)
