"""The one place that wires the bot together: settings -> database -> knowledge -> billing ->
conversation. Every front end (Slack, the console, `supportbot ask`, the CLI's admin commands)
starts from `open_services`; nothing is reached through hidden attributes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.billing import open_billing
from bot.billing.linking import Linking
from bot.billing.service import BillingService
from bot.config import Settings
from bot.conversation.actions import Actions
from bot.conversation.engine import Conversation
from bot.conversation.intents import IntentClassifier, load_intents, not_answered
from bot.conversation.notices import Notices
from bot.conversation.personal import Personalizer
from bot.conversation.tickets import TicketDesk
from bot.conversation.understand import Understanding
from bot.conversation.views import Views
from bot.db import now_utc
from bot.knowledge import KnowledgeBase, open_knowledge_base
from bot.knowledge.text import is_english_word
from bot.knowledge.tier_words import synonyms_as_keys


@dataclass
class Services:
    settings: Settings
    knowledge: KnowledgeBase
    billing: BillingService
    conversation: Conversation
    notices: Notices

    @property
    def engine(self) -> Engine:
        return self.billing.engine


def open_knowledge(settings: Settings) -> KnowledgeBase:
    """The knowledge base, told by the vendor's intents what its articles do not answer. The
    English word list is loaded here, at start-up, not by the first customer's message."""
    is_english_word("support")
    intents = load_intents(settings.intents.path)
    return open_knowledge_base(
        settings, not_answered(intents), near_topics=not_answered(intents, knowledge_only=True)
    )


def intent_classifier(settings: Settings) -> IntentClassifier:
    """The vendor's intents, reading its tier synonyms as the tiers they name."""
    return IntentClassifier(
        load_intents(settings.intents.path),
        rewrite=functools.partial(synonyms_as_keys, settings=settings),
    )


def build_conversation(
    settings: Settings,
    knowledge: KnowledgeBase,
    billing: BillingService,
    clock: Callable[[], datetime] = now_utc,
) -> Conversation:
    classifier = intent_classifier(settings)
    views = Views(settings)
    actions = Actions(billing, Linking(billing), views)
    desk = TicketDesk(billing.engine, settings, actions.status_of)
    return Conversation(
        settings,
        billing.engine,
        Understanding(knowledge, classifier),
        actions,
        desk,
        Personalizer(settings),
        clock,
    )


def open_services(
    settings: Settings,
    database_url: str | None = None,
    *,
    knowledge: KnowledgeBase | None = None,
    billing: BillingService | None = None,
    clock: Callable[[], datetime] = now_utc,
) -> Services:
    """Everything wired; `clock` is "now" for the conversation's hour-dependent rules (tests
    pass a fixed one). The knowledge base is warmed here, where a conversation will answer
    from it, not where a command only searches it (`kb search`)."""
    knowledge = knowledge or open_knowledge(settings)
    knowledge.warm()
    billing = billing or open_billing(settings, database_url)
    conversation = build_conversation(settings, knowledge, billing, clock)
    return Services(settings, knowledge, billing, conversation, Notices(settings, conversation))
