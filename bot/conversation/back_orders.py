"""Orders whose object is the plan named before them: "premium support didn't make the cut …
can you cancel it so we aren't charged again next term", "our director approved premium
support. Please switch us over.", "Premium it is. Sign us up!", "premium. we need it. turn it
on.", "standard covers everything we need, so move us over to it."

The order names no tier itself; "it" (or "us over", "us up") stands for the last thing the
message named before it, and that must be one of the vendor's tiers, not an order, a charge or
a ticket ("the premium charge came twice, can you cancel it?" asks for a refund; "orders stopped
syncing after we got premium, can you fix it?" for support). The same reading keeps a cancel
from being the plan's when what is cancelled is something else ("please cancel the second
charge", "the old Amazon integration is no longer needed, remove it please")."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.conversation.tiers import name_patterns, paid_names, tier_named_in
from bot.conversation.undo import with_paid
from bot.knowledge.text import split_sentences

# The order alone in its clause: a polite or urging opening, the verb, the pronoun for what was
# named, then at most an urging or a reason ("so we aren't charged again next term").
_ORDER = re.compile(
    r"^\W*(?:(?:ok|okay|so|yes|yeah|alright|great|then|now|please|pls|plz|kindly|just|"
    r"go ahead and|let'?s|if (?:yes|so))\b[\s,!.]*)*"
    r"(?P<polite>(?:can|could|will|would)\s+(?:you|u)\s+(?:(?:please|pls|plz|kindly|just)\s+)?)?"
    r"(?:(?:please|pls|plz|just)\s+)?"
    r"(?P<verb>cancel|stop|end|terminate|drop|kill|switch|move|sign|put|upgrade|set|get|turn|"
    r"activate|enable|start)\s+"
    r"(?P<object>it\s+(?P<off>off)|(?:it|that)\s+(?:on|up)|it|that|this|"
    r"us\s+(?:over\s+|back\s+)?(?:to|on(?:to)?)\s+(?:it|that|this)|us\s+up\s+on\s+(?:it|that)|"
    r"us\s+over|us\s+up)"
    r"(?P<tail>(?:\s*(?:please|pls|plz|now|today|asap|right away|for us|for our account|"
    r"thanks|thank you|thx|[!.,]))*)"
    r"(?P<reason>\s*,?\s*so\s+(?:that\s+)?(?:we|i|our)\b.*)?$",
    re.I,
)
# The verbs that end the plan, read by the orders below and by the cancel said in so many words.
_ENDING = ("cancel", "stop", "end", "terminate", "drop", "kill")
_LEAVES = frozenset(_ENDING)
# Where an order may start inside a sentence: after a comma, a semicolon or a "so".
_CLAUSE = re.compile(r"(?:[,;]|\s[-–—])\s+(?:so\s+)?|\s+so\s+", re.I)
# What "it" could stand for besides the plan: the last of these named before the order wins.
_OTHER = (
    r"orders?|sync\w*|tickets?|charges?|charged|invoices?|payments?|refunds?|cards?|"
    r"integrations?(?!\s+manager)|listings?|labels?|shipments?|users?|logins?|passwords?|"
    r"accounts?\s+manager|channels?|stores?|feeds?|calls?|meetings?|trials?|e-?mails?|"
    r"reminders?|notifications?|notices?|messages?|digests?|alerts?|reports?|exports?|imports?|"
    r"returns?|subscriptions?\s+to\s+\w+|rules?|mappings?|connections?|connectors?|features?|"
    r"betas?|forecasts?|layouts?|sessions?|dashboards?|banners?|webhooks?|apps?|tools?|pages?|"
    r"screens?|buttons?|settings?|filters?|workflows?|automations?|jobs?|scripts?|keys?|tokens?|"
    r"demos?|sandbox\w*|onboarding|training|polic\w+|pricing|prices?|codes?|pins?|passcodes?"
)
_OTHER_THINGS = re.compile(rf"\b({_OTHER})\b", re.I)
_READ_CHARS = 2_000
# Words that keep the plan named from being the one meant: doubted or conditioned.
_ABOUT_OTHERS = re.compile(r"\b(if|whether|maybe|perhaps|not sure|instead of)\b", re.I)
# ... and a tier named only to be ruled out ("we want premium, not standard").
_RULED_OUT = re.compile(
    r"\b(not|no|never|instead\s+of|rather\s+than|than|except)\s+(the\s+)?$", re.I
)
# The plan cancelled in so many words ("cancel premium and delete my login", "cancel the plan"):
# whatever else is removed beside it, the cancel is the plan's.
_LEAVES_NAMED = re.compile(rf"\b({'|'.join(_ENDING)})\s+(the\s+|our\s+|my\s+)?$", re.I)
_CANCELS_PLAN = re.compile(
    rf"\b(?:{'|'.join(_ENDING)})\s+(?:the|our|this|my)?\s*(?:plan|subscription|support\s+plan)\b",
    re.I,
)
# A cancel whose object is said, and is something else: "cancel the second charge", "void
# invoice INV-2231".
_ENDS_OTHER = re.compile(
    r"\b(?:cancel|remove|delete|void|kill|stop|turn\s+off)\s+(?:the|our|this|that|my|these|"
    r"those|an?)?\s*(?:(?!(?:and|or|but|then|plus|so)\b)[\w#-]+\s+){0,2}?"
    rf"(?:{_OTHER})\b",
    re.I,
)
# ... or it is said by a pronoun: "…, remove it please", "can you turn them off?"
_ENDS_IT = re.compile(
    r"\b(?:cancel|remove|delete|void|kill|stop|turn)\s+(?:it|them|that|this)"
    r"(?=\s*(?:$|[.,!?;:)]|off\b|please|pls|now|asap|too|and|so|for|thanks|thx))",
    re.I,
)

# What only a plan does, said of the "it" cancelled: it renews, lapses, runs out at its term.
_PLAN_ONLY = re.compile(
    r"\b(?:renew\w*|auto-?renew\w*|lapse|expire|run\s+out|runs\s+out|end\s+of\s+(?:the\s+)?"
    r"term)\b",
    re.I,
)

_CHARGED = re.compile(r"\b(?:charg\w*|invoic\w*|payments?|refund\w*|fees?)\b|\$", re.I)


# "please do it", "If yes, please go ahead and do it": what was asked before, done.
_DO_IT = re.compile(
    r"^\W*(?:if\s+(?:yes|so|possible|you\s+can|(?:that|it)(?:'s|\s+is)\s+possible)\W+)?"
    r"(?:then\s+)?(?:(?:please|pls|plz|just|kindly|go\s+ahead\s+and)\s+)*(?:do\s+(?:it|that|so)|"
    r"go\s+ahead|proceed)(?:\W+(?:please|pls|now|asap|then|thanks|today|if possible))*"
    r"(?:,?\s*and\s+charge\b.*)?\W*$",
    re.I,
)
_UP = re.compile(
    r"\b(upgrad\w*|turn\w*\s+on|switch\w*|sign\w*\s+(?:us\s+)?up|subscrib\w*|activat\w*|buy|"
    r"purchas\w*|set\s+up)\b",
    re.I,
)
# (not when what was asked before was only wondered about: "should we go premium? do it")
_DOUBTED = re.compile(
    r"\b(maybe|perhaps|not sure|whether|should\s+(?:we|i)|thinking|considering|wondering|"
    r"don'?t|do\s+not|not)\b",
    re.I,
)
_DOWN = re.compile(r"\b(cancel\w*|turn\w*\s+off|stop\w*|terminat\w*|downgrad\w*)\b", re.I)
# ... asked as whether it can be done ("is it possible to…?", "can you…?"), of nothing else.
_MAY_IT_BE_DONE = re.compile(
    r"\b(is\s+it\s+possible\s+to|would\s+it\s+be\s+possible\s+to|can\s+(you|u|we|i)|"
    r"could\s+(you|u|we|i)|(you|u|we)\s+can\s+do|be\s+(done|turned\s+on|switched\s+on|"
    r"set\s+up|activated))\b",
    re.I,
)
_SOMETHING_ELSE = re.compile(
    r"\b(e-?mail|send|tell|explain|show|pric\w*|cost\w*|how\s+much|polic\w*|quote|invoice|"
    r"what|how|when|why|which)\b",
    re.I,
)


def order_referring_back(text: str, settings: Settings) -> tuple[str, str | None, str] | None:
    """(action, tier, the order said with the tier's name in the place of "it": "can you cancel
    premium support so we aren't charged again next term") when a clause orders a move or a
    cancellation of the tier the message named last before it, or says to do what the words
    before it asked ("is it possible to do the premium upgrade here? If yes, please do it");
    None otherwise."""
    after_quote = _AFTER_QUOTE.search(text)
    if after_quote is not None and _DO_IT.match(after_quote.group("rest")):
        quoted = _quoted_order(text[: after_quote.start("rest")], settings)
        if quoted is not None:
            return quoted
    for before, clause in _clauses(text):
        if _DO_IT.match(clause):
            done = _done_as_asked(before, settings)
            if done is not None:
                return done
            continue
        order = _ORDER.match(clause)
        if order is None or ("?" in clause and not order.group("polite")):
            continue
        named = _last_named(before, settings)
        if named is None or _ABOUT_OTHERS.search(before):
            return None
        tier, name = named
        verb = order.group("verb").lower()
        leaves = verb in _LEAVES or bool(order.group("off"))
        if leaves and settings.tiers[tier].free:
            return None  # "standard is fine. cancel it" leaves nothing paid
        called = _called(tier, name, verb, settings)
        said = f"{clause[: order.start('object')]}{_named_object(order.group('object'), called)}"
        said += clause[order.end("object") :]
        if called != name:
            return "upgrade", None, said  # ("we're on the free support. can you upgrade it")
        if leaves or settings.tiers[tier].free:
            return "cancel", None, said
        return "upgrade", tier, said
    return None


def _done_as_asked(before: str, settings: Settings) -> tuple[str, str | None, str] | None:
    """The move the sentence before "do it" asked whether it could be done: one direction, a
    tier named, and nothing else asked for (an email, a price, a policy)."""
    quoted = _quoted_order(before, settings)
    if quoted is not None:
        return quoted
    # (the last sentence that asks, not a bare "Yes?" or "If yes")
    asked = next((s for s in reversed(split_sentences(before)) if len(s.split()) > 3), "")
    named = _last_named(asked, settings)
    up, down = bool(_UP.search(asked)), bool(_DOWN.search(asked))
    may = _MAY_IT_BE_DONE.search(asked) and not _SOMETHING_ELSE.search(asked)
    if named is None or up == down or not may or _DOUBTED.search(asked):
        return None
    return _move(named, down, settings)


# An order quoted, as someone else gave it: "my boss just emailed me "cancel premium today.""
_QUOTE = re.compile(r"\"([^\"]{3,200})\"|“([^”]{3,200})”")


_UNDER_CONDITION = re.compile(r"\b(when|whenever|if|once|until|unless|in case)\b", re.I)
# What follows the message's last closing quote (a sentence's end inside the quote or not).
_AFTER_QUOTE = re.compile(r"[\"”][\s.,;:!—–-]*(?P<rest>[^\"”]{1,60})$")


def _quoted_order(before: str, settings: Settings) -> tuple[str, str | None, str] | None:
    """The move a quote right before "please do it" orders, in one direction and naming a
    tier: the asker passes it on as their own request."""
    quotes = [m for m in _QUOTE.finditer(before) if not before[m.end() :].strip(" .,;:!—–-")]
    if not quotes or _UNDER_CONDITION.search(before[: quotes[-1].start()]):
        return None  # (nor a standing instruction: "when the CFO says "cancel premium", do it")
    quote = next(g for g in quotes[-1].groups() if g)
    named = _last_named(quote, settings)
    up, down = bool(_UP.search(quote)), bool(_DOWN.search(quote))
    if named is None or up == down or _DOUBTED.search(quote) or "?" in quote:
        return None
    return _move(named, down, settings)


def _move(
    named: tuple[str, str], down: bool, settings: Settings
) -> tuple[str, str | None, str] | None:
    """The paid tier `named` (key, as said) cancelled or moved to, as an order in its name;
    None for the free tier, which is neither."""
    tier, name = named
    if settings.tiers[tier].free:
        return None
    if down:
        return "cancel", None, f"please cancel {name}"
    return "upgrade", tier, f"please upgrade to {name}"


def it_named(said: str, order: str, settings: Settings) -> str:
    """The order with its "it" written as the tier named last in what was said before it,
    when the order names none ("premium = 4hr response + phone line, right?" then "switch us
    to it"); "" when its "it" may be something else the words before name ("is the onboarding
    webinar free for standard? ok, sign us up for it"); the order as it is otherwise."""
    pronoun = _IT_OBJECT.search(order)
    # (what is resumed or renewed is a plan the words before named, never a charge or a code
    # they also name: "we'd cancelled premium to avoid the charge … resume it please")
    kept = pronoun is not None and bool(_KEEPS.match(pronoun.group(0)))
    named = _last_named(said, settings, kept) if pronoun else None
    elsewhere = pronoun and not (kept and named) and _ASKED_ABOUT_ELSE.search(said)
    if elsewhere and not tier_named_in(order, settings):
        return ""
    if pronoun is None or named is None or tier_named_in(order, settings):
        return order
    if _AS_IT_IS.search(order):
        return order  # ("keep it that way": as things are, not the tier the story named)
    verb = pronoun.group(0).split()[0].lower()
    called = _called(named[0], named[1], verb, settings)
    return f"{order[: pronoun.start(1)]}{called}{order[pronoun.end(1) :]}"


def _called(tier: str, name: str, verb: str, settings: Settings) -> str:
    """What "it" stands for in the order: the tier's name, or our plan when the free tier is
    upgraded (up from it, never to it: "We're on standard support. … Can you upgrade it?")."""
    return "our plan" if verb == "upgrade" and settings.tiers[tier].free else name


# Something other than the plan the words before the order ask about: "it" may be that.
_ASKED_ABOUT_ELSE = re.compile(
    rf"\b({_OTHER}|webinars?|betas?|sessions?|courses?|events?|classes|class|newsletters?|"
    r"workshops?|programs?|add-?ons?|modules?|conferences?)\b",
    re.I,
)
# "keep it that way": the plan as it is now, whatever the story named.
_AS_IT_IS = re.compile(r"\b(?:that|this|the\s+same)\s+way\b|\bas\s+(?:it\s+)?is\b", re.I)
_KEEPS = re.compile(r"(?:resume|renew|activate)\b", re.I)
# "it" as the object of an order ("sign us up for it", "switch us to it", "cancel it").
_IT_OBJECT = re.compile(
    r"\b(?:for|to|on|onto|cancel|buy|book|activate|renew|keep|resume|get|upgrade)\s+(it|that)\b",
    re.I,
)


# A renewal asked for, in words a cancel's examples share ("please renew our premium", "go ahead
# and renew it"): not negated, not "don't let it renew".
# (PAID: the vendor's paid tiers' names, undo.paid_alternation)
_RENEWAL_WANTED = (
    r"^\W*(?:(?:please|pls|kindly|go\s+ahead\s+and|just)\s+)*renew\s+(?:our|the|it|my|PAID)\b|"
    r"\b(?:please|pls|kindly|go\s+ahead\s+and)\s+renew\s+(?:our|the|it|my|PAID)\b"
)


def cancels_something_else(text: str, settings: Settings) -> bool:
    """Whether what the message asks to cancel (or remove, or turn off) is something other than
    the plan: an order, a charge, an invoice, an integration, named or said as "it". (Read in
    the first characters the sentences are read in: each "it" looks back over what precedes.)"""
    text = text[:_READ_CHARS]
    if with_paid(_RENEWAL_WANTED, paid_names(settings)).search(text):
        return True  # "Please renew our premium subscription for another year": its opposite
    names = name_patterns(settings)
    plan_cancelled = _CANCELS_PLAN.search(text) or any(
        _LEAVES_NAMED.search(text[max(0, m.start() - 30) : m.start()])
        for pattern, _ in names
        for m in pattern.finditer(text)
    )
    if plan_cancelled:
        return False  # "cancel premium and delete my login": the plan's, beside the rest
    for found in _ENDS_OTHER.finditer(text):
        # ("cancel premium renewal emails", "cancel our Integration Manager premium support":
        # the plan is named in the words cancelled, it is the plan's)
        said = text[found.start() : found.end() + 25]
        if not any(pattern.search(said) for pattern, _ in names):
            return True
    for found in _ENDS_IT.finditer(text):
        before = text[: found.start()]
        near = text[max(0, found.start() - 40) : found.end() + 40]
        charged = _CHARGED.search(text, max(0, found.start() - 80), found.end())
        if _PLAN_ONLY.search(near) and not charged:
            continue  # ("dont renew it just cancel it and let it run out": only a plan renews)
        if _OTHER_THINGS.search(before) and _last_named(before, settings) is None:
            return True
    return False


def _clauses(text: str) -> list[tuple[str, str]]:
    """(what was said before, the clause) for each sentence after the first and each clause
    after a comma or a "so" that starts with a word, at most _MOST_CLAUSES of them (an order is
    no run of punctuation; a message of 1,000 commas is not read 1,000 times over)."""
    found: list[tuple[str, str]] = []
    sentences = split_sentences(text)
    for n, sentence in enumerate(sentences):
        before = " ".join(sentences[:n])
        if n:
            found.append((before, sentence))
        for cut in _CLAUSE.finditer(sentence):
            if len(found) >= _MOST_CLAUSES:
                return found
            if sentence[cut.end() : cut.end() + 1].isalpha():
                found.append((f"{before} {sentence[: cut.start()]}", sentence[cut.end() :]))
    return found[:_MOST_CLAUSES]


_MOST_CLAUSES = 40


def _named_object(said: str, name: str) -> str:
    """The order's object said with the tier's name: "cancel premium", "switch us over to
    premium", "sign us up for premium", "put us on premium", "set up premium", "turn on
    premium"."""
    words = said.lower().split()
    if words[0] == "us":
        return f"us {'up for' if words[1:2] == ['up'] and len(words) == 2 else 'over to'} {name}"
    if words[-1] in ("up", "on", "off"):
        return f"{words[-1]} {name}"
    return name


def _last_named(text: str, settings: Settings, kept: bool = False) -> tuple[str, str] | None:
    """The tier named last in the last two sentences of `text` (by a name, not a price: "our
    store is on the $399 plan" may be another product's) and the words that name it, unless
    something else was named after it (`kept`: what is resumed or renewed is the plan whatever
    else was named) or the tier was named only to be ruled out ("premium, not standard")."""
    recent = " ".join(split_sentences(text)[-2:])
    found = [
        (m.end(), m.start(), key)
        for pattern, key in name_patterns(settings)
        for m in pattern.finditer(recent)
        if not any(c.isdigit() for c in m.group(0))
        and not _RULED_OUT.search(recent[max(0, m.start() - 20) : m.start()])
    ]
    if not found:
        return None
    end, start, key = max(found)
    return None if _OTHER_THINGS.search(recent, end) and not kept else (key, recent[start:end])
