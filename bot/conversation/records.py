"""A message that records rather than asks: meeting notes, a weekly log or a decision log whose
items carry their own status ("- cancel premium: NO, keeping it through peak"), or a chat pasted
with its speakers ("Nina: give billing access to <@X>?\nOwen: nope"). The change is in someone's
line or in an item; the asker's own lines ("For your records only.", "Bot, nothing for you.")
ask none of it. Customers copy such records to the bot to keep it informed or to ask about
something beside them; a change in them is not theirs to have asked."""

from __future__ import annotations

import re

from bot.conversation.commands import CHANGE_VERB
from bot.conversation.undo import with_paid

# The first line names a record: "Weekly update for <@X>, bot cc'd:", "Decision log:",
# "Meeting notes:", "From #ops:", "copying from our team chat:". (Not a to-do list or an
# action list, which may be what the asker asks the bot to do.)
_HEADER = re.compile(
    r"^\W*(?:[^\n:]{0,40}\b)?(?:updates?|logs?|notes|minutes|agenda|stand-?up|recap|summary|"
    r"status|thread|chat|changelog|decisions?|transcript|conversation|call)\b[^\n:]{0,40}:\s*$|"
    r"^\W*(?:(?:copying|copied|pasted|forwarding|forwarded)\s+)?from\s+(?:#[\w-]+|slack|teams|"
    r"whatsapp|e-?mail|our\s+[\w\s]{1,30}?"
    r"|the\s+[\w\s]{1,30}?)[^\n:]{0,20}:\s*$",
    re.I,
)
# A list's item, and a pasted line's speaker ("Nina:", "Kev:"); "Me:" is the asker's own.
_ITEM = re.compile(r"^\s*(?:[-•*–]|\d+[.)]|\[[ xX]?\])\s+")
# (a form's field, a greeting or an ordinal is no speaker: "Plan: Premium Support", "Reason:
# budget cuts", "Hi Bot: …", "First: …")
# (a mention speaks too: "<@X>: upgrade us pls"; and a bulleted speaker: "• Jen: cancel premium")
_SPEAKER = re.compile(
    r"^\s*(?:[-•*–]\s+)?(?P<name>[A-Z][\w.'-]{1,20}|<@U\w+(?:\|[^>]*)?>)(?:\s[A-Z][\w.'-]{0,20})?"
    r"\s*:\s+\S"
)
_NAMES_CHANGE = re.compile(CHANGE_VERB, re.I)  # ("- Upgrade: please do it now" is an item)
_NO_NAMES = frozenset(
    "re subject note ps fyi fwd update edit bot me q a request type action plan tier reason "
    "approval approved effective user colleague name employee person for current requested new "
    "target change status priority date account company team owner ticket details impact email "
    "phone from to cc sent cost price budget term renewal deadline when who what why where how "
    "result outcome decision next question answer item items step todo done hi hey hello dear "
    "thanks thank cheers regards best greetings first second third then finally also issue ask "
    "problem contact store workspace urgent important summary context background order orders "
    "invoice invoices card attention goal reply response link url".split()
)
# An item about a change, and the status it is logged with ("- cancel premium: NO, keeping it",
# "• Upgrade to Premium — deferred to Q3", "2. Cancel renewal of premium?"; not "no longer
# needed").
# (PAID: the vendor's paid tiers' names, undo.paid_alternation)
_CHANGE_ITEM = CHANGE_VERB + r"|\b(?:billing|PAID|tier|plan)\b"
_STATUS = re.compile(
    r"[:—–]\s*(?:[^\w\s]\s*)?(?:no(?!\s+longer)|nope|rejected|declined|deferred|postponed|waiting|"
    r"pending|on\s+hold|not\s+(?:doing|now|yet|approved)|tbd|done|already|kept|keeping|skip\w*|n/a|"
    r"dropped|parked|denied|blocked|later)\b|\s-\s(?:no|done|rejected|deferred|waiting|pending|"
    r"tbd)\b|\?\s*(?:$|(?:waiting|pending|tbd|no|nope|later|blocked)\b)",
    re.I,
)
_ME = re.compile(r"^\s*me\s*:", re.I)
# What in an item, or in the asker's own lines, would ask for a change after all ("- Premium —
# no longer needed, please cancel", "Me: yes please do it").
_ITEM_ASK = re.compile(
    r"\b(?:please|pls|plz|do\s+it|go\s+ahead|proceed|can\s+you|could\s+you)\b", re.I
)
_OWN_ASK = re.compile(
    r"^\W*(?:me\s*:\s*)?(?:(?:yes|yeah|ok|okay|so|then|and)[\s,.!]+)*(?:please\s+|pls\s+|just\s+)?"
    + CHANGE_VERB
    + r"|\b(?:please|pls|plz|can\s+you|could\s+you|would\s+you)\s+(?:\w+\s+){0,2}?"
    + CHANGE_VERB
    + r"|\b(?:do\s+it|go\s+ahead|proceed)\b",
    re.I,
)


def recorded_only(text: str, paid: tuple[str, ...]) -> bool:
    """Whether the message is a record (a log or notes under their header whose change items
    carry their status, or a chat pasted with its speakers) and neither the asker's own lines
    nor an item ask a change of the bot."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    header = bool(_HEADER.match(lines[0]))
    body = lines[1:] if header else lines
    kinds = [_kind(line) for line in body]
    items = [line for line, kind in zip(body, kinds, strict=True) if kind == "item"]
    changes = [line for line in items if with_paid(_CHANGE_ITEM, paid).search(line)]
    logged = bool(changes) and all(_STATUS.search(line) for line in changes)
    if not ((header and (logged or "speaker" in kinds)) or _chat(body, kinds)):
        return False
    if any(_ITEM_ASK.search(line) for line in items):
        return False
    own = [line for line, kind in zip(body, kinds, strict=True) if kind in ("own", "me")]
    return not any(_OWN_ASK.search(line) for line in own)


def _kind(line: str) -> str:
    found = _SPEAKER.match(line)
    if _ME.match(_ITEM.sub("", line, count=1)):
        return "me"
    name = found.group("name") if found is not None else ""
    if name and name.lower() not in _NO_NAMES and not _NAMES_CHANGE.match(name):
        return "speaker"
    return "item" if _ITEM.match(line) else "own"


def _chat(body: list[str], kinds: list[str]) -> bool:
    """Whether the lines are a chat pasted without a header: a speaker's line and another
    speaker's answer right after it, to a question or in a few words ("Nina: revoke <@X> from
    billing?\nOwen: nope", "Tom: we should cancel premium\nAna: agreed")."""
    for n in range(len(body) - 1):
        if kinds[n] != "speaker" or kinds[n + 1] not in ("speaker", "me"):
            continue
        if _name(body[n]) == _name(body[n + 1]):
            continue
        answer = body[n + 1].split(":", 1)[1]
        if body[n].rstrip().endswith("?") or len(answer.split()) <= _REPLY_WORDS:
            return True
    return False


_REPLY_WORDS = 6


def _name(line: str) -> str:
    return line.split(":", 1)[0].strip().lower()


# A change named as a message's topic, then asked about: a subject line ("Premium upgrade -
# question about invoices", "Re: cancel premium (legal review). …", "Resume premium — is it
# prorated?"), a label before it ("Topic: cancel premium. Question: is there a fee?", "Meeting
# notes: cancel premium — decision postponed to Q2. …", "Q3 plan: upgrade to premium. …"), the
# change in brackets after a question ("Refund question (cancel premium)"), or the change words
# listed for what they mean ("Are your actions reversible? Cancel, revoke, etc.").
_CHANGE_NAMED = (
    r"(?:(?:PAID|billing\s+access|the\s+plan|our\s+plan)\s+)?(?:cancel\w*|upgrad\w*|resum\w*|"
    r"grant\w*|revok\w*|renew\w*|downgrad\w*|reactivat\w*)(?:\s+[\w<@>']+){0,4}?"
)
_LABEL = (
    r"(?:re|fwd?|topic|subject|context|(?:meeting\s+)?notes|minutes|agenda(?:\s+item\s+\d+)?|"
    r"action\s+items[^:\n]{0,30}|q[1-4]\s+plan|plan\s+for\s+\d{4}|previous\s+vendor|roadmap|"
    r"backlog|fyi)\s*:\s*(?:\d+[.)]\s*)?"
)
_TOPIC = (
    rf"^\W*(?:{_LABEL})?{_CHANGE_NAMED}\s*(?:[-—–:=(]|\bvs\.?\s)|"
    rf"^\W*{_LABEL}{_CHANGE_NAMED}\s*[.?!(—–-]|"
    rf"\bquestions?\s*\(\s*{_CHANGE_NAMED}\s*\)"
)
# ... asked about, not for: a question or a question's word after it
_OURS = re.compile(r"\b(?:us|our|my|me)\b", re.I)
_LABELLED = re.compile(rf"^\W*{_LABEL}", re.I)
# ... asked about, not for: a question said so ("question about refunds", "Question: is there
# a fee?", "our counsel asks about…"), or a question mark in the topic's own sentence asking
# what follows from the change ("Resume premium — is it prorated?", "Cancel premium now vs at
# renewal: cost difference?"); not a closing "Any questions, ping me", nor "Why are we still
# paying for this?" after a stop. A labelled note's question may come anywhere after it.
_ABOUT = re.compile(
    r"\bquestions?\s+(?:about|on|re|regarding|for\s+you|from)\b|\bquestion\s*:|\basks?\s+about\b|"
    r"\bask\s*:|\bexplain\b|\bglossary\b|\bwas\s+discussed\b|\basking\s+for\s+(?:a|my|our)\s+"
    r"(?:colleague|friend|boss|client|manager)\b",
    re.I,
)
_FOLLOWS = re.compile(
    r"\b(?:prorat\w*|refund\w*|fees?|costs?|charged?|price|same|enforceable|differen\w*|how\s+"
    r"(?:much|long)|when|what\s+happens|is\s+it|does\s+(?:it|the|my|our|that|this)|will\s+(?:it|we|i)|"
    r"do\s+we|can\s+we|"
    r"lose|loses|keep|keeps|right)\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!\n]")
# Going ahead said to the bot (not "the owner will do it in IM").
_GO_AHEAD_SAID = r"(?<!will )(?<!'ll )\bdo\s+it\b|\b(?:go\s+ahead|proceed)\b"
_GO_AHEAD = re.compile(_GO_AHEAD_SAID, re.I)
# The change words listed for what they mean ("Are your actions reversible? Cancel, revoke,
# etc.", "Glossary please: upgrade, cancel, …", "explain upgrade and cancel"); not "Upgrade or
# cancel? Cancel. Definitely cancel premium.", which decides.
_LISTED = re.compile(
    r"\b(?:upgrade|cancel|resume|grant|revoke|downgrade)\s*(?:,|\band\b|\bor\b|/)\s*(?:upgrade|cancel|"
    r"resume|grant|revoke|downgrade)\b",
    re.I,
)
_MEANING = re.compile(
    r"\b(?:glossary|explain\w*|etc|mean\w*|terms|definitions?|reversible|difference)\b", re.I
)
_ASKED_FOR = re.compile(
    r"\b(?:please|pls|plz|kindly)\b(?!\s+(?:explain|tell|let\s+me\s+know|confirm|advise|clarify|"
    r"help|send|share|answer))|\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?"
    + CHANGE_VERB
    + r"|"
    + _GO_AHEAD_SAID,
    re.I,
)


def topic_only(text: str, paid: tuple[str, ...]) -> bool:
    """Whether the message names a change as its topic and asks about it, not for it (or lists
    the change words for what they mean)."""
    if _LISTED.search(text) and _MEANING.search(text) and not _GO_AHEAD.search(text):
        return True
    named = with_paid(_TOPIC, paid).search(text)
    if named is None or _ASKED_FOR.search(text):
        return False
    if named.group(0).lstrip().lower().startswith("question") or _LABELLED.match(text):
        return bool(_ABOUT.search(text) or "?" in text[named.end() :] or named.group(0)[-1] == ")")
    # (an order of one's own with its reason after it is no topic: "cancel our premium support
    # - since we barely used the phone line … we keep it until the term ends, right?")
    if _OURS.search(named.group(0)):
        return False
    if _ABOUT.search(text[named.start() : named.end() + 80]):
        return True
    stop = _SENTENCE_END.search(text, named.end())
    sentence = text[named.start() : stop.start() if stop else len(text)]
    return sentence.rstrip().endswith("?") and bool(_FOLLOWS.search(sentence))
