"""An order run on after a clause with no stop between them, as people type in a hurry: "standard
isnt cutting it anymore get us on prem", "we cancelled prem by mistake can u turn renewal back
on". The stop is put back before the message is read, so the clause is read as what it is (a
story, a reason) and the order as an order, by the same steps as a message typed with its stops.
A clause that is not over ("i don't want you to cancel"), asks ("how do i cancel"), or reports,
doubts or negates ("my boss says upgrade us") gets no stop: the words are read as written."""

from __future__ import annotations

import re

from bot.conversation.plain_requests import leads_freely
from bot.conversation.two_asks import LEAD_WORDS, MIN_WORDS, ORDER_LEADS, READ_WHOLE

# A word a clause that is over never ends on: what follows it is still the same clause.
_UNENDED = re.compile(
    r"\b(?:to|and|or|but|so|i|we|you|u|they|he|she|it|not|dont|don't|do|does|did|can|could|"
    r"would|will|should|shall|may|might|must|how|why|what|when|where|who|if|please|pls|plz|the|"
    r"a|an|want|wanted|need|needed|like|let|just|never|then|about|for|of|in|on|with|me|us|is|"
    r"are|was|were|be|been|i'?ll|we'?ll|i'?d|we'?d|gonna|wanna|should've|said|says|asked|told|"
    r"have|has|had|already|no|nope|\w+n't|(?:do|does|did|ca|wo|is|are|was|were|have|has|would|"
    r"should|could)nt|without|your|our|my|their|his|her|its|this|that|these|those|any|some|"
    r"every|each|more|less|very|too|also|still|even)[\W_]*$",
    re.I,
)
# A clause that sets a condition or a time is no story the order follows ("as soon as finance
# signs off get us on premium", "by end of quarter get us on premium").
_CONDITION = re.compile(
    r"^\W*(?:if|unless|when|whenever|once|as\s+soon\s+as|assuming|provided|after|before|by|"
    r"until|till|starting|from|in\s+case|should|next|in\s+(?:january|february|march|april|may|"
    r"june|july|august|september|october|november|december|q[1-4]))\b|"
    r"\b(?:next\s+(?:week|month|quarter|year)|tomorrow|later|eventually|someday|yet|still|"
    r"pending|waiting|deciding|reviewing|may|might|maybe|perhaps|probably|soon|hasn'?t|"
    r"haven'?t|hasnt|havent)\b",
    re.I,
)
# A clause that asks is no reason for an order after it ("on what date does our premium end
# now that we cancelled it").
_ASKS = re.compile(
    r"\b(?:how|what|which|when|where|why|who|whose)\b|"
    r"^\W*(?:is|are|was|were|do|does|did|can|could|will|would|has|have|should|anyone|any)\b",
    re.I,
)
# An order plain enough to stand after a clause without its stop: asked politely ("can u turn
# renewal back on", "pls cancel it") or said to us about our plan ("get us on prem", "turn it
# back on"); a bare verb amid words is as often the clause's own ("my colleague cancel the
# premium", "Option B upgrade to premium", "the connection give error").
_PLAIN_ORDER = re.compile(
    r"(?:(?:can|could|would|will)\s+(?:you|u)\b|(?:please|pls|plz|kindly)\b|"
    r"\w+\s+(?:us|me|it|our|my)\b)",
    re.I,
)
_WAITS_FOR = re.compile(
    r"\b(?:when|once|after|until|till|if|unless|before|as\s+soon\s+as)(?:\s+(?:the|our|my))?\s+\Z",
    re.I,
)
_WORD_START = re.compile(r"(?<=\s)(?=\w)")
_STOPPED = re.compile(r"[.!?;:,\-–—]\W*$")
_LAST_SENTENCE = re.compile(r"[.!?]")
# How much of the words after a word start are read to see whether an order opens there.
_ORDER_CHARS = 80


# A remark that the card is on file, run on after an order: "can u switch acct to premium tier
# card is on file already" (not a time it waits for: "… when our card is valid again").
_CARD_REMARK = re.compile(
    r"(?<=\w)\s+(?=(?:the\s+|our\s+|my\s+)?(?:credit\s+)?card\s+(?:is|'s)\s+(?:already\s+)?"
    r"(?:on\s+file|valid|good|updated|up\s+to\s+date|there)\b)",
    re.I,
)


def stopped(text: str) -> str:
    """`text` with a stop put back before an order run on after a clause that is over and only
    tells; `text` itself when there is none."""
    if len(text) > READ_WHOLE:
        return text  # (a letter is read as written: its sentences are read in its first part)
    remark = _CARD_REMARK.search(text) if _orders_plainly(text.lstrip()) else None
    if remark is not None and not _WAITS_FOR.search(text, 0, remark.end()):
        text = f"{text[: remark.start()]}. {text[remark.end() :]}"
    for start in _WORD_START.finditer(text):
        if not _orders_plainly(text, start.start()):
            continue
        lead, rest = text[: start.start()].rstrip(), text[start.start() :]
        if _STOPPED.search(lead[-4:]):
            return text  # (written with its stop)
        clause = _LAST_SENTENCE.split(lead)[-1]
        if len(clause.split()) < MIN_WORDS:
            continue  # ("pls cancel": an order's own opening)
        held = _UNENDED.search(clause) or _ASKS.search(clause) or _CONDITION.search(clause)
        if held or not leads_freely(clause):
            return text
        return f"{lead}. {rest}"
    return text


def _orders_plainly(text: str, at: int = 0) -> bool:
    """Whether `text` opens at `at` with a plain order (not "and upgrade…": "and" joins, leads
    none)."""
    if not (_PLAIN_ORDER.match(text, at) and ORDER_LEADS.match(text[at : at + _ORDER_CHARS])):
        return False
    return not LEAD_WORDS.match(text[at : at + _ORDER_CHARS]).end()
