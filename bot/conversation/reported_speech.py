"""Requests that are someone else's words or an accident to undo, not the asker's request:
"Someone said 'just cancel premium lol' but we're not going to", "My coworker asked: 'can we
resume premium?' I told him to ask you", "I accidentally clicked upgrade to premium, I didn't
mean to. can you undo?" (undoing an upgrade is not upgrading)."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.conversation.commands import ORDER_OPENING

# Quoted words: between quotation marks that are not apostrophes ("we're", "don't"), which the
# words inside may have ('cancel everything and let's go live in the woods').
QUOTED = re.compile(
    r"\"[^\"]{3,200}\"|“[^”]{3,200}”|‘[^’]{3,200}’|"
    r"(?<!\w)'(?:[^'\n]|(?<=\w)'(?=\w)){3,200}?'(?!\w)"
)
# "can you undo?", "please revert that", "roll it back": undoing what was just told.
# (read on the message's end with its whitespace collapsed: no run of spaces to backtrack over)
_UNDO_IT = re.compile(
    r"(?:^|[.!?,;] ?)(?:(?:can|could|would) (?:you|u) |please |pls )?"
    r"(?:undo|revert|roll (?:it |that |this )?back|reverse)(?: (?:it|that|this))?"
    r"(?: please| pls)? ?[?.!]*$",
    re.I,
)
_END = 120


# A Slack quote ("> Dana: fine, approved…", a draft pasted to be proofread) is someone else's
# words, or words not yet sent.
QUOTE_LINE = re.compile(r"^\s*(?:>|&gt;).*$", re.M)


# ... unless the asker's own words ask it be done ("> fwd from Mark (CFO): Kill the premium
# subscription. … can u handle"): a forwarded order, asked.
DO_IT = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?(?:handle|do|action|process|"
    r"take\s+care|sort|make)\b|\b(?:please|pls|plz)\s+(?:do|handle|action|process|proceed)\b|"
    r"\bgo\s+ahead\b|\bdo\s+it\b|\bmake\s+it\s+happen\b|"
    # ("per Mark's note above 👆 thanks")
    r"\bper\s+\S+\s+(?:note|message|request|e-?mail|instructions?)\b|\bas\s+(?:requested|asked)\b|"
    r"\bsee\s+above\b",
    re.I,
)


def only_quoted(text: str, names_action: Callable[[str], bool]) -> bool:
    """Whether every word of an action is inside quotation marks or quoted lines: reported (or
    drafted), not asked."""
    lines = QUOTE_LINE.search(text) and not DO_IT.search(QUOTE_LINE.sub(" ", text))
    if not (QUOTED.search(text) or lines):
        return False
    rest = QUOTED.sub(" ", text)
    return not names_action(QUOTE_LINE.sub(" ", rest) if lines else rest)


# The asker's own words about a quoted order disown it: "> Please cancel our premium support\n
# this was NOT sent by me, someone is spoofing our domain", "…this was in my drafts, I didn't
# send it", "our reseller sent this template. we're not sending it", "she sent me this, I'm
# not doing it", "this is a forgery", "someone hacked my email and sent this". (Not "that account
# is fake, a scammer got in. revoke it asap", nor "I'm not going to argue, please upgrade".)
_DISOWNED = re.compile(
    r"\bnot\s+(?:sent|written)\s+by\s+(?:me|us)\b|\b(?:did\s*n[o']?t|never)\s+(?:send|sent|write|"
    r"wrote)\b|\bspoof\w*|\b(?:is|was|looks\s+like)\s+(?:a\s+)?(?:forgery|forged|phishing)\b|"
    r"\bhacked\b|\b(?:in\s+(?:my|our)\s+drafts?|a\s+draft|template)\b|"
    r"\b(?:i'?m|we'?re|i\s+am|we\s+are)\s+not\s+(?:doing|sending)\s+(?:it|this|that)\b|"
    r"\bwo\s*n[o']?t\s+(?:do|send)\s+(?:it|this|that)\b|\bi\s+refuse\b|"
    r"\b(?:was\s*n[o']?t|not)\s+(?:me|us|mine|ours)\b|\bignore\s+(?:it|this|that)\b",
    re.I,
)
# ... unless they order it themselves ("…yes this is legit, cancel it please")
_ORDERED_TOO = re.compile(
    r"\b(?:please|pls|plz)\b[^.!?\n]{0,40}\b(?:cancel|upgrade|resume|revoke|remove|grant|give|do)\b|"
    r"\b(?:cancel|upgrade|resume|revoke|remove|grant|give)\s+(?:it|that|this|them|us)\b"
    r"[^.!?\n]{0,20}\b(?:please|pls|plz|asap|now)\b",
    re.I,
)


def quote_disowned(text: str) -> bool:
    """Whether the message quotes lines (Slack's "> ") and its own words disown them, asking
    nothing done: the quoted order is a draft, a template or a forgery."""
    if not QUOTE_LINE.search(text):
        return False
    own = QUOTE_LINE.sub(" ", text)
    return bool(_DISOWNED.search(own)) and not (DO_IT.search(own) or _ORDERED_TOO.search(own))


def undoes_what_was_done(text: str) -> bool:
    """Whether the message ends by asking to undo what it told ("…can you undo?")."""
    return bool(_UNDO_IT.search(" ".join(text[-_END * 4 :].split())[-_END:]))


# A request put to a colleague named first: "<@U0SUE> can you resume the premium plan from your
# side when you get a sec? you're the one with billing access". (Slack takes the bot's own
# mention out before the core reads a message: a mention that opens it names someone else.)
# (or told to one, looped in: "Looping in <@X>: you'll be the one approving the premium upgrade")
_ASKS_COLLEAGUE = re.compile(
    r"^\W*<@U\w+(?:\|[^>]*)?>[\s,:]*(?:(?:can|could|would|will)\s+(?:you|u)|please|pls|plz)\b|"
    # ("cc <@U0CFO> can you sign off on cancelling premium?"; not "cc <@X> please cancel premium")
    r"^\W*cc:?\s+<@U\w+(?:\|[^>]*)?>[\s,:]*(?:can|could|would|will)\s+(?:you|u)\b",
    re.I,
)
_TOLD_COLLEAGUE = re.compile(
    r"^\W*(?:(?:looping|loop|bringing|adding)\s+in\s+)?<@U\w+(?:\|[^>]*)?>[\s,:]*"
    r"(?:you(?:'ll|'re|\s+own|\s+are|\s+will)\b|about\b)",
    re.I,
)
# ... unless the asker orders the bot after it ("<@X> you own the budget so FYI: cancel premium")
_ORDERED_AFTER = re.compile(r"(?:^|[.:;!?]\s*|\bso\s+)" + ORDER_OPENING, re.I)


def asked_of_colleague(text: str) -> bool:
    """Whether the message opens by asking a colleague it mentions (not the bot), or by telling
    one, looped in, of a decision that is theirs."""
    if _ASKS_COLLEAGUE.match(text):
        return True
    told = _TOLD_COLLEAGUE.match(text)
    return told is not None and not _ORDERED_AFTER.search(text, told.end())

