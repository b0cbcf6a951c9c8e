"""Words around an order that do not take it back, and words that do, read beside the negations
(signals.py): a disclaimer before "but" and an order after it, earlier words set aside before a
new order, advice asked on the order, an order taken back right after it, marked sarcasm. And
the pieces a message is read in."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.conversation.commands import CHANGE_VERB, ORDER_OPENING
from bot.conversation.dated import MONTHS
from bot.knowledge.text import split_sentences

_PIECE_BREAK = re.compile(r"[,;:.?!\n]+|\s[—–-]\s")


def pieces(text: str) -> list[str]:
    """The message cut at every comma and sentence end (an emoji ends one too), however short
    the piece ("…, can you undo that")."""
    found = (p.strip() for s in split_sentences(text) for p in _PIECE_BREAK.split(s))
    return [p for p in found if p]


# A disclaimer, a doubt or an apology before "but" (or a dash) and an order after it ("not sure
# if this is where I do this, but … please cancel the Premium plan", "don't judge … but go ahead
# and move us to Premium", "sorry, not sure if I can do this here — please let <@X> manage
# billing"): what comes before takes nothing back. (Not "I'd love to revoke his access, but he's
# the CFO": nothing is ordered after it.)
# (a match starts only where a run of spaces does: a message of 40,000 spaces is read in one pass)
_BUT = re.compile(r"(?<![\s,])(?:,\s*+|\s++)(?:but(?:\.{2,}+|…)?|[—–]|-)\s++")
_ORDERING_PIECE = re.compile(
    r"^\W*(?:(?:please|pls|plz|so|just|ok|okay|then|honestly|i think)\W+)*"
    r"(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:(?:please|pls|plz|just)\s+)?)?"
    # (not "keep": "cancel prem but keep it till the end of the term, possible?" asks how)
    r"(?:go\s+ahead\s+and\s+|let'?s\s+)?(?!keep)"
    r"(?:" + ORDER_OPENING + r"|(?:take|let|have|allow)\b)",
    re.I,
)


def disclaimed(text: str) -> int:
    """Where the words before an order after "but" (or a dash) end in `text`; 0 when no order
    follows one."""
    found = _disclaimer(text)
    return found[0] if found else 0


def after_disclaimer(text: str) -> str:
    """The words after such a "but" (or dash), which order; "" when none do."""
    found = _disclaimer(text)
    return text[found[1] :] if found else ""


@lru_cache(maxsize=512)
def _disclaimer(text: str) -> tuple[int, int] | None:
    """The span of the "but" (or dash) an order follows. (Remembered per text: the negations
    of every reading, the put-off and the order after a story all ask it of one message.)"""
    for found in reversed(list(_BUT.finditer(text))[-3:]):  # (the last three: never each one)
        if any(_ORDERING_PIECE.match(piece) for piece in pieces(text[found.end() :])):
            return found.span()
    return None


# Earlier words set aside, which an order after them replaces ("disregard that. i meant cancel
# premium, not renew it").
SET_ASIDE = ("belay that", "strike that", "please disregard", "pls disregard", "disregard")
ORDER_LATER = re.compile(
    # (not "belay that, keep it": keeping is the taking back)
    r"[,.;:!]\s*(?:(?:i meant|i mean|instead|and|so|then)\s+)*(?!keep|leave|stay)" + ORDER_OPENING,
    re.I,
)


# A mind changed, then an order: "don't renew... actually no, please do resume it", "we're not
# upgrading. on second thought, upgrade us": what was said before the change of mind is set
# aside. (Not "actually no, keep it", "nvm, cancel that", "…actually, upgrade is too pricey":
# keeping, a request cancelled, a verb used as a noun.)
_CHANGED_MIND = re.compile(
    # (one mind change or several said together: "actually no, changed my mind, please resume")
    r"\b(?:(?:actually,?\s+(?:no|nope|nah)\b|actually\b|(?:wait|hmm+|oh),?\s+(?:no|nope|nah)\b|"
    r"(?:no|nope|nah),?\s+wait\b|"
    r"on second thought|(?:i|we)?(?:'?ve)?\s?changed (?:my|our) minds?\b|change of plans?\b|"
    r"(?:scratch|forget|ignore) (?:that|this)\b)[\s,.!:;—–-]{0,6}){1,3}"
    r"(?:(?:please|pls|plz|just|so|then|ok|okay|do|go ahead and|let'?s|let us|i meant|"
    r"(?:i|we)(?:'?d| would) like to|(?:i|we) want to|(?:can|could|would|will) (?:you|u))\s+)*"
    r"(?!keep|leave|stay|don'?t|do not|forget|ignore|hold|wait|"
    r"(?:cancel|undo|stop|scratch|drop) (?:that|this|it)\b(?! (?:plan|subscription|premium)))"
    r"(?=(?:(?:please|pls|plz|kindly|just|so)\s+)?"
    + CHANGE_VERB
    + r"(?!\w*\s+(?:is|was|would|will|seems|sounds|costs|feels|is ?n'?t|was ?n'?t|makes|might|"
    r"may|could|should)\b))",
    re.I,
)


@lru_cache(maxsize=512)
def mind_changed(plain: str) -> int:
    """Where the words before the last change of mind an order follows end in `plain`; 0 when
    there is none. (Remembered per text, as _disclaimer is: the negations of every reading ask
    it of the same message.)"""
    return _last_mind_change(plain, after_break=False)


_LAST_WORDS = 2_000
_BREAK_BEFORE = re.compile(r"(?:\.{2,}|…|[.!?,;:]|\s[—–-])\s*$")


def mind_changed_after_break(text: str) -> int:
    """mind_changed, for a change of mind said after a break in the words ("upgrade us... no
    wait, resume it"), not inside a sentence ("how do i actually sign up for premium?")."""
    return _last_mind_change(text, after_break=True)


def _last_mind_change(text: str, after_break: bool) -> int:
    """Where the last change of mind an order follows ends (`after_break`: only one said after a
    break, looked for just before it); 0 when there is none. (In a letter's last characters
    only: "…, no wait" said 8,000 times is one short pass.)"""
    ends = [
        found.end()
        for found in _CHANGED_MIND.finditer(text, max(0, len(text) - _LAST_WORDS))
        if not after_break or _BREAK_BEFORE.search(text, max(0, found.start() - 12), found.start())
    ]
    return ends[-1] if ends else 0


# Advice asked on the order it follows ("Cancel premium support. Am I being hasty?", "Upgrade us
# to premium support. Overkill for a shop our size?"): no order yet. (Not "Premium used to be
# overkill for us, can you upgrade us now?", nor "…is annual billing worth it?", nor "do you
# recommend we export our tickets first?")
_ASKS_ADVICE = re.compile(
    r"\b((am i|are we) being (too )?(hasty|rash|silly|crazy|dumb|stupid)|"
    r"overkill(?=[^.!,]{0,40}\?)|"
    r"(would|do) you (recommend|advise) (it|that|this|doing|going|cancel\w*|upgrad\w*|"
    r"switch\w*|resum\w*|downgrad\w*|premium)|crazy,? or \w+(?=\s*\?)|"
    r"(is|would|will) (it|that|this)( really| even)?( be)? (worth it|a good idea|a bad idea|"
    r"reasonable|sensible|wise|a mistake)(?=[^.!]{0,40}\?)|"
    # ("upgrade to premium — worth it?", "resume premium — what's the catch?", "revoke <@X> billing
    # access — any side effects?": the order's own clause, then the message ends)
    r"^[^.!?\n]{3,120}[—–:-] (worth it|whats the catch|any (side effects|downsides|drawbacks|catch|"
    r"risks?|gotchas))\s*\?+\W*$)"
)


# An order taken back right after it: "Cancel premium. Not really, we love you guys." (not "do we
# still need premium? not really. cancel it", an answer before the order)
_ORDER_NOT_REALLY = re.compile(
    r"(?:^|[.!]\s+)(?:(?:please|pls|ok|so)\s+)?(?:cancel|upgrad|resum|revok|grant|downgrad|"
    r"switch|renew|reactivat|remov)\w*\b[^.!?]{0,80}[.!]+\s+not really(?=\s*[,.!]|\s*$)"
)
# Sarcasm marked as such: "…when support is this slow /s", "phone support was SO useful (not)".
_SARCASM_MARKED = re.compile(r"(?<!\w)/s(?=\W*$|\s)|\(not\)")


# An order withdrawn after it with no new order following ("pls cancel the premi... no wait.
# forget. we keep it", "resume the premium... actually no. we go to standard", "<@X> ask me to
# give him billing access. no. he dont need it"): a "no" said after the order's words, not
# before them ("No. We not go back to standard. Resume it." answers no, then orders).
_WITHDRAWN = re.compile(
    # (a break is looked for where a run of dots starts, not at each dot: 40,000 dots in one pass)
    r"(?<=[^\s.])(?:\.{2,}+|…|[.!,;]|\s[—–-])\s*+"
    r"((?:actually|wait|hmm+|oh|uh|um|ok|okay)[,.]?\s+(?:no|nope|nah)\b|"
    r"(?:no|nope|nah)[,.]?\s+(?:wait|stop|sorry|hold on)\b|(?:no|nope|nah|not)(?=\s*[.!]|\s*$))"
)
# A status said of it, as a tracker or a colleague would: "Upgrade to premium — rejected by
# finance", "cancel renewal: on hold until Q3", "Purchase request #4411 (premium upgrade) was
# declined", "… moved to backlog", "… HR says wait", "… team voted no" (not "my card was
# declined, please try the upgrade again", nor "on hold with our carrier for an hour").
_STATUS_SAID = re.compile(
    r"\b((?:request|order|upgrade|cancell?ation|purchase|it|this|that|po)\b[^.!?,;—–]{0,40}?\b"
    r"(?:is|was|were|got|been|are)\s+(?:(?:put|placed)\s+)?(?:on hold|rejected|declined|denied|"
    r"vetoed|postponed|deferred|parked|shelved)|"
    r"moved to (?:the )?backlog|says (?:to )?wait|voted (?:no|against)(?! waiting))\b"
)
# An emoji that says no: beside an upgrade or a grant it refuses it ("upgrade to premium: ❌ (too
# expensive)"); beside a cancel, a revoke or a resume it may as well be the order's own mark
# ("turn off premium renewal :x:", "❌ cancelled by mistake"), and taken_back.py leaves it out.
NO_EMOJI = (
    r"👎|❌|✖|🚫|🙅|⛔|:x:|:-1:|:thumbsdown:|:no_entry(?:_sign)?:|:no_good:|:heavy_multiplication_x:"
)
# A label after the order, as a list or a tracker writes it: "resume premium — later", "grant
# <@X> billing access — nope", "• cancel renewal → NO", "upgrade to premium -- NOT".
_LABELLED = re.compile(
    r"(?<=\S)\s*(?:—|–|-{1,2}|:|→|->|=>)\s*(?:"
    # (a bare "no" ends its clause: not "… - no, she is not coming back", "… — not by choice")
    r"(no|nope|nah|not|later|not now|not yet|tbd|draft)\b(?=[ \t]*(?:[.!)\]\n]|$))|"
    # (a status may say until when: "— rejected by finance", ": on hold until Q3"; not "— waiting
    # for a reply since Monday")
    r"(rejected|declined|denied|vetoed|blocked|on hold|parked|postponed|deferred|moved|pushed|"
    r"waiting|pending)"
    # (or to when: "resume premium → postponed to Q2")
    r"\b(?=[ \t]*(?:[.!,;)\]\n]|$)|\s+to\s+(?:q[1-4]|next|later|\d|" + MONTHS + r")|"
    r"\s+(?:until|till|for now|by|pending|on\s+(?:legal|finance|"
    r"approval|the\s+po))\b))"
)
# ... or in brackets ("upgrade to premium [BLOCKED]", "[DRAFT] cancel renewal", "resume premium
# [waiting for PO]"), or an emoji that says no ("👎 cancel renewal", "revoke <@X> billing ❌").
_TAGGED_NO = re.compile(
    r"\[\s*(?:blocked|draft|tbd|on hold|parked|later|wont ?fix|rejected|declined|no|"
    r"waiting[^\]]{0,30}|pending[^\]]{0,30})\s*\]|" + NO_EMOJI
)
# What an order after the "no" opens with ("no wait, i mean cancel the renewal", "no.
# absolutely not going back to 1-business-day replies. keep us on premium"): a new order.
_MEANT = re.compile(r"^\W*(?:i mean|i meant|instead|rather)\W+")
_KEEP_ORDERED = re.compile(
    r"^\W*(?:(?:please|pls|plz|just|so|then)\W+)*keep\s+(?:us|it|our\s+\w+)\s+(?:on|going|active|"
    r"renewing|running)\b"
)
# The order before it, the asker's or relayed ("<@X> ask me to give him billing access").
_ASKED_TO = re.compile(r"\b(?:ask|asks|asked|wants?|told)\s+(?:me|us|you)\s+to\s+" + CHANGE_VERB)
# ... or refused right after its own words: "upgrade no. too expensive", "resume? nah."
_ORDER_THEN_NO = re.compile(
    # (a mail's subject too: "Re: cancel premium\nNo.")
    r"^\W*+(?:(?:re|fwd?|aw)\s*:\s*)?(?:" + CHANGE_VERB
    + r")(?:\s+\w+){0,3}?\W*+(?<=\s)(no|nope|nah)(?=\s*(?:[.!]|$))"
)


def _orders_in(words: str) -> bool:
    return any(
        _ORDERING_PIECE.match(_MEANT.sub("", piece)) or _KEEP_ORDERED.match(piece)
        for piece in pieces(words)
    )


_URGED = re.compile(r"\b(?:now|today|asap|right away|immediately|urgent\w*|do it)\b")


def _orders_after(words: str) -> bool:
    """Whether words after a "no" order anew: an order, or only its time or urgency ("… no wait,
    today please", "no sorry, i mean asap")."""
    return _orders_in(words) or bool(_URGED.search(words))


def withdrawn(plain: str) -> str | None:
    """The words that withdraw an order said before them (a "no", a label, a tag, a status, an
    emoji that says no), with no order after them; None if none do. (Each is looked for in its
    last three places at most: never at every one of a long message's.)"""
    found = _ORDER_THEN_NO.match(plain)
    if found and not _orders_after(plain[found.end() :]):  # (not "…\nno. wait, yes. cancel it")
        return found.group(1)
    for hit in list(_TAGGED_NO.finditer(plain))[-3:]:
        # (a tag, or an emoji of the order's own clause: not "Standard support 👎 upgrade us",
        # nor "we're tired of :x: failed syncs")
        if hit.group(0).startswith("[") or _said_of_order(plain, hit):
            return hit.group(0)
    if not _URGED.search(plain) and not _APPROVED.search(plain):
        for hit in list(_STATUS_SAID.finditer(plain))[-3:]:
            if not _orders_after(plain[hit.end() :]):  # (not "my visa was declined, upgrade us")
                return " ".join(hit.group(0).split())
    for hit in list(_LABELLED.finditer(plain))[-3:]:
        if _said_of_order(plain, hit):  # ("Refund needed: no." is no order's)
            return hit.group(1) or hit.group(2)
    for hit in list(_WITHDRAWN.finditer(plain))[-3:]:
        if _said_of_order(plain, hit, relayed=True):
            return " ".join(hit.group(1).replace(",", " ").replace(".", " ").split())
    return None


def _said_of_order(plain: str, hit: re.Match[str], relayed: bool = False) -> bool:
    """Whether what `hit` found follows an order's own clause (or, `relayed`, someone's ask of
    it: "<@X> ask me to give him billing access. no.") and nothing orders after it."""
    clause = (pieces(plain[max(0, hit.start() - 300) : hit.start()]) or [""])[-1]
    ordered = _orders_in(clause) or (relayed and bool(_ASKED_TO.search(clause)))
    return ordered and not _orders_after(plain[hit.end() :])


_APPROVED = re.compile(r"\b(?:approved|got approval|signed off|budget passed)\b")


def asides_said(plain: str) -> set[str]:
    """Advice asked on an order, an order taken back right after it, sarcasm marked so, in
    `plain` (lower case, no apostrophes): each a taking back (signals.negations)."""
    found = {" ".join(hit.group(0).split()) for hit in _ASKS_ADVICE.finditer(plain)}
    found |= {hit.group(0) for hit in _SARCASM_MARKED.finditer(plain)}
    found |= {said for said in (withdrawn(plain),) if said}
    return found | {"not really" for _ in _ORDER_NOT_REALLY.finditer(plain)}
