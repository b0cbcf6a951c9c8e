"""Whether a message's words are the words of questions the articles answer, or of questions
they don't: "do your prices include VAT?" is close to the pricing section's examples by most of
its words, but "vat" is only ever used by the questions the vendor lists as not answered.

The closeness to examples (bot/knowledge/examples.py) takes the single nearest example; this
counts each word over all of them, as a naive Bayes reading does: per word, how much more often
the examples of what is not answered (the vendor's intents) use it than the sections' example
questions do, smoothed, averaged over the message's words. It is a feature of the answer model
(learned weight, bench/calibrate.py), not a rule: a word used once by a gap example says little.
Leave-one-batch-out over blind batches 1-18 at 97% of out-of-scope declined: 616 answered right
with 277 of 284 declined before, 649 with 277 with it (at 96%: 652 and 666, 275 declined
either way; at 98%: 598 and 607, 280 and 281; 2026-12-06).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping

# A rate added to each word's rate on both sides (per example, as a share of the examples' mean
# count): a word no example uses reads as neutral (0), and one gap example alone is not proof.
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
        self._answered_texts = frozenset(" ".join(t.split()) for t in self._answered)
        self._not_answered_texts = frozenset(" ".join(t.split()) for t in self._not_answered)

    def odds(self, words: Iterable[str], leave_out: str | None = None) -> float:
        """The mean log-odds of the words being used by an unanswered question rather than an
        answered one (0 with no examples on either side). `leave_out`: an example not to count
        (a labelled message is not its own evidence when the model is trained)."""
        n_in, n_out = len(self._answered), len(self._not_answered)
        if not n_in or not n_out:
            return 0.0
        own_in = own_out = frozenset()
        if leave_out is not None:
            leave_out = " ".join(leave_out.split())
            if leave_out in self._answered_texts:
                own_in, n_in = frozenset(self._word_vector(leave_out)), n_in - 1
            if leave_out in self._not_answered_texts:
                own_out, n_out = frozenset(self._word_vector(leave_out)), n_out - 1
        prior = SMOOTHING * 2 / (n_in + n_out)
        values = [
            math.log(
                ((self._out[w] - (w in own_out)) / max(n_out, 1) + prior)
                / ((self._in[w] - (w in own_in)) / max(n_in, 1) + prior)
            )
            for w in set(words)
        ]
        return sum(values) / len(values) if values else 0.0
