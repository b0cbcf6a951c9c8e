"""Requests said so plainly that their shape names the action (bot/conversation/plain_requests.py),
and what only looks like them. The messages that must not act are from a stranger's attack on this
reading (helper-31, 2026-12-05; all 175 are scored by `make eval`, with a floor in
tests/test_quality_floors.py): a mention, a question, a condition, a refusal or someone else's
wish is no order, and every request still passes the core's checks (a taking back, Confirm)."""

from __future__ import annotations

import pytest

from bot.conversation.plain_requests import plain_request
from bot.conversation.put_off import not_asked_now
from tests.conftest import assert_label, decision_in_dm


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("go premium", "upgrade"),
        ("ok, go premium", "upgrade"),
        ("premium pls 🙏", "upgrade"),
        ("Hello, I would like to purchase the Premium Support for our company, please proceed.",
         "upgrade"),
        ("ok so go ahead and move us to premium, we need the phone line", "upgrade"),
        ("can you move us to premium? card's already on file", "upgrade"),
        ("convert our account to premium", "upgrade"),
        ("we'd like to go back to standard", "cancel"),
        ("<@U0DEV> needs to be able to change the support tier while im away, set him up", "grant"),
        ("<@U0PRIYA> is our new finance lead, she needs to see and change billing stuff", "grant"),
        ("can you put <@U0SAM> on billing", "grant"),
        ("<@U0SAM> is our new controller, set her up with billing", "grant"),
        ("<@U0SAM> needs his access revoked", "revoke"),
        ("<@U0SAM> should lose her billing access", "revoke"),
        ("can we keep premium after all? reverse the cancel", "resume"),
        ("Hi, could you reinstate our Premium subscription? We cancelled by accident.", "resume"),
        ("cancel the cancellation", "resume"),
        ("I want pass to premium support please, we are merchant. do it", "upgrade"),
        ("pls migrate our account to premium", "upgrade"),
        ("I'd like premium, please", "upgrade"),
        ("we would like premium for our account", "upgrade"),
        # the order after a clause of its own that holds nothing back
        ("ok we talked it over on our end, lets go premium", "upgrade"),
        ("ok fine, take my money, premium please", "upgrade"),
        ("we need more than standard, premium please", "upgrade"),
        ("peak is killing us :weary: just put us on premium already", "upgrade"),
        ("ok fine, we go premium. do it", "upgrade"),
        ("Kindly upgrade our subscription to the Premium tier with immediate effect.", "upgrade"),
        ("We want to go to premium, the standard is too slow for us.", "upgrade"),
        # "free" after an order's verb is the free tier; leaving at the term's end is a cancel
        ("downgrade to free", "cancel"),
        ("Premium is overkill for us, go back to the free one", "cancel"),
        ("Move us down to the free tier when the contract ends", "cancel"),
        # polite or asked: its own question mark is the order's
        ("Hi! Would it be possible to move our account onto the premium support plan?",
         "upgrade"),
        ("hey can we get premium support going? tired of waiting a whole day for replies",
         "upgrade"),
        ("Can we get Premium starting today? Our peak season starts next week", "upgrade"),
        ("lets go w/ the paid support plan, the warehouse one. not asking about price, just do it",
         "upgrade"),
        # helper-57's attack on these readings found these missed
        ("We'd like the premium support plan, please proceed.", "upgrade"),
        ("drop us to the free plan once this year's term runs out, pls set that up", "cancel"),
        ("pull <@U0ABC12>'s billing rights", "revoke"),
        ("restore <@U0XYZ99>'s permissions please, she's back from leave", "grant"),
        ("scratch that cancellation, we're staying on premium", "resume"),
        ("saw your note that the plan is cancelled - turn it back on pls", "resume"),
        ("switch us to standard at renewal", "cancel"),
        # keeping or bringing back the paid tier, and "resume it" once the plan is named
        ("We'd like to continue with Premium after all.", "resume"),
        ("Keep premium, we don't want it to end.", "resume"),
        ("Premium back on please.", "resume"),
        ("resume our premium subscription pls", "resume"),
        ("we want to not cancel the premium anymore. Please resume it.", "resume"),
        ("my assistant cancelled our premium by mistake. Can you turn it back on?", "resume"),
        ("We cancelled by mistake — can you restore the auto-renew?", "resume"),
        # what the colleague may do with billing, given or taken away
        ("pls let <@U0ABC12> manage the card on file", "grant"),
        ("Can you allow <@U0ABC12> to handle payments from now on?", "grant"),
        ("<@U0ABC12> should be able to update our credit card from now on.", "grant"),
        ("<@U0ABC12> needs to be able to manage our plan, can you set that up?", "grant"),
        ("I need <@U0ABC12> on billing", "grant"),
        ("<@U0ABC12> shouldn't be able to change our plan anymore.", "revoke"),
        ("Don't let <@U0ABC12> manage billing anymore.", "revoke"),
        ("<@U0ABC12> has billing access but shouldn't, please fix.", "revoke"),
        ("pls take away <@U0ABC12>'s billing permissions, he shouldn't be able to change our plan",
         "revoke"),
    ],
)  # fmt: skip
def test_a_plain_request_names_its_action(shipped_settings, text, action):
    found = plain_request(text, shipped_settings)
    assert found is not None and found.action == action, text


@pytest.mark.parametrize(
    "text",
    [
        "what happens when you go premium",
        "I'd like premium but it's too expensive",
        "pass on premium, thanks",
        "pass me to premium support please",
        "we'd like to go premium but can't afford it",
        "Our CFO said: go premium. I think it's a waste of money",
        "would u switch to premium if you were us?",
        "<@U0SAM> go premium",
        "go premium or not, that is the question",
        "switch the shipping method to standard",
        "please set the carrier to premium shipping",
        "thanks for the premium support today",
        "no premium please",
        "premium pls is what my boss keeps saying",
        "lol 'just go premium' is not an answer",
        "<@U0DEV> needs access to the FTP folder",
        "<@U0DEV> needs admin rights in Integration Manager to set up the Shopify connection",
        "I told <@U0DEV> she needs billing access to see invoices",
        "<@U0SAM> wants billing access but I said no",
        "<@U0DEV> needs billing access next month when she starts, I'll ping you then",
        "<@U0DEV> thinks he needs billing access",
        "I was told you can't undo the cancellation",
        "the undo cancellation button gives an error",
        "my colleague tried to reverse the cancel, please make sure it stays cancelled",
        "we cancelled premium but still got charged, please reverse it",
        # another sentence asks how to do it themselves
        "ok we decided to go premium. what are the steps to actually sign up?",
        "is it possible to switch tiers any time?",
        # a leading clause that reports, conditions or doubts keeps the order someone else's
        "Our CFO said: go premium",
        "if the PO clears, go premium",
        "not sure yet, maybe premium",
        "my boss thinks, premium please",
        "<@U0DEV> says: switch us to premium",
        # "free" names the free tier only as what an order moves to
        "switch to free shipping",
        "go to the free trial page",
        # a question about access, or someone told
        "does <@U0ABC12> have billing access?",
        "<@U0ABC12> needs billing access?",
        "I told <@U0ABC12> he should be able to update the card himself",
        "we need <@U0DEV> on the phone",
        # "resume it" and "turn it back on" say nothing of the plan by themselves
        "the order sync paused, can you resume it?",
        "our shopify orders got cancelled, can you turn it back on?",
        "we moved premium back to the old card",
        # the end of the term is a cancellation's timing, not an upgrade's
        "upgrade us to premium when the contract ends",
    ],
)
def test_a_mention_a_question_or_someone_elses_wish_is_no_plain_request(shipped_settings, text):
    assert plain_request(text, shipped_settings) is None, text


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ("subscribe us to Premium once the PO clears next quarter", True),
        ("we'd get phone support if we just go premium", True),
        ("I wonder whether we need to go premium", True),
        ("will u move us to premium when the trial ends?", True),
        ("we need faster ticket replies than this, go ahead and move us to premium now", False),
        ("upgrade us to premium, if possible today", False),
        ("lets go premium. happy to confirm if its the 399 one", False),
        ("we don't want premium to renew next year, please turn it off", False),
        # "by error" is "by mistake", not an error the product reported
        ("my colleague cancelled our premium by error, please restore it", False),
        # someone else's wish, disputed or passed on
        ("my boss would like to switch us to premium. I think it's a waste", True),
        ("my CFO would like to go back to standard but I think we should keep premium", True),
        ("my boss would like to switch us to premium, please do it", False),
        # leaving at the end of the term is what a cancellation does anyway
        ("we'd like to go back to standard once the current year is up, cancel it", False),
        ("please cancel premium at the end of the contract", False),
        ("cancel premium once the PO clears", True),
        # to be talked over first
        ("I'll bring up cancelling Premium with my boss next week and get back to you.", True),
        ("let me check with finance about upgrading and get back to you", True),
        ("Let's finish the migration first and then switch to premium in January", True),
        ("purchase Premium Support when we have budget", True),
        ("ok we talked it over, go ahead and upgrade us", False),
    ],
)
def test_a_change_wished_for_later_or_under_a_condition_is_not_asked_now(text, later):
    """Only the piece that names the change counts: a condition elsewhere in the message ("…
    than this, go ahead") is context, not a condition on the request."""
    assert not_asked_now(text) is later


def test_a_plain_order_through_the_core_waits_for_confirm_and_a_refusal_runs_nothing(
    shipped_services,
):
    from bot.billing.results import Actor
    from bot.conversation import Incoming, Place, Surface

    def dm(text: str, n: int):
        return shipped_services.conversation.handle(
            Incoming(text, Actor.slack("U0NEW", "T0NEW"), Place(f"D0PLN{n}", True), Surface.DM,
                     ts=f"{n}.1")
        )  # fmt: skip

    assert dm("don't go premium yet", 1).decision.kind != "action"
    assert dm("<@U0DEV> keeps asking for billing access, ignore him", 2).decision.kind != "action"
    assert dm("we will not undo the cancellation", 3).decision.kind != "action"
    turn = dm("go premium", 4)
    assert turn.decision.label == "action:upgrade"


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for upgrading us to Premium yesterday, the phone line is great",
        "Got the email that our premium was cancelled. All good",
        "Announcement :mega: we have cancelled premium support as of today",
        "I'd rather not upgrade right now",
        "I have no plans to cancel premium",
        "we're happy with premium, not cancelling, just wanted to say thanks",
        "<@U0ABC12> wants to cancel premium but I'm the owner and I say no",
        "Please give <@U0ABC12> access to the FTP credentials",
        "Grant <@U0ABC12> admin rights to the integrations, not billing",
        "close our account please, we're moving to another provider",
        # an action ruled out after it is named
        "un-cancelling isn't an option for us",
        "cancelling premium is out of the question, we love it",
        "upgrading isn't an option this year, budget is frozen",
        # access only told of, doubted, past or put off
        "I told <@U0DEV> she needs billing access to see invoices",
        "<@U0DEV> claims she should have admin rights",
        "<@U0SAM> must have had access when she changed our tier",
        "<@U0DEV> used to need billing access but not anymore",
        "<@U0DEV> needs billing access eventually, not today",
    ],
)
def test_thanks_news_refusals_and_other_access_change_nothing(shipped_services, text):
    """From helper-32's attack from outside (all 405 are scored by `make eval`): what was done
    and is thanked for or announced, a refusal, access to something that is not billing, and a
    move that names no better plan run nothing."""
    from bot.billing.results import Actor
    from bot.conversation import Incoming, Place, Surface

    turn = shipped_services.conversation.handle(
        Incoming(text, Actor.slack("U0NEW", "T0NEW"), Place("D0ATK", True), Surface.DM, ts="1.1")
    )
    assert turn.decision.kind != "action", (text, turn.decision.label)


def test_a_formal_request_asking_to_be_confirmed_is_done_and_a_negation_stays_in_its_sentence(
    shipped_services,
):
    """ "we hereby cancel our Premium Support subscription. Please confirm." asks for the doing
    ("can you confirm we will not be charged?" asks to be told); "<@U0X> doesn't work here
    anymore. Remove his billing access NOW." negates nothing it asks (blind batch 14, read
    after its one score)."""
    from bot.billing.results import Actor
    from bot.conversation import Incoming, Place, Surface

    def decide(text: str, n: int) -> str:
        turn = shipped_services.conversation.handle(
            Incoming(text, Actor.slack("U0NEW", "T0NEW"), Place(f"D0FRM{n}", True), Surface.DM,
                     ts=f"{n}.1")
        )  # fmt: skip
        return turn.decision.label

    formal = "Dear Sir or Madam,\n\nwe hereby cancel our Premium Support. Please confirm."
    assert decide(formal, 1) == "action:cancel"
    assert decide("<@U0X> doesn't work here anymore. Remove his billing access NOW.", 2) == (
        "action:revoke"
    )
    told = "I was told by Mike that he resumed our plan last week, can you confirm?"
    assert not decide(told, 3).startswith("action:resume")


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("please do not, under any circumstances, reverse the cancellation", "action:"),
        ("if the PO clears, reverse the cancellation", "action:"),
        ("once finance approves: reinstate our subscription", "action:"),
        ("my boss asked me this: reactivate our subscription. I said no.", "action:"),
        ("reverse the cancellation? no, keep it cancelled", "action:"),
        ("Cancel premium. Best to wait until after the audit, not now.", "action:"),
        ("Please cancel premium. Thanks, but actually don't, my boss said no", "action:"),
        ("The carrier service on order 1234 is wrong. Set it to standard please", "action:"),
        ("<@U0SAM> needs the March invoice for the audit", "action:"),
        ("<@U0SAM> from accounting needs our billing address for the PO", "action:"),
        ("<@U0SAM> can you cancel premium when you get a chance?", "action:"),
        ("would you go premium?", "action:"),
        ("can you do standard?", "action:"),
        ("give <@U0DEV> admin rights to the premium integrations, not billing", "action:"),
        ("please upgrade us to premium. Currently we are subscribed to standard", "action:cancel"),
        ("CANCEL CANCEL", "action:resume"),
        ("I'd like to reverse the cancellation of premium", "action:cancel"),
        # someone else's subscription, the store's, or a quoted order
        ("Shopify keeps renewing our app subscription, can you cancel that one? Not the "
         "Extensiv Premium", "action:"),
        ("We sell subscriptions on our store; cancelled subscriptions still create orders.",
         "action:"),
        ("Every answer I get: go premium. Not helpful.", "action:"),
        # helper-57's attack: another thing subscribed to or cancelled, a wish given up, argued
        # against or only wished, a question about terms, the free tier kept, nothing revoked
        ("resume our subscription to your newsletter pls, I unsubscribed by accident", "action:"),
        ("my boss wants to downgrade to free at renewal but I'm trying to talk him out of it",
         "action:"),
        ("I was going to ask you to cancel premium but the support team fixed everything",
         "action:"),
        ("the customer cancelled their premium subscription box order but IM still shipped it",
         "action:"),
        ("our end customer wants to cancel premium shipping on order 8812", "action:"),
        ("I wish we could keep premium but the budget got cut", "action:"),
        ("ok we talked it over — we're staying on standard for now, premium maybe later",
         "action:"),
        ("would it be possible to move us to premium mid-contract without paying twice?",
         "action:"),
        ("make sure premium doesn't renew on the old card, we changed cards last month",
         "action:cancel"),
        ("revoke nothing, <@U0ABC12> is fine on billing", "action:revoke"),
        ("first finish the mapping fix and then switch to premium", "action:"),
    ],
)  # fmt: skip
def test_the_reviews_counter_examples_are_not_misread(shipped_services, text, wrong):
    """A fresh review of the plain-words reading (helper-33) found these: a piece read without
    the rest of its message, a sign-off that swallowed a retraction, 'to standard' anywhere
    turning an upgrade into a cancel, a colleague's mention taken for the bot's, loose access
    words. None of them may run what it names, nor its opposite."""
    assert not decision_in_dm(shipped_services, text).startswith(wrong), text


@pytest.mark.parametrize(
    ("text", "has"),
    [
        ("number to call support pls, we have premium, URGENT", True),
        ("we're premium customers, what's the phone number", True),
        ("we already pay for premium support", True),
        ("we hav premium alredy, y would i upgrad lol", True),
        ("we have standard, upgrade us to premium", False),
        ("i'm the admin, please upgrade us to premium", False),
        ("we had premium last year", False),
    ],
)
def test_a_tier_the_asker_says_they_have_is_theirs_already(shipped_settings, text, has):
    """An upgrade to it is no request ("…, we have premium" asked for the phone number)."""
    from bot.conversation.tiers import already_has

    assert already_has(text, shipped_settings, "premium") is has

@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        (
            'We will not renew the contract with our old 3PL, please remove their user from '
            'billing',
            'premium', '!action:cancel'),
        (
            "we won't extend the contract with our warehouse in Reno, they are closing",
            'premium', '!action:cancel'),
        (
            'we do not want to keep the current plan with UPS, we are moving to FedEx',
            'premium', '!action:cancel'),
        ('i will not renew premium without a discount', 'premium', '!action:cancel'),
        (
            "My CFO says we won't renew premium, I'm trying to change her mind",
            'premium', '!action:cancel'),
        (
            "Rumor is that we won't renew the plan. Can you send me the renewal date so I can"
            ' plan',
            'premium', '!action:cancel'),
        (
            'i never renew the plan manually, it just happens. fine by me',
            'premium', '!action:cancel'),
        (
            'We never renewed the subscription but got charged $399 on the 3rd.',
            'premium', '!action:cancel'),
        (
            "I don't want to be billed for the subscription on my personal card, please move "
            'it to the company card',
            'premium', '!action:cancel'),
        (
            "I don't want to be billed for premium before the PO is approved, please hold the"
            ' invoice',
            'premium', '!action:cancel'),
        (
            "Please make sure our subscription doesn't renew at the old price, we were "
            'promised the new rate',
            'premium', '!action:cancel'),
        (
            "Please make sure the plan doesn't renew twice this year, we got double charged "
            'last time',
            'premium', '!action:cancel'),
        (
            "please ensure the plan won't renew before the card update goes through",
            'premium', '!action:cancel'),
        (
            'please remove the renewal date from the invoice header, our AP system rejects it',
            'premium', '!action:cancel'),
        ('please disable the renewal pop-up, it blocks the dashboard', 'premium', '!action:cancel'),
        ('disable renewal warnings for our team please', 'premium', '!action:cancel'),
        ('we got an email that our card failed, standard now?', 'premium', '!action:cancel'),
        ('hmm, standard now??', 'premium', '!action:cancel'),
        ('sorry, basic now?', 'premium', '!action:cancel'),
        ('so, premium now?', 'standard', '!action:upgrade'),
        ('as a reseller I always tell clients, go with premium', 'standard', '!action:upgrade'),
        ('my two cents for other customers, go premium', 'standard', '!action:upgrade'),
        ('Tip for new users, premium pls', 'standard', '!action:upgrade'),
        ('Your onboarding checklist, step 4, go premium', 'standard', '!action:upgrade'),
        ('worst case, drop to standard', 'premium', '!action:cancel'),
        ("card got declined, we'll drop to standard", 'premium', '!action:cancel'),
        ('payment failed, we drop to standard now', 'premium', '!action:cancel'),
        (
            "please don't block <@U0SAM> from billing. <@U0ANA> should no longer be able to "
            'see invoices',
            'premium', '!action:revoke'),
        (
            "give <@U0SAM> billing access. <@U0ANA> has access but shouldn't be the only one",
            'standard', 'action:grant'),
        (
            "please add <@U0SAM> to billing - <@U0PAT> has billing access but shouldn't have "
            'to do everything alone',
            'standard', 'action:grant'),
        (
            "<@U0SAM> shouldn't be able to see invoices. hmm, don't change anything actually,"
            " I'll ask my boss",
            'premium', '!action:revoke'),
        ("revoke <@U0SAM>'s access - wait, don't change it", 'premium', '!action:revoke'),
        (
            "resume our premium subscription. oh never mind, don't cancel anything",
            'cancelled', '!action:resume'),
        (
            "we cancelled premium, turn it back on. no wait, don't cancel the cancellation, "
            'leave it',
            'cancelled', '!action:resume'),
        (
            'We cancelled premium last month but were still charged $399 on the 3rd, we want '
            'to get it back',
            'cancelled', '!action:resume'),
        (
            'we cancelled premium in May but the $399 still went through - can you put it '
            'back on our card?',
            'cancelled', '!action:resume'),
        (
            'I cancelled premium. The payment was taken anyway, turn it back into a refund',
            'cancelled', '!action:resume'),
        (
            'Forget the cancellation fee, just tell me when the term ends',
            'cancelled', '!action:resume'),
        (
            'Scratch that cancellation survey email, nobody here will fill it',
            'cancelled', '!action:resume'),
        (
            'We cancelled premium, got the confirmation. The sync job stopped too - resume it'
            ' please',
            'cancelled', '!action:resume'),
        (
            'Can you upgrade our plan for free? We had 3 outages this month',
            'standard', '!action:cancel'),
        (
            'Can you upgrade our plan for free? We had 3 outages this month',
            'premium', '!action:cancel'),
        ('Move us from free to premium once our trial ends', 'standard', '!action:upgrade'),
        ('go back to standard once the project is over', 'premium', '!action:cancel'),
        ('downgrade to standard once the migration is done', 'premium', '!action:cancel'),
        (
            '<@U0SAM> needs to update the card, it expired. Can you send him the link',
            'standard', '!action:grant'),
        (
            '<@U0SAM> needs to update the card on file before Friday, I will remind him',
            'standard', '!action:grant'),
        ('we need <@U0SAM> on billing calls from now on', 'standard', '!action:grant'),
        ('<@U0SAM> needs to update the plan name in our ERP', 'premium', '!action:grant'),
        ('Please pull <@U0SAM> access report for the audit', 'premium', '!action:revoke'),
        (
            "<@U0SAM> has billing access but shouldn't need to log in again, fix the session "
            'timeout',
            'premium', '!action:revoke'),
        ('Could you cancel our premium plan? Please confirm.', 'premium', 'action:cancel'),
        ('can you cancel premium support for us? pls confirm', 'premium', 'action:cancel'),
        ("Can you remove <@U0SAM>'s billing access? please confirm", 'premium', 'action:revoke'),
        (
            "We can't stay on standard any longer, upgrade to premium now",
            'standard', 'action:upgrade'),
        ('no more staying on standard, upgrade us to premium', 'standard', 'action:upgrade'),
        (
            'the upgrade quote expired before I clicked confirm, I need a quote again for ',
            'premium'
            'standard', '!handoff:sales'),
        (
            'please cancel premium for our delivery business, the warehouse keeps it',
            'premium', 'action:cancel'),
        (
            'we cancelled premium a while ago - until what date is ours still active?',
            'cancelled', '!action:status'),
        ('can we keep premium after all? reverse the cancel', 'cancelled', 'action:resume'),
        (
            "My coworker <@U0ABC12> asked: 'can we resume premium?' I told him to ask you",
            'premium', '!action:resume'),
    ],
)  # fmt: skip
def test_the_fourth_sessions_review_counter_examples(shipped_services, text, state, expect):
    """helper-58 read the fourth session's readings and found each of these misread into a
    change nobody asked for, the opposite change, or a request lost: "!label" must not be the
    decision, "label" must be it. (Read through the core as an unlinked user: the decision, not
    its refusal.)"""
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "colleague"),
    [
        ("<@U0ABC12> keeps billing. revoke <@U0XYZ34>", "U0XYZ34"),
        ("<@U0ABC12> asked me to give billing access to <@U0XYZ34>, she's on vacation", "U0XYZ34"),
        ("instead of removing <@U0ABC12>, can you give <@U0XYZ34> billing access too", "U0XYZ34"),
        ("remove <@U0ABC12> from billing", "U0ABC12"),
    ],
)
def test_a_change_of_access_is_for_the_colleague_the_verb_names(shipped_services, text, colleague):
    """helper-59 found every grant and revoke aimed at the first colleague named, whoever the
    verb was about; two named without a verb that says which change nobody's access."""
    understood = shipped_services.conversation.understanding.read(text)
    assert understood.command is not None and understood.command.target_user == colleague, text


def test_two_colleagues_named_without_saying_whose_access_change_nobodys(shipped_services):
    understood = shipped_services.conversation.understanding.read(
        "<@U0ABC12> and <@U0XYZ34> both need billing access"
    )
    assert understood.decision.kind != "action"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("tempted to remove <@U0ABC12> from billing after what she did 😂", "premium"),
        ("I'm this close to upgrading to premium lol, but not today", "standard"),
        ("we want to keep standard, can you check we're not being charged for premium", "standard"),
        ("keep it as cancelled", "cancelled"),
        ("leave premium cancelled, we're switching vendors", "cancelled"),
        ("hey just so you know, don't touch the renewal — we want it to go through on dec 6",
         "premium"),
        ("pls make sure we don't lose premium in december, the renewal should go through",
         "premium"),
        ("my boss: upgrade to premium. me: 🙄 ok but later", "standard"),
        ("<@U0ABC12> stays billing admin", "premium"),
    ],
)  # fmt: skip
def test_felt_kept_or_someone_elses_words_change_nothing(shipped_services, text, state):
    """helper-59's stress set: a change only felt, the plan kept as it is, a boss's words."""
    assert not decision_in_dm(shipped_services, text).startswith("action:"), text


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("absolutely not going back to 1-business-day replies. keep us on premium and let it renew "
         "like before.", "action:resume"),
        ("pls let <@U05ZX9PQ3R> have billing access too, hes my business partner", "action:grant"),
        ("take billing permissions away from <@U06RR2JD4A>, he moved to the warehouse team and "
         "doesn't need them anymore", "action:revoke"),
        ("getting `Invalid Auth Key` on our Web Shop Manager connection since this morning. can "
         "your support team take a look?", "handoff:support"),
        # the customer's own sales are no call for the sales team
        ("inventory sync is stuck, shopify shows 0 stock on everything!! help, we're losing sales",
         "handoff:support"),
        ("can i chat to a real human in sales about bundling premium w/ our warehouse accts",
         "handoff:sales"),
        # the colleague's clause after a story that names another time ("next month")
        ("I'm going on parental leave next month so <@U05ABD4TT> will need to manage billing "
         "while I'm out. Can you set that up for him?", "action:grant"),
        ("I'm going on parental leave for 3 months. <@U05MN8DD4E> will handle everything while "
         "I'm out, so she needs the same billing rights as me. Can you set that up?",
         "action:grant"),
        ("I'm on leave next month, so <@U05ABD4TT> will need billing access eventually",
         "!action:grant"),
        ("is our premium still on or did that cancel go thru?? cant tell from my phone",
         "action:status"),
        ("did the cancel go through for order 1234?", "!action:status"),
        # … and these stay what they were
        ("we're cancelled, right? when does it end?", "!action:cancel"),
        ("don't let <@U0ABC12> have billing access", "!action:grant"),
        ("why can't <@U0ABC12> take a look at the billing access page?", "!action:revoke"),
    ],
)  # fmt: skip
def test_the_sixth_sessions_readings(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # the order's verb "cancel" before the paid tier, said by the asker (subject left out)
        ("would like to cancel premium please", "action:cancel"),
        ("would like premium before monday", "action:upgrade"),
        ("would like premium back", "action:resume"),
        ("would like some info on cancelling", "!action:cancel"),
        ("I would like some info on cancelling", "!action:cancel"),
        # a polite request after a story and a comma's "so"
        ("Budget got slashed again, third round this year. We'll just ride out the current "
         "contract and go back to the free tier afterwards, so could you cancel the premium plan "
         "for us?", "action:cancel"),
        ("flagged the support plan as something we can live without. Can you turn off the paid "
         "support so it doesn't roll over?", "action:cancel"),
        # a plain order beside a story of what was done: the story does not make it only told
        ("we cancel premium today, we signed up a year ago and don't use it", "action:cancel"),
        ("last week I cancel premium support but still see it active", "!action:cancel"),
        ("<@U0SAM> must have billing access, she just upgraded us without asking me!",
         "!action:grant"),
        ("can we resume premium after cancelling it, or is it gone for good once the term ends?",
         "!action:resume"),
        # a quoted order passed on as the asker's own ("please do it"), not one disputed
        ('my boss just emailed me "cancel premium today." please do it.', "action:cancel"),
        ('my boss just emailed me "cancel premium today." I disagree.', "!action:cancel"),
        ('CFO asked "should we go premium?" please do it', "!action:upgrade"),
        # a move of "us" with a chat's question mark; what to send once it is done
        ("tbh email-only help isnt cutting it anymore. bump us up to paid support?",
         "action:upgrade"),
        ("should we switch to premium?", "!action:upgrade"),
        ("Upgrade us to premium and give me the phone code once done.", "action:upgrade"),
        ("Upgrade us to premium once the PO clears", "!action:upgrade"),
        # "not renew" asked politely
        ("could you please not renew our premium plan this year?", "action:cancel"),
        ("why not renew premium?", "!action:cancel"),
        # a cancellation's words say something ends; being near its examples is not enough
        ("btw we love premium. by the way the phone line was great today", "!action:cancel"),
        ("oh great, premium support and I still wait 2 days for a reply. really worth the $1199 "
         "🙄", "!action:cancel"),
        ("Get us off premium, it's too expensive.", "action:cancel"),
        ("we're cutting costs - premium has to go", "action:cancel"),
        # what is struck through is taken back; a reminder asked for orders nothing now
        ("*_~cancel premium~_*", "!action:cancel"),
        ("~upgrade~ lol no, the opposite: please cancel our Premium plan", "action:cancel"),
        ("remind me how cancelling premium works", "!action:cancel"),
        ("remind me to cancel premium next month", "!action:cancel"),
        # a tier's name one letter off
        ("pls cancle our premuim", "action:cancel"),
        ("upgrde our acct to premum asap", "action:upgrade"),
        # a colleague's access asked whether it can be changed asks it changed (with Confirm)
        ("is it possible to remove <@U0SAM>'s billing access today?", "action:revoke"),
        ("is it possible to remove <@U0SAM>'s billing access without logging in?",
         "!action:revoke"),
        # an agreement word before an order's own words; the tier by its price as a "thing"
        ("ok upgrade us", "action:upgrade"),
        ("yes, upgrade us to premium", "action:upgrade"),
        ("ok do it", "!action:upgrade"),
        ("lets do the $399 thing", "action:upgrade"),
        # a question about when the order is charged, which its quote shows, beside it
        ("We're a warehouse, so $1,199 I guess. Is that charged today? ok go ahead and upgrade "
         "us", "action:upgrade"),
        ("lets go premium. is it charged right away?", "action:upgrade"),
        ("upgrade us to premium. is that wise?", "!action:upgrade"),
        ("upgrade us to premium, right?", "!action:upgrade"),
        # from blind request batch 46 (read): hurrying is no holding back, an overview is the
        # status, "get into the billing stuff" is access, consent to charge the card an urging
        ("Finance finally signed off on the yearly contract. Get Premium started for us right "
         "away, no need to wait until next month.", "action:upgrade"),
        ("get premium started, but wait until next month", "!action:upgrade"),
        ("no need to upgrade, just curious", "!action:upgrade"),
        ("quick overview of the account pls. also thanks for sorting out the login thing "
         "yesterday", "action:status"),
        ("can <@U06HHQ2M7E> get into the billing stuff too? thx, and happy friday",
         "action:grant"),
        ("premium plz, go ahead n charge the card", "action:upgrade"),
        # keeping the plan: "don't let … lapse" and "never mind about cancelling" (on an active
        # plan the resume says there is nothing to resume, and changes nothing)
        ("Changed our minds — don't let the premium plan lapse, we want it to continue next "
         "year too.", "action:resume"),
        ("let premium lapse, we dont need it", "action:cancel"),
        ("nvm about cancelling premium, keep it going pls", "action:resume"),
        ("never mind the cancellation email, it was spam", "!action:resume"),
        # helper-111's review of these readings: none of these asks a change
        ("upgrade us to premium? hmm, maybe next year", "!action:upgrade"),
        ("switch us to premium? we're only 2 people, seems overkill", "!action:upgrade"),
        ("cancel premium once done with the migration", "!action:cancel"),
        ("nvm about cancelling, I found the button and did it", "!action:resume"),
        ("don't let premium lapse? is that what auto-renew means?", "!action:resume"),
        ('"don\'t let premium lapse" is what your renewal email said. what does that mean?',
         "!action:resume"),
        ("Changed our minds — don\u2019t let the premium plan lapse, we want it to continue",
         "action:resume"),
        ("<@U0ABC12> shouldn't get into the billing stuff", "!action:grant"),
        ("is it possible to give <@U0ABC12> billing access or only the primary user can?",
         "!action:grant"),
        ('when the CFO says "cancel premium", please do it', "!action:cancel"),
        ("shut off premium phone forwarding to my cell", "!action:cancel"),
        ("please ~don't~ cancel premium", "!action:cancel"),
        # (tenth session: a question about what the order costs is asked beside it, as the
        # blind writers label it; the quote shows the price and the Confirm button waits)
        ("Upgrade us to premium. Does it cost more for warehouse accounts?", "action:upgrade"),
        ("switch us to standard", "action:cancel"),
        # an emphatic "do" before the order after another action's negation; "if that's
        # possible, do it" gives leave, it sets no condition
        ("Please don't cancel Premium, but do give <@U0ABC12> billing access.", "action:grant"),
        ("how do i give <@U0ABC12> billing access?", "!action:grant"),
        ("Can I switch us to the faster tier here? If that's possible, do it, today if possible.",
         "action:upgrade"),
        ("If that's possible to pay by invoice, upgrade us", "!action:upgrade"),
        ("cancel premium if that's possible without a fee", "!action:cancel"),
        # a person asked for by being passed on; a bug makes the person support's
        ("I've been trying to fix a SKU mapping problem for two days, read every article I "
         "could find, nothing works. please pass me to someone in support", "handoff:support"),
        ("transfer me to your sales team", "handoff:sales"),
        ("can you pass the tracking to shopify", "!handoff:support"),
        ("anyone on your end i can talk to about a bug in the sync?", "handoff:support"),
        ("anyone over there i can talk to about pricing?", "handoff:sales"),
    ],
)  # fmt: skip
def test_the_ninth_sessions_readings(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # an order first with its reason after it, or after a clause that leads to it freely
        ("Forget the sales call, just upgrade us now.", "action:upgrade"),
        ("Let's upgrade. My colleague at another company said it was worth it.",
         "action:upgrade"),
        ("my boss thinks, lets go premium, but I'm not convinced", "!action:upgrade"),
        ("when the new fiscal year starts, lets go premium", "!action:upgrade"),
        ("Let's upgrade. Or maybe not, it's pricey.", "!action:upgrade"),
        ("Reverse the downgrade, we need premium.", "action:resume"),
        # the tier moved from is not the one moved to; "is possible to", "put … in", a wish
        # without its subject, "subscribe the premium", a closing "you can activate it for us?"
        ("is it possible to bump us up from standard to premium today? want it active before "
         "our big sale monday", "action:upgrade"),
        ("hola, is possible to put our account in premium support? we have many problem with "
         "the shopify orders and need more fast answers. gracias", "action:upgrade"),
        ("need premium rn. sick of waiting 1 biz day for replys", "action:upgrade"),
        ("need premium pricing for 3 accounts", "!action:upgrade"),
        ("olá, we want subscribe the premium support for our warehouse account, you can "
         "activate it for us?", "action:upgrade"),
        ("hola, is premium support worth it?", "!action:upgrade"),
        # a polite ask in an order's shape is asked, whatever the story beside it tells done;
        # "we request to", "kindly"
        ("is it possible to keep our premium after all? we had cancelled it but peak season "
         "got crazy", "action:resume"),
        ("Good day, we request to resume our Premium support subscription which we cancelled "
         "earlier. Kindly do the needful.", "action:resume"),
    ],
)  # fmt: skip
def test_the_tenth_sessions_readings(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # courtesy around a request says nothing of when: it asks now, as "could you" does
        ("when you get a chance could you cancel our premium plan, honestly we barely use the "
         "phone line", "action:cancel"),
        ("would you mind cancelling our premium?", "action:cancel"),
        ("I was hoping you could upgrade us to premium", "action:upgrade"),
        ("no rush but can you cancel premium", "action:cancel"),
        ("cancel premium when the term ends, if you don't mind", "action:cancel"),
        ("would you mind explaining what premium includes?", "!action:upgrade"),
        # a run-on's request ends on its urging ("…asap our tickets sit…")
        ("need the 4 business hour response tier asap our tickets sit for a whole day and that "
         "doesnt work for us anymore so can you turn that on for our account", "action:upgrade"),
        # a renewal not approved is the cancel's reason; an upgrade not approved holds it back
        ("Hello sir, kindly cancel the premium support for our warehouse account, management has "
         "not approved the renewal", "action:cancel"),
        ("upgrade us to premium, finance has not approved it yet", "!action:upgrade"),
        # the plan's state asked to be checked; terms to agree are sales'
        ("hey can you check whether our premium is still active or did the cancellation already "
         "go through", "action:status"),
        ("need to talk to someone about a custom contract, our legal team has redlines on the 1 "
         "year support terms", "handoff:sales"),
    ],
)  # fmt: skip
def test_courtesy_run_ons_and_reasons_leave_the_request_as_asked(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # someone's repeated wish is the reason for an order the asker concludes with "so"
        ("my team keeps asking for premium so pls upgrade us", "action:upgrade"),
        ("everyone keeps saying premium is worth it, so upgrade us please", "action:upgrade"),
        ("premium pls is what my boss keeps saying", "!action:upgrade"),
        ("my boss said no, so upgrade us", "!action:upgrade"),
        # a negation before an order holds it back only when it negates an action
        ("I'm on my phone and can't find the change tier button in the app, could you just put "
         "us on Premium for me?", "action:upgrade"),
        ("ok I read your help article and I do not have time to go hunting for a button in the "
         "billing tab. please just move our support tier to Premium for us. thx",
         "action:upgrade"),
        ("we don't want to upgrade, switch us to premium", "!action:upgrade"),
        ("please don't go premium", "!action:upgrade"),
        ("not a question, actually do it: upgrade us to premium", "action:upgrade"),
        # words stopped one by one are one order; "not asking for a refund" sets a topic aside
        ("UPGRADE. US. TO. PREMIUM. I am done waiting a full business day every time I open a "
         "ticket.", "action:upgrade"),
        ("DO. NOT. UPGRADE. US.", "!action:upgrade"),
        ("I'm not asking for a refund (though honestly I probably should be). I just want to "
         "make sure this does NOT renew next year. Cancel our premium support.", "action:cancel"),
        # a move from one tier "up to" another, after "and we'd like to"
        ("Anyway!! The actual reason I'm messaging: we talked it over as a team and we'd like to "
         "move from the free support plan up to Premium. Thanks so much, you guys are great.",
         "action:upgrade"),
        # undoing the cancellation in other words
        ("After further review, we would like to reverse our earlier cancellation of Premium "
         "Support and have the subscription continue to renew as it did before.",
         "action:resume"),
        ("Merhaba, premium is cancelled but is not finish yet, please take back the cancel, we "
         "continue with it", "action:resume"),
        # people asked for in other words; a bot or an article not wanted is no person refused
        ("following up on <@U09BCDE22>'s question: we'd rather work out bundled pricing for our "
         "merchant + warehouse accounts than pay list price twice. who in sales can we talk to?",
         "handoff:sales"),
        ("I need a quote for premium support across ALL of them, I'm not paying list price "
         "times four. Get me someone from sales.", "handoff:sales"),
        ("customers are emailing us asking where their stuff is. I don't want a help article "
         "and I don't want a bot. Please hand me off to someone on your support team.",
         "handoff:support"),
        ("I don't need to talk to anyone, cancel premium", "!handoff:support"),
        ("our boss ask for better price for the warehouse premium, 1199 is too expensiv. can we "
         "negociate with someone?", "handoff:sales"),
        # as non-native writers put a move or access
        ("Bonjour, can you pass our account in the premium support please? merci beaucoup",
         "action:upgrade"),
        ("Bom dia, please put us the premium, our tickets are taking too much time for answer",
         "action:upgrade"),
        ("Bom dia, I want that <@U05KQ7R2M> can see the billings too, give him the permision "
         "please", "action:grant"),
        ("Tom is <@U04TR3YS5>, pull his billing access pls", "action:revoke"),
    ],
)  # fmt: skip
def test_reasons_negations_and_other_words_for_an_order(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # the asker's note under a pasted mail is what is asked
        ("Subject: Where is my tracking number??\n\nHi, I ordered 3 days ago and still haven't "
         "gotten a tracking number.\n\nThanks,\nRachel\n\n--\nthis is the FIFTH one of these "
         "today. tracking numbers aren't syncing back to our store. please get someone from "
         "support on this", "handoff:support"),
        ("Subject: Can't change support plan\n\nHi,\n\nThere's no button to change the tier. Can "
         "you set that up for me?\n\nThanks,\nLeo Park\n\n--\nyeah please give <@U05RB8XN1> "
         "billing access", "action:grant"),
        # a signature under the dashes is no note: the mail is read whole
        ("Subject: upgrade\n\nPlease upgrade us to premium.\n\n--\nJordan", "action:upgrade"),
        ("Subject: renewal\n\nwhen does premium renew?\n\n--\nsent from my phone",
         "!action:upgrade"),
    ],
)  # fmt: skip
def test_the_note_under_a_pasted_mail_is_what_is_asked(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # an order, its reason, then a question about its charge or timing: the order is done and
        # the question answered beside it
        ("Upgrade us to Premium today please, we need phone support before the Black Friday "
         "rush. Will the $399 come off the card right away?", "action:upgrade"),
        ("Switch us to premium right now please, we have a huge launch on Monday and need the "
         "phone line. Does the 1 year contract start today?", "action:upgrade"),
        ("Add <@U08PLN4DX> as a billing user, since as I mentioned she handles all our vendor "
         "payments now. Does she need anything else to see the invoices?", "action:grant"),
        ("We got the quote approved this morning, like I mentioned last week, so please move us "
         "up to premium now. Is the $1199 warehouse price still current?", "action:upgrade"),
        ("Upgrade us to premium today since we just onboarded a big warehouse client and need "
         "faster tickets. Charge the card we have.", "action:upgrade"),
        # ... not when the question or a word before it doubts, quotes or puts it off
        ("Upgrade us to premium. Is that right?", "!action:upgrade"),
        ("Cancel premium. Right?", "!action:cancel"),
        ("Upgrade us to premium on Monday. Is that possible?", "!action:upgrade"),
        ("Upgrade us to premium, my boss said. Is it charged today?", "!action:upgrade"),
        ("Upgrade us to premium in my dreams. How much is it really?", "!action:upgrade"),
        ("Upgrade us to premium, we need it next month. Is it charged today?", "!action:upgrade"),
        # formal writers: courtesy, "request that … be moved", a request to cancel withdrawn
        ("Dear Sir or Madam, I should be obliged if you would upgrade our account to Premium "
         "Support. The annual charge may be applied to the card we have on file.",
         "action:upgrade"),
        ("We hereby request that our account be moved to the Premium support tier. The card "
         "currently held on file may be charged accordingly.", "action:upgrade"),
        ("Hello, we hereby withdraw our earlier request to cancel Premium Support. Please "
         "reactivate the automatic renewal so that the subscription continues for a further "
         "year.", "action:resume"),
        ("I would be grateful if you could undo the cancellation of our Premium support.",
         "action:resume"),
        ("As account manager for our client Halcyon Home Goods, I have been asked to stop their "
         "Premium support from renewing. Please proceed with the cancellation.", "action:cancel"),
        ("connect me to an account manager about multi-year pricing", "handoff:sales"),
        ("Please have a support engineer look into this as soon as possible: the product "
         "aliases we configured are not being recognised.", "handoff:support"),
        ("skus are mapping to the wrong items 🫠 pls get me to support", "handoff:support"),
        ("i want to talk to a human about pricing for warehouse accounts", "handoff:sales"),
        # access taken away in other words, and never given by them
        ("Following the conclusion of our engagement with the external agency, kindly withdraw "
         "billing permissions from <@U05GWH6JN> at your earliest convenience.", "action:revoke"),
        ("kindly withdraw billing permissions from <@U05GWH6JN>", "!action:grant"),
        ("Don't let <@U0ABC12> manage billing anymore.", "action:revoke"),
    ],
)  # fmt: skip
def test_orders_with_reasons_questions_and_formal_words(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("Request type: Support tier change\nCurrent tier: Standard\nRequested tier: Premium\n"
         "Approval: Signed off by J. Whitfield (VP Operations)\n\nPlease proceed with the change "
         "and advise once complete.", "action:upgrade"),
        ("Action requested: Cancellation of Premium Support\nReason: Budget reduction\n"
         "Effective: end of the current paid term\n\nPlease confirm once processed.",
         "action:cancel"),
        ("Request: Billing access\nUser: <@U05RTB8LQ>\nRole: Procurement Officer\nApproval: "
         "Approved by CFO\n\nKindly action effective immediately.", "action:grant"),
        # a form's approval still pending, or a "not yet", holds it back as a sentence would
        ("Request type: Support tier change\nRequested tier: Premium\nApproval: pending\n\n"
         "Please proceed once approved.", "!action:upgrade"),
        ("Request: Billing access\nUser: <@U05RTB8LQ>\nApproval: not yet", "!action:grant"),
        # a form that asks nothing the bot does is read as written
        ("Subject: invoice\nAccount: ours\nQuestion: where is the March invoice?",
         "!action:upgrade"),
    ],
)  # fmt: skip
def test_a_request_form_is_read_as_the_order_it_stands_for(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a move asked with "can we move to", "make it …", or in the passive
        ("we're on standard, can we move to premium?", "action:upgrade"),
        ("our plan is standard, please make it premium", "action:upgrade"),
        ("can our account be on premium from today", "action:upgrade"),
        ("could we be switched over to premium", "action:upgrade"),
        ("we'd like our tier changed to premium", "action:upgrade"),
        # ... not a move told, a tier named alone, a time put off, or a price
        ("switched to premium", "!action:upgrade"),
        ("on premium", "!action:upgrade"),
        ("can we move to premium mid-term?", "!action:upgrade"),
        ("make it premium pricing", "!action:upgrade"),
    ],
)  # fmt: skip
def test_a_move_asked_in_the_passive_or_with_make(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # helper-121's attack on this session's readings: none of these asks a change
        ("From: Jordan Lee\nTo: Premium Support Team\nSubject: missing invoice\nHi, where is the "
         "invoice for March?", "none"),
        ("Request type: Support tier change\nCurrent tier: Standard\nRequested tier: Premium\n"
         "Approval: pending", "none"),
        ("Current tier: Premium\nRequested tier: Standard\nStatus: rejected by finance", "none"),
        ("Employee: <@U0ABC12>\nAction: billing access - NOT approved by finance", "none"),
        ("Request: Upgrade of the API client library\nVersion: 3.2", "none"),
        ("Subject: Your Premium Support renewal\nYour plan renews soon.\n--\nTo stop receiving "
         "these reminders, please cancel your subscription in the dashboard.", "none"),
        ("Upgrade us to premium, we have to ask finance first. How much is it per year?", "none"),
        ("Cancel premium, we're just comparing options for now. When would it stop being "
         "charged?", "none"),
        ("Please don't go cancelling our premium just because the card failed", "none"),
        ("We won't go through with the upgrade to premium after all", "none"),
        ("Don't, please, cancel our premium", "none"),
        ("We don't want, please note, to cancel premium", "none"),
        ("Our PO is still with finance. Upgrade us to premium once that's processed.", "none"),
        ("No rush but could you check what it would cost to upgrade to premium?", "none"),
        ("When you get a chance, could you look at what cancelling premium would save us?",
         "none"),
        ("Do you mind upgrading accounts mid-cycle, or is that a hassle on your end?", "none"),
        ("The CFO keeps saying premium is worth it, so upgrade us to premium, yeah right", "none"),
        ("can we switch to premium? this is what my colleague asked, I'm checking with finance "
         "first", "none"),
        ("Kindly withdraw billing permissions from <@U0ABC12> once her contract ends in June",
         "none"),
        ("Next month, strip billing permissions from <@U0ABC12>", "none"),
        ("In March, cancel our premium", "none"),
        ("Asking for a friend, cancel premium", "none"),
        ("Upgrade us to premium. Subject to finance approval.", "none"),
        # ... while these still do what they ask
        ("After the demo yesterday we're convinced — please move us to the Premium plan.",
         "action:upgrade"),
        ("<@U0ABC12> doesn't work here anymore, pull his billing access", "action:revoke"),
    ],
)  # fmt: skip
def test_what_the_tenth_sessions_review_found_changes_nothing(shipped_services, text, expect):
    label = decision_in_dm(shipped_services, text)
    if expect == "none":
        assert not label.startswith("action:") or label == "action:status", (text, label)
    else:
        assert_label(label, expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # more ways to ask for the move (written from the seed article, not from a labelled set)
        ("can I buy premium support here?", "clarify"),  # (asked first: the odds doubt it)
        ("time for premium, let's do it", "action:upgrade"),
        ("we're going premium", "action:upgrade"),
        ("book premium for us please", "action:upgrade"),
        ("count us in for premium", "action:upgrade"),
        ("premium for us from today pls", "action:upgrade"),
        ("we have approval to go with premium, please proceed", "action:upgrade"),
        # ... not put off, asked whether, or doubted
        ("we're going premium next year", "!action:upgrade"),
        ("we're going premium?", "!action:upgrade"),
        ("is it time for premium?", "!action:upgrade"),
        ("we're moving to premium? not sure", "!action:upgrade"),
    ],
)  # fmt: skip
def test_more_ways_to_ask_for_the_move(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # what customers call the plan besides plan, tier and subscription
        ("please upgrade our membership to premium", "action:upgrade"),
        ("switch our support package to premium today", "action:upgrade"),
        ("can you move our service level to premium?", "action:upgrade"),
        ("make our membership premium please", "action:upgrade"),
        # ... never a move of something else, nor one put off
        ("we might switch our support package to premium", "!action:upgrade"),
    ],
)  # fmt: skip
def test_other_words_for_the_plan_in_an_order(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # "it" after the free tier was named: up from it, never a cancel
        ("we're on standard. can you upgrade it", "action:upgrade"),
        ("I think we are on the free support plan? we want more. could you upgrade it please",
         "action:upgrade"),
        ("standard is fine. cancel it", "!action:upgrade"),
        # the renewal stopped with a word between: "yearly", "annual"
        ("Could you switch off the yearly renewal on our premium support?", "action:cancel"),
        ("please turn off the annual renewal", "action:cancel"),
        ("how do I turn off the yearly renewal?", "!action:cancel"),
    ],
)  # fmt: skip
def test_upgrading_the_free_tier_and_stopping_a_yearly_renewal(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # billing access asked of the bot for a colleague, in a polite question
        ("Could <@U0ABC12> get access to the billing side of our account?", "action:grant"),
        ("my colleague <@U0ABC12> handles invoices now. can you let her into billing",
         "action:grant"),
        ("could you allow <@U0ABC12> to have billing access please", "action:grant"),
        # ... not what the bot is told it did, nor a question about another condition
        ("you let <@U0ABC12> have billing access by mistake", "!action:grant"),
        ("can you let <@U0ABC12> into billing? or is that only for admins?", "!action:grant"),
    ],
)  # fmt: skip
def test_billing_access_asked_for_a_colleague_in_a_polite_question(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # the tier the account is on now, told beside the order, is not where it goes
        ("Please put us on Premium — we're on standard right now I believe.", "action:upgrade"),
        ("we're currently on standard, please switch us to premium", "action:upgrade"),
        # ... and "it" after the current tier and something else named stays that other thing
        ("We're on standard shipping for most orders. Can you upgrade it to express?",
         "!action:upgrade"),
        # a polite order as a question amid a story, a question after it
        ("We're on standard support right now. Our volume tripled. Can you upgrade it? What's "
         "the warehouse price?", "action:upgrade"),
    ],
)  # fmt: skip
def test_the_current_tier_told_beside_an_order(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # "upgrade it" where "it" is another product, no plan of ours named: nothing moves
        ("The old Magento connector is still on version 1. Can you upgrade it?", "!action:upgrade"),
        ("Our label printer drivers are ancient. Could you upgrade them?", "!action:upgrade"),
        # ... while our plan named before, or the tier after, keeps the order
        ("We're on standard support. Our volume tripled this year. Can you upgrade it? What's the "
         "merchant price?", "action:upgrade"),
        ("upgrade this account to premium please", "action:upgrade"),
        # a move *to* the free tier with the paid one named as current is a cancel
        ("We're on premium. Can you switch us to standard? What happens to the phone code?",
         "action:cancel"),
    ],
)  # fmt: skip
def test_what_it_is_decides_what_is_upgraded(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # an order first, its reason after a comma (one word orders too)
        ("upgrade, our ops lead signed off on the cost", "action:upgrade"),
        ("cancel premium pls, we moved support in-house", "action:cancel"),
        # ... not an order's words told of, nor a question after it
        ("cancel premium is what finance keeps saying, not my call", "!action:cancel"),
        # an order run on after a clause with no stop between them
        ("the free tier is too slow for us now put us on premium", "action:upgrade"),
        ("someone turned off our renewal by accident can you turn it back on", "action:resume"),
        # ... not when the clause is unfinished, negates, asks or tells it done
        ("I really wouldn't upgrade us to premium this year", "!action:upgrade"),
        ("we have cancel premium", "!action:cancel"),
        ("how would i even upgrade to premium here", "!action:upgrade"),
        ("no upgrade for us this quarter", "!action:upgrade"),
        # more verbs of an order ("re-enable", "keep", "get")
        ("re-enable the auto renew on our premium plan please", "action:resume"),
    ],
)  # fmt: skip
def test_an_order_before_its_reason_or_run_on_after_a_clause(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a courtesy condition on a detail given is no condition on the order
        ("please upgrade us to premium, our PO number is 88-1 if you need it for the invoice",
         "action:upgrade"),
        ("cancel premium please, I can send the approval email if needed", "action:cancel"),
        # ... a condition on the order still holds it back
        ("cancel premium if the budget gets cut", "!action:cancel"),
        # the card on file told after the order, typed without a stop
        ("could you move us up to premium the card is already on file", "action:upgrade"),
        # what is resumed is the plan the story named, whatever else it names
        ("We turned premium off to skip the charge but the team misses the phone line. Resume "
         "it please", "action:resume"),
        # ... and nothing when the story names no plan
        ("our order sync stopped overnight. resume it please", "!action:resume"),
    ],
)  # fmt: skip
def test_remarks_beside_an_order_leave_it_asked(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # a polite order asked last, after a story that only tells why
        ("I run the ops desk here. Our pickers hate writing tickets and would rather call. Could "
         "you put us on premium support this week so they can phone in?", "action:upgrade"),
        # ... not when its "it" may be something else the story names
        ("We're on standard support and our Magento extension is on an old release. Could you "
         "upgrade it?", "!action:upgrade"),
        # ... nor when the story makes it a test
        ("Just testing the bot for our team. Could you cancel premium support?",
         "!action:cancel"),
    ],
)  # fmt: skip
def test_a_polite_order_asked_after_a_story(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # another company's plan is never changed on ours
        ("My friend's shop uses you too and wants to cancel premium. Can you cancel it for "
         "them?", "!action:cancel"),
        ("Our sister company is on standard, could you upgrade them to premium as well?",
         "!action:upgrade"),
        # ... while a client's account an agency runs is the account asked about
        ("I manage this account for our client and they approved it. Please upgrade the account "
         "to premium.", "action:upgrade"),
    ],
)  # fmt: skip
def test_another_companys_plan_is_not_changed(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # helper-139's attack: a condition or a time before a run-on order holds it back
        ("once the budget clears get us on premium", "!action:upgrade"),
        ("by end of quarter get us on premium", "!action:upgrade"),
        # ... a friend named who is not the plan's owner keeps ours ours
        ("My friend recommended premium, please upgrade us", "action:upgrade"),
        # ... not wanting to stay on a plan is still a wish to leave it
        ("we don't want to stick with premium next year", "action:cancel"),
        # ... asking how to do it oneself somewhere else is no order
        ("I want to cancel premium. How do I do it here in the dashboard?", "!action:cancel"),
        # ... a polite question that asks to be told is no order
        ("I'm new here. Can you explain what cancelling premium would do?", "!action:cancel"),
        # ... a lower-case "po" that is a purchase order stays one
        ("accounting sent a duplicate po for premium, pls cancel the po", "!action:cancel"),
        # ... "keep it that way" keeps the plan as it is
        ("We cancelled premium on purpose. Keep it that way.", "!action:resume"),
    ],
)  # fmt: skip
def test_the_attack_on_the_twelfth_sessions_readings(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # helper-140's review: another company's plan, told in the story before the order
        ("My friend's company also uses you and they want to cancel their premium. Can you do it "
         "from here for them?", "!action:cancel"),
        ("Our sister company is on standard. Please move their account to premium.",
         "!action:upgrade"),
        ("the premium plan is not ours, cancel it", "!action:cancel"),
        # ... "do not renew it" of something the message names that is not the plan
        ("The SSL certificate on our store expires soon, please do not renew it.",
         "!action:cancel"),
        # ... a reason after a one-word order that reports, doubts or puts it off
        ("upgrade, boss hasn't approved the $399", "!action:upgrade"),
        ("upgrade, my boss asked me to ask you", "!action:upgrade"),
        ("upgrade, after the audit", "!action:upgrade"),
        # ... a run-on clause that is still deciding or waiting
        ("finance hasnt approved yet get us on prem", "!action:upgrade"),
        ("we are still deciding get us on prem", "!action:upgrade"),
        # ... a renewal stop put off, "as is" of something else, a condition before the order
        ("kill the auto-renew on premium next month", "!action:cancel"),
        ("is the onboarding webinar free for standard? ok, sign us up for it as is",
         "!action:upgrade"),
        ("if you need it, cancel premium support", "!action:cancel"),
        ("give <@U0SAM> billing access if you need it for your records", "!action:grant"),
        # ... a hedge is no filler, and asking to be told is no order
        ("can you maybe cancel premium support?", "!action:cancel"),
        ("could you possibly explain why you upgraded us without asking?", "!action:upgrade"),
        # ... an order to move up, negated, is no wish to leave premium either
        ("standard isnt cutting it anymore dont get us on prem yet", "!action:cancel"),
        ("don't put us on premium yet", "!action:cancel"),
    ],
)  # fmt: skip
def test_the_review_of_the_twelfth_sessions_readings(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)

