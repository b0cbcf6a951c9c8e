"""What the bot says to an order it doubts (unsure_orders.py): "Do you want me to … now?" with
Yes and No, after the article's answer when the message is a question the articles answer, and
with the message's other ask answered beside it. Typing "yes" is pointed at the button: the
question holds no price, and money and cancellations move only through a Confirm card."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.conversation import context as memory
from bot.conversation.already_so import as_it_stands, standing
from bot.conversation.commands import is_question
from bot.conversation.context import Context
from bot.conversation.messages import Incoming, Turn, Visibility
from bot.conversation.two_asks import replies_beside
from bot.conversation.understood import Understood


def doubted_turn(
    conversation: Any, incoming: Incoming, understood: Understood, context: Context | None, key: str
) -> Turn:
    """The turn for a change the odds doubt; `conversation` is the Conversation (its views,
    understanding, billing actions and database), `key` the conversation's thread key."""
    command = understood.command
    assert command is not None  # (a doubted change always names one)
    if standing(conversation, incoming, understood) is not None:  # (none to make)
        turn = as_it_stands(conversation, incoming, understood, context, key)
    else:
        owner = incoming.actor.slack_user_id or ""
        replies = [conversation.views.order_question(command, owner)]
        article = None
        if understood.also is None and is_question(incoming.text):
            article = conversation.understanding.article_answer(incoming.text, context)
        if article is not None and article.decision.kind == "answer":
            answer = conversation.views.answer(article.answer)
            replies.insert(0, replace(answer, visibility=Visibility.PRIVATE))
        turn = Turn(understood.decision, replies)
        if not incoming.preview:  # ("yes" points at the button; an older offer is not run)
            memory.offer(conversation.engine, incoming.place.channel, key, memory.AWAITING_CONFIRM)
    if understood.also is not None:
        turn.replies.extend(replies_beside(conversation, incoming, understood.also, context))
    return turn
