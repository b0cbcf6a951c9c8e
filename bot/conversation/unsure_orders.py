"""An order the readings found that the learned odds (order_odds.py) find unlikely: asked about
first, never quoted. The hand-written readings know the shapes that hold an order back that
their writers met ("no need to upgrade", "supposing…", "my cousin's plan"); customers find more
("I'd love to revoke his access, but he's the CFO 🤷", "forwarding from my ops guy: 'can we
cancel premium' — I disagree"). The odds, learned from every labelled message as it was meant,
rate such a message far below any order written plainly: below UNSURE_ODDS the bot asks "shall
I…?" with one button to the usual Confirm card, so a message that asked for nothing gets no
quote, and one that did costs one more click.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.config import Settings
from bot.conversation.dated import ACCESS_NAMED
from bot.conversation.doubt_marks import doubtful
from bot.conversation.messages import Decision
from bot.conversation.order_odds import ordered_change, shipped
from bot.conversation.tiers import tier_named_in
from bot.conversation.understood import Understood
from bot.knowledge.text import split_sentences

# Chosen on the request sets (2026-12-07, odds of the message as the readings see it, respelled
# and in English): of the orders the readings found that were meant, 5 of 2,297 on the learned
# sets and 5 of 824 on the unread and unlearned ones are below 0.1; of the changes nobody asked
# for that they found, 2 of 3 on the unread ones, and 3 of 5 on a blind set written after
# (helper-159's negation set G), whose 25 orders all stay above.
UNSURE_ODDS = 0.1
# The changes asked first when unsure (a status or a link changes nothing of the plan).
CHANGES = frozenset({"upgrade", "cancel", "resume", "downgrade", "grant", "revoke"})


def asked_first(text: str, read: Understood, settings: Settings) -> Understood | None:
    """`read` as a question to its asker ("clarify", naming the change), when it is a change
    read from words (never a typed command, nor a "yes" to the bot's own offer) whose message
    `text` the odds find unlikely to order it, or beside a mark that leaves it open
    (doubt_marks.py); None otherwise."""
    command = read.command
    if read.decision.kind != "action" or command is None or not command.from_words:
        return None
    if command.action not in CHANGES:
        return None
    # (an order and a question beside it, "Upgrade us to premium. Does it cost more for
    # warehouse accounts?": the order is weighed without the question, which the odds learned
    # asks about a change, not for it)
    told = text.replace(read.also.text, " ") if read.also is not None else text
    odds, _ = ordered_change(told, settings)
    odds = max(odds, _closing_ask_odds(told, settings))
    if odds >= UNSURE_ODDS and not doubtful(told):
        return None
    decision = Decision("clarify", command.action, intent=read.decision.intent, confidence=odds)
    return replace(read, decision=decision)



# A closing ask of its own, said politely: "…she has no permission. Please could you grant the
# billing access to her, <@X>?\nMany thanks, Gustavo".
_POLITE_ASK = re.compile(
    r"^\W*(?:(?:so|and|then|hence|therefore)\s+)?(?:please|pls|plz|kindly|(?:please\s+)?(?:can|could|"
    r"would|will)\s+(?:you|u))\b",
    re.I,
)

_FOR_A_WHILE = re.compile(
    r"\bfor\s+(?:just\s+|only\s+)?(?:a|one|1|two|2|three|3|a\s+few|a\s+couple\s+of)\s+(?:days?|"
    r"weeks?|months?)\b",
    re.I,
)


def _closing_ask_odds(text: str, settings: Settings) -> float:
    """The odds of the message's last sentence of four words or more, when it asks politely: a
    letter's story before its ask weighs the whole message's odds down."""
    sentences = [s for s in split_sentences(text) if len(s.split()) >= 4]
    if len(sentences) < 2 or not _POLITE_ASK.match(sentences[-1]):
        return 0.0
    # (naming what changes: not "Can you upgrade it?" after "our API rate limit is killing us")
    if not (tier_named_in(sentences[-1], settings) or ACCESS_NAMED.search(sentences[-1])):
        return 0.0
    if _FOR_A_WHILE.search(sentences[-1]):
        return 0.0  # ("Could you switch us to premium for just one month?": a term of its own)
    return shipped().of(sentences[-1], settings)
