"""A change talked about, not asked for (helper-205's and helper-206's attacks, 2026-12-07):
an item ticked off ("- [x] cancel premium", "DONE: cancel premium", "Jira FIN-88: Grant billing
access to <@X>. Status: In review"), a change someone else does or did ("<@X> will upgrade us
after his trip", "<@X> had his billing access revoked last week"), a change opposed ("I'm going
to push back on cancelling premium"), a change as the subject of an opinion ("cancelling premium
is a big decision for us", "revoking <@X>'s billing access is HR's call"), its status noted
("cancellation of premium: TBD", "premium resume: next month"), a how-it-works summary
acknowledged ("so cancelling stops the renewal. ok understood"), or a mood set against reality.

Customers write such lines to keep the bot (and themselves) informed; the change they name is
no order. Each reading yields to an order said beside it ("…Status: approved. please revoke
it now", "cancelling premium is the right call, go ahead")."""

from __future__ import annotations

import re

from bot.conversation.commands import CHANGE_VERB, ORDER_OPENING
from bot.conversation.put_off import BLOCKED
from bot.conversation.reported_speech import DO_IT

# The change's words as a noun or gerund ("cancellation of premium", "revoking <@X>'s access").
_CHANGE_NOUN = (
    r"(?:cancel\w*|upgrad\w*|resum\w*|reactivat\w*|downgrad\w*|grant\w*|revok\w*|"
    r"remov\w*|giving|billing\s+access)"
)
# A change named in any of its forms (unmarked_questions.py reads it too).
CHANGE_NAMED = re.compile(rf"\b(?:{CHANGE_VERB}|{_CHANGE_NOUN})", re.I)

# An order said to the bot anywhere: a polite ask, an order opening a clause, going ahead.
_ORDERED = re.compile(
    r"\b(?:please|pls|plz|kindly)\b|\b(?:can|could|would|will)\s+(?:you|u)\b|"
    r"\b(?:go\s+ahead|proceed|do\s+it|let'?s\s+do|action\s+needed)\b|"
    r"\b(?:" + CHANGE_VERB + r")(?:\s+\S+){0,3}?\s+(?:now|today|asap)\b|"
    r"\b(?:need|want)\b[^.!?\n]{0,40}\b(?:now|today|asap)\b|"
    r"\b(?:i|we)(?:'d|\s+would)\s+like\s+to\b|\b(?:i|we)\s+(?:want|need)\s+to\s+"
    + CHANGE_VERB
    + "|"
    # (a clause's start, up to three spaces or marks after its stop: looked back at, so that a
    # run of 40,000 line breaks is not read once from each)
    r"(?:(?<![^,.:;!?\n—–])|(?<=[,.:;!?\n—–][\s*_~])|(?<=[,.:;!?\n—–][\s*_~]{2})|"
    r"(?<=[,.:;!?\n—–][\s*_~]{3})|\b(?:so|then|now|but|and|just)\s+)"
    r"(?:" + ORDER_OPENING + r"|take\b)",
    re.I,
)

# Only a polite ask or going ahead (not a verb opening a line: a ticked item, a ticket or a
# draft holds its change as an order's words: "DONE: cancel premium", "Step 2: upgrade").
_POLITE = re.compile(
    r"\b(?:please|pls|plz|kindly|asap)\b|\b(?:can|could|would|will)\s+(?:you|u)\b|"
    r"\b(?:go\s+ahead|proceed|do\s+it|let'?s\s+do|action\s+needed|right\s+away)\b",
    re.I,
)

# (on a ticked line: asked politely, or an order after a comma: "✅ approved by finance, upgrade
# us to premium")
_POLITE_OR_THEN = re.compile(_POLITE.pattern + r"|,\s*(?:" + ORDER_OPENING + r")", re.I)

# A ticked item: a checked box, "DONE:", "(done)", "— done"; a check mark opening the line or
# on a list's item ("1. revoke <@X> ✔"), not one that approves an order ("go ahead and buy the
# premium support for us :white_check_mark:").
_DONE_MARK = re.compile(
    r"\[[xX✓✔]\]|\(done\b(?!\s+with)[^)]{0,80}\)|^[^\w\n]*+done\s*[:-]|"
    r"[-—–:]\s*done\b(?=\s*(?:[.!,;)]|$|(?:last|yesterday|already|via|by|thanks|thx)\b))", re.I
)
_CHECK = re.compile(r"✅|✔|✓|☑|:white_check_mark:|:heavy_check_mark:|:ballot_box_with_check:")
_OPENS_WITH_CHECK = re.compile(
    r"^[ \t]*+(?:[-•*–][ \t]*+)?(?:✅|✔|✓|☑|:white_check_mark:|:heavy_check_mark:)"
)
_PAST = re.compile(
    r"\b(?:cancell?ed|upgraded|resumed|reactivated|revoked|granted|removed|gave|added|given)\b",
    re.I,
)
_LIST_ITEM = re.compile(r"^\s*(?:\d+[.)]|[-•*–])\s|(?:^|\s)\d+[.)]\s")


def _done(line: str) -> bool:
    """Whether one line is ticked off (a check mark counts opening the line or on a list's
    item) or carries a ticket's status."""
    if _STATUS_FIELD.search(line):
        return True
    done = _DONE_MARK.search(line)
    if done is not None and done.group(0).lstrip()[:1] in "-—–:":
        # ("revoke <@X> billing access, HR approval: done": the approval is done, not the change)
        return bool(CHANGE_NAMED.search(re.split(r"[,;.]", line[: done.start()])[-1]))
    if done is not None:
        return True
    if not (_OPENS_WITH_CHECK.match(line) or (_CHECK.search(line) and _LIST_ITEM.search(line))):
        return False
    # (a check mark may approve the order instead: "✅ upgrade us to premium"; several ticked
    # items are counted by _ticked)
    return bool(_PAST.search(line))
# A ticket's status, forwarded with it ("Status: In review", "— status: waiting for approval").
_STATUS_FIELD = re.compile(
    r"(?:\b[A-Z]{2,}-\d+\b|#\d+|\b(?:ticket|jira|issue|case|request)\b).{0,200}?\bstatus\s*:\s*\w",
    re.I,
)
_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|(?<!\w)'[^'\n]{8,}'(?!\w)")


def _ticked(text: str) -> bool:
    """Whether every line naming a change is ticked off or carries its status, and no line
    orders anything (a ticked line only by asking politely)."""
    lines = [line for line in text.split("\n") if line.strip()]
    several = len(_CHECK.findall(text)) > 1  # (a list ticked item by item)
    marked = [_done(line) or (several and bool(_CHECK.search(line))) for line in lines]
    changes = [mark for line, mark in zip(lines, marked, strict=True) if CHANGE_NAMED.search(line)]
    if not changes or not all(changes):
        return False
    return not any(
        (_POLITE_OR_THEN if mark else _ORDERED).search(_QUOTED.sub(" ", line))
        for line, mark in zip(lines, marked, strict=True)
    )


# Someone else does the change, did it, or will: "<@X> will upgrade us after his trip", "<@X>
# cancelled premium yesterday", "<@X> approves all billing access grants", "Rule: nobody gives
# billing access to <@X>"; a question of what they did ("did you cancel premium?"); a rule
# ("billing access … gets revoked at contract end").
_SOMEONE = (
    r"(?:<@U\w+(?:\|[^>]{0,80})?>|\b(?:he|she|they|hr|finance|legal|procurement|nobody|no\s+one|"
    r"(?:the|our|my)\s+(?:ceo|cfo|coo|cto|boss|owner|manager|admin|previous\s+admin|old\s+admin|"
    r"accountant|bookkeeper|it\s+team|finance\s+team)))"
)
_THEIR_DOING = re.compile(
    _SOMEONE + r"\s+(?:(?:will|'ll|is\s+going\s+to|are\s+going\s+to|plans?\s+to|is\s+planning\s+"
    r"to|intends\s+to)\s+(?:\w+\s+)?(?:cancel|upgrade|resume|reactivate|grant|revoke|remove|give|"
    r"downgrade)|(?:already\s+|just\s+|has\s+|have\s+)?(?:cancell?ed|upgraded|resumed|reactivated|"
    r"granted|revoked|removed|gave|downgraded|cancels|upgrades|resumes|grants|revokes|removes|"
    r"gives|approves))\b|"
    # (passive: "<@X> had his billing access revoked last week")
    r"\bhad\s+(?:(?:his|her|their|my)\s+)?billing\s+(?:access\s+)?(?:revoked|removed|granted|"
    r"taken\s+away)\b|"
    r"\b(?:did|has|have)\s+(?:you|he|she|they|<@U\w+>)\s+(?:already\s+)?(?:cancel|upgrade|resume|"
    r"reactivate|grant|revoke|remove|give)\b|"
    r"\b(?:gets?|is|are)\s+(?:automatically\s+)?(?:revoked|removed|granted|cancell?ed)\s+"
    r"(?:at|on|when|after|every|once)\b|"
    # done by the asker, said so: "revoked <@X> billing myself via the UI today"
    r"\b(?:revoked|cancell?ed|upgraded|resumed|granted|removed|gave)\b[^.!?\n]{0,60}\bmyself\b|"
    # feared: "thought we'd been downgraded"
    r"\bthought\s+(?:we|i)(?:'d|\s+had)\s+been\s+\w+",
    re.I,
)
# Opposed: "I'm going to push back on cancelling premium", "I will veto the cancel premium
# proposal", "we're against upgrading". (Not "block", which may be an order: "block <@X>".)
_OPPOSED = re.compile(
    r"\b(?:push(?:ing)?\s+back\s+on|fight(?:ing)?|veto(?:ing)?|oppos(?:e|ing)|argu(?:e|ing)\s+"
    r"against|against|resist(?:ing)?)\s+(?:the\s+|any\s+|this\s+)?(?:idea\s+of\s+)?"
    + _CHANGE_NOUN
    + r"|\bunder\s+no\s+circumstances\b",
    re.I,
)
# An opinion of the change as a sentence's subject: "cancelling premium is a big decision for
# us", "granting <@X> billing access is the CEO's decision, not mine", "the worst part about
# cancelling premium would be…", "resuming premium crossed my mind today".
# (The sentence's start is looked back at from each gerund: see _opens_sentence.)
_OPINION = re.compile(
    r"(?:\bthe\s+\w+\s+(?:part|thing)\s+(?:about|of|with)\s+)?\b"
    r"(?:cancel+ing|upgrading|resuming|reactivating|granting|revoking|removing|giving|"
    r"downgrading|renewing)\b[^.!?\n]{0,80}?\s(?:crossed\s+(?:my|our)\s+mind|(?:would|will)\s+be|"
    r"(?:is|was|'s|seems|sounds|feels|has\s+been)\s+(?!(?:a\s+must|the\s+(?:priority|plan|next\s+step|"
    r"way\s+to\s+go)|overdue|urgent)\b)(?:a|an|the|not|too|so|such|really|kind\s+of|\w+'s|up\s+to|"
    r"being|on\s+hold|pending)\b)",
    re.I,
)
# Its status noted: "cancellation of premium: TBD", "premium resume: next month", "removing
# <@X> from billing: later", "Outcome: cancel premium = rejected", "billing access for <@X> is
# being discussed internally", "granting … was discussed, decision pending".
_NOTED = re.compile(
    r"\b" + _CHANGE_NOUN + r"[^.!?\n:=—–,;]{0,60}?"
    r"(?:\s{0,3}[:=—–]\s{0,3}|\s(?:is|was)\s+(?:being\s+)?)"
    r"(?:tbd|tbc|pending|on\s+hold|later|next\s+(?:week|month|quarter|year)|someday|maybe|"
    r"rejected|declined|denied|deferred|postponed|discussed|under\s+review|in\s+review|"
    r"waiting|not\s+(?:yet|now|approved|decided)|undecided|done(?=\s*(?:[.!;)]|$)))\b",
    re.I,
)
# Said, then taken back or made a wish: "cancel premium lol no way", "cancel premium, ok not
# really. how's my ticket", "upgrade me pls... is what I'd say if I had budget", "we should
# cancel premium. but we won't", "wanted to cancel premium but the phone line saved us", "my
# boss said give <@X> billing access. then he said wait".
# (the first, right after a short order: see _taken_back)
_TAKEN_BACK_SHORT = re.compile(
    r"\b(?:lol|lmao|haha\w*)\s+no\s+way\b(?!\s+(?:to|that|we|i|it|this)\b)|"
    # ("not really" said alone: not "Please cancel premium. Not really using it")
    r"(?:[,.!…]\s*|\bok(?:ay)?,?\s+)not\s+really\b(?=\s*(?:[.,!;:…]|$))",
    re.I,
)
_TAKEN_BACK = re.compile(
    r"\bis\s+what\s+(?:i|we)(?:'d|\s+would)\s+(?:say|type|write|do)\b|"
    r"\b(?:should|could|might)\s+(?:\w+\s+){0,3}?" + CHANGE_VERB + r"[^.!?\n]{0,40}[.,]?\s*but\s+"
    r"(?:we|i)\s+(?:won'?t|will\s+not|aren'?t|are\s+not|can'?t|cannot)\b|"
    r"\b(?:said|told\s+(?:me|us)|asked\s+(?:me|us))\s+(?:to\s+)?" + CHANGE_VERB
    + r"[^\n]{0,80}?\b(?:wait|hold\s+off|not\s+yet|changed\s+(?:his|her|their)\s+mind|"
    r"never\s*mind|forget\s+it)\b",
    re.I,
)
# A wish that was not acted on: "wanted to cancel premium but the phone line saved us" (not when
# what stood in the way is what the bot can help with: "…but the page won't let me").
_WISH_NOT_DONE = re.compile(
    r"\b(?:wanted|was\s+going|were\s+going|almost|nearly|meant)\s+to\s+" + CHANGE_VERB
    + r"[^.!?\n]{0,60}?\bbut\b",
    re.I,
)
_CANT = re.compile(
    r"\b(?:can'?t|couldn'?t|cannot|could\s+not|unable|not\s+able|don'?t\s+know|didn'?t\s+know|"
    r"no\s+idea|button|page|link|option|menu|tab)\b",
    re.I,
)
# Near misses and wishes said in the writer's other language, with their "but": "quería
# cancelar el premium pero…", "eu queria cancelar o premium mas…", "muntik na kaming
# mag-cancel" (Tagalog: almost), "soch raha hoon premium cancel kar doon, par abhi nahi"
# (Hindi: I'm thinking), "o chefe disse cancela premium, mas desistiu" (gave up).
_WISHED_ABROAD = re.compile(
    r"\b(?:quer[ií]a|quise)\b[^\n]{0,80}?\b(?:pero|mas)\b|\bgusto\s+ko\b[^\n]{0,80}?\bpero\b|"
    r"\b(?:muntik|socha|soch\s+ra(?:ha|hi)|karna\s+tha|bol\s+ra(?:ha|hi)\s+tha|"
    r"desist\w*|mana\s+kar\s+diya|abhi\s+nahi|outro\s+dia|otro\s+d[ií]a)\b",
    re.I,
)
# A how-it-works summary acknowledged: "so cancelling stops the renewal. ok understood", "so
# phone support requires premium. got it".
_UNDERSTOOD = re.compile(
    r"^\W*+so[ \t]{1,3}(?!(?:please|pls|just|go)\b)[^\n]{3,160}?[.,!]?[ \t]{0,3}"
    r"(?:ok(?:ay)?[,.]?[ \t]{1,3})?"
    r"(?:understood|got\s+it|makes\s+sense|noted|gotcha|i\s+see)\W*$",
    re.I,
)
# A mood set against reality: "mood: revoke everyone's billing access. reality: need them"; a
# draft or a message for someone else ("(draft of our wiki)", "this is for him, I'll forward it").
_NOT_FOR_US = re.compile(
    r"\b(?:mood|expectation|me\s+in\s+my\s+head)\s*:.{0,400}?\breality\s*:|"
    r"\b(?:draft|template)\s+(?:of|for)\s+(?:our|the|my|an?)\b|"
    r"\bthis\s+is\s+for\s+(?:him|her|them|<@U\w+>)",
    re.I | re.S,
)
# A verdict on the change, or a click told of (helper-207's attack on follow-ups): "cancel
# premium was the plan but we changed our minds", "upgrade to premium is off the table", "…isn't
# happening this year", "cancel premium = bad idea", "resume premium — NOT what I want", "Cancel
# Premium Support -- nope", "…was clicked by accident", "I hit give billing access … by accident",
# "Upgrade to Premium Support — that's what your card said".
_VERDICT = re.compile(
    r"\b(?:was|were)\s+(?:the\s+plan|on\s+the\s+table|my\s+first\s+thought|clicked|pressed|"
    r"hit|tapped)\b|\b(?:isn'?t|is\s+not|not|won'?t\s+be)\s+happening\b|\boff\s+the\s+table\b|"
    # (not "revoke billing access for <@X> - no, she is not coming back": a reason)
    r"=\s*(?:a\s+)?bad\s+idea\b|(?<![-—–])[-—–]{1,4}\s*(?:not\s+what\s+(?:i|we)\s+want|"
    r"nope\b(?!,?\s+(?:she|he|they|it|we)\b)|no\W*$)|"
    r"\b(?:hit|clicked|pressed|tapped)\s+(?:[\w<@>']+\s+){1,6}?by\s+(?:accident|mistake)\b|"
    r"\b(?:your|the\s+bot'?s)\s+card\s+(?:said|says|showed|shows)\b",
    re.I,
)
# The bot's card or an article named by its title: "I dismissed the Cancel Premium card", "the
# give <@X> billing access idea is parked", "I read the Cancel Premium Support section".
_NAMED_THING = re.compile(
    r"\b(?:the|your|that|this)\s+((?:[\w<@>'-]+\s+){1,6}?)(?:card|section|article|idea|proposal|"
    r"button|message|prompt)\b",
    re.I,
)
# The bot's own words quoted ("> Cancel Premium Support?"), answered with no yes.
_YES = re.compile(
    r"\b(?:yes|yep|yeah|yup|ok|okay|sure|confirm\w*|go|do\s+it|proceed|ja|s[ií]|oui|please|pls|"
    r"plz|approved?|agreed|same\s+here|seconded)\b|\+1|✅|:white_check_mark:|👍|:thumbsup:",
    re.I,
)
_QUOTE_LINE = re.compile(r"^[ \t]*+(?:>|&gt;)[^\n]*", re.M)


def _quoted_and_not_taken(text: str) -> bool:
    """Whether the change is only in quoted lines and the asker's own lines say no yes."""
    own = _QUOTE_LINE.sub(" ", text)
    if own == text or not CHANGE_NAMED.search(text) or CHANGE_NAMED.search(own):
        return False
    return not (_YES.search(own) or _ORDERED.search(own) or DO_IT.search(own))


# Told as done, its words the order's: "(Already set up this way)", "Give billing access to <@X>
# — receipt received, thanks".
_TOLD_DONE = re.compile(
    r"\balready\s+(?:set\s+up|done|in\s+place|taken\s+care\s+of|sorted|handled)\b|"
    r"\b(?:receipt|confirmation)\s+(?:received|arrived|came|is\s+in)\b",
    re.I,
)
# A note for later ("ignore: …", "set a reminder: cancel premium before renewal"), an edit's
# correction ("*upgrade us → update us"), "premium cancel not" (a writer's own word order).
_NOTE_ONLY = re.compile(
    r"^[^\w\n]*+(?:ignore(?:\s+this)?|(?:set\s+a\s+)?reminder|note\s+to\s+self)\s*:|"
    r"^[ \t]*+\*[^*\n]{0,80}?(?:→|->)|\b(?:cancel|upgrade|resume|revoke|grant|remove)\s+not\b",
    re.I,
)


# Some day, maybe: "going back to standard someday maybe".
_SOMEDAY = re.compile(r"\b(?:someday|some\s+day|one\s+of\s+these\s+days)\b", re.I)


def _opens_sentence(text: str, at: int) -> bool:
    """Whether `at` opens a sentence: nothing but spaces before it, or a stop (within 200
    characters: a bounded look back, not a pass over a run of spaces from each place)."""
    before = text[max(0, at - 200) : at]
    stripped = before.rstrip(" \t")
    return not stripped.strip() or stripped[-1] in ".!?\n"


def _found(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` (an opinion: the first opening a sentence; a short order
    taken back: within its first words, after a change)."""
    if pattern is _OPINION:
        return next((m for m in pattern.finditer(text) if _opens_sentence(text, m.start())), None)
    if pattern is _TAKEN_BACK:
        short = _TAKEN_BACK_SHORT.search(text, 0, 120)
        if short is not None and CHANGE_NAMED.search(text, 0, short.start()):
            return short
    return pattern.search(text)


def only_talked_about(text: str, said: str = "") -> bool:
    """Whether the change the words name is only talked about: ticked off, someone else's
    doing, opposed, given an opinion or a status, taken back, understood, a mood or a draft;
    with no order said beside it (outside the words that talk about it). (`said`: the message
    as written, whose quoted lines the reading's stops may have joined to the next.)"""
    unquoted = _QUOTED.sub(" ", text)
    if _ticked(text):
        return True
    not_for_us = _NOT_FOR_US.search(text)
    if not_for_us is not None:  # (not "draft for the team: … bot please cancel it")
        return not _POLITE.search(text, not_for_us.end())
    if _quoted_and_not_taken(said or text):
        return True
    # (as written too: the reading drops an edit's opening "*")
    source = text if _NOTE_ONLY.search(text) else (said or text)
    note = _NOTE_ONLY.search(source)
    if note is not None:  # (not "ignore: the earlier question. cancel premium now")
        stop = re.search(r"[.!?\n]", source[note.end() :])
        return stop is None or not _ORDERED.search(source, note.end() + stop.end())
    named = next(
        (m for m in _NAMED_THING.finditer(unquoted) if CHANGE_NAMED.search(m.group(1))), None
    )
    told = named or _TOLD_DONE.search(unquoted)
    if told is not None:  # (not "that cancel premium button just spins. cancel it on your end")
        return not (_POLITE.search(unquoted) or _ORDERED.search(unquoted, told.end()))
    verdict = _VERDICT.search(unquoted)
    if verdict is not None:  # (not "I hit cancel premium by accident, undo it")
        before = re.split(r"[—–,.;:!?\n](?=[^—–,.;:!?\n]*$)", unquoted[: verdict.start()])[0]
        # (the clause before counts, unless it is the card's own words the verdict is about)
        ordered = _ORDERED.search(unquoted, verdict.end()) or (
            before != unquoted[: verdict.start()]
            and "card" not in verdict.group(0).lower()
            and _ORDERED.search(before)
        )
        return not (_POLITE.search(unquoted) or _YES.search(unquoted) or ordered)
    if _SOMEDAY.search(text) or _WISHED_ABROAD.search(text):
        return not _POLITE.search(unquoted)
    understood = _UNDERSTOOD.match(text) and not _ORDERED.search(text, 3)
    if understood and not re.match(r"^\W*so\s+" + ORDER_OPENING, text, re.I):
        return True
    wished = _WISH_NOT_DONE.search(unquoted)
    if wished is not None and not (
        BLOCKED.search(unquoted, wished.end()) or _CANT.search(unquoted, wished.end())
    ):
        return not _ORDERED.search(unquoted[: wished.start()] + " … " + unquoted[wished.end() :])
    for pattern in (_TAKEN_BACK, _THEIR_DOING, _OPPOSED, _OPINION, _NOTED):
        found = _found(pattern, unquoted)
        if found is not None:
            rest = unquoted[: found.start()] + " … " + unquoted[found.end() :]
            return not _ORDERED.search(rest[found.start() :] if pattern is _TAKEN_BACK else rest)
    return False
