"""Writing the index's folder: one builder at a time across processes, a write the folder
refuses told as one clear error, and a count of this process's writes (a reader here reopens at
once after one, without looking at the disk for it)."""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_TIMEOUT_S = 30.0
# A write refused with one of these means the folder is read-only (to us), not that it failed.
_READ_ONLY_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})


class IndexUnavailableError(RuntimeError):
    """The index cannot be searched and could not be rebuilt; the message says why and where."""


class IndexReadOnlyError(IndexUnavailableError):
    """The index must change to match the Markdown, but its folder cannot be written."""


# Updates that wrote the index in this process: a reader here reopens at once after one, and
# looks on disk for another process's only now and then (WhooshIndex.LOOK_EVERY_S).
_written = 0


def write_count() -> int:
    """How many updates have written an index in this process so far."""
    return _written


def count_write() -> None:
    """Count one more update that wrote (or may have written) an index in this process."""
    global _written
    _written += 1


def _is_index_path(index_dir: Path, name: str | bytes | int | None) -> bool:
    """Whether a failed call's file is the index's: its folder, what is in it, the lock file
    or a swap folder beside it, or a folder above it that had to be created."""
    if name is None or isinstance(name, int):
        return False
    path = Path(os.fsdecode(name)).absolute()
    root = index_dir.absolute()
    beside = path.parent == root.parent and path.name.startswith(f".{root.name}")
    return path == root or root in path.parents or path in root.parents or beside


@contextmanager
def writing(index_dir: Path, why: str) -> Iterator[None]:
    """Report a write the index's folder refuses as one error that names the folder and says
    `why` the index had to be written.

    Errors of other files (an unreadable article) pass through as they are.
    """
    try:
        yield
    except OSError as exc:
        refused = exc.errno in _READ_ONLY_ERRNOS and (
            _is_index_path(index_dir, exc.filename) or _is_index_path(index_dir, exc.filename2)
        )
        if not refused:
            raise
        raise IndexReadOnlyError(
            f"{index_dir}: the knowledge-base index must be written ({why}), but its folder is "
            f"read-only ({exc.strerror}: {exc.filename}); run `supportbot kb build` where the "
            "index is made (e.g. the image build), or make the folder writable"
        ) from exc


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One builder at a time per index folder, across processes (taken only to write)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir.parent / f".{index_dir.name}.lock", "a+") as handle:
        deadline = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise TimeoutError(
                        f"another process has been building {index_dir} for too long"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
