"""A message as customers type it, read in the words the understanding's rules know: Slack's
emphasis around words dropped ("_un-cancel_ our premium"), chat shorthand spelled out ("billing
perms", "go ahead n move us"). Only shorthand whose meaning is one word and never the asker's
intent is spelled out: "nvm", "asap" and "wanna" are signals of their own, read as written."""

from __future__ import annotations

import re

# Emphasis marks around a word or words (*bold*, _italic_), not inside one (snake_case, a URL's
# underscores); a strike (~like this~) is left as written.
_EMPHASIS = re.compile(r"(?<![\w*_])[*_]+(?=\w)|(?<=\w)[*_]+(?![\w*_])")

SPELLED_OUT = {
    "u": "you", "ur": "your", "pls": "please", "plz": "please", "pleas": "please",
    "thx": "thanks", "acct": "account", "accts": "accounts", "perms": "permissions",
    "perm": "permission", "privs": "privileges", "wat": "what", "wut": "what", "b4": "before",
    "hw": "how", "mgr": "manager", "tkt": "ticket", "tkts": "tickets", "thru": "through",
    "bc": "because", "cuz": "because", "cos": "because", "subscr": "subscription",
    "sub": "subscription",
}  # fmt: skip
# ("IM" is the product's short name, not "I'm"; "cc" a copy as often as a card; "sub accounts")
_WORD = re.compile(
    r"(?<![\w@<:/.'-])(" + "|".join(SPELLED_OUT) + r")(?![\w>:/@'-])(?! accounts?\b)", re.I
)
# "n" and "&" joining two words are "and" ("go ahead n move us", "cancel & refund").
_AND = re.compile(r"(?<=[a-z]) (?:n|&) (?=[a-z])", re.I)


# "go ahead and" before an order agrees to nothing the bot offered: "go ahead and cancel premium"
# orders the cancel (read with it, it was closer to agreeing, 0.70, than to cancelling, 0.60).
_GO_AHEAD = re.compile(
    r"^\s*(?:(?:ok|okay|yes|yeah|so|alright)[\s,.!]+)*go\s+ahead\s+and\s+(?=\w)", re.I
)


def spelled_out(text: str) -> str:
    """The message with emphasis marks dropped, shorthand spelled out and a "go ahead and"
    before its order left out."""
    plain = _EMPHASIS.sub("", text)
    plain = _WORD.sub(lambda m: SPELLED_OUT[m.group(1).lower()], plain)
    return _GO_AHEAD.sub("", _AND.sub(" and ", plain))
