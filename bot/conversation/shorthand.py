"""A message as customers type it, read in the words the understanding's rules know: Slack's
emphasis around words dropped ("_un-cancel_ our premium") and what it strikes through left out,
chat shorthand spelled out ("billing perms", "go ahead n move us"), and "go ahead and" before an
order of its own left out. Only shorthand whose meaning is one word and never the asker's intent
is spelled out: "nvm", "asap" and "wanna" are signals of their own, read as written; "IM" is the
product's short name, not "I'm"; "cc" is a copy as often as a card; "hw", "bc" and "cos" are
hardware, British Columbia and cost as often as "how" and "because"."""

from __future__ import annotations

import re

from bot.conversation.commands import ORDER_FIRST
from bot.conversation.order_words_said import in_order_words

# Emphasis marks around a word or words (*bold*, _italic_), not inside one (snake_case, a URL's
# underscores). (A run is tried from its first mark only, whole: one pass over "ab____…cd".)
_EMPHASIS = re.compile(r"(?<![\w*_])[*_]++(?=\w)|(?<=\w)(?<![*_])[*_]++(?![\w*_])")
# An order struck through (~like this~) is taken back as it is shown: "~cancel premium~" asks
# nothing, "~upgrade~ lol no, the opposite: please cancel" asks the cancel ("~$400 or ~$1,200"
# is no strike: Slack's closes on a mark right after a word). Curly apostrophes are read as
# straight ones ("don’t", as phones type it).
# (Markdown's double tildes strike too: "~~cancel the renewal~~")
_STRUCK = re.compile(
    r"(?<![A-Za-z0-9~])~~?(?=[^\s~])[^~\n]{1,200}?(?<=\S)~~?(?![A-Za-z0-9~])"
)

SPELLED_OUT = {
    "u": "you", "ur": "your", "pls": "please", "plz": "please", "pleas": "please",
    "thx": "thanks", "acct": "account", "accts": "accounts", "perms": "permissions",
    "perm": "permission", "privs": "privileges", "wat": "what", "wut": "what", "b4": "before",
    "mgr": "manager", "tkt": "ticket", "tkts": "tickets", "thru": "through", "cuz": "because",
    "subscr": "subscription", "sub": "subscription",
}  # fmt: skip
# A word of its own, not part of an address, a mention, an emoji, an abbreviation ("U.S.") or
# "sub accounts"; an all-capitals word is a name ("PLS", "ACCT"), not shorthand.
_WORD = re.compile(
    r"(?<![\w@<:/.'-])(" + "|".join(SPELLED_OUT) + r")(?![\w>:/@'-])(?!\.\w)(?! accounts?\b)",
    re.I,
)
# "n" and "&" joining two words before an order's verb are "and" ("go ahead n move us", "cancel
# & refund it"; not "every n days").
_AND = re.compile(
    r"(?<=[a-z]) (?:n|&) (?=(?:move|switch|cancel|upgrade|downgrade|sign|put|get|give|add|remove|"
    r"do|set|make|turn|stop|resume|keep|tell|send|let|charge|refund|bump)\b)",
    re.I,
)
# "go ahead and" opening an order of its own agrees to nothing the bot offered: "go ahead and
# cancel premium" orders the cancel (read with it, it was closer to agreeing, 0.70, than to
# cancelling, 0.60). "go ahead and do it", "yes go ahead and cancel it" agree to what was offered
# and keep their words.
_GO_AHEAD = re.compile(
    r"^\s*(?:(?:ok|okay|yes|yeah|so|alright|hi|hey|hello|please)[\s,.!]+)*go\s+ahead\s+and\s+"
    r"(?=\w)(?!(?:do|proceed|confirm)\b)(?![^.!?\n]*\b(?:it|that|this|them)\b)",
    re.I,
)


# ... and so is one in the middle, after a "yeah", a "so" or a stop: "…whatever it costs for
# warehouse yeah go ahead and do the upgrade" ("did he go ahead and cancel?" keeps its words).
_GO_AHEAD_AMID = re.compile(
    r"\b(yeah|yes|yep|ok|okay|then)\s+go\s+ahead\s+and\s+"
    r"(?=(?:upgrade|cancel|switch|move|sign|put|downgrade|resume|reactivate|restore|subscribe|give|"
    r"grant|add|remove|revoke|turn|bump|get)\b)(?![^.!?\n]{0,200}?\b(?:it|that|this|them)\b)",
    re.I,
)


# ... and so does an agreement word before an order's own verb and object: "ok upgrade us",
# "yes, cancel our premium" order (read with "ok" they were closer to agreeing than to the
# order); "ok cancel it" and "yes do it" agree to what was offered and keep their words.
_AGREED_ORDER = re.compile(
    r"^\s*(?:(?:ok|okay|alright|yes|yeah|yep|sure|fine|cool)[\s,.!]+)+(?=(?:upgrade|cancel|"
    r"switch|move|sign|put|downgrade|resume|reactivate|restore|subscribe|give|add|remove|revoke|"
    r"bump)\s+\w)(?![^.!?\n]*\b(?:it|that|this|them)\b)",
    re.I,
)


# An emphatic "do" before an order's verb is the order ("… but do give <@X> billing access").
_EMPHATIC_DO = re.compile(
    r"\bdo\s+(?=(?:give|grant|add|cancel|upgrade|remove|revoke|resume|switch|move|put|sign|keep|"
    r"restore|reactivate|let)\b)",
    re.I,
)


# Courtesy around a request says nothing of when or whether it is wanted: "when you get a
# chance could you cancel our premium plan" asks now ("when" would put it off), "I was hoping
# you could…" and "would you mind cancelling…" ask as "could you…" does.
_COURTESY = re.compile(
    r"\b(?:when(?:ever)?\s+(?:you|u)\s+(?:get|have)\s+a\s+(?:chance|moment|minute|sec(?:ond)?)|"
    r"at\s+your\s+(?:earliest\s+)?convenience|if\s+(?:you|u)\s+(?:don'?t|do\s+not)\s+mind|"
    r"no\s+rush(?:\s+but)?|"
    # (a "not"/"no" that is only a manner of speaking: "Not gonna lie, I was skeptical, but
    # upgrade us", "resume it, no questions asked")
    r"not\s+(?:gonna|going\s+to)\s+lie|ngl|no\s+questions\s+asked|no\s+offen[cs]e)\b,?",
    re.I,
)
# A courtesy condition on a detail given, at the end of the detail's own clause, not on the
# request: "…, i've got the sign-off in writing if you need it for your records", "PO # is 4471
# if it needs to go on the invoice" (never "if you need it, cancel premium", nor "give <@X>
# access if you need it": a clause with an order in it keeps its condition).
_DETAILS_CONDITION = re.compile(
    r"(?<!\s)\s+(?:(?:if|in\s+case|should)\s+(?:you|u)\s+need\s+(?:it|this|that|them|one)(?:\s+for\s+"
    r"[^.,;!?]{1,40})?|if\s+(?:it|this|that)\s+(?:needs|has)\s+to\s+go\s+(?:on|onto|in|into)\s+"
    r"[^.,;!?]{1,40})(?=\s*(?:[.,;!?]|$))",
    re.I,
)
_CLAUSE_END = re.compile(r"[.,;!?]")


def _without_details_conditions(text: str) -> str:
    """`text` without the courtesy conditions at the end of a detail's clause; a clause that
    opens as an order, or has no words before its condition, keeps it."""
    kept, done = [], 0
    for found in _DETAILS_CONDITION.finditer(text):
        ends = [m.end() for m in _CLAUSE_END.finditer(text, done, found.start())]
        clause = text[ends[-1] if ends else done : found.start()]
        if re.search(r"\w", clause) and not ORDER_FIRST.match(clause):
            kept.append(text[done : found.start()])
            done = found.end()
    return "".join(kept) + text[done:]
_HOPING = re.compile(
    r"\b(?:i|we)\s+(?:was|were|am|are|'m|'re)\s+hoping\s+(?:that\s+)?(?:you|u)\s+(?:could|can|"
    r"would)\b|"
    # "I should be obliged if you would…", "we would be grateful if you could…"
    r"\b(?:i|we)(?:'d|\s+would|\s+should)\s+be\s+(?:most\s+|very\s+|so\s+)?(?:grateful|obliged|"
    r"thankful)\s+if\s+(?:you|u)\s+(?:would|could|can)\b|"
    # "I would like to (kindly) ask if you can…", "we want to ask whether you could…"
    r"\b(?:i|we)(?:'d|\s+would)?\s+(?:like|want)\s+to\s+(?:kindly\s+)?ask\s+(?:you\s+)?(?:if|whether)"
    r"\s+(?:you|u)\s+(?:could|can|would)\b",
    re.I,
)
# "I would like to kindly ask if it is possible to…": whether it may be done, asked politely.
_ASK_IF_POSSIBLE = re.compile(
    r"\b(?:i|we)(?:'d|\s+would)?\s+(?:like|want)\s+to\s+(?:kindly\s+)?ask\s+(?:you\s+)?(?:if|whether)"
    r"\s+(?:it\s+is|it'?s)\s+possible\s+to\b",
    re.I,
)
# "is possible to revert the cancel?": "it" left out, as some first languages leave it.
_POSSIBLE_WITHOUT_IT = re.compile(
    r"(?<!\bit\s)(?<!\bthis\s)(?<!\bthat\s)\b(is|was)\s+(possible)\s+(to)\b", re.I
)
# "pls cancel premium support po": the Filipino "po" of respect, lower case at a clause's end
# (never "PO", a purchase order).
_RESPECT_PO = re.compile(
    r"(?<=[a-z])(?<!\bthe)(?<!\ba)(?<!\bour)(?<!\byour)(?<!\bthis)(?<!\bthat)(?<!\bnew)"
    r"(?<!\bduplicate)(?<!\bmy)(?<!\bon)(?<!\bfor)(?<!\bwith)(?<!\bto)(?<!\bby)(?<!\bper)"
    r"(?<!\bof)(?<!\bno)(?<!\binclude)(?<!\bsend)(?<!\badd)(?<!\battach)(?<!\bneed)"
    r"\s+po(?=\s*(?:[,.!?]|$))"
)
# A filler between a polite "can you" (or "can <@X>") and its verb: "can she just get billing
# access", "could you simply cancel it" ask as "can she get…", "could you cancel it" do.
_FILLER_AFTER_ASK = re.compile(
    r"\b((?:can|could|would|will)\s+(?:you|u|<@\w+>|he|she|they|we|i))\s+(?:just|simply|quickly)"
    r"\s+(?=\w)",
    re.I,
)
# "we hereby request that our account be moved to…" orders the move.
_REQUEST_THAT = re.compile(
    r"\b(?:i|we)\s+(?:hereby\s+|kindly\s+|formally\s+)?request\s+that\s+(?:our|the)\s+"
    r"(account|subscription|plan)\s+(?:be|is)\s+(moved|switched|changed|upgraded|transferred)\b",
    re.I,
)
_PASSIVE = {"moved": "move", "switched": "switch", "changed": "change", "upgraded": "upgrade",
            "transferred": "move"}  # fmt: skip


def _requested_that(found: re.Match[str]) -> str:
    return f"please {_PASSIVE[found.group(2).lower()]} our {found.group(1)}"


# (not "do you mind upgrading accounts mid-cycle?", which asks whether it is done at all)
_MIND = re.compile(
    r"\b(?:would|could)\s+(?:you|u)\s+mind\s+(\w+ing)\b(?=\s+(?:us|our|my|me|the|<@|it|that))",
    re.I,
)
_BASE_FORMS = {
    "cancelling": "cancel", "canceling": "cancel", "upgrading": "upgrade", "giving": "give",
    "removing": "remove", "switching": "switch", "moving": "move", "putting": "put",
    "adding": "add", "checking": "check", "telling": "tell", "sending": "send",
    "revoking": "revoke", "granting": "grant", "resuming": "resume", "restoring": "restore",
    "reactivating": "reactivate", "signing": "sign", "setting": "set", "turning": "turn",
    "stopping": "stop", "bumping": "bump", "letting": "let", "pulling": "pull",
    "taking": "take", "showing": "show", "looking": "look", "confirming": "confirm",
    "downgrading": "downgrade", "subscribing": "subscribe", "getting": "get", "making": "make",
    "dropping": "drop", "ending": "end", "undoing": "undo", "reversing": "reverse",
}  # fmt: skip


# A run-on typed without stops ends its request on an urging, and a new clause follows: "need
# premium asap our tickets sit for a whole day…" is two sentences.
_RUN_ON = re.compile(
    r"\b(asap|rn|please|thanks|thank you|ty)(?= (?:our|we|i|my|the|it|they|this|that|ur|u)\b)"
)


# Words stopped one by one for emphasis are one sentence: "UPGRADE. US. TO. PREMIUM."
_STOPPED_WORDS = re.compile(r"\b(?:[A-Z]+\. ){2,}[A-Z]+\.")


def _unstopped(found: re.Match[str]) -> str:
    return found.group(0).replace(". ", " ")


def _minded(found: re.Match[str]) -> str:
    base = _BASE_FORMS.get(found.group(1).lower())
    return f"could you {base}" if base else found.group(0)


def spelled_out(text: str) -> str:
    """The message with emphasis marks and struck words dropped, shorthand spelled out,
    courtesy around a request left out and a "go ahead and" or an "ok" before its own order
    left out."""
    plain = _CODE.sub(_as_quoted, text)
    plain = _STRUCK.sub(_struck, _EMPHASIS.sub("", plain.replace("\u2019", "'")))
    plain = _WORD.sub(_spelled, _STOPPED_WORDS.sub(_unstopped, plain))
    plain = in_order_words(_DONT_TYPED.sub("don't", plain))  # (order_words_said.py)
    plain = _MIND.sub(_minded, _HOPING.sub("could you", _RUN_ON.sub(r"\1.", plain)))
    plain = _POSSIBLE_WITHOUT_IT.sub(r"\1 it \2 \3", plain)
    plain = _ASK_IF_POSSIBLE.sub("is it possible to", plain)
    plain = _FILLER_AFTER_ASK.sub(r"\1 ", _RESPECT_PO.sub("", plain))
    plain = _REQUEST_THAT.sub(_requested_that, plain)
    plain = _without_details_conditions(plain)
    plain = re.sub(r"[ \t]{2,}", " ", _COURTESY.sub(" ", plain)).strip() or plain
    plain = _EMPHATIC_DO.sub("", _AND.sub(" and ", plain))
    plain = _GO_AHEAD_AMID.sub(r"\1 ", _GO_AHEAD.sub("", plain))
    return _AGREED_ORDER.sub("", plain)


# Code in Slack's backticks is text shown, as quoted words are, not asked: "```upgrade to
# premium``` this text is on our internal checklist, is it still current?"
# (one word in backticks is a name or a command written out: "<@U0BOT> `upgrade` → premium")
# (nor code an order is asked in: "Please `upgrade to premium` asap")
_CODE = re.compile(
    r"```\s*([^`]{1,400}?)\s*```|(?<![`\w])(?<!please )(?<!pls )(?<!can you )(?<!could you )"
    r"`([^`\n\s]+\s[^`\n]{1,200})`(?!`)",
    re.I,
)


def _as_quoted(found: re.Match[str]) -> str:
    return f'"{found.group(1) or found.group(2)}"'


# "don't" as phones type it: "dnt give <@X> billing access yet", "do nt cancel premium", "pls
# don remove <@X>'s billing" (a "don" only right before a change's verb: not Don, a name).
_DONT_TYPED = re.compile(
    r"(?<![\w'])(?:(?i:dnt|do\s+nt|donot)|don(?=\s+(?:give|grant|add|remove|revoke|take|cancel|cancl|"
    r"upgrade|upgrd|resume|renew|reactivate|touch|change|switch|let|do)\b))(?![\w'])"
)


# (what is struck is taken back only when it is an order: "please ~don't~ cancel premium" strikes
# the negation, which is left as written, not the order)
_STRUCK_ORDER = re.compile(
    r"\b(cancel|upgrade|downgrade|resume|renew|switch|move|give|grant|revoke|remove|add|buy|"
    r"subscribe|sign|go|get|put|restore|reactivate)\b",
    re.I,
)


def _struck(found: re.Match[str]) -> str:
    return " " if _STRUCK_ORDER.search(found.group(0)) else found.group(0)


def _spelled(found: re.Match[str]) -> str:
    word = found.group(1)
    return word if len(word) > 1 and word.isupper() else SPELLED_OUT[word.lower()]
