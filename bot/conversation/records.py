"""A message that records rather than asks: meeting notes, a weekly log or a decision log whose
items carry their own status ("- cancel premium: NO, keeping it through peak"), or a chat pasted
with its speakers ("Nina: give billing access to <@X>?\nOwen: nope"). The change is in someone's
line or in an item; the asker's own lines ("For your records only.", "Bot, nothing for you.")
ask none of it. Customers copy such records to the bot to keep it informed or to ask about
something beside them; a change in them is not theirs to have asked."""

from __future__ import annotations

import re

from bot.conversation.commands import CHANGE_VERB

# The first line names a record: "Weekly update for <@X>, bot cc'd:", "Decision log:",
# "Meeting notes:", "From #ops:", "copying from our team chat:". (Not a to-do list or an
# action list, which may be what the asker asks the bot to do.)
_HEADER = re.compile(
    r"^\W*(?:[^\n:]{0,40}\b)?(?:updates?|logs?|notes|minutes|agenda|stand-?up|recap|summary|"
    r"status|thread|chat|changelog|decisions?)\b[^\n:]{0,40}:\s*$|"
    r"^\W*(?:(?:copying|copied|pasted|forwarding|forwarded)\s+)?from\s+(?:#[\w-]+|our\s+[\w\s]{1,30}?"
    r"|the\s+[\w\s]{1,30}?)[^\n:]{0,20}:\s*$",
    re.I,
)
# A list's item, and a pasted line's speaker ("Nina:", "Kev:"); "Me:" is the asker's own.
_ITEM = re.compile(r"^\s*(?:[-•*–]|\d+[.)]|\[[ xX]?\])\s+")
# (a form's field is no speaker: "Plan: Premium Support", "Reason: budget cuts")
_SPEAKER = re.compile(r"^\s*(?P<name>[A-Z][\w.'-]{1,20})(?:\s[A-Z][\w.'-]{0,20})?\s*:\s+\S")
_NO_NAMES = frozenset(
    "re subject note ps fyi fwd update edit bot me q a request type action plan tier reason "
    "approval approved effective user colleague name employee person for current requested new "
    "target change status priority date account company team owner ticket details impact email "
    "phone from to cc sent cost price budget term renewal deadline when who what why where how "
    "result outcome decision next question answer item items step todo done".split()
)
# An item about a change, and the status it is logged with ("- cancel premium: NO, keeping it",
# "• Upgrade to Premium — deferred to Q3", "2. Cancel renewal of premium?").
_CHANGE_ITEM = re.compile(CHANGE_VERB + r"|\b(?:billing|premium|tier|plan)\b", re.I)
_STATUS = re.compile(
    r"[:—–]\s*(?:\W\s*)?(?:no|nope|rejected|declined|deferred|postponed|waiting|pending|on\s+hold|"
    r"not\s+(?:doing|now|yet|approved)|tbd|done|already|kept|keeping|skip\w*|n/a|dropped|parked|"
    r"denied|blocked|later)\b|\s-\s(?:no|done|rejected|deferred|waiting|pending|tbd)\b|\?\s*(?:$|(?:waiting|pending|tbd|no|nope|later|blocked)\b)",
    re.I,
)
_ME = re.compile(r"^\s*me\s*:", re.I)
# What in the asker's own lines would ask for a change after all ("Me: yes please do it").
_ASKED = re.compile(
    r"^\W*(?:me\s*:\s*)?(?:(?:yes|yeah|ok|okay|so|then|and)[\s,.!]+)*(?:please\s+|pls\s+|just\s+)?"
    + CHANGE_VERB
    + r"|\b(?:please|pls|plz|can\s+you|could\s+you|would\s+you)\s+(?:\w+\s+){0,2}?"
    + CHANGE_VERB
    + r"|\b(?:do\s+it|go\s+ahead|proceed)\b",
    re.I,
)


def recorded_only(text: str) -> bool:
    """Whether the message is a record (a log or notes under their header, or a chat with two
    speakers or more) and the asker's own lines ask no change of the bot."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    header = bool(_HEADER.match(lines[0]))
    body = lines[1:] if header else lines
    items = [line for line in body if _ITEM.match(line)]
    speakers = [line for line in body if _speaker(line)]
    mine = [line for line in body if _ME.match(line)]
    # (a list's change items carry their status: bare ones under "Summary of what we need:"
    # are asked)
    changes = [line for line in items if _CHANGE_ITEM.search(line)]
    logged = bool(changes) and all(_STATUS.search(line) for line in changes)
    if not ((header and (logged or speakers)) or len(speakers) + bool(mine) >= 2):
        return False
    own = [line for line in body if line not in items and line not in speakers]
    return not any(_ASKED.search(line) for line in own)


def _speaker(line: str) -> bool:
    found = _SPEAKER.match(line)
    return found is not None and found.group("name").lower() not in _NO_NAMES
