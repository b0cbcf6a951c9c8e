"""Understanding benchmark: per-message time of messages as customers write them, through the
conversation core (what `supportbot ask` and Slack run), beside the release before the learned
understanding, in the same run.

The baseline is `BASELINE_REV` checked out into a temporary git worktree and timed in a
subprocess of its own (its `Assistant.respond`, which was its whole `ask` path), on the same
messages and the same machine. Without git or that revision the row says so and the rest runs.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from bench.knowledge import Row, _ms, _p, _settings_for, _timings

ROOT = Path(__file__).resolve().parent.parent
# main before this round (intent router and coverage confidence, no learned models).
BASELINE_REV = "79f7d04"
MESSAGE_SETS = (
    ROOT.parent / "shared" / "eval" / "messy-questions.yaml",
    ROOT / "tests" / "data" / "blind" / "messy-2026-11-28.yaml",
    ROOT / "tests" / "data" / "blind" / "requests-2026-11-28.yaml",
)
REPEAT = 3

_BASELINE_SCRIPT = """
import json, sys, time
from pathlib import Path
from bot.config import load_settings
from bot.knowledge import open_knowledge_base
from bot.assistant import Assistant
args = json.loads(sys.stdin.read())
settings = load_settings("app.yaml")
settings = settings.model_copy(update={"kb": settings.kb.model_copy(
    update={"index_path": Path(args["index"])})})
assistant = Assistant.open(open_knowledge_base(settings))
for text in args["messages"][:20]:
    assistant.respond(text)
out = []
for _ in range(args["repeat"]):
    for text in args["messages"]:
        started = time.perf_counter()
        assistant.respond(text)
        out.append((time.perf_counter() - started) * 1000)
print(json.dumps(out))
"""


def messages() -> list[str]:
    found: list[str] = []
    for path in MESSAGE_SETS:
        if path.exists():
            cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
            found += [" ".join(case["q"].split()) for case in cases]
    return found


def _baseline(work: Path, texts: list[str]) -> list[float] | str:
    """The baseline's timings, or why there are none."""
    if shutil.which("git") is None:
        return "git not found"
    tree = work / "baseline-tree"
    added = subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), BASELINE_REV],
        capture_output=True,
        text=True,
    )
    if added.returncode != 0:
        return f"revision {BASELINE_REV} not available ({added.stderr.strip()[:80]})"
    try:
        env = {**os.environ, "PYTHONPATH": str(tree)}
        run = subprocess.run(
            [sys.executable, "-c", _BASELINE_SCRIPT],
            cwd=tree,
            env=env,
            input=json.dumps(
                {"messages": texts, "repeat": REPEAT, "index": str(work / "baseline-index")}
            ),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if run.returncode != 0:
            return f"baseline failed: {run.stderr.strip().splitlines()[-1][:100]}"
        return json.loads(run.stdout)
    finally:
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
            capture_output=True,
        )


def run(work: Path) -> list[Row]:
    from bot.bootstrap import open_knowledge, open_services
    from bot.cli.ask import _ask

    texts = messages()
    settings = _settings_for(ROOT / "kb", work / "understanding-index")
    knowledge = open_knowledge(settings)
    database = Path(tempfile.mkdtemp(dir=work)) / "ask.db"
    services = open_services(settings, f"sqlite:///{database}", knowledge=knowledge)
    counter = iter(range(10**9))
    ask = lambda text: _ask(services.conversation, text, next(counter))  # noqa: E731
    # A customer's message is new to the process: time each one the first time it is read,
    # after warming up on other messages, and then again (what a process remembers per text).
    for text in _warm_up():
        ask(text)
    new = []
    for text in texts:
        started = time.perf_counter()
        ask(text)
        new.append((time.perf_counter() - started) * 1000)
    core = _timings(ask, texts, REPEAT)
    answers = _timings(knowledge.answer, texts, REPEAT)
    services.engine.dispose()
    baseline = _baseline(work, texts)
    what = f"{len(texts)} messy messages (dev, blind, requests)"
    if isinstance(baseline, str):
        beside = f"baseline {BASELINE_REV}: {baseline}"
    else:
        ratio = _p(core, 0.5) / _p(baseline, 0.5)
        beside = f"{BASELINE_REV} (before this round): {_ms(baseline)}; ours p50 {ratio:.1f}×"
    return [
        (what, "each new to the core (ask path)", _ms(new), "target ≤ 5 ms per message"),
        (what, "through the core, read again", _ms(core), beside),
        (what, "the knowledge answer alone, again", _ms(answers), ""),
    ]


def _warm_up() -> list[str]:
    """Messages none of the timed sets has: the labelled questions the repository ships."""
    path = ROOT / "tests" / "data" / "questions.yaml"
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    return [" ".join(case["q"].split()) for case in cases]
