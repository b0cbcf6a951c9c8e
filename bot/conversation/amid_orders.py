"""An order amid a story, with remarks or questions after it: "ok so funny story: … Anyway,
please cancel premium support for us. Thanks! does it stop right away or ride out the year?".

The story only tells why, as an order after a story is read (story_orders.py); but what could
make the order someone else's words, a test, a joke or a thought is read strictly: a story that
frames what follows (a note, a quote, an overheard line, a demo, a hypothetical), a remark after
the order other than thanks or the asker's own plain reason, a question that doubts it, asks how
or where to do it oneself, or who may. The questions, asking something else, are answered beside
the change (two_asks.with_beside); the change waits for its Confirm click as always."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.conversation.commands import is_question
from bot.conversation.corrections import takes_back
from bot.conversation.put_off import not_asked_now
from bot.conversation.signals import negations
from bot.conversation.two_asks import (
    BLOCK_QUOTE,
    LATER_ASKED,
    LEAD_WORDS,
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
from bot.conversation.undo import with_paid
from bot.knowledge.text import split_sentences

if TYPE_CHECKING:
    from bot.conversation.understood import Understood

# A plan given up in the story, with what follows it in its sentence.
GIVEN_UP = re.compile(r"\b(?:was|were)\s+(?:going|about)\s+to\b[^.!?]*", re.I)
# A polite opening of an order asked as a question ("can you please …?").
POLITE = re.compile(
    r"^\W*(?:(?:hi|hey|hello|ok|so|and|now|also)\W+)*(?:can|could|would|will)\s+(?:you|u)\s+"
    r"(?:please\s+|pls\s+|just\s+)?",
    re.I,
)
# "go ahead and upgrade" orders the upgrade: alone, "go ahead" is as close to agreeing.
_GO_AHEAD = re.compile(r"^\W*go\s+ahead\s+and\s+(?=\w)", re.I)
# A question typed without its mark after the order.
# (a helping verb before its subject: "What we need is…", "When we get the PO", "Do it now"
# tell or order)
_ASKS_UNMARKED = re.compile(
    r"^\W*(?:(?:and|also|plus|btw|oh)\W+)?(?:(?:will|would|does|did|is|are|can|could|should)\s+"
    r"(?:it|we|i|our|the|this|that|there|you|u|they)|do\s+(?:i|we|you|u|they))\b",
    re.I,
)
# How many of a message's last orders are tried.
_ORDERS_TRIED = 2
# A side question's own curiosity is no doubt of the order before it ("Please cancel premium.
# If I change my mind, can I sign up again? just wondering").
_CURIOUS = frozenset({"just wondering", "just curious", "just asking"})
# Someone else's words, in the order or after it ("…is what my boss wants").
_SOMEONE_ELSES = re.compile(r"\b(said|says|told|asked|asks|wants|wrote|is what|was what)\b", re.I)
# A story that frames what follows as words, not the asker's order now: "My boss's exact message
# this morning was this.", "Found this in the handover notes.", "Overheard at standup", "Demoing
# the bot to our new hire", "Imagine our peak season goes sideways", "Prank from the crew".
_FRAMES = re.compile(
    r"\b(?:verbatim|word\s+for\s+word|exact(?:ly)?|as\s+follows|like\s+this|this\s+one|"
    r"messages?|notes?|sticky|whiteboard|scrawled|overh[ea]+rd|heard|quot\w*|"
    r"(?:same|this|that|one|following)\s+lines?|to-?do|check\s*list|examples?|pranks?|jok\w*|bit|running|test\w*|qa|demo\w*|pars\w*|"
    r"hypothetic\w*|imagine|picture|scenario|devil'?s|suppose|pretend|what\s+if|handover|"
    r"typed|wrote|written|sent|dm|e-?mail\w*|subject|memo|slide|template|script|doc\w*|"
    r"verbal\w*|voicemail|sign|poster|meme|ticket|worst\s+case|in\s+case|in\s+(?:that|which)\s+"
    r"(?:event|case)|assum\w*|in\s+theory|argument'?s?|thoughts?|words|shout\w*|yell\w*|"
    r"repl(?:y|ies|ied)|says?|said|tells?|told|is\s+what|was\s+what)\b|[:;]\s*$",
    re.I,
)
# An order that follows from a condition before it: "If our volume doubles in Q3 we'll need
# faster responses. Upgrade us to premium then.", "… cancel it in that case."
_CONSEQUENCE = re.compile(r"\b(?:then|in\s+that\s+case|if\s+so)\b", re.I)
_IF = re.compile(r"\W*(?:if|when|once|unless|should)\b", re.I)
# A remark after the order that keeps it the asker's: thanks, or the asker's own plain reason
# ("We handle most tickets in-house now.", not "She's off till Monday.", "Very funny, guys.").
_THANKS = re.compile(
    r"\W*(?:(?:thanks?(?:\s+(?:a\s+lot|so\s+much|again|in\s+advance))?|thank\s+you(?:\s+\w+)?)"
    # ("Thanks for the help earlier.")
    r"(?:\s+for\s+(?:the|your|all\s+the)\s+(?:help|quick\s+\w+|support)(?:\s+(?:earlier|today|"
    r"again))?)?|thx|ty|"
    r"cheers|much\s+appreciated|appreciate\s+it|have\s+a\s+(?:good|great|nice)\s+\w+)\W*$",
    re.I,
)
# ... or agreeing with it again after a question ("…? Either way, yes, go ahead with it.")
_AGAIN = re.compile(
    r"\W*(?:either\s+way|regardless|in\s+any\s+case|anyway)\W+(?:yes\W+)?(?:please\s+)?"
    r"(?:go\s+ahead|proceed|do\s+it)\b",
    re.I,
)
_OWN_REASON = re.compile(
    # (or who the colleague is to us: "He's our controller.", "She is the new accountant.")
    r"\W*(?:(?:he|she)(?:'s|\s+is)\s+(?:our|my|the\s+new)\s+(?:\w+\s+)?(?:controller|accountant|"
    r"bookkeeper|admin|administrator|manager|cfo|ceo|coo|owner|founder|cofounder|co-founder|"
    r"director|lead|head|assistant|clerk|analyst|specialist|officer)\W*$|"
    r"(?:we|we'?re|we'?ve|our|i'?m|i'?ve|my\s+team|the\s+team)\b)"
    # (never a wait or a maybe: "We'll see.", "We might…", "Our CEO decides…")
    r"(?!'ll|\s+(?:will|might|may|could|would|shall|\w+\s+decides?)\b)",
    re.I,
)
# ... or the asker's consent to what it costs: "Card on file is fine.", "$399 is fine with us.",
# "Happy to pay today.", "Budget is approved."
_CONSENT = re.compile(
    r"\W*(?:(?:(?:the|our)\s+)?(?:(?:credit\s+)?card(?:\s+on\s+file)?|price|cost|charge|\$\d[\d,.]*"
    r"(?:\s*(?:/\s*y(?:ea)?r|a\s+year|per\s+year))?|budget)\s+(?:is|'s)\s+(?:fine|good|ok|okay|"
    r"valid|current|up\s+to\s+date|on\s+file|approved|covered)|"
    r"\W*(?:(?:we'?re|i'?m)\s+)?(?:happy|ok|okay|fine|ready)\s+to\s+pay(?:\s+(?:today|now|it))?)"
    # (and nothing after it but whom it suits: never "Card on file is fine, but not yet.")
    r"(?:\s+(?:with|for)\s+us|\s+to\s+(?:charge|use|bill))?\W*$",
    re.I,
)
# ... never one that refuses or stops it ("Our owner vetoed it yesterday.", "Purchasing froze
# all new spend"), nor an order's condition ("Cancel premium support in that event.")
_REFUSED = re.compile(
    r"\b(?:veto\w*|overrul\w*|reject\w*|declin\w*|den(?:y|ied)|block\w*|lock\w*|froz\w*|"
    r"freez\w*|halt\w*|pay\s+grade|unable|event|scenario|for\s+future\s+reference|"
    r"down\s+the\s+road)\b",
    re.I,
)
# A question after the order that asks an opinion of it, how or where to do it oneself, or who
# may: "Thoughts?", "What would you do in my shoes?", "Which tab has the button for that?",
# "Does he have the authority to do that?", "Did that parse?".
_ASKS_ABOUT_DOING = re.compile(
    r"\b(?:thoughts|what\s+would\s+you|in\s+your\s+(?:experience|opinion|view)|recommend\w*|"
    r"right\s+(?:call|choice|move)|crazy|reasonable|hasty|overkill|"
    r"authority|allowed|permission\w*|approve\w*|who\b|which\s+(?:menu|tab|screen|page|button|"
    r"setting)|what\s+(?:menu|tab|screen|page|button)|walk\s+me|rather\s+than|myself|"
    r"parse\w*|understand\w*|log\w*)\b",
    re.I,
)
# What the order must name to be read alone, away from its story: the plan by a paid tier's name
# or as support, its renewal, billing access, a colleague, or "it"/"us" (the story's plan, named
# back by `refer`); "Cancel the membership" after "our Amazon Prime membership" names another's.
_NAMES_OURS = r"\b(?:PAID|support|renew\w*|auto-?renew\w*|billing|access|it|that|this|us)\b|<@"


def ordered_amid(
    text: str,
    read: Reader,
    held_back: Callable[[str], bool],
    refer: Refer,
    paid: tuple[str, ...] = (),
) -> Understood | None:
    """The change an order amid a story asks, with the questions after it to answer beside it;
    None when no such order stands, or anything around it makes it someone else's, a test, a
    thought, or doubted."""
    if len(text) > READ_WHOLE or BLOCK_QUOTE.search(text):
        return None
    sentences = split_sentences(text)
    ours = with_paid(_NAMES_OURS, paid)
    # (the last two sentences that open as an order, the later first: "So I'd like to subscribe
    # to premium support please. I'm assuming it's the merchant pricing…? Either way, yes, go
    # ahead with it." orders in its fourth sentence, its last only agrees)
    for at in _orders(sentences)[:_ORDERS_TRIED]:
        if at < len(sentences) - 1 and ours.search(sentences[at]):
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
    """The change sentence `at` orders, with the questions after it answered beside, or None
    when the story, the order or what follows it holds it back."""
    story, order, tail = " ".join(sentences[:at]), sentences[at], sentences[at + 1 :]
    # (quotes only in the story, each closed there: "one action item was "upgrade support." So
    # here I am. Please put us on Premium…"; never around the order or after it)
    if QUOTES.search(" ".join([order, *tail])) or not _closed(story):
        return None
    asked = next((n for n, s in enumerate(tail) if _asks(s)), len(tail))
    questions = " ".join(tail[asked:])
    told = _told(text, story, order, tail, asked)
    if story_holds_back(story, sentences[:at]) or _order_held_back(order, tail, told, held_back):
        return None
    if _SOMEONE_ELSES.search(f"{told} {questions}") or _doubts(questions):
        return None
    understood = read_order(order, story, read, refer)
    if understood is None or not questions:
        return understood
    return with_beside(understood, questions, read)


def _told(text: str, story: str, order: str, tail: list[str], asked: int) -> str:
    """The order and the remarks before the first question, as written (a sentence's closing
    emoji is in none of the sentences: "Cancel premium :joy: …")."""
    joined = " ".join([order, *tail[:asked]])
    begin = text.find(order, len(story))
    end = text.find(tail[asked], begin + len(order)) if asked < len(tail) else len(text)
    return text[begin:end] if 0 <= begin < end else joined


def story_holds_back(story: str, sentences: list[str]) -> bool:
    """Whether the story asks, frames what follows as words, sets a condition ("If our volume
    doubles…"), or takes back or puts off what follows it: the story is read as a story."""
    if "?" in story or _FRAMES.search(story) or any(_IF.match(s) for s in sentences):
        return True
    return takes_all_back(story) or not_asked_now(GIVEN_UP.sub(" ", story))


def _order_held_back(
    order: str, tail: list[str], told: str, held_back: Callable[[str], bool]
) -> bool:
    """Whether the order and the remarks after it hold it back, read as strictly as an order
    before a question ("Cancel premium. That's what I almost typed. …"): a refusal, a condition,
    a remark other than thanks, the asker's own plain reason or agreeing again."""
    consents = [s for s in tail if _CONSENT.match(s)]
    for consent in consents:  # (read strictly without them: "is" is no doubt in "… is fine")
        told = told.replace(consent, " ")
    if held_back(told) or spoiled(OWN_WORDS.sub(" ", told)):
        return True
    if _REFUSED.search(" ".join([order, *tail])) or _CONSEQUENCE.search(order):
        return True
    remarks = [s for s in tail if not _asks(s) and s not in consents]
    kept = all(_THANKS.match(s) or _OWN_REASON.match(s) or _AGAIN.match(s) for s in remarks)
    return not kept or spoiled(" ".join(remarks))


def _asks(sentence: str) -> bool:
    """Whether a sentence after the order asks, with its question mark or without: "and will it
    drop us back to standard on its own or do I need to do something"."""
    return is_question(sentence) or bool(_ASKS_UNMARKED.match(sentence))


def _closed(story: str) -> bool:
    """Whether every quotation the story opens it also closes (straight or curly quotes)."""
    return story.count('"') % 2 == 0 and story.count("“") == story.count("”")


def _orders(sentences: list[str]) -> list[int]:
    """The sentences that open as an order (or ask for one politely: "can you turn off the auto
    renew on our premium?") and ask nothing else, the last first."""
    found = (n for n in range(len(sentences) - 1, -1, -1) if not is_question(sentences[n]))
    return [n for n in found if ORDER_LEADS.match(POLITE.sub("", sentences[n], count=1))]


def _doubts(questions: str) -> bool:
    """Whether the questions after an order doubt it, put it off, ask how to do it oneself, or
    who may."""
    said = negations(questions) - _CURIOUS
    later = LATER_ASKED.search(questions) or _ASKS_ABOUT_DOING.search(questions)
    return bool(said) or bool(later) or asks_about_order(questions)


def read_order(order: str, story: str, read: Reader, refer: Refer) -> Understood | None:
    """The change `order` asks, read alone with its "it" named from `story`; None when its
    "it" is something else the story named, when it changes nothing, or when the story negates
    the order's own verb."""
    order = refer(story, _GO_AHEAD.sub("", LEAD_WORDS.sub("", order, count=1), count=1))
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
