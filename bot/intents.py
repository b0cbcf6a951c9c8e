"""Intents from YAML, and a small classifier over their example phrasings.

A vendor adds an intent by adding YAML (name, examples, what to do), no code. The classifier
compares a message with every example by cosine similarity of idf-weighted word stems (filler
words kept: "talk to a person" is all filler but "person") and takes the best example's intent
when the similarity clears a threshold calibrated on our labelled messages; below it, the message
is a question for the knowledge base.
"""

from __future__ import annotations

import logging
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.knowledge.text import QUESTION_WORDS, english_stem, normalize, words
from bot.validation import problems

log = logging.getLogger(__name__)

THRESHOLD = 0.62
# Words too common to tell intents apart; the social ones ("hi", "thanks", "someone") stay.
_KEEP = frozenset("hi hello hey thanks thank ok okay someone somebody anyone".split())
_IGNORED = QUESTION_WORDS - _KEEP


class IntentError(ValueError):
    """An intents file is wrong; the message names the file and the intent."""


class Intent(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    do: Literal["reply", "handoff", "answer"]
    examples: tuple[str, ...] = Field(min_length=1)
    reply: str | None = None
    team: Literal["support", "sales"] | None = None

    @model_validator(mode="after")
    def _has_what_it_needs(self) -> Intent:
        if self.do == "reply" and not self.reply:
            raise ValueError("an intent that replies needs `reply`")
        if self.do == "handoff" and not self.team:
            raise ValueError("a handoff intent needs `team: support` or `team: sales`")
        return self


def load_intents(folder: Path) -> list[Intent]:
    """Every intent in folder/*.yaml; a mistake names the file and what is wrong."""
    found: list[Intent] = []
    if not folder.is_dir():
        log.warning("no intents folder at %s: only knowledge-base answers", folder)
        return found
    for file in sorted(folder.glob("*.y*ml")):
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise IntentError(f"{file.name}: not valid YAML: {exc}") from None
        if not isinstance(data, list):
            raise IntentError(f"{file.name}: expected a list of intents")
        for n, item in enumerate(data):
            try:
                found.append(Intent.model_validate(item))
            except ValidationError as exc:
                problem = "; ".join(problems(exc))
                raise IntentError(f"{file.name}: intent {n + 1}: {problem}") from None
    names = [i.name for i in found]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    if duplicated:
        raise IntentError(f"intent names used twice: {duplicated}")
    return found


def _terms(text: str) -> list[str]:
    return [english_stem(w) for w in words(normalize(text)) if w not in _IGNORED]


@dataclass(frozen=True)
class Match:
    intent: Intent
    score: float


class IntentClassifier:
    """Nearest example by idf-weighted cosine similarity."""

    def __init__(self, intents: list[Intent], threshold: float = THRESHOLD) -> None:
        self.intents = intents
        self.threshold = threshold
        examples = [(intent, set(_terms(e))) for intent in intents for e in intent.examples]
        counts = Counter(t for _, terms in examples for t in terms)
        total = max(len(examples), 1)
        self._idf = {t: math.log(1 + total / c) for t, c in counts.items()}
        # A word no example has counts, but less than a rare example word: messages carry words
        # of their own ("thanks so much"), and a topic word must not outweigh "thanks".
        self._unknown_idf = 1.0
        self._examples = [(intent, terms, self._norm(terms)) for intent, terms in examples if terms]

    def _weight(self, term: str) -> float:
        return self._idf.get(term, self._unknown_idf)

    def _norm(self, terms: set[str]) -> float:
        return math.sqrt(sum(self._weight(t) ** 2 for t in terms)) or 1.0

    def classify(self, text: str) -> Match | None:
        """The intent whose example is closest, when it is close enough."""
        terms = set(_terms(text))
        if not terms or not self._examples:
            return None
        norm = self._norm(terms)
        best: Match | None = None
        for intent, example, example_norm in self._examples:
            shared = sum(self._weight(t) ** 2 for t in terms & example)
            score = shared / (norm * example_norm)
            if best is None or score > best.score:
                best = Match(intent, score)
        return best if best and best.score >= self.threshold else None
