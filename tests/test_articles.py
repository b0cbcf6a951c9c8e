"""Reading articles: front matter, sections cut at headings, and app.yaml facts filled in."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.knowledge.articles import (
    ArticleError,
    article_files,
    facts_from_settings,
    parse_article,
    plain_text,
    read_article,
)
from tests.conftest import ROOT

FACTS = {"price.premium.merchant": "$399", "product.name": "Acme"}

ARTICLE = """---
title: Premium pricing
tags: [premium, price]
synonyms:
  price: [cost, how much]
related: [other]
updated: 2024-01-15
---
# Premium pricing

Intro for {{product.name}}.

## Merchant

Costs {{ price.premium.merchant }} a year.

```
## not a heading inside code
```

### Details

More.
"""


def test_front_matter_and_sections_are_read():
    article = parse_article("premium.md", ARTICLE, FACTS)
    assert article.title == "Premium pricing"
    assert article.tags == ("premium", "price")
    assert article.synonyms == {"price": ("cost", "how much")}
    assert article.related == ("other",)
    assert [s.heading for s in article.sections] == [None, "Merchant", "Details"]
    assert article.sections[0].text == "Intro for Acme."
    assert "Costs $399 a year." in article.sections[1].text
    assert "## not a heading inside code" in article.sections[1].text


def test_an_unknown_placeholder_names_file_line_and_name():
    with pytest.raises(
        ArticleError, match=r"premium\.md:3: unknown placeholder \{\{price\.gold\}\}"
    ):
        parse_article("premium.md", "# T\n\n{{price.gold}}\n", FACTS)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("---\ntitle: [unclosed\n---\nbody\n", "not valid YAML"),
        ("---\n- a list\n---\nbody\n", "must be a mapping"),
        ("---\ntitle: T\nsynonyms: [a, b]\n---\nbody\n", "'synonyms' must map"),
        ("---\ntitle: T\nupdated: someday\n---\nbody\n", "'updated' must be a date"),
        ("---\ntitle: T\n---\n# T\n", "has no text"),
    ],
)
def test_a_broken_article_is_refused_with_its_name(text, problem):
    with pytest.raises(ArticleError, match=problem):
        parse_article("broken.md", text, FACTS)


def test_the_title_falls_back_to_the_first_heading():
    assert parse_article("a.md", "# Hello there\n\nBody.\n", {}).title == "Hello there"


def test_plain_text_drops_emphasis_and_keeps_link_targets():
    assert plain_text("**Support** tab and *Profile* [docs](https://x.example)") == (
        "Support tab and Profile docs (https://x.example)"
    )


def test_shipped_articles_take_prices_and_targets_from_app_yaml():
    settings = load_settings(ROOT / "app.yaml")
    facts = facts_from_settings(settings)
    assert facts["price.premium.merchant"] == "$399"
    assert facts["price.premium.warehouse"] == "$1,199"
    assert facts["response_target.premium"] == "4 business hours"
    assert facts["term.premium"] == "1 year"
    files = article_files(settings.kb.path)
    assert len(files) >= 12
    texts = {f.name: read_article(settings.kb.path, f, facts) for f in files}
    pricing = "\n".join(s.text for s in texts["premium-support.md"].sections)
    assert "$399" in pricing and "$1,199" in pricing
    for name, article in texts.items():
        assert article.title, name
        assert article.tags, f"{name} has no tags"
        assert article.updated is not None, f"{name} has no updated date"


def test_a_price_change_in_app_yaml_reaches_the_articles(app_config, tmp_path):
    from tests.conftest import settings_for

    app_config["tiers"]["premium"]["price_cents"]["merchant"] = 45000
    settings = settings_for(app_config, ROOT)
    facts = facts_from_settings(settings)
    article = read_article(settings.kb.path, settings.kb.path / "premium-support.md", facts)
    assert "$450 annually" in "\n".join(s.text for s in article.sections)
