"""Front-matter checks the article reader does not make yet: a key it does not know (a typo
such as `tag:` is otherwise ignored, and the article silently loses its tags) and a `related`
entry that names no article in the knowledge base.

`kb build` and the bot's start-up (`supportbot chat`, `serve`, `run`) call `check_front_matter`
before indexing, and stop with every problem listed, file and key. What each file's front matter
holds is remembered beside the index by size and mtime, so a start with nothing changed costs a
`stat` per article, as the index's own check does, and an edit re-reads one file.

These checks belong in `bot/knowledge/articles.py`, where each article is read once; they live
here until that module's owner moves them there (then `KNOWN_KEYS` comes from the reader).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from bot.knowledge import ArticleError
from bot.knowledge.articles import PLACEHOLDER, article_files

# What bot/knowledge/articles.py reads from an article's front matter.
KNOWN_KEYS = ("title", "tags", "synonyms", "related", "updated", "summary", "questions")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CACHE_VERSION = 1


def cache_path(index_path: Path) -> Path:
    """Where the checks remember each file's front matter: beside the index folder, not in it
    (a rebuild replaces that folder whole)."""
    return index_path.with_name(f"{index_path.name}.front-matter.json")


def check_front_matter(kb_dir: Path, cache: Path | None = None, *, fresh: bool = False) -> None:
    """Raise `ArticleError` listing every unknown key and every `related` entry that names no
    article, each with its file; the rest of an article is left to the reader, which names
    its own problems (bad YAML, unknown placeholders) when the index is built.

    With `cache`, only files whose size or mtime changed since the last check are read
    (`fresh`: every file, as `kb build --force` does)."""
    files = article_files(kb_dir)
    names = article_names(kb_dir, files)
    known = {} if fresh else _load(cache)
    seen: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for file in files:
        relative = file.relative_to(kb_dir).as_posix()
        seen[relative] = entry = _entry(file, known.get(relative))
        problems += unknown_keys(entry["keys"], relative)
        problems += unknown_related(entry["related"], relative, names)
    if cache is not None and seen != known:
        _save(cache, seen)
    if problems:
        raise ArticleError("front matter is not valid:\n" + "\n".join(f"  {p}" for p in problems))


def _entry(file: Path, cached: dict[str, Any] | None) -> dict[str, Any]:
    """The file's front-matter keys and `related` entries: from the cache while the file's
    size and mtime are the ones recorded, else read again."""
    stat = file.stat()
    signature = [stat.st_size, stat.st_mtime_ns]
    if cached is not None and cached.get("stat") == signature:
        return cached
    meta = front_matter(file)
    return {"stat": signature, "keys": [str(k) for k in meta], "related": related_entries(meta)}


def _load(cache: Path | None) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(cache.read_text(encoding="utf-8")) if cache else {}
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _save(cache: Path, files: dict[str, dict[str, Any]]) -> None:
    """Written whole and renamed into place, so a reader never sees half a file; a folder we
    may not write (a read-only image) only means the next start reads the articles again."""
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        handle, scratch = tempfile.mkstemp(dir=cache.parent, prefix=".front-matter-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump({"version": _CACHE_VERSION, "files": files}, out)
        os.replace(scratch, cache)
    except OSError:
        return


def article_names(kb_dir: Path, files: Iterable[Path]) -> set[str]:
    """How `related` may name an article: its path below the knowledge-base folder, with or
    without `.md` ("premium-support", "guides/setup.md")."""
    names: set[str] = set()
    for file in files:
        relative = file.relative_to(kb_dir).as_posix()
        names |= {relative, relative.removesuffix(".md")}
    return names


def front_matter(file: Path) -> dict[str, Any]:
    """The article's front matter as a mapping; empty when it has none or the reader will
    refuse it anyway (not UTF-8, not YAML, not a mapping), so its message is the one shown."""
    try:
        text = file.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError):
        return {}
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    # Placeholders are filled before the reader parses the YAML; any text stands in here.
    source = PLACEHOLDER.sub("placeholder", match[1])
    try:
        meta = yaml.load(source, Loader=_LOADER)  # a safe loader (yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def related_entries(meta: dict[str, Any]) -> list[str]:
    """The names under `related` (a single name counts as a list of one); nothing when it is
    neither, which the reader refuses with its own message."""
    related = meta.get("related") or []
    entries = [related] if isinstance(related, str) else related
    if not isinstance(entries, list):
        return []
    return [str(entry).strip() for entry in entries if str(entry).strip()]


def unknown_keys(keys: Iterable[str], relative: str) -> list[str]:
    known = ", ".join(KNOWN_KEYS)
    return [
        f"{relative}: unknown key '{key}' (known: {known})" for key in keys if key not in KNOWN_KEYS
    ]


def unknown_related(entries: Iterable[str], relative: str, names: set[str]) -> list[str]:
    return [
        f"{relative}: related names '{entry}', which is no article in the knowledge base "
        "(name an article by its file name without .md)"
        for entry in entries
        if entry not in names
    ]
