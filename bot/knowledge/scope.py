"""Whether a message's words are the words of questions the articles answer, or of questions
they don't: "do your prices include VAT?" is close to the pricing section's examples by most of
its words, but "vat" is only ever used by the questions the vendor lists as not answered.

The closeness to examples (bot/knowledge/examples.py) takes the single nearest example; this
counts each word over all of them, as a naive Bayes reading does: per word, how much more often
the examples of what is not answered (the vendor's intents) use it than the sections' example
questions do, smoothed, averaged over the message's words. It is a feature of the answer model
(learned weight, bench/calibrate.py), not a rule.
Leave-one-batch-out over blind batches 1-18 at 97% of out-of-scope declined (2026-12-06, with
intents/gaps.yaml's questions near the articles' topics): 642 answered right with 279 of 284
declined before, 666 with 278 with it (at 96%: 657 and 674, 276 and 277; at 98%: 625 and 654,
281 either way). The smoothing (below) hardly moves these; it keeps one example's word mild.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

# A rate added to each word's rate on both sides, as a count of this many examples spread over
# both: a word no example uses reads as neutral (0), and a word of one unanswered example alone
# weighs about what "premium" weighs the other way (+1.3, -1.0), a mean over the message's words
# dilutes it. (1.0 and 2.0 did as well in cross-validation; 1.0 answered one long story with the
# wrong section and declined one more question of the development sets.)
SMOOTHING = 0.5


class ScopeWords:
    """Word counts of the sections' example questions and of the questions not answered."""

    def __init__(
        self,
        answered: Iterable[str],
        not_answered: Iterable[str],
        word_vector: Callable[[str], Mapping[str, float]],
    ) -> None:
        self._word_vector = word_vector
        self._answered = [t for t in answered if t.strip()]
        self._not_answered = [t for t in not_answered if t.strip()]
        self._in = Counter(w for t in self._answered for w in set(word_vector(t)))
        self._out = Counter(w for t in self._not_answered for w in set(word_vector(t)))
        self._answered_texts = Counter(_normal(t) for t in self._answered)
        self._not_answered_texts = Counter(_normal(t) for t in self._not_answered)

    def odds(self, words: Iterable[str], leave_out: str | None = None) -> float:
        """The mean log-odds of the words being used by an unanswered question rather than an
        answered one (0 with no examples on either side). `leave_out`: an example not to count,
        every copy of it (a labelled message is not its own evidence when the model is
        trained)."""
        n_in, n_out = len(self._answered), len(self._not_answered)
        if not n_in or not n_out:
            return 0.0
        own_in: Counter[str] = Counter()
        own_out: Counter[str] = Counter()
        if leave_out is not None:
            copies_in = self._answered_texts[_normal(leave_out)]
            copies_out = self._not_answered_texts[_normal(leave_out)]
            own = set(self._word_vector(leave_out)) if copies_in or copies_out else set()
            own_in = Counter({w: copies_in for w in own})
            own_out = Counter({w: copies_out for w in own})
            n_in, n_out = n_in - copies_in, n_out - copies_out
        prior = SMOOTHING * 2 / max(n_in + n_out, 1)
        values = [
            math.log(
                ((self._out[w] - own_out[w]) / max(n_out, 1) + prior)
                / ((self._in[w] - own_in[w]) / max(n_in, 1) + prior)
            )
            for w in set(words)
        ]
        return sum(values) / len(values) if values else 0.0


def _normal(text: str) -> str:
    return " ".join(text.split())
