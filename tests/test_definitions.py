"""A section that defines something ("What is a product alias?") says what it is, not how to do
anything with it: a question of how is declined (with a person offered) rather than answered
with the definition."""

from __future__ import annotations

import pytest

from bot.knowledge.subjects import answers_how


@pytest.mark.parametrize(
    "question",
    [
        "how do I set up a product alias so our UPCs match the SKUs in our WMS?",
        "which screen in IM do i use to add a new alias to a product? can u walk me through it",
        "is there an api endpoint to create product aliases programmatically?",
        "can i bulk upload product aliases with a csv file",
    ],
)
def test_a_question_of_how_is_not_answered_by_a_definition(knowledge, question):
    answer = knowledge.answer(question)
    assert not answer.answered, question
    assert "support team" in answer.text  # a person is offered instead


@pytest.mark.parametrize(
    "question",
    [
        "what is a product alias in IM",
        "we map amazon ASINs to our internal skus, is that what aliases are for?",
        "how do I send shipment emails to buyers",  # a section that tells how still answers
        "what is a product alias and how do they work?",  # (asks what it is too)
    ],
)
def test_a_question_the_section_answers_still_is(knowledge, question):
    assert knowledge.answer(question).answered, question


def test_only_a_definition_heading_holds_back_a_question_of_how():
    assert not answers_how("What is a product alias?", "how do i add one")
    assert answers_how("What is a product alias?", "what counts as an alias")
    assert answers_how("How to upgrade to Premium Support", "how do i upgrade")
    assert answers_how(None, "how do i upgrade")
