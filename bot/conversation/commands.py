"""The `/support-tier` grammar, and the few things of a message read by its form, not its words.

`/support-tier [status|upgrade [TIER]|downgrade TIER|cancel|resume|grant @user|revoke @user|
link EMAIL|help]` has fixed words (a TIER is named by app.yaml's tier names and synonyms).
The same words typed in a message ("/support-tier upgrade", "link me jo@acme.example")
mean the same, because people in a Slack Connect channel often cannot run another workspace's
slash commands. Everything else a message may ask for is read by the intents (intents/*.yaml),
so a vendor's YAML decides what a phrase does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.knowledge.text import ADDRESSEES, GREETINGS, split_sentences

ACTIONS = ("status", "upgrade", "downgrade", "cancel", "resume", "grant", "revoke", "link", "help")

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^<>]*)?>")
# A user ID typed by hand after grant/revoke ("@U0SAM", "U0SAM"): the local console and a
# person copying an ID from a profile have no <@…> markup to send.
_TYPED_USER = re.compile(r"@?([UW][A-Z0-9]{2,})")
_QUESTION_START = re.compile(
    r"^\s*(((like|so|and|also|but|anyway|ok|okay|oh|hmm|btw),?\s+)+"
    r"(how|what|whats|what's|wat|when|where|why|which|who)|"
    r"how|what|whats|what's|wat|wut|wats|when|where|why|which|who|is|are|does|"
    # ("…, we are merchant. do it" and "Do not renew premium." order)
    r"do(?!\s+(it|that|this|not)\b)|did|will|"
    # ("would like premium before monday" orders; "would like to know whether…" asks)
    r"would(?!\s+(like|love|appreciate)\b(?!\s+to\s+(know|hear|ask|understand|check|learn|see|"
    r"confirm|find\s+out)\b))|should|"
    r"could|if|can (the|a|an|my|our|one|users?|admins?|someone|anyone|anybody|@user)|"
    # "on what date does our premium end", "until when is support open", "by when" (not "for
    # what it's worth, cancel premium", nor "to whom it may concern" or "from what i can tell")
    r"(on|at|by|until|till|til|for|in|since) (what|which|when)(?! (it['’]?s|its|it is) worth)|"
    r"r (we|u|you|ya|they|there|our|my)|"
    # "remind me how cancelling premium works"
    r"((can|could|would) (you|u) )?(please )?remind (me|us) (how|what|when|where|why|which|who|"
    r"if|whether)|"
    r"(i'?m |im |just )?(wondering|curious) (if|whether))\b",
    re.I,
)
# "can we switch tiers any time" asks whether it may be done; "can we get premium" and "can we
# cancel premium please" ask for it.
_CAN_WE = re.compile(r"^\s*can (i|we) (?!get\b|have\b)", re.I)
_PLEASE = re.compile(r"\b(please|pls|plz)\b", re.I)
# A later clause that asks: a question word and, within a few words, a verb that asks ("…,
# where can i see those", "…, what date does it run out"); "…, which we no longer need", "…,
# what a waste" and "…, when you get a chance" do not.
_ASKS_IN_CLAUSE = re.compile(
    r"[,;+]\s*((how|what|whats|what's|when|where|why)\s+(\w+\s+){0,3}?(can|could|do|does|did|"
    r"is|are|was|were|should|would|will|has|have)\b|what'?s up\b)|"
    # "…how long b4 someone gets back to me", "my manager is asking what we get", "need to know
    # when u close": asked inside a sentence, or told as wanting to know.
    r"\bhow (long|much|many|soon|fast|quickly|often|early|late)\b|"
    r"\b(asking|asked|wondering|want to know|wants to know|need to know|needs to know|"
    r"(want|need|wanted)\s+to\s+(see|check)|"
    r"curious|not sure|find out|figure out)\s+(about\s+)?"
    r"(what|whats|how|when|where|which|why|who|if|whether)\b",
    re.I,
)
_YES_NO_CLAUSE = re.compile(
    r"[,;]\s*(do|does|did)\s+(i|we|you|u|they)\s+(need|have|get|still|keep|lose|pay|owe|want)\b",
    re.I,
)
# The verbs an order of a change opens with ("cancel premium", "please give <@U0X> access"),
# after at most a "please" (signals.py stops a negation's reach at a clause they open).
ORDER_OPENING = (
    r"((please|pls|plz|kindly|just|so)\s+)?(cancel|upgrade|resume|reactivate|reinstate|give|"
    r"grant|remove|revoke|switch|move|sign|subscribe|buy|add|stop|turn|put|undo|restore|"
    r"downgrade|end|drop|terminate|pull|strip|withdraw|(?:re-?)?enable|disable|renew|restart|"
    r"(?:re-?)?activate|bump|get|set|kill|keep|extend|continue|change|unsubscribe|opt|make|"
    r"bring|flip|process)\b"
)
ORDER_FIRST = re.compile(r"^\W*" + ORDER_OPENING, re.I)
# Each change's own verbs (narrower than ORDER_OPENING's "get", "set", "make"): which change a
# polite ask asks for (put_off.py), or a mind changed orders (asides.py).
CHANGE_VERBS = {
    "upgrade": r"upgrad\w*|switch\w*|mov(?:e|ing)|put|sign\w*|subscrib\w*|bump\w*|buy|purchas\w*",
    "cancel": r"cancel\w*|stop\w*|end|drop\w*|terminat\w*|downgrad\w*|kill|unsubscrib\w*|"
    r"discontinu\w*|(?:turn|switch)\w*\s+(?:\w+\s+){0,3}?off",
    "resume": r"resum\w*|undo\w*|un-?cancel\w*|reactivat\w*|reinstat\w*|restor\w*|renew\w*|"
    r"(?:turn|switch|put|bring|flip)\w*\s+(?:\w+\s+){0,3}?back",
    "grant": r"grant\w*|giv(?:e|ing)|add\w*|allow\w*",
    "revoke": r"revok\w*|remov\w*|tak(?:e|ing)\s+(?:\w+\s+){0,2}?away|strip\w*|pull\w*|kick\w*",
}
CHANGE_VERB = r"(?:" + "|".join(CHANGE_VERBS.values()) + r")\b"
# "why" with its verb asks anywhere, unpunctuated ("we got charged again i thought it was a one
# time thing why did this happen"), unless an order opens the message ("Upgrade to premium please
# - why does the button not work for me").
_WHY_ASKED = re.compile(
    r"\bwhy\s+(did|does|do|is|are|was|were|would|has|have|didn'?t|doesn'?t|isn'?t|wasn'?t)\b",
    re.I,
)
# A question after a request that offers it an alternative doubts it: "… or is that admin-only?"
_OR_ASKED = re.compile(r"\W*or\b[^?]*\?\s*$", re.I)
_TAG_QUESTION = re.compile(
    r",\s*(right|correct|yes|no|is that (true|right|correct|so)|should i|should we|thoughts|"
    r"what do (you|u) think)\s*(\?\s*)?$",
    re.I,
)
_OK_TAG = re.compile(r"(?<![\s,])[\s,]+(?:ok|okay|k|pls|please|plz)\s*\?+\s*$", re.I)
# "will you" requests only when it asks for something to be done ("will you cancel it for us");
# "will u still charge my card next yr?" asks.
_POLITE_REQUEST = re.compile(
    r"^\s*(can|could|would)\s+(you|u)\b|^\s*please\b|"
    # ("any chance you can cancel premium without losing the phone line?" asks whether)
    r"^\s*(any|is\s+there\s+a(ny)?)\s+chance\s+(you|u)\s+(can|could)\b"
    r"(?![^?]*\b(without|and\s+still|if|mid-?term|while\s+keeping)\b)|"
    r"^\s*will\s+(you|u)\s+(please\s+)?(upgrade|cancel|switch|move|sign|add|give|remove|"
    r"resume|restore|stop|turn|end|set|put|reactivate|check|show)\b|"
    # "is it possible to remove <@X>'s billing access today?" (a colleague's access)
    r"^\s*(is|would)\s+it\s+(be\s+)?possible\s+(for\s+(you|u)\s+)?to\s+(please\s+)?(give|add|"
    r"grant|remove|revoke|take\s+away|pull)\s+(?=[^?]*(<@|@user))(?![^?]*\b(without|if|while|or)\b)",
    re.I,
)
# The politest asks, requests only in a message that asks nothing else ("Is it possible to cancel
# premium today? I'm trying to figure out our options" and "Would it be fine to upgrade now…? Do
# we get billed the full month?" ask):
_POSSIBLE_ASK = re.compile(
    # a change wanted now or for a purpose: "Would it be possible to cancel it now so it doesn't
    # renew?", "would it be okay to give her billing access so she can handle it herself?"
    r"^\s*(is|would)\s+it\s+(be\s+)?(possible|ok(ay)?|all\s+right|alright|fine)\s+(for\s+(you|u)\s+)?"
    r"to\s+(please\s+)?(cancel|upgrade|resume|reactivate|give|add|grant|remove|revoke|switch|move|"
    r"undo|turn)\b(?=[^?]*\b(now|today|asap|right\s+away|please|for\s+(us|me)|so\s+(that\s+)?(she|he|"
    r"they|we|it|i))\b)(?![^?]*\b(without|if|while|or)\b)|"
    # "Is there any way you could switch it back on…?", "If it's not too much trouble, could you
    # undo the cancellation…?", "Is that something you could do?"
    r"^\s*is\s+there\s+(any\s+)?way\s+(you|u)\s+(could|can)\b(?![^?]*\b(without|and\s+still|if|"
    r"while)\b)|"
    r"^\s*if\s+(it'?s|it\s+is)\s+(not\s+too\s+much\s+trouble|possible|all\s+right|alright|ok(ay)?)"
    r"\W+(could|can|would)\s+(you|u)\b|"
    r"^\s*is\s+(that|this)\s+something\s+(you|u)\s+(could|can)\s+(do|handle|help\s+with)\b|"
    # "Can it be turned back on so it renews like before?"
    r"^\s*(can|could)\s+(it|that|this|premium|(our|the)\s+(plan|subscription|premium))\s+be\s+"
    r"((turned|switched|put)\s+back\s+on|reactivated|reinstated|restored|resumed|un-?cancell?ed)\b"
    r"(?![^?]*\b(after|if|when|once|whether|later)\b)",
    re.I,
)
# ... nor with a second question in its own sentence ("Is it ok to cancel now so it doesn't renew,
# and would we still have phone support…?").
_AND_ASKED = re.compile(
    r",?\s+and\s+(would|will|do|does|did|can|is|are|should)\s+(we|i|it|you)\b", re.I
)
# A doubt, then a polite request after "but": "I'm not sure if you're the right one to ask, but
# could you go ahead and cancel our Premium plan?" requests.
_ASKED_AFTER_BUT = re.compile(
    r"\bnot\s+sure\b[^?]{0,120}?,?\s+but\s+(?:(?:can|could|would|will)\s+(?:you|u)|please|pls|plz)\s+"
    r"(?:please\s+|pls\s+|just\s+)?(?:go\s+ahead\s+and\s+)?" + CHANGE_VERB,
    re.I,
)
# ... unless what is asked for is to be told something: "can you tell me how to cancel",
# "please explain what premium includes", "could u let us know when we renew".
_ASKS_TO_BE_TOLD = re.compile(
    r"^\s*((can|could|would|will)\s+(you|u)|please|pls|plz|kindly)\s+"
    r"((kindly|please|pls|also|just|possibly|maybe|perhaps)\s+)?("
    # "could you kindly confirm the annual cost", "please clarify your cancellation terms"
    # ("please confirm." after "we hereby cancel…" asks for the doing)
    r"(confirm|verify)\s+(whether|if|that|what|how|when|where|which|who|your|we|our|it|there|"
    r"she|he|they|<@\w+>|"
    r"the\s+(cost|price|annual|monthly|hours|date|exact|renewal|day|time))\b|"
    r"(confirm|verify)(?=\s*\?)|(clarify|advise)\b|"
    # "could you check what it would cost to upgrade", "…look at what cancelling would save us"
    r"(check|look\s+(at|into)|see|find\s+out|figure\s+out|work\s+out)\s+(what|how\s+much|how\s+many|"
    r"whether|if)\b|"
    # "can u check our account and tell me what tier we have"
    r"((check|look|see)\b[^,.?!]{0,30}?\band\s+)?"
    r"(tell|explain|show)\s+((me|us)\s+)?((on|at|by|for|from|in|until|till)\s+)?"
    r"(how|what|whats|when|where|why|which|who|if|whether|"
    r"that|you|u|ur|youre|you're|we|we're|were|it|its|it's)|"
    # "kindly tell me the support timings", "please share the link of the ticket portal" (not
    # "please tell your team to cancel", "kindly share the invoice with our accountant")
    r"(tell\s+(me|us)|explain(\s+(me|us))?)\s+(the|your|ur)|"
    r"share\s+((with\s+)?(me|us)\s+)?(the|your|ur)\s+"
    r"(?!(\w+\s+){0,2}?with\b)|"
    # "please let me know how…" asks; "please let me know when it's done" asks for the doing
    r"let\s+(me|us)\s+know\s+(how|what|whats|where|why|which|who|if|whether)|"
    # "can u walk me thru upgrading to premium?": the steps, to take oneself
    r"(walk|talk|guide|take)\s+(me|us)\s+(thru|through)|show\s+(me|us)\s+how)\b|"
    # "would like some info on cancelling", "we need more details about upgrading"
    r"^\s*((i|we)\s*('d|\s+would|\s+want|\s+need)|would|need|want)\s+(like\s+)?"
    r"((some|more|a\s+bit\s+of|any)\s+)?(info|information|details|clarity)\s+"
    r"(on|about|re|regarding)\b",
    re.I,
)
_BARE_CONFIRM = re.compile(
    r"^\W*((please|pls|plz|kindly|can you|could you)\s+)?confirm\b(\s+(please|pls|plz|thanks|"
    r"thank you|asap))*\W*$",
    re.I,
)
_CLAUSE_REQUEST = re.compile(r"^\s*(can|could|would)\s+(you|u)\b|^\s*(please|pls|plz)\b", re.I)
# (a clause also starts at "so" before a polite request: "finance signed off so can you move us")
# (with its "so" after a comma too: "…we'll ride out the contract, so could you cancel it?")
_CLAUSES = re.compile(
    r",\s*(?:(?:so|and|then)\s+(?=(?:can|could|would) (?:you|u)\b))?|\s-\s|\s—\s|"
    r"\s(?:so|and)\s+(?=(?:can|could|would) (?:you|u)\b)"
)
# (A mention before anything else is a colleague's: Slack's front end removes the bot's own.)
_OPENING = re.compile(
    rf"^\s*(@user\s*)?(({GREETINGS}|quick (q|question)|question)\b"
    rf"[\s,!:.\-–—]*(({ADDRESSEES})\b[\s,!:.\-–—]*)?)+",
    re.I,
)
# Slack's emphasis around words (*bold*, _italic_, ~strike~), not inside them (snake_case).
# (each alternative starts only at a run's first mark: one pass over "a____…a")
_EMPHASIS = re.compile(r"(?<![\w*~])[*_~]+|(?<![*_~])[*_~]+(?!\w)")
_COMMAND_WORD = re.compile(r"^\s*/?support-tier\b", re.I)
# An address is a word of its own, after a colon at most ("mailto:", "email:"), in quotes,
# brackets or Slack markup at most; each word is checked once: a pattern searching the whole
# text tried every split of a run of dots into domain and top-level domain, from every colon
# (seconds on "a@" and 4,000 dots).
_ADDRESS = re.compile(r"[^\s<>|@:/]{1,64}@[^\s<>|@/]{1,253}\.[^\s<>|@./]{1,63}")
_WRAPPING = "<>()[]{}\"'“”‘’«»*_`~.,;:!?"
_LINK_WORD = re.compile(r"\blink\b", re.I)


@dataclass(frozen=True)
class Command:
    """A billing action and its argument (the Slack user for grant and revoke)."""

    action: str
    target_user: str | None = None
    email: str | None = None  # for "link": the work email the person gives
    # For "upgrade" and "downgrade": the words naming the target tier (a tier's key, name or
    # synonym from app.yaml, read by bot/conversation/tiers.py); None: the next tier up or down.
    tier: str | None = None
    # Read from plain words rather than typed as a command: a change of billing access is then
    # asked with Confirm first (words can be misread; a typed `grant @user` is explicit).
    from_words: bool = False


def parse_slash(text: str) -> Command:
    """`/support-tier [status|upgrade|cancel|resume|grant @user|revoke @user|link EMAIL|help]`;
    anything else is help."""
    words = (text or "").strip().split()
    action = words[0].lower() if words else "status"
    if action not in ACTIONS:
        return Command("help")
    rest = " ".join(words[1:])
    if action in ("grant", "revoke"):
        target = mentioned_user(rest) or _typed_user(words[1:])
        return Command(action, target) if target else Command("help")
    if action == "link":
        email = email_in(rest)
        return Command("link", email=email) if email else Command("help")
    if action in ("upgrade", "downgrade"):
        return Command(action, tier=rest or None)
    return Command(action)


def _typed_user(words: list[str]) -> str | None:
    """The Slack user ID written as the command's argument without Slack's markup."""
    match = _TYPED_USER.fullmatch(words[0]) if words else None
    return match.group(1) if match else None


def command_in(text: str) -> Command | None:
    """The command a message spells out: `/support-tier …` typed in a message, or `link` with
    an email address. None for everything else (the intents read it)."""
    if _COMMAND_WORD.match(text or ""):
        return parse_slash(_COMMAND_WORD.sub("", text, count=1))
    email = email_in(text)
    if email and _LINK_WORD.search(text or ""):
        return Command("link", email=email)
    return None


def asks_to_be_told(text: str) -> bool:
    """ "can you tell me how…", "pls tell me you won't charge us again": a request for words."""
    return bool(_ASKS_TO_BE_TOLD.search(text))


_DASHED = re.compile(r"\s[—–-]++\s|\s*+[—–]\s*+")


def politely_asks(sentence: str) -> bool:
    """Whether a sentence asks the bot to do something in a polite question's shape ("could you
    cancel it?", "Would it be possible to cancel it now so it doesn't renew?", "Is there any way
    you could switch it back on?")."""
    # (after a clause of its own: "I think it's time — would it be possible to upgrade us now?")
    parts = _DASHED.split(sentence)
    if any(_POLITE_REQUEST.search(part) for part in parts) or _ASKED_AFTER_BUT.search(sentence):
        return True
    return any(_POSSIBLE_ASK.search(part) for part in parts) and not _AND_ASKED.search(sentence)


# ... or says it is weighing its options ("I'm trying to figure out our options before the
# renewal").
_WEIGHING = re.compile(
    r"\b(our\s+options|figur\w*\s+out|work\w*\s+out|trying\s+to\s+(understand|decide|plan)|"
    r"wondering|curious|comparing|weighing|thinking\s+(about|of))\b",
    re.I,
)


def _asks_beside(sentences: list[str]) -> bool:
    """Whether a message with one of the politest asks (_POSSIBLE_ASK) asks something else too,
    or weighs its options."""
    return any(
        not politely_asks(s)
        and (s.rstrip().endswith("?") or _ASKS_IN_CLAUSE.search(s) or _WEIGHING.search(s))
        for s in sentences
    )


def is_question(text: str) -> bool:
    """ "How do I cancel?" asks; "cancel our plan" and "can you cancel our plan?" request.
    "can we switch tiers any time" asks (whether it may be done); "can we get premium" requests.
    Read sentence by sentence after an opening ("hey team,"): "hey what time do you close? im
    on the east coast" asks, and "we need phone support. can u upgrade us?" requests."""
    # (asked of the same words a dozen times per message: remembered, for messages of a usual
    # length; a 40,000-character one is not kept)
    return _asks(text) if len(text or "") <= _REMEMBERED_CHARS else _asks.__wrapped__(text)


_REMEMBERED_CHARS = 2_000


@lru_cache(maxsize=4096)
def _asks(text: str) -> bool:
    plain = _EMPHASIS.sub("", _MENTION.sub("@user", text or ""))  # "want to *see* who…"
    sentences = [_OPENING.sub("", s) for s in split_sentences(plain)]
    # ("make her billing access ok? thank you": an order's "ok?" asks nothing)
    sentences = [_OK_TAG.sub("", s) if ORDER_FIRST.match(s) else s for s in sentences]
    pieces = [c for s in sentences for c in _CLAUSES.split(s)]
    if any(_ASKS_TO_BE_TOLD.search(c) for c in pieces):
        return True
    # "…will we still get charged at renewal? pls confirm": the answer is what is confirmed
    # ("we hereby cancel premium. please confirm." asks for the doing)
    # ("Could you cancel our premium plan? Please confirm." confirms an order)
    asked = [s.rstrip().endswith("?") and not _POLITE_REQUEST.search(s) for s in sentences]
    asked_then_confirm = any(
        _BARE_CONFIRM.match(s) and any(asked[:n]) for n, s in enumerate(sentences)
    )
    if asked_then_confirm:
        return True
    # ("can you let <@X> into billing? or is that only for admins?": whether it may be done)
    if any(_OR_ASKED.match(s) for s in sentences[1:]):
        return True
    polite = [s for s in sentences if politely_asks(s)]
    plainly = any(_POLITE_REQUEST.search(s) or _ASKED_AFTER_BUT.search(s) for s in polite)
    if polite and (plainly or not _asks_beside(sentences)):
        return False
    if any(_QUESTION_START.search(s) for s in sentences):
        return True
    # "actually we changed our mind, can you undo the cancel?" requests in its second clause
    # ("if we cancel, will you charge us again?" asks: it starts as a question).
    if any(_CLAUSE_REQUEST.search(c) for c in pieces):
        return False
    if any(s.rstrip().endswith("?") for s in sentences):
        return True
    if any(_CAN_WE.search(s) and not _PLEASE.search(s) for s in sentences):
        return True
    # "accounting wants our old invoices, where can i see those" asks in its last clause;
    # "<@U0SAM> needs billing access, right" asks with its tag.
    # (not when a later sentence orders: "not sure why <@X> still has billing access. revoke it
    # now please")
    if any(
        (_ASKS_IN_CLAUSE.search(s) or _TAG_QUESTION.search(s))
        and not any(ORDER_FIRST.match(later) for later in sentences[n + 1 :])
        for n, s in enumerate(sentences)
    ):
        return True
    # "trying to sign up for premium, do i need a card on file first" (not after an order:
    # "Cancel our premium plan, do we need to do anything else")
    return not ORDER_FIRST.match(sentences[0] if sentences else "") and any(
        _YES_NO_CLAUSE.search(s) or _WHY_ASKED.search(s) for s in sentences
    )


def mentioned_user(text: str) -> str | None:
    """The first Slack user the text mentions (<@U…>); the bot's own mention is removed by the
    front end before the core sees the text."""
    match = _MENTION.search(text or "")
    return match.group(1) if match else None


def email_in(text: str) -> str | None:
    """An email address in the text; Slack sends one as <mailto:a@b.com|a@b.com>."""
    for word in (text or "").split():
        # (<mailto:a@b.com|a@b.com>, <a@b.com>, "a@b.com." at a sentence's end, jo@x.com's)
        candidate = word.split("|", 1)[0].strip(_WRAPPING)
        candidate = candidate.removesuffix("'s").removesuffix("’s").strip(_WRAPPING)
        candidate = candidate.rsplit(":", 1)[-1]
        if _ADDRESS.fullmatch(candidate):
            return candidate.lower()
    return None
