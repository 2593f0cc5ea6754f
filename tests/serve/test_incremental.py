"""serve's incremental rebuilds: only changed pages re-render; output equals a full build."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import BASE_SITE_YML, TODAY, SiteFactory

from generator.build import BuildOptions, build
from generator.serve.incremental import IncrementalBuilder

PAGES = {f"content/p{i}.md": f"---\ntitle: Page {i}\n---\nText {i}. [next](p{(i + 1) % 5}.md)\n"
         for i in range(5)}


def _hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_one_page_edit_renders_one_page_and_matches_a_full_build(
        make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site(PAGES)
    builder = IncrementalBuilder(site, tmp_path / "serve", BuildOptions(today=TODAY))
    assert builder.build().written
    assert builder.build().written and builder.rendered_last == 0
    (site / "content/p2.md").write_text("---\ntitle: Page 2\n---\nEdited body.\n")
    result = builder.build()
    assert result.written and builder.rendered_last == 1
    assert b"Edited body." in (tmp_path / "serve/p2/index.html").read_bytes()
    build(site, tmp_path / "full", today=TODAY, use_cache=False)
    assert _hashes(tmp_path / "serve") == _hashes(tmp_path / "full")


def test_title_change_re_renders_pages_that_show_it(make_site: SiteFactory,
                                                    tmp_path: Path) -> None:
    site = make_site({**PAGES, "content/p0.md": "---\ntitle: Page 0\nnav_order: 1\n---\nx\n"},
                     site_yml=BASE_SITE_YML)  # the menu from nav_order
    builder = IncrementalBuilder(site, tmp_path / "serve", BuildOptions(today=TODAY))
    builder.build()
    (site / "content/p0.md").write_text("---\ntitle: Renamed\nnav_order: 1\n---\nx\n")
    result = builder.build()
    assert result.site is not None
    assert builder.rendered_last == len(result.site.pages)  # every page shows the navigation
    assert b">Renamed</a>" in (tmp_path / "serve/p3/index.html").read_bytes()


def test_broken_edit_keeps_last_good_output_and_recovers(make_site: SiteFactory,
                                                         tmp_path: Path) -> None:
    site = make_site(PAGES)
    builder = IncrementalBuilder(site, tmp_path / "serve", BuildOptions(today=TODAY))
    builder.build()
    before = _hashes(tmp_path / "serve")
    (site / "content/p1.md").write_text("---\ntitle: [broken\n---\n")
    failed = builder.build()
    assert not failed.written and failed.errors
    assert _hashes(tmp_path / "serve") == before
    (site / "content/p1.md").write_text("---\ntitle: Fixed\n---\nok\n")
    assert builder.build().written
    assert b"Fixed" in (tmp_path / "serve/p1/index.html").read_bytes()


def test_deleted_page_is_removed(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({**PAGES, "content/extra.md": "---\ntitle: Extra\n---\n"})
    builder = IncrementalBuilder(site, tmp_path / "serve", BuildOptions(today=TODAY))
    builder.build()
    (site / "content/extra.md").unlink()
    assert builder.build().written
    assert not (tmp_path / "serve/extra/index.html").exists()
