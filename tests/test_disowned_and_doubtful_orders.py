"""What helper-189's attack found (2026-12-07, 7 of 316 ordinary messages written before running
any got a change; 52 of 398 explored): a quoted order its asker disowns (a forgery, a draft, a
template), a refusal said in an idiom ("the last thing we want is to…", "hard pass on…", "refrain
from…", "…but won't"), a change for a later day or event ("after the audit", "in december",
"we'll revoke billing then"), a plan given up ("had planned to cancel, changed my mind"), another
account of the asker's, whether a colleague may make the change, and marks that leave an order
open (a "no" emoji, "??", "(edited: disregard)", a wish vented). None of them is quoted or made;
each kind has a near twin that still orders (helper-191 read the rules' first drafts and found
the orders they held back), and the real requests helper-189 and helper-188's batch 85 found
missed are done."""

from __future__ import annotations

import pytest

from tests.conftest import assert_changes_nothing


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("> Please cancel our premium support effective immediately\nthis was NOT sent by me, "
         "someone is spoofing our domain", "premium"),
        ("> please reactivate our premium support\nthis was in my drafts, I didn't send it. "
         "still want it cancelled", "cancelled"),
        ("> give <@U0KIM> billing access\nshe sent me this, I'm not doing it", "standard"),
        ("None of us want to cancel premium", "premium"),
        ("the last thing we want is to resume premium", "cancelled"),
        ("hard pass on cancelling premium", "premium"),
        ("Kindly refrain from upgrading our account", "standard"),
        ("I could give <@U0KIM> billing access but won't", "standard"),
        ("IT wants me to revoke <@U0KIM>'s billing access, I refuse", "premium"),
        ("upgrade auf premium? nein danke", "standard"),
        ("jangan cancel premium ya", "premium"),
        ("premium cancel mat karo please", "premium"),
        ("cancel premium after the audit", "premium"),
        ("go ahead and cancel premium after we close the books on friday", "premium"),
        ("remove <@U0KIM> from billing at end of month", "premium"),
        ("turn auto-renew back on in december", "cancelled"),
        ("please cancel premium *next year*", "premium"),
        ("upgrade to premium when the new fiscal year starts", "standard"),
        ("<@U0KIM> leaves next month, we'll revoke billing then", "premium"),
        ("Had planned to cancel premium, changed my mind", "premium"),
        ("Re: cancel premium\nNo.", "premium"),
        ("upgrade to premium pls. ugh, actually no, wait till next month", "standard"),
        ("Notes: resume premium → postponed to Q2", "cancelled"),
        ("cancel premium on our OTHER account (acme-west), not this one", "premium"),
        ("Can <@U0KIM> cancel premium? I don't want her to be able to", "premium"),
        ("after I give <@U0KIM> billing access, can she cancel premium?", "standard"),
        (":x: cancel premium", "premium"),
        ("cancel premium 👎", "premium"),
        ("upgrade :thinking_face:", "standard"),
        ("cancel premium??", "premium"),
        ("cancel premium (not really)", "premium"),
        ("upgrade us (edited: disregard)", "standard"),
        ("ugh I want to cancel premium so bad after that last ticket", "premium"),
        ("fix the sync or cancel premium, your choice 😤", "premium"),
        # (helper-190's attack on the first round: withdrawn at once, a request withdrawn,
        # laughed or rolled eyes at, noted as a to-do, disowned, dated abroad)
        ("grant billing to <@U0KIM>. actually don't, I'll ask his manager first", "premium"),
        ("remove billing from <@U0KIM> — hm no, she's back from leave, keep her on", "premium"),
        ("Bitte auf Premium upgraden – ach nein, doch nicht, zu teuer", "standard"),
        ("please cancel my request to cancel premium", "premium"),
        ("upgrade us pls (not really, just testing)", "standard"),
        ("cancel premium 😂😂😂", "premium"),
        ("sure, upgrade us, and while you're at it buy me a pony 🙄", "standard"),
        ("Cancelar el premium? Ni loco", "premium"),
        ("cancel premium = bad idea, so we won't", "premium"),
        ("Decision: ❌ cancel premium. ✅ keep it.", "premium"),
        ("donot cancel premium", "premium"),
        ("TODO: cancel premium (Q1)", "premium"),
        ("- [ ] upgrade to premium (after budget approval)", "standard"),
        ("upgrade to premium\n← my boss's idea, not mine", "standard"),
        ("upgrade upgrade upgrade (cat on keyboard, sorry)", "standard"),
        ("Upgrade to premium.\nLater though. After the audit.", "standard"),
        ("upgrade us to premium next year", "standard"),
        ("resume premium after Jan 15", "cancelled"),
        ("cancel premium effective 2027-03-01", "premium"),
        ("cancel premium when <@U0KIM> confirms", "premium"),
        ("Please do upgrade for us after we send PO", "standard"),
        ("annulez le premium en janvier", "premium"),
        # (helper-191's review: the same kinds in other words)
        ("none of us are going to cancel premium", "premium"),
        ("the last thing we want to do is cancel premium", "premium"),
        ("I could upgrade us to premium but nah", "standard"),
        ("Had planned to cancel premium, changed my mind about it", "premium"),
        ("> please cancel our premium support\nthis is a forgery", "premium"),
        ("cancel premium for our second account", "premium"),
        ("Notes: resume premium → postponed to March", "cancelled"),
        ("cancel premium after the audit, thanks", "premium"),
        ("cancel premium in Dec", "premium"),
        ("remove <@U0KIM> from billing at month end", "premium"),
        ("switch us to premium next year", "standard"),
        ("upgrade to premium when Q3 starts", "standard"),
        ("Is <@U0KIM> able to cancel premium? I don't want her to be", "premium"),
        ("cancel premium (lol)", "premium"),
        ("I don't understand why we'd upgrade to premium", "standard"),
        ("I don't understand why you'd revoke <@U0KIM>'s billing access", "premium"),
        ("we've been quite pleased with premium this year", "premium"),
        ("upgrade us to premium and what does it cost? actually just tell me the price for now",
         "standard"),
        ("Bitte die automatische Verlängerung NICHT ausschalten", "premium"),
        ("dont cancel premium and what happens to tickets if we did?", "premium"),
    ],
)  # fmt: skip
def test_a_disowned_put_off_or_doubtful_order_changes_nothing(request_world, text, state):
    label, _ = request_world.decide(text, state, 0)
    assert_changes_nothing(label, text)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("> pls cancel premium\nfrom my boss. can you do it?", "premium", "action:cancel"),
        ("none of us use the phone line, cancel premium", "premium", "action:cancel"),
        ("the last thing we need is another bill. cancel premium", "premium", "action:cancel"),
        ("we refuse to pay for another year, cancel premium", "premium", "action:cancel"),
        ("ok fine, cancel premium then.", "premium", "action:cancel"),
        ("we dont want to renew premium next year, cancel it", "premium", "action:cancel"),
        ("i was going to leave it cancelled but changed my mind, resume premium", "cancelled",
         "action:resume"),
        ("dont want premium anymore, kill it 🙅‍♀️", "premium", "action:cancel"),
        ("turn off premium renewal :x:", "premium", "action:cancel"),
        ("can you cancel premium??", "premium", "action:cancel"),
        ("Hey, I'm going on leave for 6 weeks. Can <@U0KIM> get billing access so she can "
         "manage support tier changes while I'm out?", "standard", "action:grant"),
        ("i dont see the cancel button. can you cancel premium for me", "premium",
         "action:cancel"),
        # (helper-188's batch 85: what a colleague lacks is why she needs access; an arrow
        # gives it; a wish asked with "could we have")
        ("hi! my wife <@U0KIM> helps in the shop but she dont see the Change Support Tier "
         "button. make her billing access ok? thank you", "standard", "action:grant"),
        ("billing access → <@U0KIM> thx", "standard", "action:grant"),
        ("could we have Premium please?", "standard", "action:upgrade"),
        ("We want Premium. How much is it and can you do it now?", "standard",
         "action:upgrade"),
        # (helper-189's real requests: a question beside the order, a price quote agreed to,
        # the top tier described, German and Spanish)
        ("upgrade us to premium please and how long until a ticket gets answered?", "standard",
         "action:upgrade"),
        ("revoke billing for <@U0KIM>, and who else has it?", "premium", "action:revoke"),
        ("ok the quote looks fine, lets proceed with premium", "standard", "action:upgrade"),
        ("Bitte die Kündigung zurücknehmen", "cancelled", "action:resume"),
        ("Bitte die automatische Verlängerung ausschalten", "premium", "action:cancel"),
        ("Bitte <@U0KIM> Abrechnungszugriff geben", "standard", "action:grant"),
        ("Por favor quiten el acceso de facturación de <@U0KIM>", "premium", "action:revoke"),
        # (helper-190's: access disabled is taken away, not given; a "not" that is a manner of
        # speaking; not letting it drop back; "we can't keep waiting"; "we'll take premium")
        ("Please disable billing access for <@U0KIM>", "premium", "action:revoke"),
        ("I don't want <@U0KIM> to have billing access anymore", "premium", "action:revoke"),
        ("Not gonna lie, I was skeptical, but upgrade us", "standard", "action:upgrade"),
        ("please don't let it drop back to standard at the end of the term", "cancelled",
         "action:resume"),
        ("we can't keep waiting a day for answers. we'll take premium", "standard",
         "action:upgrade"),
        ("cancel premium after the current term.", "premium", "action:cancel"),
        ("cancel premium after we talked it over with the team", "premium", "action:cancel"),
        ("ugh fine, cancel premium 👍", "premium", "action:cancel"),
        # (helper-191's review: what the first drafts of these rules held back)
        ("please cancel our premium plan 👎", "premium", "action:cancel"),
        ("we could really use faster support, upgrade us to premium", "standard",
         "action:upgrade"),
        ("We need phone support so badly. Upgrade us to premium.", "standard", "action:upgrade"),
        ("Please cancel premium support effective today (edited)", "premium", "action:cancel"),
        ("Upgrade to premium, your call on whether to prorate", "standard", "action:upgrade"),
        ("cancel the premium we bought in december", "premium", "action:cancel"),
        ("please cancel premium before next year", "premium", "action:cancel"),
        ("Please cancel premium. We wanted to give it a year but changed our mind.", "premium",
         "action:cancel"),
        ("Upgrade us to premium please. We were going to wait until Q3 but changed our minds.",
         "standard", "action:upgrade"),
        ("Cancel premium now. Paying for nothing? We refuse.", "premium", "action:cancel"),
        ("> cancel premium support\nyes this is legit, not a phishing email, cancel it please",
         "premium", "action:cancel"),
        ("we have premium on the other workspace already, so please cancel it on this one",
         "premium", "action:cancel"),
        ("Re: cancel premium\nno. wait, yes. cancel it", "premium", "action:cancel"),
        ("my coworker cancelled premium without asking anyone 🙃 can you undo that?",
         "cancelled", "action:resume"),
        ("Hallo, bitte kündigen Sie unseren Premium-Support. Wir möchten nicht, dass er sich "
         "nächstes Jahr automatisch verlängert", "premium", "action:cancel"),
    ],
)  # fmt: skip
def test_the_near_twin_that_orders_is_still_done(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, text
