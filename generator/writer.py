"""The only code that touches the output folder.

Everything is written into a fresh sibling folder; only when every file is written is
it swapped into place with one atomic ``renameat2(RENAME_EXCHANGE)``. A failed or
killed build therefore leaves the previous site complete. Paths are confined to the
output folder and a second write to the same path is refused (Pelican's rule).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from generator.errors import OutputError
from generator.site import CopiedFile, OutputFile

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def safe_relative(path: str) -> PurePosixPath:
    """Refuse absolute paths, ``..`` and empty segments in an output path."""
    pure = PurePosixPath(path)
    if not path or pure.is_absolute() or any(part in {"..", "", "."} for part in path.split("/")) \
            or "\\" in path or "\x00" in path:
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    return pure


class StagingFolder:
    """A temporary output folder beside the target, swapped in by :meth:`commit`."""

    def __init__(self, target: Path):
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(self.target)
        self.path = self.target.parent / f".{self.target.name}.building-{uuid.uuid4().hex[:8]}"
        self.path.mkdir()
        self._written: set[str] = set()

    def _claim(self, path: str) -> Path:
        relative = safe_relative(path)
        key = relative.as_posix()
        if key in self._written:
            raise OutputError(f"two outputs want the same file: {key}")
        self._written.add(key)
        destination = self.path.joinpath(*relative.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        return destination

    def write(self, files: Iterable[OutputFile]) -> None:
        for file in files:
            self._claim(file.path).write_bytes(file.content)

    def copy(self, copies: Iterable[CopiedFile]) -> None:
        for item in copies:
            destination = self._claim(item.path)
            shutil.copyfile(item.source, destination)

    def written(self) -> set[str]:
        return set(self._written)

    def commit(self) -> None:
        """Swap the staged folder into place; the old site is removed afterwards."""
        _fsync_tree(self.path)
        if self.target.exists() and not self.target.is_dir():
            raise OutputError(f"{self.target} exists and is not a folder")
        if self.target.exists():
            if not _exchange(self.path, self.target):
                old = self.target.parent / f".{self.target.name}.old-{uuid.uuid4().hex[:8]}"
                os.rename(self.target, old)
                os.rename(self.path, self.target)
                shutil.rmtree(old, ignore_errors=True)
                return
            shutil.rmtree(self.path, ignore_errors=True)  # now holds the previous site
        else:
            os.rename(self.path, self.target)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux ``renameat2``); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _fsync_tree(root: Path) -> None:
    """Flush directory entries so a power cut cannot expose a half-written swap."""
    try:
        fd = os.open(root, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_stale(target: Path) -> None:
    """Clear staging folders left by builds that were killed."""
    for pattern in (f".{target.name}.building-*", f".{target.name}.old-*"):
        for stale in target.parent.glob(pattern):
            shutil.rmtree(stale, ignore_errors=True)
