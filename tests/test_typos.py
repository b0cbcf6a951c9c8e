"""Typos are read as the word meant ("upgade us to premuim"); English words are never "fixed"
into a word the bot knows ("clock" is no typo of "click", "cancer" none of "cancel")."""

from __future__ import annotations

import pytest

from bot.conversation.intents import IntentClassifier, load_intents
from bot.knowledge.text import english_stem, one_edit
from tests.conftest import assert_label, decision_in_dm


@pytest.fixture(scope="module")
def classifier(shipped_settings):
    return IntentClassifier(load_intents(shipped_settings.intents.path))


def test_a_request_full_of_typos_is_still_the_request(classifier):
    match = classifier.classify("plz upgade us to premuim thx")
    assert match is not None and match.intent.action == "upgrade"


@pytest.mark.parametrize("word", ["cancer", "chance", "plane", "grand", "clock"])
def test_an_english_word_is_not_taken_for_a_typo_of_an_intents_word(classifier, word):
    assert classifier._spelled(word) == english_stem(word)


@pytest.mark.parametrize("word", ["clock", "cancer", "plane"])
def test_an_english_word_no_article_has_gets_no_spelling_fix(knowledge, word):
    [concept] = [c for c in knowledge.answerer.concepts(f"the {word} thing") if c.word == word]
    assert concept.indirect == set(), concept


def test_a_misspelt_word_no_article_has_gets_its_fix(knowledge):
    concepts = knowledge.answerer.concepts("how do i cancle")
    assert any("cancel" in c.indirect for c in concepts), concepts


@pytest.mark.parametrize(("word", "fix"), [("opne", "open"), ("chnage", "chang")])
def test_two_letters_swapped_on_a_phone_are_swapped_back(knowledge, word, fix):
    """One swap is two edits to the index's spelling fixes, and "opn" (the stem of "opne") is
    too short for them to look up."""
    [concept] = [c for c in knowledge.answerer.concepts(f"how do i {word} it") if c.word == word]
    assert fix in concept.indirect, concept


@pytest.mark.parametrize(
    ("a", "b", "near"),
    [("upgad", "upgrad", True), ("premuim", "premium", True), ("abc", "abd", True),
     ("abc", "abc", False), ("abcd", "ab", False), ("abc", "cab", False)],
)  # fmt: skip
def test_one_edit_is_one_insertion_deletion_substitution_or_swap(a, b, near):
    assert one_edit(a, b) is near and one_edit(b, a) is near


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # typos of the request words, respelled as the intents' examples spell them
        ("we got the budget approved so go ahaed and put us on premium", "action:upgrade"),
        ("unsubcribe us from premuim plz", "action:cancel"),
        ("can u reactvate our subscrption", "action:resume"),
        # ... never a contraction, a mention, or another language's word
        ("<@U0ABC12> shouldn't be able to change our plan anymore", "action:revoke"),
        ("wir wollen Premium nicht kündigen, nur die Rechnungsadresse ändern", "!action:cancel"),
    ],
)  # fmt: skip
def test_typos_of_the_request_words_are_read_as_meant(shipped_services, text, expect):
    assert_label(decision_in_dm(shipped_services, text), expect, text)


def test_the_respeller_leaves_english_known_and_short_words_alone(shipped_settings):
    from bot.bootstrap import intent_classifier
    from bot.conversation.respelling import Respeller

    respell = Respeller(intent_classifier(shipped_settings))
    assert respell("pls upgade us to premuim") == "pls upgrade us to premium"
    # an English word one typo from an example's is no typo ("coast" is not "cost")
    assert respell("we ship coast to coast") == "we ship coast to coast"
    assert respell("shouldn't :tada: <@U0ABCDEFG> plz") == "shouldn't :tada: <@U0ABCDEFG> plz"


def test_a_past_tense_typo_stays_a_past_tense(shipped_settings):
    from bot.bootstrap import intent_classifier
    from bot.conversation.respelling import Respeller

    respell = Respeller(intent_classifier(shipped_settings))
    assert respell("Sam canceld our premium support") == "Sam canceld our premium support"
