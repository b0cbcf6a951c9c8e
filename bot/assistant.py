"""One message in, one reply out: an intent from intents/*.yaml, or a knowledge-base answer.

The knowledge base decides first whether it has a confident answer; an intent overrides it only
when the message is social ("hi", "thanks") and has no answer, or requests a person (a question
about how to reach one keeps its article unless the match is unmistakable). Everything here is
Slack-free, so `supportbot ask`, the console and Slack agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bot.conversation import is_question
from bot.intents import READ_ONLY_ACTIONS, IntentClassifier, load_intents
from bot.knowledge import Answer, KnowledgeBase

_ASKS_FOR_INFORMATION = re.compile(r"\s*(how|where|what|which|when|why)\b", re.I)
# A request for a person beats a confident article only when it is unmistakable.
HANDOFF_OVER_ANSWER = 0.85
HANDOFF = 0.6
# Running an action on a guess is worse than answering: words alone miss negation ("don't cancel").
ACTION = 0.7


@dataclass
class Assistant:
    knowledge: KnowledgeBase
    classifier: IntentClassifier

    @classmethod
    def open(cls, knowledge: KnowledgeBase) -> Assistant:
        settings = knowledge.answerer.settings
        return cls(knowledge, IntentClassifier(load_intents(settings.intents.path)))

    def respond(self, text: str) -> Answer:
        answer = self.knowledge.answer(text)
        match = self.classifier.classify(text)
        if match is None:
            return answer
        intent = match.intent
        if intent.do in ("reply", "affirm") and not answer.answered:
            return Answer(
                question=answer.question,
                answered=False,
                text=intent.reply or "",
                score=match.score,
                intent=intent.name,
            )
        # "I want to talk to a person" asks for one; "how do I open a ticket?" and "where can I
        # open a ticket?" ask for information, which the article gives.
        if intent.do == "handoff" and answer.answered and _ASKS_FOR_INFORMATION.match(text):
            return answer
        asks = answer.answered and is_question(text)
        if intent.do == "handoff" and match.score >= (HANDOFF_OVER_ANSWER if asks else HANDOFF):
            return Answer(
                question=answer.question,
                answered=False,
                text=self.handoff_text(intent.team or "support"),
                score=match.score,
                intent=intent.name,
            )
        if intent.do in ("answer", "action") and answer.answered:
            return replace(answer, intent=intent.name)
        return answer

    def action_requested(self, text: str) -> str | None:
        """The billing action a request in the vendor's own phrasing asks for ("sign us up for
        premium"); a question about an action ("how do I cancel?") asks for its article."""
        match = self.classifier.classify(text)
        if match is None or match.intent.do != "action" or match.score < ACTION:
            return None
        if is_question(text) and match.intent.action not in READ_ONLY_ACTIONS:
            return None
        return match.intent.action

    def affirms(self, text: str) -> bool:
        """ "ok, do it", "yes please": agreement with what the bot offered last."""
        match = self.classifier.classify(text)
        return match is not None and match.intent.do == "affirm" and not is_question(text)

    def offer_of(self, intent_name: str | None) -> str | None:
        """The action an answer offers to run next (the price of Premium offers the upgrade)."""
        for intent in self.classifier.intents:
            if intent.name == intent_name and intent.do in ("answer", "action"):
                return intent.action
        return None

    def handoff_text(self, team: str) -> str:
        """How a person from the team will be reached, and when support is there."""
        answerer = self.knowledge.answerer
        return (
            f"I'll get you to a person from our {team} team: {answerer.ways_to_reach(team)}. "
            f"{answerer.hours_text}"
        )

    def handoff_team(self, intent_name: str | None) -> str | None:
        """The team a handoff intent goes to (None for any other intent)."""
        for intent in self.classifier.intents:
            if intent.name == intent_name and intent.do == "handoff":
                return intent.team
        return None
