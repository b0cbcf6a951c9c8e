"""Whether a message asks about the asker's own account ("what's our pin?", "when do we
renew?"): then its answer is the account's own figure, shown privately, with the article beside
it when one answers. The intents say which fact is asked; this says whether it is the asker's."""

from __future__ import annotations

import re

from bot.conversation.closest import best
from bot.conversation.commands import Command, is_question
from bot.conversation.intents import Match
from bot.conversation.messages import Decision
from bot.conversation.signals import orders
from bot.conversation.understood import Understood

# A question about one's own account says so ("our pin", "when do we renew"); "what is the
# phone support code?" asks what it is, which the article answers.
_OWN_ACCOUNT = re.compile(
    r"\b(our|ours|my|mine|we|us|we're|we've|we'll|weve|were|i|me|i'm|im|i've|ive|on file)\b", re.I
)
# A question about the asker's own account ("what's our pin?") is answered from it when the
# match is this close; the article about it answers otherwise.
PERSONAL = 0.6
# A fact a message only asks about when it wants its own (the code to give on the phone, the date
# it renews or ends) is read from 0.5: "Hi, I need our PIN for the support line, the guy on the
# phone is asking for it" is 0.59. The tier and the card are not: at 0.5 "I don't see the Change
# Support Tier button" read as the asker's tier, and a question about sourdough as the card.
PERSONAL_ASKED_OF_IT = 0.5
ASKED_OF_IT = frozenset({"phone_code", "renewal_date"})
# ... and from 0.4 when the asker says it slipped their mind ("i forgot the PIN for the phone
# line lol, can u remind me" is 0.49): a general question is never forgotten.
PERSONAL_FORGOTTEN = 0.4
_FORGOTTEN = re.compile(
    r"\b(forg[eo]t\w*|remind\s+(me|us)|misplaced|lost\s+(it|the|our|my)|can'?t\s+(find|remember)|"
    r"cannot\s+(find|remember)|don'?t\s+(remember|find|have|see)\s+(it|the|our|my)|"
    r"(tell|give|send)\s+(me|us)\s+(my|our)\b)\b",
    re.I,
)


# (a fact asked of in general, what it is for or how it works, what or where it is, or yes or
# no, is the article's to answer: "what is the phone support code for?", "does the renewal date
# change when we cancel?"; "when does prem renew" asks the date, which is the account's)
_ASKS_ABOUT_THE_THING = re.compile(
    r"\b(in\s+general|generally|typically|usually|normally)\b|\bfor\s*\?\s*$|"
    r"\bwhat\s+(does|do)\b[^?.!]*\bmean\b|\bhow\s+(does|do)\b[^?.!]*\bwork\b|"
    # (what or where it is asks about the thing, which the article answers: "what is the phone
    # support code?", "where is the support pin shown?", "and what about the phone code?")
    r"^\W*(and\s+)?((so|ok|hi|hey)\W+)?(what|where|how|which|does|do|is|are|can|could|will|"
    r"would|should|has|have|did|any)\b",
    re.I,
)


# The card a charge goes to is the asker's, however it is asked ("what credit card will premium
# get charged to").
_CHARGED = re.compile(r"\b(charg\w*|bill\w*|ending in)\b", re.I)


def asks_own(text: str, match: Match | None) -> bool:
    """Whether the closest intent is a personal question, close enough, about the asker's own
    account."""
    if match is None or match.intent.do != "personal":
        return False
    floor = PERSONAL_ASKED_OF_IT if match.intent.fact in ASKED_OF_IT else PERSONAL
    # (what slipped the asker's mind is their own: "can't remember the phone PIN")
    forgotten = match.intent.fact in ASKED_OF_IT and bool(_FORGOTTEN.search(text))
    if forgotten:
        floor = PERSONAL_FORGOTTEN
    own = _OWN_ACCOUNT.search(text) or (match.intent.fact == "card" and _CHARGED.search(text))
    # (the code to give on the phone, the date it renews: asked by a linked person, they are
    # theirs, "need the support pin for calling in pls", "when does prem renew"; not what an
    # order says of them, "please reinstate it so it renews on the usual date")
    asked_of_it = match.intent.fact in ASKED_OF_IT and not orders(text)
    asked_of_it = asked_of_it and not _ASKS_ABOUT_THE_THING.search(text)
    own = own or forgotten or asked_of_it
    return match.score >= floor and bool(own)


# A personal question this close behind an answer intent is still the asker's own: "What's my
# phone support code?" is near "where is my phone support code" (the article) and "what is our
# phone support code" alike, and the account's own code answers it (with the article beside).
OWN_BEHIND = 0.1


def own_rather(text: str, match: Match | None, ranked: list[Match]) -> Match | None:
    """The personal intent instead of the closest match, when the closest only answers in
    general and the personal one is asked of the asker's own account, nearly as close."""
    # (an action asked about is not run: "on what date does our premium end now that we
    # cancelled it?" is closest to cancelling, and asks the date)
    asked_about = match is not None and match.intent.do == "action" and is_question(text)
    own = best(ranked, "personal")
    if match is None:
        # (nothing close enough to the classifier: the asker's forgotten code still is)
        forgotten = own is not None and _FORGOTTEN.search(text) and asks_own(text, own)
        return own if forgotten else None
    if not (match.intent.do == "answer" or asked_about):
        return match
    if own is not None and own.score >= match.score - OWN_BEHIND and asks_own(text, own):
        return own
    return match


# The plan and when it renews or ends asked together ("what's our current support plan and when
# does it renew?", "where our account stands: plan, renewal, all that"): the status card shows
# both, where a personal answer gives one figure.
# ("when does our plan renew?" asks the date alone)
_PLAN_WORDS = re.compile(
    r"\b(what|which|whats)\b(\W+\w+){0,4}?\W+(plan|tier|level|subscription|package)\b|"
    r"\b(plan|tier)\s*(,|&|\+|and)\s*(renewal|renew|when)\b",
    re.I,
)
_RENEWAL_WORDS = re.compile(r"\b(renew\w*|expir\w*|ends?(?! up)|ending|end date)\b", re.I)
STATUS_FACTS = frozenset({"tier", "renewal_date"})


# ... as they are now: "which tier will our account be on once the term ends?" asks what
# happens after, which an article answers.
_LATER_WORDS = "will|would|once|after"
_LATER = re.compile(rf"\b({_LATER_WORDS})\b", re.I)
# (and a condition: "what tier are we on if we cancel?")
_CONDITION = re.compile(rf"\b({_LATER_WORDS}|if|when)\b", re.I)


def asks_plan_and_renewal(text: str) -> bool:
    plan_and_renewal = _PLAN_WORDS.search(text) and _RENEWAL_WORDS.search(text)
    return bool(plan_and_renewal) and not _LATER.search(text)


# The plan's state asked for in so many words: "status check on our tier", "whats the current
# state of our account?", "where do we stand with support rn", "is our premium still active or
# did it lapse", "check our support tier for me" (not a ticket's or an order's status).
_STATUS = re.compile(
    r"\b(status|state|health)\s+(check|of\s+(our|my|the)\s+(current\s+)?(account|acct|plan|"
    r"subscription|support|tier))\b|\b(account|acct|plan|subscription|tier|support)\s+status\b|"
    r"^\W*(check|pull\s+up|show(\s+me)?|look\s+up)\s+(our|my|the)\s+(current\s+)?(support\s+)?"
    r"(tier|plan|subscription|account|status)\b|"
    # "quick overview of the account pls", "a summary of our account situation"
    r"\b(overview|summary|recap|snapshot|rundown)\s+(of|on)\s+(the|our|my)\s+(support\s+)?"
    r"(account|acct|plan|subscription)\b|"
    # "can you check whether our premium is still active or did the cancellation go through"
    r"\b(check|see|confirm|verify|tell\s+me)\s+(whether|if)\s+(our|my)\s+(\w+\s+){0,2}(is\s+)?"
    r"still\s+(active|on|live|running|renewing|valid)\b|"
    # "can you just pull up what our account shows", "if we are still on that premium thing or
    # if it got cancelled"
    r"\b(pull\s+up|look\s+up|check|show\s+(me|us)|tell\s+(me|us))\s+what\s+(our|my|the)\s+"
    r"(account|acct|plan|subscription)\s+(shows|says|looks\s+like|is\s+on)\b|"
    r"\b(if|whether)\s+(we\s+are|we're|we\s+r)\s+still\s+on\b[^.?!]{0,40}?\bor\s+(if\s+)?(it|that)\s+"
    r"(got|was|has\s+been|is)\s+cancell?ed\b",
    re.I,
)
# ... or asked as a question ("we don't need premium, it's still renewing, please stop it" is
# no question about the state, but an order).
_STATUS_ASKED = re.compile(
    r"\bwhere\s+(do|does)\s+(we|our\s+\w+)\s+stand\b|\bstill\s+(active|renewing)\b|"
    # "show me where our account stands", "where we stand with support", "what does our support
    # setup look like right now?", "an overview of our account", "what we're even signed up for"
    r"\bwhere\s+(we|our\s+(\w+\s+){0,2}?\w+)\s+stands?\b|"
    r"\bwhat\s+(does|do)\s+our\s+(\w+\s+){0,2}?(setup|set-up|plan|subscription|account)\s+look\s+"
    r"like\b|"
    r"\b(overview|summary|rundown|recap|r[ée]sum[ée])\s+of\s+(our|my)\s+(\w+\s+)?(account|plan|"
    r"support|subscription|situation)\b|\b(our|my)\s+account\s+situation\b|"
    r"\bwhat\s+(we'?re|we\s+are|i'?m|i\s+am)\s+(even\s+)?signed\s+up\s+for\b|"
    r"\b(did|has)\s+it\s+lapsed?\b|\blapsed\s+already\b|"
    # "is our premium still on or did that cancel go thru??"
    r"\b(is|are)\s+(our|my)\s+(\w+\s+){0,2}still\s+(on|live|running|valid|in\s+place)\b|"
    # "is our premium active?", "did the renewal get cancelled or is it still on"
    r"^\W*(is|are)\s+(our|my)\s+(\w+\s+){0,2}(active|live|valid)\s*\?|"
    r"\bdid\s+(the|our|my)\s+(renewal|plan|subscription|premium)\s+(get|got)\s+"
    r"(cancell?ed|renewed|stopped)\b|"
    r"\bdid\s+(the|our|my|that|this)\s+(cancel\w*|upgrade|downgrade|change)\s+(go|get)\s+"
    r"(through|thru|processed)\b|"
    r"\bwhat('?s|\s+is)\s+(the\s+)?(situation|story|deal)\s+(on|with|of)\s+(our|my)\s+(account|"
    r"acct|plan|support|subscription)\b|"
    # "premium still or already cancelled?"
    r"\bstill\b[^.?!]{0,20}\bor\b[^.?!]{0,20}\b(cancell?ed|lapsed|ended|expired|stopped)\b",
    re.I,
)
# ... or what the plan is, asked openly of the account as it is now: "what plan are we on rn?",
# "tell me what support tier we have" ("which tier…" and "are we on premium?" ask the tier
# alone; "what tier are we on if we cancel?" asks what happens, which an article answers).
# (the plan asked alone: "what plan are we on with FedEx for shipping rates?" is another's)
_PLAN_ASKED = re.compile(
    r"(\bwhat\s+(\w+\s+)?(plan|tier|level|subscription)\s+(are|r)\s+(we|u)\s+on|"
    r"\bwhat\s+(\w+\s+)?(plan|tier|level)\s+we\s+have|"
    r"\bwhat'?s\s+(our|my)\s+(current\s+)?(support\s+)?(plan|tier|subscription))"
    r"(\s+(right\s+now|rn|now|currently|atm|at\s+the\s+moment|today))?\s*([?.!,;]|$)",
    re.I,
)
# (not a ticket's or an order's status, nor the date it stays active until)
_OTHER_STATUS = re.compile(
    r"\b(tickets?|orders?|case|sync|integrations?|shipments?|refunds?|invoices?|requests?|until|"
    r"till|date)\b",
    re.I,
)


# (asked as a request to be shown: "…, can you check?", "show me where we stand")
_SHOWN = re.compile(r"\b(show|tell|give|check|look\s+up|pull\s+up)\b|\?\s*$", re.I)


def asks_status(text: str) -> bool:
    shown = is_question(text) or _SHOWN.search(text)
    asked = _STATUS.search(text) or (_STATUS_ASKED.search(text) and shown)
    asked = asked or (_PLAN_ASKED.search(text) and not _CONDITION.search(text))
    return bool(asked) and not _OTHER_STATUS.search(text)


# The account's own date or tier asked in so many words, however far from the examples: "the
# exact date our support contract runs out", "which day our support contract is finishing",
# "what support level does our account have at the moment?".
_OWN_FACT = {
    "renewal_date": re.compile(
        r"\b(date|day)\b[^.?!]{0,30}\b(our|my)\s+(\w+\s+){0,2}(contract|plan|subscription|"
        r"support)\s+(next\s+)?(runs?\s+out|ends?|expires?|finish\w*|is\s+(ending|finishing)|"
        r"renews?|lapses?|(is\s+)?(due|set|scheduled)\s+to\s+(renew|expire|end))\b|"
        # "when does our premium renew again?" (a tier's name or any plan's word before it)
        # (asked in a run-on too: "…so I can't log in right now when does my premium renew")
        r"\bwhen\s+(does|will)\s+(our|my)\s+(\w+\s+){1,2}renew\b|"
        r"\b(renewal|expiry|expiration|end)\s+date\s+(of|for|on)\s+(our|my)\b|"
        r"^\W*(\w+\W+){0,3}?when\s+(does|will|is|do)\s+(our|my)\s+(\w+\s+){0,2}(contract|"
        r"plan|subscription|support)\s+(run\s+out|end|expire|finish|renew|lapse)\b|"
        # "what day do we get charged again for the yearly support membership", "when will we
        # be billed next"; "what's the last day we still have phone support", "our last day of
        # premium"
        r"^\W*(\w+\W+){0,3}?(when|what\s+(day|date))\s+(do|will)\s+(we|i)\s+(get\s+|be\s+)?"
        r"(charged|billed|invoiced)\s+(again|next)\b|"
        r"\b(last|final)\s+day\s+(of\s+(our|my)\b|(that\s+)?we\s+(still\s+)?have\b)",
        re.I,
    ),
    # "may I know if our account is on premium support or on free one?"
    "tier": re.compile(
        r"\b(if|whether)\s+(we\s+are|we're|our\s+(account|acct|company|plan|subscription)\s+is)\s+"
        r"on\s+(the\s+)?\w+(\s+\w+)?\s+or\b|"
        r"\b(what|which)\s+(\w+\s+)?(plan|tier|(level|kind|type|tier)\s+of\s+support|level)\s+"
        r"(do|does|is|are)\s+(we|our\s+account|"
        r"(this|the)\s+(\w+'s\s+)?account)\s+(currently\s+)?(have(?!\s+to)|has|on|"
        r"subscribed\s+to|signed\s+up\s+(for|to))\b",
        re.I,
    ),
    # "which card is registered on our account for the support payment?"
    "card": re.compile(
        r"\b(which|what)\s+(credit\s+)?card\s+(is|do\s+we\s+have|are\s+we\s+using)\s+(registered|"
        r"saved|stored|linked|attached|set\s+up)\b|\bcard\s+(registered|saved|stored|linked|attached)"
        r"\s+(on|to|with|for)\s+(our|my)\b",
        re.I,
    ),
}
# (what the account would have or be after something is no fact of it now: "what plan will we
# be on if we cancel?", "what happens when our contract ends?")
# (a change told as done is no such condition: "I cancelled premium a while ago … what's the last
# day we still have phone support?")
_AFTER_A_CHANGE = re.compile(
    r"\b(if|once|after|what\s+happens|lose|cancel(?!l?ed\b)\w*|upgrad(?!ed\b)\w*)\b", re.I
)
_LATER_TIER = re.compile(r"\b(will|would)\b", re.I)


# "may I know if our account is on premium": an "if" that asks whether, no condition.
_ASKS_WHETHER = re.compile(r"\b(know|tell\s+(me|us)|check|see|confirm|wonder\w*)\s+if\b", re.I)


def _own_fact_asked(text: str) -> str | None:
    if _AFTER_A_CHANGE.search(_ASKS_WHETHER.sub(r"\1 whether", text)):
        return None
    fact = next((fact for fact, asked in _OWN_FACT.items() if asked.search(text)), None)
    return None if fact == "tier" and _LATER_TIER.search(text) else fact


def personal_reading(text: str, match: Match | None) -> Understood | None:
    """A question about the asker's own account: its answer is the account's own figure
    (the engine adds the article when one answers it too); the plan's state asked for, or
    the plan and its renewal together, get the status card."""
    score = match.score if match else 0.0
    if asks_status(text):
        return _status_card(score)
    fact = _own_fact_asked(text)
    if fact == "tier" and asks_plan_and_renewal(text):  # ("which plan do we have + renewal?")
        return _status_card(score)
    # (however unsure the closest personal intent: "wait which tier are we on lol the free one
    # or the paid one" asks it in so many words)
    if fact is not None:
        return Understood(Decision("personal", fact, confidence=score))
    if match is None or not asks_own(text, match):
        return None
    fact, name = match.intent.fact, match.intent.name
    if fact in STATUS_FACTS and asks_plan_and_renewal(text):
        return _status_card(match.score, name)
    return Understood(Decision("personal", fact, intent=name, confidence=match.score))


def _status_card(confidence: float, intent: str | None = None) -> Understood:
    decision = Decision("action", "status", intent=intent, confidence=confidence)
    return Understood(decision, Command("status", from_words=True))


# A question of its own for one of the account's figures ("when's the renewal date on our
# account? I'd like to plan the card payment around it").
_ASKS_OWN = re.compile(
    r"(?:^|[.!?]\s+)(?:what|when|where|which|who|how)\b[^.!?]{0,120}?\b(?:renew\w*|date|tier|"
    r"plan|level|code|pin|card|expir\w*|end)\b[^.!?]{0,120}\?",
    re.I,
)


def asks_own_figure(text: str) -> bool:
    """Whether a sentence asks with a wh-word for a figure of the account: the figure is what is
    asked, however much the rest sounds like an order (the learned odds, understand.py, leave
    such a message to the personal reading)."""
    return bool(_ASKS_OWN.search(text))
