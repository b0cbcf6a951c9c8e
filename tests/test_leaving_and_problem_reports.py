"""Customers leave a plan in many words besides "cancel", and report product problems as
statements rather than questions. Both must land where a support agent would put them: a
cancellation offered with its Confirm button, or a ticket for support; and neither may be
stretched to something else ("switch the shipping method to standard" moves no plan)."""

from __future__ import annotations

import pytest

from tests.conftest import turn_in_dm


@pytest.mark.parametrize(
    "text",
    [
        "please unsubscribe our company from the premium plan",
        "we'd like to opt out of the premium renewal",
        "we're dropping premium support at the end of the term, please handle it",
        "take our account off premium support",
        "Please discontinue Premium Support for our account. Thank you.",
        "cancel our Integration Manager premium support",
        "cancel premium for store 2",
        "To whom it may concern, please cancel our premium plan.",
    ],
)
def test_leaving_the_paid_tier_in_other_words_is_a_cancellation(shipped_services, text):
    """(a store or the product named beside the plan is still the plan: helper-52)"""
    assert turn_in_dm(shipped_services, text).decision.label == "action:cancel", text


@pytest.mark.parametrize(
    "text",
    [
        "my colleague wants to go premium. I don't.",
        "switch the shipping method to standard",
        "set the carrier service to premium for order 1234",
        "set shipping to standard for all orders",
    ],
)
def test_someone_elses_wish_refused_or_another_thing_moved_changes_nothing(
    shipped_services, text
):
    assert turn_in_dm(shipped_services, text).decision.kind != "action", text


@pytest.mark.parametrize(
    "text",
    [
        "tracking numbers not posting back to bigcommerce since this morning",
        "the integration is down, nothing is syncing!!!",
        "Inventory counts are wrong on eBay after last night's sync :rotating_light:",
    ],
)
def test_a_product_problem_told_goes_to_support_as_a_ticket(shipped_services, text):
    turn = turn_in_dm(shipped_services, text)
    assert turn.decision.label == "handoff:support", (text, turn.decision.label)
    assert any(reply.kind == "ticket" for reply in turn.replies)


@pytest.mark.parametrize(
    "text",
    [
        "inventory counts all went to zero after the sync :scream: can someone from support check",
        "could somebody on your team look at order 5512? it shipped twice",
        # support's people named: support's, though "losing sales" names sales too
        "can i get a real support person? tracking numbers aren't going back, we're losing sales",
        "can we get a live agent? orders are stuck",
        # support's people named in a problem report: support's, whatever the intents say
        "Hello, tracking numbers are not pushed back to our WooCommerce store since 2 days. "
        "Please somebody from support contact me. Thank you, Aleksandra",
        "can a real human from support ping me? the bot isn't cutting it",
    ],
)
def test_a_person_asked_for_in_words_gets_a_ticket_however_far_from_the_examples(
    shipped_services, text
):
    """ "can someone from support check it" asks for a person even when no handoff example is
    close; support's, since sales is not named."""
    turn = turn_in_dm(shipped_services, text)
    assert turn.decision.label == "handoff:support", (text, turn.decision.label)


@pytest.mark.parametrize(
    "text",
    [
        "can someone from support tell me how to cancel premium?",
        "I need a meeting with the CFO before we upgrade, so hold off for now",
        "we need a call with the board first, then we'll decide on premium",
    ],
)
def test_a_person_only_mentioned_or_asked_to_tell_is_no_handoff(shipped_services, text):
    """From helper-52's review: asked to be told, the article may tell; a meeting with one's
    own CFO is no call for our people."""
    assert turn_in_dm(shipped_services, text).decision.kind != "handoff", text


@pytest.mark.parametrize(
    "text",
    [
        "Bonjour, my colleague has cancelled our premium by error last week. Please restore it "
        "before it is expiring. Merci",
        "My colleague cancelled our premium support two weeks ago, but this was a mistake. Can "
        "you please restore it so it continues like before?",
        "hey can you turn premium back on so it renews again? boss reversed the decision lol",
    ],
)
def test_restoring_a_plan_cancelled_by_mistake_is_resuming_it(shipped_services, text):
    assert turn_in_dm(shipped_services, text).decision.label == "action:resume", text


@pytest.mark.parametrize(
    "text",
    [
        "the order got cancelled by shopify, can you restore it?",
        "I cancelled the sync job by accident, please restore it",
        "the integration was cancelled by my coworker, pls restore it",
        "we cancelled the carrier account by error, restore it please",
        "we might restore premium later, for now nothing",
        "i think we should restore premium someday",
        "order 5512 got cancelled by shopify, can you restore it?",
        "the user invite was cancelled, can you restore it",
        "can you restore the plan settings we had before the migration",
        "Can you restore our premium phone code? I forgot it.",
    ],
)
def test_restoring_something_else_or_some_other_time_resumes_nothing(shipped_services, text):
    """From helper-50's attack on the restoring words: what was cancelled is the plan only when
    the message says so, and a restoring wished for later is not asked now."""
    assert turn_in_dm(shipped_services, text).decision.kind != "action", text


def test_a_problem_the_articles_answer_surely_keeps_its_answer(shipped_services):
    """The billing-access article answers why the Change Support Tier button is missing."""
    turn = turn_in_dm(shipped_services, "I don't see the Change Support Tier button")
    assert turn.decision.kind == "answer"


@pytest.mark.parametrize(
    "text",
    [
        "we are dropping premium support, please handle it",
        "Hello team, unsubscribe us from premium please",
        "we have decided to discontinue premium support",
    ],
)
def test_leaving_said_by_the_asker_is_a_cancellation_not_an_upgrade(shipped_services, text):
    """The tier's name made these look like upgrades to the intents; the leaving verb says
    which way the plan goes."""
    assert turn_in_dm(shipped_services, text).decision.label == "action:cancel", text


@pytest.mark.parametrize(
    "text",
    [
        "I heard you are discontinuing premium support",
        "my boss is dropping premium, not my call",
        "we're not dropping premium, just asking",
        "we won't be leaving premium",
        "should we drop premium?",
        "we are thinking of dropping premium",
    ],
)
def test_leaving_told_of_others_negated_or_wondered_changes_nothing(shipped_services, text):
    assert turn_in_dm(shipped_services, text).decision.kind != "action", text


@pytest.mark.parametrize(
    "text",
    [
        "we want our premium back",
        "bring back premium please, cancelling was a mistake",
        "stop the cancellation of our premium support",
        "please reverse the downgrade to standard",
    ],
)
def test_wanting_the_cancelled_plan_back_is_resuming_it(shipped_services, text):
    assert turn_in_dm(shipped_services, text).decision.label == "action:resume", text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Stop <@U0SAM> from seeing our invoices", "action:revoke"),
        ("please keep <@U0SAM> out of billing from now on", "action:revoke"),
        ("the bot removed <@U0SAM>'s billing access by mistake, she needs it back", "action:grant"),
        ("I cancelled premium by accident, can you undo?", "action:resume"),
    ],
)
def test_the_words_say_which_way_access_or_an_accident_goes(shipped_services, text, label):
    """The nearest example says the opposite ("let <@U0ANA> see our invoices", "remove billing
    access"); the words decide."""
    assert turn_in_dm(shipped_services, text).decision.label == label, text


@pytest.mark.parametrize(
    "text",
    [
        "<@U0SAM> is a billing nightmare lol",
        "Someone on our team said 'just cancel premium lol' but we're not going to",
        "My coworker <@U0SAM> asked: \"can we resume premium?\" I told him to ask you",
        "I accidentally clicked upgrade to premium in the portal. can you undo?",
        "Please stop the renewal reminder emails, we already renewed premium",
    ],
)
def test_quoted_words_accidents_and_mere_mentions_change_nothing(shipped_services, text):
    turn = turn_in_dm(shipped_services, text)
    assert turn.decision.kind != "action" or turn.decision.action == "status", text


def test_a_personal_question_near_an_articles_example_gets_the_accounts_own_figure(
    shipped_services,
):
    """ "What's my phone support code?" is as near the article's "where is my phone support
    code" as the personal "what is our phone support code": the asker's own code answers."""
    understood = shipped_services.conversation.understanding.read("What's my phone support code?")
    assert understood.decision.label == "personal:phone_code"


def test_thanks_then_a_request_in_its_own_piece_is_the_request(shipped_services):
    assert turn_in_dm(shipped_services, "thanks! also please cancel premium").decision.label == (
        "action:cancel"
    )
    assert turn_in_dm(shipped_services, "Thanks. Please don't cancel premium").decision.kind != (
        "action"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Please unsubscribe me from your product newsletter.",
        "Bring back the old order screen layout please",
        "Undo the cancellation of order 88812, the buyer changed her mind",
        "Reverse the downgrade of our WooCommerce plugin version",
        "The inventory sync resumed on its own, thanks",
        "<@U0SAM> has billing access and should keep it",
        "<@U0SAM> wanted me to remove her billing access but she changed her mind, so leave it",
        "<@U0SAM> wants to cancel premium, but I need to think about it first",
        "We nearly cancelled premium last spring, glad we kept it",
        "Please stop your premium support team from calling our warehouse, email works",
    ],
)
def test_cancel_resume_and_access_words_about_other_things_change_nothing(shipped_services, text):
    """From helper-36's attack from outside: the plan must be what a cancellation or a
    resumption changes, and a told, withdrawn or put-off wish is nobody's request."""
    turn = turn_in_dm(shipped_services, text)
    assert turn.decision.kind != "action" or turn.decision.action == "status", (
        text,
        turn.decision.label,
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("After a budget review we have decided to stop paying for Premium support.", "cancel"),
        ("We are downsizing, so we have to give up premium support.", "cancel"),
        ("Make <@U0SAM> unable to see our invoices.", "revoke"),
        ("<@U0SAM> left the company. Make sure she can't see our payment info.", "revoke"),
    ],
)
def test_leaving_and_denying_are_never_read_as_their_opposites(shipped_services, text, label):
    assert turn_in_dm(shipped_services, text).decision.label == f"action:{label}", text


@pytest.mark.parametrize(
    "text",
    [
        "None of our Etsy orders came in this morning.",
        "Packing slips haven't printed since yesterday's update.",
        "Our Amazon orders are coming in twice.",
        "the tracking numbers dont post back to walmart, pls help",
    ],
)
def test_more_product_problems_told_go_to_support(shipped_services, text):
    assert turn_in_dm(shipped_services, text).decision.label == "handoff:support", text


def test_a_status_request_does_not_outweigh_a_personal_question_in_one_clause(shipped_services):
    """ "Which card do we have on file for the support subscription? I need the last four
    digits" resembles "what does our support subscription look like" (a status) as a whole;
    showing the status is no answer to the card asked in its clause."""
    text = (
        "Hi,\n\nWhich card do we currently have on file for the support subscription? "
        "I need the last four digits for our books.\n\nThanks,\nAna"
    )
    understood = shipped_services.conversation.understanding.read(text)
    assert understood.decision.label == "personal:card"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We run a warehouse. Premium support cost for a warehouse account pls", "answer"),
        ("premium pricing please", "answer"),
        ("upgrade us to premium, whatever the price", "action"),
    ],
)
def test_a_price_asked_for_is_answered_and_an_order_with_a_price_is_an_order(
    shipped_services, text, kind
):
    assert turn_in_dm(shipped_services, text).decision.kind == kind, text


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("don't take us off premium", "action:"),
        ("we're not dropping premium support, take care of it pls", "action:"),
        ("don't bring back our premium support plan", "action:resume"),
        ("don't stop <@U0SAM> from seeing our invoices", "action:revoke"),
        ("don't cut <@U0SAM> off from billing", "action:revoke"),
        ("please stop the cancellation emails, we already cancelled", "action:resume"),
        ("upgrade us to premium, <@U0SAM> shouldn't have to pay for phone calls", "action:revoke"),
        ("please cancel premium, <@U0SAM> should no longer pay for it", "action:revoke"),
        ("<@U0SAM> shouldn't have to do the FedEx rules, give her billing access", "action:revoke"),
        ("remove <@U0SAM>'s billing access, restore the default role", "action:grant"),
        ("we're leaving premium on for another year", "action:"),
        ("we are leaving premium support as is", "action:"),
        ("take us off premium, we love it... just kidding, keep it", "action:"),
        ("cancel premium and also, on second thought, keep it", "action:"),
        ('my boss wrote "cancel premium and also send the invoice" in the chat', "action:"),
    ],
)
def test_the_second_reviews_counter_examples_are_not_misread(shipped_services, text, wrong):
    """A fresh review of this change (helper-37) found each of these offering a change nobody
    asked for, or the opposite one: a negation before the new leaving words, a denial or a
    restoring said of something else, 'leaving premium on', a take-back after 'and also'."""
    assert not turn_in_dm(shipped_services, text).decision.label.startswith(wrong), text


@pytest.mark.parametrize(
    "text",
    [
        "cancel premium. undo" + " " * 40_000 + "x",
        "hi there also " * 3_000,
        "cancel premium and also " * 2_000,
        "don't stop <@U0X> from " * 2_000,
        "we're leaving premium " * 3_000,
        # the fifth session's readings: each "it" looking back, clauses after commas, the
        # other languages' words
        "cancel it " * 4_000,
        "premium, " * 5_000,
        "premium so " * 4_000,
        "por favor cancelar " * 3_000,
        # the twelfth session's: run-on stops, a detail's courtesy condition, polite orders
        "the free tier is slow get us on prem " * 1_000,
        "PO is 4471" + " " * 40_000 + "if you need it for your records",
        "PO is 4471 if you need it, " * 2_000,
        "We are on standard. Can you put us on premium support so" + " " * 40_000 + "we can call?",
        "upgrade, " * 4_000,
    ],
)
def test_hostile_messages_against_the_new_readings_are_read_in_one_pass(shipped_services, text):
    """The review found `undo` + 2,000 spaces took 13 s and 600 "also"s raised RecursionError;
    each is read whole, once, in well under a second."""
    import time

    started = time.perf_counter()
    shipped_services.conversation.understanding.read(text)
    assert time.perf_counter() - started < 5, "a hostile message must not take seconds"


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("<@U0SAM> left the company last week; she shouldn't see our invoices anymore.", "grant"),
        ("Please remove <@U0SAM>'s ability to see invoices and change our plan.", "grant"),
        ("<@U0SAM> left, but keep her billing access until the handover is done.", "revoke"),
        ("i want stop the premium, we not use the phone support", "upgrade"),
        (":no_entry: no upgrade for now :no_entry:", "upgrade"),
        ("No more upgrades needed, Premium is enough.", "upgrade"),
        ("neither cancel nor upgrade, just need the invoice copy", "upgrade"),
        ("Jane already granted Mike billing access yesterday so no action needed.", "grant"),
        ("Our previous admin cancelled the plan in 2024 and we came back.", "cancel"),
        ("my manager asked me to write about cancelling Premium. Don't process it yet.", ""),
        ("Our partner agency said they'd cancel our Premium, please wait for me to confirm.", ""),
        ("My accountant told me to revoke <@U0SAM>'s access, I'll confirm with HR first", ""),
        ("HR asked me to give <@U0SAM> billing access; I'll do it myself later.", ""),
        ("Cancel Premium, wait no, sorry, wrong chat.", ""),
        ("Please cancel the support call scheduled for Thursday.", ""),
        ("Cancel the Premium invoice that was sent twice, we only want one.", ""),
        ("Unsubscribe me from the newsletter, please. Premium stays.", ""),
        ("Before anyone cancels Premium, I want a meeting with sales.", ""),
        ("After the audit we'll probably want to revoke <@U0SAM>'s billing access.", ""),
    ],
)
def test_the_second_outside_attacks_wrong_changes_are_not_offered(shipped_services, text, wrong):
    """From helper-38's attack from outside (415 messages, all scored by `make eval`): the
    opposite change, or any change ('' below) where the person asked for none."""
    label = turn_in_dm(shipped_services, text).decision.label
    assert not label.startswith(f"action:{wrong}") or label == "action:status", (text, label)


def test_no_then_a_request_is_an_answer_and_a_request(shipped_services):
    """ "no" negates only the word right after it: "No, cancel it" still asks to cancel."""
    turn = turn_in_dm(shipped_services, "No, cancel premium please")
    assert turn.decision.label == "action:cancel"


def test_a_colleagues_accident_told_then_an_order_to_put_it_back(shipped_services):
    text = "oops my coworker cancelled our support plan, put it back"
    assert turn_in_dm(shipped_services, text).decision.label == "action:resume"


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Give <@U0DEV> billing access, they can no longer view the invoices", "action:grant"),
        ("Yes, no change to the card, just upgrade us to premium", "action:upgrade"),
        ("Upgrade us to premium asap, no sign-off needed", "action:upgrade"),
        ("Please cancel premium before anyone else gets charged", "action:cancel"),
        ("cancel premium, we'll wait for our refund", "action:cancel"),
        ("I couldn't do it myself, please cancel premium", "action:cancel"),
        # (asked first: the learned odds doubt an order beside "not the one who pays")
        ("I'm not the one who pays, but please cancel premium", "clarify"),
        ("Wait, no rush, upgrade us to premium", "action:upgrade"),
        ("Could you possibly upgrade us to premium today?", "action:upgrade"),
        ("cancel premium and return us to standard", "action:cancel"),
        ("Please process my cancellation request for the premium plan", "action:cancel"),
        ("Management gave the green light, we'd love premium support", "clarify"),  # (ditto)
        ("Hi! Sam removed the old card; we would like premium cancelled", "action:cancel"),
    ],
)
def test_the_third_reviews_real_requests_are_still_done(shipped_services, text, label):
    """A review of the hold-backs added for helper-38 (helper-39) found them too broad: each of
    these real requests was held back or turned around by one of them."""
    assert turn_in_dm(shipped_services, text).decision.label == label, text


@pytest.mark.parametrize(
    "text",
    [
        "We cancelled premium last month, take care",
        "we switched to premium last month, take a look at our invoice",
        "Jane granted <@U0SAM> billing access yesterday, make a note of it",
    ],
)
def test_a_told_story_and_a_pleasantry_change_nothing(shipped_services, text):
    assert turn_in_dm(shipped_services, text).decision.kind != "action", text


def test_a_wish_told_as_past_and_withdrawn_changes_nothing(shipped_services):
    """Found by helper-39 (it cancelled before this day too)."""
    turn = turn_in_dm(shipped_services, "I wanted to cancel premium but I don't anymore")
    assert turn.decision.kind != "action"


def test_a_human_in_sales_asked_for_in_a_chat_goes_to_sales(shipped_services):
    text = "can i chat to a real human in sales about bundling premium"
    turn = turn_in_dm(shipped_services, text)
    assert turn.decision.label == "handoff:sales"


@pytest.mark.parametrize(
    "text",
    [
        "Can I get a call with your sales team to go over pricing for our new brand launch?",
        "I'd like to set up a call with sales to discuss a multi-year deal instead of renewing",
        # a price to bargain over goes to sales though the message asks it
        "we run 14 warehouse accounts — is there any volume pricing on premium? would rather "
        "talk it through with someone in sales",
        "need a quote for premium for procurement",
    ],
)
def test_a_call_or_a_bargain_with_sales_goes_to_sales(shipped_services, text):
    assert turn_in_dm(shipped_services, text).decision.label == "handoff:sales", text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("what's our current support plan and when does it renew?", "action:status"),
        ("Can I get a quick overview of where our account stands? plan, renewal, all that",
         "action:status"),
        ("when does our plan renew?", "personal:renewal_date"),
        # the plan asked openly of the account is its card (as most writers of the blind
        # batches expect); which tier, or whether it is one, is the tier alone
        ("what plan are we on?", "action:status"),
        ("tell me what support tier we have, my manager is asking", "action:status"),
        ("which support tier are we on?", "personal:tier"),
        ("are we on premium or standard rn?", "personal:tier"),
        ("what tier are we on if we cancel?", "!action:status"),
        # the plan's state asked for in so many words, or asked about
        ("status check on our support tier pls", "action:status"),
        ("is our premium still active or did it lapse already", "action:status"),
        ("check our support tier for me real quick", "action:status"),
        ("what's the status of my ticket about the sync?", "!action:status"),
        ("we don't need premium, it's still renewing, please stop it", "!action:status"),
    ],
)  # fmt: skip
def test_the_plan_and_its_renewal_asked_together_get_the_status_card(
    shipped_services, text, label
):
    """One figure is a personal answer; the plan and when it renews together are the card."""
    label_now = shipped_services.conversation.understanding.read(text).decision.label
    assert label_now != label[1:] if label.startswith("!") else label_now == label, text
