"""Typos of the vendor's own request words, spelled as its intents' examples spell them: "go
ahaed and put us on premuim" reads as "go ahead and put us on premium", so that the rules that
read an order's shape (order_words.py, signals.py, …) read what was meant. Only a word that is
neither English nor an example's word, and one typo (text.one_edit) from an example's word,
is respelled, as the commonest such word; a word shorter than five letters is left alone."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

from bot.conversation.other_languages import NEGATIONS_ABROAD
from bot.knowledge.text import is_english_word, one_edit

if TYPE_CHECKING:
    from bot.conversation.intents import IntentClassifier

# Words this long or longer may be typos (intents.MIN_FIXED_CHARS); Slack markup, mentions and
# contractions are no such words ("<@U0ABCDEFG>", ":tada:", "shouldn't").
_WORD = re.compile(r"(?<![<@:#/\w'’])[A-Za-z]{5,}(?![\w>:/'’])")


# Other languages' negations, never a typo of an English word ("NICHT upgraden" is no "night").
_KEPT = frozenset({*NEGATIONS_ABROAD, "kein", "keine", "nein", "nunca", "jamais", "mai"})


class Respeller:
    """Respells a message's typos of the examples' words (built once per classifier)."""

    def __init__(self, classifier: IntentClassifier) -> None:
        counts: Counter[str] = Counter(
            word.lower()
            for intent in classifier.intents
            for example in intent.examples
            for word in _WORD.findall(example)
        )
        # (the examples' words by first letter, the commonest first: a typo's nearest)
        self._known = frozenset(counts)
        self._by_letter: dict[str, list[str]] = {}
        for word, _ in counts.most_common():
            self._by_letter.setdefault(word[0], []).append(word)
        self._fixed = functools.lru_cache(maxsize=8192)(self._fix)

    def __call__(self, text: str) -> str:
        return _WORD.sub(lambda found: self._fixed(found.group(0)), text)

    def _fix(self, word: str) -> str:
        plain = word.lower()
        if plain in self._known or is_english_word(plain) or plain in _KEPT:
            return word
        near = (k for k in self._by_letter.get(plain[0], ()) if one_edit(plain, k))
        fixed = next(near, word)
        # (a past tense stays one: "canceld" is no "cancel", "upgradd" no "upgrade")
        return word if plain.endswith("d") and not fixed.endswith("d") else fixed
