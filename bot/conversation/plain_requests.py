"""Requests said so plainly that their shape names the action, however little their words
resemble the vendor's examples: an order naming the tier to move to ("go premium", "premium
pls 🙏"), leaving the paid tier ("get us off premium"), a colleague named with the access they
need ("<@U0DEV> needs to be able to change the support tier"), and undoing a cancellation in a
sentence of its own ("…? reverse the cancel")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.config import Settings
from bot.conversation.access_changes import asks_access_for, asks_access_removed, denial_in
from bot.conversation.back_orders import order_referring_back
from bot.conversation.commands import is_question, mentioned_user
from bot.conversation.order_words import ORDER_OPENER, ORDER_TAIL, ORDER_VERB, PASSIVE_VERB
from bot.conversation.put_off import WHEN_DONE
from bot.conversation.renewal_stops import stops_renewal
from bot.conversation.reported_speech import QUOTED
from bot.conversation.signals import negations
from bot.conversation.term_end import without_term_end
from bot.conversation.tiers import leaves_paid_tier, name_patterns, paid_names, tier_named_in
from bot.conversation.told import tells_done
from bot.conversation.undo import undoes_cancel
from bot.conversation.undo_orders import asks_to_undo
from bot.knowledge.text import split_sentences
from bot.knowledge.tier_words import Patterns, cached


@dataclass(frozen=True)
class PlainRequest:
    action: str  # the billing use case asked for
    words: str  # the words that ask it (a piece of the message, or all of it)
    tier: str | None = None  # the tier an order names, for a move
    said: tuple[str, ...] = ()  # words whose negation is the request ("we won't renew premium")
    shaped: bool = False  # an order sentence whose question mark was read with it ("can we…?")


def plain_request(text: str, settings: Settings) -> PlainRequest | None:
    """The action the message's shape asks for, or None when its shape says nothing."""
    return (
        _ordered(text, settings)
        or _renewal_stopped(text, settings)
        or _left(text, settings)
        or _access_asked(text)
        or _access_removed(text)
        or _undo_asked(text, settings)
        or _referring_back(text, settings)
    )


def orders_plainly(piece: str, settings: Settings) -> bool:
    """A piece that orders plainly and tells nothing done ("we cancel premium today, we signed
    up a year ago"): the story beside it does not make the message one that only tells."""
    if tells_done(piece):
        return False
    # (or asks for it in an order's shape: "is it possible to keep our premium after all? we
    # had cancelled it…")
    found = plain_request(piece, settings)
    return found is not None and (found.shaped or not is_question(piece))


def _referring_back(text: str, settings: Settings) -> PlainRequest | None:
    """An order whose "it" is the plan named before it ("…premium didn't make the cut. can you
    cancel it so we aren't charged again?"), read as said with the plan's name."""
    found = order_referring_back(text, settings)
    if found is None:
        return None
    action, tier, said = found
    return PlainRequest(action, said, tier, shaped=bool(_POLITE_ASK.match(said)))


_POLITE_ASK = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:can|could|will|would)\s+(?:you|u)\b", re.I)


def _ordered(text: str, settings: Settings) -> PlainRequest | None:
    """An order naming the tier to move to; moving to the free tier is cancelling. A sentence
    that orders is read as an order whatever the message asks beside it ("Can we get Premium
    starting today? Our peak season starts next week"); the tier and an urging alone ("premium
    pls") only when the message asks nothing."""
    ordered = _ordered_sentence(text, settings)
    if ordered is not None:
        # (its own question mark was read with the order; another sentence may still ask how:
        # "ok we decided to go premium. what are the steps to sign up?")
        tier, sentence = ordered
        # (a wish beside it, its subject left out, asks nothing: "…premium today? would like it
        # active before monday"; "would like to know whether…" asks)
        rest = split_sentences(text.replace(sentence, " "))
        # (nor its price asked beside a move up said alone, shown by the Confirm card: "We want
        # Premium. How much is it?"; not "Upgrade us to premium, we need CFO approval. How much
        # would it be?", nor beside a story: "…Sometime in Q3. What's the price?")
        asked = [s for s in rest if not _WISH.match(s)]
        alone = tier != settings.default_tier and not re.search(r"[,;–—]|\s-\s", sentence)
        priced = alone and all(_PRICE_ASKED.match(s) for s in asked)
        if not priced and is_question(" ".join(asked)):
            return None
        # ("switch us to premium?" orders only as the message's last words: not "upgrade us to
        # premium? hmm, maybe next year")
        # (its polite "can you" may follow a leading clause: "hola, is possible to put us…?")
        clauses = [sentence, *(sentence[lead.end() :] for lead in _LEAD.finditer(sentence))]
        polite = any(ORDER_OPENER.match(clause).group("polite") for clause in clauses)
        if "?" in sentence and not polite and text.rstrip()[-1:] != "?":
            return None
    else:
        tier = None if is_question(text) else _urged(text, settings)
        if tier is None and not is_question(text):
            # ("…that's what i'm asking for. premium, please.": the last sentence, alone, when
            # the ones before hold nothing back: not "Not until January. Premium, please.")
            *told, last = split_sentences(text) or [text]
            if not _HOLDS_BACK.search(" ".join(told)):
                tier, text = _urged(last, settings), last
    if tier is None:
        return None
    shaped = ordered is not None
    if tier == settings.default_tier:
        return PlainRequest("cancel", text, shaped=shaped)
    return PlainRequest("upgrade", text, tier, shaped=shaped)


def _left(text: str, settings: Settings) -> PlainRequest | None:
    """Leaving the paid tier, in words other than "cancel" ("get us off premium", "we are
    dropping premium support"), told, not asked about ("should we drop premium?")."""
    if is_question(text) or not leaves_paid_tier(text, settings, asked=True):
        return None
    return PlainRequest("cancel", text)


def _renewal_stopped(text: str, settings: Settings) -> PlainRequest | None:
    """Stopping the renewal in other words ("make sure premium doesn't renew"), told, not asked
    about: its negation is the request (`said`), not a taking back."""
    said = stops_renewal(text, paid_names(settings))
    if said is None or is_question(text):
        return None
    return PlainRequest("cancel", text, said=(said,))


_TOLD = re.compile(r"\b(asked|told|says|said)\b")
_NOT_CANCELLING = re.compile(
    r"\b(?:want|wish|like|need)\s+to\s+not\s+cancel\w*[^.,;!?]{0,30}?\bany\s*more\b|"
    r"\b(?:don'?t|do\s+not)\s+let\s+(?:it|(?:(?:the|our|my)\s+)?(?:\w+\s+){0,2}?\w+)\s+(?:lapse|end|"
    r"expire|run\s+out)\b|\bnot\s+cancel\w*\s+(?:it\s+|\w+\s+\w+\s+)?any\s*more\b",
    re.I,
)
_MAY_WE = re.compile(r"^\W*(?:(?:can|could|may)\s+(?:we|i)|is\s+it\s+possible\s+to)\s", re.I)


def _access_asked(text: str) -> PlainRequest | None:
    """Access for the colleague the message names, said as what they need, or asked for them
    politely in a sentence that is only that ("could my colleague <@X> also get the billing
    permissions?")."""
    if mentioned_user(text) is None:
        return None
    sentences = split_sentences(text)
    polite = next((s for s in sentences if _MAY_THEY_HAVE.fullmatch(s)), None)
    others = " ".join(s for s in sentences if s is not polite)
    # (not with another question or a taking back beside it: "…? Or is that admin-only?",
    # "…? no wait, don't.")
    if polite is not None and not ("?" in others or _HOLDS_BACK.search(others)):
        return PlainRequest("grant", polite, shaped=True)
    if not asks_access_for(text) or is_question(text):
        return None
    return PlainRequest("grant", text)


_MAY_THEY_HAVE = re.compile(
    r"\W*(?:(?:hi|hello|hey)\b\W*)?(?:(?:can|could|may)\s+(?:(?:my|our)\s+(?:\w+\s+){1,2})?"
    r"(?:\w+\s+\(<@\w+>\)|<@\w+>)\s+|(?:i|we)\s+(?:want|would\s+like|'d\s+like)\s+<@\w+>\s+to\s+)"
    r"(?:also\s+|please\s+|pls\s+)*(?:get\s+into\s+(?:the\s+|our\s+)?billing(?:\s+(?:stuff|side|"
    r"section|tab|page))?|(?:get|have|be\s+given)\s+(?:the\s+|our\s+)?(?:billing\s+"
    r"(?:access|permissions?|rights)|access\s+to\s+(?:the\s+|our\s+)?billing(?:\s+(?:page|tab|"
    r"section|side|stuff|part))?))(?:\s+(?:of|on|for|in)\s+(?:the|our)\s+(?:account|acct))?"
    r"(?:\s+(?:too|as\s+well|also|please|pls))*\s*[?.!]*\s*",
    re.I,
)


def _access_removed(text: str) -> PlainRequest | None:
    """Access to be taken from the colleague the message names ("…needs his access revoked")."""
    denied = denial_in(text)  # ("don't let <@X> manage billing anymore": its "don't" is it)
    if mentioned_user(text) is None or not (asks_access_removed(text) or denied):
        return None
    said = (denied,) if denied else ()
    return None if is_question(text) else PlainRequest("revoke", text, said=said)


def _undo_asked(text: str, settings: Settings) -> PlainRequest | None:
    """Undoing the cancellation, ordered in a piece that is no question ("how do i undo the
    cancellation?" asks how)."""
    asked = asks_to_undo(text, paid_names(settings))
    if asked is None:
        return None
    # ("Can we un-cancel premium?" asks for it: the answer is the Confirm it shows; not when it
    # is someone else's question told: "my coworker asked: 'can we resume premium?'")
    # (the order is the last piece: "I cancelled premium last month. can we keep it after all")
    order = asked.rsplit(". ", 1)[-1]
    may_we = bool(_MAY_WE.match(order)) and not (_TOLD.search(text) or QUOTED.search(text))
    # (the piece with its own question mark asks too: "don't let premium lapse? is that what
    # auto-renew means?"; a quoted one is someone else's)
    at = text.find(order)
    asked_so = at >= 0 and text[at + len(order) : at + len(order) + 2].lstrip().startswith("?")
    paid = paid_names(settings)
    quoted = any(undoes_cancel(found.group(0), paid) for found in QUOTED.finditer(order))
    asked_so = asked_so and not _POLITE_ASK.match(order)  # ("could you reinstate it?" orders)
    if ((is_question(order) or asked_so) and not may_we) or quoted:
        return None
    # (not cancelling any more agrees with it: "we want to not cancel the premium anymore")
    kept = _NOT_CANCELLING.search(text)
    return PlainRequest("resume", asked, said=(kept.group(0),) if kept else (), shaped=may_we)


# ... or those, then a clause of its own that takes nothing back ("go ahead and move us to
# premium, we need the phone line"; not "…, but we can't afford it", "…or not").
_NEXT_CLAUSE = re.compile(r"(?:[,;]|\s[-–—])\s*$")
# ... or "and" what to do with it ("…going on our account and charge the card we've got on file")
# or what to tell once it is done ("upgrade us to premium and give me the phone code once done";
# not "put us on premium and email me the quote before charging anything")
_AND_THEN = re.compile(
    r"\s*and\s+(?:then\s+)?(?:please\s+|pls\s+)?(?:charge|bill|use|(?:give|tell|show)\s+"
    r"(?:me|us)\b(?![^.!?]*\bbefore\b))\b",
    re.I,
)
# ... or why ("upgrade us to premium today since we just onboarded a big client")
_BECAUSE = re.compile(r"\s*(?:since|because)\b", re.I)
_WISH = re.compile(
    r"would\s+(?:like|love|appreciate)\b(?!\s+to\s+(?:know|hear|ask|understand|check|learn|see|"
    r"confirm|find out)\b)[^?]*$",
    re.I,
)
# A question that only asks what the move costs ("how much it cost for merchant account?").
_PRICE_ASKED = re.compile(r"\W{0,8}(?:(?:and|so|also|btw|but)\s+)?(?:how\s+much\b|what(?:'s|\s+is|"
                          r"\s+does|\s+will)?\s+(?:it|that|the\s+(?:price|cost|fee))\b|(?:price|"
                          r"cost)\s*\?)[^.!?]*\?+\s*$", re.I)  # fmt: skip
_HOLDS_BACK = re.compile(
    r"\b(but|though|although|however|unless|if|when|once|until|wait|not|never|no|nah|or|later|"
    r"next|eventually|afford|expensive|waste|joke|kidding)\b|n't\b|\?",
    re.I,
)
# ... or asks it be done, as the order's own end ("…for our account, you can activate it for
# us?", "…, could you do that today?")
_DO_IT_ASKED = re.compile(
    r"^\W*(?:and\s+)?(?:(?:can|could|will|would)\s+(?:you|u)|(?:you|u)\s+can)\s+(?:please\s+)?"
    r"(?:do|activate|enable|set\s+up|process|arrange|handle)\s+(?:it|this|that|the\s+change)"
    r"(?:\s+(?:for\s+(?:us|me)|please|pls|today|now|here))*\s*[?.!]*\s*$",
    re.I,
)
# What holds back an order after it, but a negation (signals.negations reads those).
_DOUBTS = re.compile(
    r"\b(but|though|although|however|unless|if|when|once|until|wait|nah|or|later|next|"
    r"eventually|afford|expensive|waste|joke|kidding)\b|\?",
    re.I,
)
_VAGUE = frozenset({"do", "go", "try", "->", "=>", "→"})
# Or the whole message is the tier and an urging ("premium pls 🙏", "PREMIUM. NOW.", "prem
# asap"); "no premium please", "premium? no thanks" and "thanks for the premium support" are not.
_URGING = re.compile(r"\b(pls|please|plz|now|asap|today|immediately)\b", re.I)
_FILLER = re.compile(
    r"<@\w+>|:[a-z0-9_+\-]+:|[^\w\s]|\b(pls|please|plz|now|asap|today|immediately|ok|okay|yes|"
    r"yeah|support|plan|tier|for us|for our account|from today|from now on|"
    r"(go ahead and )?(charge|bill|use) (the|our|my) card( on file)?)\b",
    re.I,
)


def _ordered_sentence(text: str, settings: Settings) -> tuple[str, str] | None:
    """The tier the first ordering sentence names, and that sentence: the order is the sentence
    whole, or what follows a clause of its own that holds nothing back ("ok we talked it over,
    lets go premium", "Premium is overkill for us, go back to the free one", "ok fine, take my
    money, premium please")."""
    for sentence in split_sentences(text):
        tier = _ordered_in(sentence, settings)
        names = [m.start() for p, _ in _names_and_free(settings) for m in p.finditer(sentence)]
        start = 0
        for lead in _LEAD.finditer(sentence):
            # (each clause is read once: a message of commas costs one pass)
            concluded = lead.group(0).strip().lower() == "so"  # (someone's words, so: mine)
            if tier is not None or not leads_freely(sentence[start : lead.start()], concluded):
                break
            start = lead.end()
            if not any(n >= start for n in names):
                break
            rest = sentence[start:]
            # ("sorry, standard now?" asks whether: the tier and an urging alone never ask)
            tier = _ordered_in(rest, settings) or (None if "?" in rest else _urged(rest, settings))
        if tier is not None:
            return tier, sentence
    return None


# Where a leading clause ends: a comma, a semicolon, a dash, or an emoji between words.
# (Not a colon: "Every answer I get: go premium" quotes.)
# ... or a "so" that leads to the order ("the team agreed we need the faster tier so just put
# us on premium already").
_LEAD = re.compile(
    r"(?:[,;]|\s[-–—]|\s:[a-z0-9_+\-]+:|\s(?:so|anyway)(?=\s+(?:just|please|pls|plz|go|let'?s|"
    r"put|switch|move|upgrade|sign|get)\b)|"
    # ("we talked it over as a team and we'd like to move up to premium")
    r"\sand(?=\s+(?:i|we)(?:(?:'d|\s+would)\s+like|\s+want|\s+need)\s+to\b))\s+",
    re.I,
)
# A leading clause that reports, conditions, doubts or names someone else keeps what follows
# from being the asker's order ("Our CFO said: go premium", "if the PO clears, go premium",
# "not sure yet, maybe premium", "<@U0DEV> thinks: premium please").
_REPORTS = re.compile(
    r"<@|\b(said|says|say|told|tells|asked|asks|suggest\w*|recommend\w*|thinks?|thought|"
    # (a price quote is no one's words: "ok the quote looks fine, lets proceed with premium")
    r"wants?|wanted|mentioned|wrote|(?<!the )(?<!your )quote\w*|maybe|perhaps|not sure|whether|"
    r"wonder\w*|tell|saying|reads|tips?|advice|two cents|case|otherwise|"
    r"for (anyone|other|new|all)|checklist|step|declined|failed|expired)\b",
    re.I,
)


def leads_freely(lead: str, concluded: bool = False) -> bool:
    """Whether a leading clause leaves the order after it the asker's, asked now (not when it
    orders an undoing itself: "Reverse the downgrade, we need premium" resumes); someone's
    words in it are only its reason when the order concludes from them with "so"."""
    reports = _REPORTS.search(lead) and not concluded
    # (a negation there holds back only an action it negates: "I'm on my phone and can't find
    # the change tier button, could you just put us on Premium for me?")
    held = _DOUBTS.search(lead) or negations(lead)
    return not (held or reports or asks_to_undo(lead))


def _ordered_in(sentence: str, settings: Settings) -> str | None:
    opener = ORDER_OPENER.match(sentence)  # (always matches: every part of it is optional)
    begin = opener.end()
    named = _first_name(sentence, begin, settings)
    if named is None:
        return None
    start, end, key = named
    between = sentence[begin:start].strip()
    wished = opener.group("wish") and between.lower() in ("", "the", "a", "an", "our")
    passive = opener.group("passive") and PASSIVE_VERB.fullmatch(between)
    if not (ORDER_VERB.fullmatch(between) or wished or passive):
        return None
    # (leaving at the end of the term is when a cancellation takes effect anyway)
    tail = without_term_end(sentence[end:], leaving=key == settings.default_tier)
    urging = tail[: ORDER_TAIL.match(tail).end()]
    rest = tail[len(urging) :]
    joined = _NEXT_CLAUSE.search(urging) or _AND_THEN.match(rest) or _BECAUSE.match(rest)
    rest = _DO_IT_ASKED.sub("", rest)  # ("…, you can activate it for us?")
    if rest and (not joined or _HOLDS_BACK.search(WHEN_DONE.sub(" ", rest))):
        return None
    # (asked, only as "can you move us to premium?": "can you do standard?" asks whether)
    verb = between.split() or ["like"]
    # (nor is "switch us to premium?": a move of "us" is ordered, its question mark a chat's)
    ours = opener.end() == 0 and _OURS.fullmatch(between)
    if "?" in urging and not ((opener.group("polite") or ours) and verb[0].lower() not in _VAGUE):
        return None
    return key


_OURS = re.compile(r"(?:switch|move|put|bump|upgrade|sign|get|give)\s+(?:us|our\s+(?:account|acct|"
                   r"company|team))\b.*", re.I)  # fmt: skip


_MOVED_FROM = re.compile(r"\bfrom\s+(?:the\s+|our\s+)?$", re.I)


def _first_name(sentence: str, begin: int, settings: Settings) -> tuple[int, int, str] | None:
    """The first tier name after `begin` (the longest, where names start at one place)."""
    # (not the tier moved from: "bump us up from standard to premium")
    found = [
        (m.start(), -(m.end() - m.start()), m.end(), key)
        for pattern, key in _names_and_free(settings)
        for m in pattern.finditer(sentence, begin)
        if not _MOVED_FROM.search(sentence, 0, m.start())
    ]
    if not found:
        return None
    start, _, end, key = min(found)
    return start, end, key


# After an order's verb, "free" alone names the free tier ("downgrade to free", "go back to the
# free one"); elsewhere it is too common a word to be a tier's name.
# ("upgrade our plan for free" asks no move to it)
_FREE = re.compile(r"(?:(?<=\bto )|(?<=\bto the )|(?<=\binto )|(?<=\bonto )|(?<=-> ))free\b", re.I)


def _names_and_free(settings: Settings) -> Patterns:
    """The tiers' names, and "free" for the free tier (made once per settings, as they are)."""
    return cached(settings, "names and free", _with_free)


def _with_free(settings: Settings) -> Patterns:
    names = list(name_patterns(settings))
    default = settings.tiers.get(settings.default_tier)
    return [*names, (_FREE, settings.default_tier)] if default and default.free else names


def _urged(text: str, settings: Settings) -> str | None:
    tier = tier_named_in(text, settings)
    if tier is None or not _URGING.search(text):
        return None
    rest = text
    for pattern, _ in name_patterns(settings):
        rest = pattern.sub(" ", rest)
    return tier if not _FILLER.sub(" ", rest).split() else None
