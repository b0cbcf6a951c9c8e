"""The manifest beside the index: the state of the Markdown folder the index reflects (each
file's size, mtime and digest after app.yaml facts are filled in, its title, synonyms and number
of sections), and the plan of what must change to match the folder now. Reading the folder costs
one `stat` per file when nothing changed; only changed files are read."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.knowledge.articles import Article, article_files, read_article
from bot.knowledge.text import stems

SCHEMA_VERSION = 8
MANIFEST = "manifest.json"


@dataclass
class Manifest:
    """The state of the Markdown folder the index reflects."""

    facts: str = ""
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, index_dir: Path) -> Manifest | None:
        try:
            data = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("schema") != SCHEMA_VERSION:
            return None
        return cls(facts=data.get("facts", ""), files=data.get("files", {}))

    def save(self, index_dir: Path) -> None:
        data = {"schema": SCHEMA_VERSION, "facts": self.facts, "files": self.files}
        fd, tmp = tempfile.mkstemp(dir=index_dir, prefix=".manifest-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, separators=(",", ":"))
        os.replace(tmp, index_dir / MANIFEST)

    def questions(self) -> dict[str, list[str]]:
        """Every section's example questions, by section key."""
        found: dict[str, list[str]] = {}
        for entry in self.files.values():
            found.update(entry.get("questions", {}))
        return found

    def synonyms(self) -> dict[str, list[str]]:
        """Every article's synonyms merged: word -> the words customers use for it."""
        merged: dict[str, list[str]] = {}
        for entry in self.files.values():
            for word, alternatives in entry.get("synonyms", {}).items():
                merged.setdefault(word, []).extend(alternatives)
        return merged

    @property
    def sections(self) -> int:
        """How many sections (documents) the index must hold to match this manifest."""
        return sum(entry["sections"] for entry in self.files.values())

    def probe_term(self) -> str | None:
        """A word a sound index of this manifest must find: the first stem of an article's title.

        Every section's content starts with its article's title, so the word is in the index
        for as long as the article is, whatever else the knowledge base holds.
        """
        for entry in self.files.values():
            found = stems(entry.get("title", "")) if entry.get("sections") else []
            if found:
                return found[0]
        return None


def _stat_key(stat: os.stat_result) -> list[int]:
    return [stat.st_mtime_ns, stat.st_size]


def _entry(article: Article, stat: os.stat_result) -> dict[str, Any]:
    return {
        "stat": _stat_key(stat),
        "digest": article.digest,
        "title": article.title,
        "synonyms": {k: list(v) for k, v in article.synonyms.items()},
        # Every section's heading is one way of asking for it; the front matter adds more.
        "questions": {
            section.key: [section.heading or article.title, *article.questions.get(section.key, ())]
            for section in article.sections
        },
        "sections": len(article.sections),
    }


@dataclass
class _Plan:
    """What must change in the index to match the folder."""

    upsert: list[Article] = field(default_factory=list)
    new_paths: set[str] = field(default_factory=set)
    deleted: list[str] = field(default_factory=list)
    manifest: Manifest = field(default_factory=Manifest)
    previous: Manifest = field(default_factory=Manifest)

    @property
    def writes_index(self) -> bool:
        """Whether sections must be added or removed: the index is wrong until they are."""
        return bool(self.upsert or self.deleted)

    def changes(self) -> str:
        """The articles that changed, for messages: "added a.md; changed b.md"."""
        changed = [a.path for a in self.upsert if a.path not in self.new_paths]
        parts = [
            f"{label} {', '.join(sorted(paths)[:5])}{', ...' if len(paths) > 5 else ''}"
            for label, paths in (
                ("added", self.new_paths),
                ("changed", changed),
                ("deleted", self.deleted),
            )
            if paths
        ]
        return "; ".join(parts) or "file dates or facts changed"

    @property
    def writes_manifest(self) -> bool:
        """Whether anything must be written; without `writes_index`, only file dates or facts
        no article quotes changed, and the index is right as it is."""
        return self.writes_index or self.manifest != self.previous


def _plan(kb_dir: Path, facts: Mapping[str, str], facts_digest: str, old: Manifest) -> _Plan:
    """Compare the folder with the manifest; read only files whose stat or facts changed."""
    plan = _Plan(manifest=Manifest(facts=facts_digest), previous=old)
    facts_changed = old.facts != facts_digest
    seen: set[str] = set()
    for file in article_files(kb_dir):
        rel = file.relative_to(kb_dir).as_posix()
        seen.add(rel)
        stat = file.stat()
        previous = old.files.get(rel)
        if previous and not facts_changed and previous["stat"] == _stat_key(stat):
            plan.manifest.files[rel] = previous
            continue
        article = read_article(kb_dir, file, facts)
        plan.manifest.files[rel] = _entry(article, stat)
        if previous is None:
            plan.new_paths.add(rel)
            plan.upsert.append(article)
        elif previous["digest"] != article.digest:
            plan.upsert.append(article)
    plan.deleted = sorted(set(old.files) - seen)
    return plan
