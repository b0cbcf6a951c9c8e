"""One question's search of the Whoosh index: which of its words are searched, how each field
weighs them, and the sections found as `Hit`s (the rest of the app never sees Whoosh's types)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from whoosh.matching import ArrayUnionMatcher
from whoosh.query import Term
from whoosh.query.compound import PreloadedOr

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
    summary: bool = False  # its article only summarises a longer one (kb front matter)


def scored_hits(searcher: Any, terms: Mapping[str, float], limit: int) -> list[Hit]:
    """The `limit` best sections for the weighted stems, by BM25F over title and body."""
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
    results = searcher.search(_ArrayOr(clauses), limit=limit)
    return [hit_of(hit, float(hit.score or 0.0)) for hit in results]


class _ArrayOr(PreloadedOr):
    """Whoosh's PreloadedOr with its score array no longer than the index: Whoosh's own has
    2,048 slots whatever the index holds, built and cleared slot by slot in Python, which was a
    sixth of an answer's time on a knowledge base of a hundred sections. (It overrides Whoosh's
    own `_matcher`: tests/test_index.py checks it scores as PreloadedOr does.)"""

    def _matcher(self, subs: Any, searcher: Any, context: Any) -> Any:
        scored = context.weighting is not None if context else True
        matchers = [sub.matcher(searcher, context) for sub in subs]
        documents = searcher.doc_count_all()
        part = max(1, min(documents, 2048))
        return ArrayUnionMatcher(
            matchers, documents, boost=self.boost, scored=scored, partsize=part
        )


def hit_of(fields: Any, score: float) -> Hit:
    return Hit(
        key=fields["key"],
        path=fields["path"],
        title=fields["title"],
        heading=fields.get("heading") or None,
        tags=fields.get("tags", ""),
        text=fields["text"],
        score=score,
        summary=bool(fields.get("summary", False)),
    )


def nearest_spelling(reader: Any, term: str) -> str | None:
    """The indexed word a typo most likely meant: the commonest within one or two edits."""
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
