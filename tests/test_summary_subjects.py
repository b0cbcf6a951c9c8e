"""A summary article (front matter `summary: true`: only the summary of a longer article kept
elsewhere) answers only a message that names its subject: one of its tags or its title's
subject. Its few general words ("connect", "send", "product") no longer answer messages about
something else."""

from __future__ import annotations

import pytest

from bot.knowledge.concepts import Concept
from bot.knowledge.index import Hit
from bot.knowledge.subjects import names_subject

ALIASES = Hit(
    key="aliases#what",
    path="product-aliases.md",
    title="Product aliases in Extensiv Integration Manager",
    heading="What is a product alias?",
    tags="product alias, identifier, sku, upc, variant",
    text="",
    score=1.0,
    summary=True,
)
PRODUCT = "Extensiv Integration Manager Integration Manager CartRover Extensiv"


def _named(question: str, concepts: tuple[Concept, ...] = ()) -> bool:
    return names_subject(question, concepts, lambda stem: 0, ALIASES, PRODUCT)


@pytest.mark.parametrize(
    "question",
    [
        "prod aliases = SKUs?",  # the stemmer's "alias"/"alia" and chat's "prod"
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
        "Integration Manager keeps logging me out",  # the product's own name names no subject
    ],
)
def test_a_message_naming_none_of_them_is_not(question):
    assert not _named(question)


def test_a_spelling_fix_counts_but_a_single_word_synonym_does_not():
    """"identifer" (no article has it) fixed to "identifi" names the subject; "barcode", the
    article's own single-word synonym of "alias", does not, as "connect" is not "setup"."""
    typo = Concept("identifer", direct={"identif"}, indirect={"identifi"})
    assert _named("is an identifer unique", (typo,))
    known = lambda stem: 1  # noqa: E731  ("barcode" is a word some article has)
    synonym = Concept("barcode", direct={"barcod"}, indirect={"alia"})
    assert not names_subject("what is a barcode", (synonym,), known, ALIASES, PRODUCT)


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


def test_a_summary_with_nothing_to_name_is_not_refused_everything():
    """No tags and a title that is only the product's name: there is no subject to name, so the
    article answers as any other does."""
    bare = Hit("x#", "x.md", "Extensiv Integration Manager", None, "", "", 1.0, summary=True)
    assert names_subject("what does it do", (), lambda stem: 0, bare, PRODUCT)
