"""Intents from YAML, and a small classifier over their example phrasings.

A vendor adds an intent by adding YAML (name, examples, what to do), no code. The classifier
compares a message with every example by cosine similarity of idf-weighted word stems (filler
words kept: "talk to a person" is all filler but "person") and takes the best example's intent
when the similarity clears a threshold calibrated on our labelled messages; below it, the message
is a question for the knowledge base.
"""

from __future__ import annotations

import functools
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.conversation.commands import is_question
from bot.conversation.problem_reports import QUIT_DOING
from bot.conversation.signals import NOT_WANTING_ELSE
from bot.knowledge.concepts import chat_words
from bot.knowledge.text import (
    QUESTION_WORDS,
    clauses,
    english_stem,
    is_english_word,
    is_request,
    one_edit,
)
from bot.validation import problems

log = logging.getLogger(__name__)

THRESHOLD = 0.5
# Words (stems) shorter than this are never taken for a typo of an example's word.
MIN_FIXED_CHARS = 5
NEAREST = 0.8
# Asked as a question ("what tier are we on?"), these are still best answered by doing them.
READ_ONLY_ACTIONS = frozenset({"status"})
# Words too common to tell intents apart; the social ones ("hi", "thanks", "someone") stay.
_KEEP = frozenset(
    """hi hello hey thanks thank ok okay someone somebody anyone yes yeah yep sure much
    our we my give take away show off on back again anymore keep no don't up down""".split()
)
_IGNORED = QUESTION_WORDS - _KEEP


class IntentError(ValueError):
    """An intents file is wrong; the message names the file and the intent."""


# The billing use cases a message can run (the same as `/support-tier`'s words).
Action = Literal["status", "upgrade", "downgrade", "cancel", "resume", "grant", "revoke"]
# What a person may ask about their own account, answered from it (privately).
Fact = Literal["phone_code", "renewal_date", "tier", "card", "due_time"]


class Intent(BaseModel):
    """What a customer brings, and what the bot does about it:

    - `answer`: the knowledge base answers; `action` names what that answer offers to do, so a
      following "ok, do it" runs it (for example prices → upgrade);
    - `action`: run a billing use case, with the same checks as `/support-tier`;
    - `handoff`: a person from `team` takes over;
    - `reply`: a brief reply, only when the knowledge base has no answer;
    - `affirm`: "yes, do it": runs what the bot offered last in the conversation, else `reply`;
    - `personal`: a question about the asker's own account (`fact`: phone_code, renewal_date,
      tier, card, due_time), answered from it, privately;
    - `decline`: questions the articles are known not to answer: the bot says so and offers a
      person instead of stretching an article to fit (its examples also teach the knowledge
      base what it does not answer). With `knowledge_only: true` its examples only teach the
      knowledge base and are not compared with messages: a long list of questions near the
      articles' topics ("can we pay by ACH?", "is VAT added?") would otherwise weigh the words
      of the action intents' own examples down and read requests as out of scope.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    do: Literal["reply", "handoff", "answer", "action", "affirm", "personal", "decline"]
    examples: tuple[str, ...] = Field(min_length=1)
    reply: str | None = None
    team: Literal["support", "sales"] | None = None
    action: Action | None = None
    fact: Fact | None = None
    knowledge_only: bool = False

    @model_validator(mode="after")
    def _has_what_it_needs(self) -> Intent:
        if self.do in ("reply", "affirm") and not self.reply:
            raise ValueError(f"an intent that does `{self.do}` needs `reply`")
        if self.do == "handoff" and not self.team:
            raise ValueError("a handoff intent needs `team: support` or `team: sales`")
        if self.do == "action" and not self.action:
            raise ValueError("an action intent needs `action` (status, upgrade, cancel, …)")
        if self.action and self.do not in ("action", "answer"):
            raise ValueError("only `answer` and `action` intents take `action`")
        if self.do == "personal" and not self.fact:
            raise ValueError("a personal intent needs `fact` (phone_code, renewal_date, tier, …)")
        if self.fact and self.do != "personal":
            raise ValueError("only `personal` intents take `fact`")
        if self.knowledge_only and self.do != "decline":
            raise ValueError("only `decline` intents may be `knowledge_only`")
        return self


def not_answered(intents: list[Intent], knowledge_only: bool = False) -> list[str]:
    """Examples of what the articles do not answer: `decline` intents and the out-of-scope
    small talk (any `reply` intent whose name says so); with `knowledge_only`, those of the
    `decline` intents marked so instead (read by the knowledge base alone)."""
    return [
        example
        for intent in intents
        if intent.knowledge_only == knowledge_only
        and (intent.do == "decline" or (intent.do == "reply" and "scope" in intent.name))
        for example in intent.examples
    ]


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


# The sentence's form counts too: "cancel premium" requests, "how do I cancel premium?" asks,
# and the words alone cannot tell them apart once "how", "do" and "I" are dropped. An example of
# the other form scores this much of its word similarity.
OTHER_FORM = 0.8


# Slack's markup for a person, a channel or a link is no word of the message: "give <@U0SAM>
# billing access" says "give billing access" about someone.
_READ_BY_CLAUSE = ("handoff", "personal")
_SLACK_MARKUP = re.compile(r"<[@#!][^<>]*>")  # ([^<>]: one pass over "<@U0<@U0…")


_NOT_VERBS = QUESTION_WORDS | frozenset(
    "i we you he she they it my our your his her their this that there please pls plz ok okay "
    "yes yeah yep sure hi hello hey thanks can could would will just also so and but".split()
)


def _first_word(text: str) -> str:
    """The first word of a text after Slack markup and fillers ("<@U0BOT> cancel …" and "now
    cancel it" start with "cancel")."""
    found = chat_words(_SLACK_MARKUP.sub(" ", text))
    while found and found[0] in _FILLERS:
        found.pop(0)
    return found[0] if found else ""


_FILLERS = frozenset(
    "now so then just ok okay also and but actually anyway well oh hey hi yes yeah".split()
)




def _terms(text: str, stem: Callable[[str], str] = english_stem) -> list[str]:
    """The words that tell intents apart, as stems ("u" and "pls" read as "you" and "please";
    "auto-renew" as "auto renew", however the examples hyphenate)."""
    text = _SLACK_MARKUP.sub(" ", text)
    text = QUIT_DOING.sub(r"\1", text)
    text = NOT_WANTING_ELSE.sub(r"\1", text)
    found = (part for w in chat_words(text) for part in w.split("-") if part)
    return [stem(w) for w in found if w not in _IGNORED]


@dataclass(frozen=True)
class Match:
    intent: Intent
    score: float
    example: str = ""  # the intent's example nearest the message
    # Found in one clause of the message, not the whole: weaker against an answer to the whole
    # ("opened a ticket 2hrs ago. when will someone reply?" asks, though its first clause is
    # close to "open a ticket for me").
    in_part: bool = False


class IntentClassifier:
    """Idf-weighted cosine similarity: to the nearest example, blended with the intent's centroid.

    The nearest example catches a phrasing close to one the vendor wrote; the centroid (all of an
    intent's examples together) catches a message that shares words with several of them ("how
    quickly does support reply" is near "response time" and "how fast do you respond" at once).
    """

    def __init__(
        self,
        intents: list[Intent],
        threshold: float = THRESHOLD,
        nearest_share: float = NEAREST,
        rewrite: Callable[[str], str] | None = None,
    ) -> None:
        """`rewrite`: the vendor's own words made the examples' (its tier synonyms as tier
        keys), for messages and examples alike."""
        self.rewrite = rewrite or (lambda text: text)
        intents = [intent for intent in intents if not intent.knowledge_only]
        self.intents = intents
        self.threshold = threshold
        self.nearest_share = nearest_share
        examples = [
            (intent, set(_terms(self.rewrite(e))), is_question(e), e)
            for intent in intents
            for e in intent.examples
        ]
        counts = Counter(t for _, terms, _, _ in examples for t in terms)
        total = max(len(examples), 1)
        self._idf = {t: math.log(1 + total / c) for t, c in counts.items()}
        # A word no example has counts, but less than a rare example word: messages carry words
        # of their own ("thanks so much"), and a topic word must not outweigh "thanks".
        self._unknown_idf = 1.0
        self._examples = [
            (intent, terms, self._norm(terms), asks)
            for intent, terms, asks, _ in examples
            if terms
        ]
        self._texts = [text for _, terms, _, text in examples if terms]
        # Which examples hold a word: a message is compared only with examples it shares one
        # with (the others score nothing).
        self._holding: dict[str, list[int]] = {}
        for n, (_, terms, _, _) in enumerate(self._examples):
            for term in terms:
                self._holding.setdefault(term, []).append(n)
        # The words the vendor's requests start with ("cancel", "upgrade", "switch"): a sentence
        # that starts with one is an order ("cancel premium. cheers"), not a story ("we
        # cancelled last week").
        starts = Counter(
            _first_word(self.rewrite(e))
            for intent in intents if intent.do == "action"
            for e in intent.examples
        )  # fmt: skip
        # (A word that starts two of them: one could be a story's "tired of waiting, …".)
        self._verbs = {w for w, n in starts.items() if n >= 2 and w and w not in _NOT_VERBS}
        self._centroids = {intent.name: self._centroid(intent) for intent in intents}
        self._square = {t: w * w for t, w in self._idf.items()}  # (summed word by word)
        self._in_centroids: dict[str, list[tuple[str, float]]] = {}
        for name, centroid in self._centroids.items():
            for t, v in centroid.items():
                self._in_centroids.setdefault(t, []).append((name, self._weight(t) * v))
        self._mostly_asks = {intent.name: self._mostly_asks_of(intent) for intent in intents}
        # One message is looked at several ways (is it an action? agreement? which answer?):
        # the classifier never changes, so each text is scored once.
        self._ranked = functools.lru_cache(maxsize=1024)(self._rank)
        self._spelled = functools.lru_cache(maxsize=8192)(self._spelling_fix)
        self.classify = functools.lru_cache(maxsize=1024)(self._classify)

    def words_of(self, text: str) -> list[str]:
        """The message's word stems, a typo of an example's word read as that word ("upgade"
        as upgrad, "premuim" as premium)."""
        return _terms(self.rewrite(text), self._spelled)

    def commands(self, clause: str) -> bool:
        """Whether the clause starts with a word the vendor's requests start with."""
        return _first_word(self.rewrite(clause)) in self._verbs

    def _spelling_fix(self, word: str) -> str:
        """The stem of `word`, or of an example's word one typo from it ("upgade" → upgrade,
        "premuim" → premium) when `word` is neither an example's word nor English ("clock" is
        no typo of "click"): the commonest such word starting with the same letter. Short
        words are left alone (too many real words lie one edit apart)."""
        term = english_stem(word)
        if term in self._idf or len(term) < MIN_FIXED_CHARS or not word.isalpha():
            return term
        if is_english_word(word):
            return term
        near = [
            known for known in self._idf
            if known[0] == term[0] and abs(len(known) - len(term)) <= 1 and one_edit(term, known)
        ]  # fmt: skip
        return min(near, key=lambda k: (self._idf[k], k)) if near else term

    def _weight(self, term: str) -> float:
        return self._idf.get(term, self._unknown_idf)

    def _norm(self, terms: set[str]) -> float:
        return math.sqrt(sum(self._weight(t) ** 2 for t in terms)) or 1.0

    def _centroid(self, intent: Intent) -> dict[str, float]:
        summed: Counter[str] = Counter()
        for owner, terms, norm, _ in self._examples:
            if owner is intent:
                for t in terms:
                    summed[t] += self._weight(t) / norm
        length = math.sqrt(sum(v * v for v in summed.values())) or 1.0
        return {t: v / length for t, v in summed.items()}

    def _mostly_asks_of(self, intent: Intent) -> bool:
        """Whether most of the intent's examples are questions (its centroid's form)."""
        forms = [example_asks for owner, _, _, example_asks in self._examples if owner is intent]
        return sum(forms) * 2 >= len(forms)

    def _classify(self, text: str) -> Match | None:
        ranked = self.ranked(text)
        return ranked[0] if ranked and ranked[0].score >= self.threshold else None

    def ranked(self, text: str) -> list[Match]:
        """Every intent the message shares words with, closest first (however close)."""
        return self._ranked(text)

    def _rank(self, text: str) -> list[Match]:
        """Every intent, closest first. A call for a person, or a question about one's own
        account, is also looked for clause by clause: "labels stopped printing at noon and the
        warehouse is stuck, get me a real person" asks for one in its last clause, which the
        whole message dilutes. (Actions are not: a story, "we cancelled last week", is no
        request.)"""
        text = self.rewrite(text)
        found = {m.intent.name: m for m in self._rank_whole(text)}
        for clause in clauses(text):
            for match in self._rank_whole(clause):
                name = match.intent.name
                # A clause like "card is already on file" tells, it does not ask about the card.
                if match.intent.do == "personal" and not is_question(clause):
                    continue
                # A clause that asks for something to be done ("…, pls cancel prem so we don't
                # get charged again") is the message's request, not a part outweighed by it.
                requests = match.intent.do == "action" and (
                    is_request(clause) or self.commands(clause)
                )
                by_clause = match.intent.do in _READ_BY_CLAUSE or requests
                if by_clause and (name not in found or match.score > found[name].score):
                    found[name] = replace(match, in_part=not requests)
        return sorted(found.values(), key=lambda m: -m.score)

    def _rank_whole(self, text: str) -> list[Match]:
        """The closest intent, when it is close enough. A question never matches a request to
        change something ("how do I cancel?" is not "cancel"); it may match showing the plan.

        Closeness to an example is the mean of the cosine and of how much of the example the
        message contains, so a long message that says an example's words among its own
        ("please upgrade our support plan to premium, peak season is coming") still matches."""
        terms = set(_terms(text, self._spelled))  # a typo of an example's word read as that word
        if not terms or not self._examples:
            return []
        asks = is_question(text)
        norm = self._norm(terms)
        nearest: dict[str, float] = {}
        closest: dict[str, str] = {}
        # (each example's shared weight, added up word by word over the examples holding it)
        sharing: defaultdict[int, float] = defaultdict(float)
        for term in terms:
            square = self._square[term] if term in self._holding else 0.0
            for n in self._holding.get(term, ()):
                sharing[n] += square
        for n, shared in sharing.items():
            intent, example, example_norm, example_asks = self._examples[n]
            if asks and intent.do == "action" and intent.action not in READ_ONLY_ACTIONS:
                continue
            cosine = shared / (norm * example_norm)
            # One or two words ("premium support") are no phrase to find inside a longer message;
            # but a request's verb and object ("upgrade … premium") half are, among a story.
            contained = shared / (example_norm * example_norm)
            if len(example) <= 2:
                contained = (contained + cosine) / 2 if intent.do == "action" else cosine
            score = (cosine + contained) / 2 * (1.0 if asks == example_asks else OTHER_FORM)
            if score > nearest.get(intent.name, -1.0):
                nearest[intent.name] = score
                closest[intent.name] = self._texts[n]
        toward: defaultdict[str, float] = defaultdict(float)
        for term in terms:
            for name, weight in self._in_centroids.get(term, ()):
                toward[name] += weight
        found = []
        for intent in self.intents:
            if intent.name not in nearest:
                continue
            together = toward.get(intent.name, 0.0) / norm
            if self._mostly_asks[intent.name] != asks:
                together *= OTHER_FORM
            score = self.nearest_share * nearest[intent.name] + (1 - self.nearest_share) * together
            found.append(Match(intent, score, closest[intent.name]))
        return sorted(found, key=lambda m: -m.score)
