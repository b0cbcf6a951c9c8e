"""How close a message is to the ways customers ask what each section answers.

Sections may list example questions in their article's front matter (`questions:`), and every
section's heading counts as one. A message is compared with each example twice: by its words
(stems, with the articles' synonyms and spelling fixes, idf-weighted) and by its characters
(3- to 5-letter pieces of its topic words), which survives typos, abbreviations and run-together
words that word matching misses ("prem", "acct", "autorenew"). The best example of a section
gives that section's two similarities.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bot.knowledge.text import QUESTION_WORDS, normalize, words

Vector = dict[str, float]
_GRAM_SIZES = (3, 4, 5)
# A piece found in more than this share of the examples tells nothing and costs the most to
# compare: it is left out.
_COMMON_SHARE = 0.2
_MOST_TERMS = 80


def char_grams(text: str) -> Counter[str]:
    """The character pieces of a text's topic words (question words left out)."""
    kept = [w for w in words(normalize(text)) if w not in QUESTION_WORDS]
    padded = f" {' '.join(kept)} "
    grams: Counter[str] = Counter()
    for size in _GRAM_SIZES:
        for start in range(len(padded) - size + 1):
            grams[padded[start : start + size]] += 1
    return grams


@dataclass(frozen=True)
class Closeness:
    """A section's best example similarity by words and by characters (0..1 each)."""

    words: float
    chars: float

    @property
    def both(self) -> float:
        return (self.words + self.chars) / 2


class _Space:
    """One kind of vector (words or characters): idf from the examples, an inverted index."""

    def __init__(
        self,
        vectors: list[Mapping[str, float]],
        prune: bool = False,
        background: list[Mapping[str, float]] = (),
    ) -> None:
        df: Counter[str] = Counter()
        for vector in [*vectors, *background]:
            df.update(vector.keys())
        total = len(vectors) + len(background) + 1
        self.df = df
        self.idf = {term: math.log(total / (1 + n)) + 1.0 for term, n in df.items()}
        counted = len(vectors) + len(background)
        limit = _COMMON_SHARE * counted if prune and counted > 50 else float("inf")
        self.common = frozenset(term for term, n in df.items() if n > limit)
        postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for n, vector in enumerate(vectors):
            for term, weight in self.normalized(vector).items():
                postings[term].append((n, weight))
        # (each term's examples and weights as two lists: summed by index, not by dict lookups)
        self.postings = {
            term: ([n for n, _ in found], [w for _, w in found]) for term, found in postings.items()
        }
        self._size = len(vectors)

    def normalized(self, vector: Mapping[str, float]) -> Vector:
        weighted = {
            t: w * self.idf.get(t, 1.0) for t, w in vector.items() if t not in self.common
        }
        length = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        return {t: w / length for t, w in weighted.items()}

    def similarities(self, vector: Mapping[str, float]) -> dict[int, float]:
        """Cosine with every example sharing a term. Past `_MOST_TERMS` terms only the
        heaviest are compared: the rarest pieces carry the match, and a long message would
        otherwise cost a comparison with nearly every example per piece."""
        weighted = self.normalized(vector)
        terms = sorted(weighted.items(), key=lambda item: -item[1])[:_MOST_TERMS]
        postings = self.postings
        sums = [0.0] * self._size
        touched: set[int] = set()
        for term, weight in terms:
            held = postings.get(term)
            if held is None:
                continue
            examples, weights = held
            touched.update(examples)
            for n, other in zip(examples, weights, strict=True):
                sums[n] += weight * other
        return {n: sums[n] for n in touched if sums[n]}


class ExampleMatcher:
    """Example questions of every section, ready to compare a message with."""

    def __init__(
        self,
        examples: Iterable[tuple[str, str]],
        word_vector: Callable[[str], Mapping[str, float]],
        background: Iterable[str] = (),
    ) -> None:
        self._word_vector = word_vector
        pairs = [(key, text) for key, text in examples if text.strip()]
        self._keys = [key for key, _ in pairs]
        self._texts = [text for _, text in pairs]
        others = [text for text in background if text.strip()]
        self._words = _Space(
            [word_vector(text) for text in self._texts], background=[word_vector(t) for t in others]
        )
        self._chars = _Space(
            [char_grams(text) for text in self._texts],
            prune=True,
            background=[char_grams(t) for t in others],
        )

    def __len__(self) -> int:
        return len(self._keys)

    def knows(self, term: str, leave_out: str | None = None) -> bool:
        """Whether some example question uses the word (`leave_out` not counted)."""
        found = self._words.df.get(term, 0)
        if found and leave_out is not None and found == 1:
            return term not in self._word_vector(leave_out)
        return found > 0

    def closeness(
        self,
        text: str,
        leave_out: str | None = None,
        words_of_text: Mapping[str, float] | None = None,
        grams_of_text: Mapping[str, float] | None = None,
    ) -> dict[str, Closeness]:
        """Each section's best example similarity to `text` (an example equal to `leave_out`
        is skipped: a labelled message is not its own evidence when the model is trained).
        The text's vectors may be given when the caller has them already."""
        word_vector = words_of_text if words_of_text is not None else self._word_vector(text)
        by_words = self._words.similarities(word_vector)
        by_chars = self._chars.similarities(
            grams_of_text if grams_of_text is not None else char_grams(text)
        )
        keys, texts = self._keys, self._texts
        best_words: dict[str, float] = {}
        best_chars: dict[str, float] = {}
        for found, best in ((by_words, best_words), (by_chars, best_chars)):
            for n, similarity in found.items():
                key = keys[n]
                if similarity > best.get(key, 0.0) and (
                    leave_out is None or texts[n] != leave_out
                ):
                    best[key] = similarity
        return {
            key: Closeness(min(best_words.get(key, 0.0), 1.0), min(best_chars.get(key, 0.0), 1.0))
            for key in best_words.keys() | best_chars.keys()
        }
