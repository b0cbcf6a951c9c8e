"""A message asking for a change and for something else gets both: the change waits for its
Confirm click as alone, and the other ask is answered beside it (privately); a second change or
an ask the bot cannot answer is named back to send on its own, never silently dropped."""

from __future__ import annotations

import pytest

from bench.quality import CHANGES
from bot.conversation.two_asks import split_asks


def assert_decides(request_world, text: str, state: str, expect: str, n: int) -> None:
    """ "none": the message changes nothing; otherwise the decision is `expect`."""
    label, _ = request_world.decide(text, state, n)
    if expect == "none":
        assert label not in CHANGES, (text, label)
    else:
        assert label == expect, (text, label)


def test_a_change_and_a_question_about_the_account_get_both(request_world):
    text = "Cancel premium and also tell me what card is on file."
    label, turn = request_world.decide(text, "premium", 0)
    assert label == "action:cancel"
    kinds = [reply.kind for reply in turn.replies]
    assert kinds[0] == "cancel_question" and "personal_card" in kinds
    assert all(reply.visibility.value == "private" for reply in turn.replies)


def test_a_change_and_a_question_the_articles_answer_get_both(request_world):
    label, turn = request_world.decide(
        "cancel premium, also what are your support hours?", "premium", 1
    )
    assert label == "action:cancel"
    assert any(reply.kind == "answer" and "Pacific" in reply.text for reply in turn.replies)


def test_a_second_change_is_named_back_not_made(request_world):
    text = "cancel premium and also remove <@U0ABC12>'s billing access"
    label, turn = request_world.decide(text, "premium", 2)
    assert label == "action:cancel"
    told = [reply.text for reply in turn.replies if reply.kind == "reply"]
    assert told and "remove <@U0ABC12>'s billing access" in told[0]


def test_a_taking_back_anywhere_in_the_message_holds_both_asks(request_world):
    label, _ = request_world.decide(
        "cancel premium and also... no wait, don't cancel", "premium", 3
    )
    assert label != "action:cancel"


@pytest.mark.parametrize(
    "text",
    ["what's the price and also the hours?", "also", "cancel and also", "hours plus prices"],
)
def test_only_two_asks_of_some_words_are_split(text):
    found = split_asks(text)
    assert found is None or all(len(part.split()) >= 2 for part in found)


def test_and_then_inside_a_question_joins_one_ask(request_world):
    text = "how long is the commitment? could we do 3 months over peak and then drop back down"
    assert split_asks(text) is None
    label, _ = request_world.decide(text, "premium", 6)
    assert label not in ("action:cancel", "action:downgrade")
    assert split_asks("cancel premium and then tell me when it ends") is not None


def test_a_question_beside_the_change_that_no_article_answers_is_named_back(request_world):
    text = "Give <@U0ABC12> billing access, and also how do I set up a FedEx rule?"
    label, turn = request_world.decide(text, "premium", 4)
    assert label == "action:grant"
    assert any("FedEx rule" in reply.text for reply in turn.replies if reply.kind == "reply")


def test_a_remark_beside_the_change_is_not_named_back(request_world):
    label, turn = request_world.decide("cancel premium, also thanks for all the help", "premium", 5)
    assert label == "action:cancel"
    assert not [reply for reply in turn.replies if reply.kind == "reply"]


def test_an_order_after_the_questions_is_run_and_the_questions_answered_beside(request_world):
    text = "premium is 399/yr for merchants right? ok fine sign us up for it"
    label, turn = request_world.decide(text, "standard", 7)
    assert label == "action:upgrade"
    kinds = [reply.kind for reply in turn.replies]
    assert kinds[0] == "quote" and "answer" in kinds
    assert any("$399" in reply.text for reply in turn.replies if reply.kind == "answer")


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("premium is 1199/yr for warehouse accounts right? ok fine, upgrade us", "standard",
         "action:upgrade"),
        ("it renews every year automatically, right? ok, cancel premium then", "premium",
         "action:cancel"),
        # (its "it" is the tier the questions named)
        ("premium is 399/yr for merchants right? ok. switch us to it", "standard",
         "action:upgrade"),
    ],
)  # fmt: skip
def test_an_ok_before_the_order_after_questions_does_not_hide_it(
    request_world, text, state, expect
):
    label, _ = request_world.decide(text, state, 14)
    assert label == expect


def test_the_last_sentence_that_orders_is_the_order_after_questions_and_a_remark(request_world):
    text = (
        "is paid support billed yearly up front? and does it start the same day? need to know "
        "what to tell AP. either way — sign us up for premium"
    )
    label, _ = request_world.decide(text, "standard", 8)
    assert label == "action:upgrade"


def test_a_condition_inside_the_question_does_not_hold_back_the_order_after_it(request_world):
    text = (
        "if we cancel mid-year do we lose phone support right away? actually doesn't matter, "
        "cancel the premium plan either way."
    )
    label, _ = request_world.decide(text, "premium", 9)
    assert label == "action:cancel"


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # what follows the question tells, or holds the order back, or asks again
        ("how long does support take to reply? we dont pay for premium or anything", "premium"),
        (
            "could you tell me on which date premium is ending? We cancelled some time ago",
            "cancelled",
        ),
        (
            "is there a live chat? want to ask some pricing questions before we buy anything",
            "standard",
        ),
        ("how much is premium? then upgrade us if it's under $500", "standard"),
        ("can i pay by invoice? if yes, upgrade us to premium", "standard"),
        ("what does premium include? ok. don't upgrade us yet, just curious", "standard"),
        ("is premium worth it? sign us up next quarter maybe", "standard"),
        ('my boss asked "can we cancel premium?" I said no. so don\'t.', "premium"),
    ],
)
def test_what_follows_questions_changes_nothing_unless_it_orders_now(request_world, text, state):
    label, _ = request_world.decide(text, state, 10)
    assert label not in ("action:upgrade", "action:cancel", "action:resume")


def test_a_sales_person_asked_for_after_a_question_about_support_is_sales(request_world):
    text = (
        "is there a multi-year discount on support? and can it be bundled with our "
        "subscription? put me in touch with a sales person please"
    )
    label, _ = request_world.decide(text, "premium", 11)
    assert label == "handoff:sales"


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("I was about to go click Change Support Tier in Profile & Billing myself but figured "
         "I'd just ask here. Sign us up for the premium plan, $399/yr is fine with us",
         "standard", "action:upgrade"),
        # (the story's own negation is no taking back: "orders don't drop")
        ("hey — we're a 3PL. clients keep calling us when their orders don't drop, and we need "
         "a phone line to escalate. sign us up for the paid support plan pls, card's on file",
         "standard", "action:upgrade"),
        # (the message read whole keeps its tier: "drop us back down" after "standard is fine")
        ("Standard is fine for a shop our size. drop us back down.", "premium", "action:cancel"),
    ],
)  # fmt: skip
def test_an_order_after_a_story_is_the_request(request_world, text, state, expect):
    label, _ = request_world.decide(text, state, 12)
    assert label == expect


@pytest.mark.parametrize(
    "text",
    [
        "Test message, please ignore. Upgrade us to premium.",
        "My boss said: upgrade us to premium. I'm not so sure.",
        "We're not ready yet. Upgrade us to premium once the PO clears.",
        "Thinking about it for next year. Upgrade us to premium then.",
        "This is just a test of the bot, please don't actually do anything. Upgrade our plan.",
    ],
)
def test_a_story_that_takes_back_or_puts_off_the_order_after_it_changes_nothing(
    request_world, text
):
    label, _ = request_world.decide(text, "standard", 13)
    assert label != "action:upgrade"


def test_the_card_we_pay_with_is_the_accounts_own(request_world):
    text = "Which card are we paying the premium support with? Want to be sure it's not my old Amex"
    label, _ = request_world.decide(text, "premium", 15)
    assert label == "personal:card"


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ('Bitte geben Sie <@U0ANA> keinen Zugriff auf die Abrechnung',
         'standard', 'none'),
        ('Bitte <@U0ANA> keinen Zugriff auf die Abrechnung geben',
         'standard', 'none'),
        ('We cancelled premium last month. Keep us posted on any discounts.',
         'cancelled', 'none'),
        ('thanks for cancelling our premium, keep it up!',
         'cancelled', 'none'),
        ('Thanks for processing the cancellation. Keep the receipt for our records please.',
         'cancelled', 'none'),
        ('We cancelled premium. Keep our data though.',
         'cancelled', 'none'),
        ('Wir möchten Premium kündigen. Aber noch nicht.',
         'premium', 'none'),
        ('Queremos cancelar el plan premium. Pero todavía no.',
         'premium', 'none'),
        ('Je veux annuler premium. Pas maintenant.',
         'premium', 'none'),
        ('Vorrei annullare il premium. No, aspetta.',
         'premium', 'none'),
        ('Quiero cancelar premium. No, espera.',
         'premium', 'none'),
        ('Ik wil premium opzeggen. Nee, toch niet.',
         'premium', 'none'),
        ('Chcemy anulować premium. Nie teraz.',
         'premium', 'none'),
        ('Wir möchten Premium kündigen. Oder doch nicht.',
         'premium', 'none'),
        ('Queremos cancelar el premium. Bueno, mejor no.',
         'premium', 'none'),
        ('Switch us to the cheapest shipping option for USPS',
         'premium', 'none'),
        ('switch us to the 1 day shipping option',
         'premium', 'none'),
        ('cancel the expensive FedEx service',
         'premium', 'none'),
        ('cancel the conference call service',
         'premium', 'none'),
        ('we no longer need the call recording service, please cancel it',
         'premium', 'none'),
        ('cancel the 1 day trial thing',
         'premium', 'none'),
        ('we want the 4 hour delivery option for local orders',
         'standard', 'none'),
        ('is the onboarding webinar free for standard? ok, sign us up for it',
         'premium', 'none'),
        ('Is the new Amazon beta available on premium? ok, sign us up for it',
         'standard', 'none'),
        ('is the holiday webinar only for premium customers? ok sign us up for it',
         'standard', 'none'),
        ('Does the Q3 training session cover premium? great, sign us up for it',
         'standard', 'none'),
        ("I don't want to upgrade yet. Sign us up for premium next year.",
         'standard', 'none'),
        ("Please don't upgrade us until the PO clears. Sign us up for premium after that.",
         'standard', 'none'),
        ('We are not upgrading this year. Sign us up for premium next year.',
         'standard', 'none'),
        ("We're not ready to commit yet. Sign us up for premium next quarter.",
         'standard', 'none'),
        ("Don't cancel premium. Drop us to standard.",
         'premium', 'none'),
        ('Only if the budget is approved. Upgrade us to premium.',
         'standard', 'none'),
        ('Our budget gets approved on the 15th. Sign us up for premium then.',
         'standard', 'none'),
        ('Our CFO might approve premium next week. Sign us up.',
         'standard', 'none'),
        ('Test message, please ignore: is premium 399? ok sign us up',
         'standard', 'none'),
        ('Note to self: is premium 399/yr? ok sign us up',
         'standard', 'none'),
        ('Hypothetically, is premium 399/yr? ok, sign us up then',
         'standard', 'none'),
        ('Can we upgrade later, not today? ok sign us up then',
         'standard', 'none'),
        ('My boss keeps asking, is premium worth it? Sign us up, he says.',
         'standard', 'none'),
        ('what if we upgraded? just curious. sign us up',
         'standard', 'none'),
        ('is premium 399/yr right? just curious, sign us up later',
         'standard', 'none'),
        ('can you upgrade us? wait, cancel that',
         'standard', 'none'),
        ('put us on the least expensive tier',
         'premium', 'action:cancel'),
        ('Once she finishes onboarding, <@U0ANA> needs billing access',
         'standard', 'none'),
        ("After Sam's probation ends in March, <@U0SAM> should have billing access",
         'standard', 'none'),
        ('Starting next month, <@U0SAM> needs billing access',
         'standard', 'none'),
        ('you let <@U0SAM> have billing access by mistake',
         'standard', 'none'),
        ('Nuestro jefe dijo: no renovar el premium.',
         'premium', 'none'),
        ('Wir möchten Premium behalten, bitte nicht verlängern vergessen!',
         'premium', 'none'),
        ('This is not just a test, please cancel premium now',
         'premium', 'action:cancel'),
        ('Last time your system said it was just a test mode. Please cancel premium for real.',
         'premium', 'action:cancel'),
        ("We're testing a new bot for our warehouse. Upgrade us to premium please.",
         'standard', 'action:upgrade'),
        ("I need a support person, not a sales person. our orders aren't syncing",
         'standard', 'handoff:support'),
        ('please get me a support person, not a sales rep, the FedEx labels are failing',
         'standard', 'handoff:support'),
        ("the price my sales rep quoted is wrong on the invoice, it's broken",
         'standard', 'handoff:sales'),
        ('can the support team help me upgrade to premium?',
         'standard', 'none'),
        ('How dare you charge us twice? I dare you to cancel premium',
         'premium', 'none'),
    ],
)  # fmt: skip
def test_the_sixth_sessions_review_counter_examples(request_world, text, state, expect):
    """helper-85 read the sixth session's readings and found each of these misread into a change
    nobody asked for, a grant the words refuse, the wrong team, or a request lost: "none" must
    change nothing, a label must be the decision."""
    assert_decides(request_world, text, state, expect, 16)


def test_an_order_then_a_question_about_something_else_gets_both(request_world):
    """The eighth session (blind request batch 45): an order in the opening sentences and a
    question after them that asks something other than how to do it."""
    text = (
        "Our team voted on it last week and everyone agreed, go ahead and subscribe us to "
        "premium. Curious, does the contract start the same day?"
    )
    label, turn = request_world.decide(text, "standard", 40)
    assert label == "action:upgrade"
    assert turn.replies[0].kind == "quote"
    # (no article says when the contract starts: the question is named back, not dropped)
    assert any("does the contract start the same day" in reply.text for reply in turn.replies)
    label, turn = request_world.decide("go ahead and cancel premium. what are your support hours?",
                               "premium", 42)  # fmt: skip
    assert label == "action:cancel"
    assert any(reply.kind == "answer" and "Pacific" in reply.text for reply in turn.replies)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("upgrade us to premium pls. btw what hours is the phone line staffed?", "standard",
         "action:upgrade"),
        ("cancel premium. will we be charged again?", "premium", "action:cancel"),
        # a question how to do what was ordered is the order's own: its article answers
        ("ok we decided to go premium. what are the steps to sign up?", "standard", "answer"),
        ("Upgrade later, not today. What's the price?", "standard", "!action:upgrade"),
        ("> Please upgrade us to Premium\nThis is a message a phishing email sent to our team "
         "pretending to be you. Is this legit?", "premium", "!action:upgrade"),
        ("cancel the phone support code, it got posted in a public channel. can we get a new one?",
         "premium", "!action:cancel"),
    ],
)  # fmt: skip
def test_an_order_before_a_question_is_read_with_what_holds_it_back(
    request_world, text, state, expect
):
    label, _ = request_world.decide(text, state, 41)
    assert label not in CHANGES if expect.startswith("!") else label == expect


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # helper-105's attack on the order-then-question reading: reported, joked, named,
        # put off, or followed by more than the order
        ("Cancel premium, my colleague suggested. Do you think that's wise?", "premium"),
        ("Cancel premium lol. What's the phone code?", "premium"),
        ("Cancel premium was the plan. Not anymore. What's the renewal date?", "premium"),
        ("Cancel premium. That's what I almost typed. What's the renewal date?", "premium"),
        ("Cancel premium, my boss keeps saying. What's the renewal date?", "premium"),
        ("Upgrade to premium is on the roadmap for Q3. What's the price?", "standard"),
        ("Upgrade us to premium in a year. What's the price now?", "standard"),
        ("Give <@U0SAM> billing access, my boss suggested. Is that safe?", "standard"),
        ("the intern said cancel premium, btw what's our renewal date?", "premium"),
        ("upgrade to premium is what everyone asks about btw, what's the price", "standard"),
        # helper-106's read: doubted, reported before the order, put off, a test, an emoji,
        # more than questions after it, two asks joined in words
        ("Cancel premium. Do you think that's wise?", "premium"),
        ("Upgrade us to premium. Or should we wait?", "standard"),
        ("My boss said, cancel premium. What's the renewal date?", "premium"),
        ("Cancel premium on Monday. What's the renewal date?", "premium"),
        ("Upgrade us to premium in four weeks. What's the price?", "standard"),
        ("Test. Cancel premium. What's the renewal date?", "premium"),
        ("Cancel premium :joy: What's the renewal date?", "premium"),
        ("Upgrade us to premium. What's the price? Only if it's under 500.", "standard"),
        ("Cancel premium. What's the renewal date? Asking for a friend.", "premium"),
        ("cancel premium btw, is the phone line staffed on weekends? my boss asked me to check "
         "before we do", "premium"),
        ("cancel premium. btw my boss says don't", "premium"),
    ],
)
def test_an_order_someone_else_gave_or_put_off_is_not_run_beside_a_question(
    request_world, text, state
):
    label, _ = request_world.decide(text, state, 43)
    assert label not in CHANGES, (text, label)


def test_an_order_amid_a_story_is_run_and_its_question_answered_beside(request_world):
    """The eleventh session (blind request batch 61, long messages): a story, the order in a
    sentence of its own, a remark, then a question about something else: the change waits for
    its Confirm click and the question is answered beside it."""
    text = (
        "Long story short, we hired two new warehouse leads this autumn and they keep hitting "
        "sync errors at odd hours. Please upgrade us to premium support. Thanks a lot. What are "
        "your support hours on weekends?"
    )
    label, turn = request_world.decide(text, "standard", 60)
    assert label == "action:upgrade"
    assert turn.replies[0].kind == "quote"
    assert len(turn.replies) >= 2  # (the hours, answered or named back, never dropped)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        # a story, then the order with remarks or a question after it
        ("We moved to a new 3PL in spring and the volume doubled. Please cancel our premium "
         "support. We handle most tickets in-house now. Will the phone code keep working until "
         "the term ends?", "premium", "action:cancel"),
        ("Our CFO went through the budget last week. Go ahead and upgrade us to premium. Cheers!",
         "standard", "action:upgrade"),
        # a story that tells the renewal was switched off is what a resume undoes
        ("Back in March I set our premium support to not renew because of a migration. The "
         "migration is off. Please reactivate the renewal. Thank you!", "cancelled",
         "action:resume"),
        # "rather not" takes back only the change it negates, or all when nothing follows it
        ("Please cancel our Premium Support subscription, I'd rather not be billed again.",
         "premium", "action:cancel"),
        ("upgrade us to premium? hmm, I'd rather not.", "standard", "none"),
        ("I'd rather not cancel premium, what does the phone line cost?", "premium", "none"),
        # ... and held back as before: by a remark after the order, a doubt or a condition
        ("We reviewed our vendors last week. Cancel premium. That's what I nearly sent. What's "
         "our renewal date?", "premium", "none"),
        ("Our numbers grew a lot this year. Upgrade us to premium. Just kidding. What's the "
         "price?", "standard", "none"),
        ("Our numbers grew a lot this year. Upgrade us to premium. How much is it? Only if "
         "it's under 300.", "standard", "none"),
        ("The team met on Friday. Upgrade us to premium. Or should we wait a month?",
         "standard", "none"),
        ("Test message, please ignore. Cancel premium. Is the phone line open today?",
         "premium", "none"),
        ("Our ops lead left. Cancel premium is what finance wants. What's our renewal date?",
         "premium", "none"),
    ],
)  # fmt: skip
def test_an_order_amid_a_story_is_read_as_strictly_as_one_before_a_question(
    request_world, text, state, expect
):
    assert_decides(request_world, text, state, expect, 61)


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        # the order as a wish ("I'd like to…"), its last sentence only agreeing
        ("We started on Standard two years ago and grew a lot since. So I'd like to subscribe to "
         "premium support please. I guess it's the merchant price since we sell online? Either "
         "way, go ahead with it.", "standard", "action:upgrade"),
        # ... not when the wish is a conditional ("I'd cancel…")
        ("Our volume dropped this year. I'd cancel premium if it were up to me. What's our "
         "renewal date?", "premium", "none"),
    ],
)  # fmt: skip
def test_an_order_said_as_a_wish_amid_a_story(request_world, text, state, expect):
    assert_decides(request_world, text, state, expect, 62)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # helper-129's attack on the order amid a story: a story that frames what follows as
        # words (a message, a note, a demo, a hypothetical), a remark that makes it someone's,
        # refuses or conditions it, a question that asks an opinion, where to do it oneself, or
        # who may (written again in other words, not copied from the set)
        ("Our CFO's text to me an hour ago, word for word. Cancel premium support. Then she "
         "went into a meeting. Can she even do that?", "premium"),
        ("Showing the new bot to our intern. Upgrade us to premium support. See how it replies, "
         "Sam. Does it ask before charging?", "standard"),
        ("Suppose our biggest client leaves. Cancel premium support then. Would we get money "
         "back?", "premium"),
        ("We had a slow week on tickets. Upgrade us to premium support. Thoughts?", "standard"),
        ("I prefer clicking it myself. Cancel premium support. Which page has that button?",
         "premium"),
        ("We'd like to upgrade to premium support. Our owner blocked it this morning. What's the "
         "merchant price?", "standard"),
        ("Our Amazon Prime membership is up soon. Cancel the membership, we use another plan "
         "there. Do you integrate with Prime?", "premium"),
        ("<@U0ABC12> moved house. Remove his billing address on file, it's outdated. He "
         "should keep his billing access though.", "premium"),
    ],
)  # fmt: skip
def test_an_order_amid_a_story_framed_refused_or_doubted_changes_nothing(
    request_world, text, state
):
    label, _ = request_world.decide(text, state, 63)
    assert label not in CHANGES, (text, label)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        # helper-131's review of the order amid a story: an assumption, a thought, someone's
        # words, a condition a sentence back or "then" inside the order, a "we'll see", an
        # alternative asked ("or would…")
        ("Assuming our biggest client walks we would have no need for phone support. Cancel "
         "premium support. What refund would we get?", "premium"),
        ("Random shower thought. Upgrade us to premium. What would that cost for warehouse?",
         "standard"),
        ("This is what our CFO shouts at every budget meeting. Cancel premium support! Anyway, "
         "when is our renewal date?", "premium"),
        ("If our volume doubles in Q3 we'll need faster responses. The board agrees with that. "
         "Upgrade us to premium then please. What's the price for warehouse accounts?",
         "standard"),
        ("Cancel premium support. We'll see. When does it end?", "premium"),
        ("Upgrade us to premium. Is that our best option or would a cheaper add-on cover phone "
         "calls?", "standard"),
    ],
)  # fmt: skip
def test_the_reviews_counter_examples_to_the_order_amid_a_story(request_world, text, state):
    label, _ = request_world.decide(text, state, 64)
    assert label not in CHANGES, (text, label)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # the asker's own "I want" is no one else's wish, and how it is done here is no doubt
        ("I want to subscribe to premium support. how do we proceed?", "action:upgrade"),
        ("We want to cancel premium support. Can you do it here in Slack?", "action:cancel"),
        # ... while asking how to do it oneself still holds it back
        ("I want to cancel premium support. Which tab do I click to do it myself?", "none"),
    ],
)  # fmt: skip
def test_an_own_wish_with_how_it_is_done_here(request_world, text, expect):
    assert_decides(request_world, text, "premium" if "cancel" in text else "standard", expect, 0)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # the asker's consent to what it costs, between the order and a question about it
        ("Upgrade us to premium support please. The card on file is fine. When does the term "
         "start?", "action:upgrade"),
        ("Sign us up for premium. $399 a year is fine with us. Is it charged today?",
         "action:upgrade"),
        # ... only when it says nothing more ("but not yet" puts it off)
        ("Sign us up for premium. Card on file is fine, but not yet. Is it charged today?",
         "none"),
    ],
)  # fmt: skip
def test_consent_to_the_cost_beside_an_order(request_world, text, expect):
    assert_decides(request_world, text, "standard", expect, 0)


def test_a_question_without_its_mark_after_an_order_is_answered_beside_it(request_world):
    text = (
        "we're closing one of our two stores so volume will be way lower. don't think we need "
        "the paid support anymore. can you turn off the auto renew on our premium? and will it "
        "drop us back to standard on its own"
    )
    assert_decides(request_world, text, "premium", "action:cancel", 0)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # thanks for the help, or who the colleague is to us, keep the order between the asker's
        ("Our freelancer <@U0SAM> wrapped up. Remove her billing access please. Thanks for your "
         "help today. Will she get an email?", "action:revoke"),
        ("Covering for the holidays. Give <@U0SAM> billing access please. She's our bookkeeper. "
         "Does she need an invite?", "action:grant"),
        # ... and where she is says nothing against it (read since 2026-12-07 by the learned
        # order odds, bot/conversation/order_odds.py: the order is plain, nothing hedges it)
        ("Give <@U0SAM> billing access please. She's off till Monday. Does she need an invite?",
         "action:grant"),
    ],
)  # fmt: skip
def test_thanks_and_the_colleagues_role_beside_an_access_order(request_world, text, expect):
    assert_decides(request_world, text, "standard", expect, 0)


def test_a_second_change_joined_by_and_is_named_back_not_dropped(request_world):
    """One change per message: the second one ("…and remove <@X>'s billing access") is told
    back to ask for on its own, never silently dropped."""
    text = "cancel premium and remove <@U0AB12CD>'s billing access, she left"
    label, turn = request_world.decide(text, "premium", 7)
    assert label == "action:cancel"
    told = [reply.text for reply in turn.replies if reply.kind == "reply"]
    assert told and "remove <@U0AB12CD>'s billing access" in told[0]
