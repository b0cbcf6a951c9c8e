"""The conversation core: Slack, the console, `supportbot ask` and the sales chat call
`Conversation.handle(Incoming) -> Turn`. Nothing in this package imports Slack or Bolt."""

from bot.conversation.engine import Conversation
from bot.conversation.messages import (
    Button,
    Confirm,
    Decision,
    Incoming,
    Place,
    Press,
    Reply,
    Surface,
    Turn,
    Visibility,
    Where,
)

__all__ = [
    "Button",
    "Confirm",
    "Conversation",
    "Decision",
    "Incoming",
    "Place",
    "Press",
    "Reply",
    "Surface",
    "Turn",
    "Visibility",
    "Where",
]
