"""Whether a message is about what a summary article is about.

An article marked `summary: true` in its front matter holds only the summary of a longer article
kept elsewhere (the shipped product articles: product aliases, Web Shop Manager, shipping emails).
Its words are few and general ("connect", "send", "product"), so a message can match them closely
without being about its subject at all: "how do i connect my etsy shop" met the Web Shop Manager
setup's "connect", "can u send your SOC 2 report" the shipping emails' "send", "i've been using
the product for 4 yrs" the product aliases'. Such an article answers only a message that names
its subject: one of its tags, or its title without the product's name, every word of it (spelling
fixes and the vendor's multi-word synonyms count, single-word synonyms do not: "connect" is not
"setup"; a word counts when its stem begins the tag's or the other way round: "skus", "prod").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from bot.knowledge.concepts import Concept
from bot.knowledge.index import Hit
from bot.knowledge.text import stems

# As much of a message as is read for its subject: a question's length (text.py reads no more),
# so a 40,000-character paste costs what a question does.
_READ_CHARS = 2000


def names_subject(
    question: str,
    concepts: Sequence[Concept],
    frequency: Callable[[str], int],
    hit: Hit,
    product: str,
) -> bool:
    """True when the question names one of the hit's article's tags or its title's subject.
    `frequency`: how many sections hold a stem; `product`: the product's and vendor's names,
    whose words say nothing of a subject."""
    said = set(stems(question[:_READ_CHARS]))
    for concept in concepts:
        said |= concept.direct
        if not any(frequency(stem) for stem in concept.direct):
            said |= concept.indirect  # a spelling fix of a word no article has
    phrases = _subjects(hit.title, hit.tags, product)
    if not phrases:
        return True  # no tags and a title that is the product's name: nothing to name
    return any(all(_said(stem, said) for stem in phrase) for phrase in phrases)


def _said(stem: str, said: set[str]) -> bool:
    return stem in said or any(_same(stem, word) for word in said)


def _same(stem: str, word: str) -> bool:
    """One stem begins the other: the stemmer is not even-handed ("alias" -> "alia", "aliases"
    -> "alias", "skus" -> "skus"), and chat shortens ("prod" for "product")."""
    short, long = sorted((stem, word), key=len)
    return len(short) >= 3 and long.startswith(short)


@lru_cache(maxsize=256)
def _subjects(title: str, tags: str, product: str) -> tuple[frozenset[str], ...]:
    """Each tag's stems, and the title's without the product's words; empty ones dropped."""
    named = set(stems(product))
    phrases: Iterable[str] = (*tags.split(","), title)
    found = (frozenset(s for s in stems(p) if s not in named) for p in phrases)
    return tuple(phrase for phrase in found if phrase)
