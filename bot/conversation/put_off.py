"""A change wished for some other time or under a condition, wondered about, or reported, rather
than asked for now: "subscribe us to Premium once the PO clears next quarter", "I wonder whether
we need to go premium", "my boss would like to switch us to premium. I think it's a waste"."""

from __future__ import annotations

import re

from bot.conversation.asides import disclaimed, pieces
from bot.conversation.commands import CHANGE_VERBS, ORDER_OPENING
from bot.conversation.dated import ACCESS_NAMED, dated, renewal_held
from bot.conversation.dated import MONTHS as _MONTHS
from bot.conversation.signals import ACTION_WORD, REPEATING, unquoted
from bot.conversation.term_end import without_term_end
from bot.conversation.undo import names_plan
from bot.knowledge.text import split_sentences

# "once done", "when it's finished", "if that's possible": the order's own end or leave, no
# condition on it ("… give me the phone code once done"; not "once done with the migration").
_DONE = r"\s+(?:it'?s\s+|it\s+is\s+|that'?s\s+|you'?re\s+)?(?:done|finished|complete|through)\b"
_DONE += r"(?=\s*(?:[.,;!?)]|$))"
_POSSIBLE = r"(that|it)('?s|\s+is)\s+possible"
_HURRIES = r"|\bno need to (?:wait|hold off|delay)\b[^.!?]*"  # ("no need to wait until monday")
WHEN_DONE = re.compile(r"\b(?:once|when)" + _DONE + _HURRIES, re.I)
# A later time, said alone before the order or opening it ("Come January, switch us to premium").
_LATER = (
    r"(?:tomorrow(?: morning| afternoon)?|next (?:week|month|quarter|year|term)|"
    r"after the holidays|come (?:" + _MONTHS + r"|spring|summer|fall|autumn|winter|q[1-4])|"
    r"starting (?:in |from )?(?:next \w+|" + _MONTHS + r"|q[1-4]))"
)
_LATER_ALONE = re.compile(r"^\W*" + _LATER + r"\W*$", re.I)
_NOT_NOW = re.compile(
    # later, or not now, in the words of other languages ("upgrade más tarde", "cancel abhi
    # nahi", "upgrade jangan dulu", "cancel mamaya na", "upgrade ainda não", "später vielleicht")
    r"(?<!\w)(m[áa]s\s+tarde|despu[ée]s|ahora\s+no|todav[íi]a\s+no|depois|mais\s+tarde|"
    r"agora\s+n[ãa]o|ainda\s+n[ãa]o|sp[äa]ter|spaeter|nicht\s+jetzt|noch\s+nicht|vielleicht|"
    r"plus\s+tard|pas\s+maintenant|pas\s+encore|peut-[êe]tre|pi[ùu]\s+tardi|non\s+ancora|"
    r"baad\s+m[ae]i?n?|abhi\s+nahi?n?|nanti|jangan\s+dulu|belum|tahun\s+depan|bulan\s+depan|"
    r"mamaya|huwag\s+muna|sa\s+susunod|ma[ñn]ana|demain|morgen|bukas|besok|m[áa]s\s+adelante|"
    r"tra\s+poco|(?<!hasta\s)luego)(?!\w)|"
    r"\b(if(?!\s+(possible|you can|you could|we can|needed|that'?s ok|yes|so|"
    # ("…? if thats true id like to go premium", "…? If not I'd like to keep it going", "not sure
    # if im asking in the right place")
    r"that'?s (true|the case|right)|not[\s,]+(i'?d|i would|we'?d|please|pls|go ahead)|"
    r"(i'?m|i am|this is) (asking |posting )?(in )?(the )?right|" + _POSSIBLE
    + r"(?!\s+(to|without|with|for|if|unless)\b))\b)|unless|"
    r"once(?!" + _DONE + r")|whether|"
    r"wonder\w*|debating|might|maybe|probably|perhaps|eventually|when the trial|"
    r"may (not|no longer) (need|want|require|have to)\b|"
    # a plan told, a change considered with what is wanted first: "Plan is to give <@X> billing
    # access next sprint", "We think to cancel premium. Before that we want know what we lose",
    # "We consider to upgrade premium. Please first explain what we get", "… then we decide",
    # "Before we give billing access to <@X>, we need know what she can see"
    r"(the )?plan is to|(we|i) intend to|(think|consider|considering) to\b|"
    r"first (tell|explain|show|let (me|us) know)|then (we|i) (decide|will decide|can decide)|"
    r"before (we|i) (make|give|do|grant|revoke|remove|upgrade|cancel|resume|add)\b|"
    r"first (i|we) need (my|our|the) \w+('?s)? (ok|okay|approval|sign-?off|go-?ahead)|"
    # a threat, and someone's word still to come: "One more outage and you can cancel our
    # renewal", "upgrade to premium — need my manager's OK first, will ping you"
    r"one more \w+( \w+)? and\b|need (my|our|the) \w+('?s)? (ok|okay|approval|sign-?off|"
    r"go-?ahead|blessing) first|(will|i'?ll|we'?ll) ping (you|u)\b|"
    # (not "peak season hit us harder than we expected", a reason)
    r"than(?!\s+(we|i)\s+(expected|thought|planned|hoped|anticipated))|"
    r"some ?day|one day|at some point|later(?! today)|"
    r"keeps? (saying|asking)|claims?|tried to|last time|somehow|(?<!by )(?<!in )error|"
    r"your system|heard|remind (me|us)|"
    # waiting for the asker's word: "upgrade when i say so, not before"
    r"(when|until|till|til) (i|we) (say|give|tell you)( so| the (word|go|ok|green light)| go)?\b|"
    # to be talked over first ("I'll bring up cancelling with my boss and get back to you")
    r"bring (it |this |that )?up|discuss|run (it|this|that) by|check with|(get|come) back to you|"
    # someone's word still to come: "…but I need HR's okay first"
    r"(ok|okay|approval|sign-?off|go-?ahead|blessing) first|"
    # waiting on someone's word: "both on my list but I'm waiting on sign off from the controller"
    r"waiting (on|for) (the )?(sign[\s-]?off|approval|the go|a decision|(the|an?) ok|budget)|"
    # after something else, or once there is money for it ("finish the migration first and then
    # switch", "purchase premium when we have budget")
    r"first\b[^.?!]{0,60}?\bthen|when (we|i) (have|get|find|are ready)|"
    # given up or only wished: "I was going to ask you to cancel but…", "I wish we could keep it"
    r"(was|were) (going|about) to|wish (we|i) could|if only|"
    # only felt, or for later: "tempted to remove <@X> lol", "this close to upgrading, but not
    # today", "we'll add her to billing when she's here"
    # (not what someone else almost did: "<@X> was in the billing page and almost changed our
    # plan, so pull his billing access")
    r"tempted|this close|so close|(?<!\bhe )(?<!\bshe )(?<!\bthey )(?<!> )(?<!\bwho )"
    r"(?<!\bsomeone )(?<!\bsomebody )almost|feel like|not today|but later|maybe later|"
    # wished with what stands in the way: "upgrading would be nice but budget's frozen till Q2";
    # after something else is over: "…after the audit is done, not before"
    r"would be (nice|great|good|ideal|awesome|cool|lovely)\b[^.!?]{0,40}?\bbut\b|"
    r"(budget|spend|spending|funds?|money)('?s| is| are| has been| got)? frozen|not before|"
    r"after (the|our|this|that) [^.?!]{0,30}?(is|are|'s) (done|over|finished|complete|through)|"
    r"when (she|he|they|we|i)('s|'re| is| are| gets?| starts?| arrives?| joins?| returns?)|"
    # under a condition said after it: "i will not renew premium without a discount"
    r"without (a|an|the|any) (discount|deal|approval|sign-?off|po)|"
    r"down the (line|road)|"
    # (not "…after the current term ends", a renewal's own time)
    r"after (the|our|this|that) [^.?!]{0,30}?(wraps? up|is over)|"
    # ("…when the PO is approved"; not "Renewal is approved.", which tells it done)
    r"before (the |our )?(po|budget|approval|sign-?off)|gets? approved|"
    r"(when|after|until|till|once|as soon as|provided|assuming|pending)\b[^.?!]{0,40}?\b(is|are) "
    r"approved|provided (that )?|assuming|pending|subject to|asked\s*:|told (him|her|them)|"
    # a decision still to be made: "…because our board approves it next week", "…since my
    # manager will decide on it tomorrow", "asking for my manager, who is deciding tomorrow"
    r"(approves?|decides?|will (approve|decide)|(is|are) deciding|signs? off)\b[^.!?]{0,30}?"
    r"\b(tomorrow|next (week|month|quarter)|later|on (mon|tues|wednes|thurs|fri)day)|"
    # a later day the order ends with ("Cancel premium after the holidays", "upgrade us after Q4")
    r"after (the holidays|the weekend|q[1-4]|monday|tuesday|wednesday|thursday|friday|"
    + _MONTHS + r")(?=\W*$)|"
    # a later time the order opens with ("next month pls cancel our premium"), or a card to be
    # mended first ("…after my card is updated")
    r"^\W*" + _LATER + r"\W+((pls|please|plz|kindly|just|go ahead and)\s+)*(cancel|upgrad|"
    r"switch|mov|resum|revok|grant|giv|remov|put|drop|downgrad|reactivat|restor|turn|sign|"
    r"subscrib|stop|get)\w*|"
    r"(after|when|once|as soon as) (the|my|our) (new )?card (is|has been|gets?) (updated|valid|"
    r"replaced|fixed|renewed|added)|(when|once|as soon as) (the|my|our) card is (valid|working) "
    r"again)\b",
    re.I,
)
# A decision still to be made by the asker, said anywhere: whether the bot could, asked now.
_UNDECIDED = re.compile(
    r"\b(?:(?:i|we)(?:'ll|\s+will)\s+decide\s+(?:later|tomorrow|next\s+\w+|after\b)|decide\s+later|"
    r"not\s+deciding\s+(?:today|now|yet)|asking\s+for\s+later|(?:haven'?t|have\s+not)\s+decided"
    r"(?:\s+yet)?(?=\W*$))",
    re.I,
)
# Someone else's wish, which the asker disputes: "my CFO would like to go back to standard but I
# think we should keep premium" asks nothing of the bot.
_THEIR_WISH = re.compile(
    r"\b(?:(my|our|the)\s+(\w+\s+)?|^\W*)(boss|manager|cfo|ceo|cto|coo|owner|director|colleague|coworker|"
    r"co-worker|finance|accountant|partner|vp)\s+(would like|wants|wanted|asked|is asking|"
    r"keeps asking|insists|says|said|thinks)\b",
    re.I,
)
_DISPUTED = re.compile(
    r"\b(i|we)\s+(think|feel|believe)\s+(it'?s|its|that'?s|thats|this is)\s+(a waste|pointless|"
    r"unnecessary|overkill|not worth|a bad idea|too expensive)|"
    r"\bbut\s+(i|we)\s+(think|feel|believe|prefer|disagree|would rather)\b|"
    r"\b(i|we)\s+(disagree|don'?t agree|do not agree)\b|"
    r"\b(i'?m|i am|we'?re|we are)\s+not\s+(convinced|sold|so sure)\b|"
    r"\btalk(ing)?\s+(him|her|them)\s+out\s+of\b",
    re.I,
)
# "if the PO clears, reverse the cancellation": a condition in a piece of its own, before
# (a colon ends a piece, so someone's words told after it are found in the whole message)
_ASKED_THEN_QUOTED = re.compile(
    r"\b(asked|asks|said|says|wrote|writes|boss|manager|cfo|ceo|colleague|coworker)\s*:"
    r"(?![a-z0-9_+\-]+:)",  # (not an emoji after the word: "…by my coworker :facepalm:")
    re.I,
)
# ("if yes, please do it" after "is it possible to…?" asks now: the condition is the bot's own)
_CONDITION = re.compile(
    r"^\W*(if(?!\s+(yes|so|possible|" + _POSSIBLE + r"\W*$)\b)|once|unless|as soon as|"
    # a condition without "if": "Should the budget pass on Thursday, upgrade us", "In case <@X>
    # leaves, revoke her billing access", "One more outage and you can cancel our renewal"
    r"should\s+(?!(?:you|u|i|we)\b)\w+(\s+\w+)?\s+(pass|approve\w*|agree\w*|sign|clear|go\s+through|"
    r"happen|come|fail|leave|quit|change)|"
    r"in\s+case(?!\s+(?:it\s+wasn'?t\s+clear|you\s+(?:missed|didn'?t|were|are|'re)))|"
    r"one\s+more\s+\w+(\s+\w+)?\s+and|"
    # a later time leading the order: "Next month, strip…", "In March, cancel…"
    r"next\s+(week|month|quarter|year|term|monday|tuesday|wednesday|thursday|friday)|"
    r"in\s+(" + _MONTHS + r"|a\s+(week|month|few\s+\w+))|starting\s+(next|in|from)|from\s+next)\b",
    re.I,
)

def not_asked_now(text: str, paid: tuple[str, ...] = (), action: str | None = None) -> bool:
    """Whether a change the words resemble is wished for some other time or under a condition,
    wondered about, or reported: "subscribe us to Premium once the PO clears next quarter",
    "we'd get phone support if we just go premium", "I wonder whether we need to go premium",
    "will u move us to premium when the trial ends?", "the undo cancellation button gives an
    error", someone else's wish the asker disputes. Only the piece that names the change counts
    ("we need faster replies than this, go ahead and move us to premium" asks now), and "if
    possible" asks now."""
    if renewal_held(text) or dated(text, paid):
        return True  # "please don't renew without checking with me", "… from next Monday"
    if _THEIR_WISH.search(text) and _DISPUTED.search(text):
        return True  # "my boss would like to switch us to premium. I think it's a waste"
    if _given_up(text):
        return True  # "I'd love to revoke his access, … but he's the CFO so 🤷"
    if _UNDECIDED.search(text):
        return True  # "Could you upgrade us to premium? Technically? Not deciding today."
    if _KEPT_TILL_THEN.search(text):
        return True  # "…she only moves in Jan though, so it stays until then"
    if _ASKED_THEN_QUOTED.search(text):
        return True  # "My coworker asked: 'can we resume premium?' I told him to ask you"
    # (a quoted line is someone else's: "> Dana: we might upgrade next year\nplease upgrade us")
    said = _SO_ORDER.sub(", ", unquoted(text))
    # (a disclaimer before "but" and an order: "I might regret this later but let's cancel it")
    said = said[disclaimed(said) :]
    said = _without_later_question(said)
    found = _from_the_ask(pieces(said), action)
    found = [without_term_end(piece) for piece in found]
    # (someone's repeated wish is the reason for an order after it: "everyone keeps saying
    # premium is worth it, so upgrade us please")
    ordered_after = [bool(_ORDER_FIRST.match(p)) for p in found]
    return any(
        (
            ACTION_WORD.search(piece.lower())
            or ACCESS_NAMED.search(piece)  # ("<@X> may need billing access down the line")
            or (_repeated_wish(piece, paid) and not any(ordered_after[n + 1 :]))
        )
        and (
            _NOT_NOW.search(piece)
            or (not _NOW.search(piece) and _put_off_beside(found, n))
        )
        for n, piece in enumerate(found)
    )


# The change asked of the bot in so many words, politely: "Could you upgrade our account now?",
# "Would you be able to grant that?", "could you go ahead and cancel our Premium plan?"
_ASKED_OUTRIGHT = re.compile(
    r"^\W*(?:(?:so|and|then|ok|okay)\W+)?(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+|"
    r"kindly\s+|just\s+)?(?:(?:be\s+able\s+to|go\s+ahead\s+and)\s+)?|would\s+(?:you|u)\s+mind\s+|"
    r"(?:please|pls|plz|kindly)\s+(?:go\s+ahead\s+and\s+)?)"
    r"(?:" + ORDER_OPENING + r"|take\s+care\s+of|handle|process|do)\b",
    re.I,
)


# The changes an ask for `action` cannot be ("Premium got un-cancelled somehow. Please cancel it
# again" asks no resume).
_OPPOSED = {
    "upgrade": re.compile(r"\b(cancel|stop|end|drop|terminat|downgrad)", re.I),
    "resume": re.compile(r"\b(cancel|stop|end|drop|terminat|downgrad)", re.I),
    "cancel": re.compile(r"\b(resum|upgrad|reactivat|reinstat|restor|renew)", re.I),
    "grant": re.compile(r"\b(revok|remov|strip|take\s+away|pull)", re.I),
    "revoke": re.compile(r"\b(grant|giv|add)", re.I),
}


# (a cancellation undone is no cancel: "could you undo the cancellation so premium renews")
_UNDONE_CANCEL = re.compile(
    r"\b(?:undo|reverse|revert|roll\s*back)\s+(?:\w+\s+){0,2}?cancel\w*|\bun-?cancel\w*", re.I
)


# What the ask must say to be for the change: the change's own verb, or "it" done ("Would you be
# able to grant that?", "could you take care of it?"); not "Could you make sure our invoices go
# to ap@acme.com" nor "Could you handle the VAT number update".
# ("Can you set him up with billing access before Friday?")
_SET_UP = {"grant": r"|set\s+(?:\w+\s+){0,2}?up|let"}
_DONE_IT = r"(?:do|handle|process|action|sort|take\s+care\s+of|grant|arrange)\s+(?:it|that|this)\b"
_ASKED_FOR = {
    action: re.compile(rf"\b(?:{verbs}{_SET_UP.get(action, '')})\b|\b{_DONE_IT}", re.I)
    for action, verbs in CHANGE_VERBS.items()
}
# A condition before the ask still puts it off ("Assuming the board signs off on Tuesday, could
# you upgrade us to Premium?", "As soon as our new hire starts, can you please give <@X> access?").
# (not a politeness: "If it's all right, …", "if possible", "if it's not too much trouble")
_CONDITION_FIRST = re.compile(
    r"^\W*(?:if(?!\s+(?:(?:it'?s|it\s+is|that'?s)\s+(?:all\s*right|ok(?:ay)?|fine|possible|not\s+too\s+"
    r"much\s+trouble)|possible|you\s+can|you\s+could)\b)|once|unless|as\s+soon\s+as|assuming|"
    r"provided|when|whenever|after|before|until|till|pending|subject\s+to|in\s+case)\b",
    re.I,
)


def _from_the_ask(found: list[str], action: str | None) -> list[str]:
    """The pieces from the last one that asks the bot outright for `action`: a hedge before it
    ("I think we should probably be on Premium… Could you upgrade our account now?") puts off
    nothing; a condition before it, or a condition or a later time after it, still does. (All of
    them when no change is named, the ask is for another one, or a condition comes first.)"""
    opposed, named = _OPPOSED.get(action or ""), _ASKED_FOR.get(action or "")
    if opposed is None or named is None:
        return found
    asked = [
        n for n, piece in enumerate(found)
        if _ASKED_OUTRIGHT.match(piece) and named.search(piece)
        and not opposed.search(_UNDONE_CANCEL.sub(" ", piece))
    ]  # fmt: skip
    if not asked or any(_CONDITION_FIRST.match(piece) for piece in found[: asked[-1]]):
        return found
    return found[asked[-1] :]


# A question about some later turn, asked after the order: "please cancel it so it won't auto
# renew. if we want it back later can we just re-upgrade?" puts off nothing of the order.
# (a way back asked about, not the order put off: not "…if it's still possible, can we do it
# next month instead?")
_LATER_QUESTION = re.compile(
    r"^\W*if\b(?![^?]*\b(?:do|doing|make|process|hold|wait|delay|instead|postpone)\b)"
    r"(?=[^?]*\b(?:back|again|re-?(?:upgrad|activat|instat|subscrib|new|start|sign|join|enabl)\w*|"
    r"future|change\s+(?:our|my)\s+minds?)\b)[^?]*\?\W*$",
    re.I,
)


def _without_later_question(said: str) -> str:
    """`said` without its last sentence when that one asks "if …?" after a sentence that orders."""
    found = split_sentences(said)
    if len(found) < 2 or not _LATER_QUESTION.match(found[-1]):
        return said
    ordering = any(_ORDER_FIRST.match(piece) for s in found[:-1] for piece in pieces(s))
    return " ".join(found[:-1]) if ordering else said


# The thing to change kept as it is until a time said before: "<@X> asked me to revoke her billing
# access since she's moving to ops. she only moves in Jan though, so it stays until then."
_KEPT_TILL_THEN = re.compile(
    r"\b(?:it|that|this|access|premium|the\s+plan|she|he|they)\s+(?:stays?|remains?)\s+(?:as\s+is\s+)?"
    r"(?:until|till|til)\s+then\b",
    re.I,
)


# A change wished for, then a reason it can't be, with nothing asked after: "I'd love to revoke
# <@X>'s billing access, he keeps emailing me invoices, but he's the CFO so 🤷" (not "I'd like to
# upgrade but the button doesn't work for me, can you do it?").
# (or a plan given up: "i was gonna pull billing access from <@X> after the surprise renewal but
# turns out it wasn't her")
_WISH_THEN_REASON = re.compile(
    r"\b(?:i|we)(?:(?:'?d|\s+would)\s+(?:(?:love|like)\s+to\s+|(?:normally|ideally|happily|"
    r"gladly|usually|totally|probably|honestly|just)\s+)?|\s+(?:was|were)\s+(?:gonna|going\s+to|"
    r"about\s+to|planning\s+to|ready\s+to)\s+|\s+(?:wanted|had\s+planned|planned|meant)\s+to\s+)"
    r"(?:cancel|upgrad|revok|remov|grant|giv|"
    r"resum|downgrad|switch|drop|take|kick|reactivat|pull)\w*\b[^.!?]{0,120}?\bbut\s+(?:he|she|"
    r"they|it|we|i|its|it'?s|that|this|the|our|my|his|her|their|budget|finance|management|"
    r"turns\s+out|turned\s+out|then|nobody|no\s+one|first)\b",
    re.I,
)
_ASKED_AFTER = re.compile(r"\b(?:can|could|would|will)\s+(?:you|u)\b|\b(?:please|pls|plz)\b", re.I)


# ... a "but" that tells what stands in the way asks for help, not gives up ("I meant to cancel
# premium but it slipped my mind", "I'd upgrade us but the page crashes for me", "…but I'm not an
# admin"), and so does a need said after it ("Need it gone today.")
BLOCKED = re.compile(
    r"\b(?:slipped|forgot|error\w*|crash\w*|broken|bug\w*|(?:does|did|do|wo|is|was)n'?t\s+(?:work|let|"
    r"load|show)|won'?t\s+(?:let|load|work)|not\s+an?\s+admin|no\s+access|greyed|"
    r"grayed|not\s+allowed|fails?|failed|stuck)\b|"
    r"(?:^|(?<=[.!?]\s))(?:(?:i|we)\s+)?needs?\s+(?:it|that|this|to\s+be)\b",
    re.I,
)


def _given_up(text: str) -> bool:
    found = _WISH_THEN_REASON.search(text)
    if found is None or _ASKED_AFTER.search(text, found.end()) or disclaimed(text):
        return False
    if BLOCKED.search(text, found.end() - 4):
        return False
    # (an order after the reason: "We'd like to cancel premium but the portal won't let us.
    # Cancel it.")
    return not any(_ORDER_FIRST.match(piece) for piece in pieces(text[found.end() :]))


# A condition said right after the order, in a piece of its own: "Cancel premium. Pending legal
# review of the new vendor contract.", "Upgrade us to premium. Only after the audit, though."
_CONDITION_AFTER = re.compile(
    r"^\W*(pending(?![^.!?]*\b(shouldn'?t|should not|must not|no longer)\b)|subject to|"
    r"(dependent|contingent|conditional) (on|upon)|"
    r"provided that|only (after|if|once|when)|"
    # someone's word still to come: "upgrade to premium — need my manager's OK first, will ping you"
    r"need ((my|our|the) )?\w+('?s)? (ok|okay|approval|sign-?off|go-?ahead|blessing)|"
    # something to be told first: "We want give billing access to <@X>. First tell me what she
    # can see, then we decide."
    r"(please )?first (tell|explain|show|let (me|us) know)|"
    r"assuming(?! (that'?s|this is|it'?s|its) (fine|ok|okay|possible|allowed))|"
    r"not before|"
    # a vague later said after it: "resume premium — next year maybe", "upgrade us to
    # premium... someday, when we're bigger", "give <@X> billing access, maybe after her
    # probation", "cancel premium, probably in the spring"
    r"(maybe|probably|possibly|perhaps)\b(?!\s+(?:not|never|won'?t|wont)\b)|"
    r"(\w+\s+){1,3}(maybe|probably|possibly|perhaps)(?=\W*$)|some ?day|one day|eventually)\b",
    re.I,
)
def _put_off_beside(found: list[str], n: int) -> bool:
    """Whether the piece beside the order `found[n]` puts it off: a condition or a later time
    before it, a condition right after it."""
    before = found[n - 1] if n > 0 else ""
    after = found[n + 1] if n + 1 < len(found) else ""
    later_first = bool(_LATER_ALONE.match(before) and _ORDER_FIRST.match(found[n]))
    return bool(_CONDITION.match(before) or _CONDITION_AFTER.match(after)) or later_first


# Now, said in the order itself: "Next week is Black Friday. Upgrade us to premium today."
_NOW = re.compile(r"\b(now|today|right away|asap|immediately|straight away|this week)\b", re.I)
# "… so please upgrade us": the order after "so" is a piece of its own.
_SO_ORDER = re.compile(
    r"(?<!\s)\s+so\s+(?=(?:(?:please|pls|plz|just|go\s+ahead\s+and)\s+)*" + ORDER_OPENING + ")",
    re.I,
)
_ORDER_FIRST = re.compile(r"^\W*(?:so\s+)?" + ORDER_OPENING, re.I)
# "premium pls is what my boss keeps saying" reports a wish for the plan; "…he keeps asking me
# for the invoices, give him billing access" tells why, and names no change.
_KEEPS_SAYING = re.compile(r"\bkeeps? " + REPEATING, re.I)


def _repeated_wish(piece: str, paid: tuple[str, ...]) -> bool:
    return bool(_KEEPS_SAYING.search(piece)) and names_plan(piece, paid)
