"""A change mentioned but not asked for changes nothing and quotes nothing: a question after a
dash-set greeting, a mistake owned up to ("wrong slack, ignore"), a wait for the asker's word, a
complaint about the doing itself, "don't touch anything". And the reverse: a reason that negates
the way down ("we don't want to drop to standard") does not take back a move up or back, and a
greeting before "can you…" leaves a request a request. Another company's plan ("our Shopify
plan"), a relative's or a separate company's, is not ours to change. (The shapes of helpers
150, 152, 153 and 157's blind negation sets, 2026-12-07, in words of our own.)"""

from __future__ import annotations

import pytest

from tests.test_two_asks import assert_decides


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("quick question – would cancelling end our phone line straight away?", "premium",
         "none"),
        ("hi team — does upgrading restart the contract year?", "standard", "none"),
        ("cancel premium asap pls… sorry, wrong workspace, ignore", "premium", "none"),
        ("upgrade us once I say so, not before. just reading up for now", "standard", "none"),
        ("we'll do it when we give the go, not today: upgrade to premium", "standard", "none"),
        ("stop cancelling things on us!! <@U0AB12CD> lost the reports page again", "premium",
         "none"),
        ("stop revoking access every time someone logs in from a new laptop", "premium", "none"),
        ("still deciding on renewal honestly. don't touch anything yet", "premium", "none"),
        ("we're on the fence about premium, upgrade?", "standard", "none"),
        # ... and the orders beside them
        ("Been on the fence for weeks - upgrade us to Premium pls", "standard", "action:upgrade"),
        ("changed my mind, put premium back on please, we don't want to drop to standard",
         "cancelled", "action:resume"),
        ("hey can you cancel premium, we're moving to another tool", "premium", "action:cancel"),
        ("hey there can you remove <@U0AB12CD>'s billing access, she moved teams", "premium",
         "action:revoke"),
        # helper-152's set: another company's plan, a plan that is not happening, a double
        # negative, a refusal told
        ("our Shopify plan renews next week, can you cancel that renewal for us?", "premium",
         "none"),
        ("Our NetSuite license is too small for us now, can you upgrade it?", "standard", "none"),
        ("premium, the phone line, 4-hour replies: love it all. none of it is happening this "
         "quarter though", "standard", "none"),
        ("i don't not want premium, we just can't this quarter", "standard", "none"),
        ("my coworker asked can u cancel premium today, i said no way", "premium", "none"),
        # ... and orders: a disclaimer, a quoted approval with its own "don't", a mind changed,
        # regret, a member kept while billing goes, a refusal of the way down
        ("not trying to be pushy but <@U0AB12CD> shouldn't see invoices anymore. take away her "
         "billing access", "premium", "action:revoke"),
        ("> *Raj (finance):* ok, approved. don't let it renew silently though\n\nthere's the "
         "sign-off. please go ahead with the premium upgrade", "standard", "action:upgrade"),
        ("my manager said wait until spring but she just changed her mind. upgrade us to premium "
         "now please", "standard", "action:upgrade"),
        ("honestly not sure why we waited this long. please upgrade us to premium", "standard",
         "action:upgrade"),
        ("revoke billing access for <@U0AB12CD> please. don't remove her from the account, only "
         "billing", "premium", "action:revoke"),
        # (asked first where the learned odds doubt the order its reason negates: one click to
        # the Confirm card, unsure_orders.py)
        ("the new CFO says no way we go back to slow replies. please resume premium", "cancelled",
         "clarify"),
        ("please upgrade us to premium, we run two Shopify stores and need the phone line",
         "standard", "action:upgrade"),
        ("cancel our Integration Manager premium plan please", "premium", "action:cancel"),
        # a later time the order opens with, a card to be mended first, advice asked on the
        # order (the development attack sets' shapes): the bot cannot schedule, and quotes now
        ("next week pls cancel our premium", "premium", "none"),
        ("Come March, move us up to premium", "standard", "none"),
        ("upgrade us to premium once my new card is added", "standard", "none"),
        ("Cancel premium. Are we being too hasty?", "premium", "none"),
        ("Upgrade us to premium. Overkill for a team of two?", "standard", "none"),
        ("could you walk us through upgrading to premium?", "standard", "none"),
        ("can you show me how to cancel premium?", "premium", "none"),
        # ... and the orders beside them: a date told, a renewal to stop, a reason, a question
        ("Tomorrow is our renewal date, please cancel premium today", "premium", "action:cancel"),
        ("cancel premium so it doesn't renew next month", "premium", "action:cancel"),
        ("Premium is overkill for us, take us back to standard", "premium", "action:cancel"),
        ("please upgrade us to premium. would you recommend merchant or warehouse pricing for a "
         "3PL?", "standard", "action:upgrade"),
        # helper-153's set: an order in quotes with an apostrophe inside, nobody cancelling, a
        # thought let go; and regret before a real order
        ("my manager shouted 'cancel it all, we're done' at the printer. not the support plan",
         "premium", "none"),
        ("renewal reminder emails again. we know, we're renewing, no one is cancelling",
         "premium", "none"),
        ("thought about switching to premium but nope, standard is fine", "standard", "none"),
        ("honestly not sure why we cancelled, we call the line weekly. please reinstate premium",
         "cancelled", "action:resume"),
        # helper-154's review: real orders beside the words those rules look for
        ("Please cancel our subscription, our Shopify store is closing down", "premium",
         "action:cancel"),
        ("We just connected our Amazon account and volume doubled, please upgrade us",
         "standard", "action:upgrade"),
        ("Please cancel the Acme Corp subscription, we are closing the business", "premium",
         "action:cancel"),
        ("Billing access went to the wrong person. Remove <@U0AB12CD>'s billing access",
         "premium", "action:revoke"),
        ("I clicked the wrong tab and cancelled by mistake, please turn premium back on",
         "cancelled", "action:resume"),
        ("Upgrade us to premium. The renewal reminder emails you can ignore", "standard",
         "clarify"),
        ("Orders sat unanswered for days. This is not going to happen again, so cancel premium.",
         "premium", "clarify"),
        ("Phone support? it's not happening for us. cancel premium please", "premium",
         "action:cancel"),
        ("Premium used to be overkill for us, can you upgrade us now?", "standard",
         "action:upgrade"),
        ("Please cancel premium. Do you recommend we export our tickets first?", "premium",
         "action:cancel"),
        ("Nobody is cancelling, the renewal failed because of the card. Please turn premium "
         "back on.", "cancelled", "action:resume"),
        ("Tomorrow, we go live on Amazon. Please upgrade us to premium now", "standard",
         "action:upgrade"),
        ("Cancel premium please, but don't touch my colleague's billing access", "premium",
         "action:cancel"),
        ("> Dana: we might upgrade to premium next year\nplease upgrade us to premium now",
         "standard", "action:upgrade"),
        ("switch us to premium as soon as our card is valid again", "standard", "none"),
        # the development attack sets' arguments, drafts, marked sarcasm and orders taken back
        ("Just for the sake of argument: cancel our premium plan", "premium", "none"),
        ("drafting an email to finance here - upgrade us to premium effective today", "standard",
         "none"),
        ("cancel premium since the phone line is sooo helpful /s", "premium", "none"),
        ("Cancel premium. Not really, the phone line saved us twice this month.", "premium",
         "none"),
        ("Upgrade us to premium. Only after the audit though.", "standard", "none"),
        ("upgrade us to premium - wait, no, cancel that order", "standard", "none"),
        ("I'm not really sure we need premium anymore, cancel it", "premium", "action:cancel"),
        ("do we still need premium? not really. cancel it please", "premium", "action:cancel"),
        ("Drafting an email to finance about this, but please cancel premium today", "premium",
         "action:cancel"),
        ("Cancel premium. Assuming that's fine, thanks", "premium", "action:cancel"),
        # helper-156's probes: "now" in the order outweighs a time beside it; "not really" or
        # "not yet" as the start of a reason; a debate that is over; a revoke meanwhile; and
        # another company's plan named whole, a later day after the order, a wish disputed
        ("Next week is Black Friday. Upgrade us to premium today.", "standard", "action:upgrade"),
        ("Next month our budget gets cut, so cancel premium now please", "premium",
         "action:cancel"),
        ("Please cancel premium. Not really using it, we're too small", "premium",
         "action:cancel"),
        ("I was playing devil's advocate earlier, but no, we really do want to cancel premium. "
         "Do it.", "premium", "action:cancel"),
        ("Revoke <@U0AB12CD>'s billing access. Pending his exit interview he shouldn't see "
         "invoices", "premium", "action:revoke"),
        ("Cancel our Shopify Plus plan please", "premium", "none"),
        ("cancel the Klaviyo premium plan", "premium", "none"),
        ("Cancel premium after the holidays", "premium", "none"),
        ("Upgrade us to premium after Q4", "standard", "none"),
        ("My colleague wants me to upgrade us to premium. I'm not convinced.", "standard",
         "none"),
        ("cancel premium please. next month we move to a new tool", "premium", "action:cancel"),
        ("Our Shopify plan is Advanced, can you upgrade it to Plus?", "standard", "none"),
        # fifteenth session (helper-157's set F and the development attacks' shapes, in words of
        # our own): a scene imagined, a rehearsal, a reminder, a decision still to be made, a
        # relayed order refused, a relative's or a separate company's plan, someone to talk to
        # first; and orders: a sincerity, a negated way down, an earlier message set aside
        ("Supposing the audit goes fine, move us to premium", "standard", "none"),
        ("In an ideal world we'd upgrade to premium, budget says otherwise", "standard", "none"),
        ("This is a dry run of the bot: upgrade us to premium", "standard", "none"),
        ("remind me to cancel premium in april", "premium", "none"),
        ("cancel premium since the CFO will decide on it next week", "premium", "none"),
        ("Resume premium. Contingent on the renewal budget.", "cancelled", "none"),
        ("Resume premium support. Belay that, we're not ready.", "cancelled", "none"),
        ("<@U0AB12CD> says she asked you to cancel premium. please don't, it's not her call",
         "premium", "none"),
        ("Sam wants premium cancelled. Don't.", "premium", "none"),
        ("My cousin's shop uses you too, can you upgrade her plan to premium?", "standard",
         "none"),
        ("cancel premium for Northwind, they're a separate company from us", "premium", "none"),
        ("We'll handle it ourselves on our end, just tell me where to resume premium",
         "cancelled", "none"),
        ("cancel premium, I'm not kidding", "premium", "action:cancel"),
        ("we don't want to go back to standard, please turn renewal back on", "cancelled",
         "action:resume"),
        ("please disregard my earlier message and cancel premium", "premium", "action:cancel"),
        # (a person waved off beside the order: hurry.unhurried reads it without them)
        ("no need to talk to sales first, just upgrade us to premium", "standard",
         "action:upgrade"),
        ("the board approved it last week, upgrade us to premium now", "standard",
         "action:upgrade"),
        # helper-163's review: "I'm kidding" takes back, "keep it" after "belay that" keeps the
        # taking back, another account of the customer's own is no other party's, a case
        # supposed is no undo; and a doubt or an apology before "but" or a dash takes back
        # nothing ordered after it (while a negation there of the thing ordered still does)
        ("cancel premium. I'm kidding", "premium", "none"),
        ("cancel premium. belay that, keep it", "premium", "none"),
        ("Our Denver warehouse has its own account now, so please cancel premium on this one.",
         "premium", "action:cancel"),
        ("in case we need to undo the cancellation next month, is that possible?", "cancelled",
         "none"),
        ("sorry, not sure I can ask this here — please let <@U0AB12CD> manage billing too",
         "standard", "action:grant"),
        ("we've decided NOT to let premium run out — go ahead and switch the renewal back on",
         "cancelled", "action:resume"),
        ("maybe i'm overthinking it but go ahead and upgrade us to premium", "standard",
         "action:upgrade"),
        ("I really don't want to upgrade, but can you tell me the price", "standard", "none"),
        ("our shipping label came out wrong, but please cancel it and make a new one", "premium",
         "none"),
        ("cancel premium but keep it until the term ends, can we?", "premium", "none"),
        # session 15, later: nothing left to do; a second change named back, the first one run
        ("<@U0AB12CD> already took herself off billing, so nothing to do there. does she still "
         "see invoices?", "premium", "none"),
        ("remove <@U0AB12CD>'s billing access, nothing else needed", "premium", "action:revoke"),
        ("cancel premium and remove <@U0AB12CD>'s billing access, she left", "premium",
         "action:cancel"),
    ],
)
def test_a_mention_is_no_order_and_an_order_stays_one(request_world, text, state, expect):
    assert_decides(request_world, text, state, expect, hash(text) % 10_000)


def test_a_run_of_underscores_is_read_in_one_pass():
    """helper-154 timed "ab____…cd" (39,000 marks) at 8.8 s in the another-company reading and
    5 s in the emphasis marks shorthand.py strips: both tried the run from every mark."""
    import time

    from bot.conversation.shorthand import spelled_out
    from bot.conversation.whose_plan import anothers_product, no_company_words

    text = "please cancel it ab" + "_" * 39_000 + "cd"
    started = time.perf_counter()
    spelled_out(text)
    anothers_product("cancel", text, no_company_words(("Integration Manager",)), ("premium",))
    assert time.perf_counter() - started < 1.0
