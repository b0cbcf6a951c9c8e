"""A request written as a form, as procurement and IT people write them ("Request type: Support
tier change / Current tier: Standard / Requested tier: Premium / Approval: signed off by … /
Please proceed with the change"): its fields are read as the order they stand for, with the
other fields and lines beside it, so that an approval still pending or a "not yet" holds it
back as it would in a sentence."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.conversation.understood import Understood

# "Key: value" on a line of its own (Slack's *bold* or _italic_ around either is read through).
_FIELD = re.compile(
    r"^[ \t>*_•-]*(?P<key>[A-Za-z][A-Za-z ]{1,25}?)[*_ \t]*:[ \t]*[*_]*(?P<value>[^\n]*?)[*_ \t]*$",
    re.M,
)
# What is asked, the tier asked for, and whose access (the keys forms use for them).
_WHAT = ("request", "request type", "requested action", "action requested", "action", "type")
_TO = ("requested tier", "new tier", "tier requested", "target tier", "change to", "requested plan",
       "new plan", "requested support tier")  # fmt: skip
_WHO = ("user", "colleague", "name", "employee", "person", "for")
# Fields that name the tier as it is now: read beside the order, they would name a move to it.
_AS_IT_IS = ("current tier", "current plan", "from", "current support tier")
_CANCEL = re.compile(r"\bcancel\w*", re.I)
_ACCESS = re.compile(r"\b(billing|access|permissions?)\b", re.I)
_REMOVAL = re.compile(r"\b(remov\w*|revok\w*|withdraw\w*)\b", re.I)
_UPGRADE = re.compile(r"\bupgrad\w*", re.I)
_CANCELLATION_OF = re.compile(r"^\s*cancell?ation\s+(of\s+)?", re.I)
_MIN_FIELDS = 2
# A mail's headers make it a mail, not a form ("To: Premium Support Team" names no tier asked).
_MAIL_HEADERS = frozenset({"from", "to", "subject", "cc", "sent", "date", "re", "fwd"})
# What the form asks must be of the plan or of billing access ("Upgrade of the API client
# library" is not), and nothing in it may hold it back: an approval pending or refused, a draft,
# a question, a quote or an inquiry only, a later date.
_OF_THE_PLAN = re.compile(r"\b(tier|plan|support|subscription|billing)\b", re.I)
_HELD = re.compile(
    r"\b(pending|awaiting|await\w*|draft|not|no|rejected|declined|denied|tb[cd]|to\s+be\s+(confirmed|"
    r"decided|approved)|quote|planning|inquiry|enquiry|question|review|hold|later|next|until|"
    r"after|once|if|when|before|effective\s+date|do\s+not|don'?t|wait\w*)\b|n't\b|\?",
    re.I,
)
# "Please confirm once processed": what to be told after, no condition on the order.
_TELL_AFTER = re.compile(
    r"\b(?:please\s+|kindly\s+)?(?:confirm|advise|notify\s+us|let\s+(?:me|us)\s+know)(?:\s+once"
    r"\s+(?:processed|complete[d]?|done))?\s*[.!]?\s*$",
    re.I | re.M,
)
# What the form's order decides alone (anything else is read from the message as written).
_FORM_DECIDES = frozenset({"action"})


def form_sentence(text: str) -> str | None:
    """The form as the order it asks, with its other fields and lines after it; None when the
    message is no form that asks a move, a cancellation or a colleague's access."""
    found = list(_FIELD.finditer(text))
    if len(found) < _MIN_FIELDS:
        return None
    fields = {m["key"].lower().strip(): m["value"].strip() for m in found}
    if fields.keys() & _MAIL_HEADERS or _HELD.search(_TELL_AFTER.sub(" ", text)):
        return None
    what = next((fields[k] for k in _WHAT if k in fields), "")
    if not _OF_THE_PLAN.search(what):
        return None
    to = next((fields[k] for k in _TO if fields.get(k)), "")
    who = next((fields[k] for k in _WHO if "<@" in fields.get(k, "")), "")
    order = _order(what, to, who)
    if order is None:
        return None
    used = {*_WHAT, *_TO, *_WHO, *_AS_IT_IS}
    beside = [f"{m['key']}: {m['value']}" for m in found if m["key"].lower().strip() not in used]
    rest = _TELL_AFTER.sub("", _FIELD.sub("", text)).split("\n")
    return ". ".join([order, *beside, *(line.strip() for line in rest if line.strip())])


def _order(what: str, to: str, who: str) -> str | None:
    if to:
        return f"please switch us to {to}"
    if _CANCEL.search(what):
        return f"please cancel {_CANCELLATION_OF.sub('', what)}"
    if who and _ACCESS.search(what):
        if _REMOVAL.search(what):
            return f"please remove {who} from billing"
        return f"please give {who} access to billing"
    return "please upgrade us" if _UPGRADE.search(what) else None


def read_form(text: str, read: Callable[[str], Understood]) -> Understood | None:
    """The form's order as `read` reads it, when it runs a change; None otherwise."""
    sentence = form_sentence(text)
    if sentence is None:
        return None
    understood = read(sentence)
    return understood if understood.decision.kind in _FORM_DECIDES else None
