"""The Pagefind search index: only published pages, filters, determinism, atomic failure."""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import cbor2
import pytest
from conftest import SiteFactory

from generator.build import BuildResult
from generator.errors import OutputError
from generator.outputs import search
from generator.outputs.search import UNUSED_BUNDLE_FILES, _canonicalise

BuildAt = Callable[..., BuildResult]
PAGES = {
    "content/index.md": "---\ntitle: Home\nupdated: 2024-06-01\n---\nWelcome.\n",
    "content/about.md": "---\ntitle: About us\nupdated: 2025-04-01\n---\n"
                        "We publish the zebracorn register.\n",
    "content/plan.md": "---\ntitle: The plan\nupdated: 2026-02-01\n---\n## Aims\n\nFewer "
                       "burglaries.\n",
    "content/secret.md": "---\ntitle: Secret\ndraft: true\n---\nThe quokkafish budget.\n",
    "content/later.md": "---\ntitle: Later\npublish_from: 2027-01-01\n---\n"
                        "The wombatfalcon plan.\n",
}


def _bundle_text(out: Path) -> bytes:
    """Every file of the search bundle, gzip ones decompressed, joined."""
    parts = []
    for path in sorted((out / "pagefind").rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            parts.append(gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data)
    return b"\n".join(parts)


def _fragments(out: Path, bundle: str = "pagefind") -> list[dict[str, object]]:
    found = []
    for path in sorted((out / bundle / "fragment").glob("*.pf_fragment")):
        text = gzip.decompress(path.read_bytes())
        found.append(json.loads(text.removeprefix(b"pagefind_dcd")))
    return sorted(found, key=lambda f: str(f["url"]))


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_index_holds_published_pages_with_type_and_year_filters(
        make_site: SiteFactory, build_site_at: BuildAt) -> None:
    site = make_site(PAGES)
    result = build_site_at(site, search=True)
    assert result.errors == [] and result.site is not None
    in_search = sorted(p.path for p in result.site.pages if p.in_search)
    assert result.searchable == len(in_search)
    out = site / "_site"
    fragments = _fragments(out)
    assert [f["url"] for f in fragments] == in_search
    assert [(f["url"], f["meta"], f["filters"]) for f in fragments
            if f["url"] in ("/", "/about/", "/plan/")] == [
        ("/", {"title": "Home"}, {"Type": ["Page"], "Year": ["2024"]}),
        ("/about/", {"title": "About us"}, {"Type": ["Page"], "Year": ["2025"]}),
        ("/plan/", {"title": "The plan"}, {"Type": ["Page"], "Year": ["2026"]})]
    text = _bundle_text(out)
    assert b"zebracorn" in text
    for unpublished in (b"quokkafish", b"wombatfalcon", b"Secret", b"/secret/", b"/later/"):
        assert unpublished not in text
    # the 404 and search pages are not in the index
    assert b"Page not found" not in text and b"/search/" not in text
    for name in UNUSED_BUNDLE_FILES:
        assert not (out / "pagefind" / name).exists()
    assert (out / "pagefind" / "pagefind-ui.js").is_file()


def test_index_is_byte_identical_across_builds(make_site: SiteFactory, build_site_at: BuildAt,
                                                tmp_path: Path) -> None:
    # Pagefind 1.5.2 lists filters in hash-map order: several builds would differ in
    # the pf_meta file if the build did not sort it.
    site = make_site(PAGES)
    trees = []
    for n in range(4):
        build_site_at(site, out_dir=tmp_path / f"out{n}", search=True)
        trees.append(_tree(tmp_path / f"out{n}"))
    assert all(tree == trees[0] for tree in trees)
    entry = json.loads((tmp_path / "out0/pagefind/pagefind-entry.json").read_text())
    meta_file = tmp_path / f"out0/pagefind/pagefind.{entry['languages']['en-gb']['hash']}.pf_meta"
    meta = cbor2.loads(gzip.decompress(meta_file.read_bytes()).removeprefix(b"pagefind_dcd"))
    assert [name for name, *_ in meta[3]] == ["Type", "Year"]


def _write_pf(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(b"pagefind_dcd" + cbor2.dumps(value)))


def test_filters_and_their_values_are_sorted_and_renamed(tmp_path: Path) -> None:
    _write_pf(tmp_path / "filter/en_1111111.pf_filter", ["Year", [["2026", [0]], ["2025", [1]]]])
    _write_pf(tmp_path / "filter/en_2222222.pf_filter", ["Type", [["Role", [1]], ["Page", [0]]]])
    _write_pf(tmp_path / "pagefind.en_abc.pf_meta",
              ["1.5.2", [["en_p1", 3], ["en_p2", 4]], [["a", "z", "en_i"]],
               [["Year", "en_1111111"], ["Type", "en_2222222"]], [], ["title"]])
    (tmp_path / "pagefind-entry.json").write_text(json.dumps(
        {"version": "1.5.2", "languages": {"en": {"hash": "en_abc", "wasm": "en",
                                                  "page_count": 2}}}))
    _canonicalise(tmp_path)
    entry = json.loads((tmp_path / "pagefind-entry.json").read_text())
    meta_path = tmp_path / f"pagefind.{entry['languages']['en']['hash']}.pf_meta"
    meta = cbor2.loads(gzip.decompress(meta_path.read_bytes()).removeprefix(b"pagefind_dcd"))
    assert [name for name, _ in meta[3]] == ["Type", "Year"]
    assert meta[1] == [["en_p1", 3], ["en_p2", 4]]  # page order is left alone
    values = {}
    for name, filter_hash in meta[3]:
        data = (tmp_path / "filter" / f"{filter_hash}.pf_filter").read_bytes()
        values[name] = cbor2.loads(gzip.decompress(data).removeprefix(b"pagefind_dcd"))[1]
    assert values == {"Type": [["Page", [0]], ["Role", [1]]],
                      "Year": [["2025", [1]], ["2026", [0]]]}
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [meta_path.name, "pagefind-entry.json",
         *(f"{filter_hash}.pf_filter" for _, filter_hash in meta[3])])


@pytest.mark.parametrize(("body", "reason"), [
    (b"\xf9\x3c\x00", "would not be written back unchanged"),  # a half-precision float
    (b"\x9f\x01\xff", "would not be written back unchanged"),  # an indefinite-length array
    (b"\x01\x02", "would not be written back unchanged"),  # bytes after the value
    (b"\x18\x05", "would not be written back unchanged"),  # 5 not in its shortest form
    (b"\xa2\x01\x02\x01\x03", "would not be written back unchanged"),  # a key twice
    (b"\x82\x01", "CBORDecodeEOF"),  # truncated
])
def test_a_meta_file_that_would_not_be_written_back_unchanged_is_refused(
        tmp_path: Path, body: bytes, reason: str) -> None:
    (tmp_path / "pagefind.en_abc.pf_meta").write_bytes(gzip.compress(b"pagefind_dcd" + body))
    (tmp_path / "pagefind-entry.json").write_text(json.dumps(
        {"version": "1.5.2", "languages": {"en": {"hash": "en_abc"}}}))
    with pytest.raises(OutputError, match="Pagefind wrote an index this build cannot read") \
            as caught:
        _canonicalise(tmp_path)
    assert reason in str(caught.value)


def test_failed_indexing_leaves_the_previous_site_untouched(
        make_site: SiteFactory, build_site_at: BuildAt, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(PAGES)
    assert build_site_at(site, search=True).written
    before = _tree(site / "_site")
    (site / "content/new.md").write_text("---\ntitle: New\n---\nNew page.\n")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(OutputError) as caught:
        build_site_at(site, search=True)
    assert "the search index could not be built (Pagefind exited 1)" in str(caught.value)
    assert _tree(site / "_site") == before
    assert sorted(p.name for p in site.iterdir() if p.name != ".cache") == [
        "_site", "content", "site.yml"]
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(site / "no-such-pagefind"))
    with pytest.raises(OutputError, match="the Pagefind program is missing"):
        build_site_at(site, search=True)


def test_search_false_skips_the_index(make_site: SiteFactory, build_site_at: BuildAt) -> None:
    site = make_site(PAGES)
    result = build_site_at(site, search=False)
    assert result.written and result.searchable == 0
    assert not (site / "_site/pagefind").exists()
    assert (site / "_site/search/index.html").is_file()


def test_example_site_index_has_every_kind_and_year_and_nothing_unpublished() -> None:
    from public_site import example_build
    from test_example_site import UNPUBLISHED_MARKERS

    example = example_build()
    assert example.result.written and example.stubbed == []
    fragments = _fragments(example.out)
    in_search = sorted(p.path for p in example.pages if p.in_search)
    assert [f["url"] for f in fragments] == in_search
    types = {t for f in fragments for t in f["filters"]["Type"]}  # type: ignore[index]
    assert {"Page", "Role", "Meeting", "Decision", "Register"} <= types
    years = {y: f["url"] for f in fragments for y in f["filters"].get("Year", [])}  # type: ignore[attr-defined]
    assert {"2019", "2025", "2026", "2027"} <= set(years)
    assert years["2027"] == "/meetings/police-and-crime-panel/2027-01-20/"  # meeting date
    text = _bundle_text(example.out)
    for marker in UNPUBLISHED_MARKERS:
        assert marker.lower() not in text.lower(), marker


PARTS = {f"content/page-{n}.md": f"---\ntitle: Page {n}\n---\nThe word pangolin{n} is here.\n"
         for n in range(5)}


def test_a_large_site_is_indexed_in_parts_that_hold_every_page_once(
        make_site: SiteFactory, build_site_at: BuildAt, monkeypatch: pytest.MonkeyPatch
        ) -> None:
    monkeypatch.setattr(search, "PAGES_PER_BUNDLE", 2)
    site = make_site({**PAGES, **PARTS})
    result = build_site_at(site, search=True)
    assert result.errors == [] and result.site is not None
    bundle = site / "_site" / "pagefind"
    in_search = sorted(p.path for p in result.site.pages if p.in_search)
    parts = -(-len(in_search) // 2)
    assert parts > 2
    assert json.loads((bundle / search.MERGE_FILE).read_text()) == {
        "bundles": [f"part-{n}/" for n in range(2, parts + 1)]}
    urls = []
    for folder in [bundle, *(bundle / f"part-{n}" for n in range(2, parts + 1))]:
        assert (folder / "pagefind-entry.json").is_file() and (folder / "pagefind.js").is_file()
        urls += [str(f["url"]) for f in _fragments(folder.parent, folder.name)]
    assert sorted(urls) == in_search  # each page in exactly one part
    assert not any(p.name.startswith(".pagefind-parts-") for p in site.iterdir())
    text = _bundle_text(site / "_site")
    for unpublished in (b"quokkafish", b"wombatfalcon"):
        assert unpublished not in text
    first = _tree(bundle)
    (site / "_site").rename(site / "first")
    build_site_at(site, search=True)
    assert _tree(site / "_site" / "pagefind") == first  # parts are reproducible too


def test_a_small_site_has_one_part(make_site: SiteFactory, build_site_at: BuildAt) -> None:
    site = make_site(PAGES)
    build_site_at(site, search=True)
    bundle = site / "_site" / "pagefind"
    assert json.loads((bundle / search.MERGE_FILE).read_text()) == {"bundles": []}
    assert not list(bundle.glob("part-*"))
def test_example_site_suppliers_are_findable() -> None:
    """Searching a supplier's name finds the months it was paid in and the year's totals,
    though a long month's rows are left out of the index."""
    import csv

    from public_site import REPO, example_build

    example = example_build()
    content = {str(f["url"]): str(f["content"]) for f in _fragments(example.out)}
    october = REPO / "content/registers/spending/2026-10.csv"
    with october.open(encoding="utf-8") as file:
        suppliers = {row["Supplier Name"] for row in csv.DictReader(file)}
    assert len(suppliers) > 20
    for page in ("/registers/spending/", "/registers/spending/2026-10/"):
        missing = [s for s in suppliers if s.replace("&", "&amp;") not in content[page]
                   and s not in content[page]]
        assert missing == [], page
    assert "NP-2610-0001" not in content["/registers/spending/2026-10/"]  # rows are not
