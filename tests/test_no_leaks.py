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

UNPUBLISHED is a table, kind -> files; PUBLISHED holds the published content those
rows sit beside. The pages' kinds are here; the areas' kinds (draft and embargoed
meetings, a draft body, the paper of an exempt item, decisions, register rows in YAML
and CSV, a draft register of interests, roles) are in leak_content.py. The marker scan
builds with the search index, so what Pagefind stores is read too; the differential
builds skip it (search is fed only the pages those builds compare byte for byte).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE_YML, TODAY, write_files
from leak_content import AREA_CONTROLS, AREA_PUBLISHED, AREA_UNPUBLISHED, HELD
from leakscan import forms, readable, scan

from generator.build import build, linked_copies

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
    **AREA_PUBLISHED,
}
CONTROLS = ["CONTROL-PUBLISHED-PAGE-1A2B", "CONTROL-PUBLISHED-TODAY-3C4D",
            "CONTROL-LINKED-ASSET-5E6F", *AREA_CONTROLS]


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
    **AREA_UNPUBLISHED,
}


def markers_of(files: dict[str, str | bytes]) -> list[str]:
    text = " ".join(c if isinstance(c, str) else c.decode("latin-1") for c in files.values())
    return sorted(set(re.findall(r"LEAK-[A-Z0-9-]+-[0-9A-F]{4}", text)))


ALL_MARKERS = sorted({m for files in UNPUBLISHED.values() for m in markers_of(files)})


def tree_hash(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _build_at(root: Path, files: dict[str, str | bytes], *, search: bool = False) -> Path:
    """The published site with ``files`` laid over it, built into root/_site."""
    write_files(root, {"site.yml": MINIMAL_SITE_YML,
                       "content/index.md": "---\ntitle: Home\n---\nWelcome.\n",
                       **PUBLISHED, **files})
    result = build(root, today=TODAY, search=search)
    assert [str(p) for p in result.errors] == []
    assert result.written
    return root / "_site"


@pytest.fixture(scope="module")
def without(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The published content alone, built once for every differential comparison."""
    return tree_hash(_build_at(tmp_path_factory.mktemp("without"), {}))


def test_every_unpublished_kind_has_its_own_markers_and_files() -> None:
    seen: list[str] = []
    paths: list[str] = []
    for kind, files in UNPUBLISHED.items():
        assert markers_of(files), kind
        seen += markers_of(files)
        paths += files
    assert len(seen) == len(set(seen)) == len(ALL_MARKERS)
    assert len(paths) == len(set(paths)), "two kinds write the same file"
    assert not set(ALL_MARKERS) & {m for c in PUBLISHED.values() for m in markers_of({"": c})}


@pytest.mark.parametrize("kind", sorted(UNPUBLISHED))
def test_unpublished_records_change_no_output_byte(
        kind: str, without: dict[str, str], tmp_path: Path) -> None:
    assert tree_hash(_build_at(tmp_path, UNPUBLISHED[kind])) == without


def test_no_marker_of_any_unpublished_record_reaches_any_byte(tmp_path: Path) -> None:
    """Everything unpublished at once, with the search index built and read."""
    everything = {path: content for files in UNPUBLISHED.values()
                  for path, content in files.items()}
    out = _build_at(tmp_path, everything, search=True)
    assert scan(out, ALL_MARKERS) == []
    hits = scan(out, CONTROLS)
    assert {hit.marker for hit in hits} == set(CONTROLS), \
        "the scan is blind: published controls were not found"
    # The search index was scanned too: published text is found inside it.
    indexed = {hit.marker for hit in hits if hit.where == "gzip"}
    assert {"CONTROL-PUBLISHED-PAGE-1A2B", "CONTROL-PUBLISHED-MINUTES-2B8E",
            "CONTROL-PUBLISHED-GIFT-3E5F", "CONTROL-PUBLISHED-ROLE-4B5C"} <= indexed


EXEMPT_PAPER = "meetings/panel/papers/leak-exempt-paper-3d1b.pdf"


def test_naming_or_linking_a_paper_of_an_exempt_item_is_an_error(tmp_path: Path) -> None:
    """An exempt item that names its paper, minutes and a page that link to it: each is
    an error, and not even the failed build's pages mention or copy the paper."""
    held = HELD.replace(
        "    exempt: Section 100A Local Government Act 1972\n",
        "    exempt: Section 100A Local Government Act 1972\n"
        "    papers: [papers/leak-exempt-paper-3d1b.pdf]\n").replace(
        "were approved.", "were approved; see [the report](papers/leak-exempt-paper-3d1b.pdf).")
    write_files(tmp_path, {
        "site.yml": MINIMAL_SITE_YML, "content/index.md": "---\ntitle: Home\n---\nHi.\n",
        **PUBLISHED, **UNPUBLISHED["paper of an exempt agenda item"],
        "content/meetings/panel/2026-03-24.md": held,
        "content/contact.md": "---\ntitle: Contact\n---\nSee the [hearing report]("
                              f"{EXEMPT_PAPER}).\n\n![A chart]({EXEMPT_PAPER})\n"})
    result = build(tmp_path, today=TODAY, search=False)
    reason = ("which is a paper of an exempt agenda item. Hint: remove the link; exempt papers "
              "are never published.")
    assert [str(p) for p in result.errors] == [
        f"content/contact.md, line 4: the link points to '{EXEMPT_PAPER}', {reason}",
        f"content/contact.md, line 6: the link points to '{EXEMPT_PAPER}', {reason}",
        'content/meetings/panel/2026-03-24.md, line 12, field "agenda[2].papers[1]": '
        "'papers/leak-exempt-paper-3d1b.pdf' is a paper of an exempt item. Hint: remove it "
        "from the agenda: papers of exempt items are never published (the item is still "
        "listed, with its reason).",
        f"content/meetings/panel/2026-03-24.md, line 16: the link points to '{EXEMPT_PAPER}', "
        f"{reason}"]
    assert not result.written and not (tmp_path / "_site").exists()
    assert result.site is not None and EXEMPT_PAPER in result.site.blocked_assets
    assert linked_copies(result.site, {EXEMPT_PAPER}) == []
    for output in result.outputs:
        assert b"leak-exempt-paper" not in output.content.lower(), output.path


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
