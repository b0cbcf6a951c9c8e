"""A term of policy the question asks about that the answering section does not say (a refund,
a credit, a tax, another way to pay, a holiday, a phone line abroad, a limit, a grace period) is
declined with a person offered, not answered with the nearest section; a question that only
mentions such a term, or asks what the section does say, is still answered."""

from __future__ import annotations

import pytest

from bot.knowledge.unsaid import unsaid_policy


@pytest.mark.parametrize(
    "question",
    [
        "can i pay the premium support w/ paypal?",
        "is support closed on xmas eve and new years day or do u run normal hours??",
        "do u have a UK or EU phone number? calling a US number from Germany costs us a lot",
        "can you add our VAT number to the receipts? finance is complaining",
        "if i cancel premium after like 2 months do i get the rest of my money back? prorated?",
        "is there any SLA credit if u miss the 4 hour response window on premium?",
        "whats the max number of users that can have billing access on one account?",
        "what happens if our card gets declined on the auto renewal? is there a grace period?",
        "will you notify us before renewal if the premium price goes up?",
        "how many days before renewal I need to cancel for not be charged again? 1 week?",
        "the support code thing for phone calls, does it expire after some time?",
        "can you move the renewal date to january so it lines up with our budget year?",
        "We just bought the premium plan. Do we get an onboarding call included?",
        "our primary user quit. how do we make someone else the primary user?",
    ],
)
def test_a_policy_the_articles_do_not_state_is_declined_with_a_person(knowledge, question):
    answer = knowledge.answer(question)
    assert not answer.answered, question
    assert "support team" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "do we need a credit card on file to upgrade? we normally pay vendors by ACH",
        "we sell gift sets around the holidays. what are your support hours?",
        "I'm not asking for the money back, I just want to know how to stop the auto renewal",
        "what's the phone number for premium support?",
        "is premium a one year contract?",
        "where do i submit a ticket?? the link in our old onboarding doc is dead",
        "new admin here, onboarding doc says we need a 'code' to call prem support. where is it",
        # (helper-111's review: the term told of, not asked)
        "what are your hours? we're closed for the holidays next week so no rush",
        "where do I see our invoices? our accountant needs them for the VAT return",
        "what's the support email? I need to send over our purchase order",
        "can I cancel by email before it renews?",
    ],
)
def test_a_question_that_only_mentions_such_a_term_is_answered(knowledge, question):
    assert knowledge.answer(question).answered, question


def test_a_section_that_states_the_policy_answers_it():
    """Another vendor's pricing article may state its tax or refund policy: then it answers."""
    assert unsaid_policy("do your prices include VAT?", "Premium is $399 a year.")
    assert not unsaid_policy("do your prices include VAT?", "Prices exclude VAT.")
    assert not unsaid_policy("any refund if I cancel?", "We refund the unused months.")
