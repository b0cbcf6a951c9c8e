"""A question's concepts: its topic words, each with the synonyms and spelling fixes that may
stand for it in an article, weighted by how rare the word is in the knowledge base.

Customers write in chat shorthand ("u", "pls", "w/", "acct") and name the product in ways the
articles don't: shorthand is read as the words it stands for, and the product's names (with
`product.aliases` from app.yaml) say nothing about the topic, since every article is about it.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.config import Settings
from bot.knowledge.index import SearchIndex
from bot.knowledge.text import (
    QUESTION_WORDS,
    english_stem,
    is_english_word,
    normalize,
    stem_word,
    stems,
    words,
)

# Weights of the words added to a question, relative to the customer's own words.
SYNONYM_WEIGHT = 0.6
SPELLING_WEIGHT = 0.8
MAX_CONCEPTS = 40
# Chat shorthand any customer of any vendor writes, read as the words it stands for. A vendor's
# own shorthand ("prem" for its paid tier) belongs in its articles' synonyms instead.
CHAT_WORDS = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "thx": "thanks",
    "ty": "thanks", "w": "with", "wo": "without", "b/c": "because", "bc": "because",
    "rn": "now", "tmrw": "tomorrow", "tmr": "tomorrow", "yr": "year", "yrs": "years",
    "mo": "month", "mos": "months", "mth": "month", "acct": "account", "accts": "accounts",
    "info": "information", "approx": "approximately", "asap": "soon", "msg": "message",
    "pw": "password", "pwd": "password", "hrs": "hours", "hr": "hour", "min": "minutes",
    "mins": "minutes", "wk": "week", "wks": "weeks", "diff": "difference",
    "cuz": "because", "cos": "because", "gonna": "going", "wanna": "want", "gotta": "must",
    "dont": "don't", "cant": "can't", "wont": "won't", "doesnt": "doesn't", "isnt": "isn't",
    "im": "i'm", "ive": "i've", "whats": "what's", "theres": "there's", "lol": "", "btw": "",
    "tbh": "", "fyi": "", "imo": "", "ok": "ok", "k": "ok", "nvm": "",
    "perms": "permissions", "perm": "permission", "convo": "conversation", "ppl": "people",
    "wat": "what", "wut": "what", "b4": "before", "addy": "address", "tkt": "ticket",
    "tkts": "tickets", "tix": "tickets", "nite": "night", "tho": "though", "thru": "through",
    "hw": "how", "mgr": "manager",
}  # fmt: skip
_EMOJI_CODE = re.compile(r":[a-z0-9_+\-]+:")


@dataclass
class Concept:
    """One topic word of the question and the stems that may stand for it in an article."""

    word: str
    direct: set[str] = field(default_factory=set)
    indirect: set[str] = field(default_factory=set)
    idf: float = 0.0
    known: bool = False  # some article has it (or a spelling fix of it)


# Words a phrase match steps over, so "can't I change" meets the synonym "can't change".
_SKIPPED_IN_PHRASES = frozenset("i we you my our your the a an me us it this that".split())


def chat_words(text: str) -> list[str]:
    """The text's words with chat shorthand read as the words it stands for."""
    text = normalize(text).lower().replace("w/o ", "without ").replace("w/ ", "with ")
    text = _EMOJI_CODE.sub(" ", text)
    out: list[str] = []
    for word in words(text):
        meant = CHAT_WORDS.get(word, word)
        out.extend(meant.split())
    return out


def phrase_words(text: str) -> list[str]:
    return [w for w in chat_words(text) if w not in _SKIPPED_IN_PHRASES]


@lru_cache(maxsize=50_000)
def match_key(word: str) -> str:
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
            phrase = tuple(match_key(w) for w in phrase_words(alternative))
            if phrase:
                compiled.setdefault(phrase[0], []).append(_Synonym(phrase, target))
    for entries in compiled.values():
        entries.sort(key=lambda s: -len(s.phrase))
    return compiled




def product_names(settings: Settings) -> tuple[str, ...]:
    """The product's names and its vendor's: every article is about the product, so they name no
    topic of a question."""
    product = settings.product
    names = (product.name, product.short_name, product.formerly, product.vendor, *product.aliases)
    return tuple(name for name in names if name)


class ConceptReader:
    """Reads questions into concepts against one index (its synonyms, vocabulary, rarities)."""

    def __init__(self, index: SearchIndex, settings: Settings) -> None:
        self.index = index
        self._product_names = {
            tuple(match_key(w) for w in phrase_words(name)) for name in product_names(settings)
        } - {()}
        self._lock = threading.Lock()
        self._synonyms: tuple[int, dict[str, list[_Synonym]]] = (-1, {})

    def _synonym_table(self) -> dict[str, list[_Synonym]]:
        generation = self.index.generation
        if self._synonyms[0] != generation:
            with self._lock:
                if self._synonyms[0] != generation:
                    self._synonyms = (generation, compile_synonyms(self.index.synonyms))
        return self._synonyms[1]

    def read(self, question: str) -> list[Concept]:
        """The question's topic words, each with the synonyms and spelling fixes that stand for it.

        A phrase customers use for an article's word ("business hours", "how much", "credit
        card") becomes one concept meaning that word; a single word with a synonym keeps its own
        stem and gains the synonym's.
        """
        tokens = phrase_words(question)[:400]
        keys = [match_key(w) for w in tokens]
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
            for synonym in table.get(match_key(token), ()):
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
            # A word no article has is looked up as a typo, unless it is an English word ("coast"
            # is no typo of "cost": fixing it would answer what was not asked).
            if not any(frequencies.values()) and not is_english_word(concept.word):
                for stem in list(concept.direct):
                    fix = self.index.suggest(stem) or self._swapped(concept.word)
                    if fix:
                        concept.indirect.add(fix)
                        frequencies[fix] = self.index.doc_frequency(fix)
            # Deleted documents still count in Whoosh's frequencies until segments merge.
            known = [min(f, total) for f in frequencies.values() if f]
            df = min(known) if known else 0
            concept.known = bool(known)
            concept.idf = math.log(1 + (total - df + 0.5) / (df + 0.5)) if known else unknown_idf

    def _swapped(self, word: str) -> str | None:
        """The stem of the word with two neighbouring letters swapped back, the commonest such
        that an article has: a phone's typo ("opne", "chnage", "tikcet") is one swap, which the
        index's spelling fixes count as two edits (and its stem may be too short to look up)."""
        if len(word) < 4 or len(word) > 20 or not word.isalpha():
            return None
        found = []
        for i in range(len(word) - 1):
            if word[i] == word[i + 1]:
                continue
            stem = stem_word(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
            frequency = self.index.doc_frequency(stem) if stem else 0
            if frequency:
                found.append((frequency, stem))
        return max(found)[1] if found else None

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
