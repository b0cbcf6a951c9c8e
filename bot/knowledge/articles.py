"""Markdown articles -> sections, with app.yaml facts filled in.

An article is one Markdown file with YAML front matter. Its text may name facts from app.yaml as
placeholders (``{{price.premium.merchant}}``), filled when the article is read, so an answer can
never quote a price, an hour or a response target that differs from what the bot charges and
promises. The unit of retrieval is a section: the article split at its headings.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from bot.config import Settings
from bot.hours import SupportHours
from bot.money import format_cents

# libyaml's loader when PyYAML was built with it: front matter of 10,000 articles parses in a
# fraction of the pure-Python loader's time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_.]+)\s*\}\}")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


class ArticleError(ValueError):
    """An article cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class Section:
    """One heading's worth of an article: what a search returns and an answer quotes."""

    path: str  # the article's path relative to the knowledge-base folder, e.g. "premium-support.md"
    title: str
    heading: str | None  # None for the text before the first heading
    text: str
    position: int

    @property
    def key(self) -> str:
        return f"{self.path}#{self.position}"


@dataclass(frozen=True)
class Article:
    path: str
    title: str
    tags: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]]
    related: tuple[str, ...]
    updated: date | None
    summary: bool
    sections: tuple[Section, ...]
    digest: str = field(compare=False)
    # How customers ask what a section answers, by section key: examples the bot matches
    # messages against (typos, abbreviations and all), beside the section's own words.
    questions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def plain_text(markdown: str) -> str:
    """Markdown as plain text: emphasis markers dropped, links as "label (url)", lists kept."""
    text = _LINK.sub(lambda m: f"{m[1]} ({m[2]})", markdown)
    return _EMPHASIS.sub(r"\2", text)


def _plural(amount: int, noun: str) -> str:
    return f"{amount} {noun}" if amount == 1 else f"{amount} {noun}s"


def _term_words(months: int) -> str:
    if months and months % 12 == 0:
        return _plural(months // 12, "year")
    return _plural(months, "month")


def facts_from_settings(settings: Settings) -> dict[str, str]:
    """The values articles may quote, by placeholder name, all derived from app.yaml."""
    hours = SupportHours.from_config(settings.support_hours)
    facts: dict[str, str] = {
        "product.name": settings.product.name,
        "product.short_name": settings.product.display_name,
        "support_hours": hours.describe(),
    }
    if settings.product.formerly:
        facts["product.formerly"] = settings.product.formerly
    for key, value in settings.contact.model_dump().items():
        if value:
            facts[f"contact.{key}"] = str(value)
    for tier_key, tier in settings.tiers.items():
        facts[f"tier.{tier_key}.name"] = tier.name
        facts[f"response_target.{tier_key}"] = tier.response_target.text
        if tier.term_months:
            facts[f"term.{tier_key}"] = _term_words(tier.term_months)
        for account_type, cents in tier.price_cents.items():
            facts[f"price.{tier_key}.{account_type}"] = format_cents(
                cents, settings.billing.currency
            )
    return facts


def facts_digest(facts: Mapping[str, str]) -> str:
    return hashlib.sha256(repr(sorted(facts.items())).encode()).hexdigest()[:16]


def fill_placeholders(text: str, facts: Mapping[str, str], source: str) -> str:
    def substitute(match: re.Match[str]) -> str:
        name = match[1]
        if name not in facts:
            line = text.count("\n", 0, match.start()) + 1
            known = ", ".join(sorted(facts))
            raise ArticleError(
                f"{source}:{line}: unknown placeholder {{{{{name}}}}} (known: {known})"
            )
        return facts[name]

    return PLACEHOLDER.sub(substitute, text)


def _string_list(meta: dict[str, Any], key: str, source: str) -> tuple[str, ...]:
    value = meta.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise ArticleError(f"{source}: front matter '{key}' must be a list of words")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _synonyms(meta: dict[str, Any], source: str) -> dict[str, tuple[str, ...]]:
    value = meta.get("synonyms") or {}
    if not isinstance(value, dict):
        raise ArticleError(
            f"{source}: front matter 'synonyms' must map a word to the words customers use for it"
        )
    table: dict[str, tuple[str, ...]] = {}
    for word, alternatives in value.items():
        if isinstance(alternatives, str):
            alternatives = [alternatives]
        if not isinstance(alternatives, list):
            raise ArticleError(f"{source}: synonyms for '{word}' must be a list")
        table[str(word)] = tuple(str(a) for a in alternatives if str(a).strip())
    return table


def _questions(
    meta: dict[str, Any], sections: tuple[Section, ...], source: str
) -> dict[str, tuple[str, ...]]:
    """`questions:` maps a section's heading (the article's title for the text before the first
    heading) to the ways customers ask what it answers."""
    value = meta.get("questions") or {}
    if not isinstance(value, dict):
        raise ArticleError(
            f"{source}: front matter 'questions' must map a section's heading to example questions"
        )
    by_heading = {(section.heading or section.title): section.key for section in sections}
    found: dict[str, tuple[str, ...]] = {}
    for heading, examples in value.items():
        key = by_heading.get(str(heading))
        if key is None:
            known = ", ".join(repr(h) for h in by_heading)
            raise ArticleError(
                f"{source}: front matter 'questions' names {heading!r}, which is not a heading "
                f"of this article (headings: {known})"
            )
        if isinstance(examples, str):
            examples = [examples]
        if not isinstance(examples, list) or not all(isinstance(e, str) for e in examples):
            raise ArticleError(f"{source}: questions for {heading!r} must be a list of questions")
        found[key] = tuple(e.strip() for e in examples if e.strip())
    return found


def split_sections(path: str, title: str, body: str) -> tuple[Section, ...]:
    """Cut the body at headings (level 2 and deeper); the level-1 heading is the title."""
    sections: list[Section] = []
    heading: str | None = None
    lines: list[str] = []
    in_fence = False

    def flush() -> None:
        text = "\n".join(lines).strip()
        if text:
            sections.append(Section(path, title, heading, text, len(sections)))

    for line in body.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        match = None if in_fence else _HEADING.match(line)
        if match and len(match[1]) == 1 and not sections and not "".join(lines).strip():
            continue  # the article's own title
        if match:
            flush()
            heading, lines = match[2].strip(), []
        else:
            lines.append(line)
    flush()
    return tuple(sections)


def parse_article(path: str, raw: str, facts: Mapping[str, str]) -> Article:
    """Read one article's text (placeholders filled) into its front matter and sections."""
    text = fill_placeholders(raw, facts, path)
    match = _FRONT_MATTER.match(text)
    meta: dict[str, Any] = {}
    body = text
    if match:
        try:
            meta = yaml.load(match[1], Loader=_YAML_LOADER) or {}
        except yaml.YAMLError as exc:
            raise ArticleError(f"{path}: front matter is not valid YAML: {exc}") from None
        if not isinstance(meta, dict):
            raise ArticleError(f"{path}: front matter must be a mapping")
        body = text[match.end() :]
    title = meta.get("title")
    if not title:
        heading = next((m for m in map(_HEADING.match, body.splitlines()) if m), None)
        title = heading[2] if heading else Path(path).stem.replace("-", " ").capitalize()
    updated = meta.get("updated")
    if updated is not None and not isinstance(updated, date):
        raise ArticleError(f"{path}: front matter 'updated' must be a date like 2024-01-15")
    sections = split_sections(path, str(title), body)
    if not sections:
        raise ArticleError(f"{path}: the article has no text")
    return Article(
        path=path,
        title=str(title),
        tags=_string_list(meta, "tags", path),
        synonyms=_synonyms(meta, path),
        related=_string_list(meta, "related", path),
        updated=updated,
        summary=bool(meta.get("summary", False)),
        sections=sections,
        digest=hashlib.sha256(text.encode()).hexdigest()[:20],
        questions=_questions(meta, sections, path),
    )


def read_article(kb_dir: Path, file: Path, facts: Mapping[str, str]) -> Article:
    relative = file.relative_to(kb_dir).as_posix()
    try:
        raw = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ArticleError(f"{relative}: not UTF-8 text") from None
    return parse_article(relative, raw, facts)


def article_files(kb_dir: Path) -> list[Path]:
    """Every Markdown file below the folder, hidden files and folders left out."""
    if not kb_dir.is_dir():
        raise ArticleError(f"{kb_dir}: knowledge-base folder not found")
    return sorted(
        p
        for p in kb_dir.rglob("*.md")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(kb_dir).parts)
    )
