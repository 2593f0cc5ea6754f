"""Cache of rendered Markdown between builds, keyed by content hash.

Python-Markdown is most of a build's time. A cached result is reused only when the
text, its file, the renderer's options *and* every link it resolved still resolve the
same way, so a renamed target page still produces a fresh (and correct) rendering.
The cache lives in ``.cache/transparency/`` (CI may keep it between runs); a corrupt or
foreign cache file is ignored, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem
from generator.urls import LinkFailure

_VERSION = 1

Resolution = tuple[str, "str | LinkFailure"]


@dataclass(frozen=True)
class CachedMarkdown:
    html: str
    problems: tuple[Problem, ...]
    assets: frozenset[str]
    resolutions: tuple[Resolution, ...]


def cache_key(options: str, source_rel: str, display: str, text: str, line: int) -> str:
    digest = hashlib.sha256()
    for part in (options, source_rel, display, str(line), text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


class MarkdownCache:
    """A dict of key -> CachedMarkdown, loaded once and saved once per build."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, CachedMarkdown] = {}
        self.used: dict[str, CachedMarkdown] = {}
        self.hits = 0
        self.misses = 0
        if path is not None and path.is_file():
            try:
                with path.open("rb") as handle:
                    version, entries = pickle.load(handle)
                if version == _VERSION and isinstance(entries, dict):
                    self.entries = entries
            except Exception:  # any unreadable cache is simply a cold cache
                self.entries = {}

    def get(self, key: str, resolve: Callable[[str], str | LinkFailure]
            ) -> CachedMarkdown | None:
        entry = self.entries.get(key)
        if entry is None or any(resolve(rel) != outcome for rel, outcome in entry.resolutions):
            self.misses += 1
            return None
        self.hits += 1
        self.used[key] = entry
        return entry

    def put(self, key: str, entry: CachedMarkdown) -> None:
        self.used[key] = entry

    def save(self) -> None:
        """Keep only what this build used, so the cache never grows without bound."""
        if self.path is None:
            return
        if self.used.keys() == self.entries.keys():
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".tmp-{os.getpid()}")
        with temporary.open("wb") as handle:
            pickle.dump((_VERSION, self.used), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
