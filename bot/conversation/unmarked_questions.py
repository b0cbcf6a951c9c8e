"""Questions about a change written without a question mark, as customers type them in Slack
(helper-208's attack, 2026-12-07: 25 of 250 such messages written first got a change): a change
set equal to what it means or pointed at what follows ("upgrade = phone support right", "cancel
premium -> refund?"), a question's word left at the end ("cancel premium button where", "stop
auto renew how", "downgrade to standard mid contract possible", "cancel premium good idea"),
asked to be explained ("explain cancel premium", "Please tell upgrade premium cost", "we want
know: remove billing access from user, what steps"), thought about ("thinking cancel premium",
"planning cancel premium Q2"), a gerund asked about ("canceling premium does that remove my
billing access"), or asked in the writer's other language ("premium upgrade kitna cost hai",
"upgrade premium eh vale a pena", "Kann man Premium upgraden nur jährlich…").

Each yields to an order said outright: the change asked of the bot politely ("please cancel
premium, how long does it take"), going ahead, or now ("cancel premium asap how long")."""

from __future__ import annotations

import re

from bot.conversation.commands import CHANGE_VERB, ORDER_OPENING
from bot.conversation.talked_about import CHANGE_NAMED

# The change asked of the bot outright: politely, with "can you", going ahead, or now.
_ORDERED = re.compile(
    r"\b(?:please|pls|plz|kindly)\s+(?:(?!explain|tell|let|show)\w+\s+){0,2}?" + CHANGE_VERB + r"|"
    # (an order in a clause of its own: "…means we save 2k a year so cancel it", "explain this
    # charge and cancel premium", "stop thinking and cancel premium")
    r"(?:[,;]\s*|\b(?:so|then|and|just)\s+)(?:" + ORDER_OPENING + r")|"
    r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?" + CHANGE_VERB + r"|"
    r"\b(?:" + CHANGE_VERB + r")[^.!?\n]{0,40}?\b(?:please|pls|plz)\b|"
    r"\b(?:would|do)\s+you\s+mind\b|\blet'?s\s+(?:\w+\s+)?" + CHANGE_VERB + r"|"
    r"\b(?:i|we)(?:'d|\s+would)\s+like\s+to\b|\b(?:i|we)\s+(?:want|need)\s+to\s+"
    + CHANGE_VERB
    + r"|"
    r"(?:^|[.!?\n]\s{0,3})(?:please|pls|plz|kindly)\b(?!\s+(?:explain|tell|let|advise|confirm|"
    r"clarify|help|send|share|answer))|"
    r"\b(?:go\s+ahead|proceed|do\s+it|asap|right\s+away|right\s+now|immediately|today)\b",
    re.I,
)
# A change set equal to its meaning, or pointed at what follows (not at a tier, a colleague or
# "us": "switch our support tier standard -> premium", "billing access → <@X> thx").
_ARROW = re.compile(
    r"(?:(?<!=)={1,2}(?![=>])|(?:(?<!-)-{1,4}>|→|⇒|=>)(?=[^.!\n]{0,60}(?:\?|\b(?:do|does|can|is|are|what|how|when|"
    r"refund\w*|right|possible)\b)))[ \t]{0,3}[`*_~]{0,3}"
    r"(?!(?:yes|y|ok|okay|please|pls|now|asap|do\s+it)\b)(?P<next><@|[\w']+)"
)
# A question's word left at the end of the message (or of its last line).
_ENDS_ASKING = re.compile(
    r"(?<!\bmatter\s)(?<!\bknow\s)(?<!\bknows\s)(?<!\bas\s)(?<!\bif\s)(?<!\bask\s)(?<!story\s)"
    r"(?<!\ball\s)(?<!that's\s)(?<!thats\s)(?<!\bwhen\s)"
    r"\b(?:how|where|when|why|possible|right|correct|good\s+idea|bad\s+idea|a\s+good\s+idea|"
    r"pros\s*(?:/|and|&)\s*cons|worth\s+it|eligib\w*|or\s+(?:extra|not|both|no)|"
    r"what\s+exactly|means?\s+what|yes\s+or\s+no|how\s+long|how\s+much|which\s+one)\W*$",
    re.I,
)
# Asked to be explained, or only thought about.
_ASKS_WORDS = re.compile(
    # (asked to explain it, opening a sentence or asked politely: not "let me explain",
    # "I can't explain it")
    r"(?:^|(?<=[.!?\n,:])[ \t]*+|\b(?:please|pls|plz|kindly|can\s+you|could\s+you)\s+)"
    r"explain\w*\s+(?:(?:to\s+)?(?:me|us)\s+)?(?:how|what|"
    r"the|it|this|steps?|cancel\w*|upgrad\w*|resum\w*|revok\w*|grant\w*|remov\w*)\b|"
    r"\b(?:tell\s+(?:me\s+|us\s+)?(?:about\s+|how\s+|what\s+|if\s+|whether\s+|the\s+)?"
    r"(?:\w+\s+){0,3}?(?:cost|price|steps?|process|effects?|works?)|means?\s+what|"
    r"what\s+(?:are\s+the\s+)?steps|what\s+happens|want\s+(?:to\s+)?know|effects?\s+first)\b|"
    # (thought about, the change right after: not "been thinking about it — cancel premium")
    r"\b(?:thinking|planning|considering|wondering|curious)\s+(?:(?:of|about|to|on|whether|if)\s+)?"
    r"(?:\w+\s+)?" + CHANGE_VERB,
    re.I,
)
# A sentence that opens as a question ("can resume be done over phone support", "would giving
# <@X> billing let him undo the cancel", "do we get anything else besides phone"; not "can we
# get premium", "could you cancel it", which ask for it), one said a question at its end
# ("Premium upgrade question 🙋"), a question after a dash ("revoke billing access — does that
# notify the person"), a time after the change ("after cancel premium, invoices still
# visible"), a deadline asked ("cancel deadline before renewal").
_OPENS_ASKING = re.compile(
    r"^[^\w<]*+(?:(?:can|could|will|would|should)\s+(?:(?:\w+ing|resume|cancel\w*|upgrade|"
    r"revok\w*|grant\w*)\s+(?:[\w<@>]+\s+){0,3}?(?:be|let|make|mean|affect)|(?:non-\w+|other|"
    r"regular|normal)\s+(?:users?|admins?|members?|people))\b|(?:(?:do|does|did)\s+(?!it\b)"
    r"(?:we|i|our|my|it|that|this)|(?:is|are|was|were)\s+"
    r"(?!it\s+(?:possible|ok|okay|fine)\b)(?:we|i|our|my|it|that|this|the))\b)|"
    r"(?<![—–-])[—–-]{1,4}\s*does\s+(?:that|it|this|the|my|our)\b|"
    r"^[^\w]*+(?:after|once|until)\s+(?:we\s+|i\s+)?(?:cancel\w*|upgrad\w*|resum\w*|revok\w*|"
    r"grant\w*|giving|remov\w*)|"
    r"\b(?:cancel\w*|upgrad\w*|resum\w*)\s+deadline\b",
    re.I,
)
# A change named with "question" after it, as a topic and the whole message: "Premium upgrade
# question 🙋" (not "Quick resume question. Can we undo the cancellation…", which asks it).
_QUESTION_LAST = re.compile(r"(?<!\bno\s)\bquestions?\b(?=\W*$)", re.I)
_TOPIC_WORDS = 6
# A gerund asked about: "canceling premium does that remove my billing access".
_GERUND_ASKED = re.compile(
    r"\b(?:cancel+ing|upgrading|resuming|revoking|granting|giving|removing|downgrading)\b"
    r"[^.!?\n]{0,60}?\s(?:does|do|will|would|means?)\s+(?:that|it|this|we|i|my|our|the|u|you)\b",
    re.I,
)
# Another language's question words, which no English reading knows.
_ASKED_ABROAD = re.compile(
    r"\b(?:kann\s+man|kitna(?!\s+bhi)|kitne(?!\s+bhi)|kya(?!\s+(?:aap|ap|tum)\b)|vale\s+a\s+pena|"
    r"pierdo|perdemos|perco|"
    r"combien|cu[áa]nto|quanto|wie\s+viel|wieviel)\b",
    re.I,
)


_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")
# An order opening a clause of a sentence that asks nothing ("…anymore, kill it.").
_CLAUSE_ORDER = re.compile(
    r"(?:^[^\w]*|[,;:]\s*|\b(?:so|then|just|and|but)\s+)" + ORDER_OPENING, re.I
)


def asked_unmarked(text: str, own: frozenset[str] = frozenset()) -> bool:
    """Whether the message asks about the change it names, without a question mark, and does
    not ask the bot to make it, in the asking sentence or another (`own`: the words that name
    our tiers and nothing else, whose_plan.no_company_words; an arrow pointing at one moves)."""
    first = CHANGE_NAMED.search(text)
    if first is None or _ORDERED.search(text):
        return False
    sentences = [found.group(0) for found in _SENTENCE.finditer(text)]
    if len(sentences) == 1 and len(text.split()) <= _TOPIC_WORDS and _QUESTION_LAST.search(text):
        return True
    asking = [
        n
        for n, sentence in enumerate(sentences)
        if _asks(sentence, own) or (n == len(sentences) - 1 and _ends_asking(sentence))
    ]
    if not asking:
        return False
    # (an order in a sentence of its own: "kill it. what happens to tickets already open")
    return not any(
        _CLAUSE_ORDER.search(sentence) for n, sentence in enumerate(sentences) if n not in asking
    )


def _asks(sentence: str, own: frozenset[str]) -> bool:
    arrows = [found for found in _ARROW.finditer(sentence) if CHANGE_NAMED.search(sentence, 0, 200)]
    pointed = any(
        found.group("next").lower() not in own | {"us", "to", "me"} and found.group("next") != "<@"
        for found in arrows[:3]
    )
    return bool(
        pointed
        or _ASKS_WORDS.search(sentence)
        or _GERUND_ASKED.search(sentence)
        # (a sentence with its question mark is asked as such, and read so elsewhere: "Will the
        # invoice show the warehouse price?" after an order)
        or ("?" not in sentence and _OPENS_ASKING.search(sentence))

        or _ASKED_ABROAD.search(sentence)
    )


def _ends_asking(sentence: str) -> bool:
    """A question's word left at the end of the last sentence, which names the change."""
    return bool(_ENDS_ASKING.search(sentence) and CHANGE_NAMED.search(sentence))
