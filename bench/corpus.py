"""A generated knowledge base of any size, and questions about it, for benchmarks.

Articles are written in the shipped articles' shape (front matter, a title, headed sections) from
a Zipf-distributed vocabulary of real support words and made-up product words, so that common
words are common and rare words rare, as in a real knowledge base. The same seed gives the same
corpus.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.articles import article_files

_SUPPORT_WORDS = """
account billing invoice payment card charge refund plan tier premium standard support ticket email
phone hours response reply upgrade downgrade cancel renew renewal contract annual monthly price
cost access permission user admin primary owner integration order shipment inventory sync product
alias sku warehouse merchant channel store cart marketplace label carrier tracking return customer
error failed import export report schedule webhook api token key credential domain setting profile
workflow rule mapping field location stock quantity variant bundle kit fulfillment dispatch
""".split()


def _made_up_words(rng: random.Random, count: int) -> list[str]:
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    words: set[str] = set()
    while len(words) < count:
        length = rng.randint(2, 4)
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(length)))
    return sorted(words)


@dataclass
class Corpus:
    folder: Path
    questions: list[str]

    @property
    def files(self) -> list[Path]:
        return article_files(self.folder)


def generate(folder: Path, articles: int, seed: int = 7, questions: int = 300) -> Corpus:
    """Write `articles` Markdown files into `folder` (emptied first) and make questions."""
    rng = random.Random(seed)
    vocabulary = _SUPPORT_WORDS + _made_up_words(rng, 20_000)
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))]
    rng.shuffle(vocabulary)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()

    def sentence(n: int) -> str:
        return " ".join(rng.choices(vocabulary, weights, k=n)).capitalize() + "."

    topics: list[tuple[str, str]] = []
    for number in range(articles):
        title = " ".join(rng.choices(vocabulary, weights, k=rng.randint(3, 6))).capitalize()
        tags = rng.sample(vocabulary[:3000], 4)
        synonym = rng.choice(vocabulary[:3000])
        sections = []
        for _ in range(rng.randint(3, 5)):
            heading = " ".join(rng.choices(vocabulary, weights, k=rng.randint(2, 5))).capitalize()
            body = " ".join(sentence(rng.randint(8, 20)) for _ in range(rng.randint(3, 8)))
            sections.append(f"## {heading}\n\n{body}\n")
            topics.append((heading, body))
        (folder / f"article-{number:05d}.md").write_text(
            "---\n"
            f"title: {title}\n"
            f"tags: [{', '.join(tags)}]\n"
            f"synonyms:\n  {tags[0]}: [{synonym}]\n"
            "updated: 2024-01-15\n"
            "---\n"
            f"# {title}\n\n" + "\n".join(sections),
            encoding="utf-8",
        )

    # Questions are words of one section (two of its heading, three of its body), so that every
    # engine, plain Whoosh's all-words-required parser included, has an article to find.
    asked = []
    for heading, body in rng.sample(topics, min(questions, len(topics))):
        words = heading.lower().split()[:2] + rng.sample(body.lower().rstrip(".").split(), 3)
        asked.append(" ".join(words))
    return Corpus(folder, asked)


def edit_one(corpus: Corpus, seed: int = 11) -> Path:
    """Change one article's text, as an author would, and return its path."""
    path = corpus.files[len(corpus.files) // 2]
    text = path.read_text(encoding="utf-8")
    path.write_text(text + f"\n## Edited section {seed}\n\nA new paragraph about refunds.\n")
    return path
