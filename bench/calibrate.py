"""`python -m bench.calibrate`: learn the two answer models from labelled questions and write
bot/knowledge/calibration.json.

- The ranker learns which candidate section is right, from the answerable questions of our own
  labelled set (tests/data/questions.yaml), the training batches written from the seed article
  (tests/data/train/; their messages are also the sections' example questions and the known
  gaps, so each is scored with its own example left out), the clean development set and the
  blind batches that have been scored (below).
- The answer model learns when the ranker's best section is right, from the messy development
  set (../shared/eval/messy-questions.yaml) and the sets above; its operating point is where 97%
  of the out-of-scope questions of the development set, our own labelled set and the scored
  blind batches are declined.

A blind batch (tests/data/blind/) measures what the models have not seen: it is scored once,
first, and only then may it join the training (since 2026-12-05 evening, batches 1-9 have: the
long, chatty, indirect messages fresh writers send were what the earlier training lacked;
four-fold cross-validation over those batches, each fold held out of its own training, gave
343/384 answered right instead of 330, and 137/140 out of scope declined instead of 138, at the
model's operating point, now the shipped kb.min_confidence 0.5).
`HELD_OUT` names the batches kept out, so `make eval` still reports unseen messages.

2026-12-06: the answer model reads `n_unknown` too (how many of the message's words no article
or intent knows, beside their share). It learns a positive weight: with the share of known words
held, more unknown words mean a longer message, and a long letter is often answerable with a low
share, while a short question whose one unknown word is its topic is not. Leave-one-batch-out
over blind batches 1-18 (the shipped ranker fixed, 780 answerable and 284 out of scope): 646
answered right with 270 declined before, 651 with 276 with it at 97% (674 with 270 at 95%); so
the operating point moved to 97%. Batches 10-18 are not trained on, but that choice was made on
them (cross-validation), so they are development data; the unseen measure is batches 19 and 20.

2026-12-06 (later): the answer model reads `gap_odds` too (bot/knowledge/scope.py: per word, how
much more the questions the articles don't answer use it than the sections' example questions,
averaged over the message). Leave-one-batch-out over blind batches 1-18 as above: at 97%
declined 616 answered right before, 649 with it (277 of 284 declined either way); at 96% 652 and
666 (275); at 98% 598 and 607 (280, 281). Its weight is negative, and its gain is on the answered
side: a chatty message whose words are those of answered questions. The operating point stays
at 97%. Batches 21 and 22 (2026-12-20, -21) joined the unseen measure the same day.

`--keep-ranker` learns the answer model anew on the shipped ranker. Used the same day when
intents/gaps.yaml gained 79 questions near the articles' topics (`knowledge_only`, written by a
helper from the seed article alone): on development sets blind 1-18 answered right +4 and out of
scope declined +4 (linked asker 724 -> 728, 272 -> 276 of 284), messy 55 -> 57; a ranker
relearned on them moved which section answers "how much is premium support" (and another
vendor's price question in tests/test_example_vendor.py), so it was kept.

Batches 23 and 24 (2026-12-22, -23; written the next session and scored once on fc419e8) were
the unseen measure until that session read their misses; batches 25 and 26 (2026-12-24, -25),
written then and kept unread, are the unseen measure from then on. 19-24 are development data.

The fifth session (2026-12-06): batches 27 and 28 (-26, -27) joined 25 and 26 as the unseen
measure, 29 (-28) is development data, and 35 and 36 (2027-01-03, -04) were written late that
session to check one change on fresh messages. The change, tried and not kept: intents/gaps.yaml
with 286 more questions near the articles' topics (two helpers, seed article alone) and the
answer model relearned on them (`--keep-ranker`). On the batches the model never learned from
(10-24 and 29: 704 answerable, 256 out of scope) the model alone did better at equal shares
declined (96%: 611 right against 599; 97%: 596 against 582), and with kb.min_confidence 0.54 the
whole conversation declined 246 of 256 against 241 for 3 fewer right. On unseen messages it did
not hold: batches 25-28 declined 59 of 64 either way and answered 159 of 176 right against 164;
fresh batches 35 and 36 declined 29 of 32 (at 0.54 or 0.5) against 31 without it. So the gaps,
the model and 0.5 are as before. Training on more batches (four folds over 10-24 and 29) did not
help either (at 96%, 593 against 601).
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from bench.quality import SHARED, question_right
from bot.bootstrap import open_knowledge
from bot.config import load_settings
from bot.knowledge.articles import plain_text
from bot.knowledge.calibration import SHIPPED, Models, fit, with_operating_point
from bot.knowledge.evidence import FEATURES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
TRAIN = sorted((DATA / "train").glob("messy-train*.yaml"))
# Blind batches not trained on: scored once before any tuning, they stay the unseen measure.
HELD_OUT = (
    "messy-2026-12-09.yaml",
    "messy-2026-12-10.yaml",
    "messy-2026-12-11.yaml",
    "messy-2026-12-12.yaml",
    "messy-2026-12-13.yaml",
    "messy-2026-12-14.yaml",
    "messy-2026-12-15.yaml",
    "messy-2026-12-16.yaml",
    "messy-2026-12-17.yaml",
    "messy-2026-12-18.yaml",
    "messy-2026-12-19.yaml",
    "messy-2026-12-20.yaml",
    "messy-2026-12-21.yaml",
    "messy-2026-12-22.yaml",
    "messy-2026-12-23.yaml",
    "messy-2026-12-24.yaml",
    "messy-2026-12-25.yaml",
    "messy-2026-12-26.yaml",
    "messy-2026-12-27.yaml",
    "messy-2026-12-28.yaml",
    "messy-2027-01-03.yaml",
    "messy-2027-01-04.yaml",
    "messy-2027-01-05.yaml",
    "messy-2027-01-06.yaml",
    "messy-2027-01-07.yaml",
    "messy-2027-01-08.yaml",
    "messy-2027-01-09.yaml",
    "messy-2027-01-10.yaml",
    "messy-2027-01-11.yaml",
    "messy-2027-01-12.yaml",
    "messy-2027-01-13.yaml",
    "messy-2027-01-14.yaml",
    "messy-2027-01-15.yaml",
    "messy-2027-01-16.yaml",
    "messy-2027-01-17.yaml",
    "messy-2027-01-18.yaml",
    "messy-2027-01-19.yaml",
    "messy-2027-01-20.yaml",
)
# Scored blind batches: some of their messages were made example questions later, so each is
# scored with its own example left out, as the training batches are.
SCORED_BLIND = [
    (path, True)
    for path in sorted((DATA / "blind").glob("messy-*.yaml"))
    if path.name not in HELD_OUT
]
# Each message of these is scored with its own example left out.
LEFT_OUT = [*((path, True) for path in TRAIN), *SCORED_BLIND]
RANKER_SETS = [(DATA / "questions.yaml", False), (SHARED / "questions.yaml", False), *LEFT_OUT]
ANSWER_SETS = [
    (SHARED / "messy-questions.yaml", False),
    (DATA / "questions.yaml", False),
    (SHARED / "questions.yaml", False),
    *LEFT_OUT,
]
OPERATING_SETS = [
    (SHARED / "messy-questions.yaml", False),
    (DATA / "questions.yaml", False),
    *SCORED_BLIND,
]
ANSWER_FEATURES = (
    "knn", "rank_logit", "known_share", "closest", "gap", "foreign_share", "n_unknown", "gap_odds",
)
RANKER_FEATURES = FEATURES
DECLINED_SHARE = 0.97


def _cases(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"] if path.exists() else []


def _section_right(case: dict[str, Any], hit) -> bool:
    text = f"{hit.heading or hit.title}\n{plain_text(hit.text)}"
    return question_right(case, {"answered": True, "answer": text})


def _questions(path: Path, leave_out: bool):
    for case in _cases(path):
        question = " ".join(case["q"].split())
        yield case, question, (question if leave_out else None)


def ranker_rows(answerer) -> tuple[list[dict[str, float]], list[int]]:
    rows, labels = [], []
    for path, leave_out in RANKER_SETS:
        for case, question, left in _questions(path, leave_out):
            if not case.get("answered", True):
                continue
            for candidate in answerer.candidates(question, left):
                rows.append(candidate.features)
                labels.append(int(_section_right(case, candidate.hit)))
    return rows, labels


def answer_rows(answerer, path: Path, leave_out: bool = False):
    """(features, top answer right?, answerable?) per question."""
    found = []
    for case, question, left in _questions(path, leave_out):
        ranked = answerer.candidates(question, left)
        if not ranked:
            found.append((None, 0, case.get("answered", True)))
            continue
        right = case.get("answered", True) and _section_right(case, ranked[0].hit)
        found.append((answerer.answer_features(ranked), int(right), case.get("answered", True)))
    return found


def main(argv: list[str] | None = None) -> int:
    keep_ranker = "--keep-ranker" in (sys.argv[1:] if argv is None else argv)
    settings = load_settings(ROOT / "app.yaml")
    folder = Path(tempfile.mkdtemp(prefix="supportbot-calibrate-"))
    settings = settings.model_copy(
        update={"kb": settings.kb.model_copy(update={"index_path": folder / "kb-index"})}
    )
    answerer = open_knowledge(settings).answerer
    if keep_ranker:
        # (the answer model learns anew on the shipped ranker: a change to the examples or a
        # feature of the answer model need not move which section answers)
        rows, labels, ranker = [], [], answerer.models.ranker
    else:
        rows, labels = ranker_rows(answerer)
        ranker = fit(rows, labels, RANKER_FEATURES, l2=0.02)
    answerer.models = Models(ranker, answerer.models.answer)
    questions = [row for path, left in ANSWER_SETS for row in answer_rows(answerer, path, left)]
    usable = [(f, right) for f, right, _ in questions if f is not None]
    model = fit([f for f, _ in usable], [r for _, r in usable], ANSWER_FEATURES, l2=0.01)
    out_of_scope = sorted(
        model.probability(f) if f else 0.0
        for path, left in OPERATING_SETS
        for f, _, answerable in answer_rows(answerer, path, left)
        if not answerable
    )
    threshold = out_of_scope[min(len(out_of_scope) - 1, int(DECLINED_SHARE * len(out_of_scope)))]
    names = ", ".join(str(p.relative_to(ROOT.parent)) for p, _ in RANKER_SETS if p.exists())
    models = Models(
        ranker if keep_ranker else replace(ranker, trained_on=f"{len(rows)} candidates of {names}"),
        replace(
            with_operating_point(model, threshold + 1e-6),
            trained_on=f"{len(usable)} questions; operating point on "
            + ", ".join(p.name for p, _ in OPERATING_SETS),
        ),
    )
    SHIPPED.write_text(json.dumps(models.to_json(), indent=1) + "\n", encoding="utf-8")
    print(f"ranker: {len(rows)} candidate rows, {sum(labels)} right" if rows else "ranker: kept")
    weights = zip(RANKER_FEATURES, ranker.weights, strict=True)
    for name, weight in sorted(weights, key=lambda x: -abs(x[1])):
        print(f"  {name:<14} {weight:+.2f}")
    print(f"answer model: {len(usable)} questions; operating point {threshold:.3f}")
    for name, weight in zip(ANSWER_FEATURES, model.weights, strict=True):
        print(f"  {name:<14} {weight:+.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
