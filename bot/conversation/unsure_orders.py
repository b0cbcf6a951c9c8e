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
from bot.conversation.asides import NO_EMOJI
from bot.conversation.commands import CHANGE_VERB
from bot.conversation.messages import Decision
from bot.conversation.order_odds import ordered_change
from bot.conversation.understood import Understood

# Chosen on the request sets (2026-12-07, odds of the message as the readings see it, respelled
# and in English): of the orders the readings found that were meant, 5 of 2,297 on the learned
# sets and 5 of 824 on the unread and unlearned ones are below 0.1; of the changes nobody asked
# for that they found, 2 of 3 on the unread ones, and 3 of 5 on a blind set written after
# (helper-159's negation set G), whose 25 orders all stay above.
UNSURE_ODDS = 0.1
# Marks that leave an order's meaning open whatever its words: a "no" emoji beside it (":x:
# cancel premium" may tick the item or refuse it), a doubt ("upgrade :thinking_face:"), an order
# asked twice over ("cancel premium??"), a note that it was not meant or was edited ("cancel
# premium (not really)", "upgrade us (edited: disregard)"). Asked about, never quoted: one click
# more for an order, no Confirm card for a refusal.
_DOUBTFUL = re.compile(
    r"🤔|:thinking(?:_face)?:|:face_with_raised_eyebrow:|🤨|"
    r"\((?:not\s+really|edit(?:ed)?\b[^)]*|jk|kidding|lol\s+no)\)|"
    # (an ultimatum: "fix the sync or cancel premium, your choice 😤")
    r"\byour\s+(?:choice|call|pick)\b",
    re.I,
)
# ... or a wish vented or weighed, and not asked of the bot: "I want to cancel premium so bad
# after that ticket", "part of me wants to…", "honestly I should just cancel premium" (not "I
# think we should probably cancel Premium support. … Could you cancel it please")
_VENTED = re.compile(
    r"\bso\s+bad(?:ly)?\b|\bpart\s+of\s+me\b|\btempted\s+to\b|"
    r"\b(?:i|we)\s+(?:should|could|might)\s+(?:just|probably|honestly|really|maybe)\b",
    re.I,
)
_ASKED_OF_US = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u)\b|\b(?:please|pls|plz|kindly)\b", re.I
)
# An order alone, asked twice over ("cancel premium??", "upgrade to premium?!"): not "can you
# reactivate the auto renew??", a request urged.
_ASKED_TWICE = re.compile(r"\?\s*[?!]\s*$")
_BARE = re.compile(
    r"(?!\W*(?:can|could|would|will|pls|please|plz)\b)\W*(?:\w+\W+){0,4}\w*\W*", re.I
)
# (a "no" emoji beside words that say no themselves is their mood: "dont want premium anymore,
# kill it 🙅‍♀️", "not renewing premium. make sure we dont get charged again :no_entry:")
# (and at the message's edge or right after the order's words, not between a story and the
# order: "cancel renewal 👎 we need phone support", not "Standard support 👎 upgrade us")
_NO_MARK = re.compile(
    rf"^[\s*_~]*(?:{NO_EMOJI})|(?:{NO_EMOJI})[\s*_~.!]*$|"
    rf"\b{CHANGE_VERB}(?:\s+[\w<@>]+){{0,3}}?\s*(?:{NO_EMOJI})",
    re.I,
)
# (nor one beside a turning off: "turn off premium renewal :x:" marks it off)
_SAYS_NO = re.compile(r"\b(?:not?|nope|don'?t|dont|never|off|any\s*more|no\s+longer)\b", re.I)


def doubtful(text: str) -> bool:
    """Whether marks beside the order leave its meaning open (_DOUBTFUL, _NO_MARK)."""
    if _DOUBTFUL.search(text) or (_ASKED_TWICE.search(text) and _BARE.fullmatch(text)):
        return True
    if _VENTED.search(text) and not _ASKED_OF_US.search(text):
        return True
    return bool(_NO_MARK.search(text)) and not _SAYS_NO.search(_NO_MARK.sub(" ", text))


# The changes asked first when unsure (a status or a link changes nothing of the plan).
CHANGES = frozenset({"upgrade", "cancel", "resume", "downgrade", "grant", "revoke"})


def asked_first(text: str, read: Understood, settings: Settings) -> Understood | None:
    """`read` as a question to its asker ("clarify", naming the change), when it is a change
    read from words (never a typed command, nor a "yes" to the bot's own offer) whose message
    `text` the odds find unlikely to order it; None otherwise."""
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
    if odds >= UNSURE_ODDS and not doubtful(told):
        return None
    decision = Decision("clarify", command.action, intent=read.decision.intent, confidence=odds)
    return replace(read, decision=decision)

