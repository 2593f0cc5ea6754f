"""Scan every byte of a built site for marker strings, as a search engine would find them.

A marker like ``LEAK-DRAFT-PAGE-7F3A`` is looked for in four forms, case-insensitively:
as written, as a slug (``leak-draft-page-7f3a``, e.g. in a URL or sitemap), with the
hyphens dropped (``leakdraftpage7f3a``: how Pagefind's word index stores a hyphenated
word) and in file paths. Every file is read raw, and any gzip data in it (Pagefind's
``*.pf_fragment``, ``*.pf_index``, ``*.pf_meta`` and ``*.pf_filter`` files are gzip with a
``pagefind_dcd`` signature inside) is decompressed and read as well. Folded lines
(iCalendar wraps at 75 octets with CRLF + space) are unfolded before searching.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass
from pathlib import Path

_FOLD = re.compile(rb"\r?\n[ \t]")


@dataclass(frozen=True)
class Hit:
    path: str
    marker: str
    where: str  # "path", "bytes", "gzip", "unfolded"


def forms(marker: str) -> list[bytes]:
    lower = marker.lower()
    return sorted({lower.encode(), lower.replace("-", "").encode()})


def readable(data: bytes) -> list[tuple[str, bytes]]:
    """The bytes as stored, decompressed (gzip members), and with folded lines joined."""
    views = [("bytes", data)]
    if data[:2] == b"\x1f\x8b":
        try:
            views.append(("gzip", gzip.decompress(data)))
        except (OSError, EOFError, zlib.error):
            views.append(("gzip", zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(data)))
    views += [("unfolded", _FOLD.sub(b"", view)) for _, view in list(views)
              if _FOLD.search(view)]
    return [(where, view.lower()) for where, view in views]


def scan(root: Path, markers: list[str]) -> list[Hit]:
    """Every place under ``root`` where any marker appears, in any of its forms."""
    hits: list[Hit] = []
    wanted = {marker: forms(marker) for marker in markers}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        for marker, variants in wanted.items():
            if any(v.decode() in rel.lower() for v in variants):
                hits.append(Hit(rel, marker, "path"))
        if not path.is_file() or path.is_symlink():
            continue
        for where, view in readable(path.read_bytes()):
            for marker, variants in wanted.items():
                if any(v in view for v in variants):
                    hits.append(Hit(rel, marker, where))
    return hits

