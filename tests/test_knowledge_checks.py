"""Front-matter checks before indexing: unknown keys and `related` names of no article are
refused with their file, every problem at once; a check with nothing changed reads no file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bot import knowledge_checks
from bot.knowledge import ArticleError
from bot.knowledge_checks import check_front_matter


def _article(folder: Path, name: str, front: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n# Title\n\n## A section\n\nSome text.\n")
    return path


@pytest.fixture
def kb(tmp_path) -> Path:
    folder = tmp_path / "kb"
    _article(folder, "hours.md", "title: Hours\nrelated: [guides/setup, prices.md]")
    _article(folder, "prices.md", "title: Prices {{price.premium.merchant}}\nrelated: hours")
    _article(folder, "guides/setup.md", "title: Set-up\ntags: [setup]")
    return folder


def test_a_sound_knowledge_base_passes(kb):
    check_front_matter(kb)


def test_every_unknown_key_and_related_name_is_listed_with_its_file(kb):
    _article(kb, "hours.md", "title: Hours\ntag: [typo]\nrelated: [guides/setup, nowhere]")
    _article(kb, "guides/setup.md", "titel: Set-up")
    with pytest.raises(ArticleError) as caught:
        check_front_matter(kb)
    message = str(caught.value)
    assert "hours.md: unknown key 'tag'" in message
    assert "hours.md: related names 'nowhere', which is no article" in message
    assert "guides/setup.md: unknown key 'titel'" in message


def test_deleting_an_article_breaks_the_related_names_of_the_others(kb, tmp_path):
    cache = tmp_path / "index.front-matter.json"
    check_front_matter(kb, cache)
    (kb / "prices.md").unlink()
    with pytest.raises(ArticleError, match=re.escape("hours.md: related names 'prices.md'")):
        check_front_matter(kb, cache)


def test_with_its_cache_a_check_reads_only_changed_files(kb, tmp_path, monkeypatch):
    cache = tmp_path / "index.front-matter.json"
    check_front_matter(kb, cache)
    read: list[str] = []
    original = knowledge_checks.front_matter
    monkeypatch.setattr(
        knowledge_checks, "front_matter", lambda file: read.append(file.name) or original(file)
    )
    check_front_matter(kb, cache)
    assert read == []
    edited = _article(kb, "prices.md", "title: Prices\nrelated: hours\nsummary: true")
    os.utime(edited, ns=(1, 1))  # whatever the clock: the recorded mtime no longer matches
    check_front_matter(kb, cache)
    assert read == ["prices.md"]
    check_front_matter(kb, cache, fresh=True)  # kb build --force reads everything again
    assert sorted(read) == ["hours.md", "prices.md", "prices.md", "setup.md"]


def test_a_cache_that_cannot_be_written_only_costs_a_reread(kb, tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    check_front_matter(kb, blocked / "index.front-matter.json")
