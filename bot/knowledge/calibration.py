"""How likely an answer is right: two logistic models learned from labelled questions
(`python -m bench.calibrate`), not hand-set weights.

- The *ranker* says how likely each candidate section is the right one for a question, from
  features of the match (coverage of the question, the search score, similarity to the section's
  example questions); the likeliest section is the answer.
- The *answer* model says whether to give that answer at all: how much closer the question is to
  the examples of what the articles answer than to the examples of what they don't (the nearest
  example, and word by word over all of them: bot/knowledge/scope.py), and how sure the ranker
  is.

The features say nothing about any one vendor, so the shipped weights serve another vendor's
articles too (its example questions and known gaps are its own content). The answer model's bias
is set so that 0.5 is the operating point chosen when it was trained (97% of the out-of-scope
questions it learned from declined), and 0.5 is the shipped `kb.min_confidence` (app.yaml moves
it).
Since 2026-12-05 evening the models also learn from blind batches 1-9 (bench/calibrate.py
says why and how that was measured); batches 10-29 are held out of it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent / "calibration.json"


@dataclass(frozen=True)
class Calibration:
    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    trained_on: str = ""

    def probability(self, values: Mapping[str, float]) -> float:
        score = self.bias
        for name, mean, scale, weight in zip(
            self.features, self.means, self.scales, self.weights, strict=True
        ):
            score += weight * (values.get(name, 0.0) - mean) / scale
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def to_json(self) -> dict:
        return {
            "features": list(self.features),
            "means": list(self.means),
            "scales": list(self.scales),
            "weights": list(self.weights),
            "bias": self.bias,
            "trained_on": self.trained_on,
        }

    @classmethod
    def of(cls, data: Mapping) -> Calibration:
        return cls(
            tuple(data["features"]),
            tuple(data["means"]),
            tuple(data["scales"]),
            tuple(data["weights"]),
            float(data["bias"]),
            str(data.get("trained_on", "")),
        )


@dataclass(frozen=True)
class Models:
    ranker: Calibration
    answer: Calibration

    def to_json(self) -> dict:
        return {"ranker": self.ranker.to_json(), "answer": self.answer.to_json()}


@cache
def shipped() -> Models:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return Models(Calibration.of(data["ranker"]), Calibration.of(data["answer"]))


def logit(probability: float) -> float:
    p = min(max(probability, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def fit(
    rows: Sequence[Mapping[str, float]],
    labels: Sequence[int],
    features: Sequence[str],
    l2: float = 0.05,
    rounds: int = 2000,
    step: float = 0.5,
) -> Calibration:
    """Logistic regression by gradient descent on standardised features (a few thousand rows
    of a dozen features: no library needed)."""
    n = len(rows)
    columns = [[row.get(name, 0.0) for row in rows] for name in features]
    means = [sum(c) / n for c in columns]
    scales = [
        max(1e-6, math.sqrt(sum((v - m) ** 2 for v in c) / n))
        for c, m in zip(columns, means, strict=True)
    ]
    z = [
        [(columns[j][i] - means[j]) / scales[j] for j in range(len(features))] for i in range(n)
    ]
    weights = [0.0] * len(features)
    bias = 0.0
    positive = max(sum(labels), 1)
    negative = max(n - positive, 1)
    # Both kinds of mistake matter: weigh the rarer label up to balance them.
    balance = [n / (2 * positive) if y else n / (2 * negative) for y in labels]
    for _ in range(rounds):
        grad = [0.0] * len(features)
        grad_bias = 0.0
        for row, y, w in zip(z, labels, balance, strict=True):
            s = bias + sum(a * b for a, b in zip(weights, row, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, s))))
            error = (p - y) * w
            grad_bias += error
            for j, value in enumerate(row):
                grad[j] += error * value
        weights = [w - step * (g / n + l2 * w) for w, g in zip(weights, grad, strict=True)]
        bias -= step * grad_bias / n
    return Calibration(tuple(features), tuple(means), tuple(scales), tuple(weights), bias)


def with_operating_point(calibration: Calibration, threshold: float) -> Calibration:
    """The same model, its bias moved so that `threshold` reads as 0.5."""
    threshold = min(max(threshold, 1e-6), 1 - 1e-6)
    shift = math.log(threshold / (1 - threshold))
    return Calibration(
        calibration.features,
        calibration.means,
        calibration.scales,
        calibration.weights,
        calibration.bias - shift,
        calibration.trained_on,
    )
