"""Whether a message is about what a summary article is about.

An article marked `summary: true` in its front matter holds only the summary of a longer article
kept elsewhere (the shipped product articles: product aliases, Web Shop Manager, shipping emails;
and billing access). Its words are few and general ("connect", "send", "product"), so a message
can match them closely without being about its subject at all: "how do i connect my etsy shop"
met the Web Shop Manager setup's "connect", "can u send your SOC 2 report" the shipping emails'
"send", "i've been using the product for 4 yrs" the product aliases'. Such an article answers
only a message that names its subject: one of its tags, or its title without the product's name,
every word of it. A word is named as the search finds it: by itself, a spelling fix, or a word
the article gives as its synonym ("receipt" names "invoices"); so a tag must be a subject, not
an activity ("setup" would let "connect" name Web Shop Manager).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.knowledge.concepts import Concept
from bot.knowledge.text import MAX_QUESTION_CHARS, stems

# A phrase as the stems each of its words may be found by.
Phrase = tuple[frozenset[str], ...]

# Slack's emphasis and hyphenated names join words the tokenizer would keep together
# ("_shipping emails_", "Web-Shop-Manager").
_MARKUP = re.compile(r"[-_*~`]")


def said_in(question: str, concepts: Sequence[Concept]) -> set[str]:
    """Every stem the message may be found by: its own, its spelling fixes and synonyms (of a
    question's length: a 40,000-character paste costs what a question does)."""
    said = set(stems(_MARKUP.sub(" ", question[:MAX_QUESTION_CHARS])))
    for concept in concepts:
        said |= concept.direct | concept.indirect
    return said


def phrase_of(concepts: Sequence[Concept]) -> Phrase:
    """A tag or title as read like a question: each topic word with the stems that stand for it
    (the product's name and question words are no topic)."""
    return tuple(frozenset(c.direct | c.indirect) for c in concepts if c.direct | c.indirect)


def names_subject(said: set[str], phrases: Sequence[Phrase]) -> bool:
    """True when every word of one of the phrases is said. An article with nothing to name (no
    tags, a title that is the product's name) is not held back."""
    if not any(phrases):
        return True
    return any(
        phrase and all(any(_said(stem, said) for stem in word) for word in phrase)
        for phrase in phrases
    )


def _said(stem: str, said: set[str]) -> bool:
    return stem in said or any(_same(stem, word) for word in said)


def _same(stem: str, word: str) -> bool:
    """The same word, stemmed unevenly ("alias" -> "alia", "aliases" -> "alias", "skus" ->
    "skus") or shortened in chat ("prod" for "product"): a plural's "s", or one stem of four
    letters or more beginning the other, longer by three at most ("set" is no "setup", "work"
    no "workflow", "upc" no "upcoming")."""
    short, long = sorted((stem, word), key=len)
    if long == f"{short}s":
        return True
    return len(short) >= 4 and len(long) - len(short) <= 3 and long.startswith(short)


# A section that defines ("What is a product alias?") says what a thing is, not how to do
# anything with it: "how do I set up a product alias so our UPCs match", "which screen do i
# use to add an alias", "is there an api endpoint to create aliases" are not its to answer.
_DEFINES = re.compile(r"^\s*what\s+(is|are)\b[^?]*\?\s*$", re.I)
_ASKS_HOW = re.compile(
    r"\b(how\s+(do|can|could|should|would|to)\b|set\s*up|setup|configur\w*|steps?\b|walk\s+(me|us)\s+"
    r"through|which\s+(screen|page|menu|button|tab)|where\s+do\s+(i|we)\b|api|endpoints?|bulk|"
    r"import|upload|csv|script|regex|programmatically)\b",
    re.I,
)


_ASKS_WHAT = re.compile(r"\bwhat(\s+is|\s+are|'?s)\s+(a|an|the)?\b|\bdefin\w*|\bmeaning\b", re.I)


def answers_how(heading: str | None, question: str) -> bool:
    """Whether a section may answer the question as to what it asks: a definition does not
    answer how to do something (bot/knowledge/answer.py leaves such a candidate out)."""
    if not (heading and _DEFINES.match(heading)):
        return True  # (most sections define nothing: the question is not read for them)
    # ("what is a product alias and how do they work?" asks what it is too)
    return not _ASKS_HOW.search(question) or bool(_ASKS_WHAT.search(question))
