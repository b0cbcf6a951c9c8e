"""What a message's words signal, the same for every vendor (English only, as the intents'
reading is): a request taken back ("no need to upgrade, just curious"), a cancellation undone,
something done and told rather than asked for, a person asked for in so many words, a
colleague's access asked for or removed. The understanding step weighs these beside the
intents and the articles (problem reports: problem_reports.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.conversation.commands import ORDER_OPENING
from bot.conversation.term_end import without_term_end
from bot.conversation.undo import names_plan, undoes_cancel
from bot.knowledge.text import split_sentences

# A negation right before a word: "not", "never", or an auxiliary's "n't" ("want" ends in "nt"
# too: only a negated auxiliary counts). tiers.py and access_changes.py read it before a verb.
NEGATION = (
    r"\bnot|\bnever|\b(?:do|does|did|wo|ca|is|are|was|were|should|would|could|must|have|has|had)"
    r"n[’']?t"
)
# Words that take back a request ("no need to upgrade", "don't cancel yet", "just curious"):
# unless the intent's own example says them too ("please don't renew"), nothing is run.
_TAKEN_BACK = re.compile(
    # ("no need to wait until next month" hurries it)
    r"\b(no need(?! to (wait|hold|delay|think twice))|(don'?t|do not) any ?more\b|don'?t|do not|"
    # ("not asking about price, just do it" sets a topic aside, not the change)
    # (not "not sure if im asking in the right place, but…": the place is what is unsure)
    r"not (yet|now|today|ready|looking|planning|going|"
    r"sure(?! (if|whether) (im|i am|this is) (asking |posting )?(in )?(the )?right)|"
    r"interested|asking(?! about| for)|trying|"
    r"requesting)|"
    r"never ?mind|nvm|hold off|won'?t|wouldn'?t|shouldn'?t|not want|no,? thanks?|no thank you|"
    r"just (curious|wondering|asking|checking|confirming|want(ed)? to (know|check|ask))|"
    # put off, or left as it is: "…but I need to think about it first", "…so leave it"
    r"think (about )?it (over|through|first)|need to think|let me think|so leave it|"
    r"on second thought|forget (it|that|about it)|scratch that|(just )?kidding|jk|j/k|"
    # ("cancel premium. actually no, keep it")
    r"(actually|wait|hmm+|oh),? (no|nope|nah)(?=[\s,.!—–-]+(keep|leave|stay|don|forget|never|"
    r"ignore|scratch|hold|we('| a)re|let'?s (keep|stay)))|"
    # ("can you upgrade us? wait, cancel that": the request is what is cancelled)
    # (not "wait, cancel that premium subscription", an order)
    r"wait,? (no,? )?(cancel|undo|stop) (that|this)(?=\s*([.!?,;]|$))|"
    r"forget what (i|we) (said|asked|wrote)|"
    # left as it is: "leave it alone"
    r"leave (it|that|everything) (alone|as is)|"
    # waiting on someone, or doing it oneself: "please wait for me to confirm", "I want to
    # confirm with HR first", "I'll do it myself", "no action needed", "wait no, wrong chat"
    r"please wait|wait for (me|us) to|wait for my (ok|go|approval|confirmation)|"
    r"(confirm|check)(ing)? with \w+( \w+)? first|"
    r"(is|thats|that is) what (my|our|the) \w+ (asked|said|wants|suggested|typed|wrote|posted)|"
    r"(i'?ll|we'?ll|i can|we can) do it (myself|ourselves)|"
    r"no action (is )?(needed|required)|wrong (chat|channel|thread|dm)|"
    # "revoke nothing, <@X> is fine on billing"
    r"(revoke|remove|cancel|change|upgrade|grant|give|resume) (nothing|no one|nobody)|"
    # ("make sure nobody cancels premium while I'm away", "I'm going to cancel it myself later")
    r"(nobody|no one|noone) (cancel|upgrad|chang|touch|revok|remov|downgrad|resum)\w*|"
    r"(im|i am|were|we are|ill|well|i will|we will) (going to |gonna )[^.!?]{0,40}?"
    r"(myself|ourselves)|"
    r"before (anyone|anybody|someone|somebody) (cancel|upgrad|chang|touch|do)\w*|"
    r"bring (it |this |that )?up with|not the one who (decides|makes|signs)|"
    r"not (my|his|her|their) (call|decision)|kind of don'?t|sort of don'?t|"
    r"leav(e|ing) (\w+ ){0,3}?(as is|as it is|alone|in place|untouched)|"
    r"leave (it|things) (as (it is|they are|is)|alone|be)|"
    r"hypothetically|what if|thinking (about|of)|thinking out loud|asking for a friend|"
    r"yeah right|in my dreams|supposed to say|"
    # doubted after it: "upgrade us. or maybe not", "cancel it… or not"
    r"(or )?(maybe|perhaps|probably) not(?=\s*([.!?,;)]|$))|or not(?=\s*([.!?,;)]|$))|"
    r"considering|before (we|i) (decide|commit|do)\b|"
    # refusing it, or someone else's wish refused: "I said no", "I overruled him", "ignore him"
    r"said no|say no|says no|(says|said) (don'?t|do not|not to)(?=\s*([.!,;]|$))|refused|"
    r"(?:i|we) (?:dont|do not)(?=\s*(?:[.!]|$))|decided against|"
    r"against it|please deny|"
    r"deny (it|that|him|her)|ignore (him|her|them|that|it|the|my|our|this)|not an option|"
    r"(?<!is it )too late|without (my|our) (approval|ok)|rather not|no plans? to|no reason to|"
    # not meant for the bot to do: "Test message, please ignore: upgrade to premium"
    r"please ignore|ignore this|test message|reminder to (self|myself)|note to (self|myself)|"
    r"(this|it)( is|s) (just |only )?a test(?! mode)|testing (this|your|the) (new )?bot|"
    r"(don'?t|do not) (actually |really )?do anything|"
    r"(keep|leave) it cancell?ed|stays? cancell?ed|"
    # (after "never mind", so that it is found whole)
    r"did ?n'?t|did not|never|aren'?t|are not|not to|will not|can'?t|cannot|is ?n'?t|is not|"
    r"does ?n'?t|does not|not|no more|no|neither|nor|keine?)\b",
    re.I,
)
# "once done", "when it's finished", "if that's possible": the order's own end or leave, no
# condition on it ("… give me the phone code once done"; not "once done with the migration").
_DONE = r"\s+(?:it'?s\s+|it\s+is\s+|that'?s\s+|you'?re\s+)?(?:done|finished|complete|through)\b"
_DONE += r"(?=\s*(?:[.,;!?)]|$))"
_POSSIBLE = r"(that|it)('?s|\s+is)\s+possible"
_HURRIES = r"|\bno need to (?:wait|hold off|delay)\b[^.!?]*"  # ("no need to wait until monday")
WHEN_DONE = re.compile(r"\b(?:once|when)" + _DONE + _HURRIES, re.I)
_NOT_NOW = re.compile(
    r"\b(if(?!\s+(possible|you can|you could|we can|needed|that'?s ok|yes|so|"
    # ("…? if thats true id like to go premium", "…? If not I'd like to keep it going", "not sure
    # if im asking in the right place")
    r"that'?s (true|the case|right)|not[\s,]+(i'?d|i would|we'?d|please|pls|go ahead)|"
    r"(i'?m|i am|this is) (asking |posting )?(in )?(the )?right|" + _POSSIBLE
    + r"(?!\s+(to|without|with|for|if|unless)\b))\b)|unless|"
    r"once(?!" + _DONE + r")|whether|"
    r"wonder\w*|debating|might|maybe|probably|perhaps|eventually|when the trial|"
    # (not "peak season hit us harder than we expected", a reason)
    r"than(?!\s+(we|i)\s+(expected|thought|planned|hoped|anticipated))|"
    r"some ?day|one day|at some point|later(?! today)|"
    r"keeps? (saying|asking)|claims?|tried to|last time|somehow|(?<!by )(?<!in )error|"
    r"your system|heard|remind (me|us)|"
    # to be talked over first ("I'll bring up cancelling with my boss and get back to you")
    r"bring (it |this |that )?up|discuss|run (it|this|that) by|check with|get back to you|"
    # after something else, or once there is money for it ("finish the migration first and then
    # switch", "purchase premium when we have budget")
    r"first\b[^.?!]{0,60}?\bthen|when (we|i) (have|get|find|are ready)|"
    # given up or only wished: "I was going to ask you to cancel but…", "I wish we could keep it"
    r"(was|were) (going|about) to|wish (we|i) could|if only|"
    # only felt, or for later: "tempted to remove <@X> lol", "this close to upgrading, but not
    # today", "we'll add her to billing when she's here"
    r"tempted|this close|so close|almost|feel like|not today|but later|maybe later|"
    # wished with what stands in the way: "upgrading would be nice but budget's frozen till Q2";
    # after something else is over: "…after the audit is done, not before"
    r"would be (nice|great|good|ideal|awesome|cool|lovely)\b[^.!?]{0,40}?\bbut\b|"
    r"(budget|spend|spending|funds?|money)('?s| is| are| has been| got)? frozen|not before|"
    r"after (the|our|this|that) [^.?!]{0,30}?(is|are|'s) (done|over|finished|complete|through)|"
    r"when (she|he|they|we|i)('s|'re| is| are| gets?| starts?| arrives?| joins?| returns?)|"
    # under a condition said after it: "i will not renew premium without a discount"
    r"without (a|an|the|any) (discount|deal|approval|sign-?off|po)|"
    # ("…when the PO is approved"; not "Renewal is approved.", which tells it done)
    r"before (the |our )?(po|budget|approval|sign-?off)|gets? approved|"
    r"(when|after|until|till|once|as soon as|provided|assuming|pending)\b[^.?!]{0,40}?\b(is|are) "
    r"approved|provided (that )?|assuming|pending|subject to|asked\s*:|told (him|her|them))\b",
    re.I,
)
# Someone else's wish, which the asker disputes: "my CFO would like to go back to standard but I
# think we should keep premium" asks nothing of the bot.
_THEIR_WISH = re.compile(
    r"\b(my|our)\s+(\w+\s+)?(boss|manager|cfo|ceo|cto|coo|owner|director|colleague|coworker|"
    r"co-worker|finance|accountant|partner|vp)\s+(would like|wants|wanted|asked|is asking|"
    r"keeps asking|insists|says|said|thinks)\b",
    re.I,
)
_DISPUTED = re.compile(
    r"\b(i|we)\s+(think|feel|believe)\s+(it'?s|its|that'?s|thats|this is)\s+(a waste|pointless|"
    r"unnecessary|overkill|not worth|a bad idea|too expensive)|"
    r"\bbut\s+(i|we)\s+(think|feel|believe|prefer|disagree|would rather)\b|"
    r"\b(i|we)\s+(disagree|don'?t agree|do not agree)\b|"
    r"\btalk(ing)?\s+(him|her|them)\s+out\s+of\b",
    re.I,
)
# "if the PO clears, reverse the cancellation": a condition in a piece of its own, before
# (a colon ends a piece, so someone's words told after it are found in the whole message)
_ASKED_THEN_QUOTED = re.compile(
    r"\b(asked|asks|said|says|wrote|writes|boss|manager|cfo|ceo|colleague|coworker)\s*:"
    r"(?![a-z0-9_+\-]+:)",  # (not an emoji after the word: "…by my coworker :facepalm:")
    re.I,
)
# ("if yes, please do it" after "is it possible to…?" asks now: the condition is the bot's own)
_CONDITION = re.compile(
    r"^\W*(if(?!\s+(yes|so|possible|" + _POSSIBLE + r"\W*$)\b)|once|unless|as soon as|"
    # a later time leading the order: "Next month, strip…", "In March, cancel…"
    r"next\s+(week|month|quarter|year|term|monday|tuesday|wednesday|thursday|friday)|"
    r"in\s+(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|a\s+(week|month|few\s+\w+))|starting\s+(next|in|from)|from\s+next)\b",
    re.I,
)
CHANGED_MIND = {"never mind", "nevermind", "nvm", "scratch that"}
# These negate only the word right after them ("can't", "no upgrade for now", "kein Upgrade";
# not "no, please upgrade us").
_NO = {"no", "no more", "neither", "nor", "kein", "keine"}
# What follows an "if not" that answers a question before it ("…? If not I'd like to keep it").
_IF_NOT_THEN = re.compile(r"[\s,]+(?:id|i would|wed|we would|please|pls|go ahead)\b")
_CANNOT = {"cant", "cannot", *_NO}
_NO_TARGET = re.compile(r"(upgrad|downgrad|cancel|renew|resum|revok|grant)", re.I)
# A clause that opens with an action's verb: a new order, beyond a negation's reach.
_ORDER_AFTER_COMMA = re.compile(
    r",\s*(?=" + ORDER_OPENING + r"|(?:please|pls|plz|kindly)\s+take\s+back\b)", re.I
)
_TO_FREE = re.compile(r"\bto (the )?free\b(?! up)", re.I)
# An action ruled out after it is named (apostrophes already taken out): "un-cancelling isnt an
# option for us", "upgrading is out of the question this year".
_RULED_OUT = re.compile(
    r"\b(un-?cancel\w*|cancel\w*|upgrad\w*|downgrad\w*|renew\w*|resum\w*|revok\w*|grant\w*)"
    r"\s+(\w+\s+)?((isnt|is not|arent|are not|wasnt|was not)\s+(an option|an alternative|"
    r"happening|going to happen)|(is|are)\s+(out of the question|off the table))\b"
)
# Negations that take a request back only when an action follows ("don't upgrade", "we never
# asked to upgrade"; not "cancel premium, we don't want to be charged again" nor "turn off auto
# renew, we're not going to need it"), and the actions they may negate.
_NEGATION_ONLY = re.compile(
    r"dont|do not|no need|wont|wouldnt|shouldnt|not want|rather not|didnt|did not|never|"
    r"arent|are not|"
    r"not to|not going|not planning|will not|cant|cannot|isnt|is not|doesnt|does not|not|"
    r"no|no more|neither|nor|kein|keine"
)
# Someone repeating words ("my boss keeps saying"): no "keep" of the plan (_ACTION_WORD), and a
# wish put off only when it names the plan (_repeated_wish).
_REPEATING = r"(?:saying|asking|telling)\b"
_ACTION_WORD = re.compile(
    r"\b(upgrad|downgrad|cancel|renew|resum|switch|chang|mov|buy|purchas|sign|subscrib|grant|"
    r"giv|remov|revok|undo|revers|revert|proceed|process|go ahead|do it|do that|go\b|put\b|"
    r"set\b|turn\b|"
    # ("I keep forgetting": a habit, no plan kept)
    r"keep(?!s? " + _REPEATING + r"|s?\s+(?!renewing|going|running)\w+ing\b)|"
    r"continu|reinstat|reactivat|restor|un-?cancel|add\b|"
    r"approv|allow|let\b|"
    # leaving or bringing back ("opt out of premium", "don't take us off premium"; not "so we
    # don't get dropped to standard", which is a reason, nor "didn't make the cut", which tells)
    r"unsubscrib|opt\w* out|discontinu|terminat|quit|ditch|leav|(?<!get )(?<!be )drop|"
    r"take\b|bring\b|stop\b|(?<!make the )cut\b(?! it\b)|kill\b|rid\b|withdraw|strip\b|pull\b)\w*",
)
# "go" that goes nowhere a change goes: "not have time to go hunting for a button".
_GOES_ELSEWHERE = re.compile(
    r"go\s+(?!(?:cancel|downgrad|upgrad|switch|chang|mov|remov|revok|renew|drop|stop|through\s+with)"
    r"\w*)(\w+ing|find|look|search|dig|through)\b",
    re.I,
)
_RENEWAL_NAMED = re.compile(r"\brenew", re.I)
_PIECE_BREAK = re.compile(r"[,;:.?!\n]+|\s[—–-]\s")
# A piece that opens with a change's verb orders it ("oops my coworker cancelled our support
# plan, put it back").
_IMPERATIVE = re.compile(
    r"^\W*(?:(?:oops|ok|okay|so|now|then|just|pls|please|plz|and)\W+)*(?:(?:put|bring|turn)\s+"
    r"(?:\w+\s+){0,3}?back|undo|reverse|revert|restore|reactivate|reinstate|"
    # ("Don't let <@X> manage billing anymore, he moved to sales")
    r"(?:don'?t|do not|never) let|revoke|remove|take\s+(?:\S+\s+){0,3}?away|pull|"
    # ("…no. keep us on premium and let it renew"; not "keep us posted", "keep it up")
    r"keep\s+(?:us\s+on|(?:it|our\s+(?:plan|subscription|support))\s+(?:going|running|active|"
    r"renewing|on)))\b",
    re.I,
)


# "…but want to go back to standard": what is wanted now, after what was done.
_WANTS_TO = re.compile(r"\b(want|wanna|need|would like|'d like|wish)\s+to\b", re.I)


# "i don't want to guess": not wanting to guess, bother or get it wrong is no wish to cancel
# the plan; the intents (intents.py) read it without the "don't want" ("we don't want premium
# anymore", "we don't want to stick with premium" keep theirs).
NOT_WANTING_ELSE = re.compile(
    r"\b(?:do\s*n[o']?t|doesn'?t|never|not)\s+(?:really\s+)?want\s+(to\s+(?:guess|bother|"
    r"interrupt|spam|bug|pester|hassle|chase|confuse|assume|overstep|mess\s+up|repeat|"
    r"get\s+(?:it|this|that)\s+wrong|make\s+a\s+mistake|be\s+(?:rude|annoying|a\s+pain)|"
    r"lose\s+track)\b)",
    re.I,
)


def orders(piece: str) -> bool:
    """Whether a piece of a message orders a change or says it is wanted now."""
    return bool(_IMPERATIVE.match(piece) or _WANTS_TO.search(piece))


def not_asked_now(text: str, paid: tuple[str, ...] = ()) -> bool:
    """Whether a change the words resemble is wished for some other time or under a condition,
    wondered about, or reported: "subscribe us to Premium once the PO clears next quarter",
    "we'd get phone support if we just go premium", "I wonder whether we need to go premium",
    "will u move us to premium when the trial ends?", "the undo cancellation button gives an
    error", someone else's wish the asker disputes. Only the piece that names the change counts
    ("we need faster replies than this, go ahead and move us to premium" asks now), and "if
    possible" asks now."""
    if _THEIR_WISH.search(text) and _DISPUTED.search(text):
        return True  # "my boss would like to switch us to premium. I think it's a waste"
    if _ASKED_THEN_QUOTED.search(text):
        return True  # "My coworker asked: 'can we resume premium?' I told him to ask you"
    found = [without_term_end(piece) for piece in pieces(_SO_ORDER.sub(", ", text))]
    # (someone's repeated wish is the reason for an order after it: "everyone keeps saying
    # premium is worth it, so upgrade us please")
    ordered_after = [bool(_ORDER_FIRST.match(p)) for p in found]
    return any(
        (
            _ACTION_WORD.search(piece.lower())
            or (_repeated_wish(piece, paid) and not any(ordered_after[n + 1 :]))
        )
        and (_NOT_NOW.search(piece) or (n > 0 and _CONDITION.match(found[n - 1])))
        for n, piece in enumerate(found)
    )


# "… so please upgrade us": the order after "so" is a piece of its own.
_SO_ORDER = re.compile(r"\s+so\s+(?=(?:(?:please|pls|plz|just)\s+)?" + ORDER_OPENING + ")", re.I)
_ORDER_FIRST = re.compile(r"^\W*(?:so\s+)?" + ORDER_OPENING, re.I)
# "premium pls is what my boss keeps saying" reports a wish for the plan; "…he keeps asking me
# for the invoices, give him billing access" tells why, and names no change.
_KEEPS_SAYING = re.compile(r"\bkeeps? " + _REPEATING, re.I)


def _repeated_wish(piece: str, paid: tuple[str, ...]) -> bool:
    return bool(_KEEPS_SAYING.search(piece)) and names_plan(piece, paid)


def names_action(text: str) -> bool:
    """Whether the words name any change the bot makes ("cancel", "upgrade", "give"…)."""
    return bool(_ACTION_WORD.search(text.lower()))


def to_free(text: str) -> bool:
    return bool(_TO_FREE.search(text))


def pieces(text: str) -> list[str]:
    """The message cut at every comma and sentence end (an emoji ends one too), however short
    the piece ("…, can you undo that")."""
    found = (p.strip() for s in split_sentences(text) for p in _PIECE_BREAK.split(s))
    return [p for p in found if p]


def taken_back(text: str, examples: Iterable[str], paid: tuple[str, ...] = ()) -> bool:
    """Whether the message takes back the request its words make ("no need to upgrade, just
    curious", "don't upgrade us yet"), when no example of the intent it matched says the same
    thing ("please don't renew" asks to cancel). A "don't" that negates no action is a reason,
    not a taking back ("cancel premium, i don't want to be charged again")."""
    said = negations(text)
    if undoes_cancel(text, paid):  # "nvm, undo the cancellation": the cancel is taken back
        said -= CHANGED_MIND
    return bool(said) and not said <= {n for e in examples for n in negations(e)}


def negations(text: str) -> set[str]:
    """Each taking-back in the text: a phrase that is one ("just curious", "never mind"), or a
    negation with the action it negates within a few words ("dont upgrade", "not ready renew")."""
    plain = text.lower().replace("'", "").replace("\u2019", "")
    found = set()
    for hit in _TAKEN_BACK.finditer(plain):
        said = " ".join(hit.group(0).split())
        if not _NEGATION_ONLY.fullmatch(said):
            found.add(said)
            continue
        # "can't" negates only the verb right after it ("you can't undo the cancellation"; not
        # "he can't see the change tier button, give him access")
        reach = 1 if said in _CANNOT else 4
        if said in _CANNOT and not re.match(r" \w", plain[hit.end() : hit.end() + 2]):
            continue  # "No, cancel it" answers no and asks to cancel
        if said in _NO and not _NO_TARGET.match(plain, hit.end() + 1):
            continue  # "no change to the card, just upgrade us", "no sign-off needed"
        if said == "not" and plain.endswith("if ", 0, hit.start()) and _IF_NOT_THEN.match(
            plain, hit.end()
        ):
            continue  # "is it too late…? If not I'd like to keep it going"
        # (never the whole rest, nor past the sentence: "<@U0X> doesn't work here anymore.
        # Remove his billing access" negates nothing it asks; nor past a comma that starts an
        # order: "we don't want premium anymore, cancel it"; an aside between commas is read
        # through: "I don't want to, honestly, cancel premium")
        rest = re.split(r"[.!?;\n]", plain[hit.end() : hit.end() + 60], maxsplit=1)[0]
        if said == "rather not" and not re.match(r"\s*\w", rest):
            found.add(said)  # ("upgrade us? hmm, I'd rather not."; "I'd rather not be billed
            continue  # again" is a reason, "I'd rather not cancel" a taking back)
        comma = rest.find(",")
        if comma >= 0 and _ORDER_AFTER_COMMA.match(rest, comma):
            rest = rest[:comma]
        rest = re.sub(r",[^,]{0,40},", " ", rest)  # "we do not want, under any circumstances, to"
        # (the word after the reach is read too, to see what its last word is: "not have time
        # to go hunting for a button" negates no action)
        seen = re.findall(r"[\w'-]+", rest)[: reach + 1]
        following = seen[:reach]
        negated = _ACTION_WORD.search(" ".join(following))
        if negated and _GOES_ELSEWHERE.match(" ".join(seen), negated.start()):
            negated = None
        if negated:  # "won't be renewing" and "don't renew" say the same
            # (a renewal not approved is not renewed: "…, management has not approved the
            # renewal" is the cancel's reason)
            approved = negated.group(1) == "approv" and _RENEWAL_NAMED.search(" ".join(following))
            found.add("not renew" if approved else f"not {negated.group(1)}")
    for hit in _RULED_OUT.finditer(plain):  # "un-cancelling isnt an option for us"
        named = _ACTION_WORD.match(hit.group(1))
        if named:
            found.add(f"not {named.group(1)}")
    return found
