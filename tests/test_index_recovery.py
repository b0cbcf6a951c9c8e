"""A damaged index is noticed and rebuilt from the Markdown, and an index that need not change
is never written: a deployment may ship it read-only.

New names of bot.knowledge are looked up inside the tests (not imported at the top), so that each
test fails on its own, with its own reason, against code that lacks them.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from whoosh import index as whoosh_index

import bot.knowledge as knowledge_package
import bot.knowledge.build as build_module
import bot.knowledge.index as index_module
from bot.cli import main
from bot.config import Settings
from bot.knowledge import build_index, open_knowledge_base
from tests.conftest import ROOT, settings_for

REFUNDS_QUESTION = "how long do refunds take"


def _article(title: str, body: str) -> str:
    return f"---\ntitle: {title}\ntags: [{title.lower()}]\n---\n# {title}\n\n{body}\n"


@pytest.fixture
def kb_settings(tmp_path: Path, app_config: dict) -> Settings:
    """Two articles, indexed in var/index (so var/ is the folder that holds the lock file)."""
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "refunds.md").write_text(_article("Refunds", "Refunds are issued within 10 days."))
    (kb / "shipping.md").write_text(_article("Shipping", "Parcels ship from Reno by courier."))
    app_config["kb"] = {"path": str(kb), "index_path": str(tmp_path / "var" / "index")}
    return settings_for(app_config, tmp_path)


def _index_dir(settings: Settings) -> Path:
    return settings.kb.index_path


def _lock_file(settings: Settings) -> Path:
    index_dir = _index_dir(settings)
    return index_dir.parent / f".{index_dir.name}.lock"


# -- ways an index gets damaged ----------------------------------------------------------------


def _a_segment(index_dir: Path) -> Path:
    segments = sorted(index_dir.glob("*.seg"))
    assert segments, f"no segment file in {index_dir}"
    return segments[0]


def _replace_with_first_half(path: Path) -> None:
    """Truncate a file, as a crash or a full disk leaves it.

    The truncated copy replaces the file instead of cutting it in place: a reader of this process
    that memory-mapped the file would die of SIGBUS on touching the lost pages.
    """
    data = path.read_bytes()
    fresh = path.with_name(path.name + ".cut")
    fresh.write_bytes(data[: len(data) // 2])
    os.replace(fresh, path)


def _delete_a_segment(index_dir: Path) -> None:
    _a_segment(index_dir).unlink()


def _truncate_a_segment(index_dir: Path) -> None:
    _replace_with_first_half(_a_segment(index_dir))


def _truncate_the_toc(index_dir: Path) -> None:
    _replace_with_first_half(sorted(index_dir.glob("_*.toc"))[-1])


def _drop_an_article_behind_the_manifest(index_dir: Path) -> None:
    """The index loses an article's sections while the manifest still lists it."""
    ix = whoosh_index.open_dir(str(index_dir), indexname=build_module.INDEX_NAME)
    writer = ix.writer()
    writer.delete_by_term("path", "refunds.md")
    writer.commit(optimize=True)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "deleted segment": _delete_a_segment,
    "truncated segment": _truncate_a_segment,
    "truncated toc": _truncate_the_toc,
    "sections missing": _drop_an_article_behind_the_manifest,
}


def _in_new_thread(work: Callable[[], Any]) -> Any:
    """Run `work` on a thread of its own: it opens a searcher of its own, as a new server thread."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised on the calling thread
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


# -- defect 1: a damaged index is noticed and rebuilt ------------------------------------------


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_index_is_rebuilt_by_the_next_build_with_a_warning(kb_settings, damage, caplog):
    build_index(kb_settings)
    damage(_index_dir(kb_settings))
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.index"):
        report = build_index(kb_settings)
    assert report.full and report.added == ["refunds.md", "shipping.md"]
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(str(_index_dir(kb_settings)) in w and "damaged" in w for w in warnings), warnings
    assert not build_index(kb_settings).touched  # the rebuilt index passes the check


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_index_is_rebuilt_when_the_knowledge_base_opens(kb_settings, damage):
    build_index(kb_settings)
    damage(_index_dir(kb_settings))
    knowledge = open_knowledge_base(kb_settings)
    assert knowledge.report.full
    assert "10 days" in knowledge.answer(REFUNDS_QUESTION).text


def test_kb_build_does_not_call_an_index_with_a_deleted_segment_up_to_date(kb_settings, tmp_path):
    """The audit's symptom: `kb build` said "up to date" and every question then failed."""
    data = yaml.safe_load((ROOT / "app.yaml").read_text(encoding="utf-8"))
    data["kb"] = {"path": str(kb_settings.kb.path), "index_path": str(_index_dir(kb_settings))}
    data["intents"]["path"] = str(ROOT / "intents")
    config = tmp_path / "app.yaml"
    config.write_text(yaml.safe_dump(data))
    build_index(kb_settings)
    _delete_a_segment(_index_dir(kb_settings))
    built = CliRunner().invoke(main, ["--config", str(config), "kb", "build"])
    assert built.exit_code == 0, built.output
    assert "up to date" not in built.output and "Indexed 2 articles" in built.output
    searched = CliRunner().invoke(main, ["--config", str(config), "kb", "search", "refunds"])
    assert searched.exit_code == 0 and "refunds.md" in searched.output, searched.output


def test_a_serving_process_rebuilds_an_index_damaged_under_it(kb_settings, caplog):
    knowledge = open_knowledge_base(kb_settings)
    assert "10 days" in knowledge.answer(REFUNDS_QUESTION).text
    _truncate_a_segment(_index_dir(kb_settings))
    with caplog.at_level(logging.WARNING, logger="bot.knowledge.index"):
        answer = _in_new_thread(lambda: knowledge.answer(REFUNDS_QUESTION))
    assert "10 days" in answer.text
    assert any("damaged" in r.getMessage() for r in caplog.records)
    assert not build_index(kb_settings).touched  # what the serving process rebuilt is sound
    assert "10 days" in knowledge.answer(REFUNDS_QUESTION).text  # the first thread follows


def test_a_damaged_index_that_cannot_be_rebuilt_while_serving_raises_a_clear_error(kb_settings):
    build_index(kb_settings)

    def cannot_rebuild() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    index = index_module.WhooshIndex(_index_dir(kb_settings), rebuild=cannot_rebuild)
    assert index.doc_count() == 2
    _truncate_a_segment(_index_dir(kb_settings))
    with pytest.raises(knowledge_package.IndexUnavailableError) as raised:  # the next search
        _in_new_thread(lambda: index.search({"refund": 1.0}))
    message = str(raised.value)
    assert str(_index_dir(kb_settings)) in message
    assert "rebuilding it failed" in message and "No space left" in message


def test_opening_a_damaged_index_rebuilds_it_first(kb_settings):
    build_index(kb_settings)
    _delete_a_segment(_index_dir(kb_settings))
    index = index_module.WhooshIndex(
        _index_dir(kb_settings), rebuild=lambda: build_index(kb_settings)
    )
    assert index.doc_count() == 2


def test_opening_a_damaged_index_without_a_way_to_rebuild_it_says_what_to_run(kb_settings):
    build_index(kb_settings)
    _truncate_the_toc(_index_dir(kb_settings))
    with pytest.raises(knowledge_package.IndexUnavailableError, match="supportbot kb build"):
        index_module.WhooshIndex(_index_dir(kb_settings))


def test_health_is_ready_while_the_index_can_be_searched(kb_settings):
    knowledge = open_knowledge_base(kb_settings)
    assert knowledge.health() == (True, "ready")
    assert _in_new_thread(knowledge.health) == (True, "ready")


def test_health_reports_an_index_folder_that_vanished(kb_settings):
    knowledge = open_knowledge_base(kb_settings)
    shutil.rmtree(_index_dir(kb_settings))
    ok, why = knowledge.health()
    assert not ok and why.startswith("knowledge base: ") and "missing" in why


def test_health_reports_an_index_that_cannot_be_searched(kb_settings):
    knowledge = open_knowledge_base(kb_settings)
    _truncate_a_segment(_index_dir(kb_settings))
    ok, why = _in_new_thread(knowledge.health)  # a new thread opens the damaged files
    assert not ok and why.startswith("knowledge base: ") and "search" in why


# -- defect 2: an index that need not change is not written ------------------------------------


def _snapshot(folder: Path) -> dict[str, int]:
    """Every path in and beside the folder, with its mtime: any write shows as a difference."""
    paths = [folder.parent, *folder.parent.iterdir(), *folder.iterdir()]
    return {str(path): path.stat().st_mtime_ns for path in paths}


def test_an_unchanged_index_is_checked_without_the_lock_or_any_write(kb_settings, monkeypatch):
    build_index(kb_settings)
    _lock_file(kb_settings).unlink()
    before = _snapshot(_index_dir(kb_settings))

    def no_lock(index_dir: Path) -> Iterator[None]:
        raise AssertionError(f"took the build lock of {index_dir} with nothing to write")

    monkeypatch.setattr(build_module, "build_lock", no_lock)
    assert not build_index(kb_settings).touched
    knowledge = open_knowledge_base(kb_settings)
    assert "10 days" in knowledge.answer(REFUNDS_QUESTION).text
    assert not _lock_file(kb_settings).exists()
    assert _snapshot(_index_dir(kb_settings)) == before


def test_an_update_the_folder_refuses_raises_an_error_naming_the_folder(kb_settings, monkeypatch):
    """The refusal is simulated here, so this runs as root too (see the read-only tests below)."""
    build_index(kb_settings)
    (kb_settings.kb.path / "warranty.md").write_text(_article("Warranty", "Two years."))

    def read_only_lock(index_dir: Path) -> Iterator[None]:
        lock = index_dir.parent / f".{index_dir.name}.lock"
        raise OSError(errno.EROFS, "Read-only file system", str(lock))

    monkeypatch.setattr(build_module, "build_lock", read_only_lock)
    with pytest.raises(knowledge_package.IndexReadOnlyError) as raised:
        build_index(kb_settings)
    assert str(_index_dir(kb_settings)) in str(raised.value)


def _writable(path: Path) -> bool:
    """Whether this process can write the folder (create a file in it) or the file."""
    try:
        if path.is_dir():
            fd, name = tempfile.mkstemp(dir=path)
            os.close(fd)
            os.unlink(name)
        else:
            os.close(os.open(path, os.O_WRONLY | os.O_APPEND))
    except OSError:
        return False
    return True


def _chattr(flag: str, path: Path) -> bool:
    chattr = shutil.which("chattr")
    if chattr is None:
        return False
    done = subprocess.run([chattr, flag, str(path)], capture_output=True, check=False)
    return done.returncode == 0


def _freeze(path: Path) -> Callable[[], None]:
    """Make `path` unwritable for this process; returns how to undo it, or skips the test.

    Modes do it for an ordinary user. Root ignores them, so as root the immutable attribute is
    tried (it binds root too, where the filesystem and capabilities allow it).
    """
    mode = path.stat().st_mode & 0o7777
    path.chmod(0o555 if path.is_dir() else 0o444)
    if not _writable(path):
        return lambda: path.chmod(mode)
    if _chattr("+i", path) and not _writable(path):

        def undo() -> None:
            _chattr("-i", path)
            path.chmod(mode)

        return undo
    _chattr("-i", path)
    path.chmod(mode)
    pytest.skip("cannot make a folder read-only here (root without a working chattr +i)")


@pytest.fixture
def read_only() -> Iterator[Callable[[Settings], None]]:
    """Freezes an index as a read-only deployment ships it: its folder, parent and lock file."""
    undo: list[Callable[[], None]] = []

    def freeze(settings: Settings) -> None:
        index_dir = _index_dir(settings)
        for path in (_lock_file(settings), index_dir, index_dir.parent):
            if path.exists():
                undo.append(_freeze(path))

    yield freeze
    for step in reversed(undo):
        step()


def test_a_read_only_index_serves_when_nothing_changed(kb_settings, read_only):
    build_index(kb_settings)
    read_only(kb_settings)
    assert not build_index(kb_settings).touched
    assert "10 days" in open_knowledge_base(kb_settings).answer(REFUNDS_QUESTION).text


def test_a_read_only_index_serves_when_only_file_dates_changed(kb_settings, read_only):
    """A re-copied or re-mounted kb/ has new mtimes but the same text: the index is still right."""
    build_index(kb_settings)
    refunds = kb_settings.kb.path / "refunds.md"
    stat = refunds.stat()
    os.utime(refunds, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000_000))
    read_only(kb_settings)
    assert not build_index(kb_settings).touched
    assert "10 days" in open_knowledge_base(kb_settings).answer(REFUNDS_QUESTION).text


def test_a_read_only_index_that_must_change_raises_an_error_naming_the_folder(
    kb_settings, read_only
):
    build_index(kb_settings)
    (kb_settings.kb.path / "warranty.md").write_text(_article("Warranty", "Two years."))
    read_only(kb_settings)
    with pytest.raises(knowledge_package.IndexReadOnlyError) as raised:
        build_index(kb_settings)
    message = str(raised.value)
    assert str(_index_dir(kb_settings)) in message and "read-only" in message
    assert "added warranty.md" in message  # why it had to be written


def test_a_read_only_damaged_index_raises_an_error_saying_it_is_damaged(kb_settings, read_only):
    build_index(kb_settings)
    _truncate_a_segment(_index_dir(kb_settings))
    read_only(kb_settings)
    with pytest.raises(knowledge_package.IndexReadOnlyError) as raised:
        build_index(kb_settings)
    message = str(raised.value)
    assert str(_index_dir(kb_settings)) in message and "damaged" in message
