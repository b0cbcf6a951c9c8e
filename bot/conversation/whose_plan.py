"""Whether a change asked for is of someone else's plan: "My friend's company also uses you and
they want to cancel their premium. Can you do it from here for them?". The bot changes only the
asker's own account (the billing service checks the link on every call); a request about another
company's plan is answered, never run on ours."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.conversation.records import recorded_only, topic_only
from bot.conversation.reported_speech import asked_of_colleague, quote_disowned
from bot.conversation.talked_about import only_talked_about
from bot.conversation.undo import with_paid
from bot.conversation.unmarked_questions import asked_unmarked

# Another company named (a friend's, a sister company's), and the plan said to be theirs: "they
# want to cancel their premium", "can you move them over too?". (A friend who recommended premium,
# or a plan called a client's, may well be of this account: an agency's admin runs its client's
# account, "Acting on behalf of our client: they've asked us to end their premium support plan".)
_OTHER_PARTY = re.compile(
    r"\b(?:friend|friends|friend's|sister\s+(?:company|companies|brands?|stores?)|other\s+company|"
    r"another\s+(?:company|business)|different\s+(?:account|company)|"
    # family whose shop is theirs ("my cousin's bakery uses you too"; not "my husband and i run
    # this shop"), a company the asker has left ("my old employer's account"; not "at my previous
    # company we had premium")
    r"(?:cousin|brother|sister|uncle|aunt|mom|mum|dad|father|mother|wife|husband|neighbou?r|"
    r"brother-in-law|sister-in-law)'s|(?:old|former|previous|last)\s+(?:employer|company|job)'s|"
    # a head office's own plan ("could you cancel the head office's premium plan?")
    r"head\s+office|parent\s+company)(?!\w)",
    re.I,
)
# (PAID: the vendor's paid tiers' names, undo.paid_alternation; "their premium")
_THEIRS = (
    r"\b(?:their|his|her)[*_]*\s+(?:own\s+)?(?:PAID|plan|subscription|tier|renewal|account|"
    r"support|contract)\b|\b(?:for|to|move|upgrade|switch|cancel)\s+them\b|"
    r"\b(?:employer|company|job|office)'s\s+(?:PAID|plan|subscription|account)\b"
)

# Said outright: "they're a separate business from us". (Not "our Denver warehouse has its own
# account now, so please cancel premium on this one".)
_NOT_OURS = re.compile(
    r"\b(?:not|isn'?t|is\s+not)\s+ours\b|"
    # another account of the asker's, which this conversation's account is not: "cancel premium
    # on our OTHER account (acme-west), not this one"
    # (in the change's own clause: not "we have premium on the other workspace already, so please
    # cancel it on this one")
    r"\b(?:cancel|upgrade|resume|renew|reactivate|downgrade|give|grant|add|remove|revoke)\w*\s+"
    r"(?:[\w<@>'-]+\s+){0,5}?(?:on|for|of|"
    r"in)\s+(?:our|my|the)\s+(?:other|second|sister|2nd)\s+(?:account|acct|workspace|store|shop|"
    r"company|team)\b|\bnot\s+(?:on\s+|for\s+|in\s+)?this\s+(?:\w+\s+)?(?:one|account|acct)\b|"
    # ("Remove billing access for <@X> in Shopify (not here).", "…, this US one stays", "…, not
    # the company one", "Not Integration Manager.")
    r"\(not\s+here\b|\bnot\s+here\s*[.)!]|\bthis\s+\w+\s+one\s+stays\b|"
    r"\bnot\s+the\s+(?:company|main|business|work)\s+one\b|"
    # (not "we're a separate business unit from head office", "we have a separate account for
    # our amazon store": the asker's own)
    r"\b(?:they'?re|they\s+are|it'?s|it\s+is|that'?s|that\s+is)\s+an?\s+separate\s+"
    r"(?:business|company|account|entity)\b(?!\s+unit)",
    re.I,
)
# The plan changes whose owner matters (access changes name their colleague themselves).
OWNED_CHANGES = frozenset({"upgrade", "cancel", "resume", "downgrade"})
_TALK_READ = 4_000
ACCESS_CHANGES = frozenset({"grant", "revoke"})
_NOT_BILLING = re.compile(r"(?<!just )\bnot\s+(?:the\s+)?billing\b", re.I)


def not_the_askers(
    action: str, text: str, own: frozenset[str], paid: tuple[str, ...], said: str = ""
) -> bool:
    """Whether the change `action` the message's words ask is not the asker's to ask of this
    account: a friend's company's plan or a colleague asked of ours, Shopify's, access the
    message says is not billing's ("…lost access to the Orders page again. not billing, …"), an
    order quoted and disowned ("> cancel premium\nthis was NOT sent by me"), only recorded
    (records.py), talked about (talked_about.py) or asked about (unmarked_questions.py).
    (`said`: the message as written, its lines and quotes as the asker wrote them.)"""
    if anothers_plan(action, text, paid) or anothers_product(action, text, own, paid):
        return True
    if action in ACCESS_CHANGES and _NOT_BILLING.search(text):
        return True
    # (or a record copied to the bot: "Decision log:\n- cancel premium: NO")
    changes = action in OWNED_CHANGES or action in ACCESS_CHANGES
    return changes and (
        quote_disowned(text)
        or recorded_only(text, paid)
        or topic_only(text, paid)
        # (read in a message's first 4,000 characters: a talk or a question is said there)
        or only_talked_about(text[:_TALK_READ], (said or text)[:_TALK_READ])
        or asked_unmarked(text[:_TALK_READ], own)  # ("upgrade = phone support right")
    )


def anothers_plan(action: str, text: str, paid: tuple[str, ...]) -> bool:
    """Whether `text` asks `action` of a plan it says is another company's or person's, or asks
    it of a colleague rather than the bot ("<@U0SUE> can you resume the premium plan from your
    side?"; a change of access names its colleague first: "<@X> pls give billing access")."""
    theirs = _OTHER_PARTY.search(text) and with_paid(_THEIRS, paid).search(text)
    asked_elsewhere = _NOT_OURS.search(text) or asked_of_colleague(text)
    if action in ACCESS_CHANGES:  # ("Give <@X> billing access on our other account, not this one")
        return bool(_NOT_OURS.search(text))
    return action in OWNED_CHANGES and bool(theirs or asked_elsewhere)


# What another company's product is sold by ("our Shopify plan", "the FedEx account", "our
# NetSuite license"): a name before a plan's noun. A name is written with a capital inside a
# sentence, or is one of the platforms, carriers and business tools customers of B2B software
# name in lower case as often as not. (Possessive runs: one pass over "ab____…cd".)
_SOLD_BY = (
    r"(?:plans?|stores?|shops?|accounts?|licen[cs]es?|subscriptions?|contracts?|tiers?|listings?|"
    r"connections?|instances?)"
)
_NAME_BEFORE_THING = re.compile(
    rf"(?<![.!?]\s)(?<!^)\b([A-Za-z][A-Za-z0-9&-]*+)[*_~]*+\s+{_SOLD_BY}\b"
)
# The change's own object: that thing ("cancel our Shopify subscription", "upgrade the Zendesk
# plan"), or "it"/"that" after a sentence that named it ("Our Shopify store is on Basic. Can you
# upgrade it to Advanced?", "…can you turn that off?").
_CHANGE_VERB = (
    r"\b(?:upgrad\w*|cancel\w*|renew\w*|resum\w*|reactivat\w*|downgrad\w*|(?:turn|switch|shut)"
    r"(?:ing)?\s+off|stop\w*)"
)
_OF_THING = re.compile(
    _CHANGE_VERB + r"\s+(?:(?:the|our|my|their|your)\s+)?"
    r"(?P<object>(?:[A-Za-z][A-Za-z0-9&-]*+[*_~]*+\s+){1,3}?)" + _SOLD_BY + r"\b",
    re.I,
)
_OF_IT = re.compile(
    _CHANGE_VERB + r"\s+(?:it|that|them|this)\b|(?:turn|switch|shut)\s+(?:it|that|this)\s+off\b",
    re.I,
)
_OFTEN_LOWER = frozenset(
    """shopify amazon ebay etsy walmart woocommerce bigcommerce magento wix squarespace fedex ups
    usps dhl shipstation shippo easypost netsuite quickbooks xero zendesk hubspot salesforce
    freshdesk intercom klaviyo mailchimp stripe paypal aws azure heroku""".split()
)
# Capitalised words that name no other company: the start of a phrase, a kind, our own words.
_NO_COMPANY = frozenset(
    """our the my your their this that his her its a an each every one two new old current main
    other second first whole entire annual yearly monthly paid free trial support billing phone
    email sales customer company team business premium standard basic pro plus i we you it
    prem tier plan""".split()
)
# The other company's tier, not ours: "can you upgrade it to their paid tier?"
_THEIR_TIER = re.compile(r"\btheir\s+(?:\w+\s+)?(?:tier|plan|level|package)\b", re.I)


_OWN_COMPANY = frozenset("corp inc llc ltd co gmbh".split())


def _anothers(found: re.Match[str], company: Callable[[str], bool]) -> bool:
    words = [word.strip("*_~.,").lower() for word in found.group("object").split()]
    return not _OWN_COMPANY & set(words) and any(company(w) for w in found.group("object").split())


def no_company_words(ours: tuple[str, ...]) -> frozenset[str]:
    """The words (lower case) that name no other company: our product's and vendor's names and
    account kinds (`ours`), word by word and as initials ("IM"), and the generic ones. Made once
    per vendor, not per message."""
    own = {word.lower() for name in ours for word in name.split()}
    own |= {"".join(w[0] for w in name.lower().split()[-2:]) for name in ours if " " in name}
    return frozenset(own | _NO_COMPANY)


def anothers_product(action: str, text: str, own: frozenset[str], paid: tuple[str, ...]) -> bool:
    """Whether `text` asks `action` of another company's product: the change's object is one
    ("cancel our Shopify subscription"), or "it" after a sentence that named one ("Our Shopify
    store is on Basic. Can you upgrade it to Advanced?"), and no paid tier of ours is named
    outside "their …" (`own`: no_company_words of our names; `paid`: our paid tiers' names).
    Named beside the order, a store is only the customer's own ("please upgrade us, we run 3
    Shopify stores")."""
    if action in ACCESS_CHANGES:
        return _access_elsewhere(text, own)
    if action not in OWNED_CHANGES:
        return False

    def company(word: str) -> bool:
        lowered = word.lower()
        return lowered not in own and (word[0].isupper() or lowered in _OFTEN_LOWER)

    # (the object's own words, "Shopify Plus", "Klaviyo premium", are the other company's; "the
    # Acme Corp subscription" is the customer's own company's)
    objects = [found for found in _OF_THING.finditer(text) if _anothers(found, company)]
    named = any(company(found.group(1)) for found in _NAME_BEFORE_THING.finditer(text))
    if not (objects or (named and _OF_IT.search(text))):
        return False
    for found in reversed(objects):
        text = text[: found.start()] + " " + text[found.end() :]
    plain = _THEIR_TIER.sub(" ", text.lower())
    return not any(re.search(rf"\b{re.escape(name)}\b", plain) for name in paid)


# Billing access in another company's product: "Give <@X> billing access in our Shopify admin",
# "Revoke <@X>'s billing access in Shopify Payments." (a platform customers name, or a name
# before the product's page).
_IN_PRODUCT = re.compile(
    r"\b(?:in|on|inside|within)\s+(?:our\s+|the\s+|my\s+)?(?P<name>[A-Za-z][\w&-]*)"
    r"(?P<page>\s+(?:admin|payments|dashboard|portal|app|settings|backend|account))?\b"
)


def _access_elsewhere(text: str, own: frozenset[str]) -> bool:
    for found in _IN_PRODUCT.finditer(text):
        name = found.group("name")
        lowered = name.lower()
        if lowered in own or lowered in _NO_COMPANY:
            continue
        if lowered in _OFTEN_LOWER or (found.group("page") and name[0].isupper()):
            return True
    return False
