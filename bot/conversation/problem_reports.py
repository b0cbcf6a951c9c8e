"""Whether a message reports a problem with the product ("orders stopped syncing", "401 errors
since yesterday", "tracking numbers not posting back"): such a message goes to support with a
ticket rather than "I don't know" or an article that only resembles it (the issue's "product
problems go to support")."""

from __future__ import annotations

import re

# Words of a problem report ("orders stopped syncing", "401 errors since yesterday", "counts are
# totally off"): when no article answers and no intent fits, such a message goes to support
# with a ticket at once rather than "I don't know" (the "product problems go to support").
_PROBLEM = re.compile(
    r"\b(errors?|broken|broke|not working|(is|are|does|do)\s*n'?t (work|working|load|loading|sync|"
    r"syncing|showing|flowing|going|post|posting|print|printing|import|importing|download|"
    r"update|updating|come|coming)|(is|are|does|do|did) not (work|sync|load|show|flow|import|"
    r"post|print|download|update|come)\w*|"
    r"none of (the |our )?\w+( \w+)? ((have|has|were|was) )?(came|come|coming|arrived|synced|"
    r"imported|printed|posted)|zero (\w+ )?(orders|items|skus|products) (are )?(coming|came|"
    r"imported|synced|showing)|(is|are) off by|"
    r"(coming|came|imported|importing|showing|showed) (in |up )?(twice|double)|"
    r"(import|sync|download|print)\w* without|still (shows?|showing|says|listed as)|"
    r"nothing (is )?(import|sync|com|flow|show|print|send)\w*|"
    r"(has|have|had)(n'?t| not) (come|arriv|import|sync|updat|show|pull|push|post|print|gone|"
    r"been)\w*|"
    r"not (posting|syncing|importing|updating|sending|downloading|uploading|pulling|pushing|"
    r"flowing|coming (through|in|over)|going (back|through|out|over))|(is|are|was|went) down|"
    r"stopped|stuck|failing|fails|failed|wrong|totally off|quit (working|syncing|importing)|"
    r"(setting|sets|set|showing|shows|pushing|sending|zeroing)\s+(\w+\s+){0,3}?(to|as)\s+(0|zero)|"
    r"missing|duplicat\w*|outage|bug|crash\w*|urgent|asap|(can'?t|cannot|won'?t|unable to) "
    r"(connect|log ?in|sync|import|reconnect|print)|\d{3} errors?)\b",
    re.I,
)
# ... unless the message says nothing is wrong ("nothing is missing", "not urgent", "no errors
# anymore", "thanks, that fixed it", "oops wrong thread"), or asks how to do something ("how do i
# mark a ticket as urgent"): those stay unanswered, recorded as gaps, with a person one click away.
# (the problem words negated are taken out, and what is left must still tell a problem:
# "orders haven't been pulling since 6am. nothing in the error log" does)
_NEGATED = re.compile(
    r"\b(no|not|nothing|never|none|no longer|isn'?t|wasn'?t|aren'?t|weren'?t)\s+(\w+\s+){0,2}?"
    r"(errors?|broken|broke|stuck|failing|wrong|missing|duplicat\w*|urgent|bug|crash\w*|"
    r"issues?|problems?)\b",
    re.I,
)
_NOT_A_PROBLEM = re.compile(
    r"\b(fixed|resolved|solved|sorted|(?<!quit )(?<!stopped )working (now|again)|works (now|again)|"
    r"gone now|are gone|happy so far|so far so good|"
    r"false alarm|ignore (me|that|this)|never ?mind|nvm|oops|i was wrong|wrong (thread|channel|"
    r"window|chat|person))\b",
    re.I,
)
# "how do i mark a ticket as urgent" asks how, and is answered or declined as a question.
_HOW_TO = re.compile(r"^\W*(how|what|where|which|is there|are there|do (you|u)|does)\b", re.I)


# "orders stopped syncing": what quit its job is a problem; the intents read it without the
# stop (bot/conversation/intents.py), which "stop the renewal" keeps.
QUIT_DOING = re.compile(
    r"\b(?:stopped|stops|quit)\s+(working|syncing|importing|updating|pulling|pushing|posting|"
    r"loading|printing|downloading|uploading|showing|flowing|sending|coming|responding|running|"
    r"answering|connecting|ringing)\b",
    re.I,
)


def is_problem_report(text: str) -> bool:
    """ "since the update every order shows an error": something is wrong and the person says
    so; not "nothing is wrong", "all fixed, thanks" or "how do i report a bug"."""
    if _NOT_A_PROBLEM.search(text) or _HOW_TO.match(text):
        return False
    return bool(_PROBLEM.search(_NEGATED.sub(" ", text)))
