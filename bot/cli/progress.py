"""Progress of long CLI work: a live bar on a terminal, nothing but the summary elsewhere.

The library functions (`update_index`, the billing sweep) take an `on_progress(done, total)`
callback and never print. This module turns that callback into what a person at a terminal
wants while thousands of articles or plans go by (a bar, done/total, items per second) and,
where output is a log, CI or a pipe, into nothing at all while working: a redrawn bar there is a
stream of carriage returns and escape codes. Either way the command ends with its usual one-line
summary, to which `Tracker.summary` adds the count and the rate.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text


class _RateColumn(ProgressColumn):
    """Items per second, in the work's own unit ("1,204 articles/s")."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        shown = "–" if speed is None else _number(speed)
        return Text(f"{shown} {self.unit}/s", style="progress.data.speed")


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def per_second(count: int, seconds: float, unit: str) -> str:
    """A rate for a summary line: "388 articles/s"."""
    return f"{_number(count / seconds) if seconds > 0 else '–'} {unit}/s"


def is_terminal(stream: TextIO) -> bool:
    """Whether a person is watching `stream`: a TTY that is not a dumb terminal.

    Decided here rather than by rich, which also takes FORCE_COLOR (often set in CI to get
    colours in logs) as a terminal and would then animate a bar into the log.
    """
    try:
        return stream.isatty() and os.environ.get("TERM", "") != "dumb"
    except (AttributeError, ValueError):  # no isatty, or the stream is closed
        return False


class Tracker:
    """The `on_progress(done, total)` callback handed to the library: it remembers the counts
    for the summary and, when a bar is shown, moves the bar."""

    def __init__(self, unit: str, bar: Progress | None = None, what: str = "") -> None:
        self.unit = unit
        self.done = 0
        self.total: int | None = None
        self._bar = bar
        # Until the first count arrives (articles are still being read), the bar pulses.
        self._task = bar.add_task(what, total=None) if bar is not None else None
        self._started = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done, total=total)

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self._started

    def summary(self) -> str:
        """What the bar showed, for the last line: "1,204 articles in 3.10s (388 articles/s)"."""
        seconds = self.seconds
        rate = per_second(self.done, seconds, self.unit)
        return f"{self.done:,} {self.unit} in {seconds:.2f}s ({rate})"


@contextmanager
def progress(what: str, unit: str, stream: TextIO | None = None) -> Iterator[Tracker]:
    """A `Tracker` for work on `unit`s, with a bar on `stream` (stderr by default, so stdout
    stays the command's result) only when that is a terminal. The bar is transient: when the
    work ends it gives way to the command's summary line, the same line a log gets."""
    stream = stream or sys.stderr
    if not is_terminal(stream):
        yield Tracker(unit)
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(unit),
        TimeElapsedColumn(),
        console=Console(file=stream, force_terminal=True),
        transient=True,
    )
    with bar:
        yield Tracker(unit, bar, what)
