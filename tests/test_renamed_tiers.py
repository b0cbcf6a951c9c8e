"""Another vendor's tier names read as the shipped vendor's are: the shipped vendor copied with
its tiers renamed (Premium → Summit, Standard → Starter in app.yaml, kb/ and intents/) decides
the attacks' and negation sets' messages, renamed the same way, as the shipped vendor decides
them (bench/renamed_tiers.py; the twentieth session, renaming Premium to Priority first, found
"Please cancel our Priority subscription" read as another company's product, and a topic line,
a head office's plan and a renewal asked for known only by the word "premium")."""

from __future__ import annotations

import re

import pytest

from bench.quality import REQUEST_SETS
from bench.renamed_tiers import compare, renamed, renamed_vendor, world_for
from bot.config import load_settings
from tests.conftest import ROOT


def _attacked_lately(name: str) -> bool:
    """The attacks from outside since helper-150, and the newest negation set."""
    found = re.match(r"requests, adversarial \(helper-(\d+)", name)
    return bool(found and int(found.group(1)) >= 150) or name.startswith("requests, negations U")


SETS = [name for name in REQUEST_SETS if _attacked_lately(name)]

@pytest.fixture(scope="module")
def worlds(tmp_path_factory):
    work = tmp_path_factory.mktemp("renamed")
    shipped = world_for(ROOT / "app.yaml", work / "ours-index")
    other = world_for(renamed_vendor(work / "vendor"), work / "their-index")
    yield shipped, other
    shipped.close()
    other.close()


def test_the_copy_names_its_tiers_its_own_way(tmp_path):
    settings = load_settings(renamed_vendor(tmp_path / "vendor"))
    assert {tier.name for tier in settings.tiers.values()} == {"Starter Support", "Summit Support"}
    assert renamed("Cancel our PREMIUM, keep Standard") == "Cancel our SUMMIT, keep Starter"


@pytest.mark.parametrize(
    ("text", "state", "expect"),
    [
        ("Please cancel our Summit subscription, we don't need it anymore.", "premium",
         "action:cancel"),
        ("Summit upgrade - question about invoices", "standard", "!action:upgrade"),
        ("We're a franchise and head office has its own account with you. Could you cancel the "
         "head office's summit plan?", "premium", "!action:cancel"),
        ("please renew our summit subscription for another year", "premium", "!action:cancel"),
    ],
)  # fmt: skip
def test_the_renamed_tiers_are_read_as_ours(worlds, text, state, expect):
    _, other = worlds
    label, _ = other.decide(text, state, 0)
    assert label != expect[1:] if expect.startswith("!") else label == expect, (text, label)


def test_the_attacks_and_negations_decide_alike_under_other_names(worlds):
    assert SETS, "the attack sets are listed in bench.quality"
    parity = compare(*worlds, SETS)
    assert parity.decided >= 700
    assert parity.unasked == 0, parity.lost
    assert len(parity.lost) <= 2, parity.lost
