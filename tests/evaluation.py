"""Scoring of answers against labelled questions, shared by the tests and `bench/`.

A case passes when the bot answers exactly the answerable ones and each answer contains every
`expect_all` string and at least one `expect_any` string (case-insensitive, thousands separators
removed: "$1,199" counts as "1199").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval" / "questions.yaml"
OWN_EVAL = Path(__file__).resolve().parent / "data" / "questions.yaml"


def load_cases(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]


def _plain(text: str) -> str:
    return re.sub(r"(?<=\d),(?=\d{3})", "", text).lower()


@dataclass
class Verdict:
    case: dict[str, Any]
    answer: dict[str, Any]
    ok: bool
    why: str


def judge(case: dict[str, Any], answer: dict[str, Any]) -> Verdict:
    want = bool(case.get("answered", True))
    if answer["answered"] != want:
        return Verdict(case, answer, False, f"answered={answer['answered']}, expected {want}")
    if not want:
        return Verdict(case, answer, True, "abstained")
    text = _plain(answer["answer"])
    missing = [s for s in case.get("expect_all", []) if _plain(s) not in text]
    if missing:
        return Verdict(case, answer, False, f"missing {missing}")
    any_of = case.get("expect_any", [])
    if any_of and not any(_plain(s) in text for s in any_of):
        return Verdict(case, answer, False, f"none of {any_of}")
    return Verdict(case, answer, True, "ok")
