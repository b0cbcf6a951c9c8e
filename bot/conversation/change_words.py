"""Whether the words of a request name what its action changes: billing access is about
billing, an upgrade about a better plan, a cancellation about something ending. Words near an
action's examples by their other words ("btw we love premium. the phone line was great today"
is near the cancel examples) change nothing unless they name it."""

from __future__ import annotations

import re

from bot.conversation.undo import KEPT_TO_ITS_END

_BILLING = re.compile(
    # (not a billing detail: "remove his billing address on file" takes no access away)
    r"\b(billings?(?!\s+(?:address|e-?mail|name|details|info\w*|cycle|date|period|"
    r"history|statement|phone)\b)|bills?|invoices?|payments?|card|credit card|tier|plan|"
    r"subscription|support level|upgrades?|cancel\w*|renewal)\b",
    re.I,
)
_ACCESS_ALONE = re.compile(
    r"\b(access|perms|permissions?|rights)\b(?!\s+(to|for|on|in|into|tokens?|keys?|codes?)\b)",
    re.I,
)
_BILLING_REMOVED = re.compile(
    r"\b(remove|revoke|take\s+away|pull|strip|withdraw)\s+(his|her|their|the)\s+billing\s+"
    r"(access|permissions?|rights|perms)\b",
    re.I,
)
_NOT_BILLING = re.compile(r"\b(not|no|except)\s+(the\s+)?billing\b", re.I)
_BETTER_PLAN = re.compile(
    r"\b(upgrad\w*|paid|better|higher|top|faster|phone support|phone line|tier|plan|"
    r"subscription|subscribe|sign (us|me) up|buy|purchase)\b",
    re.I,
)

# Something else than access given: a figure, a fact, a word ("Give me our billing contact",
# "give <@X> some context on our billing"), when no access is given beside it.
_GIVEN_ELSE = re.compile(
    r"\bgive\s+(?:me|us|<@\w+>|him|her|them)\s+(?:(?:the|our|some|a|an|any|more|my|his|her)\s+)?"
    r"(?:(?:\w+\s+)?(?:tier|plan|renewal|dates?|info\w*|tips?|contacts?|details?|"
    r"context|update|summary|overview|rundown|numbers?|code|pin|price|pricing|quote|links?|"
    r"invoices?|receipts?|status|answer|call|heads?\s*up|breakdown|list|address|e-?mail|history|"
    r"advice|idea|sense|explanation|example))\b",
    re.I,
)
_GIVEN_ACCESS = re.compile(
    r"\b(?:give|grant|add)\s+(?:\S+\s+){0,3}?(?:billing\s+)?(?:access|permissions?|rights|perms|"
    r"privileges)\b|\badd\s+(?:\S+\s+){0,2}?to\s+billing\b|\bgrant\b",
    re.I,
)


# An upgrade of something of one's own that is no plan ("pls upgrade my patience, ticket 90012
# has been open 3 days"); a tier named beside it is still read by the core.
_UPGRADES_ELSE = re.compile(
    r"\bupgrad\w*\s+(?:my|your)\s+(?!(?:support\s+)?(?:plan|tier|account|acct|support|"
    r"subscription|membership|package|level|service)\b)[a-z]+\b(?!\s+(?:plan|tier|account|support))",
    re.I,
)


def names_what_changes(action: str, text: str) -> bool:
    """Whether the words name what the action changes: billing access is about billing ("give
    <@U0DEV> access to the FTP credentials" is not; "…admin rights to the integrations, not
    billing" neither), and an upgrade about a better plan ("we're moving to another provider"
    is no upgrade). The tier's own names count for an upgrade too (the core checks them)."""
    if action == "grant" and _GIVEN_ELSE.search(text) and not _GIVEN_ACCESS.search(text):
        return False  # ("Please give me the tier we're on", "give <@X> the renewal date")
    if action in ("grant", "revoke"):
        # ("needs his access revoked": the access the bot gives is billing's)
        named = _BILLING.search(text) or _ACCESS_ALONE.search(text)
        # (for a removal of billing access said so, "not billing" is what is taken away: "Could
        # you remove his billing access? He still needs regular access…, just not billing")
        removed = action == "revoke" and _BILLING_REMOVED.search(text)
        return bool(named) and bool(removed or not _NOT_BILLING.search(text))
    if action == "upgrade":
        return bool(_BETTER_PLAN.search(text)) and not _UPGRADES_ELSE.search(text)
    if action == "cancel":
        return bool(_LEAVING_WORDS.search(text))
    if action == "resume":  # (not kept to its end, unless resumed too: undo.KEPT_TO_ITS_END)
        kept_to_end = KEPT_TO_ITS_END.search(text) and not _RESUMED.search(text)
        return bool(_KEEPING_WORDS.search(text)) and not kept_to_end
    return True


# A cancellation's words say that something ends or is not wanted: "btw we love premium. the
# phone line was great today" is near the cancel examples by its other words, and ends nothing.
_LEAVING_WORDS = re.compile(
    r"\b(cancel\w*|cancle|stop\w*|end|ends|ending|drop\w*|quit\w*|terminat\w*|discontinu\w*|"
    r"unsubscrib\w*|downgrad\w*|(turn|switch|shut)\w*\s+(it\s+|that\s+)?off|kill|remove|leav\w*|"
    r"opt\w*\s+out|resign\w*\s+from|rid|back\s+to|revert\w*|lapse|expire|renew\w*|no\s+longer|no\s+more|"
    r"any\s*more|done\s+with|off|finish\w*|cut\w*|(has|have|got|needs?)\s+to\s+go|must\s+go|"
    r"(do|does|did)\s*n'?t|dont|not|without|free)\b",
    re.I,
)


# ("we'd like to keep premium through the end of the year and beyond, please resume it")
_RESUMED = re.compile(r"\b(resum\w*|reactivat\w*|reinstat\w*|un-?cancel\w*)\b", re.I)
# Resuming keeps the plan or undoes its end: "my team keeps asking for premium so pls upgrade
# us" is near the resume examples by its "keeps", and keeps nothing.
_KEEPING_WORDS = re.compile(
    r"\b(keep(?!s?\s+(asking|saying|telling)\b)\w*|resum\w*|undo\w*|un-?cancel\w*|revers\w*|"
    r"revert\w*|restor\w*|reinstat\w*|reactivat\w*|back|continu\w*|renew\w*|stay\w*|laps\w*|"
    r"cancel\w*|remain\w*|still|going|again|retain\w*|hold\s+on|expir\w*|end\w*|stop\w*|"
    r"mistake|accident\w*)\b",
    re.I,
)
