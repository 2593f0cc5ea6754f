"""The site search index, built with Pagefind from the pages this build wrote.

The build calls :func:`write_search_index` on the staging folder after every file is
written and before the folder is swapped into place, so a failed index never
half-publishes and the index holds exactly the published pages. Templates mark what
Pagefind reads: ``data-pagefind-body`` on ``<main>`` of pages with ``in_search`` (so the
404 and search pages are left out), the "Type" and "Year" filters and the title (see
``templates/base.html``). Unpublished records never became pages, so they cannot be
indexed.

Pagefind is the binary from PyPI ``pagefind[bin]`` (no Node). It is run as its command
line rather than through the package's async service API, because that API terminates
the service as soon as "write files" is acknowledged, which sometimes leaves a
truncated ``pagefind-entry.json`` (a silently broken search), and it reads one reply
per 100 ms, which makes indexing pages one by one slow.

Pagefind 1.5.2 writes filters and filter values in hash-map order, so the ``pf_meta``
and ``pf_filter`` files (and their hashed names) changed from one build to the next;
:func:`_canonicalise` sorts them so the output is byte-identical every time. The files are
CBOR, read and written with ``cbor2``; a file that would not be written back byte for byte
as Pagefind wrote it (a feature cbor2 reads differently, such as a half-precision float or
an indefinite length) stops the build rather than change the index unseen.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import cbor2

from generator.errors import OutputError
from generator.site import PageSpec
from generator.urls import output_file_for

BUNDLE_FOLDER = "pagefind"
# Pagefind writes every UI it ships; the site uses the default UI only.
UNUSED_BUNDLE_FILES = ("pagefind-component-ui.css", "pagefind-component-ui.js",
                       "pagefind-modular-ui.css", "pagefind-modular-ui.js",
                       "pagefind-highlight.js")
_SIGNATURE = b"pagefind_dcd"
_TIMEOUT_SECONDS = 600


def pagefind_executable() -> Path:
    """The Pagefind binary (``$PAGEFIND_BINARY_PATH`` wins, as in the pagefind package)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None or not found.is_file():
        raise OutputError("the search index could not be built: the Pagefind program is "
                          "missing; install it with `pip install 'pagefind[bin]'`")
    return found


PAGES_PER_BUNDLE = 2500
"""Pagefind holds a whole index in memory while it builds it, about 140 KB a page (570 MB
for 4,000 pages, 1.3 GB for 10,000 on the benchmark corpus), more than the rest of the
build. A larger site is indexed in parts of at most this many pages, one after another,
which the search page merges (Pagefind's ``mergeIndex``): the build's peak memory stays
flat however large the site grows."""
MERGE_FILE = "merge.json"
"""In the bundle: the other parts' folders, for the search page (``search.js``)."""


def write_search_index(folder: Path, pages: Iterable[PageSpec],
                       bundle: Path | None = None) -> int:
    """Index the HTML in ``folder`` into ``bundle`` (default ``folder/pagefind``).

    Returns how many pages were indexed. Raises :class:`OutputError` when Pagefind is
    missing or fails.
    """
    searchable = sorted(output_file_for(page.path) for page in pages if page.in_search)
    if not searchable:
        return 0  # without data-pagefind-body anywhere Pagefind would index every page
    bundle = bundle or folder / BUNDLE_FOLDER
    count = -(-len(searchable) // PAGES_PER_BUNDLE)
    size = -(-len(searchable) // count)  # parts of equal size: 4,003 pages are 2 parts
    parts = [searchable[start:start + size] for start in range(0, len(searchable), size)]
    if len(parts) == 1:
        _index(folder, bundle)
    else:
        _index_in_parts(folder, bundle, parts)
    merged = [f"{_PART}{number}/" for number in range(2, len(parts) + 1)]
    (bundle / MERGE_FILE).write_text(json.dumps({"bundles": merged}), encoding="utf-8")
    return len(searchable)


_PART = "part-"


def _index_in_parts(folder: Path, bundle: Path, parts: list[list[str]]) -> None:
    """Index each part's pages on its own (hard links to them in a scratch folder, so the
    addresses are the same), then put parts 2… inside the first part's bundle."""
    scratch = Path(tempfile.mkdtemp(prefix=f".{BUNDLE_FOLDER}-parts-", dir=folder.parent))
    try:
        for number, part in enumerate(parts, start=1):
            pages = scratch / f"pages-{number}"
            for rel in part:
                target = pages / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(folder / rel, target)
                except OSError:  # another file system: copy instead
                    shutil.copyfile(folder / rel, target)
            _index(pages, bundle if number == 1 else scratch / f"{_PART}{number}")
            shutil.rmtree(pages)
            if number > 1:
                for name in ("pagefind-ui.css", "pagefind-ui.js"):  # the first part's UI
                    (scratch / f"{_PART}{number}" / name).unlink(missing_ok=True)
        for number in range(2, len(parts) + 1):
            (scratch / f"{_PART}{number}").rename(bundle / f"{_PART}{number}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _index(site: Path, bundle: Path) -> None:
    """Run Pagefind over the HTML in ``site`` into ``bundle``, then make its output the
    same every time (``_canonicalise``)."""
    command = [str(pagefind_executable()), "--site", str(site), "--output-path",
               str(bundle)]
    try:
        run = subprocess.run(command, capture_output=True, timeout=_TIMEOUT_SECONDS,
                             check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise OutputError(f"the search index could not be built: {exc}") from exc
    if run.returncode != 0:
        tail = (run.stderr or run.stdout).decode("utf-8", "replace").strip()[-1500:]
        raise OutputError(f"the search index could not be built (Pagefind exited "
                          f"{run.returncode}): {tail}")
    for name in UNUSED_BUNDLE_FILES:
        (bundle / name).unlink(missing_ok=True)
    _canonicalise(bundle)


def _canonicalise(bundle: Path) -> None:
    """Sort what Pagefind writes in hash-map order, renaming each changed file by its hash.

    Filter files list their values, and each language's pf_meta lists its filters, in
    an order that changes from run to run; both are sorted by name here.
    """
    entry_path = bundle / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        languages = entry["languages"]
        for language in languages.values():
            language["hash"] = _canonical_meta(bundle, language["hash"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, cbor2.CBORError) as exc:
        raise OutputError(f"the search index could not be built: Pagefind wrote an index "
                          f"this build cannot read ({type(exc).__name__}: {exc})") from exc
    entry["languages"] = dict(sorted(languages.items()))
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")),
                          encoding="utf-8")


def _canonical_meta(bundle: Path, meta_hash: str) -> str:
    """Canonicalise one language's meta index and its filters; return the meta's hash."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_path)
    # meta: [version, pages, index chunks, filters [[name, hash]], sorts, meta fields]
    for item in meta[3]:
        filter_path = bundle / "filter" / f"{item[1]}.pf_filter"
        values = _read(filter_path)  # [name, [[value, [page numbers]], ...]]
        values[1] = sorted(values[1], key=lambda value: str(value[0]))
        item[1] = _write(filter_path, values, digits=7)
    meta[3] = sorted(meta[3], key=lambda item: str(item[0]))
    return _write(meta_path, meta, digits=13)


def _read(path: Path) -> Any:
    """The CBOR value of a Pagefind file, refused unless it writes back to the same bytes.

    cbor2 reads more than it writes back as read (trailing bytes, floats in a shorter
    form, indefinite lengths, duplicate map keys, tags): the guard turns each into an
    error rather than a silently different index.
    """
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path.name} is not a Pagefind file")
    body = raw[len(_SIGNATURE):]
    value = cbor2.loads(body)
    if cbor2.dumps(value) != body:
        raise ValueError(f"{path.name} would not be written back unchanged")
    return value


def _write(path: Path, value: Any, *, digits: int) -> str:
    """Replace ``path`` by ``value`` in a file named by its content hash; return the hash.

    Names are ``<language>_<hash>.pf_filter`` and ``pagefind.<language>_<hash>.pf_meta``.
    """
    raw = _SIGNATURE + cbor2.dumps(value)
    prefix = "pagefind." if path.name.startswith("pagefind.") else ""
    old_hash = path.name.removeprefix(prefix).removesuffix(path.suffix)
    new_hash = f"{old_hash.rsplit('_', 1)[0]}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    path.unlink()
    (path.parent / f"{prefix}{new_hash}{path.suffix}").write_bytes(gzip.compress(raw, mtime=0))
    return new_hash


def replace_search_index(folder: Path, pages: Iterable[PageSpec]) -> int:
    """Rebuild ``folder/pagefind`` in a live output folder (``serve``), then swap it in."""
    fresh = folder / f".{BUNDLE_FOLDER}.building"
    old = folder / f".{BUNDLE_FOLDER}.old"
    for leftover in (fresh, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        count = write_search_index(folder, pages, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    live = folder / BUNDLE_FOLDER
    if live.exists():
        live.rename(old)
    if fresh.exists():
        fresh.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    return count
