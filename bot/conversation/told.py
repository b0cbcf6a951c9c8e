"""What a message tells as done, and what it only asks leave for: read beside the request its
words resemble. "whoever cancelled our premium support, it wasn't me. pls revrse that" is close
to cancelling by its story's words, and asks something else; "I cancelled premium last month…
can we keep it after all?" tells the cancellation and asks, in a question, to keep the plan."""

from __future__ import annotations

import re


def plain_past(verbs: str) -> str:
    """A change told done with the verb's plain form, as some who learnt English write it: a
    perfect ("last week I have cancel the premium support"), or the time it was done ("last
    week I cancel the premium", "we cancel premium 2 weeks ago")."""
    return (
        rf"\b(have|has|had)\s+((just|already)\s+)?({verbs})\b|"
        rf"\b(last\s+\w+|yesterday|earlier)\s+(we|i)\s+({verbs})\b|"
        rf"\b(we|i)\s+({verbs})\b[^.,;!?]{{0,40}}\b(last\s+(week|month|year)|yesterday|ago)\b"
    )


_CHANGES = "cancel|upgrade|downgrade|switch|buy|renew|resume|grant|revoke|remove"
# What was done, told: "we switched to premium last month", "my boss cancelled it yesterday",
# "cancelled premium last month, will we be billed again?".
_TOLD = re.compile(
    r"(\b(we|i|they|he|she|someone|somebody|whoever|colleague|boss|manager|team|admin|"
    r"predecessor|coworker|accountant|owner|cfo|ceo|guy|person|director|lead)(?:['’](?:ve|d))?\s+|"
    r"^\W*)"
    r"((have|has|had|'ve)\s+)?((just|already|recently|accidentally|mistakenly|almost|nearly)\s+)?"
    r"(switched|upgraded|cancell?ed|moved|signed up|subscribed|bought|purchased|renewed|"
    r"downgraded|resumed|started|stopped|ended|turned off|turned on|granted|revoked|removed|"
    r"gave|clicked|pressed|tapped|undid)\b|"
    + plain_past(_CHANGES)
    + "|"
    # a name as the one who did it: "Jane already granted Mike billing access yesterday"
    r"(?-i:\b[A-Z][a-z]+)\s+((already|just|recently)\s+)?(cancell?ed|upgraded|downgraded|granted|"
    r"revoked|resumed|renewed)\b|"
    # thanked for or announced: "thanks for upgrading us yesterday", "our premium was
    # cancelled", "FYI we're upgrading next month"
    r"\b(thanks|thank you|thx|appreciate)\s+(\w+\s+)?for\s+(\w+ing|the)\b|"
    r"\bappreciate (you|u)\s+\w+ing\b|"
    r"\bafter (upgrading|cancell?ing|resuming|renewing|switching|downgrading|subscribing)\b|"
    r"\b(was|were|has been|have been|got)\s+(just\s+)?(upgraded|cancell?ed|resumed|renewed|"
    r"downgraded|granted|removed|revoked)\b|"
    # the change itself said to be done: "hw upgrade done on our end, thx"
    r"\b(upgrade|downgrade|cancellation|switch|change|renewal)\s+((is|was|has\s+been)\s+)?"
    r"(done|complete|completed|finished)\b|"
    # (a note to oneself or a test is taken back outright: _TAKEN_BACK)
    r"\b(fyi|announcement)\b",
    re.I,
)


def tells_done(text: str) -> bool:
    """ "we switched to premium last month": something done, told."""
    return bool(_TOLD.search(text))


# The words that tell an action done, by the action they resemble.
_DONE = {
    "cancel": re.compile(r"\bcancell?ed\b", re.I),
    "upgrade": re.compile(r"\b(upgraded|signed up|subscribed)\b", re.I),
    "revoke": re.compile(r"\b(revoked|removed|undid)\b", re.I),
    "grant": re.compile(r"\b(granted|gave|undid)\b", re.I),
}


def told_as_done(text: str, action: str | None) -> bool:
    """Whether the message tells the action done by someone ("whoever cancelled our premium"),
    so that its words, not a request, make the message resemble it."""
    done = _DONE.get(action or "")
    return bool(done and tells_done(text) and done.search(text))


# "can we keep it after all?", "could I undo it?": leave asked to keep the plan, a request.
_MAY_WE_KEEP = re.compile(
    r"\W*(can|could|may)\s+(we|i)\s+(please\s+)?(keep|undo|resume|restore|reactivate|un-?cancel)"
    r"(\s+(it|that|this|the\s+plan|our\s+plan))?(\s+(after\s+all|going|please|now|and\s+keep\s+it"
    r"(\s+going)?))?\W*",
    re.I,
)


def asks_leave_to_keep(piece: str) -> bool:
    """Whether a piece asks leave to keep the plan or undo its cancellation."""
    return bool(_MAY_WE_KEEP.fullmatch(piece))
