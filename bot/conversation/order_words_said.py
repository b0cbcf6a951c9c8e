"""Orders said in words the readings do not know, read as the words they know: a dictated
"cancel" the phone heard as "cancer", a colleague's access "cancelled" (revoked), "let <@X> in on
the billing side" (granted), an order made of a verb and the change's noun ("go ahead and do the
upgrade", "pls process the cancellation"), and the cancellation wanted undone in the passive
("I need that cancellation undone"). Each is rewritten only where it orders: not negated, not
asked about, not someone else's ("They'll complete the upgrade"), so every reading after it
decides as it would on the plain words."""

from __future__ import annotations

import re

# "I want to cancer the premium support" (never "cancer research", "We sell cancer support
# merchandise": only after what asks for a change).
_MISHEARD_CANCEL = re.compile(
    r"\b(to|please|pls|plz|can\s+you|could\s+you|just|and|gonna|wanna)\s+cancer(?=\s+(?:the|our|my|"
    r"this|that|it|auto|subscription|plan|support|renewal|membership)\b)",
    re.I,
)
# "can you cancel her billing permission before Friday?" takes her access away: it cancels no
# plan and grants nothing. Said as an order (not "Did you cancel her billing access?",
# "Cancelling her billing access would be a mistake", "cancel the billing access request").
_CANCELLED_ACCESS = re.compile(
    r"(?:^|(?<=[.,;:!?\n])|(?<=[.,;:!?\n] )|(?<=\bplease )|(?<=\bpls )|(?<=\bkindly )|"
    r"(?<=\bjust )|(?<=\byou )|(?<=\bto )|(?<=\band ))(?<!\bdid you )(?<!\bhave you )"
    r"(?<!\bdo you )cancel\s+"
    r"(?=(?:(?:his|her|their|the|<@\w+>(?:'s)?|[a-z]+'s)\s+)?"
    r"billing\s+(?:access|permissions?|rights|perms|privileges|role)\b(?!\s+(?:requests?|invites?|"
    r"invitations?|e-?mails?|notifications?)\b))",
    re.I,
)
# "can you let <@X> in on the billing side too": billing access given, in an idiom.
_LET_IN_ON = re.compile(
    r"\blet\s+(<@\w+>|him|her|them)\s+in\s+on\s+(?:the\s+)?billing(?:\s+(?:side|stuff|part|end|"
    r"page|tab))?",
    re.I,
)
# "go ahead and do the upgrade", "pls process the cancellation", "please do the reactivation"
# ("process the cancellation of order 1234" cancels the order; "how do the upgrade prices work?",
# "We'll do the upgrade", "They'll complete the upgrade" order nothing of the bot).
_NOMINAL_ORDER = re.compile(
    r"(?<!\bhow )(?<!\bwhy )(?<!\bwhat )(?<!\bwhen )(?<!\bwhere )(?<!\bwe )(?<!\bi )"
    r"(?<!\bthey )(?<!\byou )(?<!'ll )(?<!\bwill )(?<!\bgoing to )(?<!\bgonna )(?<!\bwould )"
    r"(?<!\bdid )(?<!\bdoes )\b(?:do|process|action|perform|execute|complete|proceed\s+with|go\s+"
    r"ahead\s+with|carry\s+out|put\s+through|push\s+through|start)\s+(?:the|my|our|this)\s+"
    r"(upgrade|cancell?ation|cancel|reactivation|resumption)"
    r"(?=\s*(?:$|[.,;!?]|(?:please|pls|plz|now|today|asap|for\s+(?:us|me)|to|of|for|and|so|then|"
    r"yeah|thanks|thank|right|straight|immediately)\b))",
    re.I,
)
_NOMINAL_VERB = {
    "upgrade": "upgrade us", "cancellation": "cancel the plan", "cancelation": "cancel the plan",
    "cancel": "cancel the plan", "reactivation": "reactivate the plan",
    "resumption": "resume the plan",
}  # fmt: skip
# "I need that cancellation undone", "need the cancel reverted pls" ask what "undo the
# cancellation" asks (not "We no longer need the cancellation reversed", "Nobody here would want
# the cancellation reversed", "do we need the cancellation undone?").
_UNDONE_WANTED = re.compile(
    r"\b(?:(?P<who>i|we)\s+)?(?:really\s+)?(?:need|want|would\s+like|'d\s+like)\s+(?:the|that|our|"
    r"my|this)\s+cancel\w*\s+(?:undone|reversed|reverted|rolled\s+back|withdrawn|retracted)\b",
    re.I,
)
_NEGATED_BEFORE = re.compile(
    r"\b(?:not|never|no\s+longer|nobody|no\s+one|none|neither)\b|n't\b|\bdont\b", re.I
)
_QUESTION_AFTER = re.compile(r"[^.!\n]{0,80}\?")


def in_order_words(text: str) -> str:
    """`text` with the orders it says in other words said in the words the readings know."""
    text = _MISHEARD_CANCEL.sub(r"\1 cancel", text)
    text = _CANCELLED_ACCESS.sub(" revoke ", text)
    text = _LET_IN_ON.sub(r"give \1 billing permissions", text)
    text = _NOMINAL_ORDER.sub(_verbal, text)
    return _UNDONE_WANTED.sub(_undo_asked, text)


def _verbal(found: re.Match[str]) -> str:
    verb = _NOMINAL_VERB[found.group(1).lower()]
    after = found.string[found.end() : found.end() + 5].lower()
    if after.startswith((" of ", " for ")) and verb.endswith(" the plan"):
        return verb.removesuffix(" the plan")  # ("process the cancellation of order 1234")
    return verb


def _undo_asked(found: re.Match[str]) -> str:
    before = found.string[max(0, found.start() - 30) : found.start()]
    asked = _QUESTION_AFTER.match(found.string, found.end())
    if _NEGATED_BEFORE.search(before) or asked:
        return found.group(0)
    who = found.group("who")  # (kept: "If we want the cancellation reversed, …" stays a condition)
    return f"{who} want to undo the cancellation" if who else "please undo the cancellation"
