"""Refusals and plans given up, said without a plain "not" (helper-189's attack, 2026-12-07):
"None of us want to cancel premium", "the last thing we want is to resume premium", "hard pass on
cancelling", "Kindly refrain from upgrading our account", "I could give <@X> billing access but
won't", "IT wants me to revoke her access, I refuse", "upgrade auf premium? nein danke", "Had
planned to cancel premium, changed my mind"; and scenes imagined ("Supposing the pilot goes well,
upgrade us"). signals.py reads them with its other takings back."""

from __future__ import annotations

import re

# Each reaches the change after it as "not" does ("none of us want to cancel" negates the
# cancel; "none of us use the phone line, cancel premium" negates nothing it asks): signals.py
# finds them with its takings back and reads their reach as it reads a "not"'s.
# (Written as signals.py reads a message: lower case, apostrophes taken out.)
REFUSING = (
    r"none of us (want|wants|need|needs|plan|plans|are going|is going|would ever|will ever)( to)?|"
    r"(the )?last thing (we|i|anyone|anybody) (want|wants|need|needs)( to do)? is( to)?|"
    r"hard pass on|(please |pls |kindly )?refrain from"
)
# Whole refusals, whatever follows: an order refused at the message's end after a "could" ("I
# could give <@X> billing access but won't"; not "my boss wanted to wait but I won't"), a relayed
# order refused ("IT wants me to revoke <@X>'s access, I refuse"; not "Paying for nothing? We
# refuse."), a "no thanks" or "no way" ending the message, abroad too, a plan to change given
# up (not "we cancelled premium but changed our mind", which asks it back, nor "we were going to
# wait until Q3 but changed our minds").
REFUSED = (
    r"(could|can|might|should) \w+[^.!?]{0,60}? but (i |we )?(wont|will not|wouldnt|would not|"
    r"nah)(?=\W*$)|(so|then) (i |we )?(wont|will not)(?=\W*$)|"
    r"(wants|wanted|asked|told) (me|us) to [^.!?]{0,80}?(i|we) refuse(?=\s*([.!]|$))|"
    r"refuse to (do it|do that|comply)|"
    # ("Bitte auf Premium upgraden – ach nein, doch nicht", "Cancelar el premium? Ni loco")
    r"((nein|non|nee),? (danke|merci|bedankt|dank je)|no,? gracias|doch nicht|toch niet|ni loco|"
    r"ni de broma|ni hablar|nem pensar|de jeito nenhum|auf keinen fall|hell no)"
    r"(?=[\s,.!]*(zu \w+|too \w+)?[\s.!]*$)|"
    # an order taken back at once ("grant billing to <@X>. actually don't, I'll ask his
    # manager"), a request of its own withdrawn ("please cancel my request to cancel premium"),
    # words sent by mistake or disowned ("(cat on keyboard, sorry)", "^ was going to send this
    # but…", "← my boss's idea, not mine", "— quote from our board deck, not a request")
    r"(actually|wait|hm+|oh),? (dont|do not)(?=\W*([.!,;—–-]|$))|"
    r"cancel (the|my|our|that) (\w+ ){0,3}?request|"
    r"cat on (the |my )?keyboard|sent (this |that |it )?by (accident|mistake)|accidentally sent|"
    r"(was going to|meant to|about to) send (this|that|it)\b|"
    r"(idea|words|request|call),? not (mine|ours)|not a request|quote from|"
    r"later,? (though|tho)\b|"  # ("Upgrade to premium.\nLater though. After the audit.")
    # done by the asker or by someone else, not by the bot ("i'll remove <@X> from billing
    # myself", "let me cancel premium myself", "cancelling myself rn in Profile & Billing",
    # "boss will remove him from billing"; not "please give <@X> billing access, I will tell her
    # myself", nor "finance will add it to the budget")
    r"(ill|i will|well|we will|gonna|going to|i can|we can|let me|hell|shell|theyll)\s+"
    r"(\w+\s+){0,2}?(cancel|remove|add|give|grant|revoke|upgrade|resume|take|pull)\b"
    r"[\w<@>' ]{0,40}?"
    r"\b(myself|ourselves|himself|herself|themselves|from my end|on my end|from my side)\b|"
    r"(cancell?ing|removing|adding|giving|upgrading|revoking|granting|resuming)\s+([\w<@>&]+\s+)"
    r"{0,5}?(myself|ourselves)\b|"
    r"\b(boss|manager|admin|hr|he|she|they)\s+(will|is going to|is gonna)\s+(remove|add|give|"
    r"grant|revoke|cancel|upgrade|resume|pull)\s+([\w<@>]+\s+){0,3}?(billing|premium|access|him|"
    r"her|them|the plan|our plan)\b|\b(hes|shes|theyre) doing it(?=\W*$)|"
    r"^\W*ako na\b|"  # (Tagalog: "I'll do it")
    # a change asked only to be dismissed ("Cancel premium now, before peak? That'd be crazy.")
    r"\?\s*(that|it)(d| would) be (silly|crazy|insane|nuts|dumb|ridiculous|absurd|stupid|madness|"
    r"pointless|foolish|a (mistake|joke|bad idea))\b|"
    r"[.,]\s*(that|it)(d| would) be (silly|crazy|insane|nuts|dumb|ridiculous|absurd|stupid|"
    r"madness|pointless|foolish|a (mistake|joke|bad idea))(?=[\s.!]*$)|"
    r"(planned|planning|meant|intended|was going|were going|wanted) to ((cancel|upgrad|resum|"
    r"revok|remov|switch|renew|reactivat|downgrad|drop|end|stop)\w*|(giv|grant|add)\w* <@)"
    r"[^.!?]{0,60}? changed (my|our) minds?( about (it|that))?(?=\W*$)"
)
# A scene imagined, a rehearsal, or something to be reminded of: "Supposing the pilot goes well,
# upgrade us", "In a perfect world, …", "This is a trial run of the new bot", "set a reminder for
# me to cancel premium in march" (not "i suppose we just cancel then", nor "our trial run went
# great", nor "remind me to export the tickets").
IMAGINED = (
    r"hypothetically|what if|thinking (about|of)|thinking out loud|asking for a friend|"
    r"(?<!i )(?<!we )suppose|supposing|hypothetical|in an? (perfect|ideal) world|picture this|"
    r"(this is|its|it is|just|only) an? (trial|dry|test) run|"
    # ("Just practising what I'll say to your sales team tomorrow. Could you please upgrade…")
    r"(practi[cs]ing|rehearsing|role-?playing) what (ill|i will|we will|well|to|i|we) say|"
    r"(this is|its|just) an? (rehearsal|role-?play)\b|"
    r"((set |add )?an? reminder (for me |for us )?|remind (me|us) )to (cancel|upgrad|resum|renew|"
    r"revok|grant|switch|downgrad|reactivat|remov|giv)"
)

# What is not seen or had is a lack, told as a reason ("she dont see the Change Support Tier
# button. make her billing access"): the negation is the seeing's, not a change's; nor is one of
# going on doing ("we can't keep waiting", not "we can't keep paying for it").
KEEP_DOING = re.compile(r"\s{1,3}keep\s+(?!\w+ing\s+(?:it|us|them|her|him)\b)\w+ing\b")
# (not what is not understood, nor a seeing with a why: "I don't understand why we'd upgrade",
# "I don't see why you'd revoke her access" negate the change; nor "get", which orders: "don't
# get us premium yet"; access_changes._LACKS, which only drops a lack told before a grant, reads
# "get" and "use" as lacks too)
PERCEIVED = re.compile(
    r"\s{1,3}(?:see|find|view|notice|spot|have(?!\s+to\b))\b"
    r"(?!\s+(?:why|how|if|whether|what|the\s+(?:point|need|reason)|any\s+(?:point|need|reason)|a\s+"
    r"(?:point|need|reason)))"
)
