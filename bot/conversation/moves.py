"""What a request amounts to, once its words are read whole: the free tier as the target or the
paid tier left is a cancellation, undoing a cancellation is resuming, a tier's name that only
says where something else goes ("switch the shipping method to standard") asks nothing of the
plan; access is taken or given back as the words say, whatever example it resembles; and a
request in someone else's quoted words, or an accident to undo, is not the asker's."""

from __future__ import annotations

import re

from bot.config import Settings
from bot.conversation.access_changes import (
    access_denied,
    access_kept,
    access_only_told,
    access_wanted_back,
    asks_for_access,
)
from bot.conversation.order_words import PLAN_NOUN
from bot.conversation.reported_speech import only_quoted, undoes_what_was_done
from bot.conversation.signals import names_action, to_free
from bot.conversation.tiers import (
    already_has,
    leaves_paid_tier,
    name_patterns,
    paid_names,
    stays_on,
    target_tier,
    tier_for,
    tier_named_in,
    tiers_named,
    words_before_names,
)
from bot.conversation.undo_orders import asks_to_undo
from bot.knowledge.other_names import other_tier_ordered

# Actions that change the plan, which another thing's move may be mistaken for.
PLAN_CHANGES = frozenset({"upgrade", "downgrade", "cancel"})
ACCESS = frozenset({"grant", "revoke"})
# ("I accidentally clicked cancel… can you undo?": the accident was a cancellation)
_CANCEL_WORD = re.compile(r"\bcancel", re.I)
# What is cancelled is an order, a ticket, a meeting…, not the plan: "cancel the order", "the
# order got cancelled by shopify, can you restore it?". (A store or an integration is named only
# as what got cancelled: "cancel premium for store 2" and "cancel our Integration Manager
# premium" cancel the plan.)
_OTHER_THINGS = (
    r"order|orders|shipment|shipments|shipping|delivery|po|invoice|invoices|label|labels|ticket|"
    r"tickets|meeting|"
    r"call|demo|sync|return|returns|refund|job|carrier|connection|export|import|registration|"
    r"registrations|webinar|webinars|booking|bookings|reservation|appointment|add-on|addon"
)
_CANCELS_OTHER = re.compile(
    r"\bcancel\w*\s+((the|this|that|my|our|their|your|an?)\s+)?((?!and\b|or\b|then\b|for\b)\w+\s+){0,3}?"
    rf"(?:{_OTHER_THINGS})\b|"
    # "cancelled subscriptions still create orders": the store's subscriptions, not the plan;
    # "resume our subscription to your newsletter"
    r"\bcancell?ed\s+(\w+\s+)?subscriptions\b|"
    r"\b(subscription|subscribed)\s+to\s+(your\s+|the\s+|our\s+)?(newsletter|mailing list|"
    r"e-?mails?|updates|blog|webinars?)\b|"
    rf"\b(?:{_OTHER_THINGS}|integration|store|invite|invitation|webhook|user)"
    r"(\s+#?\d[\w-]*)?\s+((got|was|were|has been|have been|is|are)\s+)((\w+)\s+)?cancell?ed\b",
    re.I,
)
# What is restored is a code, a login or data, not the plan.
_RESTORES_OTHER = re.compile(
    r"\b(?:restore|reset|recover|retrieve)\s+(?:\w+\s+){0,3}?(?:codes?|pin|password|login|data|"
    r"settings|orders?|mappings?|connections?|history)\b|"
    # "The sync job stopped too - resume it please"
    r"\b(?:sync|jobs?|imports?|exports?|feeds?|integrations?|orders?)\b[^.?!]{0,60}?\b(?:resume|"
    r"restart)\s+(?:it|that|them)\b|"
    # money to be given back: "…the $399 still went through - can you put it back on our card?"
    r"(?:\$|\bcharg\w*|\bpaid\b|\bpayments?\b|\brefund\w*|\bmoney\b|went through)[^.?!]{0,80}?"
    r"\b(?:put|get|give|send)\s+(?:it|that|them)\s+back\b",
    re.I,
)
# A change of something other than the plan or billing access, which the plan's words may be
# mistaken for: "can you upgrade our storage limit?", "please upgrade the ticket priority",
# "please roll back the upgrade, the new UI is terrible", "cancel the SMS add-on", "upgrade our
# merchant account to a warehouse account", "remove <@X>'s access to the warehouse app".
_MOVES_OTHER = re.compile(
    r"\b(?:upgrad\w*|cancel\w*|downgrad\w*|roll\s*back|remov\w*|revok\w*|increas\w*|rais\w*|"
    r"bump\w*)\s+(?:(?:the|our|my|this|that|your|an?|<@\w+>'s|his|her|their)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:storage|limits?|quotas?|priority(?!\s+support)|ui|interface|versions?|add-?ons?|plugins?|servers?|"
    r"dashboards?|seats?|bandwidth|(?:access|login)\s+to\s+(?:the|our)\s+(?!billing\b)(?:\w+\s+)?(?:app|portal|"
    r"dashboard|warehouse))\b|"
    r"\broll\s*back\s+the\s+upgrade\b(?=[^.!?]{0,40}\b(?:ui|interface|version|update|release|"
    r"design|layout)\b)|"
    r"\bupgrad\w*\s+(?:our|my|the)\s+\w+\s+account\s+to\s+an?\s+\w+\s+account\b",
    re.I,
)
# A price or a quote asked for someone to approve first: "need an upgrade quote for our
# warehouse account for the budget meeting", "We want to know cost of upgrade premium before
# make decision", "Hallo, bevor wir upgraden, brauche ich ein Angebot" (not "the quote was
# approved, go ahead and upgrade us").
# (a budget to be met, not one the cost is in: "The annual cost has been accommodated within the
# FY27 budget")
_FOR_APPROVAL = (
    r"approval|approve|po|purchase\s+order|procurement|director|decision|decide|review|"
    r"budget\s+(?:meeting|review|approval|sign-?off)|for\s+(?:the|our)\s+budget"
)
_QUOTED_FOR_APPROVAL = re.compile(
    r"\b(?:quote|quotation|proforma|pro-forma|angebot|cotizaci[oó]n|or[cç]amento|devis|price|"
    r"cost)\b[^.!?]{0,80}?\b(?:" + _FOR_APPROVAL + r"|before)\b|"
    r"\b(?:before|bevor|antes|avant)\b[^.!?]{0,60}?\b(?:quote|quotation|proforma|angebot|"
    r"cotizaci[oó]n|or[cç]amento|devis|price|cost)\b|"
    r"\b(?:quote|quotation|proforma|angebot|cotizaci[oó]n|price|cost)\b[^\n]{0,160}?\b(?:"
    + _FOR_APPROVAL
    + r")\b",
    re.I,
)
_APPROVED = re.compile(
    r"\b(?:approved|signed\s+off|got\s+(?:the\s+)?(?:approval|ok|go-?ahead))\b", re.I
)
# The renewal switched back on: "please activate the renewal again", "turn auto renew on".
_RENEWAL_ON = re.compile(
    r"\b(?:re-?)?(?:activate|enable|turn\s+on|switch\s+on)\s+(?:the\s+|our\s+)?(?:auto[\s-]?)?"
    r"renew(?:al|ing)?\b|\b(?:turn|switch)\s+(?:the\s+|our\s+)?(?:auto[\s-]?)?renew(?:al|ing)?\s+"
    r"(?:back\s+)?on\b",
    re.I,
)
# A price asked for is no order, unless an order's verb says so ("get me the premium quote so
# i can hit confirm").
_ASKS_PRICE = re.compile(r"\b(cost|costs|price|prices|pricing|how much|fees?|rates?)\b", re.I)
_ORDERS = re.compile(
    r"\b(upgrad\w*|buy|purchase|subscribe|sign\s+(us|me)\s+up|switch|move|go|get|add|activate|"
    r"start|enroll|charge|proceed|confirm|set\s+up|put|going|take|"
    # (a wish for the tier itself: "We want Premium. How much is it and can you do it now?")
    r"(?:want|need|like)(?=\s+(?:the\s+|a\s+)?\w+(?:\s+support)?\s*[.!,]))\b",
    re.I,
)
# Stopping the messages about the plan is not stopping the plan.
_STOPS_MESSAGES = re.compile(
    r"\b(stop|turn off|disable|opt out of|no more|unsubscribe)\b[^.?!]{0,40}?\b(e-?mails?|"
    r"reminders?|notifications?|notices?|messages?|alerts?|newsletters?|texts?|calls?|calling|"
    r"contacting|emailing|texting|messaging|spam)\b",
    re.I,
)
# "cancel the renewal", "cancel premium": a cancel said outright, of the plan or a tier.
_CANCEL_OF = re.compile(r"\bcancel\w*\s+((the|our|my)\s+)?", re.I)
_GENERIC_PLAN = re.compile(r"(plan|subscription|renewal|support|membership)\b", re.I)
# What a cancellation or a resumption changes is the plan, named as such or by a tier's name.
_PLAN_WORDS = re.compile(
    r"\b(cancel\w*|un-?cancel\w*|renew\w*|auto[\s-]?renew\w*|downgrad\w*|plan|subscription|sub|"
    r"support|tier|membership|contract)\b",
    re.I,
)
# ... and not when what is cancelled or downgraded is something else: "undo the cancellation of
# order 1234", "reverse the downgrade of our Shopify API version".
_OF_OTHER = re.compile(
    r"\b(cancell?ation|downgrade|cancel)\s+of\s+((the|our|my|this|that|a|an)\s+)?"
    r"(?!(the|our|my|this|that|a|an|plan|subscription|support|renewal|auto|tier)\b)"
    r"\w+",
    re.I,
)
_UNDOES_UPGRADE = re.compile(
    r"\b(undo|revert|reverse|roll\s*back)\s+((the|our|my|that|this)\s+)?upgrad", re.I
)


# A paid tier named only to be ruled out: "not the Extensiv Premium", "except our premium".
# ("not renewing premium" and "we not want premium" leave it: no determiner follows "not".)
_RULES_OUT = re.compile(
    r"\b(?:not|except|other than)\s+(?:(?:the|our|my)\s+(?:\w+\s+)?)?$", re.I
)  # ("…can you cancel that one? Not the Extensiv Premium", "cancel the SMS add-on, not premium")


def _paid_ruled_out(text: str, settings: Settings) -> bool:
    """Whether every paid tier the words name is named only as what is not meant."""
    found = [
        _RULES_OUT.search(before) is not None
        for key, tier in settings.tiers.items()
        if not tier.free
        for before in words_before_names(text, settings, key, 30)
    ]
    return bool(found) and all(found)


# The plan kept as it is: cancelled ("keep it as cancelled", "keep the cancellation please",
# "leave premium cancelled"), or renewing ("we want it to go through on dec 6", "make sure we
# don't lose premium in december", "…don't end up on standard").
_KEEPS_CANCELLED = re.compile(
    r"\b(keep|leave|stay)\w*\s+(\w+\s+){0,2}?(as\s+)?cancell?ed\b|"
    r"\bkeep\w*\s+(the|our|my)\s+cancell?ation\b",
    re.I,
)
_KEEPS_RENEWING = re.compile(
    r"\b(renewal|it)\s+(should|to|can|will|must)\s+go\s+through\b|"
    r"\b(don'?t|do not)\s+touch\s+(it|the\s+renewal|our\s+(\w+\s+)?renewal)\b|"
    r"\b(don'?t|do not|never)\s+(lose|end up on|end up with|drop to)\b",
    re.I,
)


def _names_plan(text: str, settings: Settings) -> bool:
    if _CANCELS_OTHER.search(text):
        return False  # "cancel the Premium invoice that was sent twice"
    if _OF_OTHER.search(text) and not tiers_named(text, settings):
        return False
    return bool(_PLAN_WORDS.search(text) or tiers_named(text, settings))


def _cancels_plan(text: str, settings: Settings) -> bool:
    for cancel in _CANCEL_OF.finditer(text):
        after = text[cancel.end() : cancel.end() + 40]
        if _GENERIC_PLAN.match(after) or any(p.match(after) for p, _ in name_patterns(settings)):
            return True
    return False


# An order to move up, negated: no upgrade, and no wish to leave the paid tier either.
_NOT_MOVED_UP = re.compile(
    r"\b(?:do\s*n[o']?t|never|not)\s+(?:yet\s+)?(?:get|put|move|switch|sign|bump|upgrade|"
    r"subscribe)\s+(?:us|me|our\s+\w+)\b",
    re.I,
)


def settled(action: str, text: str, settings: Settings) -> tuple[str, str | None] | None:
    """(action, tier) the words settle on for the action the intents matched, or None when
    they ask nothing of the account after all."""
    if action in PLAN_CHANGES and moves_something_else(text, settings):
        return None
    if action == "cancel" and _NOT_MOVED_UP.search(text):
        return None  # "dont get us on prem yet" holds an upgrade back; it cancels nothing
    moves_tier = action in ("upgrade", "downgrade") and tier_named_in(text, settings) is None
    if moves_tier and other_tier_ordered(text, settings) is not None:
        return None  # "sign us up for the enterprise plan": a tier the vendor has not got
    if action == "upgrade" and _ASKS_PRICE.search(text) and not _ORDERS.search(text):
        return None  # "Premium support cost for warehouse account pls" asks the price
    if action == "upgrade" and _QUOTED_FOR_APPROVAL.search(text) and not _APPROVED.search(text):
        return None  # "Kindly send quotation for premium upgrade. PO will follow after approval."
    if only_quoted(text, names_action):
        return None  # "Someone said 'just cancel premium lol' but we're not going to"
    if undoes_what_was_done(text) and not asks_to_undo(text, paid_names(settings)):
        # "I accidentally clicked upgrade, I didn't mean to. can you undo?"
        return ("resume", None) if _CANCEL_WORD.search(text) else None
    if _MOVES_OTHER.search(text) and (
        not tiers_named(text, settings) or _paid_ruled_out(text, settings)
    ):
        return None  # "upgrade our storage limit", "cancel the SMS add-on, not premium"
    if action in ACCESS:
        return _access(action, text)
    if action == "upgrade" and _RENEWAL_ON.search(text) and not re.search(r"\bupgrad", text, re.I):
        return "resume", None  # "Please activate the renewal again.": a cancellation undone
    if action in ("cancel", "resume") and not _names_plan(text, settings):
        return None  # "Unsubscribe me from the newsletter", "Bring back the old dashboard"
    if action == "cancel" and _paid_ruled_out(text, settings):
        return None  # "…can you cancel that one? Not the Extensiv Premium"
    if action == "resume" and _RESTORES_OTHER.search(text):
        return None  # "Can you restore our premium phone code? I forgot it."
    # "Please stop the renewal reminder emails" (unless a cancel is said outright too: "cancel
    # the renewal, no more emails about it")
    outright = action == "cancel" and _cancels_plan(text, settings)
    if action in ("cancel", "resume") and _STOPS_MESSAGES.search(text) and not outright:
        return None
    if action == "resume" and _UNDOES_UPGRADE.search(text):
        return None  # "Undo the upgrade please, it was a mistake": not a resumption
    if action in ("upgrade", "resume") and stays_on(text, settings, settings.default_tier):
        return None  # "we're staying on standard for now, premium maybe later"
    if action in ("upgrade", "resume") and _KEEPS_CANCELLED.search(text):
        return None  # "keep premium cancelled", "leave it as cancelled"
    if action == "cancel" and _KEEPS_RENEWING.search(text):
        return None  # "the renewal should go through", "make sure we don't lose premium"
    tier = tier_for(action, text, settings)
    if action == "upgrade" and tier and already_has(text, settings, tier):
        return None  # "number to call support pls, we have premium"
    if action == "downgrade" and (tier == settings.default_tier or to_free(text)):
        return "cancel", None  # "go back to free at the end of the term"
    if action == "upgrade" and (
        (tier == settings.default_tier and target_tier(text, settings) == tier)
        or leaves_paid_tier(text, settings)
    ):
        # "please cancel, we are moving to standard", "We're on premium. Can you switch us to
        # standard?": the free tier is where the account goes; "we are dropping premium
        # support": the paid tier is left. No upgrade goes there.
        return "cancel", None
    if action == "cancel" and asks_to_undo(text, paid_names(settings)):
        return "resume", tier  # "undo the cancellation"
    return action, tier


def _access(action: str, text: str) -> tuple[str, None] | None:
    if access_only_told(text):
        return None  # "I told <@U0DEV> she needs billing access to see invoices"
    if action == "grant" and access_denied(text):
        return "revoke", None  # "Stop <@U0SAM> from seeing our invoices"
    if action == "grant" and access_kept(text):
        return None  # "<@U0ABC12> stays billing admin": nothing to give
    if action == "revoke" and access_kept(text):
        return None  # "…left the company, but keep her billing access until the handover"
    if action == "revoke" and access_wanted_back(text):
        return "grant", None  # "…removed <@U0SAM>'s access by mistake, she needs it back"
    if action == "grant" and not asks_for_access(text):
        return None  # "<@U0SAM> is a billing nightmare lol"
    return action, None


# A move verb, then what it moves, then "to" and the tier's name: "switch the shipping method to
# standard" moves a shipping method, not the plan.
_MOVE = re.compile(
    r"\b(?:switch|move|change|put|set|convert|downgrade|upgrade|take)\b(?P<what>[\w\s'-]{0,40}?)"
    r"\s(?:to|into|onto)\s+(?:the\s+|our\s+|a\s+)?$",
    re.I,
)
# What names the plan or the account as what is moved ("our Integration Manager account", "us").
_PLAN_NOUN = re.compile(
    r"\b(us|me|account|acct|support|level|service|company|team|org|everything|"
    + PLAN_NOUN
    + r")\b",
    re.I,
)
_ONLY_FILLER = re.compile(
    r"^(?:\s*\b(?:the|our|my|a|over|back|up|all|whole|current|it)\b)*\s*$", re.I
)


# "upgrade it", "bump them up": what "it" is, the words before say.
_UPGRADES_IT = re.compile(
    r"\b(?:upgrade|bump|update)\s+(?:it|them|that|this)\b(?!\s+(?:account|acct|plan|subscription))",
    re.I,
)


def moves_something_else(text: str, settings: Settings) -> bool:
    """Whether a tier's name is only where something other than the plan is moved ("switch the
    shipping method to standard", "set the carrier service to premium"), or "it" is upgraded
    with no plan of ours named before ("The old Magento connector is still on version 1. Can you
    upgrade it?"): no order for the plan."""
    pronoun = _UPGRADES_IT.search(text)
    if pronoun and not (
        _names_plan(text[: pronoun.start()], settings) or tiers_named(text, settings)
    ):
        return True
    for pattern, _ in name_patterns(settings):
        for found in pattern.finditer(text):
            before = text[max(0, found.start() - 60) : found.start()]
            move = _MOVE.search(before)
            what = move.group("what") if move else ""
            if move and not (_PLAN_NOUN.search(what) or _ONLY_FILLER.match(what)):
                return True
    return False
