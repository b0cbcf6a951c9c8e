"""What a message's words signal, the same for every vendor (English only, as the intents'
reading is): the words that take a request back ("no need to upgrade, just curious"; weighed
against the change asked in taken_back.py), a cancellation undone, something done and told
rather than asked for, a person asked for in so many words, a colleague's access asked for or
removed. The understanding step weighs these beside the intents and the articles (problem
reports: problem_reports.py).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from bot.conversation.asides import (
    ORDER_LATER,
    SET_ASIDE,
    asides_said,
    disclaimed,
    mind_changed,
)
from bot.conversation.commands import ORDER_OPENING
from bot.conversation.idioms import IMAGINED, KEEP_DOING, PERCEIVED, REFUSED, REFUSING
from bot.conversation.other_languages import NEGATIONS_ABROAD, NEGATIONS_AFTER_THE_VERB
from bot.conversation.reported_speech import QUOTE_LINE

# A negation right before a word: "not", "never", or an auxiliary's "n't" ("want" ends in "nt"
# too: only a negated auxiliary counts). tiers.py and access_changes.py read it before a verb.
NEGATION = (
    r"\bnot|\bnever|\b(?:do|does|did|wo|ca|is|are|was|were|should|would|could|must|have|has|had)"
    r"n[’']?t"
)
# Words that take back a request ("no need to upgrade", "don't cancel yet", "just curious"):
# unless the intent's own example says them too ("please don't renew"), nothing is run.
# A renewal refused: the cancel's reason ("finance said no to renewing, so go ahead and cancel
# premium"), which negations() reads as "not renew", as a cancel's own examples say it.
_REFUSED_RENEWAL = r"(said|say|says) no to (the |a |our )?renew\w*"
_TAKEN_BACK = re.compile(
    # ("no need to wait until next month" hurries it; a double negative is no wish either way:
    # "i don't NOT want premium, i just don't want it this year")
    # ("dont touch anything" before "dont", which would negate no action of its own)
    r"\b((dont|do not) not want|(dont|do not) touch (anything|a thing)|"
    r"no need(?! to (wait|hold|delay|think twice))|(don'?t|do not) any ?more\b|don'?t|do not|"
    # ("not asking about price, just do it" sets a topic aside, not the change)
    # (not "not sure if im asking in the right place, but…": the place is what is unsure)
    r"not (yet(?! (sure|on|in|at|using|live|set up)\b)|now|today|ready|looking|planning|going|"
    r"sure(?! (if|whether) (im|i am|this is) (asking |posting )?(in )?(the )?right| why| how come)|"
    # (not "not trying to be dramatic but…, pull them": a disclaimer before the order)
    r"interested|asking(?! about| for)|trying(?! to (be|sound|make|cause|complain|nag|rush|"
    r"pester)\b)|requesting)|"
    r"never ?mind|nvm|hold off|" + REFUSED + "|" + REFUSING + "|"  # (idioms.py)
    r"won'?t|wouldn'?t|shouldn'?t|not want|no,? thanks?|no thank you|"
    r"just (curious|wondering|asking|checking|confirming|want(ed)? to (know|check|ask))|"
    # put off, or left as it is: "…but I need to think about it first", "…so leave it"
    r"think (about )?it (over|through|first)|need to think|let me think|so leave it|"
    # ("…asked to have his billing access removed. I'll think about it.", "…not needed after all")
    # (not struck through: "~we'll think about it~ decided")
    r"(ill|well|i will|we will|i need to|we need to) think (about )?(it|this|that)(?!~)"
    r"(?=\s*(?:[.!]|$))|"
    r"not (needed|necessary|required) after all|"
    # a joke owned up to, a message for somewhere else: "haha no, just wanted to see what you'd
    # say", "upgrade pls 😂 as if", "sorry wrong tab, that was meant for our Adobe account"
    r"just (wanted|trying) to see what (you|u)(d| would)? (say|do)|as if(?=\W*$)|"
    r"(that|this) (was|is) meant for (our|my|the|another|a different) (\w+ )?(account|team|"
    r"channel|workspace|company|tab|chat|client|customer|vendor)|"
    r"(he|she|they) (says|said) (he|she|they) (doesnt|does not|dont|do not) (want|need) it|"
    r"on second thought|forget (it|that|about it)|scratch that|"
    # ("cancel premium. not kidding this time" means it)
    r"(?<!not )(?<!no )(just )?kidding|jk|j/k|"
    # ("cancel premium. actually no, keep it")
    r"(actually|wait|hm+|oh),? (no|nope|nah)(?=[\s,.!—–-]+(keep|leave|stay|don|forget|never|"
    r"wait (till|until|for)|(she|he|they|it)s? (is |are )?(back|still|staying|needs?)\b|"
    r"ignore|scratch|hold|we('| a)re|let'?s (keep|stay)))|"
    # ("can you upgrade us? wait, cancel that": the request is what is cancelled)
    # (not "wait, cancel that premium subscription", an order)
    r"wait,? (no,? )?(cancel|undo|stop) (that|this)( request| order| one)?(?=\s*([.!?,;]|$))|"
    r"forget what (i|we) (said|asked|wrote)|"
    # left as it is: "leave it alone"
    r"leave (it|that|everything) (alone|as is)|"
    # waiting on someone, or doing it oneself: "please wait for me to confirm", "I want to
    # confirm with HR first", "I'll do it myself", "no action needed", "wait no, wrong chat"
    r"please wait|wait for (me|us) to|wait for my (ok|go|approval|confirmation)|"
    r"(confirm|check)(ing)? with \w+( \w+)? first|"
    r"(is|thats|that is) what (my|our|the) \w+ (asked|said|wants|suggested|typed|wrote|posted)|"
    r"(i'?ll|we'?ll|i can|we can) (do it|handle it|sort it|take care of it) (myself|ourselves|"
    r"on (my|our) (end|side))|"
    # ("…but I meant *how* to do it, not for you to do it. I'd like to do it myself", "…she's
    # only with us until Friday, so let's not. Sorry for the noise.")
    r"(id|i would|wed|we would) (like|prefer|rather) (to )?(do|handle|sort|take care of) (it|this|"
    r"that) (myself|ourselves)|not for you to (do|handle)|lets not(?=\W*([.!,;]|$))|"
    # ("…Current plan: wait until after the Q1 audit. So nothing today.")
    r"(so )?nothing (today|for now|yet|right now|at the moment|this time)(?=\W*([.!]|$))|"
    # ("…already removed her own access, so nothing to do there"; not "…, nothing else needed")
    r"no action (is )?(needed|required)|nothing (left )?to do (there|here)|"
    # the message in the wrong place, owned up to: "…oh wait wrong slack lol, ignore" (not "you
    # can ignore the reminder emails", nor "the wrong tab", "the wrong person", which tell)
    r"wrong (chat|channel|thread|dm|slack|workspace|convo|conversation|bot)|"
    # ("sorry wrong tab, that was meant for our Adobe account"; not "I clicked the wrong tab and
    # cancelled by mistake", an accident told)
    r"(?<!the )(?<!a )(?<!clicked )(?<!clicked on )(?<!on )wrong (tab|window)|"
    r"(?<![a-z] )ignore(?=[\s.!)]*$)|still (thinking|deciding|undecided|on the fence)|"
    # ("none of it is happening this year"; not "phone support? it's not happening for us.
    # cancel premium", a reason)
    r"none of (it|this|that) is (happening|going to happen|gonna happen)(?! again)|"
    r"(im|i am|were|we are) (still )?(undecided|on the fence)|"
    # the doing complained of: "stop revoking people's access lol" (not "please stop cancelling
    # it and resume premium": the way back is asked, see taken_back)
    r"stop (revok|cancel+|upgrad|downgrad|remov|grant)ing|"
    # "revoke nothing, <@X> is fine on billing"
    r"(revoke|remove|cancel|change|upgrade|grant|give|resume) (nothing|no one|nobody)|"
    # ("make sure nobody cancels premium while I'm away", "I'm going to cancel it myself later")
    r"(nobody|no one|noone) (is |will |s )?(cancel|upgrad|chang|touch|revok|remov|downgrad|"
    r"resum)\w*|"
    # a change considered and let go: "thought about reactivating premium but nah"
    r"(thought|thinking) (about|of) (upgrad|cancel|resum|reactivat|switch|downgrad|renew|revok|"
    r"grant|giv|remov|go)\w*ing\b[^.!?]{0,40}?\b(but|nah|nope)\b|"
    r"(im|i am|were|we are|ill|well|i will|we will) (going to |gonna )[^.!?]{0,40}?"
    r"(myself|ourselves)|"
    r"before (anyone|anybody|someone|somebody) (cancel|upgrad|chang|touch|do)\w*|"
    r"bring (it |this |that )?up with|not the one who (decides|makes|signs)|"
    r"not (my|his|her|their) (call|decision)|kind of don'?t|sort of don'?t|"
    r"leav(e|ing) (?!(everyone|everybody|everything|anyone|anybody|all|the rest|others|"
    r"the others) else\b)(\w+ ){0,3}?(as is|as it is|alone|in place|untouched)|"
    # a wish vented and let go: "kinda want to cancel premium out of spite 😤 but no, we need the
    # phone line. venting over" (not "but no rush, cancel it")
    r"(just venting|venting over|done venting)(?=\W*$)|"
    r"but (no|nope|nah)(?=[,.!]{1,3}\s{0,3}(we|i|it|that|its|thats)\b(?![^.!?]{0,80}\b(want|need|"
    r"wanna|going) to (cancel|upgrad|resum|revok|grant|remov|drop|switch)))|"
    r"leave (it|things) (as (it is|they are|is)|alone|be)|"
    + IMAGINED + "|"  # (idioms.py)
    # taken back or left to later: "Belay that", "Please disregard", "…? lol no", "I'd rather
    # talk to someone first", "We might need to later" (not "we might need to eventually come
    # back but not this year"; an order after the taking back: see SET_ASIDE)
    r"(belay|strike) that|(please |pls |just )?disregard( (this|that|it|the above))?"
    r"(?=\s*([.!?,;]|$))|(lol|lmao|haha|jk),? (no|nope|nah)(?=\W*$)|"
    r"(rather|want to|like to|prefer to|should|let me|lets|ill|well) (talk|speak) (to|with) "
    r"(someone|somebody|a person|a human|sales|support|you) first|"
    r"(might|may) (need|want) to (later|eventually|at some point|one day)(?=\s*([.!?]|$))|"
    # an argument, a draft or an example, not an order: "For the sake of argument, cancel our
    # premium", "Drafting a message for my boss, cancel…", "…for reference only"; sarcasm marked
    # so ("cancel premium because that's what you do when support is this slow /s"), and an order
    # taken back right after it ("Cancel premium. Not really, we love you guys.")
    r"for the sake of argument|(?<!was playing )(?<!were playing )(?<!was )devils advocate"
    r"(?![^.!?]*\bbut\b)|"
    r"drafting (a |an |the )?(message|email|note|reply)(?![^.!?]*\bbut\b)|for reference only|"
    # ("draft for the approval email, can someone proofread? > Hi Tom, I'd like to … upgrade")
    r"draft (for|of) (the |a |an |my |our )?(\w+ )?(e-?mail|message|note|reply|letter|memo)"
    r"(?![^.!?]{0,40}\b(approved|signed|sent|done)\b)|"
    r"(can|could) (someone|somebody|anyone|you|u) (please |pls )?proof-?read|"
    r"yeah right|in my dreams|supposed to say|"
    # doubted after it: "upgrade us. or maybe not", "cancel it… or not"
    r"(or )?(maybe|perhaps|probably) not(?=\s*([.!?,;)]|$))|or not(?=\s*([.!?,;)]|$))|"
    r"considering|before (we|i) (decide|commit|do)\b|"
    # refusing it, or someone else's wish refused: "I said no", "I overruled him", "ignore him"
    # (not "the new director says no way we go back to slower replies": a reason)
    # (a renewal refused: _REFUSED_RENEWAL)
    + _REFUSED_RENEWAL + r"|"
    r"(said|say|says) no(?! way (we|i|were|im|are|is|its|that|to)\b)(?! more\b)|"
    r"(says|said) (don'?t|do not|not to)(?=\s*([.!,;]|$))|refused|"
    r"(?:i|we) (?:dont|do not)(?=\s*(?:[.!]|$))|decided against|"
    # a relayed order refused: "<@X> asked you to cancel premium. pls dont, she can't decide that"
    # (not "please don't, like last year, send me reminders")
    r"(?:please|pls|plz) (?:dont|do not)(?=\s*(?:[.!;]|$)|,\s*(?:she|he|they|it|that|we|i|this)\b)|"
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
    r"does ?n'?t|does not|not(?! sure (why|how come))|no quiero|no queremos|no more|no|neither|"
    r"nor|keine?|"
    # another language's negation before an English verb ("ich möchte NICHT upgraden", "je ne
    # veux pas upgrader", "non voglio fare upgrade", "Kami tidak mau cancel premium", "Jeg vil
    # ikke upgrade nu", "no quiero hacer upgrade")
    + "|".join(n + "(?!-)" for n in NEGATIONS_ABROAD)  # (not "non-profit")
    + r")\b",
    re.I,
)
# (no further: "cancel it, no wait, …" 8,000 times took 0.6 s; no person writes 300 of them)
_MOST_HITS = 300
_ALONE_AT_END = re.compile(r"[\s.!]*(?:sorry|thanks|thx|ty)?[\s.!]*$")
# ("pls cancel premium — actually, dont. sorry")
_SENTENCE_START = re.compile(r"(?:^|[.!?—–-]\s*|\b(?:actually|wait|no|nah|hmm)\W*)$")
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
# A negation after the English verb, as another language's word order puts it: "abhi upgrade
# nahi karna hai" (Hindi), "Premium canceln nicht" (German).
_VERB_THEN_NOT = re.compile(
    r"\b(upgrad|downgrad|cancel|renew|resum|revok|grant|remov)\w*\s+(?:"
    + "|".join(NEGATIONS_AFTER_THE_VERB)
    + r")\b"
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
    + REFUSING + "|"
    r"arent|are not|"
    r"not to|not going|not planning|will not|cant|cannot|isnt|is not|doesnt|does not|not|"
    r"no|no more|neither|nor|kein|keine|"
    r"no quiero|no queremos|" + "|".join(NEGATIONS_ABROAD)
)
# Someone repeating words ("my boss keeps saying"): no "keep" of the plan (ACTION_WORD), and a
# wish put off only when it names the plan (_repeated_wish).
REPEATING = r"(?:saying|asking|telling)\b"
ACTION_WORD = re.compile(
    # ("he just changed his mind" changes nothing of the plan)
    r"\b(upgrad|downgrad|cancel|renew|resum|switch|chang(?!\w*\s+(his|her|my|our|their)\s+mind)|"
    r"mov|buy|purchas|sign|subscrib|grant|"
    r"giv|remov|revok|undo|revers|revert|proceed|process|go ahead|do it|do that|go\b|put\b|"
    r"set\b|turn\b|"
    # ("I keep forgetting": a habit, no plan kept)
    r"keep(?!s? " + REPEATING + r"|s?\s+(?!renewing|going|running)\w+ing\b)|"
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
_CANCEL_BEFORE = re.compile(r"\bcancel\w*\s+(?:\w+\s+){0,3}?(?:was|were|is|has|had|have)?\s*$")
_RENEWAL_REFUSED = re.compile(_REFUSED_RENEWAL)
# A removal of a person as a member, not of their billing access.
_AS_MEMBER = re.compile(
    r"\s*(?:remov\w*|delet\w*|kick\w*|take\s+off)\s+(?:him|her|them|<@\w+>)\s+(?:as\s+an?\s+"
    r"(?:user|member|admin)|from\s+(?:the\s+|our\s+)?(?:account|team|workspace|slack|company))\b"
)
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


def names_action(text: str) -> bool:
    """Whether the words name any change the bot makes ("cancel", "upgrade", "give"…)."""
    return bool(ACTION_WORD.search(text.lower()))


def to_free(text: str) -> bool:
    return bool(_TO_FREE.search(text))


# A doubt, a thought or someone else's call, said before "but" and an order (asides.disclaimed).
_DOUBT = re.compile(
    r"not (yet )?(sure|certain)\b|not (my|his|her|their) (call|decision)|"
    r"just (curious|wondering|asking|checking)|thinking (about|of)\b"
)


def unquoted(text: str) -> str:
    """The message without its quoted lines, when the asker wrote something besides them."""
    rest = QUOTE_LINE.sub("", text)
    return rest if rest.strip() else text


def negations(text: str) -> set[str]:
    """Each taking-back in the text: a phrase that is one ("just curious", "never mind"), or a
    negation with the action it negates within a few words ("dont upgrade", "not ready renew").
    (A set of its own each time: callers take from it.)"""
    return set(_negations(text))


@lru_cache(maxsize=512)
def _negations(text: str) -> frozenset[str]:
    """negations(), remembered per text: the readings of one message ask it of the same words
    about nine times (each intent's examples are weighed against the message's)."""
    plain = text.lower().replace("'", "").replace("\u2019", "")
    found = set()
    aside = disclaimed(plain)  # ("not sure this is the right place but can you switch us over?")
    # (a mind changed, then an order: "don't renew... actually no, please do resume it")
    for hit in islice(_TAKEN_BACK.finditer(plain, mind_changed(plain)), _MOST_HITS):
        said = " ".join(hit.group(0).split())
        if hit.end() <= aside and _DOUBT.match(said):
            continue  # (a doubt; "NOT to let premium lapse — go ahead and turn the renewal back
            # on" still negates the lapse, "drafting an email - upgrade us" is still a draft)
        if said in ("dont", "do not") and _ALONE_AT_END.match(plain, hit.end()):
            if _SENTENCE_START.search(plain[: hit.start()]):
                found.add("dont.")  # "Sam wants premium cancelled. Don't."
            continue
        if said.startswith(SET_ASIDE) and ORDER_LATER.search(plain, hit.end()):
            continue  # ("belay that last msg, please upgrade us": an earlier message set aside)
        if _RENEWAL_REFUSED.fullmatch(said):
            found.add("not renew")
            continue
        if not _NEGATION_ONLY.fullmatch(said):
            found.add(said)
            continue
        # "can't" negates only the verb right after it ("you can't undo the cancellation"; not
        # "he can't see the change tier button, give him access")
        if KEEP_DOING.match(plain, hit.end()):
            continue  # ("we can't keep waiting a day for answers. we'll take premium": a reason)
        reach = 1 if said in _CANNOT or PERCEIVED.match(plain, hit.end()) else 4
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
        rest = re.split(r"(?<=[\w,])\s(?:so|but|then|because|cause|since)\s", rest, maxsplit=1)[0]
        # (nor into a new clause: "orders didnt sync so upgrade us"; the word after the reach is
        # read too: "not have time to go hunting for a button" negates no action)
        seen = re.findall(r"[\w'-]+", rest)[: reach + 1]
        following = seen[:reach]
        negated = ACTION_WORD.search(" ".join(following))
        if negated and _GOES_ELSEWHERE.match(" ".join(seen), negated.start()):
            negated = None
        if negated and _AS_MEMBER.match(rest):
            negated = None  # ("don't remove him as a user, … just no billing")
        if negated:  # "won't be renewing" and "don't renew" say the same
            # (a renewal not approved is not renewed: "…, management has not approved the
            # renewal" is the cancel's reason)
            # (and a cancel not approved is not cancelled: "the cancel was never approved by
            # finance" is the resume's reason)
            verb = negated.group(1)
            if verb == "approv" and _RENEWAL_NAMED.search(" ".join(following)):
                verb = "renew"
            elif verb == "approv" and _CANCEL_BEFORE.search(plain, 0, hit.start()):
                verb = "cancel"
            found.add(f"not {verb}")
    found |= asides_said(plain)
    for hit in _VERB_THEN_NOT.finditer(plain):  # ("abhi upgrade nahi karna hai")
        found.add(f"not {hit.group(1)}")
    for hit in _RULED_OUT.finditer(plain):  # "un-cancelling isnt an option for us"
        named = ACTION_WORD.match(hit.group(1))
        if named:
            found.add(f"not {named.group(1)}")
    return frozenset(found)
