"""Refusals and plans given up, said without a plain "not" (helper-189's attack, 2026-12-07):
"None of us want to cancel premium", "the last thing we want is to resume premium", "hard pass on
cancelling", "Kindly refrain from upgrading our account", "I could give <@X> billing access but
won't", "IT wants me to revoke her access, I refuse", "upgrade auf premium? nein danke", "Had
planned to cancel premium, changed my mind"; and scenes imagined ("Supposing the pilot goes well,
upgrade us"). signals.py reads them with its other takings back."""

from __future__ import annotations

# Each reaches the change after it as "not" does ("none of us want to cancel" negates the
# cancel; "none of us use the phone line, cancel premium" negates nothing it asks).
# (Written as signals.py reads a message: lower case, apostrophes taken out.)
REFUSING = (
    r"none of us (want|wants|need|needs|plan|plans)( to)?|"
    r"(the )?last thing (we|i|anyone|anybody) (want|wants|need|needs) is( to)?|"
    r"hard pass on|(please |pls |kindly )?refrain from"
)
# Whole refusals, whatever follows: an order refused at the message's end ("…but won't", "I
# refuse"; not "we refuse to pay for another year, cancel premium"), a "no thanks" abroad, a
# plan given up (not "we cancelled premium but changed our mind", which asks it back).
REFUSED = (
    r"but (i |we )?(wont|will not|wouldnt|would not|am not|im not|were not)(?=\W*$)|"
    r"(i|we) refuse(?=\s*([.!]|$))|refuse to (do it|do that|comply)|"
    r"(nein|non|nee),? (danke|merci|bedankt)|no,? gracias|"
    r"(planned|meant|intended|was going|were going|wanted) to \w+[^.!?]{0,60}? changed (my|our) "
    r"minds?(?=\W*$)"
)
# A scene imagined, a rehearsal, or something to be reminded of: "Supposing the pilot goes well,
# upgrade us", "In a perfect world, …", "This is a trial run of the new bot", "set a reminder for
# me to cancel premium in march" (not "i suppose we just cancel then", nor "our trial run went
# great", nor "remind me to export the tickets").
IMAGINED = (
    r"hypothetically|what if|thinking (about|of)|thinking out loud|asking for a friend|"
    r"(?<!i )(?<!we )suppose|supposing|hypothetical|in an? (perfect|ideal) world|picture this|"
    r"(this is|its|it is|just|only) an? (trial|dry|test) run|"
    r"((set |add )?an? reminder (for me |for us )?|remind (me|us) )to (cancel|upgrad|resum|renew|"
    r"revok|grant|switch|downgrad|reactivat|remov|giv)"
)
