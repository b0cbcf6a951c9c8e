"""The conversation core: one `handle(Incoming) -> Turn` that Slack, the console, `supportbot ask`
and the website's sales chat all call.

The rules about a message live here, not in the front ends: when the bot stays quiet (a thread
a person has taken over; a channel it was not asked in, unless it is sure), what counts as a
follow-up, "ok" after an offer, two misses in a row bringing in a person, which team a handoff
goes to, and who may see a reply (the account's own figures only privately).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlalchemy.engine import Engine

from bot import metrics
from bot.billing.results import AccountStatus, Actor
from bot.billing.tiers import staff_channel
from bot.config import Settings
from bot.conversation import channels, feedback
from bot.conversation import context as memory
from bot.conversation.actions import Actions, Done
from bot.conversation.after_hours import AfterHours
from bot.conversation.agreement import PRESS_CONFIRM
from bot.conversation.alerts import DueAlerts
from bot.conversation.already_so import another_reading, as_it_stands, standing
from bot.conversation.commands import Command, parse_slash
from bot.conversation.desk import StaffDesk
from bot.conversation.doubted import doubted_turn
from bot.conversation.messages import (
    Decision,
    Incoming,
    Reply,
    Surface,
    Turn,
    Visibility,
    Where,
)
from bot.conversation.personal import Personalizer
from bot.conversation.ratings import Ratings
from bot.conversation.reactions import Reactions
from bot.conversation.sales_chat import Transcript
from bot.conversation.tickets import TicketDesk
from bot.conversation.two_asks import replies_beside
from bot.conversation.understand import PROBLEM_REPORT, Understanding
from bot.conversation.understood import Understood
from bot.conversation.views import quoted_inline
from bot.db import now_utc
from bot.knowledge import Answer

log = logging.getLogger(__name__)

PRIVATE = Visibility.PRIVATE
QUIET = Decision("quiet")
# Questions in a row the bot could not answer in one conversation before a person takes over.
REPEATED_MISSES = 2
NOT_YOURS = "That button belongs to someone else's request; use /support-tier to start your own."


class Conversation:
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        understanding: Understanding,
        actions: Actions,
        desk: TicketDesk,
        personalizer: Personalizer,
        clock: Callable[[], datetime] = now_utc,
    ) -> None:
        self.settings = settings
        self.engine = engine
        self.understanding = understanding
        self.actions = actions
        self.desk = desk
        self.personalizer = personalizer
        self.views = views = actions.views
        # The desk in Slack (bot/conversation/desk.py and beside it): who staff are, reactions,
        # out-of-hours replies, due-time alerts and ratings. `clock` is "now" for the rules
        # that depend on the hour (tests give a fixed one).
        self.staff = StaffDesk(settings, desk, views)
        self.reactions = Reactions(settings, desk, self.staff, views)
        self.alerts = DueAlerts(settings, engine, desk)
        self.ratings = Ratings(settings, engine, desk)
        self.after_hours = AfterHours(
            settings, engine, desk.hours, actions.status_of, views, self.staff.is_staff, clock
        )

    def handle(self, incoming: Incoming) -> Turn:
        """Everything the bot does about one message or click, as replies to deliver."""
        if incoming.press is not None:
            turn = self._press(incoming)
        elif incoming.surface is Surface.COMMAND:
            turn = self._command(incoming)
        elif incoming.surface is Surface.HOME:
            turn = Turn(Decision("reply"), [self.home(incoming)])
        elif incoming.reaction is not None:
            turn = self.reactions.handle(incoming)
        else:
            turn = self._message(incoming)
            turn.replies = channels.shaped(self.settings, incoming, turn.replies)
            turn.replies += self.after_hours.replies(incoming, turn)
        log.debug(
            "turn surface=%s place=%s decision=%s confidence=%.2f",
            incoming.surface.value,
            incoming.place.channel,
            turn.decision.label,
            turn.decision.confidence,
        )
        return turn

    def owes_reply(self, incoming: Incoming) -> bool:
        """Whether the person must hear about a failure on this message: they asked the bot
        (a DM, a mention), or their channel answers every question or owed them an
        out-of-hours reply now."""
        turn = Turn(QUIET)
        asked = channels.policy(self.settings, incoming) in ("prompted", "always")
        closed = not self.desk.hours.is_open(self.after_hours.clock())
        return asked or (closed and self.after_hours.applies(incoming, turn))

    def home(self, incoming: Incoming, now: datetime | None = None) -> Reply:
        return self.views.home(self.actions.status_of(incoming.actor), now or now_utc())

    # -- messages -------------------------------------------------------------------------------

    def _message(self, incoming: Incoming) -> Turn:
        channel, key = incoming.place.channel, _key(incoming)
        if incoming.thread and not incoming.preview:
            ticket = self.desk.active_in_thread(channel, incoming.thread)
            if ticket is not None:  # a person has this thread: the bot stays out until resolved
                self.staff.replied(ticket, incoming.actor)
                return Turn(QUIET)
        policy = channels.policy(self.settings, incoming)
        if policy == "never":
            return Turn(QUIET)
        context = None
        if not incoming.preview:
            context = memory.recall_context(self.engine, channel, key, _fresh(incoming))
        if policy == "thread" and not (context and context.last_question):
            return Turn(QUIET)  # a thread the bot has not answered in
        understood = self.understanding.read(incoming.text, context)
        decision = understood.decision
        if decision.kind == "action":
            status = standing(self, incoming, understood)  # (the account, when already so)
            other = None if status is None else another_reading(self, incoming, understood, status)
            if status is not None and other is None:
                turn = as_it_stands(self, incoming, understood, context, key)
            else:
                understood = other or understood
                turn = self._act(incoming, understood, key)
            if understood.also:
                turn.replies.extend(replies_beside(self, incoming, understood.also, context))
            return turn
        if decision.kind == "personal":
            status = self.actions.status_of(incoming.actor)
            article = self.understanding.article_answer(incoming.text, context)
            if isinstance(status, AccountStatus):
                # The account's own figure, and the article too when it answers ("where
                # do i find our phone code?": the code and where it is shown).
                answer = article.answer
                sure = article.decision.kind == "answer"
                more = [replace(self.views.answer(answer), visibility=PRIVATE)] if sure else []
                return Turn(decision, [self.views.personal(decision.action or "", status), *more])
            # Not linked to an account: the article's general answer, as anyone would get it.
            understood, decision = article, article.decision
        if decision.kind == "answer":
            return self._answered(incoming, understood, key)
        if decision.intent == PROBLEM_REPORT and policy == "always":
            # Nobody addressed the bot: a problem report opens no ticket by itself here; it is
            # answered as any unanswered message is, with a person one click away.
            understood = self.understanding.article_answer(incoming.text, context)
            decision = understood.decision
        if policy != "prompted" and not (policy == "always" and decision.kind == "decline"):
            return Turn(replace(QUIET, confidence=decision.confidence))
        if understood.text == PRESS_CONFIRM:
            return Turn(decision, [Reply(PRESS_CONFIRM, kind="press_confirm")])
        if decision.kind == "handoff":
            return self._handed_off(incoming, understood, key)
        if decision.kind == "reply":
            return Turn(decision, [Reply(understood.text or "", kind="reply")], understood.answer)
        if decision.kind == "clarify":
            if understood.command is not None:  # a change the odds doubt (unsure_orders.py)
                return doubted_turn(self, incoming, understood, context, key)
            owner = incoming.actor.slack_user_id or ""
            which = self.views.which_one(incoming.text[:200], understood.answer.alternatives, owner)
            return Turn(decision, [which], understood.answer)
        return self._declined(incoming, understood, key)

    def _act(self, incoming: Incoming, understood: Understood, key: str) -> Turn:
        done = self.actions.run(understood.command, incoming.actor, preview=incoming.preview)
        if not incoming.preview:
            waits = any(r.waits_for_confirm for r in done.replies)
            if waits:
                memory.offer(self.engine, incoming.place.channel, key, memory.AWAITING_CONFIRM)
            else:
                memory.forget_offer(self.engine, incoming.place.channel, key)
        replies = [replace(r, visibility=PRIVATE) for r in done.replies]
        return Turn(understood.decision, replies, notices_queued=done.notices_queued)

    def _answered(self, incoming: Incoming, understood: Understood, key: str) -> Turn:
        answer = understood.answer
        metrics.answered(True)
        if not incoming.preview:
            memory.remember(
                self.engine, incoming.place.channel, key, understood.asked, understood.offer
            )
        reply = self.views.answer(answer)
        replies = [reply]
        note = self._personal_note(answer, incoming)
        if note and incoming.place.is_dm:  # the DM is private: the asker's figures go with it
            replies = [replace(reply, notes=(note, *reply.notes))]
        elif note:  # in a shared channel only the asker sees their account
            replies.append(Reply(note, visibility=PRIVATE, kind="personal"))
        return Turn(understood.decision, replies, answer)

    def _personal_note(self, answer: Answer, incoming: Incoming) -> str | None:
        """The asker's own price, opening or due time, when they are linked to an account."""
        if incoming.preview or not self.personalizer.applies_to(answer):
            return None
        status = self.actions.status_of(incoming.actor)
        if not isinstance(status, AccountStatus):
            return None
        return self.personalizer.note(answer, status, now_utc())

    def _declined(self, incoming: Incoming, understood: Understood, key: str) -> Turn:
        """No confident answer: say so, offer a person; the second miss in a row hands off."""
        answer = understood.answer
        metrics.answered(False)
        if not incoming.preview:
            feedback.record(
                self.engine, "unanswered", incoming.text, None, incoming.actor.slack_user_id
            )
            misses = memory.note_miss(self.engine, incoming.place.channel, key)
            if misses >= REPEATED_MISSES:
                decision = Decision("handoff", team="support", confidence=answer.score)
                return self._hand_off(incoming, decision, incoming.text, "not_answered_twice", key)
        owner = incoming.actor.slack_user_id or ""
        buttons = (self.views.person_button(incoming.text, owner),) if owner else ()
        reply = Reply(answer.text, buttons=buttons, kind="decline")
        return Turn(understood.decision, [reply], answer)

    def _handed_off(self, incoming: Incoming, understood: Understood, key: str) -> Turn:
        reason = understood.decision.intent or "request"
        if incoming.preview:
            return Turn(understood.decision, [Reply(understood.answer.text)], understood.answer)
        if reason == PROBLEM_REPORT:  # no article answered it: a gap for `kb gaps` too
            feedback.record(
                self.engine, "unanswered", incoming.text, None, incoming.actor.slack_user_id
            )
        turn = self._hand_off(incoming, understood.decision, incoming.text, reason, key)
        turn.answer = understood.answer
        return turn

    def _hand_off(
        self, incoming: Incoming, decision: Decision, question: str, reason: str, key: str | None
    ) -> Turn:
        """Open a ticket, show it to the team with a Claim button, tell the customer when."""
        channel = incoming.place.channel
        thread = incoming.thread or (None if incoming.place.is_dm else incoming.ts)
        if incoming.press is not None:
            thread = incoming.press.thread or incoming.press.message_ts
        tier = getattr(self.actions.status_of(incoming.actor), "tier", None)
        team, staff = channels.handoff_route(
            self.settings, incoming.place, decision.team or "support", tier
        )
        ticket = self.desk.open_ticket(
            incoming.actor, team, channel, thread, question, None, reason, staff_channel=staff
        )
        metrics.handed_off(team)
        if key is not None:
            memory.clear_misses(self.engine, channel, key)
        promise = self.desk.promise(ticket)
        here = Reply(promise.public, where=Where.CHANNEL, channel=channel, thread=thread)
        asker = incoming.actor.slack_user_id
        replies = [
            self.views.ticket(ticket, channel=staff),
            *channels.promised(self.settings, incoming.place, promise, here, asker),
        ]
        return Turn(replace(decision, team=team), replies)

    # -- /support-tier ----------------------------------------------------------------------------

    def _command(self, incoming: Incoming) -> Turn:
        command = parse_slash(incoming.text)
        done = self.actions.run(command, incoming.actor)
        decision = Decision("action", command.action, confidence=1.0)
        replies = [replace(r, visibility=PRIVATE) for r in done.replies]
        return Turn(decision, replies, notices_queued=done.notices_queued)

    # -- buttons ----------------------------------------------------------------------------------

    def _press(self, incoming: Incoming) -> Turn:
        press = incoming.press
        owner = press.value.get("u")
        presser = incoming.actor.slack_user_id or ""
        if owner and owner != presser:
            return Turn(Decision("reply"), [Reply(NOT_YOURS, visibility=PRIVATE)])
        # A billing button, else one of the desk's (feedback, "which one", person, claim).
        done = self.actions.press(press.action, press.value, incoming.actor)
        done = done if done is not None else self._desk_press(incoming)
        decision = Decision("press", press.action)
        if incoming.surface is Surface.HOME:
            done.replies = self._from_home(incoming, done.replies)
        return Turn(decision, done.replies, notices_queued=done.notices_queued)

    def _from_home(self, incoming: Incoming, replies: list[Reply]) -> list[Reply]:
        """The Home tab has no message to replace: what a click says goes to the person's DM,
        and the tab is drawn again with the account as it now is."""
        moved = [replace(r, where=Where.DM) for r in replies if not r.delete]
        return [*moved, self.home(incoming)]

    def _desk_press(self, incoming: Incoming) -> Done:
        press = incoming.press
        actor = incoming.actor
        if press.action in ("feedback_helpful", "feedback_unhelpful"):
            helpful = press.action == "feedback_helpful"
            question = press.value.get("q", "")
            kind = "helpful" if helpful else "unhelpful"
            feedback.record(self.engine, kind, question, press.value.get("s"), actor.slack_user_id)
            if helpful:
                return Done([Reply("Thanks for telling me.", visibility=PRIVATE)])
            return Done([self.views.handoff_offer(question, actor.slack_user_id or "")])
        if press.action == "clarify_pick":
            answer = self.understanding.knowledge.section_answer(
                press.value.get("k", ""), press.value.get("q", "")
            )
            reply = self.views.answer(answer)
            return Done([replace(reply, where=Where.REPLACE)])
        if press.action == "handoff_request":
            decision = Decision("handoff", team="support")
            question = press.value.get("q", "") or incoming.text
            turn = self._hand_off(incoming, decision, question, "not_helpful", None)
            return Done(turn.replies)
        staff, ticket_id = actor.slack_user_id or "", press.value.get("t", "")
        if press.action == "claim_ticket":
            return Done(self.staff.claim(ticket_id, staff, clicked=press.message_ts))
        if press.action == "resolve_ticket":
            replies, queued = self.staff.resolve(ticket_id, staff, clicked=press.message_ts)
            return Done(replies, notices_queued=queued)
        rated = self.ratings.press(incoming)
        return Done(rated if rated is not None else [])  # else an old button, or not ours

    # -- the website's sales chat ---------------------------------------------------------------

    def sales_chat(self, transcript: Transcript) -> Turn:
        """A sales ticket with the transcript and the articles' answers to the visitor's
        questions, for the sales channel."""
        asked = [m.text for m in transcript.messages if m.sender == "visitor"]
        answers = [a for a in map(self.understanding.knowledge.answer, asked) if a.answered]
        who = f"{transcript.visitor} <{transcript.email}>" + (
            f" of {transcript.company}" if transcript.company else ""
        )
        lines = "\n".join(f"{m.sender}: {m.text}" for m in transcript.messages)
        summary, to = "\n\n".join(a.text for a in answers), staff_channel(self.settings, "sales")
        ticket = self.desk.open_ticket(
            Actor(via="web"), "sales", WEB_CHANNEL, None, f"{who}\n{lines}", summary,
            "sales_chat", staff_channel=to,
        )  # fmt: skip
        metrics.handed_off("sales")
        staff = self.views.ticket(ticket, channel=to)
        notes = tuple(
            f"Article answer to “{quoted_inline(a.question, 80)}”: {a.text[:300]}"
            for a in answers[:3]
        )
        staff = replace(staff, notes=(*staff.notes, *notes))
        return Turn(Decision("handoff", team="sales"), [staff], ticket=ticket.id)

    def posted(self, tracks: str, channel: str, ts: str) -> None:
        """Where a tracked reply landed (a ticket in its team's channel)."""
        kind, _, ident = tracks.partition(":")
        if kind == "ticket":
            self.desk.record_staff_message(ident, channel, ts)


# The "channel" of tickets from the website's sales chat: there is no Slack thread to answer in.
WEB_CHANNEL = "web"


def _key(incoming: Incoming) -> str:
    """A conversation: its thread, or for a DM outside threads the DM itself."""
    if incoming.thread:
        return incoming.thread
    return incoming.place.channel if incoming.place.is_dm else incoming.ts or ""


def _fresh(incoming: Incoming):
    """How long a DM's context lasts outside threads (threads keep theirs)."""
    return memory.DM_CONTEXT_FOR if incoming.place.is_dm and not incoming.thread else None


__all__ = ["WEB_CHANNEL", "Command", "Conversation"]
