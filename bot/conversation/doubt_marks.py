"""Marks beside an order that leave its meaning open whatever its words (helper-189's and
helper-190's attacks, 2026-12-07): a "no" emoji (":x: cancel premium" may tick the item or refuse
it), a laugh or an eye-roll ("cancel premium 😂😂😂", "sure, upgrade us, and buy me a pony 🙄"), a
note in brackets ("(not really)", "(edited: disregard)", "(tbd)"), a to-do or a list's empty
box, an order asked twice over ("cancel premium??"), an ultimatum ("fix the sync or cancel
premium, your choice"), a wish vented ("I want to cancel premium so bad after that ticket"). The
order is asked about first (unsure_orders.py), never quoted: one click more for an order, no
Confirm card for a refusal. Each mark is written so that the order said plainly beside it
still goes through ("please cancel our premium plan 👎", "(edited)", "Upgrade to premium, your
call on whether to prorate", "We need phone support so badly. Upgrade us to premium.")."""

from __future__ import annotations

import re

from bot.conversation.asides import NO_EMOJI
from bot.conversation.commands import CHANGE_VERB, ORDER_FIRST

_DOUBTFUL = re.compile(
    # a joke said, in any language ("Cancelar premium (broma 😂)", "Premium kündigen – Spaß!")
    r"(?<!\w)/s\b|\b(?:broma|blague|scherz|spa(?:ß|ss)|grapje|brincadeira)\b|"
    # noted in brackets ("(not serious)", "(just testing)", "(tbd)", "(Q1)", "(after budget
    # approval)"; an edit only when it takes the order back: not Slack's "(edited)")
    r"\((?:not\s+(?:really|serious)|jk|kidding|lol\b|just\s+testing|tbd|q[1-4]\b|after\b|later\b|"
    r"pending\b|maybe\b|edit(?:ed)?\s*:?\s*(?:disregard|ignore|nvm|never\s*mind|cancel\s+that|"
    r"no\b))[^()]{0,80}\)|"
    # a to-do, a list's empty box
    r"\b(?:todo|to-do)\b|^[\s>*•-]{0,8}\[\s\]|☐|"
    # an ultimatum ("fix the sync or cancel premium, your choice 😤"; not "your call on whether
    # to prorate")
    r"\bor\s[^.!?]{0,60}?\byour\s+(?:choice|call|pick)\b",
    re.I,
)
# A wish vented or weighed, a doubt shown: a mark only when no other clause orders and nothing
# is asked of the bot ("We need phone support so badly. Upgrade us to premium.", "we should
# probably get premium support tbh, can u do that for us" order; "honestly I should just cancel
# premium, nobody answers the phone" does not).
_VENTED = re.compile(
    r"🤔|🧐|:thinking(?:_face)?:|:face_with_raised_eyebrow:|🤨|"
    r"\bso\s+(?:bad(?:ly)?|much\s+right\s+now)\b|\bpart\s+of\s+me\b|\btempted\s+to\b|"
    r"\b(?:i|we)\s+(?:should|could|might)\s+(?:just|probably|honestly|really|maybe)\b|"
    # ("we'll cancel premium then": at that time, or in that case?)
    r"\b(?:we'?ll|i'?ll|we\s+will|i\s+will)\s+\w+[^.!?]{0,40}\bthen\W*$",
    re.I,
)
_CLAUSE = re.compile(r"[,.;!?\n—–]+")
# A laugh or an eye-roll ending a message that asks nothing of the bot ("cancel premium 😂😂😂",
# "sure, upgrade us, and while you're at it buy me a pony 🙄"); one in a story is its mood
# ("my coworker cancelled our premium without asking anyone 🙃 can you undo that?").
_LAUGHED_LAST = re.compile(
    r"(?:😂|🤣|🙃|🙄|:joy:|:rofl:|:upside_down_face:|:roll_eyes:)[\s.!]*$"
)
# ... or, in a few words, a laugh, a scoff or a shrug in words, or what is asked about the
# change rather than for it ("upgrade lol", "cancel premium, sure, when pigs fly", "upgrade
# jajaja", "upgrade how", "upgrade steps", "upgrade $$ 😬", "upgrade 🤷")
# (a laugh or a shrug only after an order of a few words: "resme our premium, we changed our
# minds lol" orders)
_SCOFFED = re.compile(
    r"\b(?:(?:lol|haha)\s+sure|yeah\s+right|as\s+if|when\s+pigs\s+fly|in\s+(?:ur|your)\s+dreams)"
    r"[\s.!]*$|"
    r"^\W*+(?:\S+\s+){0,3}?(?:\b(?:lol[lo]*z?|lmf?ao+|rofl|a?ha(?:ha)+h?|he(?:he)+|ja(?:ja)+|je(?:je)+|"
    r"k{3,}|wk(?:wk)+|xd|idk|hmm+|meh)\b|🤷\S*|😬|💀|:shrug:|:grimacing:|:skull:)[\s.!]*$",
    re.I,
)
# (not an order said outright with its object or its urging: "ok upgrade us now lol", "yes
# cancel it lol", "upgrade us 😬")
_SAID_OUTRIGHT = re.compile(r"\b(?:us|me|now|already|yes|yeah|ok|okay|just|asap|it)\b", re.I)
_ASKED_ABOUT = re.compile(
    r"^\W*+(?:upgrade|cancel\w*|resume|renew\w*|downgrade)\s+(?:(?!us\b|it\b|me\b|now\b)\w+\s+)?(?:how|why|where|"
    r"steps?|process|faq|info|details?|pros|cons|pros/cons|cost|price|pricing|options?|terms|pitch|"
    r"docs?|links?|guide|policy|questions?|timeline|timing|eligibility|checklist|procedure|"
    r"notice\s+period)\b|^\W*+(?:upgrade|cancel\w*|resume)\s+(?:(?!us\b|it\b|me\b|now\b)\w+\s+)?\$+(?!\s*\d)",
    re.I,
)
_ASKS_FIRST = re.compile(r"^\W*+(?:can|could|would|will|pls|please|plz)\b", re.I)
_FEW = 8
# An order alone, asked twice over ("cancel premium??", "upgrade to premium?!"): not "can you
# reactivate the auto renew??", a request urged.
_ASKED_TWICE = re.compile(r"\?\s*[?!]\s*$")
_SHORT_UNASKED = re.compile(
    r"(?!\W*(?:can|could|would|will|pls|please|plz)\b)\W*(?:\w+\W+){0,4}\w*\W*", re.I
)
_NO_EMOJIS = rf"(?:{NO_EMOJI}|✗|🛑|:negative_squared_cross_mark:|:stop_sign:)"
# A "no" emoji at the message's edge or a clause's start, or right after the order's words (not
# between a story and the order: "Standard support 👎 upgrade us to premium" orders)...
_NO_MARK = re.compile(
    rf"(?:^|[:.!?\n])[\s*_~]{{0,8}}{_NO_EMOJIS}|{_NO_EMOJIS}[\s*_~.!]*$|"
    rf"\b{CHANGE_VERB}(?:\s+[\w<@>]+){{0,3}}?\s*{_NO_EMOJIS}",
    re.I,
)
_NO_EMOJI = re.compile(_NO_EMOJIS)
# ... and not beside words that say no themselves, whose mood it is ("dont want premium anymore,
# kill it 🙅‍♀️", "turn off premium renewal :x:"), nor in a message asked of the bot ("please
# cancel our premium plan 👎").
_SAYS_NO = re.compile(r"\b(?:not?|nope|don'?t|dont|never|off|any\s*more|no\s+longer)\b", re.I)
_ASKS_THE_BOT = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u)\b|\b(?:please|pls|plz|kindly)\b", re.I
)


def doubtful(text: str) -> bool:
    """Whether a mark beside the order leaves its meaning open."""
    if _DOUBTFUL.search(text) or (_ASKED_TWICE.search(text) and _SHORT_UNASKED.fullmatch(text)):
        return True
    asks_the_bot = bool(_ASKS_THE_BOT.search(text))
    if _VENTED.search(text) and not (asks_the_bot or _ordered_beside(text)):
        return True
    few = len(text.split()) <= _FEW and not _ASKS_FIRST.match(text)
    scoffed = _SCOFFED.search(text) and not (asks_the_bot or _SAID_OUTRIGHT.search(text))
    if few and (_ASKED_ABOUT.search(text) or scoffed):
        return True
    if asks_the_bot or not (_NO_MARK.search(text) or _LAUGHED_LAST.search(text)):
        return False
    return not _SAYS_NO.search(_NO_EMOJI.sub(" ", text))


def _ordered_beside(text: str) -> bool:
    """Whether a clause without the vented words orders."""
    return any(
        ORDER_FIRST.match(clause) and not _VENTED.search(clause) for clause in _CLAUSE.split(text)
    )
