"""A polite order asked last, after a story that only tells why: "My name's Dana, I'm the
primary user on our account. Our floor team would rather pick up the phone. Can you get us on
the premium tier today so they can call in?". The last resort after the whole message, an order
after its story (story_orders.py, which takes no question mark) and an order amid a story
(amid_orders.py, which wants a sentence after it) found none. The story is read as strictly as
there (a frame, a condition, a doubt, a putting off holds it back); the order must name the plan
in its own words, not "it" ("… our plugin is on version 2. Can you upgrade it?")."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.conversation.amid_orders import POLITE, read_order, story_holds_back
from bot.conversation.two_asks import (
    BLOCK_QUOTE,
    LATER_ASKED,
    ORDER_LEADS,
    QUOTES,
    READ_WHOLE,
    Reader,
    Refer,
    spoiled,
)
from bot.conversation.undo import paid_alternation
from bot.knowledge.text import split_sentences

if TYPE_CHECKING:
    from bot.conversation.understood import Understood

# What the order is for, after it: "… so they can call in".
_PURPOSE = re.compile(r"(?<!\s)\s+so\s+(?:that\s+)?(?:they|we|i|he|she|our|it|you)\b.*$", re.I)
_MOST_SENTENCES = 8


def asked_politely(
    text: str,
    read: Reader,
    held_back: Callable[[str], bool],
    refer: Refer,
    paid: tuple[str, ...] = (),
) -> Understood | None:
    """The change the message's last sentence asks politely after a story ("… Can you flip that
    back?"); None when the story asks, frames, doubts or puts off (another company's plan is
    never moved: whose_plan.py, on the whole message)."""
    if len(text) > READ_WHOLE or BLOCK_QUOTE.search(text) or QUOTES.search(text):
        return None
    sentences = split_sentences(text)
    if not 2 <= len(sentences) <= _MOST_SENTENCES or held_back(text):
        return None
    *told, order = sentences
    plain = POLITE.sub("", order, count=1)
    if plain == order or not order.rstrip().endswith("?") or "?" in plain.rstrip().rstrip("?"):
        return None  # (not asked politely, or asking more than the order)
    if not ORDER_LEADS.match(plain):
        return None  # ("Can you explain what cancelling premium would do?")
    story = " ".join(told)
    if story_holds_back(story, told) or spoiled(order) or LATER_ASKED.search(text):
        return None
    asked = _PURPOSE.sub("", plain.rstrip().rstrip("?")).strip()
    if not _names_plan(paid).search(asked):
        return None  # ("… our plugin is still on version 2. Can you upgrade it?")
    return read_order(asked, story, read, refer)


@functools.lru_cache(maxsize=16)
def _names_plan(paid: tuple[str, ...]) -> re.Pattern[str]:
    """What a polite order after a story must name in its own words: the plan by a paid tier's
    name or as support, a tier, its renewal, billing access or a colleague (not "it")."""
    return re.compile(
        rf"\b(?:{paid_alternation(paid)}|support|plan|tier|subscription|renew\w*|auto-?renew\w*|"
        r"billing|access)\b|<@",
        re.I,
    )
