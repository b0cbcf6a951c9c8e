"""The words an order naming a tier is made of (bot/conversation/plain_requests.py reads the
sentence with them): what may open it, the order's verb with what it moves, and the urging that
may follow the tier's name. Kept apart from the reading so that each is short enough to read."""

from __future__ import annotations

import re

# An order naming the tier to move to is a sentence of its own, made of three parts and nothing
# else: what may open it (a greeting, agreement, "please", a polite "can you", the asker's own
# wish "we'd like to", "let's"; not a mention, which is a colleague's: Slack removes the bot's),
# the order's verb with what it moves ("go", "switch our account to", "change support tier ->"),
# then the tier and at most an urging ("pls", "today", "for our account", an emoji). "what
# happens when you go premium", "we'd like to go premium but can't afford it", "Our CFO said: go
# premium", "switch the shipping method to standard" and "will you switch us to premium
# automatically at renewal?" are no such sentence.
# What customers call the plan besides "plan", "tier" and "subscription" (new admins and other
# vendors' customers: "please upgrade our membership to premium", "the premium service level").
PLAN_NOUN = r"(?:plan|tier|subscription|package|membership|contract|service\s+level|coverage)"
ORDER_OPENER = re.compile(
    r"(?:(?:[*_~>`]|(?:hi|hey|hello|ok|okay|so|yes|yeah|yep|alright|right|then|now|please|"
    r"quick (?:one|q|question)|"
    r"pls|plz|kindly|just|sold|(?:i'?m|we'?re|i am|we are)\s+sold|go ahead and)\b)[\s,!:.-]*)*"
    r"(?P<polite>(?:(?:can|could|will)\s+(?:you|u)|(?:any|is\s+there\s+a(?:ny)?)\s+chance\s+(?:you|u)"
    r"\s+(?:can|could))\s+(?:(?:please|pls|plz|kindly|just)\s+)?|"
    r"(?:(?:would|will)\s+it\s+be|is(?:\s+it)?)\s+possible\s+(?:for\s+(?:you|u)\s+)?to\s+|"
    # ("I ask you to…", "we kindly request you to…")
    r"(?:i|we)\s+(?:kindly\s+)?(?:ask|request)\s+(?:(?:you|u)\s+)?to\s+|"
    r"(?:can|could)\s+(?:we|i)\s+(?:(?:maybe|just|please|possibly)\s+)?"
    r"(?=(?:get|have|set\s+up|buy|purchase|activate|add|move\s+to|switch\s+to|upgrade\s+to)\b))?"
    # a move asked in the passive (`PASSIVE_VERB` follows): "could we be switched over to
    # premium", "can our account be on premium", "we'd like our tier changed to premium"
    r"(?P<passive>(?:can|could|would)\s+(?:we|our\s+(?:account|acct|company|team|"
    + PLAN_NOUN
    + r"))\s+(?:please\s+)?(?=be\s)|(?:(?:i|we)(?:'d|\s+would)\s+like|(?:i|we)\s+want)\s+"
    r"(?:our|the)\s+(?:account|acct|support(?:\s+(?:plan|tier))?|" + PLAN_NOUN + r")\s+)?"
    # ("I'd like premium, please", "we want premium pls": the wish names the tier with no verb
    # between)
    # (its subject may be left out, as in a chat: "would like premium before monday")
    # ("need premium rn": a chat's wish, its subject left out)
    r"(?P<wish>(?:(?:i|we)(?:'d|\s+would)|would)\s+like\s+(?!to\b)|(?:(?:i|we)\s+)?(?:want|need)"
    # ("could we have premium please?": a wish asked, after the polite "could we")
    r"\s+(?!to\b)|(?:(?<=\bwe\s)|(?<=\bi\s))have\s+(?!to\b))?"
    r"(?:(?:(?:i|we)(?:'d|\s+would)|would)\s+like\s+to\s+|(?:i|we)\s+(?:want|need|wanna)\s+(?:to\s+)?|"
    r"(?:(?:i'?m|we'?re|i am|we are)\s+)?ready\s+to\s+|(?:i|we)\s+(?:have\s+)?decided\s+to\s+|"
    # ("ok fine, we go premium", "we'll take premium")
    r"(?:i|we)(?:'ll|\s+will|\s+shall)?\s+(?=(?:go|take|switch|move|upgrade)\b)|"
    # ("we're going premium", "we have approval to go with premium")
    r"(?:i'?m|we'?re|i\s+am|we\s+are)\s+(?=(?:going|moving|switching|upgrading)\b)|"
    r"(?:i|we)\s+(?:have|got)\s+(?:the\s+)?(?:approval|budget|sign-?off|go-?ahead)\s+to\s+)?"
    r"(?:let'?s\s+)?",
    re.I,
)
_OBJECT = (
    r"(?:\s+(?:us|our|my|me|the|account|acct|support|level|service|type|"
    + PLAN_NOUN
    + r"|company|team|org|over|back|up|down|everything|all|whole|current|bumped|moved|switched|"
    r"upgraded))*"
    # ("move from the free support plan up to premium")
    r"(?:\s+from\s+(?:the\s+|our\s+)?\w+(?:\s+(?:support|plan|tier)){0,2}(?:\s+(?:up|down|over))?)?"
)
ORDER_VERB = re.compile(
    r"(?:do|try|go(?:\s+(?:with|w/|for|to|back\s+to|ahead\s+with))?|proceed\s+with|"
    r"(?:(?:our\s+)?(?:support\s+)?(?:plan|tier|subscription)\s*)?(?:->|=>|→)|"
    r"(?:going|moving\s+to|switching\s+to|upgrading\s+to|(?:it'?s\s+)?time\s+for|"
    r"count\s+(?:us|me)\s+in\s+for|"
    r"buy|purchase|book|activate|enable|order|start|add|set\s+up|take\s+care\s+of|sort\s+out|"
    r"take|"  # ("we'll take premium")
    r"(?:turn|switch)\s+on|"
    r"(?:get|give)(?:\s+(?:us|me))?)|"
    r"(?:switch|move|change|put|set|bump|upgrade|downgrade|convert|take|subscribe|sign|enroll|get|"
    r"drop|flip)" + _OBJECT + r"\s*(?:to|on|onto|into|in|for|with|->|=>|→)|"
    # ("we want subscribe the premium support": the tier right after, as some write it)
    r"subscribe(?:\s+(?:us|the|our))?(?=\s)|"
    # "pass us to premium", "migrate to premium": the move in other languages' words (not "pass
    # on premium, thanks", nor "pass me to premium support", which asks for that team)
    r"(?:pass|migrate|shift|transfer|jump)(?:\s+(?:us|our|the|account|acct|plan|tier|company|"
    r"team|org|over|everything|all))*\s+(?:to|into|in)|"
    # ("please put us the premium", as some write it)
    r"put\s+(?:us|me)|"
    # ("please make us premium", "our plan is standard, please make it premium")
    r"make\s+(?:it|us|(?:our|the)\s+(?:account|acct|" + PLAN_NOUN + r")))"
    r"(?:\s+(?:the|a|our))?(?:\s+support)?",
    re.I,
)
ORDER_TAIL = re.compile(
    r"(?:[\s,!.:;)*_~?–—-]|\b(?:support|level|service|thing|one|option|" + PLAN_NOUN + r"|"
    r"please|pls|plz|now|rn|today|asap|right away|right now|immediately|starting today|already|"
    r"from today|from now on|starting now|here|in slack|through you|let'?s do it|"
    r"going|"
    r"started|with immediate effect|effective immediately|as soon as possible|"
    r"(?:for|to|on) (?:us|me|(?:our|the) (?:(?:warehouse|merchant|main|own|company) )?(?:account|"
    r"acct|company|team))|thanks|thank you|"
    r"thx|ty|"
    r"too|turned on|switched on|activated|enabled|set up|if possible|if you can|"
    r"with the (?:1|one|12)[- ](?:year|yr|month) (?:contract|term|plan)|"
    r"with the (?:annual|yearly) (?:contract|term|plan)|"
    r"again|instead|proceed|"
    r"(?:before|by)\s+(?:(?:next\s+)?(?:monday|tuesday|wednesday|thursday|friday|week)|tomorrow|"
    r"(?:the\s+)?(?:weekend|end\s+of\s+(?:the\s+)?(?:day|week|month)|eod|eow))|this week|"  # by fri
    r"go ahead|do it|set (?:it|that|this) up)\b|"
    r":[a-z0-9_+\-]+:|[\u2600-\u27bf\U0001f300-\U0001faff])*",
    re.I,
)
# The verb of a move asked in the passive, after ORDER_OPENER's `passive` ("…be switched over
# to", "…be on", "…changed to"): told alone ("switched to premium") it tells what was done.
PASSIVE_VERB = re.compile(
    r"(?:be\s+)?(?:(?:switched|moved|put|changed|upgraded|bumped|transferred)(?:\s+(?:over|up|"
    r"back))?\s*(?:to|on|onto|into)|on)(?:\s+(?:the|a|our))?(?:\s+support)?",
    re.I,
)
