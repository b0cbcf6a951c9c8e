"""A summary article (front matter `summary: true`: only the summary of a longer article kept
elsewhere) answers only a message that names its subject: one of its tags or its title's
subject. Its few general words ("connect", "send", "product") no longer answer messages about
something else."""

from __future__ import annotations

import pytest

from bot.knowledge.concepts import Concept
from bot.knowledge.subjects import names_subject, said_in

# The product aliases' subjects, as the answerer reads them: "product alias", "identifier",
# "sku", "upc" (each word with the stems that stand for it).
ALIASES = (
    (frozenset({"product"}), frozenset({"alia"})),
    (frozenset({"identifi", "alia"}),),
    (frozenset({"sku", "alia"}),),
    (frozenset({"upc", "alia"}),),
)


def _named(question: str, concepts: tuple[Concept, ...] = (), phrases=ALIASES) -> bool:
    return names_subject(said_in(question, concepts), phrases)


@pytest.mark.parametrize(
    "question",
    [
        "prod aliases = SKUs?",  # the stemmer's "alias"/"alia", chat's "prod", a plural
        "we map amazon ASINs to our internal skus, is that what aliases are for?",
        "what counts as an identifier, like UPC and ASIN too?",
        "what is a product alias in IM",
    ],
)
def test_a_message_naming_a_tag_or_the_title_is_about_the_summary_article(question):
    assert _named(question)


@pytest.mark.parametrize(
    "question",
    [
        "are you guys hiring? i've been using the product for 4 yrs lol",  # "product" alone
        "when is the next product release",
        "what are your support hours",
        "any upcoming release?",  # "upc" begins "upcoming": too short to be that word
    ],
)
def test_a_message_naming_none_of_them_is_not(question):
    assert not _named(question)


def test_a_spelling_fix_or_the_articles_synonym_names_the_subject():
    """What the search finds a word by names it: "identifer" fixed to "identifi", "barcode"
    given by the article as a synonym of "alias"."""
    typo = Concept("identifer", direct={"identif"}, indirect={"identifi"})
    assert _named("is an identifer unique", (typo,))
    synonym = Concept("barcode", direct={"barcod"}, indirect={"alia"})
    assert _named("what is a barcode", (synonym,))


def test_a_short_stem_beginning_a_longer_word_is_not_that_word():
    """"set" begins "setup", "work" begins "workflow": too short, or the rest too long."""
    phrases = ((frozenset({"setup"}),), (frozenset({"workflow"}),))
    assert not _named("how do I set up SSO", phrases=phrases)
    assert not _named("it doesnt work", phrases=phrases)


def test_slack_emphasis_and_hyphens_do_not_hide_the_subject():
    wsm = ((frozenset({"web"}), frozenset({"shop"})),)
    assert _named("does IM pull orders from Web-Shop-Manager", phrases=wsm)
    assert _named("does IM support _web shop manager_?", phrases=wsm)


def test_a_summary_with_nothing_to_name_is_not_refused_everything():
    """No tags and a title that is only the product's name: there is no subject to name, so the
    article answers as any other does."""
    assert _named("what does it do", phrases=((), ()))
    assert _named("what does it do", phrases=())


@pytest.mark.parametrize(
    "question",
    [
        "how do i connect my etsy shop to integration manager",
        "our security team wants your SOC 2 report before we renew anything. can u send it",
        "are you guys hiring? saw extensiv on linkedin and i've been using the product for 4 yrs",
    ],
)
def test_the_shipped_product_summaries_answer_no_message_about_something_else(knowledge, question):
    answer = knowledge.answer(question)
    assert not any(
        s.path.endswith(("web-shop-manager-setup.md", "shipping-emails.md", "product-aliases.md"))
        for s in answer.sources
    ), answer.sources


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("setting up our WSM store in IM rn, what creds do i need to enter?", "web-shop-manager"),
        ("does IM pull orders from webshopmanager automatically?", "web-shop-manager"),
        ("customers say they never get a shipping confirmation email. does IM send those?",
         "shipping-emails"),
        ("prod aliases = SKUs?", "product-aliases"),
    ],
)
def test_the_shipped_product_summaries_still_answer_their_own_subject(knowledge, question, article):
    answer = knowledge.answer(question)
    assert answer.answered and answer.sources[0].path.split("/")[-1].startswith(article)
