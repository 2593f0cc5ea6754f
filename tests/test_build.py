"""End-to-end builds of small sites: output shape, base path, atomicity, determinism."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE_SITE_YML, MINIMAL_SITE_YML, SiteFactory
from htmltools import parse_html

from generator.build import BuildResult
from generator.errors import TemplateError

PAGES = {
    "content/about.md": "---\ntitle: About us\nsummary: Who we are.\nupdated: 2026-05-01\n"
                        "nav_order: 1\n---\nRead [the plan](plan/index.md#aims).\n",
    "content/plan/index.md": "---\ntitle: The plan\nnav_order: 2\n---\n## Aims\n\nText.\n",
    "content/plan/detail.md": "---\ntitle: Detail\n---\nBack to [about](../about.md).\n",
}


def _tree_hash(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_pretty_urls_titles_breadcrumbs_and_updated(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site(PAGES, site_yml=BASE_SITE_YML)  # the menu from the pages' nav_order
    result = build_site_at(site)
    assert result.errors == [] and result.written
    out = site / "_site"
    assert (out / "about" / "index.html").is_file()
    assert (out / "plan" / "detail" / "index.html").is_file()
    about = parse_html((out / "about" / "index.html").read_bytes())
    assert about.find("title").text == "About us – Testshire OPCC"
    assert about.find("h1").text == "About us"
    assert about.find("a", href="/plan/#aims") is not None
    assert about.find("time").attrs["datetime"] == "2026-05-01"
    assert about.find("html").attrs["lang"] == "en-GB"
    assert about.find("a", **{"class": "skip-link"}).attrs["href"] == "#main"
    detail = parse_html((out / "plan" / "detail" / "index.html").read_bytes())
    crumbs = [a.attrs["href"] for a in detail.find("nav", **{"aria-label": "Breadcrumb"})
              .find_all("a")]
    assert crumbs == ["/", "/plan/"]
    plan = parse_html((out / "plan" / "index.html").read_bytes())
    assert plan.find("a", href="/plan/detail/") is not None  # section lists its children
    nav = [a.text for a in parse_html((out / "index.html").read_bytes())
           .find("nav", **{"aria-label": "Main navigation"}).find_all("a")]
    assert nav == ["About us", "The plan"]
    assert (out / "404.html").is_file() and (out / "sitemap.xml").is_file()
    assert b"Sitemap: https://example.org/sitemap.xml" in (out / "robots.txt").read_bytes()


def test_sub_path_base_url_prefixes_every_internal_link(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    yml = MINIMAL_SITE_YML.replace("https://example.org/", "https://example.org/opcc/")
    site = make_site(PAGES, site_yml=yml)
    build_site_at(site)
    for page in (site / "_site").rglob("*.html"):
        tree = parse_html(page.read_bytes())
        for element in tree.iter():
            for attr in ("href", "src"):
                value = element.attrs.get(attr, "")
                if value.startswith("/"):
                    assert value.startswith("/opcc/"), (page, value)
    canonical = parse_html((site / "_site/about/index.html").read_bytes()).find(
        "link", rel="canonical")
    assert canonical.attrs["href"] == "https://example.org/opcc/about/"
    sitemap = (site / "_site/sitemap.xml").read_bytes()
    assert b"<loc>https://example.org/opcc/about/</loc>" in sitemap


def test_failed_build_leaves_previous_site_untouched(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site(PAGES)
    assert build_site_at(site).written
    before = _tree_hash(site / "_site")
    (site / "content/broken.md").write_text("---\ntitle: [oops\n---\n")
    result = build_site_at(site)
    assert not result.written and result.errors
    assert _tree_hash(site / "_site") == before
    assert sorted(p.name for p in site.iterdir() if p.name != ".cache") == [
        "_site", "content", "site.yml"]


def test_two_builds_are_byte_identical(make_site: SiteFactory,
                                       build_site_at: Callable[..., BuildResult],
                                       tmp_path: Path) -> None:
    site = make_site(PAGES)
    build_site_at(site, out_dir=tmp_path / "one")
    build_site_at(site, out_dir=tmp_path / "two")
    assert _tree_hash(tmp_path / "one") == _tree_hash(tmp_path / "two")


def test_site_templates_override_the_default_theme(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({**PAGES, "templates/layouts/page.html":
                      '{% extends "base.html" %}{% block content %}<p id="custom">Custom: '
                      "{{ page.title }}</p>{% endblock %}"})
    build_site_at(site)
    tree = parse_html((site / "_site/about/index.html").read_bytes())
    assert tree.find("p", id="custom").text == "Custom: About us"


def test_template_error_names_template_line_and_page(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({**PAGES, "templates/layouts/page.html":
                      '{% extends "base.html" %}\n{% block content %}\n{{ page.nonsense }}\n'
                      "{% endblock %}"})
    with pytest.raises(TemplateError) as caught:
        build_site_at(site)
    message = str(caught.value)
    assert "layouts/page.html, line 3" in message and "nonsense" in message
    assert "/about/" in message or "/plan/" in message
    assert not (site / "_site").exists()


def test_strict_fails_on_warnings_only_when_asked(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    from generator.errors import Severity

    site = make_site(PAGES)
    result = build_site_at(site, write=False)
    assert all(p.severity is not Severity.ERROR for p in result.problems)


def test_duplicate_urls_name_both_files(make_site: SiteFactory,
                                        build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/a.md": "---\ntitle: A\n---\n",
                      "content/a/index.md": "---\ntitle: A again\n---\n"})
    problems = [str(p) for p in build_site_at(site, write=False).problems]
    assert problems == ["content/a.md: this would be published at the same address as "
                        "content/a/index.md (a/index.html). Hint: rename one of the two files."]


def test_linked_assets_are_copied_and_unlinked_ones_are_not(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/about.md": "---\ntitle: A\n---\n[report](files/report.pdf)\n",
                      "content/files/report.pdf": b"%PDF-1.4 linked",
                      "content/files/private.pdf": b"%PDF-1.4 unlinked"})
    build_site_at(site)
    assert (site / "_site/files/report.pdf").read_bytes() == b"%PDF-1.4 linked"
    assert not (site / "_site/files/private.pdf").exists()


def test_welsh_edition_gets_its_own_url_lang_and_words(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({**PAGES, "content/about.cy.md":
                      "---\ntitle: Amdanom ni\nupdated: 2026-05-01\n---\nTestun.\n"})
    result = build_site_at(site)
    assert result.errors == []
    welsh = parse_html((site / "_site/cy/about/index.html").read_bytes())
    assert welsh.find("html").attrs["lang"] == "cy-GB"
    assert welsh.find("a", **{"class": "skip-link"}).text == "Neidio i'r prif gynnwys"
    assert "Diweddarwyd ddiwethaf" in welsh.find("p", **{"class": "updated"}).text
    english = parse_html((site / "_site/about/index.html").read_bytes())
    assert english.find("a", **{"class": "skip-link"}).text == "Skip to main content"


def test_cached_and_parallel_builds_equal_a_clean_serial_build(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult],
        tmp_path: Path) -> None:
    many = {f"content/p{i:03d}.md": f"---\ntitle: P{i}\n---\nText [next](p{(i + 1) % 320:03d}.md)\n"
            for i in range(320)}
    site = make_site({**PAGES, **many})
    build_site_at(site, out_dir=tmp_path / "serial", use_cache=False, workers=1)
    build_site_at(site, out_dir=tmp_path / "parallel", use_cache=True, workers=2)
    build_site_at(site, out_dir=tmp_path / "cached", use_cache=True, workers=2)
    serial = _tree_hash(tmp_path / "serial")
    assert serial == _tree_hash(tmp_path / "parallel") == _tree_hash(tmp_path / "cached")


def test_cache_is_not_reused_when_a_link_target_moves(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site(PAGES)
    assert build_site_at(site).errors == []
    (site / "content/plan/index.md").rename(site / "content/plan/overview.md")
    problems = [str(p) for p in build_site_at(site).problems]
    assert any("content/about.md" in p and "plan/index.md" in p for p in problems)


def test_unchanged_inputs_skip_the_build_and_any_change_rebuilds(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site(PAGES)
    first = build_site_at(site)
    assert first.written and not first.unchanged
    again = build_site_at(site)
    assert again.unchanged and again.pages == first.pages
    (site / "content/about.md").write_text("---\ntitle: About us, edited\n---\nNew.\n")
    edited = build_site_at(site)
    assert not edited.unchanged
    assert b"About us, edited" in (site / "_site/about/index.html").read_bytes()
    (site / "_site/about/index.html").unlink()
    assert not build_site_at(site).unchanged
    assert (site / "_site/about/index.html").is_file()


def test_a_site_without_a_menu_is_warned_with_the_site_yml_shape(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({"content/about.md": "---\ntitle: About us\n---\nText.\n"},
                     site_yml=BASE_SITE_YML)
    result = build_site_at(site, write=False)
    assert result.errors == []
    assert [str(p) for p in result.problems] == [
        'site.yml, field "navigation": there is no `navigation`, so the site has no main '
        "menu. Hint: add the menu to site.yml: a line `navigation:`, then one line per item "
        "indented below it, e.g. `  - {title: About us, link: about.md}` and "
        "`  - {title: Contact, link: contact.md}`."]
    assert not result.problems[0].is_error
    # a menu from site.yml, or from the pages' nav_order, is a menu
    assert build_site_at(make_site({}), write=False).problems == []
    ordered = make_site({"content/about.md": "---\ntitle: About us\nnav_order: 1\n---\nText.\n"},
                        site_yml=BASE_SITE_YML)
    assert build_site_at(ordered, write=False).problems == []
