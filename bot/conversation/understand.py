"""Understanding a message: its words, the conversation so far and who is asking become one
decision: answer from an article, run an action, hand off to a team, reply, or decline.

The order matters and is the product's judgement: a spelled-out command (`/support-tier …`,
`link me jo@acme.example`) is done as written; a request in the vendor's phrasing (an action
intent, matched closely, never a question unless it only shows the plan) runs its action;
agreement ("ok do it") runs what the bot offered last; then the knowledge base answers, with the
intents saying whether the message rather asks for a person, a brief reply, or names what was
asked. A message with no answer is read once more with the conversation's last question
("and for a warehouse?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.conversation.commands import Command, command_in, is_question, mentioned_user
from bot.conversation.context import AWAITING_CONFIRM, Context
from bot.conversation.intents import READ_ONLY_ACTIONS, IntentClassifier, Match
from bot.conversation.messages import Decision
from bot.conversation.tiers import tier_for
from bot.knowledge import Answer, KnowledgeBase
from bot.knowledge.text import clauses, is_request

_ASKS_FOR_INFORMATION = re.compile(r"\s*(how|where|what|which|when|why)\b", re.I)
# Words that take back a request ("no need to upgrade", "don't cancel yet", "just curious"):
# unless the intent's own example says them too ("please don't renew"), nothing is run.
_TAKEN_BACK = re.compile(
    r"\b(no need|don'?t|do not|"
    r"not (yet|now|ready|looking|planning|going|sure|interested|asking|trying|requesting)|"
    r"never ?mind|nvm|hold off|won'?t|wouldn'?t|shouldn'?t|not want|no,? thanks?|no thank you|"
    r"just (curious|wondering|asking|checking|want(ed)? to (know|check|ask))|"
    r"hypothetically|what if|thinking (about|of)|"
    r"considering|before (we|i) (decide|commit))\b",
    re.I,
)
# Taking back a cancellation is asking to resume ("undo the cancellation", "un-cancel premium").
_UNDO = re.compile(
    r"\b(undo|reverse|revert|roll ?back|take back|withdraw|retract)\b\W+(\w+\W+){0,3}?"
    r"cancel\w*|\bun-?cancel\w*",
    re.I,
)
_TO_FREE = re.compile(r"\bto (the )?free\b", re.I)
# Negations that take a request back only when an action follows ("don't upgrade"; not "we
# don't want to wait a day again, upgrade us"), and the actions they may negate.
_NEGATION_ONLY = re.compile(r"dont|do not|no need|wont|wouldnt|shouldnt|not want")
_ACTION_WORD = re.compile(
    r"\b(upgrad|downgrad|cancel|renew|resum|switch|chang|mov|buy|purchas|sign|subscrib|grant|"
    r"giv|remov|revok|proceed|go ahead|do it|do that)\w*",
)
# What was done, told: "we switched to premium last month", "my boss cancelled it yesterday".
_TOLD = re.compile(
    r"\b(we|i|they|he|she|someone|somebody|colleague|boss|manager|team)\s+"
    r"((just|already|recently|accidentally|mistakenly)\s+)?"
    r"(switched|upgraded|cancell?ed|moved|signed up|subscribed|bought|purchased|renewed|"
    r"downgraded|resumed|started|stopped|ended|turned off|turned on)\b",
    re.I,
)
# A call for a person in so many words ("can i talk to someone in sales about…", "i'd like a
# salesperson to reach out", "i need a real human on the support team"): a person, whatever else
# the message is close to; which team, the handoff intents say.
_CALLS_FOR_PERSON = re.compile(
    r"\b(talk|speak)\s+(to|with)\s+(someone|somebody|anyone|an? (real |actual )?"
    r"(person|human|rep|agent|salesperson)|(your |the |a )?(sales|support)\w*)|"
    r"\b(someone|somebody|salesperson|sales ?rep|sales team|account manager)\b[^.?!]{0,30}"
    r"\b(reach out|call|contact|email|get back to) (me|us)\b|"
    r"\b(need|want|get me) (a|an) (real |actual )?(human|person)\b",
    re.I,
)
_WANTS_TO_KNOW = re.compile(
    r"^\W*(how|what|whats|what's|when|where|which|why|who|is there|are there|"
    r"do (you|u) (have|offer))\b",
    re.I,
)
_PIECE_BREAK = re.compile(r"[,;:.?!\n]+")
_SALES_WORDS = re.compile(r"\b(sales\w*|quote|deal|discount|bundle|volume|negotiat\w*)\b", re.I)
# How close the handoff intent must be when the message calls for a person in so many words.
CALLED_FOR = 0.3
# A question about one's own account says so ("our pin", "when do we renew"); "what is the
# phone support code?" asks what it is, which the article answers.
_OWN_ACCOUNT = re.compile(
    r"\b(our|ours|my|mine|we|us|we're|we've|we'll|weve|were|i|me|i'm|im|i've|ive|on file)\b", re.I
)
# Words of a problem report ("orders stopped syncing", "401 errors since yesterday", "counts are
# totally off"): when no article answers and no intent fits, such a message goes to support
# with a ticket at once rather than "I don't know" (the "product problems go to support").
_PROBLEM = re.compile(
    r"\b(errors?|broken|broke|not working|(is|are|does|do)n'?t (work|working|load|loading|sync|"
    r"syncing|showing|flowing|going)|(is|are|does|do|did) not (work|sync|load|show|flow|import)\w*|"
    r"nothing (is )?(import|sync|com|flow|show|print|send)\w*|"
    r"(has|have|had)(n'?t| not) (come|arriv|import|sync|updat|show|pull|push|post|gone|been)\w*|"
    r"stopped|stuck|failing|fails|failed|wrong|totally off|"
    r"missing|duplicat\w*|outage|bug|crash\w*|urgent|asap|(can'?t|cannot|won'?t|unable to) "
    r"(connect|log ?in|sync|import|reconnect|print)|\d{3} errors?)\b",
    re.I,
)
# ... unless the message says nothing is wrong ("nothing is missing", "not urgent", "no errors
# anymore", "thanks, that fixed it", "oops wrong thread"), or asks how to do something ("how do i
# mark a ticket as urgent"): those stay unanswered, recorded as gaps, with a person one click away.
_NOT_A_PROBLEM = re.compile(
    r"\b(no|not|nothing|never|none|no longer|isn'?t|wasn'?t|aren'?t|weren'?t)\s+(\w+\s+){0,2}?"
    r"(errors?|broken|broke|stuck|failing|wrong|missing|duplicat\w*|urgent|bug|crash\w*|"
    r"issues?|problems?)\b|"
    r"\b(fixed|resolved|solved|sorted|working (now|again)|works (now|again)|gone now|are gone|"
    r"false alarm|ignore (me|that|this)|never ?mind|nvm|oops|i was wrong|wrong (thread|channel|"
    r"window|chat|person))\b",
    re.I,
)
_HOW_TO = re.compile(r"^\W*(how|what|where|which|is there|are there|do (you|u)|does)\b", re.I)
# A request for a person beats a confident article only when it is unmistakable.
HANDOFF_OVER_ANSWER = 0.85
HANDOFF = 0.6
# Running an action on a guess is worse than answering: words alone miss negation ("don't cancel").
ACTION = 0.7
# When no article answers, a request that is less close still gets done (or a person): it is
# more likely what was meant than "I don't know".
ACTION_WITHOUT_ANSWER = 0.5
HANDOFF_WITHOUT_ANSWER = 0.45
# An answer this unsure (just over kb.min_confidence) gives way to such a request too.
SURE_ANSWER = 0.55
# Below the answer threshold but this likely, with two or more close sections of different
# articles: the bot asks which one was meant instead of declining.
CLARIFY = 0.3
# A question about the asker's own account ("what's our pin?") is answered from it when the
# match is this close; the article about it answers otherwise.
PERSONAL = 0.6
# Agreement in words to something that waits for a Confirm click: money and cancellations move
# only on the button (with its dialog), never on "ok".
PRESS_CONFIRM = (
    "To go ahead, press *Confirm* on the message above; I only make that change after the click."
)


@dataclass(frozen=True)
class Understood:
    """A decision and what carrying it out needs."""

    decision: Decision
    command: Command | None = None  # for an action
    answer: Answer | None = None  # the knowledge base's reply (answered or not)
    asked: str = ""  # the question as read, with the thread's last one for a follow-up
    text: str | None = None  # for a reply: what to say
    offer: str | None = None  # the action an answer offers next ("ok do it" runs it)
    took_offer: bool = False  # the action is the one the bot offered: forget the offer


def _unsure_between(answer: Answer) -> bool:
    """Not sure enough to answer, but two or three sections come close: ask which."""
    return answer.score >= CLARIFY and len(answer.alternatives) >= 2


def _best(ranked: list[Match], do: str) -> Match | None:
    """The closest intent of one kind (action, handoff…), however close."""
    return next((m for m in ranked if m.intent.do == do), None)


PROBLEM_REPORT = "problem_report"  # the decision's intent when a problem report goes to support


def is_problem_report(text: str) -> bool:
    """ "since the update every order shows an error": something is wrong and the person says
    so; not "nothing is wrong", "all fixed, thanks" or "how do i report a bug"."""
    return bool(
        _PROBLEM.search(text) and not _NOT_A_PROBLEM.search(text) and not _HOW_TO.match(text)
    )


def taken_back(text: str, examples: Iterable[str]) -> bool:
    """Whether the message takes back the request its words make ("no need to upgrade, just
    curious", "don't upgrade us yet"), when no example of the intent it matched says the same
    thing ("please don't renew" asks to cancel). A "don't" that negates no action is a reason,
    not a taking back ("cancel premium, i don't want to be charged again")."""
    said = _negations(text)
    return bool(said) and not said <= {n for e in examples for n in _negations(e)}


def _negations(text: str) -> set[str]:
    """Each taking-back in the text: a phrase that is one ("just curious", "never mind"), or a
    negation with the action it negates within a few words ("dont upgrade", "not ready renew")."""
    plain = text.lower().replace("'", "").replace("\u2019", "")
    found = set()
    for hit in _TAKEN_BACK.finditer(plain):
        said = " ".join(hit.group(0).split())
        if not _NEGATION_ONLY.fullmatch(said):
            found.add(said)
            continue
        negated = _ACTION_WORD.search(" ".join(plain[hit.end() :].split()[:4]))
        if negated:
            found.add(f"{said} {negated.group(0)}")
    return found


class Understanding:
    def __init__(self, knowledge: KnowledgeBase, classifier: IntentClassifier) -> None:
        self.knowledge = knowledge
        self.classifier = classifier
        self._intents = {intent.name: intent for intent in classifier.intents}

    def read(self, text: str, context: Context | None = None) -> Understood:
        command = command_in(text)
        if command is not None:
            return Understood(Decision("action", command.action, confidence=1.0), command)
        ranked = self.classifier.ranked(text)
        match = self.classifier.classify(text)
        action = _best(ranked, "action")
        if (
            match is not None
            and match.in_part
            and action is not None
            and (action.score >= ACTION_WITHOUT_ANSWER)
        ):
            # "sign us up for premium, card is already on file": a request of the whole message
            # beats what one clause resembles (a question about the card, a call for a person).
            match = action
        personal = self._personal(text, match)
        if personal is not None:
            # "upgrade us to premium, card is already on file" tells about the card and asks
            # for the upgrade: a message that is no question and requests an action gets it.
            if not is_question(text):
                requested = self._requested_action(text, action, ACTION_WITHOUT_ANSWER)
                if requested is not None:
                    return requested
            return personal
        requested = self._requested_action(text, action, ACTION)
        if requested is not None:
            return requested
        agreed = self._agreement(text, match, context)
        if agreed is not None:
            return agreed
        called = self._called_for(text, ranked)
        if called is not None:
            return called
        answered = self._answer(text, match, context)
        if (
            answered.decision.kind == "answer"
            and action is not None
            and next(m for m in ranked if not m.in_part) is action
            and answered.offer == action.intent.action
            and not is_question(text)
        ):
            # "sign us up for prem support": the article on how to subscribe fits, but the
            # message is closer to asking for it than to any question: it was asked for.
            requested = self._requested_action(text, action, ACTION_WITHOUT_ANSWER)
            if requested is not None:
                return requested
        weak = answered.decision.kind == "answer" and answered.decision.confidence < SURE_ANSWER
        if answered.decision.kind not in ("decline", "clarify") and not weak:
            return answered
        # No article answers, or only just: a request or a call for a person it resembles less
        # closely ("can someone from sales reach out about a quote for 6 accounts?").
        requested = self._requested_action(text, action, ACTION_WITHOUT_ANSWER)
        if requested is not None:
            return requested
        handoff = _best(ranked, "handoff")
        wants_to_know = weak and _ASKS_FOR_INFORMATION.match(text)  # "where do i file a ticket?"
        if handoff is not None and handoff.score >= HANDOFF_WITHOUT_ANSWER and not wants_to_know:
            return self._handoff(handoff, answered.answer)
        if weak:
            return answered
        if answered.decision.kind == "decline" and is_problem_report(text):
            return self._problem_report(answered.answer)
        return answered

    @staticmethod
    def _personal(text: str, match: Match | None) -> Understood | None:
        """A question about the asker's own account: its answer is the account's own figure."""
        if match is None or match.intent.do != "personal" or match.score < PERSONAL:
            return None
        if not _OWN_ACCOUNT.search(text):
            return None
        decision = Decision(
            "personal", match.intent.fact, intent=match.intent.name, confidence=match.score
        )
        return Understood(decision)

    def _requested_action(self, text: str, match: Match | None, floor: float) -> Understood | None:
        """A request in the vendor's own phrasing ("sign us up for premium"); a question about
        an action ("how do I cancel?") asks for its article instead."""
        if match is None or match.intent.do != "action" or match.score < floor:
            return None
        action = match.intent.action
        if is_question(text) and action not in READ_ONLY_ACTIONS:
            return None
        if action not in READ_ONLY_ACTIONS and taken_back(text, match.intent.examples):
            return None
        if action not in READ_ONLY_ACTIONS and self._only_tells(text):
            return None
        settings = self.knowledge.answerer.settings
        tier = tier_for(action, text, settings)
        if action == "downgrade" and (tier == settings.default_tier or _TO_FREE.search(text)):
            action, tier = "cancel", None  # "go back to free at the end of the term"
        if action == "cancel" and _UNDO.search(text):
            action = "resume"  # "undo the cancellation"
        command = Command(
            action,
            mentioned_user(text) if action in ("grant", "revoke") else None,
            tier=tier,
            from_words=True,
        )
        decision = Decision("action", action, intent=match.intent.name, confidence=match.score)
        return Understood(decision, command)

    def _called_for(self, text: str, ranked: list[Match]) -> Understood | None:
        """A person asked for in so many words, from the team the words or the intents name; a
        question about how to reach one ("how do i talk to sales?") keeps its article."""
        if not _CALLS_FOR_PERSON.search(text):
            return None
        if any(_WANTS_TO_KNOW.match(c) for c in _PIECE_BREAK.split(text)):
            return None  # "is there a hotline? need to talk to a human": the answer says how
        handoffs = [m for m in ranked if m.intent.do == "handoff" and m.score >= CALLED_FOR]
        if _SALES_WORDS.search(text):
            handoffs.sort(key=lambda m: m.intent.team != "sales")  # stable: closest sales first
        if not handoffs:
            return None
        return self._handoff(handoffs[0], self.knowledge.answerer.no_answer(text))

    def _only_tells(self, text: str) -> bool:
        """ "we switched to premium last month. thanks" tells what happened and asks nothing;
        "my colleague cancelled by mistake, please restore it" asks in its second clause."""
        if not _TOLD.search(text):
            return False
        pieces = clauses(text) or [text]
        return not any(is_request(p) or self.classifier.commands(p) for p in pieces)

    def _agreement(
        self, text: str, match: Match | None, context: Context | None
    ) -> Understood | None:
        """ "ok, do it", "yes please": agreement with what the bot offered last."""
        if match is None or match.intent.do != "affirm" or is_question(text):
            return None
        offered = context.offered_action if context else None
        if offered == AWAITING_CONFIRM:
            decision = Decision("reply", intent=match.intent.name, confidence=match.score)
            return Understood(decision, text=PRESS_CONFIRM)
        if offered:
            decision = Decision("action", offered, intent=match.intent.name, confidence=match.score)
            # "ok do it" after the price of one of several tiers: the tier that was asked about.
            tier = tier_for(offered, context.last_question, self.knowledge.answerer.settings)
            return Understood(decision, Command(offered, tier=tier), took_offer=True)
        return None  # nothing offered: the intent's own reply, unless an article answers

    def article_answer(self, text: str, context: Context | None = None) -> Understood:
        """What the articles say, whatever the intents make of the message (for a question
        about one's own account from someone not linked to any: the general answer)."""
        return self._answer(text, None, context)

    def _answer(self, text: str, match: Match | None, context: Context | None) -> Understood:
        answer = self.knowledge.answer(text)
        overlay = self._overlay(text, answer, match)
        if overlay is not None:
            return overlay
        asked = text
        previous = context.last_question if context else ""
        if not answer.answered and answer.intent is None and previous:
            followed = self.knowledge.answer(f"{previous} {text}")
            if followed.answered:
                answer, asked = replace(followed, question=text), f"{previous} {text}"
        if not answer.answered:
            kind = "clarify" if _unsure_between(answer) else "decline"
            return Understood(Decision(kind, confidence=answer.score), answer=answer)
        intent = match.intent.name if match and match.intent.do in ("answer", "action") else None
        answer = replace(answer, intent=intent)
        decision = Decision("answer", intent=intent, confidence=answer.score)
        return Understood(decision, answer=answer, asked=asked, offer=self.offer_of(intent))

    def _overlay(self, text: str, answer: Answer, match: Match | None) -> Understood | None:
        """What an intent says instead of the article: a social reply when there is no answer,
        a person when one is asked for (a question about how to reach one keeps its article
        unless the match is unmistakable)."""
        if match is None:
            return None
        intent = match.intent
        if intent.do in ("reply", "affirm") and not answer.answered:
            decision = Decision("reply", intent=intent.name, confidence=match.score)
            reply = replace(answer, text=intent.reply or "", intent=intent.name, score=match.score)
            return Understood(decision, answer=reply, text=intent.reply)
        if intent.do != "handoff":
            return None
        if answer.answered and _ASKS_FOR_INFORMATION.match(text):
            return None
        # Answered from one sentence only: the rest of the message may be the request. A call
        # for a person found in one clause does not outweigh an answer to the whole question.
        asks = answer.answered and is_question(text) and not answer.focused
        if asks and match.in_part:
            return None
        if match.score < (HANDOFF_OVER_ANSWER if asks else HANDOFF):
            return None
        return self._handoff(match, answer)

    def _problem_report(self, answer: Answer) -> Understood:
        """A problem no article answers: support gets it as a ticket, the customer a promise."""
        # No intent matched: nothing to be sure of; the reply keeps the articles' score.
        return self._handed_to("support", PROBLEM_REPORT, 0.0, answer, score=answer.score)

    def _handoff(self, match: Match, answer: Answer) -> Understood:
        team = match.intent.team or "support"
        return self._handed_to(team, match.intent.name, match.score, answer, score=match.score)

    def _handed_to(
        self, team: str, intent: str, confidence: float, answer: Answer, score: float
    ) -> Understood:
        """A person from `team` takes it: the reply says how they are reached, and when."""
        decision = Decision("handoff", team=team, intent=intent, confidence=confidence)
        reply = replace(answer, answered=False, text=self.handoff_text(team), sources=(),
                        intent=intent, score=score)  # fmt: skip
        return Understood(decision, answer=reply)

    def offer_of(self, intent_name: str | None) -> str | None:
        """The action an answer offers to run next (the price of the paid tier offers it)."""
        intent = self._intents.get(intent_name or "")
        return intent.action if intent and intent.do in ("answer", "action") else None

    def handoff_text(self, team: str) -> str:
        """How a person from the team is reached, and when support is there."""
        answerer = self.knowledge.answerer
        return (
            f"I'll get you to a person from our {team} team: {answerer.ways_to_reach(team)}. "
            f"{answerer.hours_text}"
        )
