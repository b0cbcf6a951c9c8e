"""Questions -> answers with sources, or an honest "I don't know".

The bot's worst failure is a confident wrong answer: an unrelated article dressed as the reply.
A question is read into concepts (bot/knowledge/concepts.py); the search and the sections'
example questions propose candidate sections; what speaks for each (bot/knowledge/evidence.py)
goes through a model learned from labelled questions (bot/knowledge/calibration.py) that says
how likely that section is the right answer. Below `kb.min_confidence` the bot says it has no
answer and offers a person; the closest candidates are kept, so the conversation can ask which
one was meant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.billing.tiers import names as tier_names
from bot.config import Settings
from bot.hours import SupportHours
from bot.knowledge.articles import plain_text
from bot.knowledge.calibration import Models, logit, shipped
from bot.knowledge.concepts import Concept, ConceptReader
from bot.knowledge.evidence import Candidate, Coverage, EvidenceReader
from bot.knowledge.index import Hit, SearchIndex
from bot.knowledge.other_names import Other, other_name
from bot.knowledge.subjects import Phrase, answers_how, names_subject, phrase_of, said_in
from bot.knowledge.text import asking_sentences
from bot.knowledge.tier_words import synonyms_as_keys
from bot.knowledge.unsaid import unsaid_policy

# A second section joins the answer when it adds a topic of the question and is this likely
# (absolutely, and against the first).
SECOND_SECTION_SHARE = 0.6
# A question that compares ("std vs prem", "the difference between …") gets the likeliest section
# of a second article this likely against the first: both sides of the comparison.
COMPARED_SHARE = 0.5
_COMPARES = re.compile(
    r"\b(vs\.?|versus|diff|difference|differences|differ|compare[sd]?|comparison|comparing|"
    r"better than|faster than)\b",
    re.I,
)
# Two sections of one article that fit the question about equally are both quoted.
TIED_SECTION_SHARE = 0.88
# An article's introduction sums it up in a line or two ("You may cancel your premium support
# plan at any time."): a section of the same article this likely against it says the rest (how).
AFTER_INTRO_SHARE = 0.75
# Candidates at least this likely are offered when the bot asks which one was meant.
ALTERNATIVE_FLOOR = 0.3
# A sentence read on its own answers for the whole message only this sure: short sentences
# lose the rest's context ("…? we don't pay for premium"). A sentence must reach
# kb.min_confidence as well (0.5 shipped): this bar is what a vendor that lowers its threshold
# keeps for sentences.
FOCUSED_CONFIDENCE = 0.5
# ... unless the whole message is this much closer to what the articles don't answer than to
# what they do (the answer model's `knn`): "is support open on saturdays? black friday weekend
# is coming and we ALWAYS have issues on weekends" as a whole is a question about weekends, its
# first sentence alone one about opening hours. (0.2 moved no answered message of any
# development set; 0.1 lost one, a Spanish question about paying by card.)
OUT_OF_SCOPE_WHOLE = 0.2


@dataclass(frozen=True)
class Source:
    title: str
    path: str
    section: str | None
    key: str = ""  # the section's key in the index (for answering with it later)

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "path": self.path, "section": self.section}


@dataclass(frozen=True)
class Answer:
    """What the bot says to a question, in a form every front end renders."""

    question: str
    answered: bool
    text: str
    sources: tuple[Source, ...] = ()
    score: float = 0.0
    intent: str | None = None
    # When not answered: the closest sections, for asking which one was meant.
    alternatives: tuple[Source, ...] = ()
    # Answered from one sentence of the message, not the whole (a request for a person around
    # it weighs more than against an answer to the whole message).
    focused: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.text,
            "intent": self.intent,
            "sources": [s.to_json() for s in self.sources],
            "score": round(self.score, 4),
        }


def _other_side(ranked: Sequence[Candidate]) -> Candidate | None:
    """ "std vs prem response time?": the section of another article likely enough, and of
    those the one headed most like the best ("Premium Support response time" beside "Standard
    Support response time", not the overview that happens to rank a hair higher)."""
    best = ranked[0]
    sides = [
        c for c in ranked[1:]
        if c.hit.path != best.hit.path and c.probability >= COMPARED_SHARE * best.probability
    ]
    heading = _heading_words(best.hit)
    return max(sides, key=lambda c: len(heading & _heading_words(c.hit)), default=None)


def _heading_words(hit: Hit) -> set[str]:
    return set(re.findall(r"\w+", (hit.heading or "").lower()))


class Answerer:
    """Answers questions from one knowledge-base index under one app.yaml."""

    def __init__(
        self,
        index: SearchIndex,
        settings: Settings,
        models: Models | None = None,
        not_answered: Sequence[str] = (),
        near_topics: Sequence[str] = (),
    ) -> None:
        self.index = index
        self.settings = settings
        self.min_confidence = settings.kb.min_confidence
        self.models = models or shipped()
        self._kb_prefix = settings.kb.path.name
        self._hours = SupportHours.from_config(settings.support_hours)
        self.reader = ConceptReader(index, settings)
        self.evidence = EvidenceReader(index, self.reader, not_answered, near_topics)
        # Each summary article's subjects as read against the index's generation (subjects.py).
        self._subjects: dict[tuple[int, str, str], tuple[Phrase, ...]] = {}

    def concepts(self, question: str) -> list[Concept]:
        return self.reader.read(question)

    def query_terms(self, concepts: Sequence[Concept]) -> dict[str, float]:
        return self.reader.query_terms(concepts)

    def coverage(self, hit: Hit, concepts: Sequence[Concept]) -> Coverage:
        return self.evidence.coverage(hit, concepts)

    def candidates(self, question: str, leave_out: str | None = None) -> list[Candidate]:
        """Candidate sections, likeliest first, each with the ranker's probability. The vendor's
        tier synonyms are read as its tiers ("prem" as "premium")."""
        question = synonyms_as_keys(question, self.settings)
        concepts = self.reader.read(question)
        if not concepts:
            return []
        found: list[Candidate] = []
        said: set[str] | None = None
        for candidate in self.evidence.candidates(question, concepts, leave_out):
            if not answers_how(candidate.hit.heading, question):
                continue  # ("how do I set up a product alias" is not "What is a product alias?")
            if candidate.hit.summary:
                # a summary article answers only a message that names its subject (subjects.py)
                said = said_in(question, concepts) if said is None else said
                if not names_subject(said, self._subjects_of(candidate.hit)):
                    continue
            found.append(candidate)
        for candidate in found:
            candidate.probability = self.models.ranker.probability(candidate.features)
        found.sort(key=lambda c: (-c.probability, -c.rank))
        return found

    def _subjects_of(self, hit: Hit) -> tuple[Phrase, ...]:
        """The hit's article's tags and title, read once per index generation."""
        key = (self.index.generation, hit.title, hit.tags)
        if key not in self._subjects:
            texts = (*hit.tags.split(","), hit.title)
            self._subjects[key] = tuple(phrase_of(self.reader.read(t)) for t in texts if t.strip())
        return self._subjects[key]

    @staticmethod
    def answer_features(ranked: Sequence[Candidate]) -> dict[str, float]:
        """What the answer model reads: how much closer the question is to what the articles
        answer than to what they don't, and how sure the ranker is of its best section."""
        best = ranked[0].features
        closest = max(c.features["ex_words"] + c.features["ex_chars"] for c in ranked) / 2
        gap = (best["gap_words"] + best["gap_chars"]) / 2
        return {
            "knn": closest - gap,
            "closest": closest,
            "gap": gap,
            "rank_logit": logit(ranked[0].probability),
            "known_share": best["known_share"],
            "foreign_share": best.get("foreign_share", 0.0),
            # how many of the message's words no article or intent knows, beside their share:
            # learned with a positive weight, it tells a long letter (many unknown words, a
            # low share of known ones, often answerable) from a short question whose one
            # unknown word is its topic
            "n_unknown": best.get("n_unknown", 0.0),
            # how much more the message's words are those of questions the articles don't
            # answer than of those they do, word by word over every example (scope.py)
            "gap_odds": best.get("gap_odds", 0.0),
        }

    def confidence(self, ranked: Sequence[Candidate]) -> float:
        return self.models.answer.probability(self.answer_features(ranked)) if ranked else 0.0

    def answer(self, question: str) -> Answer:
        """Answer one question; never raises on what a customer may type.

        A message of several sentences that no article answers as a whole is read again for
        the sentences that ask: a complaint or a story around the question dilutes it ("opened
        a ticket at 7pm and heard nothing. what are your support hours?"). The surest such
        reading answers; a whole message that is answered is never second-guessed."""
        question = question if isinstance(question, str) else str(question)
        other = other_name(question, self.settings)
        if other is not None:
            return self.no_answer(question, about=other)
        found, closeness = self._reading(question)
        if not found.answered and closeness > -OUT_OF_SCOPE_WHOLE:
            for part in asking_sentences(question):
                focused = self._answer_of(part)
                if focused.score > found.score and focused.score >= FOCUSED_CONFIDENCE:
                    found = replace(focused, question=question, focused=focused.answered)
        if found.answered and unsaid_policy(question, found.text):
            # ("can we pay by ACH?": the section on paying says a card, nothing of ACH)
            return self.no_answer(question, found.score)
        return found

    def _answer_of(self, question: str) -> Answer:
        return self._reading(question)[0]

    def _reading(self, question: str) -> tuple[Answer, float]:
        """The answer, and how much closer the question is to what the articles answer than
        to what they don't (the answer model's `knn`; 0 with no candidate)."""
        ranked = self.candidates(question)
        if not ranked:
            return self.no_answer(question), 0.0
        closeness = self.answer_features(ranked)["knn"]
        return self._answered(question, ranked), closeness

    def _answered(self, question: str, ranked: Sequence[Candidate]) -> Answer:
        best = ranked[0]
        confidence = self.confidence(ranked)
        if confidence < self.min_confidence:
            return self.no_answer(question, confidence, self._alternatives(ranked))
        other_side = _other_side(ranked) if _COMPARES.search(question) else None
        chosen = [best.hit] if other_side is None else [best.hit, other_side.hit]
        for other in ranked[1:] if other_side is None else ():
            adds_a_topic = (
                other.cover.concepts - best.cover.concepts
                and other.probability >= SECOND_SECTION_SHARE * best.probability
                and other.probability >= 0.5
            )
            share = AFTER_INTRO_SHARE if best.hit.heading is None else TIED_SECTION_SHARE
            as_good = (
                other.hit.path == best.hit.path and other.probability >= share * best.probability
            )
            if adds_a_topic or as_good:
                chosen.append(other.hit)
                break
        return Answer(
            question=question,
            answered=True,
            text=self._compose(chosen),
            sources=tuple(self._source(h) for h in chosen),
            score=confidence,
        )

    def _alternatives(self, ranked: Sequence[Candidate]) -> tuple[Source, ...]:
        """The likeliest sections of different articles, for "did you mean …?"."""
        seen: set[str] = set()
        found = []
        for candidate in ranked:
            if candidate.probability < ALTERNATIVE_FLOOR or candidate.hit.path in seen:
                continue
            seen.add(candidate.hit.path)
            found.append(self._source(candidate.hit))
        return tuple(found[:3])

    def _source(self, hit: Hit) -> Source:
        return Source(
            title=hit.title,
            path=f"{self._kb_prefix}/{hit.path}",
            section=hit.heading,
            key=hit.key,
        )

    def section_answer(self, key: str, question: str) -> Answer:
        """The answer a chosen section gives ("did you mean …?" → this one), or no answer
        when the section is gone (the articles changed since the question was asked)."""
        found = self.index.sections([key])
        if not found:
            return self.no_answer(question)
        return Answer(
            question=question,
            answered=True,
            text=self._compose(found),
            sources=(self._source(found[0]),),
            score=1.0,
        )

    @staticmethod
    def _compose(hits: Sequence[Hit]) -> str:
        """Each section under its heading, so the answer says what it is about on its own."""
        return "\n\n".join(f"{h.heading or h.title}\n{plain_text(h.text)}" for h in hits)

    def _not_ours(self, other: Other) -> str:
        """What the vendor has instead of the tier or product the question names."""
        product = self.settings.product.short_name or self.settings.product.name
        if other.kind == "product":
            return f"I can only answer questions about {product}, not {other.name}."
        tiers = tier_names(self.settings, self.settings.tier_order, joiner="and")
        if other.kind == "above":
            return f"{product}'s support tiers are {tiers}, none above them."
        return f"{product}'s support tiers are {tiers}; there is no {other.name} tier."

    def ways_to_reach(self, team: str = "support") -> str:
        """How a person from the team is reached, from app.yaml's contact settings."""
        contact = self.settings.contact
        if team == "sales" and contact.sales_chat_url:
            return f"chat with our sales team at {contact.sales_chat_url} or email {contact.email}"
        ways = [f"email {contact.email}"]
        if contact.tickets_url:
            ways.append(f"open a ticket at {contact.tickets_url}")
        if contact.in_app_chat:
            ways.append(f"use the chat in {contact.in_app_chat}")
        if contact.community_url:
            ways.append(f"ask in our community forum at {contact.community_url}")
        reach = " or ".join(ways) if len(ways) < 3 else f"{', '.join(ways[:-1])} or {ways[-1]}"
        if contact.status_page_url:
            reach += f" (service status: {contact.status_page_url})"
        return reach

    @property
    def hours_text(self) -> str:
        return f"Support hours are {self._hours.describe()}."

    def no_answer(
        self,
        question: str,
        confidence: float = 0.0,
        alternatives: tuple[Source, ...] = (),
        about: Other | None = None,
    ) -> Answer:
        """The honest reply when no article answers: say so, and how to reach a person; when
        the question names a tier or product the vendor does not have, what it has instead."""
        text = (
            "I don't have a confident answer to that in our help articles, so I won't guess. "
            f"A person from our support team can help: {self.ways_to_reach()}. {self.hours_text}"
        )
        if about is not None:
            text = f"{self._not_ours(about)} {text}"
        return Answer(
            question=question,
            answered=False,
            text=text,
            score=confidence,
            alternatives=alternatives,
        )
