"""A message that tells what was done, and what it asks after that: "we switched to premium last
month, now cancel it" asks in a clause of its own; "we switched to premium last month. thanks"
only tells. Read piece by piece, beside the request the whole message's words resemble."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.conversation.asides import pieces
from bot.conversation.closest import best
from bot.conversation.commands import asks_to_be_told, politely_asks
from bot.conversation.intents import IntentClassifier, Match
from bot.conversation.plain_requests import orders_plainly
from bot.conversation.signals import orders
from bot.conversation.told import asks_leave_to_keep, tells_done
from bot.knowledge.text import is_request

# "thanks! also please cancel premium": thanks first, then what is asked, in a piece of its own.
_THANKS_FIRST = re.compile(r"^\W*(thanks|thank you|thx|ty|cheers|great|perfect|got it)\b", re.I)


def asked_after_told(text: str, classifier: IntentClassifier, floor: float) -> Match | None:
    """The action a piece of its own asks after a story of what was done (at least `floor`
    close): that piece's action is the request, not the story's."""
    if not (tells_done(text) or _THANKS_FIRST.match(text)):
        return None
    for piece in pieces(text):
        # (not a confirmation asked of what was told: "I've just granted <@X> billing access in
        # the settings. Can you confirm she can see invoices now?")
        asked = is_request(piece) and not asks_to_be_told(piece)
        if asked or orders(piece) or classifier.commands(piece):
            asked = best(classifier.ranked(piece), "action")
            if asked is not None and asked.score >= floor:
                return asked
    return None


def only_tells(text: str, classifier: IntentClassifier, settings: Settings) -> bool:
    """Whether the message tells what happened and asks nothing; "my colleague cancelled by
    mistake, please restore it" asks in its second clause."""
    if not tells_done(text):
        return False
    return not any(
        (is_request(p) and not asks_to_be_told(p))
        or (politely_asks(p) and not asks_to_be_told(p))
        or orders(p)
        or classifier.commands(p)
        or asks_leave_to_keep(p)  # ("I cancelled premium… can we keep it after all?")
        or orders_plainly(p, settings)
        for p in pieces(text)
    )
