"""Orders said in words the readings do not know, read as the words they know: a dictated
"cancel" the phone heard as "cancer", a colleague's access "cancelled" (revoked), shared, let in
on or "no more" for someone, a change of access undone (the opposite change), an order made of a
verb and the change's noun ("go ahead and do the upgrade", "pls process the cancellation"), and
the cancellation wanted undone in the passive ("I need that cancellation undone"). Each is
rewritten only where it orders: not negated, not asked about, not someone else's ("They'll
complete the upgrade"), so every reading after it decides as it would on the plain words."""

from __future__ import annotations

import re

# "I want to cancer the premium support" (never "cancer research", "We sell cancer support
# merchandise": only after what asks for a change).
_MISHEARD_CANCEL = re.compile(
    r"(^\W*|\b(?:to|please|pls|plz|can\s+you|could\s+you|just|and|gonna|wanna)\s+)"
    r"cancer(?=\s+(?:the|our|my|this|that|it|auto|subscription|plan|support|renewal|"
    r"membership)\b)",
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
# Access given or taken in other words: "Share billing access with <@X>", "please no more
# billing for <@X>", "<@X> shouldn't be on billing. Please fix."
_SHARED = re.compile(r"\bshare\s+(?:the\s+|our\s+)?billing(?:\s+access)?\s+with\s+(<@\w+>)", re.I)
_NO_MORE_FOR = re.compile(
    r"(?<!\bif )(?<!\bwhen )\bno\s+more\s+billing(?:\s+access)?\s+for\s+(<@\w+>)", re.I
)
_SHOULD_NOT_HAVE = re.compile(
    r"(<@\w+>)\s+(?:shouldn'?t|should\s+not)\s+(?:be\s+on|have)\s+billing(?:\s+access)?\W+"
    r"(?:please\s+|pls\s+)?(?:fix|remove|revoke|take|change)\b",
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
# (the negation in the same clause: "This wasn't us. I need that cancellation undone" asks; a
# question about the undoing itself right after: "do we need the cancellation undone?")
_CLAUSE_MARKS = ".!?,;:\n"
_QUESTION_AFTER = re.compile(r"\s*+(?:\w++\s*+){0,3}\?")


def in_order_words(text: str) -> str:
    """`text` with the orders it says in other words said in the words the readings know."""
    text = _MISHEARD_CANCEL.sub(r"\1cancel", text)
    text = _CANCELLED_ACCESS.sub(" revoke ", text)
    given = r"give \1 billing permissions"
    text = _LET_IN_ON.sub(given, _SHARED.sub(given, text))
    text = _NO_MORE_FOR.sub(r"revoke billing permissions from \1", text)
    text = _SHOULD_NOT_HAVE.sub(r"revoke billing permissions from \1. please", text)
    text = _NOMINAL_ORDER.sub(_verbal, access_undone(text))
    return _UNDONE_WANTED.sub(_undo_asked, text)


def _verbal(found: re.Match[str]) -> str:
    verb = _NOMINAL_VERB[found.group(1).lower()]
    after = found.string[found.end() : found.end() + 5].lower()
    if after.startswith((" of ", " for ")) and verb.endswith(" the plan"):
        return verb.removesuffix(" the plan")  # ("process the cancellation of order 1234")
    return verb


def _undo_asked(found: re.Match[str]) -> str:
    before = found.string[max(0, found.start() - 30) : found.start()]
    before = before[max(before.rfind(mark) for mark in _CLAUSE_MARKS) + 1 :]
    asked = _QUESTION_AFTER.match(found.string, found.end())
    if _NEGATED_BEFORE.search(before) or asked:
        return found.group(0)
    who = found.group("who")  # (kept: "If we want the cancellation reversed, …" stays a condition)
    return f"{who} want to undo the cancellation" if who else "please undo the cancellation"


# A change of access undone is the other change: "Undo revoking <@X>'s billing please", "Reverse
# the billing removal for <@X>" give it back; "Reverse the grant of billing access to <@X>" takes
# it away; so does a mistake told, then undone ("We gave <@X> billing access by mistake
# yesterday. Please undo it.", "We removed <@X> from billing by mistake. Please put him back.").
_ACCESS_UNDONE = re.compile(
    r"\b(?:undo|reverse|revert|roll\s+back)\s+(?:the\s+)?(?P<what>revok\w*|remov\w*|revocation|"
    r"billing\s+removal|grant\w*|giving|billing\s+grant)\b[^.!?\n]{0,30}?(?P<who><@\w+>)",
    re.I,
)
_MISTAKE_UNDONE = re.compile(
    r"\b(?:we|i|someone|they)\s+(?P<what>gave|granted|added|removed|revoked|took)\s+(?P<who><@\w+>)"
    r"[^.!?\n]{0,60}?\b(?:by\s+mistake|by\s+accident|accidentally|in\s+error|wrongly)\b[^.!?\n]{0,40}"
    r"[.!?,;]\s*(?:please\s+|pls\s+|can\s+you\s+|could\s+you\s+)?(?:undo|reverse|revert|fix)\s+"
    r"(?:it|that|this)\b|"
    r"\b(?:we|i|someone|they)\s+(?P<what2>removed|revoked|took)\s+(?P<who2><@\w+>)[^.!?\n]{0,60}?"
    r"\b(?:by\s+mistake|by\s+accident|accidentally|in\s+error)\b[^.!?\n]{0,40}[.!?,;]\s*"
    r"(?:please\s+|pls\s+)?put\s+(?:him|her|them)\s+back\b",
    re.I,
)
_TAKEN = ("revok", "remov", "took", "billing removal")


def access_undone(text: str) -> str:
    """`text` with an undoing of a change of access said as the opposite change."""
    found = _ACCESS_UNDONE.search(text) or _MISTAKE_UNDONE.search(text)
    if found is None:
        return text
    what = (found.group("what") or found.group("what2") or "").lower()
    who = found.group("who") or found.group("who2")
    giving = what.startswith(_TAKEN)
    said = f"give {who} billing permissions" if giving else f"revoke billing permissions from {who}"
    return f"{text[: found.start()]}{said}.{text[found.end() :]}"
