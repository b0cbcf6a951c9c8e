"""What helper-189's attack found (2026-12-07, 7 of 316 ordinary messages written before running
any got a change; 52 of 398 explored): a quoted order its asker disowns (a forgery, a draft, a
template), a refusal said in an idiom ("the last thing we want is to…", "hard pass on…", "refrain
from…", "…but won't"), a change for a later day or event ("after the audit", "in december",
"we'll revoke billing then"), a plan given up ("had planned to cancel, changed my mind"), another
account of the asker's, whether a colleague may make the change, and marks that leave an order
open (a "no" emoji, "??", "(edited: disregard)", a wish vented). None of them is quoted or made;
each kind has a near twin that still orders, and the real requests helper-189 and helper-188's
batch 85 found missed are done."""

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
        ("can we get the better plan? the faster one where you can actually call someone",
         "standard", "action:upgrade"),
        ("Bitte die Kündigung zurücknehmen", "cancelled", "action:resume"),
        ("Bitte die automatische Verlängerung ausschalten", "premium", "action:cancel"),
        ("Bitte <@U0KIM> Abrechnungszugriff geben", "standard", "action:grant"),
        ("Por favor quiten el acceso de facturación de <@U0KIM>", "premium", "action:revoke"),
    ],
)  # fmt: skip
def test_the_near_twin_that_orders_is_still_done(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 0)
    assert label == expect, text
