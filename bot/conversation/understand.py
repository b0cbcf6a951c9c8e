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
from dataclasses import replace

from bot.conversation.access_changes import asks_unnamed, colleague_for, opposite_access
from bot.conversation.agreement import agreement
from bot.conversation.back_orders import cancels_something_else, it_named
from bot.conversation.change_words import names_what_changes
from bot.conversation.closest import ACTION, best, unrivalled
from bot.conversation.commands import Command, command_in, is_question
from bot.conversation.context import Context
from bot.conversation.corrections import instead
from bot.conversation.described_tiers import named_as_described
from bot.conversation.hurry import unhurried
from bot.conversation.intents import READ_ONLY_ACTIONS, IntentClassifier, Match
from bot.conversation.messages import Decision
from bot.conversation.moves import settled
from bot.conversation.order_odds import OVERRULED, ordered
from bot.conversation.other_languages import in_english
from bot.conversation.pasted_mail import read_note
from bot.conversation.person_calls import asks_for_a_deal, names_sales, person_called, team_named
from bot.conversation.personal_questions import asks_own_figure, own_rather, personal_reading
from bot.conversation.plain_requests import PlainRequest, plain_request
from bot.conversation.problem_reports import is_problem_report
from bot.conversation.put_off import not_asked_now
from bot.conversation.refusals import asked_beside_refusal
from bot.conversation.request_forms import read_form
from bot.conversation.respelling import Respeller
from bot.conversation.run_ons import stopped
from bot.conversation.shorthand import spelled_out
from bot.conversation.story_orders import after_story
from bot.conversation.taken_back import taken_back
from bot.conversation.tiers import paid_names, tier_named_in
from bot.conversation.told import told_as_done
from bot.conversation.told_then_asked import asked_after_told, only_tells
from bot.conversation.two_asks import change_and_more
from bot.conversation.understood import Understood
from bot.conversation.undo_orders import resumed_alone
from bot.conversation.unsure_orders import asked_first
from bot.conversation.whose_plan import no_company_words, not_the_askers
from bot.knowledge import Answer, KnowledgeBase
from bot.knowledge.concepts import product_names
from bot.knowledge.text import letter_body
from bot.knowledge.tier_words import tier_phrases

_ASKS_FOR_INFORMATION = re.compile(r"\s*(how|where|what|which|when|why)\b", re.I)
HANDOFF_OVER_ANSWER = 0.85  # a person asked for beats a sure article only when unmistakable
HANDOFF = 0.6
# When no article answers, a less close request still gets done (or a person): it is likelier.
ACTION_WITHOUT_ANSWER = 0.5
HANDOFF_WITHOUT_ANSWER = 0.45
# An answer this unsure (just over kb.min_confidence) gives way to such a request too.
SURE_ANSWER = 0.55
# ... and a problem told, not asked, needs an answer this sure to stay from support ("the
# integration is down, nothing is syncing!!!" reached 0.77 on an integration's overview).
SURE_PROBLEM_ANSWER = 0.8
# Below the answer threshold but this likely, with 2+ close sections: ask which, not decline.
CLARIFY = 0.3
PROBLEM_REPORT = "problem_report"  # the decision's intent when a problem report goes to support


class Understanding:
    def __init__(self, knowledge: KnowledgeBase, classifier: IntentClassifier) -> None:
        self.knowledge = knowledge
        self.classifier = classifier
        self._intents = {intent.name: intent for intent in classifier.intents}
        self._doing = {i.action: i for i in reversed(classifier.intents) if i.do == "action"}
        self._paid = paid_names(knowledge.answerer.settings)  # ("we want premium back")
        settings = knowledge.answerer.settings  # (our own names: no other company's product)
        ours = (*product_names(settings), *settings.account_types.values(), *tier_phrases(settings))
        self._ours = no_company_words(ours)  # (nor "our Priority subscription", a tier of ours)
        self._owned = (self._ours, self._paid)
        self._sales = next((i for i in classifier.intents if i.team == "sales"), None)
        self._respelled = Respeller(classifier)  # ("go ahaed and put us on premuim")

    def read(self, text: str, context: Context | None = None, by_odds: bool = True) -> Understood:
        command = command_in(text)
        if command is not None:
            return Understood(Decision("action", command.action, confidence=1.0), command)
        # (a pasted mail's line is read without the odds: "can you please cancel it" is #4411's)
        reread = lambda words: self.read(words, context, by_odds=False)  # noqa: E731
        noted = read_note(text, reread) or read_form(text, reread)  # (a pasted mail, a form)
        if noted is not None:
            return noted
        said, settings = text, self.knowledge.answerer.settings  # (said: its lines as written)
        text = resumed_alone(self.prepared(text))
        # "cancel premium and also what card is on file?", "Don't revoke it, just give <@X> access"
        reader, held = (lambda ask: self._read(ask, context)), self._held_back
        refer = lambda said, order: it_named(said, order, settings)  # noqa: E731
        asks = lambda ask: change_and_more(ask, reader, held, refer) or reader(ask)  # noqa: E731
        read = instead(text, after_story(text, asks(text), reader, held, refer, self._paid), asks)
        read = asked_beside_refusal(text, read, asks) or read  # ("not want cancel!! when is…")
        read = (by_odds and self._by_odds(text, read)) or read
        action = read.decision.action or ""
        if not_the_askers(action, text, *self._owned, said=said):  # (whose_plan.py)
            return self.article_answer(text, context)
        return (by_odds and asked_first(text, read, settings)) or read  # (unsure: asked first)

    def prepared(self, text: str) -> str:
        """The message as every reading sees it: shorthand and other languages read, typos
        respelled once, words that only hurry left out ("no reason to wait —"), tiers named as
        described ("the pricey plan"), a run-on order given its stop."""
        text = self._respelled(in_english(letter_body(spelled_out(text))))
        return stopped(named_as_described(unhurried(text), self.knowledge.answerer.settings))

    def _by_odds(self, text: str, read: Understood) -> Understood | None:
        """A change asked for in a shape no rule knows ("Could we move up to Premium support?"),
        when the learned odds say it orders (order_odds.py): through every check that holds an
        order back."""
        if read.decision.kind not in OVERRULED or read.command is not None:
            return None
        if read.decision.kind == "personal" and asks_own_figure(text):
            return None  # ("when's the renewal date? I'd like to plan the card payment around it")
        return self.odds_reading(text, prepared=True)

    def odds_reading(self, text: str, prepared: bool = False) -> Understood | None:
        """The change the learned odds alone find `text` orders (`prepared`: as the readings see
        it), through every check that holds an order back; also asked when the readings' change
        is one the account already is (already_so.another_reading)."""
        text = text if prepared else self.prepared(text)
        change = ordered(text, self.knowledge.answerer.settings)
        intent = self._doing.get(change or "")
        held = intent is None or self._held_back(text, intent.examples, change)
        if held or told_as_done(text, change):
            return None
        return self._requested_action(text, Match(intent, ACTION), ACTION, shaped=True)

    def _read(self, text: str, context: Context | None) -> Understood:
        ranked = self.classifier.ranked(text)
        plain = plain_request(text, self.knowledge.answerer.settings)
        if plain is not None:
            understood = self._as_action(text, plain, ranked)
            if understood is not None:
                return understood
        match = self.classifier.classify(text)
        asked = asked_after_told(text, self.classifier, ACTION_WITHOUT_ANSWER)
        action = asked or unrivalled(best(ranked, "action"), ranked)
        if asked is None and action is not None and told_as_done(text, action.intent.action):
            action = None  # "whoever cancelled our premium, it wasn't me. pls revrse that"
        changes = action is not None and action.intent.action not in READ_ONLY_ACTIONS
        changes = changes and action.score >= ACTION_WITHOUT_ANSWER
        if match is not None and match.in_part and changes:
            # "sign us up for premium, card is on file": the whole message's change beats a clause's
            match = action
        called = self._called_for(text, ranked)
        if called is not None and (team_named(text) or not is_question(text)):
            return called  # "can someone from sales call me?", "…until the end date. get someone"
        personal = personal_reading(text, own_rather(text, match, ranked))
        if personal is not None:
            # "upgrade us to premium, card is already on file" tells about the card and asks
            # for the upgrade: a message that is no question and requests an action gets it.
            # (A request less close than the question is not it: "can u check our account and
            # tell me what tier we have" is no upgrade.)
            # (the plan's status is no closer than the one fact asked of it: "please inform the
            # renewal date of our support plan")
            closer = action is not None and (match is None or action.score >= match.score)
            closer = closer and action.intent.action not in READ_ONLY_ACTIONS
            if not is_question(text) and closer:
                requested = self._requested_action(text, action, ACTION_WITHOUT_ANSWER)
                if requested is not None:
                    return requested
            return personal
        if called is not None:
            return called
        # A request in a clause of its own after a story is as plain as one alone.
        requested = self._requested_action(text, action, ACTION_WITHOUT_ANSWER if asked else ACTION)
        if requested is not None:
            return requested
        agreed = agreement(text, match, context, self.knowledge.answerer.settings)
        if agreed is not None:
            return agreed
        answered = self._answer(text, match, context)
        said, sales = (answered.answer.text if answered.answer else ""), self._sales
        if sales and asks_for_a_deal(text, said, self.knowledge.answerer.settings):
            return self._handed_to("sales", sales.name, 0.0, answered.answer, answered.answer.score)
        # A problem told, not asked about ("inventory counts are wrong on amazon after the last
        # sync"), needs an article surer than a question does to keep it from support.
        reported = is_problem_report(text)
        told_problem = reported and not is_question(text)
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
        sure = SURE_PROBLEM_ANSWER if told_problem else SURE_ANSWER
        weak = answered.decision.kind == "answer" and answered.decision.confidence < sure
        if answered.decision.kind == "reply" and told_problem:
            return self._problem_report(answered.answer)  # not "good morning" to a problem
        if answered.decision.kind not in ("decline", "clarify") and not weak:
            return answered
        # No article answers, or only just: a request or a call for a person it resembles less
        # closely ("can someone from sales reach out about a quote for 6 accounts?"). A question
        # the article only just answers keeps it unless the plan is asked for plainly ("could you
        # confirm the annual cost…, and where we can verify the current pricing?" is no status).
        floor = ACTION if weak and is_question(text) else ACTION_WITHOUT_ANSWER
        requested = self._requested_action(text, action, floor)
        if requested is not None:
            return requested
        handoff = best(ranked, "handoff")
        # "where do i file a ticket?", "hi, I'm in London, what time does your team start? …
        # trying to catch someone before EOD": a question, answered, whatever clause calls;
        # but a price to negotiate is no article's ("…1199 is steep, who can i talk to?").
        bargains = handoff is not None and handoff.intent.team == "sales" and names_sales(text)
        wants_to_know = weak and (
            _ASKS_FOR_INFORMATION.match(text)
            or (handoff is not None and handoff.in_part and not bargains)
        )
        if handoff is not None and handoff.score >= HANDOFF_WITHOUT_ANSWER and not wants_to_know:
            return self._handoff(handoff, answered.answer)
        # "tracking numbers not posting back to WooCommerce": support's (a ticket), not articles.
        if told_problem or (answered.decision.kind == "decline" and reported):
            return self._problem_report(answered.answer)
        return answered

    def _requested_action(
        self, text: str, match: Match | None, floor: float, shaped: bool = False
    ) -> Understood | None:
        """A request in the vendor's own phrasing ("sign us up for premium"); a question about
        an action ("how do I cancel?") asks for its article instead (`shaped`: an order whose
        question mark was read with its shape, "can we get premium starting today?")."""
        if match is None or match.intent.do != "action" or match.score < floor:
            return None
        action = match.intent.action
        if is_question(text) and not shaped and action not in READ_ONLY_ACTIONS:
            return None
        if action not in READ_ONLY_ACTIONS and (
            self._declined_in_words(text, match) or not_asked_now(text, self._paid, action)
        ):
            return None
        settings = self.knowledge.answerer.settings
        if action == "cancel" and cancels_something_else(text, settings):
            return None  # "please cancel the second charge": a refund, not the plan
        # (an upgrade's words with their typos read as meant: "plz upgade us to premuim")
        read = f"{text} {' '.join(self.classifier.words_of(text))}" if action == "upgrade" else text
        named = tier_named_in(read, settings)  # (a move to the free tier names its leaving)
        leaves = action == "cancel" and named == settings.default_tier
        if not (names_what_changes(action, read) or (named and action == "upgrade") or leaves):
            return None
        moved = settled(action, text, settings)
        if moved is None:
            return None  # "switch the shipping method to standard"
        action, tier = moved
        if action in ("grant", "revoke") and opposite_access(action, text):
            return None  # ("kindly withdraw billing permissions from <@X>" grants nothing)
        colleague = colleague_for(action, text) if action in ("grant", "revoke") else None
        if action in ("grant", "revoke") and colleague is None and not asks_unnamed(action, text):
            return None  # several named and the words don't say whose access, or none and no verb
        command = Command(action, colleague, tier=tier, from_words=True)
        decision = Decision("action", action, intent=match.intent.name, confidence=match.score)
        return Understood(decision, command)

    def _held_back(
        self, text: str, examples: tuple[str, ...] = (), action: str | None = None
    ) -> bool:
        """The whole message takes back, tells, or puts off what one piece of it asks ("my boss
        asked me this: reactivate our subscription. I said no.", "if the PO clears, reverse the
        cancellation"): a plain request's piece is read with the rest around it; what its
        intent's examples say is no taking back ("Not renewing premium. Please action.")."""
        taken = taken_back(text, examples, self._paid, action)
        return taken or self._only_tells(text) or not_asked_now(text, self._paid, action)

    def _as_action(self, text: str, plain: PlainRequest, ranked: list[Match]) -> Understood | None:
        """The vendor's intent for the action `plain` words plainly (plain_requests.py): as sure
        as a close match, and still checked for a taking back in the whole message `text`; an
        order's own tier is the one moved to."""
        action, tier = plain.action, plain.tier
        intent = self._doing.get(action)
        if intent is None:
            return None
        score = next((m.score for m in ranked if m.intent is intent), 0.0)
        # ("we won't renew premium": its negation is the request, as an example's would be)
        intent = intent.model_copy(update={"examples": (*intent.examples, *plain.said)})
        if self._held_back(text, intent.examples, intent.action):
            return None
        sure = Match(intent, max(score, ACTION))
        understood = self._requested_action(plain.words, sure, ACTION, plain.shaped)
        if understood is None or understood.command is None or tier is None:
            return understood
        if understood.command.action in ("upgrade", "downgrade"):
            return replace(understood, command=replace(understood.command, tier=tier))
        return understood

    def _called_for(self, text: str, ranked: list[Match]) -> Understood | None:
        """A person asked for in so many words (person_calls.person_called)."""
        called = person_called(text, ranked)
        return self._handoff(called, self.knowledge.answerer.no_answer(text)) if called else None

    def _only_tells(self, text: str) -> bool:
        return only_tells(text, self.classifier, self.knowledge.answerer.settings)

    def article_answer(self, text: str, context: Context | None = None) -> Understood:
        """What the articles say, whatever the intents make of the message (for a question
        about one's own account from someone not linked to any: the general answer)."""
        return self._answer(letter_body(text), None, context)

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
            unsure = answer.score >= CLARIFY and len(answer.alternatives) >= 2  # ask which
            kind = "clarify" if unsure else "decline"
            return Understood(Decision(kind, confidence=answer.score), answer=answer)
        intent = match.intent.name if match and match.intent.do in ("answer", "action") else None
        answer = replace(answer, intent=intent)
        decision = Decision("answer", intent=intent, confidence=answer.score)
        offer = self.offer_of(intent)
        if offer and match and match.intent.do == "action" and self._declined_in_words(text, match):
            offer = None  # "don't undo the cancellation" then "ok" runs nothing
        return Understood(decision, answer=answer, asked=asked, offer=offer)

    def _declined_in_words(self, text: str, match: Match) -> bool:
        """The request the words resemble was taken back, or only told as done."""
        taken = taken_back(text, match.intent.examples, self._paid, match.intent.action)
        return taken or self._only_tells(text)

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
        if intent.team == "sales" and is_problem_report(text) and not names_sales(text):
            return self._problem_report(answer)  # ("…stuck!! help, we're losing sales")
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
