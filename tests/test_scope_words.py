"""The words of questions the articles don't answer (bot/knowledge/scope.py): counted over every
example, so one word only the unanswered questions use ("vat") weighs against an answer whose
other words all fit a section."""

from __future__ import annotations

from collections import Counter

from bot.knowledge.scope import ScopeWords


def _words(text: str) -> Counter[str]:
    return Counter(text.lower().replace("?", "").split())


ANSWERED = ["how much is premium", "what does premium cost", "premium price for a warehouse"]
NOT_ANSWERED = ["will vat be added to our bill", "do you charge vat", "can i get a refund"]


def test_a_word_only_unanswered_questions_use_weighs_against_answering():
    scope = ScopeWords(ANSWERED, NOT_ANSWERED, _words)
    assert scope.odds(_words("does the premium price include vat")) > scope.odds(
        _words("does the premium price include support")
    )
    assert scope.odds(_words("how much is premium")) < 0 < scope.odds(_words("charge vat"))


def test_a_word_no_example_uses_is_neutral():
    scope = ScopeWords(ANSWERED, NOT_ANSWERED, _words)
    assert scope.odds(_words("zebra")) == 0.0
    assert scope.odds([]) == 0.0


def test_a_labelled_question_left_out_is_not_its_own_evidence():
    """Training scores each example question with itself left out, as the example closeness
    does: "can i get a refund" alone says "refund" is unanswered; left out, nothing does."""
    scope = ScopeWords(ANSWERED, NOT_ANSWERED, _words)
    assert scope.odds(_words("refund")) > 0
    assert scope.odds(_words("refund"), leave_out="can i  get a refund") == 0.0


def test_every_copy_of_a_left_out_example_is_left_out():
    scope = ScopeWords(ANSWERED, [*NOT_ANSWERED, "can i get a refund"], _words)
    assert scope.odds(_words("refund"), leave_out="can i get a refund") == 0.0


def test_without_examples_on_either_side_it_says_nothing():
    assert ScopeWords(ANSWERED, [], _words).odds(_words("vat")) == 0.0
    assert ScopeWords([], NOT_ANSWERED, _words).odds(_words("vat")) == 0.0
