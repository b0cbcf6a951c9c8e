"""The index follows the Markdown folder incrementally, and answers change with it at once."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.knowledge import build_index, open_knowledge_base
from bot.knowledge.articles import ArticleError
from bot.knowledge.index import WhooshIndex
from tests.conftest import settings_for

ROOT = Path(__file__).resolve().parent.parent
# Another process's build (`supportbot kb build`, a second instance starting) of the same folder.
_BUILD_ELSEWHERE = """
import json, sys
from pathlib import Path
from bot.knowledge import build_index
from tests.conftest import settings_for
build_index(settings_for(json.loads(sys.argv[1]), Path(sys.argv[2])))
"""


def _article(title: str, body: str, synonyms: str = "") -> str:
    return f"---\ntitle: {title}\ntags: [{title.lower()}]\n{synonyms}---\n# {title}\n\n{body}\n"


@pytest.fixture
def kb_settings(tmp_path, app_config):
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "refunds.md").write_text(_article("Refunds", "Refunds are issued within 10 days."))
    (kb / "shipping.md").write_text(_article("Shipping", "Parcels ship from Reno by courier."))
    app_config["kb"] = {"path": str(kb), "index_path": str(tmp_path / "index")}
    return settings_for(app_config, tmp_path)


def _touch_later(path, text: str) -> None:
    """Write new content with a later mtime, as an editor does a moment after the last build."""
    path.write_text(text)
    stat = path.stat()
    import os

    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def test_first_build_indexes_everything_and_a_second_build_does_nothing(kb_settings):
    first = build_index(kb_settings)
    assert first.full and first.added == ["refunds.md", "shipping.md"]
    second = build_index(kb_settings)
    assert not second.touched
    assert second.sections == first.sections


def test_edit_add_and_delete_touch_only_those_files(kb_settings):
    build_index(kb_settings)
    kb = kb_settings.kb.path
    _touch_later(kb / "refunds.md", _article("Refunds", "Refunds are issued within 30 days."))
    (kb / "warranty.md").write_text(_article("Warranty", "Every device has a two-year warranty."))
    (kb / "shipping.md").unlink()
    report = build_index(kb_settings)
    assert (report.added, report.changed, report.deleted) == (
        ["warranty.md"],
        ["refunds.md"],
        ["shipping.md"],
    )
    assert not report.full


def test_a_touched_but_unchanged_file_is_not_reindexed(kb_settings):
    build_index(kb_settings)
    path = kb_settings.kb.path / "refunds.md"
    _touch_later(path, path.read_text())
    report = build_index(kb_settings)
    assert not (report.added or report.changed or report.deleted)
    assert not build_index(kb_settings).touched  # the new mtime was recorded


def test_answers_follow_an_edit_in_the_same_process(kb_settings):
    knowledge = open_knowledge_base(kb_settings)
    assert "10 days" in knowledge.answer("how long do refunds take").text
    _touch_later(
        kb_settings.kb.path / "refunds.md",
        _article("Refunds", "Refunds are issued within 30 days."),
    )
    build_index(kb_settings)
    answer = knowledge.answer("how long do refunds take")
    assert "30 days" in answer.text and "10 days" not in answer.text


def test_answers_follow_another_process_s_build_within_a_moment(kb_settings, app_config, tmp_path):
    knowledge = open_knowledge_base(kb_settings)
    assert "10 days" in knowledge.answer("how long do refunds take").text
    _touch_later(
        kb_settings.kb.path / "refunds.md",
        _article("Refunds", "Refunds are issued within 30 days."),
    )
    subprocess.run(
        [sys.executable, "-c", _BUILD_ELSEWHERE, json.dumps(app_config), str(tmp_path)],
        cwd=ROOT,
        check=True,
    )
    time.sleep(WhooshIndex.LOOK_EVERY_S * 2)  # (the disk is looked at that often at most)
    answer = knowledge.answer("how long do refunds take")
    assert "30 days" in answer.text and "10 days" not in answer.text


def test_a_deleted_article_is_never_answered_again(kb_settings):
    knowledge = open_knowledge_base(kb_settings)
    assert knowledge.answer("where do parcels ship from").answered
    (kb_settings.kb.path / "shipping.md").unlink()
    build_index(kb_settings)
    answer = knowledge.answer("where do parcels ship from")
    assert all(s.path != "kb/shipping.md" for s in answer.sources)


def test_synonyms_from_front_matter_apply_after_an_edit(kb_settings):
    knowledge = open_knowledge_base(kb_settings)
    assert not knowledge.answer("money back").answered
    _touch_later(
        kb_settings.kb.path / "refunds.md",
        _article(
            "Refunds",
            "Refunds are issued within 10 days.",
            "synonyms:\n  refunds: [money back, reimbursement]\n",
        ),
    )
    build_index(kb_settings)
    assert knowledge.answer("money back").answered


def test_a_price_change_reindexes_only_articles_that_quote_it(kb_settings, app_config, tmp_path):
    kb = kb_settings.kb.path
    (kb / "price.md").write_text(_article("Price", "Premium costs {{price.premium.merchant}}."))
    build_index(kb_settings)
    app_config["tiers"]["premium"]["price_cents"]["merchant"] = 50000
    changed = settings_for(app_config, tmp_path)
    report = build_index(changed)
    assert report.changed == ["price.md"]
    assert "$500" in open_knowledge_base(changed).answer("premium cost").text


def test_force_rebuilds_everything(kb_settings):
    build_index(kb_settings)
    assert build_index(kb_settings, force=True).full


def test_a_broken_article_stops_the_build_with_its_name(kb_settings):
    build_index(kb_settings)
    _touch_later(kb_settings.kb.path / "refunds.md", "---\ntitle: [broken\n---\nx\n")
    with pytest.raises(ArticleError, match=r"refunds\.md"):
        build_index(kb_settings)


def test_searchers_serve_many_threads_while_the_index_changes(kb_settings):
    knowledge = open_knowledge_base(kb_settings)
    failures: list[BaseException] = []
    stop = time.monotonic() + 1.5

    def ask() -> None:
        try:
            while time.monotonic() < stop:
                answer = knowledge.answer("how long do refunds take")
                assert answer.answered and ("10 days" in answer.text or "30 days" in answer.text)
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for days in (30, 10, 30):
        _touch_later(
            kb_settings.kb.path / "refunds.md",
            _article("Refunds", f"Refunds are issued within {days} days."),
        )
        build_index(kb_settings)
    for thread in threads:
        thread.join()
    assert not failures, failures[0]


def test_the_index_sized_or_scores_as_whoosh_s_own(kb_settings):
    """whoosh_queries._ArrayOr overrides Whoosh's private PreloadedOr._matcher to size its score
    array to the index: the same sections with the same scores, deleted documents included."""
    from whoosh import index as whoosh_index
    from whoosh.query import Term
    from whoosh.query.compound import PreloadedOr

    from bot.knowledge.build import INDEX_NAME
    from bot.knowledge.whoosh_queries import _ArrayOr

    (kb_settings.kb.path / "returns.md").write_text(_article("Returns", "Returns ship to Reno."))
    build_index(kb_settings)
    (kb_settings.kb.path / "returns.md").unlink()  # (a deleted document stays in its segment)
    build_index(kb_settings)
    ix = whoosh_index.open_dir(str(kb_settings.kb.index_path), indexname=INDEX_NAME)
    with ix.searcher() as searcher:
        for stems in (["refund"], ["parcel", "ship", "reno"], ["return"], ["nowher"]):
            clauses = [Term("content", stem) for stem in stems]
            ours = [(h["key"], h.score) for h in searcher.search(_ArrayOr(clauses), limit=5)]
            theirs = [(h["key"], h.score) for h in searcher.search(PreloadedOr(clauses), limit=5)]
            assert ours == theirs
