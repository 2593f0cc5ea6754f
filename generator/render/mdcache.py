"""Cache of rendered Markdown between builds, keyed by content hash.

Python-Markdown is most of a build's time. A cached result is reused only when the
text, its file, the renderer's options *and* every link it resolved still resolve the
same way, so a renamed target page still produces a fresh (and correct) rendering.

The cache lives in ``.cache/transparency/`` and CI keeps it between runs, so two more
rules hold:

- It cannot go stale across an upgrade. The file is stamped with what else shapes the
  HTML (:func:`cache_stamp`: this generator's version, a hash of its rendering code,
  and the versions of Python and of the libraries that render); a file with another
  stamp is a cold cache. The stamp is the part of every entry's key that all entries
  of one process share, so it is checked once per file rather than hashed per entry.
- It cannot run code. It is JSON, read back through explicit converters that check
  every value; a malformed entry is dropped, and a corrupt, truncated, tampered or
  foreign file (an old pickle included) is ignored and replaced on the next save.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.errors import Problem, Severity
from generator.urls import LinkFailure
from generator.writer import replace_file

_FORMAT = "transparency-site markdown cache 2"
"""Names the file's layout, so a JSON file of some other kind is never read as ours."""

_PACKAGE = Path(__file__).resolve().parent.parent
RENDERING_CODE = ("render/markdown.py", "render/contacts.py", "render/mdcache.py",
                  "render/renderer.py", "urls.py", "errors.py")
"""The generator modules (under ``generator/``) whose code decides what a key maps to:
``markdown.py`` renders; ``contacts.py`` (links phone numbers and emails), ``urls.py``
and ``errors.py`` are the only generator modules it imports (link resolution, safe
schemes, the problems it reports); ``renderer.py`` builds
the key, the options and the ``MarkdownRenderer``; this module stores the result.
``site.py`` is left out on purpose: what its ``resolve_link`` answered is recorded in
each entry and checked on every hit, and ``Site.href`` only passes the base path (part
of the key) to ``urls.href``. Editing any other module keeps the cache warm.
``tests/render/test_mdcache.py`` fails if ``markdown.py`` gains an import not covered."""

RENDERING_LIBRARIES = {"markdown": "Markdown", "nh3": "nh3"}
"""Import name -> distribution name of every third-party library ``markdown.py`` uses
(Python-Markdown parses; nh3, with the ammonia version it bundles, sanitises)."""

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


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for rel in RENDERING_CODE:
        digest.update(rel.encode())
        digest.update(b"\x00")
        try:
            digest.update((_PACKAGE / rel).read_bytes())
        except OSError:  # not on disk (a zipped install): the versions still guard it
            digest.update(b"\x01unreadable")
        digest.update(b"\x00")
    return digest.hexdigest()


@cache
def _stamp() -> tuple[tuple[str, str], ...]:
    """Computed once per process (forked render workers inherit it)."""
    return (
        # Running from a checkout without installing, the version is "not installed"
        # (or another install's): the code hash below is what guards this generator.
        ("generator", _version("transparency-site")),
        ("code", _code_fingerprint()),
        ("python", f"{platform.python_implementation()} {platform.python_version()}"),
        *((f"library {name}", _version(name)) for name in sorted(RENDERING_LIBRARIES.values())),
    )


def cache_stamp() -> dict[str, str]:
    """What, besides an entry's own key, decides its HTML; a file stamped otherwise is
    not read. Python is in it for the standard library ``markdown.py`` leans on (html,
    re, urllib.parse, ElementTree)."""
    return dict(_stamp())


# --- JSON converters: every value is checked on the way in; nothing is trusted. ---


class _Malformed(ValueError):
    """An entry (or file) that is not what this module writes."""


def _problem_to_dict(problem: Problem) -> dict[str, object]:
    return {"path": problem.path, "message": problem.message, "line": problem.line,
            "field": problem.field, "hint": problem.hint, "severity": problem.severity.value}


def _problem_from_dict(data: object) -> Problem:
    if not isinstance(data, dict) or data.keys() != {"path", "message", "line", "field",
                                                     "hint", "severity"}:
        raise _Malformed("problem")
    line = data["line"]
    if line is not None and (type(line) is not int):  # bool is an int: refuse it
        raise _Malformed("problem line")
    severity = data["severity"]
    if severity not in {s.value for s in Severity}:
        raise _Malformed("problem severity")
    return Problem(_text(data["path"]), _text(data["message"]), line,
                   _optional_text(data["field"]), _optional_text(data["hint"]),
                   Severity(severity))


def _document_chunks(entries: dict[str, Any]) -> Iterator[bytes]:
    """The cache file, ``{"format":…,"stamp":…,"entries":{…}}`` as ``json.dumps`` would
    write it compactly, an entry at a time: a large site's cache is never held in memory
    twice over as one string. ASCII escapes keep lone surrogates (which the key
    tolerates) writable."""
    def dumps(value: object) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode("ascii")

    yield b'{"format":' + dumps(_FORMAT) + b',"stamp":' + dumps(cache_stamp()) + \
        b',"entries":{'
    for number, (key, entry) in enumerate(entries.items()):
        yield (b"," if number else b"") + dumps(key) + b":" + dumps(entry_to_dict(entry))
    yield b"}}"


def _outcome_to_json(outcome: str | LinkFailure) -> object:
    if isinstance(outcome, LinkFailure):
        quiet = {"quiet": True} if outcome.quiet else {}
        return {"message": outcome.message, "hint": outcome.hint, **quiet}
    return outcome


def _outcome_from_json(data: object) -> str | LinkFailure:
    if isinstance(data, str):
        return data
    if isinstance(data, dict) and data.keys() in ({"message", "hint"},
                                                  {"message", "hint", "quiet"}):
        return LinkFailure(_text(data["message"]), _text(data["hint"]),
                           data.get("quiet") is True)
    raise _Malformed("link outcome")


def entry_to_dict(entry: CachedMarkdown) -> dict[str, object]:
    return {
        "html": entry.html,
        "problems": [_problem_to_dict(p) for p in entry.problems],
        "assets": sorted(entry.assets),
        "resolutions": [[rel, _outcome_to_json(outcome)] for rel, outcome in entry.resolutions],
    }


def entry_from_dict(data: object) -> CachedMarkdown:
    """The entry ``data`` describes; raises ValueError if it is not exactly one."""
    if not isinstance(data, dict) or data.keys() != {"html", "problems", "assets",
                                                     "resolutions"}:
        raise _Malformed("entry")
    resolutions: list[Resolution] = []
    for pair in _list(data["resolutions"]):
        if not isinstance(pair, list) or len(pair) != 2:
            raise _Malformed("resolution")
        resolutions.append((_text(pair[0]), _outcome_from_json(pair[1])))
    return CachedMarkdown(_text(data["html"]),
                          tuple(_problem_from_dict(p) for p in _list(data["problems"])),
                          frozenset(_text(a) for a in _list(data["assets"])),
                          tuple(resolutions))


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _Malformed("expected text")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise _Malformed("expected a list")
    return value


class MarkdownCache:
    """A dict of key -> CachedMarkdown, loaded once and saved once per build."""

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, CachedMarkdown] = {}
        self.used: dict[str, CachedMarkdown] = {}
        self.hits = 0
        self.misses = 0
        self.rewrite = False
        """The file on disk is not one this build would write (foreign, another stamp,
        a malformed entry): replace it on save even if nothing else changed."""
        if path is not None and path.exists():
            self.entries, self.rewrite = _load(path)

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
        """Keep only what this build used, so the cache never grows without bound. The
        file is replaced whole (a temporary file, then a rename), so a build killed
        mid-save leaves the old cache or the new one, never half of one."""
        if self.path is None:
            return
        # Equal, not just the same keys: an entry re-rendered because a link it
        # resolved now goes elsewhere keeps its key and must still be written.
        if not self.rewrite and self.used == self.entries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(self.path, _document_chunks(self.used))
        self.entries, self.rewrite = dict(self.used), False


def _load(path: Path) -> tuple[dict[str, CachedMarkdown], bool]:
    """The entries of the cache file at ``path`` and whether it needs rewriting. Only
    ``json`` parses the bytes, so nothing in the file can run; anything unexpected is
    a cold cache (or, for one entry, a dropped entry), never an error."""
    try:
        document = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):  # unreadable, not UTF-8, not JSON
        return {}, True
    if not isinstance(document, dict) or document.get("format") != _FORMAT \
            or document.get("stamp") != cache_stamp() \
            or not isinstance(document.get("entries"), dict):
        return {}, True
    entries: dict[str, CachedMarkdown] = {}
    dropped = False
    for key, data in document["entries"].items():
        try:
            entries[key] = entry_from_dict(data)
        except ValueError:  # _Malformed, or a bad Severity
            dropped = True
    return entries, dropped
