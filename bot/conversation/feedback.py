"""What the knowledge base is missing: unanswered questions and answers marked not helpful.

`supportbot kb gaps` lists them, most frequent first, so the vendor knows which article to write
next. Questions are grouped by their words (case, punctuation and Slack markup aside).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine

from bot.db import now_utc, reading
from bot.db.conversation import answer_feedback
from bot.knowledge.text import normalize

KINDS = ("unanswered", "helpful", "unhelpful")


def record(
    engine: Engine,
    kind: str,
    question: str,
    source: str | None = None,
    slack_user: str | None = None,
) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown feedback kind {kind!r}")
    with engine.begin() as tx:
        tx.execute(
            answer_feedback.insert().values(
                question=question[:2000],
                kind=kind,
                source=source,
                slack_user_id=slack_user,
                created_at=now_utc(),
            )
        )


def _key(question: str) -> str:
    return " ".join(re.findall(r"\w+", normalize(question).lower()))


@dataclass(frozen=True)
class Gap:
    question: str  # the most recent wording
    unanswered: int
    unhelpful: int

    @property
    def total(self) -> int:
        return self.unanswered + self.unhelpful


def gaps(engine: Engine, limit: int = 50) -> list[Gap]:
    """Questions without a good answer, most frequent first."""
    with reading(engine) as tx:
        rows = tx.execute(
            select(answer_feedback.c.question, answer_feedback.c.kind)
            .where(answer_feedback.c.kind.in_(["unanswered", "unhelpful"]))
            .order_by(answer_feedback.c.id)
        ).all()
    counts: dict[str, Counter] = {}
    wording: dict[str, str] = {}
    for question, kind in rows:
        key = _key(question)
        if not key:
            continue
        counts.setdefault(key, Counter())[kind] += 1
        wording[key] = question
    found = [Gap(wording[k], c["unanswered"], c["unhelpful"]) for k, c in counts.items()]
    return sorted(found, key=lambda g: (-g.total, g.question))[:limit]
