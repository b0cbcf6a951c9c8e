"""Whether a message asks for a person in so many words ("can i talk to someone in sales",
"i need a real human", "can someone from support check it"), and whether it names sales. Which
team takes it, the handoff intents say; the understanding decides whether the words outweigh
an answer."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.conversation.asides import pieces
from bot.conversation.intents import Match
from bot.conversation.problem_reports import is_problem_report
from bot.knowledge.other_names import other_name

# A call for a person in so many words ("can i talk to someone in sales about…", "i'd like a
# salesperson to reach out", "i need a real human on the support team"): a person, whatever else
# the message is close to; which team, the handoff intents say.
_CALLS_FOR_PERSON = re.compile(
    # ("chat with sales" may ask for the sales chat the articles name; "chat to a human" asks)
    r"\bchat\s+(to|with)\s+(someone|somebody|anyone|an? (real |actual )?(person|human|rep|"
    r"agent|salesperson))|"
    r"\b(talk|speak)\s+((it|this|that)\s+(through|over)\s+)?(to|with)\s+(someone|somebody|"
    r"anyone|an? (real |actual )?(person|human|rep|agent|salesperson)|(your |the |a )?"
    r"(sales|support)\w*)|"
    r"\b(have|get|can|could|would|need|want|like|please|let)\s+(a |an |your |the )?"
    r"(someone|somebody|salesperson|sales ?rep|sales team|account manager|rep)\b[^.?!]{0,30}"
    r"\b((reach out|get in touch)( to| with)?( me| us)?|"
    r"(call|contact|email|get back to) (me|us))\b|"
    # "i need a real human", "can i get a real support person?"
    r"\b(need|want|get me|(can|could) (i|we) (get|have)|(can|could|would) (you|u) (get|find) "
    r"(me |us )?) ?(a|an) (real |actual |live )?"
    r"((support|sales) )?(human|person|agent)\b|"
    # "can someone from sales give us a bundle price", "have sales reach out to me", "a quote
    # from sales", "is there someone in sales i can speak with"
    r"\b(can|could|would|will|please|pls|plz|have|get|need|want|like|let|is there)\s+"
    r"((me|us)\s+)?(someone|somebody|anyone|a person|a rep)\s+(from|in|on)\s+(the\s+|your\s+)?"
    r"sales\b|"
    r"\b(have|get|let|please|pls|plz|can|could|would|want|need|like)\s+(your\s+|the\s+)?"
    r"sales( team| dept| department)?\s+(reach out|call|contact|email|get in touch|get back)\b|"
    r"\b(quote|price|pricing|deal|offer) from (your |the )?sales\b|"
    # "…1199 is steep, who can i talk to", "please escalate this to your support team"
    r"\bwho\s+((in|from|on)\s+(your\s+|the\s+)?(sales|support)(\s+team)?\s+)?(can|could|should|"
    r"do)\s+(i|we)\s+(talk|speak)\s+(to|with)\b|"
    # "Who in sales can I work with on that?"
    r"\bwho\s+(in|from|on)\s+(your\s+|the\s+)?(sales|support)(\s+team)?\s+(can|could|should|"
    r"do)\s+(i|we)\s+(work|deal|chat|coordinate|contact|reach|call|email)\b|"
    # "please pass me to someone in support", "transfer me to your sales team"
    # ("please pass this to someone who can reissue it")
    r"\b(pass|transfer|hand|forward|route|put|get|send|take)\s+(me|us|this|it|that|my\s+request|"
    r"this\s+request|the\s+request)\s+(on\s+|along\s+|over\s+|through\s+|off\s+)?to\s+(someone|"
    r"somebody|a\s+(real\s+)?(person|human|rep|agent)|(your\s+|the\s+)?(support|sales|team)\b)|"
    # "put me in touch with a sales person please", "connect us with your support team"
    r"\b(put|get)\s+(me|us)\s+in\s+touch\s+with\b|"
    # "Please put me with a person from your team" (as some first languages say it)
    r"\b(put|connect)\s+(me|us)\s+(through\s+)?with\s+(a\s+|an\s+)?(person|human|someone|"
    r"somebody|agent|rep)\b|\bconnect\s+(me|us)\s+(with|to)\s+"
    r"(someone|somebody|a\s+|an\s+|your\s+|the\s+)?(\w+\s+)?(sales|support|person|human|rep|"
    r"agent|team)\b|"
    # "can your support team take a look?", "could someone on your team look into it"
    r"\b(can|could|would|will|please|pls)\s+(have\s+)?(your|the|a)\s+(support|tech|technical)\s+"
    r"(team|person|engineer|people|folks|rep|agent)s?\s+(take a look|look into|look at|check|"
    r"investigate)\b|"
    # "is there a person I can negotiate that with?", "anyone over there i can talk to?"
    r"\b(a\s+person|someone|somebody|anyone|anybody)\s+((over\s+)?there\s+|on\s+your\s+(end|side)"
    r"\s+)?(i|we)\s+(can|could)\s+(negotiate|talk|speak|discuss)\b|"
    # "can we negociate with someone?"
    r"\b(negotiat\w*|negoci\w*)\s+(it\s+|this\s+|that\s+)?with\s+(someone|somebody|anyone|"
    r"a\s+person|a\s+human|(your\s+|the\s+)?sales)\b|"
    # "need someone to look at this NOW", "…who can help me with this?"
    r"\b(need|want|get)\s+(someone|somebody|a person|a human|an engineer)\s+to\s+(look|check|"
    r"help|fix|investigate)\b|\bwho\s+(can|could)\s+help\s+(me|us)\s+with\s+(this|that|it)\b|"
    r"\bescalate\b(\s+\w+){0,3}?\s+to\s+(your\s+|the\s+|a\s+)?(support|team|someone|somebody|"
    r"human|person|engineer|manager|tier)|"
    # "I would like a call with one of your sales reps", "can a support person look at it?"
    r"\b(like|want|need|schedule|book|arrange|set up|get|have|get on|hop on|jump on)\s+a\s+"
    r"(call|meeting|chat)\s+with\s+(one of\s+)?(your|a|an|the|someone|somebody|sales|support)\b|"
    r"\b(can|could|would|will|please)\s+(a|an|some)\s+(real\s+|actual\s+|live\s+)?(human|person|"
    r"agent)\s+(from|in|on)\s+(your\s+|the\s+)?(support|sales)\b|"
    # "need a quote for premium for procurement", "a formal quote" (not the bot's own upgrade
    # quote asked again)
    r"\b(need|want|like|get|send|request)\s+(me\s+|us\s+)?(a|an)\s+(formal|official|written|"
    r"custom)\s+quote\b|\bquote\b[^.?!]{0,30}\bfor\s+(our\s+)?(procurement|purchasing|finance|"
    r"accounting|legal)\b|"
    r"\b(can|could|would|will)\s+(a|an|one of your|someone from)\s+(your\s+)?(support|sales)"
    r"\s*(person|rep|agent|engineer|human|specialist|people|team)s?\b|"
    # "…, have them call me", "i'd rather someone from sales talk to me about options first"
    r"\bhave\s+(them|him|her)\s+(call|contact|email|ring|reach\s+out\s+to|get\s+in\s+touch\s+with)\s+"
    r"(me|us)\b|\b(rather|prefer)\s+(someone|somebody|a\s+person|a\s+human)\s+(from|in|on)\s+"
    r"(your\s+|the\s+)?(sales|support)(\s+team)?\s+(talk|speak|call|reach|contact|get\s+back)\b",
    re.I,
)
# ... unless the words say they don't ("i don't need to talk to anyone, cancel premium").
_NO_PERSON = re.compile(
    r"\b(don'?t|do not|no need to|not|never|without)\s+(\w+\s+){0,2}?(need|want|talk|speak)\b"
    # (not a bot or an article: "I don't want a help article and I don't want a bot. Please hand
    # me off to someone on your support team")
    r"(?!\s+(an?\s+|the\s+|your\s+|more\s+)?(help\s+)?(bot|articles?|links?|docs?|faqs?|"
    r"canned|automated)\b)"
    # (nor a change or a price: "i don't want an upgrade, a discount or a link. i want a person.")
    r"(?!\s+(an?\s+|the\s+|to\s+|any\s+)?(upgrad\w*|downgrad\w*|discounts?|refunds?|quotes?|"
    r"premium|cancel\w*|pay\w*)\b)",
    re.I,
)
_WANTS_TO_KNOW = re.compile(
    # ("is there someone in sales i can speak with" asks for the person, not whether one exists)
    r"^\W*(how|what|whats|what's|when|where|which|why|who(?! (can|could|should|do) (i|we) "
    r"(talk|speak))(?! (can|could) help (me|us) with (this|that|it))"
    r"(?! (in|from|on) (your |the )?(sales|support)( team)? (can|could|should|do) (i|we) \w+)|"
    r"is there(?! (someone|somebody|anyone|a person)\b)|are there|did|does|has|"
    r"have(?! (them|him|her|someone|somebody)\b)|do (you|u) (have|offer))\b",
    re.I,
)
# (a price to be worked on and a person asked for: "…is steep for a shop our size. any room to
# work on that number? who do I talk to")
_BARGAINING = (
    r"quote|deal|discount|bundle\w*|volume|negotiat\w*|negoci\w*|multi-?year|"
    # "is there any flexibility on price?", "any wiggle room on the cost"
    r"(flexib\w*|wiggle\s+room|room)\s+(on|with|in)\s+(the\s+|your\s+)?(price|pricing|cost|rate)s?|"
    r"(better|lower|best) (price|rate|number)|work on (that|the|this) (number|price)|"
    # terms to be agreed: "a custom contract, our legal team has redlines"
    r"custom (contract|terms|agreement)s?|redlines?|redlined"
)
_BARGAIN = re.compile(rf"\b({_BARGAINING})\b", re.I)
# (and a person asked for about pricing: "i want to talk to a human about pricing")
_SALES_WORDS = re.compile(rf"\b(sales\w*|{_BARGAINING}|about\s+(the\s+|your\s+)?pricing)\b", re.I)
_SUPPORT_PERSON = re.compile(
    r"\b(support|tech|technical)\s+(person|human|agent|engineer|rep|team|people|specialist)s?\b|"
    r"\b(from|in|on)\s+(your\s+|the\s+)?support\b",
    re.I,
)
# The customer's own sales, not the vendor's sales team: "we're losing sales", "our sales".
_OWN_SALES = re.compile(
    r"\b(?:losing|lost|lose|loses|our|my|more|missed|missing|costing\s+us|cost\s+us|"
    r"hurting|hurts|killing|drop\s+in|daily|weekly|holiday|q[1-4])\s+sales\b"
    r"(?!\s*(?:rep|person|team|guy|contact|manager|people|folks|dept|department)s?\b)",
    re.I,
)
# What the asker says they don't want, to its clause's end: "i don't want an upgrade, a
# discount or a link. i want a person." asks for support's person, not sales' (not past an ask
# after a comma: "we don't need premium, can we get a discount?").
_REFUSED = re.compile(
    r"\b(?:don'?t|do\s+not|never|not)\s+(?:really\s+)?(?:want|need|care\s+about)\b[^.!?;]*?"
    r"(?=[.!?;]|,\s*(?:can|could|would|will|please|pls|but|so|just|is|are|do)\b|$)",
    re.I,
)
_NOT_THIS = re.compile(r"\bnot\s+(a\s+|an\s+|the\s+|some(one|body)\s+(from|in)\s+)?$", re.I)
_SALES_PERSON = re.compile(
    r"\bsales\s*(person|people|rep|team|dept|department|guy|folks|manager)s?\b|"
    r"\b(from|in|on)\s+(your\s+|the\s+)?sales\b",
    re.I,
)
# "can someone from support check it", "could somebody on your team look at this": a person
# asked for however far the message is from the handoff examples; "can someone from support
# tell me how to cancel?" asks to be told, which an article may do.
_SOMEONE_FROM_SUPPORT = re.compile(
    r"\b(can|could|would|will|please|pls|plz|need|want|get)\s+((get|have)\s+)?((me|us)\s+)?"
    r"(someone|somebody|anyone|a person|a human)\s+(from|in|on|at)\s+(the\s+|your\s+)?"
    r"(support|team)\b"
    r"(?!\s+(tell|explain|let (me|us) know|confirm|clarify|advise|answer)\b)",
    re.I,
)


def calls_for_person(text: str) -> bool:
    """A person asked for in so many words, with no clause asking how or what ("is there a
    number to call? i need a human" is answered by the article that says how)."""
    called = _CALLS_FOR_PERSON.search(text) or _SOMEONE_FROM_SUPPORT.search(text)
    if not called or _NO_PERSON.search(text):
        return False
    # (a price to bargain over is sales', asked or not: "is there any volume pricing? would
    # rather talk it through with someone in sales"; "is there a sales chat?" the articles say)
    bargains = _BARGAIN.search(text)
    return bool(bargains) or not any(_WANTS_TO_KNOW.match(piece) for piece in pieces(text))


def asks_someone_from_support(text: str) -> bool:
    """ "can someone from support check it": support's person, however far from the examples
    (of a message that `calls_for_person` already, as the understanding reads it)."""
    return bool(_SOMEONE_FROM_SUPPORT.search(text))


def team_named(text: str) -> str | None:
    """The team the words call for by name: "sales" ("someone in sales", "a quote"), "support"
    ("somebody from support contact me"), or None."""
    if names_sales(text):
        return "sales"
    return "support" if _SUPPORT_PERSON.search(text) else None


def names_sales(text: str) -> bool:
    """Whether the words point at sales ("a quote", "someone in sales"), unless they ask for
    support's people by name ("can i get a real support person? … we're losing sales") and not
    sales' ("a discount on support? put me in touch with a sales person")."""
    if not _SALES_WORDS.search(_REFUSED.sub(" ", _OWN_SALES.sub(" ", text))):
        return False  # ("help, we're losing sales": the customer's own sales)
    # ("I need a support person, not a sales person": the one asked for is support's)
    sales_asked = any(
        not _NOT_THIS.search(text[max(0, m.start() - 20) : m.start()])
        for m in _SALES_PERSON.finditer(text)
    )
    return not _SUPPORT_PERSON.search(text) or sales_asked


# A price to be made for the customer: a discount, volume or multi-year pricing, an account
# manager (not "no discount needed", "without a discount").
_DEAL = re.compile(
    r"\b(discounts?(?!\s+codes?)|(volume|bulk|multi-?\s?years?|non-?profit|education(al)?|special|"
    r"custom)\s+(pric\w*|deals?|discounts?|rates?|quotes?|agreements?)|negotiat(e|ing|ion)|"
    r"negoci\w*|"
    # (not "our account manager said premium includes phone support": someone's words told)
    # (nor the asker's own role: "As account manager for our client…")
    r"(?<!\bas\s)(?<!\bas\san\s)(?<!\bas\sthe\s)(?<!\bi'm\s)(?<!\bi'm\sthe\s)(?<!\bi\sam\sthe\s)"
    r"account\s+manager(?!\s+(said|says|told|tells|mentioned|asked|wrote)))\b",
    re.I,
)
_NO_DEAL = re.compile(r"\b(no|not|without|don'?t\s+(need|want))\s+(a\s+|an\s+|any\s+)?$", re.I)


def asks_for_a_deal(text: str, answer_text: str, settings: Settings) -> bool:
    """Whether the message asks for a price made for the customer, which is sales' to offer
    ("any discount if we buy premium for all 4 brands?", "connect me to an account manager
    about multi-year pricing"), when the article that would answer says nothing of it (and the
    message names no tier the vendor has not got, which the reply about the tiers there are
    answers: "sign us up for the enterprise plan with a dedicated account manager")."""
    asked = any(
        not _NO_DEAL.search(text[max(0, m.start() - 25) : m.start()]) for m in _DEAL.finditer(text)
    )
    return asked and not _DEAL.search(answer_text) and other_name(text, settings) is None


# How close the handoff intent must be when the message calls for a person in so many words.
CALLED_FOR = 0.3


def person_called(text: str, ranked: list[Match]) -> Match | None:
    """The handoff a person asked for in so many words goes to, from the team the words or the
    intents name; None when none is asked for (a question about how to reach one, "how do i
    talk to sales?", keeps its article)."""
    if not calls_for_person(text):
        return None
    handoffs, team = [m for m in ranked if m.intent.do == "handoff"], team_named(text)
    named = [m for m in handoffs if team and m.intent.team == team]
    # "sales rep" names the team; "someone from support" or a bug asks support's, however far.
    close = [m for m in handoffs if m.score >= CALLED_FOR]
    support = [m for m in handoffs if m.intent.team == "support"]
    problem = asks_someone_from_support(text) or is_problem_report(text)  # ("…about a bug?")
    if _SALES_WORDS.search(text) and not names_sales(text):  # ("…don't want a discount")
        close = [m for m in close if m.intent.team != "sales"] or support
    found = named or close or (support if problem else [])
    return found[0] if found else None
