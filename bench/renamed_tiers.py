"""`python -m bench.renamed_tiers`: whether the readings depend on the shipped vendor's tier
names. Another vendor replaces app.yaml, kb/ and intents/ and changes no code; a reading that
spelled "premium" where the vendor's paid tier belongs would hold for the shipped vendor and
fail for every other one, unseen by every set written in the shipped vendor's words.

So the shipped vendor is copied with its tiers renamed (Premium → Summit, Standard → Starter in
app.yaml, kb/ and intents/), every labelled request is renamed the same way, and each is
decided by both: the figures are how many decisions differ, and which were right for the
shipped vendor only. (A renamed typo is no rename: "premum" stays, and is no word of the
renamed vendor's; such misses are the copy's, not the code's.)"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from bench.quality import (
    CHANGES,
    REQUEST_SETS,
    ROOT,
    RequestWorld,
    _cases,
    as_delivered,
    asks_change,
    request_right,
)

# Each word and its new name, in the three ways it is capitalised.
RENAMES = {"premium": "summit", "standard": "starter"}


def renamed(text: str) -> str:
    """`text` with the shipped tiers' names replaced, keeping their capitals."""
    for old, new in RENAMES.items():
        text = text.replace(old, new).replace(old.capitalize(), new.capitalize())
        text = text.replace(old.upper(), new.upper())
    return text


def renamed_vendor(dest: Path) -> Path:
    """A copy of the shipped vendor (app.yaml, kb/, intents/) under `dest` with its tiers
    renamed, article files included; returns the copy's app.yaml."""
    (dest / "kb").mkdir(parents=True)
    (dest / "intents").mkdir()
    for folder in ("kb", "intents"):
        for source in sorted((ROOT / folder).iterdir()):
            if source.is_file():
                (dest / folder / renamed(source.name)).write_text(
                    renamed(source.read_text(encoding="utf-8")), encoding="utf-8"
                )
    app = dest / "app.yaml"
    app.write_text(renamed((ROOT / "app.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return app


def world_for(app_yaml: Path, index: Path) -> RequestWorld:
    """A RequestWorld (bench.quality) on the vendor `app_yaml` describes."""
    from bot.bootstrap import open_knowledge
    from bot.config import load_settings

    settings = load_settings(app_yaml)
    settings = settings.model_copy(
        update={"kb": settings.kb.model_copy(update={"index_path": index})}
    )
    return RequestWorld(settings, open_knowledge(settings))


@dataclass
class Parity:
    decided: int = 0
    differ: int = 0
    lost: list[str] = field(default_factory=list)  # right for the shipped vendor only
    gained: int = 0
    unasked: int = 0  # changes nobody asked for, made for the renamed vendor only


def compare(shipped: RequestWorld, other: RequestWorld, names: list[str]) -> Parity:
    """Every case of the sets `names`, decided by both worlds (the other in renamed words)."""
    parity = Parity()
    for name in names:
        for n, case in enumerate(_cases(REQUEST_SETS[name])):
            text, state = as_delivered(case["q"]), case.get("state", "standard")
            ours, _ = shipped.decide(text, state, n)
            theirs, _ = other.decide(renamed(text), state, n)
            parity.decided += 1
            if ours == theirs:
                continue
            parity.differ += 1
            right, right_too = request_right(case["expect"], ours), request_right(
                case["expect"], theirs
            )
            if right and not right_too:
                parity.lost.append(f"{name}: {case['q'][:80]!r} {ours} -> {theirs}")
                asked = asks_change(case["expect"])
                parity.unasked += not asked and theirs in CHANGES
            parity.gained += right_too and not right
    return parity


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", default=[], help="sets whose name has this")
    parser.add_argument("--misses", action="store_true", help="list what only ours got right")
    args = parser.parse_args(argv)
    from bench.learn_orders import HELD_OUT

    names = [
        name
        for name, path in REQUEST_SETS.items()
        if path.exists() and (not args.only or any(o in name for o in args.only))
    ]
    work = Path(tempfile.mkdtemp(prefix="supportbot-renamed-"))
    try:
        shipped = world_for(ROOT / "app.yaml", work / "ours-index")
        other = world_for(renamed_vendor(work / "vendor"), work / "their-index")
        parity = compare(shipped, other, names)
        shipped.close()
        other.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"{parity.decided} requests decided by the shipped vendor and by a copy with its tiers "
        f"renamed: {parity.differ} decided otherwise; {len(parity.lost)} right for the shipped "
        f"vendor only ({parity.unasked} of them a change nobody asked for), {parity.gained} "
        f"for the copy only"
    )
    if args.misses:
        for line in parity.lost:
            held = any(line.startswith(h) for h in HELD_OUT)
            print("   ", re.sub(r": '.*' ", ": (held) ", line) if held else line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
