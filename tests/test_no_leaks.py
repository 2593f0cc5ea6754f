"""Nothing unpublished reaches any output byte.

Two proofs over the same data:

- **Differential**: a site built with the unpublished records of one kind added is
  byte-for-byte the same as the site built without them. This catches leaks that a
  marker cannot show: a count ("4 pages"), a total, a listing entry, a changed search
  index, a copied file.
- **Markers**: every unpublished record carries a unique marker (title, summary, body,
  file name, file bytes); a scan of every byte under _site/ (search index decompressed,
  folded lines unfolded; see leakscan.py) finds none of them, while the control markers
  of published content are all found (the scan is not blind).

UNPUBLISHED is a table, kind -> files. Areas add their kinds (draft meeting, exempt
agenda papers, draft register rows, embargoed decision, ...) by adding rows; PUBLISHED
holds the published content those rows sit beside.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE_YML, SiteFactory
from leakscan import forms, readable, scan

from generator.build import BuildResult

PUBLISHED: dict[str, str | bytes] = {
    "content/about.md": "---\ntitle: About us\nsummary: Who we are.\nnav_order: 1\n"
                        "updated: 2026-05-01\n---\nCONTROL-PUBLISHED-PAGE-1A2B. Read the "
                        "[annual report](files/annual-report.pdf).\n",
    "content/plan/index.md": "---\ntitle: The plan\nnav_order: 2\n---\nOur aims.\n",
    "content/plan/aims.md": "---\ntitle: Aims\n---\nSafer streets.\n",
    "content/consultations/responses.md": "---\ntitle: Consultation responses\n---\nThanks.\n",
    "content/launch.md": "---\ntitle: Launch\npublish_from: 2026-11-23\n---\n"
                         "CONTROL-PUBLISHED-TODAY-3C4D goes live today.\n",
    "content/files/annual-report.pdf": b"%PDF-1.4 CONTROL-LINKED-ASSET-5E6F\n",
}
CONTROLS = ["CONTROL-PUBLISHED-PAGE-1A2B", "CONTROL-PUBLISHED-TODAY-3C4D",
            "CONTROL-LINKED-ASSET-5E6F"]


def _page(marker: str, front: str, body: str = "") -> str:
    return (f"---\ntitle: {marker} title\nsummary: {marker} summary\n{front}---\n"
            f"{marker} body.\n{body}")


UNPUBLISHED: dict[str, dict[str, str | bytes]] = {
    "draft page": {
        "content/leak-draft-page-7f3a.md": _page("LEAK-DRAFT-PAGE-7F3A",
                                                 "draft: true\nnav_order: 3\n")},
    "page embargoed until tomorrow": {
        "content/leak-embargoed-page-2c9e.md": _page("LEAK-EMBARGOED-PAGE-2C9E",
                                                     "publish_from: 2026-11-24\n")},
    "page embargoed until next year": {
        "content/budget-2027.md": _page("LEAK-EMBARGOED-BUDGET-6A0B",
                                        "publish_from: 2027-03-01\nupdated: 2026-11-01\n")},
    "draft section landing page": {
        "content/consultations/index.md": _page("LEAK-DRAFT-SECTION-B41C", "draft: true\n")},
    "draft child page": {
        "content/plan/leak-draft-child-5e1d.md": _page("LEAK-DRAFT-CHILD-5E1D",
                                                       "draft: true\n")},
    "draft Welsh edition": {
        "content/about.cy.md": _page("LEAK-DRAFT-WELSH-0C8D", "draft: true\n")},
    "draft with explicit type": {
        "content/leak-draft-typed-1f2e.md": _page("LEAK-DRAFT-TYPED-1F2E",
                                                  "type: page\ndraft: true\n")},
    "file linked only from a draft": {
        "content/leak-draft-with-file-4a7b.md": _page(
            "LEAK-DRAFT-WITH-FILE-4A7B", "draft: true\n",
            "[paper](files/leak-file-from-draft-9d2e.pdf) "
            "![chart](files/leak-image-from-draft-7b3f.png)\n"),
        "content/files/leak-file-from-draft-9d2e.pdf": b"%PDF-1.4 LEAK-FILE-FROM-DRAFT-9D2E\n",
        "content/files/leak-image-from-draft-7b3f.png": b"\x89PNG LEAK-IMAGE-FROM-DRAFT-7B3F\n"},
    "file linked only from an embargoed page": {
        "content/leak-embargoed-with-file-3e5a.md": _page(
            "LEAK-EMBARGOED-WITH-FILE-3E5A", "publish_from: 2027-01-01\n",
            "[paper](files/leak-file-from-embargoed-8f1c.pdf)\n"),
        "content/files/leak-file-from-embargoed-8f1c.pdf":
            b"%PDF-1.4 LEAK-FILE-FROM-EMBARGOED-8F1C\n"},
    "file linked from nowhere": {
        "content/files/leak-unlinked-file-c3d1.pdf": b"%PDF-1.4 LEAK-UNLINKED-FILE-C3D1\n"},
    "hidden file": {
        "content/.leak-hidden-note-5b7a.md": _page("LEAK-HIDDEN-NOTE-5B7A", "")},
}


def markers_of(files: dict[str, str | bytes]) -> list[str]:
    text = " ".join(c if isinstance(c, str) else c.decode("latin-1") for c in files.values())
    return sorted(set(re.findall(r"LEAK-[A-Z0-9-]+-[0-9A-F]{4}", text)))


ALL_MARKERS = sorted({m for files in UNPUBLISHED.values() for m in markers_of(files)})


def tree_hash(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _built(make_site: SiteFactory, build_site_at: Callable[..., BuildResult],
           extra: dict[str, str | bytes]) -> Path:
    site = make_site({**PUBLISHED, **extra}, site_yml=MINIMAL_SITE_YML)
    result = build_site_at(site)
    assert [str(p) for p in result.errors] == []
    return site / "_site"


def test_every_unpublished_kind_has_its_own_markers() -> None:
    seen: list[str] = []
    for kind, files in UNPUBLISHED.items():
        assert markers_of(files), kind
        seen += markers_of(files)
    assert len(seen) == len(set(seen)) == len(ALL_MARKERS)


@pytest.mark.parametrize("kind", sorted(UNPUBLISHED))
def test_unpublished_records_change_no_output_byte(
        kind: str, make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    without = _built(make_site, build_site_at, {})
    with_unpublished = _built(make_site, build_site_at, UNPUBLISHED[kind])
    assert tree_hash(with_unpublished) == tree_hash(without)


def test_no_marker_of_any_unpublished_record_reaches_any_byte(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    everything = {path: content for files in UNPUBLISHED.values()
                  for path, content in files.items()}
    out = _built(make_site, build_site_at, everything)
    assert scan(out, ALL_MARKERS) == []
    found = {hit.marker for hit in scan(out, CONTROLS)}
    assert found == set(CONTROLS), "the scan is blind: published controls were not found"


def test_the_scanner_reads_gzip_search_index_and_folded_lines(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "en_1.pf_fragment").write_bytes(
        gzip.compress(b'pagefind_dcd{"content":"a leak-draft-page-7f3a b"}'))
    (tmp_path / "pagefind" / "en_2.pf_index").write_bytes(
        gzip.compress(b"pagefind_dcd\x83qleakdraftchild5e1d\x82"))
    (tmp_path / "meetings.ics").write_bytes(b"SUMMARY:Budget LEAK-DRAFT-WE\r\n LSH-0C8D\r\n")
    hits = {(h.path, h.marker, h.where) for h in scan(tmp_path, ALL_MARKERS)}
    assert hits == {("pagefind/en_1.pf_fragment", "LEAK-DRAFT-PAGE-7F3A", "gzip"),
                    ("pagefind/en_2.pf_index", "LEAK-DRAFT-CHILD-5E1D", "gzip"),
                    ("meetings.ics", "LEAK-DRAFT-WELSH-0C8D", "unfolded")}
    assert forms("LEAK-A-1B2C") == [b"leak-a-1b2c", b"leaka1b2c"]
    assert readable(b"plain") == [("bytes", b"plain")]


def test_the_scanner_finds_markers_in_a_real_pagefind_index(tmp_path: Path) -> None:
    """Pagefind's own output, so the scan keeps up with its file format."""
    if shutil.which("pagefind") is None and not _pagefind_module_available():
        pytest.skip("the pagefind binary is not installed")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>T</title></head><body><main>'
        "<h1>Published</h1><p>CONTROL-PUBLISHED-PAGE-1A2B is here.</p></main></body></html>")
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    (site / "index.html").unlink()  # only the index is left to find it in
    hits = scan(site, ["CONTROL-PUBLISHED-PAGE-1A2B"])
    assert {h.where for h in hits} == {"gzip"}
    assert any(h.path.endswith(".pf_fragment") for h in hits)
    assert any(h.path.endswith(".pf_index") for h in hits)


def _pagefind_module_available() -> bool:
    try:
        import pagefind_bin  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True
