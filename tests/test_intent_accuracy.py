"""Intent accuracy on a labelled set written apart from the intents' own examples
(tests/data/intents.yaml); the figure is printed with `pytest -s` and asserted not to fall."""

from __future__ import annotations

from collections import Counter

import yaml

from bot.conversation.intents import IntentClassifier, load_intents
from tests.conftest import ROOT

LABELLED = yaml.safe_load((ROOT / "tests" / "data" / "intents.yaml").read_text())
# Batch 1 scored 69% before the classifier was tuned on it (85% after); batch 2, written blind
# afterwards, scored 72%; both together 83%. With the intents learned from the training batch of
# plain-words requests (tests/data/train/requests-train.yaml) and intents for the account's own
# figures, product problems and known gaps, this set scores 76%: what matters more, requests done
# as asked, went from 27% to over half on the blind batch (bench/quality.py). A drop below
# this fails.
MIN_ACCURACY = 0.74


def _right(classifier: IntentClassifier, text: str, expected: str) -> tuple[bool, str]:
    match = classifier.classify(text)
    got = match.intent.name if match else "none"
    if expected == "kb":
        return match is None or match.intent.do == "answer", got
    return got == expected, got


def test_intent_accuracy_on_the_labelled_set():
    classifier = IntentClassifier(load_intents(ROOT / "intents"))
    misses = []
    per_intent: Counter[str] = Counter()
    for case in LABELLED:
        right, got = _right(classifier, case["text"], case["intent"])
        per_intent[case["intent"]] += 1
        if not right:
            misses.append(f"{case['text']!r}: expected {case['intent']}, got {got}")
    accuracy = 1 - len(misses) / len(LABELLED)
    print(f"\nintent accuracy {accuracy:.1%} ({len(LABELLED) - len(misses)}/{len(LABELLED)})")
    print("\n".join(misses))
    assert accuracy >= MIN_ACCURACY, "\n".join(misses)


def test_the_labelled_set_covers_every_shipped_intent():
    """(A `knowledge_only` intent is never matched: only the knowledge base reads it.)"""
    names = {i.name for i in load_intents(ROOT / "intents") if not i.knowledge_only}
    assert names <= {case["intent"] for case in LABELLED}
