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

from bot.conversation.commands import is_question
from bot.conversation.corrections import takes_back
from bot.conversation.intents import READ_ONLY_ACTIONS
from bot.conversation.plain_requests import leads_freely
from bot.conversation.signals import negations, not_asked_now
from bot.conversation.two_asks import (
    BLOCK_QUOTE,
    LATER_ASKED,
    LEAD_WORDS,
    MIN_WORDS,
    ORDER_LEADS,
    OWN_WORDS,
    QUOTES,
    READ_WHOLE,
    Reader,
    Refer,
    asks_about_order,
    spoiled,
    takes_all_back,
    with_beside,
)
from bot.knowledge.text import split_sentences

if TYPE_CHECKING:
    from bot.conversation.understood import Understood

# How many of a story's last sentences may hold its order.
_LAST_ORDERS = 2
# A plan given up in the story, with what follows it in its sentence.
_GIVEN_UP = re.compile(r"\b(?:was|were)\s+(?:going|about)\s+to\b[^.!?]*", re.I)


def after_story(
    text: str,
    whole: Understood,
    read: Reader,
    held_back: Callable[[str], bool],
    refer: Refer = lambda _, o: o,
) -> Understood:
    """`whole` (the message as read whole) when it changes something; else the change the
    message's last sentences order after a story, when they do."""
    if whole.decision.kind == "action" and whole.decision.action not in READ_ONLY_ACTIONS:
        # ("Standard is fine for a shop our size. drop us back down.": its tier), with a question
        # after the order answered beside it, not dropped ("… Please upgrade us. Thanks. What
        # are your hours on weekends?")
        if whole.also is not None or "?" not in text:
            return whole
        amid = _ordered_amid(text, read, held_back, refer)
        same = amid is not None and amid.decision.action == whole.decision.action
        return replace(whole, also=amid.also) if same and amid.also is not None else whole
    return (
        _ordered_after_story(text, read, held_back, refer)
        or _ordered_amid(text, read, held_back, refer)
        or whole
    )


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
    if takes_all_back(story) or not_asked_now(_GIVEN_UP.sub(" ", story)):
        return None
    return _read_order(order, story, read, refer)


def _read_order(order: str, story: str, read: Reader, refer: Refer) -> Understood | None:
    """The change `order` asks, read alone with its "it" named from `story`; None when its
    "it" is something else the story named, when it changes nothing, or when the story negates
    the order's own verb."""
    order = refer(story, LEAD_WORDS.sub("", order, count=1))
    if not order:
        return None  # (its "it" is something else the story named)
    understood = read(order)
    decision = understood.decision
    if decision.kind != "action" or decision.action in (None, "status"):
        return None
    # (the story's negated verbs are its own, "orders don't drop", unless they are the order's:
    # "I don't want to upgrade yet. Sign us up for premium next year.")
    negated = frozenset(said[4:] for said in negations(story) if said.startswith("not "))
    if decision.action == "resume":
        # (a renewal the story says was switched off is the cancellation a resume undoes: "I set
        # our Premium support to not renew. … Please reactivate the renewal.")
        negated -= {"renew"}
    return None if negated and takes_back(decision.action, negated) else understood


_DOUBT_AFTER = re.compile(
    r"\b(but|though|although|however|unless|if|when|once|until|wait|or|later|convinced|sure|"
    r"kidding|jk|lol|joke|haha\w*)\b",
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
    if held_back(text):
        return None
    found = _order_beside_reason(text, sentences)
    if found is None:
        return None
    order, story = found
    if len(order.split()) < MIN_WORDS or takes_all_back(story) or not_asked_now(story):
        return None
    return _read_order(order, story, read, refer)


def _order_beside_reason(text: str, sentences: list[str]) -> tuple[str, str] | None:
    """(the order, the words around it) for `_ordered_with_reason`, or None."""
    if len(sentences) >= 2 and ORDER_LEADS.match(sentences[0]):
        reason = " ".join(sentences[1:])
        return None if _DOUBT_AFTER.search(reason) else (sentences[0], reason)
    if len(sentences) != 1:
        return None
    for brk in _CLAUSE_BREAK.finditer(text):
        rest, lead = text[brk.end() :], text[: brk.start()]
        if not leads_freely(lead, concluded=bool(_CONCLUDED.match(rest))):
            return None
        if ORDER_LEADS.match(rest):
            return rest, lead
    return None


# A side question's own curiosity is no doubt of the order before it ("Please cancel premium.
# If I change my mind, can I sign up again? just wondering").
_CURIOUS = frozenset({"just wondering", "just curious", "just asking"})
# A remark that points back at the order may make it words, not an order ("Cancel premium
# support. The words my predecessor left in the handover.", "… That's what my boss yells").
_POINTS_BACK = re.compile(
    r"\W*(?:that|this|those|these|which|the\s+(?:words?|line|phrase))\b", re.I
)
# Someone else's words, in the order or after it ("…is what my boss wants").
_SOMEONE_ELSES = re.compile(r"\b(said|says|told|asked|asks|wants|wrote|is what|was what)\b", re.I)


def _ordered_amid(
    text: str, read: Reader, held_back: Callable[[str], bool], refer: Refer
) -> Understood | None:
    """An order amid a story, with remarks or questions after it: "ok so funny story: … Anyway,
    please cancel premium support for us. not mad about it, we just don't need it. does it stop
    right away or ride out the year?": the story only tells why (as `_ordered_after_story`
    reads one), the remarks after the order must hold nothing back, and its questions, asking
    nothing about the order itself, are answered beside it."""
    if len(text) > READ_WHOLE or QUOTES.search(text) or BLOCK_QUOTE.search(text):
        return None
    sentences = split_sentences(text)
    # (the last two sentences that open as an order, the later first: "So I'd like to subscribe
    # to premium support please. I'm assuming it's the merchant pricing…? Either way, yes, go
    # ahead with it." orders in its fourth sentence, its last only agrees)
    for at in _orders(sentences)[:_LAST_ORDERS]:
        if at < len(sentences) - 1:  # (an order last is `_ordered_after_story`'s)
            understood = _order_at(text, sentences, at, read, held_back, refer)
            if understood is not None:
                return understood
    return None


def _order_at(
    text: str,
    sentences: list[str],
    at: int,
    read: Reader,
    held_back: Callable[[str], bool],
    refer: Refer,
) -> Understood | None:
    """The change sentence `at` orders, with what follows it (`_ordered_amid`), or None."""
    story, order, tail = " ".join(sentences[:at]), sentences[at], sentences[at + 1 :]
    asked = next((n for n, s in enumerate(tail) if is_question(s)), len(tail))
    told, questions = " ".join([order, *tail[:asked]]), " ".join(tail[asked:])
    # (read as written: a sentence's closing emoji is in none of them, "Cancel premium :joy: …")
    begin, end = text.find(order), text.find(tail[asked]) if questions else len(text)
    told = text[begin:end] if 0 <= begin < end else told
    # (the order and the remarks after it are read as strictly as an order before a question:
    # "Cancel premium. That's what I almost typed. …"; the story before it only as a story)
    if "?" in story or held_back(told) or spoiled(OWN_WORDS.sub(" ", told)):
        return None
    if any(_POINTS_BACK.match(remark) for remark in tail[:asked]):
        return None
    if takes_all_back(story) or not_asked_now(_GIVEN_UP.sub(" ", story)):
        return None
    if _SOMEONE_ELSES.search(f"{told} {questions}") or _doubts(questions):
        return None
    # (what is told between or after the questions as strictly: "… What's the price? Only if
    # it's under 500.")
    if spoiled(" ".join(s for s in tail[asked:] if not is_question(s))):
        return None
    understood = _read_order(order, story, read, refer)
    if understood is None or not questions:
        return understood
    return with_beside(understood, questions, read)


def _orders(sentences: list[str]) -> list[int]:
    """The sentences that open as an order and ask nothing, the last first."""
    found = (n for n in range(len(sentences) - 1, -1, -1) if not is_question(sentences[n]))
    return [n for n in found if ORDER_LEADS.match(sentences[n])]


def _doubts(questions: str) -> bool:
    """Whether the questions after an order doubt it, put it off or ask how to do it."""
    said = negations(questions) - _CURIOUS
    return bool(said) or bool(LATER_ASKED.search(questions)) or asks_about_order(questions)
