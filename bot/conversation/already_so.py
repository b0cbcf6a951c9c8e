"""A change asked for in words that the asker's account already is: "we want to keep premium"
on a plan set to renew, "cancel premium" on the free tier or on a plan already cancelled,
"upgrade us to premium" on the top tier. Who is asking is part of understanding a message: such
a message wants the account as it is, so it is told how the account stands (and answered, when
it also asks a question), never read as an order that the billing service would refuse.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.billing.results import AccountStatus
from bot.config import Settings
from bot.conversation import context as memory
from bot.conversation.asides import pieces
from bot.conversation.commands import Command, is_question
from bot.conversation.context import Context
from bot.conversation.messages import Decision, Incoming, Turn, Visibility
from bot.conversation.tiers import tier_named_in
from bot.conversation.understood import Understood


def already_so(command: Command, status: AccountStatus, settings: Settings) -> bool:
    """Whether the account already is as `command` would leave it (a change of access names a
    colleague, whose access the billing service checks and asks about with Confirm: never)."""
    free = settings.tiers[status.tier].free
    asked = tier_named_in(command.tier, settings) if command.tier else None
    if asked is not None and asked != status.tier:
        return False  # ("we want Enterprise back" on a Priority plan moves to Enterprise)
    renewing = status.auto_renew and status.renews_at is not None and status.next_tier is None
    if command.action == "cancel":
        return free or (status.ends_at is not None and not status.auto_renew)
    if command.action == "resume":
        return not free and renewing
    if command.action == "upgrade":  # (the top tier: on a lower paid one, up is a change)
        return not free and renewing and status.upgrade_tier is None
    return False


def ordered_outright(action: str, text: str) -> bool:
    """Whether a piece of `text` opens with `action`'s own verb ("please cancel premium"): the
    change was asked in so many words, whatever the odds make of the rest."""
    verb = _OWN_VERB.get(action)
    if verb is None:
        return False
    opening = re.compile(rf"^\W*(?:(?:please|pls|plz|kindly|just|so)\s+)?(?:{verb})\b", re.I)
    return any(opening.match(piece) for piece in pieces(text))


# Each change's own name as a verb (not "moving integrations…", which only sounds like a move up).
_OWN_VERB = {"cancel": "cancel", "upgrade": "upgrade", "resume": "resume|reactivate|reinstate"}


def standing(conversation: Any, incoming: Incoming, understood: Understood) -> AccountStatus | None:
    """The asker's account when the change read from words is one it already is; None for a
    typed command, a preview, an asker linked to no account (the action's own refusal says so)
    or a change the account is not. Looked up once per turn: another_reading and as_it_stands
    both take it."""
    command = understood.command
    if incoming.preview or command is None or not command.from_words:
        return None
    status = conversation.actions.status_of(incoming.actor)
    if not isinstance(status, AccountStatus) or not already_so(
        command, status, conversation.settings
    ):
        return None
    return status


def another_reading(
    conversation: Any, incoming: Incoming, understood: Understood, status: AccountStatus
) -> Understood | None:
    """The change the learned odds find ordered instead of the readings' change, which the
    account already is (`status`, from standing()): "we let premium lapse last year… pls
    upgrade us again" on the free tier was read as leaving it ("lapse"), which it already has;
    "premium shows as cancelled… I'd like it to keep renewing… can you flip that back?" on a
    cancelled plan as cancelling it. The odds (at ORDER_ODDS, with the checks any order passes)
    name the change the asker wants, which still waits for its Confirm; None when they name none
    or the same one, or the readings' change was asked in its own verb. (Less sure odds are not
    used: "no point keeping premium, we never call. cancel it" is 0.29.)"""
    command = understood.command
    assert command is not None  # (standing() found the account already as it leaves it)
    if ordered_outright(command.action, incoming.text):
        return None  # ("please cancel premium, we'd like it to keep renewing … when we come back")
    other = conversation.understanding.odds_reading(incoming.text)
    if other is None or other.command is None or other.command.action == command.action:
        return None
    if already_so(other.command, status, conversation.settings):
        return None
    return replace(other, also=understood.also)


def as_it_stands(
    conversation: Any,
    incoming: Incoming,
    understood: Understood,
    context: Context | None,
    key: str,
) -> Turn:
    """The turn for a change in words that the asker's account already is (standing() found
    it so): the action's own words on why nothing changes ("…is active and set to renew: there
    is nothing to resume"; on a cancelled plan, with Resume one click away), after the article's
    answer when the message is also a question the articles answer ("…does that affect our
    premium support? we want to keep premium"; a second ask the reading split off is answered
    beside it by the caller). (`conversation`: the Conversation, for its billing actions and
    understanding; `key`: the conversation's thread, whose older offer is forgotten.)"""
    command = understood.command
    assert command is not None  # (standing() found the account already as it leaves it)
    done = conversation.actions.run(command, incoming.actor)
    replies = [replace(reply, visibility=Visibility.PRIVATE) for reply in done.replies]
    decision = Decision("action", "status", confidence=understood.decision.confidence)
    memory.forget_offer(conversation.engine, incoming.place.channel, key)  # (for a later "yes")
    if understood.also is not None or not is_question(incoming.text):
        return Turn(decision, replies)  # (the other ask is answered beside, by the caller)
    article = conversation.understanding.article_answer(incoming.text, context)
    if article.decision.kind == "answer":
        answer = replace(conversation.views.answer(article.answer), visibility=Visibility.PRIVATE)
        return Turn(article.decision, [answer, *replies], article.answer)
    return Turn(decision, replies)
