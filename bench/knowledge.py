"""Knowledge-base benchmark: our answer path beside SQLite FTS5 and plain Whoosh, same run.

Figures printed:
- per-question time on the shipped kb/ (ours, and FTS5 bm25 with the porter tokenizer over the
  same sections and questions);
- at N generated articles: full build (ours, and a plain single-writer Whoosh build of whole
  articles with default settings), per-question p50/p99 (ours, plain Whoosh with its default
  query parser over whole articles, FTS5 over sections), and the re-index of one edited article.
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import QueryParser

from bench.corpus import Corpus, edit_one, generate
from bot.config import Settings, load_settings
from bot.knowledge import build_index, open_knowledge_base
from bot.knowledge.articles import facts_from_settings, read_article

ROOT = Path(__file__).resolve().parent.parent
Row = tuple[str, str, str, str]


def _timings(run: Callable[[str], object], questions: list[str], repeat: int = 1) -> list[float]:
    for question in questions[:20]:
        run(question)  # warm caches, as a serving process would be
    out = []
    for _ in range(repeat):
        for question in questions:
            started = time.perf_counter()
            run(question)
            out.append((time.perf_counter() - started) * 1000)
    return out


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _ms(values: list[float]) -> str:
    mean = statistics.fmean(values)
    return f"mean {mean:.2f} ms · p50 {_p(values, 0.5):.2f} · p99 {_p(values, 0.99):.2f}"


# -- baselines -----------------------------------------------------------------------------------


class Fts5:
    """SQLite FTS5 over the same sections, bm25 ranking, porter tokenizer, words ORed."""

    def __init__(self, sections: Iterable[tuple[str, str, str]]) -> None:
        self.db = sqlite3.connect(":memory:", check_same_thread=False)
        self.db.execute(
            "CREATE VIRTUAL TABLE sections USING fts5(title, heading, body, tokenize='porter')"
        )
        self.db.executemany("INSERT INTO sections VALUES (?, ?, ?)", sections)

    def search(self, question: str) -> list[tuple]:
        words = re.findall(r"\w+", question.lower())
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        return self.db.execute(
            "SELECT rowid, bm25(sections) FROM sections WHERE sections MATCH ? "
            "ORDER BY bm25(sections) LIMIT 5",
            (match,),
        ).fetchall()


class PlainWhoosh:
    """Whoosh as its documentation sets it up: whole articles, default analyzer and parser."""

    schema = Schema(path=ID(stored=True), title=TEXT(stored=True), content=TEXT)

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def build(self, files: list[Path]) -> float:
        started = time.perf_counter()
        ix = whoosh_index.create_in(str(self.folder), self.schema)
        writer = ix.writer()
        for file in files:
            text = file.read_text(encoding="utf-8")
            writer.add_document(path=file.name, title=text.split("\n", 3)[1], content=text)
        writer.commit()
        self.ix = ix
        self.searcher = ix.searcher()
        self.parser = QueryParser("content", ix.schema)
        return time.perf_counter() - started

    def search(self, question: str) -> list:
        return [hit["path"] for hit in self.searcher.search(self.parser.parse(question), limit=5)]


# -- the runs ------------------------------------------------------------------------------------


def _settings_for(kb: Path, index: Path) -> Settings:
    settings = load_settings(ROOT / "app.yaml")
    return settings.model_copy(
        update={"kb": settings.kb.model_copy(update={"path": kb, "index_path": index})}
    )


def _sections(settings: Settings, files: list[Path]) -> list[tuple[str, str, str]]:
    facts = facts_from_settings(settings)
    rows = []
    for file in files:
        article = read_article(settings.kb.path, file, facts)
        rows.extend((a.title, a.heading or "", a.text) for a in article.sections)
    return rows


def _shipped_questions() -> list[str]:
    import yaml

    questions = []
    for path in (ROOT.parent / "shared/eval/questions.yaml", ROOT / "tests/data/questions.yaml"):
        if path.exists():
            questions += [c["q"] for c in yaml.safe_load(path.read_text())["cases"]]
    return questions


def shipped(work: Path) -> list[Row]:
    settings = _settings_for(ROOT / "kb", work / "shipped-index")
    started = time.perf_counter()
    report = build_index(settings)
    build_s = time.perf_counter() - started
    kb = open_knowledge_base(settings)
    questions = _shipped_questions()
    ours = _timings(kb.answer, questions, repeat=5)
    fts = Fts5(_sections(settings, sorted((ROOT / "kb").glob("*.md"))))
    baseline = _timings(fts.search, questions, repeat=5)
    n = f"kb/ ({len(report.added)} articles, {report.sections} sections, "
    n += f"{len(questions)} questions)"
    return [
        (n, "full build (ours)", f"{build_s * 1000:.0f} ms", ""),
        (n, "answer, full path (ours)", _ms(ours), "target ≤ 5 ms per question"),
        (n, "SQLite FTS5 search only", _ms(baseline), "baseline, same run"),
    ]


def generated(work: Path, articles: int) -> list[Row]:
    corpus: Corpus = generate(work / f"kb-{articles}", articles)
    files = corpus.files
    n = f"{articles:,} generated articles"
    settings = _settings_for(corpus.folder, work / f"index-{articles}")

    started = time.perf_counter()
    report = build_index(settings)
    ours_build = time.perf_counter() - started
    plain = PlainWhoosh(Path(tempfile.mkdtemp(dir=work)))
    plain_build = plain.build(files)
    fts_started = time.perf_counter()
    fts = Fts5(_sections(settings, files))
    fts_build = time.perf_counter() - fts_started

    kb = open_knowledge_base(settings)
    ours = _timings(kb.answer, corpus.questions)
    plain_q = _timings(plain.search, corpus.questions)
    fts_q = _timings(fts.search, corpus.questions)

    edited = edit_one(corpus)
    started = time.perf_counter()
    update = build_index(settings)
    incremental = time.perf_counter() - started
    assert update.changed == [edited.name], update

    return [
        (
            n,
            f"full build (ours, {report.sections:,} sections)",
            f"{ours_build:.1f} s",
            f"plain Whoosh single writer {plain_build:.1f} s; FTS5 {fts_build:.1f} s",
        ),
        (
            n,
            "answer, full path (ours)",
            _ms(ours),
            f"p99 {_p(ours, 0.99) / _p(plain_q, 0.99):.2f}× plain Whoosh"
            + (" (target ≤ 0.5× at this size)" if articles >= 10_000 else ""),
        ),
        (n, "plain Whoosh search only", _ms(plain_q), "baseline, same run"),
        (n, "SQLite FTS5 search only", _ms(fts_q), "baseline, same run"),
        (n, "re-index one edited article", f"{incremental * 1000:.0f} ms", "target ≤ 1 s"),
    ]
