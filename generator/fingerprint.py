"""Skip a build whose inputs have not changed since the last successful one.

The fingerprint covers everything a build reads: the generator's own code, site.yml,
every content and template file (path, size, modification time), the git commit
(updated dates come from history), the build date and the options. The output folder
must also still be exactly what that build wrote (names and sizes), so a deleted or
edited output file forces a real build.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from generator.writer import replace_file

_GENERATOR = Path(__file__).resolve().parent


def _tree_stats(root: Path) -> Iterable[str]:
    if not root.exists():
        return
    for directory, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(directory, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            yield f"{os.path.relpath(path, root)}\x00{stat.st_size}\x00{stat.st_mtime_ns}"


def _git_head(site_dir: Path) -> str:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=site_dir, capture_output=True,
                              text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def input_fingerprint(site_dir: Path, template_dirs: list[Path], options: dict[str, Any]
                      ) -> str:
    digest = hashlib.sha256()
    parts: list[Iterable[str]] = [
        _tree_stats(_GENERATOR), _tree_stats(site_dir / "content"),
        *(_tree_stats(d) for d in template_dirs),
        [json.dumps(options, sort_keys=True, default=str), _git_head(site_dir)],
    ]
    site_yml = site_dir / "site.yml"
    if site_yml.is_file():
        digest.update(site_yml.read_bytes())
    for part in parts:
        for line in part:
            digest.update(line.encode("utf-8", "surrogateescape"))
            digest.update(b"\n")
    return digest.hexdigest()


def output_listing(out_dir: Path) -> str:
    """Names and sizes of every output file (mtimes differ after the atomic swap)."""
    digest = hashlib.sha256()
    if not out_dir.is_dir():
        return ""
    for directory, dirs, files in os.walk(out_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(directory, name)
            digest.update(f"{os.path.relpath(path, out_dir)}\x00{os.path.getsize(path)}\n"
                          .encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


class BuildStamp:
    """The record of the last successful build, kept in the cache folder."""

    def __init__(self, path: Path):
        self.path = path

    def matches(self, fingerprint: str, out_dir: Path) -> dict[str, Any] | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("fingerprint") != fingerprint \
                or data.get("out_dir") != str(out_dir) \
                or data.get("listing") != output_listing(out_dir):
            return None
        return data

    def save(self, fingerprint: str, out_dir: Path, summary: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"fingerprint": fingerprint, "out_dir": str(out_dir),
                "listing": output_listing(out_dir), **summary}
        replace_file(self.path, json.dumps(data, sort_keys=True).encode("utf-8"))
