"""An order after a story, or before its reason: "I was about to click Change Support Tier
myself but figured I'd ask here. Sign us up for the premium plan", "Let's upgrade. My colleague
said it was worth it", "Forget the sales call, just upgrade us now". The story only tells why;
the order is read alone, unless the story or the message takes it back, puts it off, or
reports it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.conversation.amid_orders import GIVEN_UP, ordered_amid, read_order
from bot.conversation.asides import after_disclaimer, mind_changed_after_break
from bot.conversation.intents import READ_ONLY_ACTIONS
from bot.conversation.plain_requests import leads_freely
from bot.conversation.polite_orders import asked_politely
from bot.conversation.put_off import not_asked_now
from bot.conversation.taken_back import taken_back
from bot.conversation.two_asks import (
    MIN_WORDS,
    ORDER_LEADS,
    QUOTES,
    READ_WHOLE,
    Reader,
    Refer,
    takes_all_back,
)
from bot.knowledge.text import split_sentences

if TYPE_CHECKING:
    from bot.conversation.understood import Understood

# What the whole message read as when its one order is looked for sentence by sentence.
_UNSURE = frozenset({"answer", "clarify", "decline"})
# How many of a story's last sentences may hold its order.
_LAST_ORDERS = 2


def after_story(
    text: str,
    whole: Understood,
    read: Reader,
    held_back: Callable[[str], bool],
    refer: Refer = lambda _, o: o,
    paid: tuple[str, ...] = (),
) -> Understood:
    """`whole` (the message as read whole) when it changes something, with the questions after
    its order answered beside it when the whole reading dropped them (amid_orders.py); else the
    change the message's last sentences order after a story, an order amid a story with
    remarks and questions after it, or, when the whole message read as an answer at best, a
    polite order asked last (polite_orders.py) (`paid`: the paid tiers' names, for what the
    order names)."""
    changed = _ordered_after_mind_change(text, read, held_back, refer)
    if changed is not None:
        return changed
    if whole.decision.kind == "action" and whole.decision.action not in READ_ONLY_ACTIONS:
        # ("Standard is fine for a shop our size. drop us back down.": its tier), with a question
        # after the order answered beside it, not dropped ("… Please upgrade us. Thanks. What
        # are your hours on weekends?")
        if whole.also is not None or "?" not in text:
            return whole
        amid = ordered_amid(text, read, held_back, refer, paid)
        same = amid is not None and amid.decision.action == whole.decision.action
        return replace(whole, also=amid.also) if same and amid.also is not None else whole
    unsure = whole.decision.kind in _UNSURE
    return (
        _ordered_after_story(text, read, held_back, refer)
        or (_ordered_after_disclaimer(text, read, held_back, refer, paid) if unsure else None)
        or ordered_amid(text, read, held_back, refer, paid)
        or (asked_politely(text, read, held_back, refer, paid) if unsure else None)
        or whole
    )


def _ordered_after_mind_change(
    text: str, read: Reader, held_back: Callable[[str], bool], refer: Refer
) -> Understood | None:
    """The change ordered after a mind changed ("upgrade us to premium... no wait, resume it
    instead"), read alone with its "it" named from the words before: those words are what the
    asker changed their mind about, whatever they ordered (asides.mind_changed)."""
    cut = mind_changed_after_break(text)
    if not cut or len(text) > READ_WHOLE or held_back(text[cut:]):
        return None
    return read_order(text[cut:], text[:cut], read, refer)


def _ordered_after_story(
    text: str, read: Reader, held_back: Callable[[str], bool], refer: Refer
) -> Understood | None:
    """The change a message's last sentences order after a story that asks nothing ("I was
    about to click Change Support Tier myself but figured I'd ask here. Sign us up for the
    premium plan, $399/yr is fine with us"), read alone: the story only tells why. None when
    no last sentence opens as an order, when the order or the message puts it off or makes it
    a condition, when the story takes back what follows it (a test, "not yet", someone's
    words), or when it negates the order's own verb ("I don't want to upgrade yet. Sign us
    up…"); its other negations are its own ("orders don't drop")."""
    if len(text) > READ_WHOLE:
        return None  # (a letter's sentences are read in its first characters only)
    sentences = split_sentences(text)
    if "?" in text or QUOTES.search(text):
        return None
    starts = range(max(1, len(sentences) - _LAST_ORDERS), len(sentences))
    order = next((s for s in (" ".join(sentences[n:]) for n in starts) if ORDER_LEADS.match(s)), "")
    if not order:
        return _ordered_with_reason(text, sentences, read, held_back, refer)
    if len(order.split()) < MIN_WORDS or held_back(order):
        return None
    story = text[: text.rfind(order)] if order in text else text
    # (a plan the story gave up is its own: "I was about to click Change Support Tier myself
    # but figured I'd just ask here"; "Our CFO might approve premium next week." puts it off)
    if takes_all_back(story) or not_asked_now(GIVEN_UP.sub(" ", story)):
        return None
    return read_order(order, story, read, refer)


_DOUBT_AFTER = re.compile(
    r"\b(but|though|although|however|unless|if|when|once|until|wait|or|later|convinced|sure|"
    r"kidding|jk|lol|joke|haha\w*)\b",
    re.I,
)
# An order's words told of, not ordered ("upgrade to premium is what everyone asks about"), or a
# clause after it that asks ("…, what's the price").
_TOLD_OF = re.compile(
    r"\b(?:is|are|was|were|isn'?t|wasn'?t|means?|meant|apparently|according)\b", re.I
)
_ASKS = re.compile(r"\b(?:how|what|which|when|where|why|who|whose)\b", re.I)
_PUT_OFF = re.compile(
    r"\b(?:after|once|when|until|till|before|next|later|yet|still|pending|waiting|soon|"
    r"tomorrow|monday|tuesday|wednesday|thursday|friday)\b|"
    r"\b(?:hasn'?t|haven'?t|hasnt|havent|not|isn'?t|wasn'?t|never)\s+(?:been\s+|yet\s+)?(?:approv\w*|"
    r"sign\w*\s+off|agreed|ok'?d|confirmed)",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"(?:[,;]|\s[-–—])\s+|\s+(?=so\s)")
# An order the asker concludes with "so" is theirs, whoever's words led to it ("everyone keeps
# saying premium is worth it, so upgrade us please").
_CONCLUDED = re.compile(r"so\s", re.I)


def _ordered_with_reason(
    text: str, sentences: list[str], read: Reader, held_back: Callable[[str], bool], refer: Refer
) -> Understood | None:
    """An order in the first sentence with its reason after it ("Let's upgrade. My colleague
    said it was worth it"), or, in a message of one sentence, after a clause that leads to it
    freely ("Forget the sales call, just upgrade us now"); not when the whole message holds it
    back, nor when what follows doubts it ("…. Or maybe not, it's pricey")."""
    found = _order_beside_reason(text, sentences)
    if found is None:
        return None
    order, story = found
    if held_back(text):
        return None
    # (one word orders when its reason follows: "upgrade, boss approved the $399")
    least = 1 if text.startswith(order) else MIN_WORDS
    if len(order.split()) < least or takes_all_back(story) or not_asked_now(story):
        return None
    return read_order(order, story, read, refer)


def _order_beside_reason(text: str, sentences: list[str]) -> tuple[str, str] | None:
    """(the order, the words around it) for `_ordered_with_reason`, or None."""
    if len(sentences) >= 2 and ORDER_LEADS.match(sentences[0]):
        reason = " ".join(sentences[1:])
        return None if _DOUBT_AFTER.search(reason) else (sentences[0], reason)
    if len(sentences) != 1:
        return None
    first = next(_CLAUSE_BREAK.finditer(text), None)
    if first is not None and ORDER_LEADS.match(text[: first.start()]):
        # ("go ahead and upgrade, boss approved the $399"; not "upgrade to premium is what
        # everyone asks about btw, what's the price")
        order, reason = text[: first.start()], text[first.end() :]
        told = _DOUBT_AFTER.search(reason) or _ASKS.search(reason) or _TOLD_OF.search(order)
        told = told or (len(order.split()) == 1 and _TOLD_OF.search(reason))
        # (nor a reason that reports, doubts or puts it off: "upgrade, my boss asked me to ask
        # you", "upgrade, boss hasn't approved the $399", "upgrade, after the audit")
        held = not leads_freely(reason) or _PUT_OFF.search(reason)
        return None if told or held else (order, reason)
    for brk in _CLAUSE_BREAK.finditer(text):
        rest, lead = text[brk.end() :], text[: brk.start()]
        if not leads_freely(lead, concluded=bool(_CONCLUDED.match(rest))):
            return None
        if ORDER_LEADS.match(rest):
            return rest, lead
    return None


def _ordered_after_disclaimer(
    text: str, read: Reader, held_back: Callable[[str], bool], refer: Refer, paid: tuple[str, ...]
) -> Understood | None:
    """The change ordered after a disclaimer and "but" (or a dash), read alone as an order
    after a story is (its "it" named before it; a verb the words before negate is not
    ordered): "not sure if this is the right place, but please cancel our premium plan"
    (asides.after_disclaimer). The disclaimer's own doubt is not the order's; anything else
    there that takes the change back still does ("drafting an email to finance - upgrade us")."""
    rest = after_disclaimer(text)
    if not rest or held_back(rest):
        return None
    understood = read_order(rest, text[: len(text) - len(rest)], read, refer)
    action = understood.decision.action if understood else None
    return None if action is None or taken_back(text, (), paid, action) else understood
