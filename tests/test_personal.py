"""Answers that quote prices, hours or response targets get the asker's own figures."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.billing.results import AccountStatus
from bot.conversation.personal import Personalizer
from tests.conftest import assert_label

LA = ZoneInfo("America/Los_Angeles")
MONDAY_MORNING = datetime(2026, 11, 30, 9, 0, tzinfo=LA)
SATURDAY = datetime(2026, 11, 28, 12, 0, tzinfo=LA)


def _status(tier="standard", account_type="warehouse", price=119900):
    return AccountStatus(
        account_id="depot",
        account_name="Depot",
        account_type=account_type,
        tier=tier,
        tier_name="Standard Support" if tier == "standard" else "Premium Support",
        plan_status=None,
        started_at=None,
        renews_at=None,
        ends_at=None,
        auto_renew=False,
        card=None,
        phone_support_code=None,
        user_email="dee@depot.example",
        billing_access=True,
        upgrade_price_cents=price,
        currency="USD",
    )


@pytest.fixture(scope="module")
def personal(shipped_settings):
    return Personalizer(shipped_settings)


def test_a_price_answer_gets_the_askers_own_price(personal, knowledge):
    answer = knowledge.answer("how much is premium?")
    note = personal.note(answer, _status(), MONDAY_MORNING)
    assert "For Depot (warehouse account), Premium Support is $1,199 per year." in note


def test_an_hours_answer_says_whether_support_is_open_now(personal, knowledge):
    answer = knowledge.answer("what are your support hours?")
    assert "Support is open now." in personal.note(answer, _status(), MONDAY_MORNING)
    assert "opens Monday, November 30 at 8am" in personal.note(answer, _status(), SATURDAY)


def test_a_response_time_answer_gets_the_askers_due_time(personal, knowledge):
    answer = knowledge.answer("What is the ticket response time with Premium?")
    note = personal.note(answer, _status(tier="premium"), MONDAY_MORNING)
    assert (
        "On Premium Support, a ticket sent now would get a reply by Monday, November 30 at 1pm"
        in note
    )


def test_other_answers_and_non_answers_get_nothing(personal, knowledge):
    assert (
        personal.note(knowledge.answer("What is a product alias?"), _status(), MONDAY_MORNING)
        is None
    )
    assert personal.note(knowledge.answer("banana bread"), _status(), MONDAY_MORNING) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Hi! Our finance team needs the exact date our support contract runs out, can you tell "
         "me?", "personal:renewal_date"),
        ("Please tell me which day our support contract is finishing", "personal:renewal_date"),
        ("For my records: what support level is this client's account currently on?",
         "personal:tier"),
        ("Bonjour, quick question: what support level does our account have at the moment? Merci",
         "personal:tier"),
        # the premium tier's end in general, or a tier after a change, is no fact of the account
        ("what is the date the contract ends for premium in general?", "answer"),
        ("what plan do we have to buy to get phone support?", "!personal:tier"),
        ("what happens when my subscription expires?", "!personal:renewal_date"),
        # the tier as its level or kind of support, the plan's state asked of it
        ("sorry dumb q but what level of support do we have", "personal:tier"),
        ("what kind of support does our account have", "personal:tier"),
        ("is our premium active? did the renewal get cancelled or is it still on",
         "action:status"),
        ("is our integration active?", "!action:status"),
        ("quick health check on our support plan: is it active, cancelled, anything pending?",
         "action:status"),
        ("Respected sir, please inform the renewal date of our support plan",
         "personal:renewal_date"),
        ("Could you please confirm the date on which our Premium Support is due to renew?",
         "personal:renewal_date"),
        ("when does our premium renew again? need to budget lol", "personal:renewal_date"),
        ("what date is our support plan set to renew?", "personal:renewal_date"),
        ("wait which tier are we on lol the free one or the paid one", "personal:tier"),
        ("Hello, for our procurement records, which level of support are we subscribed to at "
         "present?", "personal:tier"),
        ("what's our current support status? I want to see it before I talk to finance",
         "action:status"),
        ("which plan do we have + renewal date?", "action:status"),
    ],
)  # fmt: skip
def test_the_accounts_own_date_or_tier_asked_in_so_many_words_is_its_own(
    shipped_services, text, label
):
    got = shipped_services.conversation.understanding.read(text).decision.label
    assert_label(got, label, text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the renewal asked as the next charge, or as the last day still covered
        ("what day do we get charged again for the yearly support membership",
         "personal:renewal_date"),
        ("when will we be billed next?", "personal:renewal_date"),
        ("I cancelled premium last month. what's the last day we still have phone support?",
         "personal:renewal_date"),
        # ... not after a change still to come
        ("if we cancel, what's the last day we have phone support?", "!personal:renewal_date"),
        # the plan's rundown is the status card
        ("new admin here, give me the rundown on our support plan please", "action:status"),
    ],
)  # fmt: skip
def test_the_next_charge_the_last_day_and_a_rundown_are_the_accounts_own(
    shipped_services, text, label
):
    got = shipped_services.conversation.understanding.read(text).decision.label
    assert_label(got, label, text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the code for the phone line and the renewal date, asked by a linked person without
        # "our" or "my", are theirs (the article is shown beside)
        ("need the phone support code to call in pls", "personal:phone_code"),
        ("when does premium renew", "personal:renewal_date"),
        # ... not what an order says of them
        ("Please reinstate premium so it renews on the usual date.", "action:resume"),
    ],
)  # fmt: skip
def test_the_phone_code_and_renewal_date_asked_plainly_are_the_askers_own(
    shipped_services, text, label
):
    got = shipped_services.conversation.understanding.read(text).decision.label
    assert_label(got, label, text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the plan's situation, or whether it is still on or already cancelled
        ("what is the situation of our subscription right now?", "action:status"),
        ("is premium still running or already cancelled??", "action:status"),
        # whether the account is on one tier or another, asked with "if"
        ("could you tell me if our company is on the paid plan or on the free one?",
         "personal:tier"),
        # the card as registered or saved on the account
        ("what card is saved for our support payments?", "personal:card"),
        # not wanting to do something else is no wish to cancel
        ("show me the overview of our account, I don't want to guess before the budget meeting",
         "action:status"),
    ],
)  # fmt: skip
def test_the_plan_tier_and_card_asked_in_other_words(shipped_services, text, label):
    got = shipped_services.conversation.understanding.read(text).decision.label
    assert_label(got, label, text)


@pytest.mark.parametrize(
    "text",
    [
        "show me where we stand with support pls",
        "new here, no idea what we have. can you show me where our account stands?",
        "What does our support setup look like right now?",
        "could you give me an overview of our account?",
        "not sure what we're even signed up for anymore, can you check?",
    ],
)
def test_where_the_account_stands_asked_in_other_words_gets_the_status_card(request_world, text):
    label, turn = request_world.decide(text, "premium", 0)
    assert label == "action:status", (text, label)
    assert [reply.kind for reply in turn.replies] == ["status"]
