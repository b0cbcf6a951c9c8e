"""A message that asks for a change and for something else ("Cancel premium and also tell me
what card is on file"): the change is run (with its Confirm button, as alone) and the other ask
is answered beside it, not dropped. One change is made per message: a second one ("…and remove
<@X>'s billing access") is named back to the person to ask for on its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from bot.billing.results import AccountStatus
from bot.conversation.asides import pieces
from bot.conversation.commands import ORDER_OPENING, is_question
from bot.conversation.messages import Reply, Visibility
from bot.conversation.signals import CHANGED_MIND, negations
from bot.knowledge.text import split_sentences

if TYPE_CHECKING:
    from bot.conversation.context import Context
    from bot.conversation.engine import Conversation
    from bot.conversation.messages import Incoming
    from bot.conversation.understood import Understood

# Where a second ask starts, "…and also…", "…plus…", "…. btw …", "…, and who else has it?", or
# a second change (no leading whitespace: 40k spaces)
_ALSO = re.compile(
    r"\b(?:and\s+also|also|plus|and\s+then|btw|by\s+the\s+way|oh\s+and|"
    r"and\s+(?=(?:please\s+|pls\s+)?(?:tell|give|show|send|let)\s+me\b|(?:how|what|what'?s|when|"
    r"where|who|which)\b[^.!?]*\?*\s*$|(?:please\s+|pls\s+)?(?:remove|revoke|grant|give|cancel|"
    r"upgrade|resume)\s+\S))\b[\s,:]*", re.I)  # fmt: skip
_THEN = re.compile(r"and\s+then\b", re.I)
# "…and then please upgrade us", "…and then cancel premium please": an order of its own.
_ORDERED = re.compile(r"\b(please|pls|plz)\b|^\W*\w+\s+(us|our|me|my|it)\b", re.I)
QUOTES = re.compile(r"[\"“”‘’]")
# An order after the questions starts its clause, after words that only lead to it ("ok.
# switch us to it", "either way, sign us up", "doesn't matter, cancel it"): "we dont pay for
# premium" after a question tells, it orders nothing.
_LEADS = (
    r"^\W*(?:(?:ok|okay|fine|so|then|anyway|actually|lol|cool|great|alright|and|now|yes|"
    r"yeah|either way|regardless|in any case|whatever|(?:it )?doesn'?t matter|"
    r"go ahead and(?= \w+ (?:us|me|our|my)\b))\W+)*"
)
ORDER_LEADS = re.compile(
    _LEADS + r"(?:(?:i|we)(?:'d|\s+would)\s+(?:really\s+)?like\s+to\s+|(?:i|we)\s+want\s+to\s+|"
    r"(?:(?:i|we)\s+)?need\s+(?:you\s+)?to\s+|(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?)?"
    r"(?:" + ORDER_OPENING + r"|go ahead|let'?s|put (?:me|us) in touch)",
    re.I,
)
# (read without them: "ok, upgrade us" is as close to agreeing as to the upgrade asked)
LEAD_WORDS = re.compile(_LEADS, re.I)
MIN_WORDS = 2
_MOST_STARTS = 3
# Messages longer than this are read whole (split_sentences reads the first 2,000 characters).
READ_WHOLE = 2_000
# What follows the questions withdraws rather than orders: "can you upgrade us? wait, cancel that".
_WITHDRAWN = re.compile(
    r"^\W*(wait|hold on|no\b|nope|nvm|never ?mind|scratch that|forget (it|that)|cancel that|"
    r"actually,? no|on second thought)",
    re.I,
)
# Someone else's words ("Sign us up, he says."); a question putting it off ("later, not today?").
_REPORTED = re.compile(r"\b(he|she|they|boss|manager)\s+(says|said|asks|asked|wants)\b", re.I)
LATER_ASKED = re.compile(r"\b(later|next\s+(week|month|quarter|year)|not\s+(today|now|yet))\b",
                         re.I)  # fmt: skip
# The "not …" takings back that put off or doubt rather than negate a verb (signals.negations).
_PUTTING_OFF = frozenset({"yet", "now", "today", "ready", "looking", "planning", "going", "sure",
                          "interested", "asking", "trying", "requesting"})  # fmt: skip
# What, besides the takings back signals.negations finds ("test message", "hold off",
# "hypothetically"), holds back whatever follows the words before an order: a story
# ending on a test, a wait or someone's words ("…please ignore:", "My boss said:"), or a doubt.
_STORY_HOLDS_BACK = re.compile(
    r"\b(?:test(?:ing)?(?: message)?|(?:please )?ignore|note to (?:self|myself)|"
    r"reminder to (?:self|myself)|wrong (?:chat|channel|thread|dm)|(?:just )?kidding|jk|"
    r"(?:don'?t|do not) do anything|not (?:yet|now|today)|hold off|"
    r"wait(?:ing)? (?:for|until|till)|said|says|told|wrote|asked|suggests?|recommends?)"
    r"\W*$|:\s*$|"
    # ("we are not sure": "are not" is read first there, so its "not sure" is not found)
    r"\b(?:maybe|perhaps|wondering|not sure|not yet|don'?t do anything)\b|"
    # a hypothetical: "Suppose our biggest client leaves. Cancel premium support then."
    r"\b(?:suppose|supposing|imagine|let'?s say|worst case|in case|what if)\b",
    re.I,
)
# A second ask that undoes the first holds both ("cancel premium and also, actually, keep it").
_OPPOSITE = {
    "cancel": {"resume", "upgrade"},
    "resume": {"cancel", "downgrade"},
    "upgrade": {"cancel", "downgrade"},
    "downgrade": {"upgrade", "resume"},
    "grant": {"revoke"},
    "revoke": {"grant"},
}
# What the other ask may be to be answered or named back (a remark, "thanks", is neither).
_ANSWERED_BESIDE = frozenset({"answer", "personal", "action", "handoff", "clarify"})
# What reads a piece of the message on its own (without splitting it again).
Reader = Callable[[str], "Understood"]
# What the order after other words says with its "it" named: (the words before, the order) ->
# the order, or "" when its "it" is something else those words named.
Refer = Callable[[str, str], str]


@dataclass(frozen=True)
class Beside:
    """The message's other ask, and how it was read when the change was chosen (read once)."""

    text: str
    read: Understood


def split_asks(text: str) -> tuple[str, str] | None:
    """The two asks of a message joined by "and also" (or the like), each of some words; None
    for one ask, for three or more (none is dropped: the message is read whole), or when
    quotation marks may hold the joint ('my boss wrote "cancel premium and also…"'). Without
    such a joint: the questions a message opens with and the order after them
    (`_asked_then_ordered`)."""
    joints = list(_ALSO.finditer(text))
    if not joints:
        return _asked_then_ordered(text)
    if len(joints) != 1 or QUOTES.search(text):
        return None
    joint = joints[0]
    first, second = (
        part.strip().strip(",;").strip() for part in (text[: joint.start()], text[joint.end() :])
    )
    if len(first.split()) < MIN_WORDS or len(second.split()) < MIN_WORDS:
        return None
    if _THEN.match(joint.group(0)) and is_question(first) and not _ORDERED.search(second):
        return None  # "could we do 3 months over peak and then drop back down?" asks one thing
    return first, second


def _asked_then_ordered(text: str) -> tuple[str, str] | None:
    """The questions a message opens with, and what it says after the last of them when that
    asks nothing: "premium = 4hr response + phone line, right? ok. switch us to it", "is paid
    support billed up front? either way, sign us up". (An order the message then asks about
    is one ask: "we decided to go premium. what are the steps?" asks how.)"""
    if len(text) > READ_WHOLE:
        return None  # (a letter's sentences are read in its first characters only)
    sentences = split_sentences(text)
    asked = [n for n, sentence in enumerate(sentences) if sentence.rstrip().endswith("?")]
    # (what follows the last question and asks nothing: "…the same day? need to know what to
    # tell AP. either way, sign us up" orders in its last sentence; quotes may hold an order)
    # (at most _MOST_STARTS of them: a message of 1,000 short sentences is not read 1,000 times)
    after = range(asked[-1] + 1 if asked else len(sentences), len(sentences))
    for start in after[:_MOST_STARTS]:
        second = " ".join(sentences[start:])
        if len(second.split()) < MIN_WORDS or QUOTES.search(second):
            return None
        if not is_question(second):
            ordered = any(ORDER_LEADS.match(piece) for piece in pieces(second))
            ordered = ordered and not _WITHDRAWN.match(second)  # ("…? wait, cancel that")
            return (" ".join(sentences[:start]), second) if ordered else None
    return None


# A question after an order that asks how to do it is the order's own ("we decided to go
# premium. what are the steps?"): the order is read with it, as one ask.
_ASKS_HOW = re.compile(
    r"\b(how(?!\s+(much|long|soon|many))|where|steps?|(which|what)\s+(page|tab|menu|screen|button|"
    r"setting)|what\s+(do|should|must)\s+(i|we)\s+(do|need)|what\s+next|which\s+"
    r"button|procedure|process)\b",
    re.I,
)


# The asker's own wish is no one else's: "I want to subscribe to premium support."
_OWN_WANT = re.compile(r"\b(?:i|we)\s+(?:really\s+|just\s+|do\s+)?want\b", re.I)
# How it is done here, by the bot ("how can you do it here in slack?", "how do we proceed?"), not
# by the asker somewhere else ("which tab?", "how do I do it here in the dashboard?").
_DONE_HERE = re.compile(
    r"(?:\b(?:here\s+)?(?:in|via|through)\s+(?:slack|(?:this\s+)?chat)\b|"
    r"\b(?:can|could|will|would)\s+(?:you|u)\s+(?:just\s+)?(?:do|handle|process|action|sort)\s+"
    r"(?:it|this|that)\b(?!\s+for\s+me\s+to)|^\W*how\s+do\s+we\s+proceed\W*$)"
    r"(?![^?]*\b(?:myself|ourselves|page|tab|menu|button|screen|click|dashboard|app|console|"
    r"site|link|portal|my\s+end|our\s+end)\b)",
    re.I,
)


BLOCK_QUOTE = re.compile(r"^\s*(>|&gt;)", re.M)
# What spoils an order read beside a question after it, anywhere before the question: someone
# else's words, a joke or an emoji, a doubt, a test, a step in a list, a putting off or a
# condition, the order's words used as a name ("… was the plan").
_SPOILED = re.compile(
    r"\b(said|says|say|saying|told|tells|asked|asks|suggest\w*|recommend\w*|thinks?|thought|"
    r"wants?|wanted|wrote|mentioned|quot(e|es|ed|ing)(?!\s+((was|is|got|has\s+been)\s+)?"
    r"(approved|signed))|per|subject|doc|maybe|perhaps|whether|later|"
    r"eventually|lol|lmao|haha\w*|jk|kidding|joke|test\w*|step|case|not|never|no|nah|nope|but|"
    r"though|if|when|once|until|unless|or|was|is|were|are|almost|typed|roadmap|should|keeps?|"
    r"again|next|tomorrow|after|before|end|on\s+(monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday|the\s+\d+\w*)|(january|february|march|april|may|june|july|august|"
    r"september|october|november|december)|"
    r"in\s+(a|an|\d+|one|two|three|four|five|six|a\s+few|few)\s+(days?|weeks?|months?|years?|"
    r"quarters?)|dreams?|yeah\s+right|as\s+if|first|approval|waiting|still|compar\w*|"
    r"for\s+now|check\w*\s+with|vote|board|po|legal|pending|sign-?off)\b|n't\b|\bi'?d\b(?!\s+(?:really\s+)?like\s+to\b)|/s\b|:[a-z0-9_+\-]+:|[\u2600-\u27bf\U0001f300-\U0001faff]",
    re.I,
)
# A question that asks about the order itself doubts it: "Cancel premium. Do you think that's
# wise?", "Upgrade us to premium. Or should we wait?" (the order is read with it, as one ask).
_ASKS_ABOUT_IT = re.compile(
    # ("or" offers the order's alternative, not two of its effects: "does it stop right away or
    # ride out the year?" asks about it, "Or should we wait?", "… or not?" doubt it)
    r"^\W*or\b|\bor\s+(?:not|should|shall|maybe|perhaps|wait|would|do\s+you)\b|"
    r"\b(?:best|right|better)\s+(?:option|choice|call|move)\b|\bcheaper\b|"
    r"\b(should|shall|worth|wise|idea|wait|ok|okay|safe|sure|good|sense|smart|"
    r"(is|was|would\s+be)\s+(that|it|this)\s+(right|correct|fine|best|allowed))\b|"
    # (a bare tag doubts it: "Cancel premium. Right?")
    r"^\W*(right|correct|yes|no|really|sure)\W*$",
    re.I,
)
# The asker's own earlier words are no one else's: "like I mentioned last week".
OWN_WORDS = re.compile(
    r"\b(?:as|like)\s+(?:i|we)(?:'ve|\s+have)?\s+(?:mentioned|said|discussed|wrote|explained|"
    r"told\s+you)(?:\s+(?:earlier|before|yesterday|last\s+\w+))?\b",
    re.I,
)
# Where a clause ends: a comma, a semicolon, a dash, or a "since"/"because" that gives a reason.
_CLAUSE_BREAK = re.compile(r"(?:[,;]|\s[-–—])\s*|\s+(?=(?:since|because)\b)", re.I)
# A reason opens with why or with the need: "since…", "because…", "we need…", "we have…".
_WHY = re.compile(r"(?:since|because|as|we\s+(?:need|have|are|'re)|our\s+\w+\s+(?:is|are))\b", re.I)
# A reason that tells why the order is needed by when is no putting off: "…, we need phone
# support before the Black Friday rush", "…, we have a huge launch on Monday".
_BEFORE_DEADLINE = (
    r"\b(?:before|by)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:rush|peak|launch|sale|season|holidays?|"
    r"friday|monday|tuesday|wednesday|thursday|weekend)\b"
)
_DEADLINE = re.compile(
    _BEFORE_DEADLINE + r"|\b(?:on|this)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|"
    r"sunday)\b",
    re.I,
)
# ... and in the order's own words only the need by then ("we need premium before black friday,
# please upgrade us now"; "Cancel premium on Monday." puts it off)
_NEEDED_BY = re.compile(r"\b(?:need|want)\w*\s+(?:\w+\s+){0,4}?" + _BEFORE_DEADLINE, re.I)
_ITS_CHARGE = re.compile(
    r"\b(?:is|does|will|would)\s+(?:it|that|this)\s+(?:get\s+|be\s+)?(?:charged|billed|paid|"
    r"start|begin|renew)\b",
    re.I,
)
# Someone else's words ask, not the asker, in either of two asks ("the intern said cancel
# premium, btw what's our renewal date?", "upgrade to premium is what everyone asks about btw",
# "cancel premium. btw my boss says don't").
_SOMEONE_ELSES = re.compile(
    r"\b(said|says|told|asked|asks|suggest\w*|wants|wanted|wrote|is what|was what|"
    r"keeps? (saying|asking))\b",
    re.I,
)


def _ordered_then_asked(text: str) -> tuple[str, str] | None:
    """An order in the sentences a message opens with, none of them asking, then only
    questions that ask something else: "…everyone agreed, go ahead and subscribe us to premium.
    Curious, does the contract start the same day?" (not "…go premium. what are the steps?",
    nor an order doubted, put off or someone else's: `_SPOILED`, `_ASKS_ABOUT_IT`)."""
    if len(text) > READ_WHOLE or _ALSO.search(text):
        return None  # (two asks joined in words are split_asks' to read, or read whole)
    sentences = split_sentences(text)
    asked = [n for n, sentence in enumerate(sentences) if is_question(sentence)]
    if not asked or asked[0] == 0 or asked != list(range(asked[0], len(sentences))):
        return None
    first, second = " ".join(sentences[: asked[0]]), " ".join(sentences[asked[0] :])
    if len(second.split()) < MIN_WORDS or QUOTES.search(text) or BLOCK_QUOTE.search(text):
        return None
    # (read as written: a sentence's closing emoji is not in its sentence, "Cancel premium :joy:")
    at = text.find(sentences[asked[0]])
    written = OWN_WORDS.sub(" ", text[:at] if at > 0 else first)
    # (a reason after the order, in a clause of its own, only tells why: "Upgrade us to Premium
    # today please, we need phone support before the Black Friday rush.")
    if spoiled(written):
        return None
    if takes_all_back(first):
        return None
    if _WITHDRAWN.match(second):
        return None
    # (what the order costs and when it is charged the quote shows: "lets go premium. is it
    # charged right away?" asks about nothing else)
    if asks_about_order(second):
        return None
    # The order is the last sentence before the questions ("Cancel premium. That's what I
    # almost typed. …" orders nothing).
    ordered = any(map(ORDER_LEADS.match, pieces(sentences[asked[0] - 1])))
    return (first, second) if ordered else None


def asks_about_order(questions: str) -> bool:
    """Whether questions after an order ask how to do it oneself or doubt it (`_ASKS_ABOUT_IT`);
    what it costs and when it is charged the quote shows ("is it charged right away?"), and how
    it is done here is what the order starts ("how can you do it here in slack?")."""
    doubted = _ASKS_ABOUT_IT.search(_ITS_CHARGE.sub(" ", questions))
    asks_how = _ASKS_HOW.search(questions) and not _DONE_HERE.search(questions)
    return bool(asks_how or doubted)


def spoiled(written: str) -> bool:
    """Whether the words of an order (and any reason after it in a clause of its own) hold it
    back: `_SPOILED`, save a reason's deadline ("…, we need phone support before the rush")."""
    ordered, reason = _order_and_reason(_OWN_WANT.sub(" ", written))
    ordered = _NEEDED_BY.sub(" ", ordered)
    return bool(_SPOILED.search(ordered) or _SPOILED.search(_DEADLINE.sub(" ", reason)))


def _order_and_reason(written: str) -> tuple[str, str]:
    """The words up to the end of the last sentence's ordering clause (`ORDER_LEADS`), and a
    reason after it that tells why ("Upgrade us to Premium today please, we need phone support
    before the Black Friday rush."); the whole text and "" when no such reason follows."""
    sentences = split_sentences(written)
    last = sentences[-1] if sentences else written
    at = written.rfind(last)
    breaks = list(_CLAUSE_BREAK.finditer(last))  # (each found once: a clause starts after one)
    begin = next((n for n in (0, *(m.end() for m in breaks)) if ORDER_LEADS.match(last[n:])), None)
    if at < 0 or begin is None:
        return written, ""
    end = next((m for m in breaks if m.start() >= begin), None)
    if end is None or not _WHY.match(last, end.end()):
        return written, ""
    return written[: at + end.start()], last[end.end() :]


def change_and_more(
    text: str, read: Reader, held_back: Callable[[str], bool], refer: Refer = lambda _, o: o
) -> Understood | None:
    """The change one of two asks requests, carrying the other (`also`) to answer beside it;
    None when neither ask alone is a change, when the whole message takes it back or puts it
    off, or when the other ask undoes it. Each ask is read once, never split again; the
    second's "it" is what the first named (`refer`: "…right? ok. switch us to it")."""
    asks = split_asks(text)
    if asks is None:
        asks = _ordered_then_asked(text)
        if asks is None or held_back(text):
            return None
        first, second = asks
    elif _ALSO.search(text):
        first, second = asks
        if held_back(text) or _SOMEONE_ELSES.search(text):
            return None
    else:
        first, second = asks
        # (questions before an order are asked beside it, their conditions theirs: "if we
        # cancel mid-year, do we lose phone support? doesn't matter, cancel it either way"; not
        # "Test message, please ignore: is premium 399? ok sign us up")
        if held_back(second) or takes_all_back(first) or _REPORTED.search(second):
            return None
        second = refer(first, LEAD_WORDS.sub("", second, count=1))
        if not second:
            return None  # (its "it" is something else the questions named)
    for ask, rest in ((first, second), (second, first)):
        if ask is first and held_back(first):  # ("i clicked change tier and then backed out")
            continue
        understood = read(ask)
        decision = understood.decision
        if decision.kind != "action" or decision.action == "status":
            continue
        return with_beside(understood, rest, read)
    return None


def with_beside(understood: Understood, rest: str, read: Reader) -> Understood | None:
    """The change `understood` with the message's other ask `rest` to answer beside it; None
    when that ask undoes the change ("cancel premium and also, actually, keep it")."""
    beside = Beside(rest, read(rest))
    other = beside.read.decision
    undone = _OPPOSITE.get(understood.decision.action or "", ())
    if other.kind == "action" and other.action in undone:
        return None
    # (a question the bot cannot answer is named back too; a remark, "thanks", is not)
    asked = other.kind in _ANSWERED_BESIDE or (other.kind == "decline" and is_question(rest))
    return replace(understood, also=beside if asked else None)


def takes_all_back(words: str) -> bool:
    """Whether words before an order take back or put off whatever follows them: a taking back
    of the whole message ("just a test", "hold off", "just curious", "not yet"), someone else's
    words, a putting off ("Not yet.", "My boss said:")."""
    said = negations(words) - CHANGED_MIND
    whole = any(not s.startswith("not ") or s[4:] in _PUTTING_OFF for s in said)
    return whole or bool(_STORY_HOLDS_BACK.search(words) or LATER_ASKED.search(words))


def replies_beside(
    conversation: Conversation, incoming: Incoming, beside: Beside, context: Context | None
) -> list[Reply]:
    """The message's other ask, answered privately beside its change: an article or the
    account's own figure; anything else (a second change, a person) is asked for alone."""
    understanding, private = conversation.understanding, Visibility.PRIVATE
    also, other = beside.text, beside.read
    status = conversation.actions.status_of(incoming.actor)
    if other.decision.kind == "personal" and isinstance(status, AccountStatus):
        figure = conversation.views.personal(other.decision.action or "", status)
        return [replace(figure, visibility=private)]
    if other.decision.kind in ("personal", "answer"):
        other = understanding.article_answer(also, context)
    if other.decision.kind == "answer" and other.answer is not None:
        return [replace(conversation.views.answer(other.answer), visibility=private)]
    told = (
        f"You also asked: “{also[:160]}”. Send that on its own once this is done and I'll take "
        "it from there (with a person, if I can't answer it)."
    )
    return [Reply(told, visibility=private, kind="reply")]
