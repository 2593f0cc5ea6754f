"""The only code that touches the output folder.

Everything is written into a fresh sibling folder; only when every file is written is
it swapped into place with one atomic ``renameat2(RENAME_EXCHANGE)``. A failed or
killed build therefore leaves the previous site complete. Paths are confined to the
output folder and a second write to the same path is refused (Pelican's rule).

Builds into the same place take turns (an exclusive lock on the parent folder), so a
second build never deletes the staging folder of one that is still writing; the lock
dies with its process, so a killed build's leftovers are cleared by the next one.
The output folder may not hold the site's own sources, and an existing folder is only
replaced when it is empty or was built by this generator.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import shutil
import sys
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import OutputError


@dataclass
class OutputFile:
    """Bytes for one file in the output (CSV, JSON, ICS, XML…), path relative to it."""

    path: str
    content: bytes
    title: str | None = None
    kind: str | None = None
    """Dataset files set kind="dataset" so the catalogue and scheme can list them."""
    updated: date | None = None
    publication_class: str | None = None
    description: str | None = None
    rows: int | None = None
    table_schema: dict[str, Any] | None = None
    """A dataset's CSV: its Frictionless Table Schema, for datapackage.json."""
    conforms_to: tuple[str, ...] = ()
    """A dataset's files: the standards and laws it follows, for the DCAT catalogue."""


@dataclass
class CopiedFile:
    """A file copied unchanged from content/ (papers, images), once it is linked."""

    path: str
    source: Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def replace_file(path: Path, data: bytes | Iterable[bytes], mode: int | None = None) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, then a rename, so a
    reader (serve's watcher, the next build) never sees half a file and a killed write
    leaves the old one. The file gets the umask's permissions (not mkstemp's 0600), or
    ``mode``."""
    # A name of its own, opened exclusively.
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:16]}.tmp")
    try:
        with temporary.open("xb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                for chunk in data:
                    out.write(chunk)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def safe_relative(path: str) -> PurePosixPath:
    """Refuse absolute paths, ``..`` and empty segments in an output path."""
    if not is_safe_relative(path):
        raise OutputError(f"refusing to write outside the output folder: {path!r}")
    return PurePosixPath(path)


def is_safe_relative(path: str) -> bool:
    """Whether ``path`` stays inside the output folder (``safe_relative`` without making
    a path object: checked for every output file on every build)."""
    return bool(path) and not path.startswith("/") and "\\" not in path and \
        "\x00" not in path and not any(part in {"..", "", "."} for part in path.split("/"))


def check_output_folder(out_dir: Path, site_dir: Path) -> None:
    """Refuse an output folder whose replacement would destroy or re-read sources.

    Without this, ``--out .`` swapped the whole site folder (content/, site.yml, .git)
    for the built pages and then deleted it.
    """
    out, site = out_dir.resolve(), site_dir.resolve()
    if out == site or site.is_relative_to(out):
        raise OutputError(
            f"the output folder {out} holds the site's own files (site.yml, content/), which "
            f"building there would replace; choose a separate folder such as {site / '_site'}")
    for name in ("content", "templates"):
        if out.is_relative_to((site / name).resolve()):
            raise OutputError(
                f"the output folder {out} is inside {name}/, so the built pages would be read "
                f"back as sources; choose a folder outside it such as {site / '_site'}")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()) and not _looks_built(out):
        raise OutputError(
            f"the output folder {out} is not empty and was not built by this generator (it "
            "has no 404.html and sitemap.xml), so it will not be replaced; empty it or choose "
            "another folder")


def _looks_built(folder: Path) -> bool:
    return (folder / "404.html").is_file() and (folder / "sitemap.xml").is_file()


class StagingFolder:
    """A temporary output folder beside the target, swapped in by :meth:`commit`."""

    def __init__(self, target: Path):
        self.target = target.resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._lock = _lock(self.target.parent)  # waits while another build writes here
        try:
            _recover(self.target)
            self.path = self.target.parent / \
                f".{self.target.name}.building-{uuid.uuid4().hex[:8]}"
            self.path.mkdir()
        except BaseException:
            self._release()
            raise
        self._written: set[str] = set()
        self._folders: set[str] = set()

    def _claim(self, path: str) -> Path:
        relative = safe_relative(path)
        key = relative.as_posix()
        if key in self._written:
            raise OutputError(f"two outputs want the same file: {key}")
        if key in self._folders:
            raise OutputError(f"{key} is needed as a folder for other outputs")
        parents = [p.as_posix() for p in relative.parents if p.as_posix() != "."]
        clash = next((p for p in parents if p in self._written), None)
        if clash is not None:
            raise OutputError(f"{key} needs {clash} to be a folder, but it is a file")
        self._written.add(key)
        self._folders.update(parents)
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
        try:
            self._swap()
        finally:
            self._release()

    def _swap(self) -> None:
        _fsync_tree(self.path)
        if self.target.exists() and not self.target.is_dir():
            raise OutputError(f"{self.target} exists and is not a folder")
        if self.target.exists():
            if not _exchange(self.path, self.target):
                # No atomic exchange here: move the old site aside first. If the build is
                # killed between the two renames, the next one puts it back (_recover).
                old = self.target.parent / f".{self.target.name}.old-{uuid.uuid4().hex[:8]}"
                os.rename(self.target, old)
                os.rename(self.path, self.target)
                shutil.rmtree(old, ignore_errors=True)
                return
            shutil.rmtree(self.path, ignore_errors=True)  # now holds the previous site
        else:
            os.rename(self.path, self.target)

    def discard(self) -> None:
        try:
            shutil.rmtree(self.path, ignore_errors=True)
        finally:
            self._release()

    def _release(self) -> None:
        """Give up the lock, once (a closed descriptor number may be reused)."""
        fd, self._lock = self._lock, None
        _unlock(fd)


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


def recover_output(target: Path) -> None:
    """Clear what killed builds left beside ``target``, under the build lock (for a build
    that finds nothing to write because the inputs did not change)."""
    target = target.resolve()
    if not target.parent.is_dir():
        return
    fd = _lock(target.parent)
    try:
        _recover(target)
    finally:
        _unlock(fd)


def _recover(target: Path) -> None:
    """Clear what killed builds left behind (called while holding the lock).

    If a build died between moving the old site aside and moving the new one in (only
    possible without ``renameat2``), the old site is put back before anything is removed.
    """
    aside = sorted(target.parent.glob(f".{target.name}.old-*"))
    if not target.exists() and aside:
        os.rename(aside.pop(), target)
    for stale in [*aside, *target.parent.glob(f".{target.name}.building-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def _lock(folder: Path) -> int | None:
    """Hold an exclusive lock on ``folder`` until :func:`_unlock` (or process death)."""
    if sys.platform == "win32":  # pragma: no cover - no flock; builds must not overlap
        return None
    import fcntl

    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:  # a file system without locks (some network mounts): build unlocked
        os.close(fd)
        return None
    except BaseException:
        os.close(fd)
        raise
    return fd


def _unlock(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)  # closing the descriptor releases the flock
