"""Orders read with what was said around them (fifth session): an "it" that is the plan named
before it, an order after "so", a polite question that asks for a colleague's access or for
the plan to be set up, the plan asked openly as the status card; and what only looks like
them: something that stopped working is a problem, not a request to stop the plan."""

from __future__ import annotations

import pytest

from bot.conversation.back_orders import cancels_something_else, order_referring_back
from tests.conftest import assert_label, decision_in_dm


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Premium it is. Sign us up!", ("upgrade", "premium", "Sign us up for Premium!")),
        ("our director approved premium support. Please switch us over.",
         ("upgrade", "premium", "Please switch us over to premium support.")),
        ("premium didn't make the cut this year. can you cancel it so we aren't charged again",
         ("cancel", None, "can you cancel premium so we aren't charged again")),
        ("standard is plenty for us. switch us over.",
         ("cancel", None, "switch us over to standard.")),
        ("premium. we need it. turn it on.", ("upgrade", "premium", "turn on premium.")),
        ("the premium plan was a waste for us this year. kill it.",
         ("cancel", None, "kill premium.")),
        ("standard covers everything we need these days, so move us over to it.",
         ("cancel", None, "move us over to standard.")),
    ],
)  # fmt: skip
def test_an_orders_it_is_the_plan_named_before_it(shipped_settings, text, expected):
    assert order_referring_back(text, shipped_settings) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the premium charge came twice. can you cancel it?",  # a charge: a refund is asked
        "orders stopped syncing after we got premium. can you fix it?",
        "is premium worth it? maybe. sign us up",  # a doubt before it
        "standard is fine. cancel it",  # nothing paid to leave
        "sign us up",  # nothing named
        "we got premium last year and the sync ticket is still open. can you close it?",
    ],
)
def test_an_it_that_stands_for_something_else_orders_nothing(shipped_settings, text):
    assert order_referring_back(text, shipped_settings) is None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("premium support is great. there's a duplicate order #44812 stuck in our queue "
         "though, can you cancel it?", True),
        ("We were charged $399 twice for premium this month. Please cancel the second charge.",
         True),
        ("the old Amazon integration is no longer needed, remove it please.", True),
        ("premium is great but the auto-renewal reminder emails are annoying, can you turn "
         "them off?", True),
        ("Premium renewal invoice INV-2231 has a typo in the PO number. cancel it and reissue.",
         True),
        # the plan itself
        ("cancel premium and refund the charge", False),
        ("our orders are fine, but premium is too expensive. cancel it", False),
        ("cancel our premium renewal", False),
    ],
)  # fmt: skip
def test_a_cancel_of_something_else_is_not_the_plans(shipped_settings, text, other):
    assert cancels_something_else(text, shipped_settings) is other


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the plan named before the order
        ("so the new CFO is reviewing every SaaS line item and premium support didn't make the "
         "cut, even tho the phone team has been great. can you cancel it so we aren't charged "
         "again next term", "action:cancel"),
        ("Hi there, after the outage last week our director approved premium support. Please "
         "switch us over. Cheers, Ana", "action:upgrade"),
        # the order after "so", the story before it
        ("anyway the team agreed we need the faster tier so just put us on premium already",
         "action:upgrade"),
        # a polite question that asks for it
        ("can we set up premium for our acct?", "action:upgrade"),
        ("could we add premium to our account?", "action:upgrade"),
        ("Hi, could my colleague <@U02MNO991> also get the billing permissions? Thank you!",
         "action:grant"),
        # the plan asked openly is its card
        ("what plan r we on rn", "action:status"),
        ("hey whats our plan rn", "action:status"),
        # other verbs and tails of an order
        ("can u flip our acct to the premium tier pls", "action:upgrade"),
        ("Can you take care of the premium subscription for our account?", "action:upgrade"),
        ("can we get premium turned on for our warehouse account?", "action:upgrade"),
        ("we want out of premium", "action:cancel"),
        ("could <@U05ABC123> get access to our billing page please?", "action:grant"),
        ("i want <@U06BBB222> to have billing access", "action:grant"),
        # "do it" after what was asked; "reverse that" after the plan told cancelled
        ("Is it possible to just do the premium upgrade from here in Slack instead of me "
         "digging through Profile & Billing? If yes, please go ahead and do it.",
         "action:upgrade"),
        ("Our finance guy went in and cancelled our Premium without asking anyone. Please "
         "reverse that, we want it to auto-renew.", "action:resume"),
        # a colleague's access asked in a sentence of its own: another sentence's time is not it
        ("I'm going on leave starting next week and <@U05RT6Y2NMB> is covering for me. Can you "
         "set him up with billing access?", "action:grant"),
        # something that stopped working is support's, not a request to stop the plan
        ("orders stopped syncing after we got premium. can you fix it?", "handoff:support"),
        ("our Amazon auto renew of listings stopped working", "handoff:support"),
        ("the integration is down, nothing is syncing!!!", "handoff:support"),
        ("orders from our Shopify store haven't been pulling into the WMS since 6am. nothing in "
         "the error log. need someone to look at this NOW", "handoff:support"),
        ("Product aliases are mapping wrong, an ASIN is matched to the wrong SKU. who can help "
         "me with this?", "handoff:support"),
        ("the auto renew of our eBay listings quit working again", "handoff:support"),
        # a team called for by name is no question about the account's phone code
        ("$1199 is fine but we'd like a bundled deal. Can someone from sales give me a call?",
         "handoff:sales"),
        ("what's the situation on our account support-wise? active, cancelled, renewing?",
         "action:status"),
        # more ways of saying it (blind batches 32 and 33)
        ("Reverse the Premium cancellation. Renewal is approved.", "action:resume"),
        ("Do not renew Premium support. Not in next year's budget.", "action:cancel"),
        ("could we get bumped up to premium support? boss finally said yes lol", "action:upgrade"),
        ("we've been on the free support forever and honestly it's time. switch us to the paid "
         "one", "action:upgrade"),
        ("I cancelled premium last month but I've changed my mind, can we keep it after all?",
         "action:resume"),
        ("Hey, turns out I jumped the gun cancelling premium last month. Can we undo that and "
         "keep it going?", "action:resume"),
        ("Let's get the Premium plan going on our account and charge the card we've got on file.",
         "action:upgrade"),
        ("we lost half a day waiting on a ticket. Please put us on Premium support, today if "
         "possible", "action:upgrade"),
        ("can I get on a call with your sales team sometime this week?", "handoff:sales"),
        # a paid tier named by its price said as a plan's (app.yaml's price_cents)
        ("sign us up for the $399 one", "action:upgrade"),
        ("Approved. Proceed with the $1199 annual support plan for the warehouse account, "
         "charge the card on file.", "action:upgrade"),
        ("Is it possible to get Premium support set up straight from this chat? If yes, go "
         "ahead and do it.", "action:upgrade"),
        ("Quick one: we'd like to subscribe to Premium Support with the 1-year contract. Can you "
         "take care of that for us?", "action:upgrade"),
        ("my director said \"get us phone support, whatever it costs\". so... that's what i'm "
         "asking for. premium, please.", "action:upgrade"),
        ("hi, can Marco (<@U07ABQ93RS>) get billing permissions too?", "action:grant"),
        ("1199/yr is steep for a warehouse our size. is there a person I can negotiate that "
         "with?", "handoff:sales"),
        ("INVENTORY SYNC IS SETTING EVERYTHING TO 0 ON AMAZON!!! help", "handoff:support"),
        ("Nothing in the error log, but none of our Amazon orders have imported since Friday.",
         "handoff:support"),
        # ... while stopping the renewal or the charges still is one
        ("stop renewing premium please", "action:cancel"),
        ("stop charging us for premium", "action:cancel"),
        # a cancellation told, and its undoing asked (its typo respelled, eleventh session): a
        # resume, never a cancel by the story's words
        ("ugh. whoever cancelled our premium support, it wasn't me. pls revrse that",
         "action:resume"),
    ],
)  # fmt: skip
def test_orders_are_read_with_what_surrounds_them(shipped_services, text, label):
    assert decision_in_dm(shipped_services, text) == label, text


@pytest.mark.parametrize(
    "text",
    [
        "can <@U02MNO991> get billing access if she is not an admin?",  # asks whether
        "can <@U02MNO991> see our invoices?",
        "can we buy premium with a PO?",  # asks how it may be paid
        "what tier are we on if we cancel?",
        "what plan are we on with FedEx for shipping rates? the labels look expensive",
        "could we add premium to our account? asking for a quote first, please don't turn it on "
        "yet.",
        "We were charged $399 twice for premium this month. Please cancel the second charge.",
        "should we upgrade to premium? do it",  # only wondered about
        "premium was cancelled and we were charged anyway. reverse it",  # the charge
        "set <@U0X> up with billing when she starts",
        "upgrade us to premium when the budget is approved",
        "why don't you renew premium automatically?",
        "my boss said do not renew premium",
        "do not cancel, just tell me the date",
        "we were charged $399 twice",
        "is the 399 plan worth it?",
    ],
)
def test_questions_beside_those_orders_change_nothing(shipped_services, text):
    assert not decision_in_dm(shipped_services, text).startswith("action:"), text


@pytest.mark.parametrize(
    ("state_text", "expect"),
    [
        ("we want premium, not standard. move us over", "!action:cancel"),
        ("we want to stop using premium", "action:cancel"),
        ("stop getting charged for premium", "action:cancel"),
        ("Premium support has been great. The daily digest is spamming us. Can you stop it?",
         "!action:cancel"),
        ("Bitte kündigen Sie Premium nicht, wir brauchen es noch.", "!action:cancel"),
        ("Por favor no lo cancelen, queremos seguir con premium.", "!action:cancel"),
        ("Non annullate il premium per favore", "!action:cancel"),
        ("Premium niet opzeggen alstublieft", "!action:cancel"),
        ("Können Sie mir sagen, wie ich Premium kündigen kann?", "!action:cancel"),
        ("Pouvez-vous me dire comment annuler premium?", "!action:cancel"),
        ("Mi jefe quiere cancelar premium, pero yo no. No hagan nada todavía.", "!action:cancel"),
        ("Pouvez-vous m'expliquer comment souscrire premium?", "!action:upgrade"),
        ("Premium would be a game changer for us, but we can't afford it right now.",
         "!action:upgrade"),
        ("Please email me the cancellation policy for premium. Do it now please.",
         "!action:cancel"),
        ("Can you email our CFO the premium upgrade pricing? Please do it asap",
         "!action:upgrade"),
        ("How much does the premium upgrade cost? go ahead", "!action:upgrade"),
        ("premium is fine. the beta inventory forecast is buggy, kill it please",
         "!action:cancel"),
        ("premium includes a dedicated onboarding session, right? please set it up",
         "!action:upgrade"),
        ("our shopify store is on the $399 plan. switch us over", "!action:upgrade"),
        ("Upgrade us to premium as soon as the PO is approved.", "!action:upgrade"),
        ("Go premium assuming the budget is approved.", "!action:upgrade"),
        ("Do not renew premium until I confirm with finance.", "!action:cancel"),
        ("please do not renew premium support without my sign-off", "!action:cancel"),
        ("can we add premium to our other account?", "!action:upgrade"),
        ("Not until January. Premium, please.", "!action:upgrade"),
        ("My CFO hasn't signed off. Premium, please.", "!action:upgrade"),
        ("Put us on premium and email me the quote before charging anything", "!action:upgrade"),
        ("Put <@U0ANA> on billing. But only after her probation ends next month.",
         "!action:grant"),
        ("can <@U0BOB> get billing access? no wait, don't.", "!action:grant"),
        ("Can <@U0BOB> have billing access? Or is that admin-only?", "!action:grant"),
        ("Can <@U0BOB> get billing access? Or should it be <@U0ANA>?", "!action:grant"),
        ("can we resume premium after cancelling it, or is it gone for good once the term ends?",
         "!action:resume"),
        ("The cancellation email for premium went to the wrong person. can you reverse that",
         "!action:resume"),
        ("cancel premium and delete my login", "action:cancel"),
        ("we're done, cancel premium and stop the emails", "action:cancel"),
        ("cancel the plan, remove the card", "action:cancel"),
        ("We haven't opened a single ticket in a year. Please cancel this plan.",
         "action:cancel"),
        ("we dont use the phone line at all, nobody ever calls. cancel that premium thing so it "
         "dont auto charge us again", "action:cancel"),
    ],
)  # fmt: skip
def test_the_fifth_sessions_review_counter_examples(shipped_services, state_text, expect):
    """helper-73 read this session's readings and found each of these misread: the opposite
    change, a change nobody asked for, a request lost. "!label" must not be the decision."""
    assert_label(decision_in_dm(shipped_services, state_text), expect, state_text)
