"""`make bench` / `python -m bench [--articles N ...] [--only PART]`: one table of figures."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench import acks, billing, knowledge, understanding


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--articles",
        type=int,
        action="append",
        help="generated knowledge-base size (repeatable; default 100, 1000 and 10000)",
    )
    parser.add_argument(
        "--only",
        choices=["knowledge", "understanding", "billing", "acks"],
        help="run one part only",
    )
    args = parser.parse_args()
    sizes = args.articles or [100, 1_000, 10_000]
    console = Console(width=170)
    table = Table(title="supportbot benchmarks", show_lines=False)
    for column in ("what", "measure", "figure", "beside"):
        table.add_column(column)
    work = Path(tempfile.mkdtemp(prefix="supportbot-bench-"))
    try:
        rows = []
        if args.only in (None, "knowledge"):
            with console.status("shipped knowledge base…"):
                rows += knowledge.shipped(work)
        if args.only in (None, "knowledge", "understanding"):
            with console.status("messy messages, and the release before…"):
                rows += understanding.run(work)
        if args.only in (None, "knowledge"):
            for size in sizes:
                with console.status(f"{size:,} generated articles…"):
                    rows += knowledge.generated(work, size)
        if args.only in (None, "billing"):
            with console.status("billing confirmations…"):
                rows += billing.run(work)
        if args.only in (None, "acks"):
            with console.status("Slack acks…"):
                rows += acks.run(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for row in rows:
        table.add_row(*row)
    console.print(table)
    console.print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


if __name__ == "__main__":
    main()
