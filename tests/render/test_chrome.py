"""The shared navigation and footer (generator/render/chrome.py): right on every page, in the
page's language, overridable by a site, and rendered once per variant, not once per page."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_SITE_YML, SiteFactory
from htmltools import Element, parse_html

from generator.build import BuildResult
from generator.errors import TemplateError
from generator.render import renderer as render
from generator.render.renderer import Renderer, render_pages

PAGES = {
    "content/about.md": "---\ntitle: About us\nnav_order: 1\n---\nText.\n",
    "content/plan/index.md": "---\ntitle: The plan\nnav_order: 2\n---\nText.\n",
    "content/plan/detail.md": "---\ntitle: Detail\n---\nText.\n",
    "content/plan/aims.md": "---\ntitle: Aims\n---\nText.\n",
    "content/plan/money.md": "---\ntitle: Money\n---\nText.\n",
    "content/about.cy.md": "---\ntitle: Amdanom ni\n---\nTestun.\n",
}


@pytest.fixture
def make_site(make_site: SiteFactory) -> SiteFactory:
    """These pages make the menu themselves (nav_order): their site.yml has none."""
    return functools.partial(make_site, site_yml=BASE_SITE_YML)


def _nav_links(tree: Element) -> dict[str, str | None]:
    """Main navigation link text -> its aria-current (None when absent)."""
    nav = tree.find("nav", **{"class": "site-nav"})
    assert nav is not None
    return {a.text: a.attrs.get("aria-current") for a in nav.find_all("a")}


def _page(site: Path, path: str) -> Element:
    return parse_html((site / "_site" / path / "index.html").read_bytes())


def _spy(renderer: Renderer, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Record every fragment render of ``renderer``'s chrome as (template, lang)."""
    calls: list[tuple[str, str]] = []
    original = renderer.chrome.render_fragment

    def spy(template: str, lang: str, **context: Any) -> Any:
        calls.append((template, lang))
        return original(template, lang, **context)

    monkeypatch.setattr(renderer.chrome, "render_fragment", spy)
    return calls


def test_nav_marks_the_section_on_nested_pages_and_the_page_on_its_own(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site(PAGES)
    assert build_site_at(site).errors == []
    assert _nav_links(_page(site, "plan/detail")) == {"About us": None, "The plan": "true"}
    assert _nav_links(_page(site, "plan")) == {"About us": None, "The plan": "page"}
    assert _nav_links(_page(site, "about")) == {"About us": "page", "The plan": None}
    assert _nav_links(_page(site, "")) == {"About us": None, "The plan": None}


def test_home_link_is_current_only_at_home_and_external_links_never(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site_yml = BASE_SITE_YML + (
        "navigation:\n"
        "  - {title: Home, link: index.md}\n"
        "  - {title: Plan, link: plan/index.md}\n"
        "  - {title: Police UK, link: 'https://example.org/plan/'}\n")
    site = make_site(PAGES, site_yml=site_yml)
    assert build_site_at(site).errors == []
    assert _nav_links(_page(site, "")) == {"Home": "page", "Plan": None, "Police UK": None}
    assert _nav_links(_page(site, "plan/aims")) == {"Home": None, "Plan": "true",
                                                    "Police UK": None}


def test_welsh_page_gets_welsh_footer_and_english_page_english(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site(PAGES)
    assert build_site_at(site).errors == []
    welsh = _page(site, "cy/about")
    footer = welsh.find("footer", **{"class": "site-footer"})
    assert footer is not None
    assert footer.find("h2").text == "Cysylltu â ni"  # type: ignore[union-attr]
    address = footer.find("address").text  # type: ignore[union-attr]
    assert "Ffôn:" in address and "E-bost:" in address and "Phone" not in address
    assert welsh.find("nav", **{"class": "site-nav"}).attrs["aria-label"] == "Prif lywio"  # type: ignore[union-attr]
    english = _page(site, "about").find("footer", **{"class": "site-footer"})
    assert english.find("h2").text == "Contact us"  # type: ignore[union-attr]
    assert "Phone:" in english.find("address").text  # type: ignore[union-attr]


def test_each_variant_is_rendered_once_and_reused(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult],
        monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(PAGES)
    result = build_site_at(site, write=False)
    renderer = Renderer(result.site, site)
    calls = _spy(renderer, monkeypatch)
    outputs = [renderer.render_page(page) for page in result.site.pages]

    # The variants, read from the real HTML: (language, aria-current of each nav link).
    trees = [parse_html(o.content) for o in outputs]
    langs = {tree.find("html").attrs["lang"] for tree in trees}  # type: ignore[union-attr]
    variants = {(tree.find("html").attrs["lang"],  # type: ignore[union-attr]
                 tuple(_nav_links(tree).values())) for tree in trees}
    assert langs == {"en-GB", "cy-GB"}
    assert len(variants) == 5 < len(outputs)  # /, /about/, /plan/, below /plan/, Welsh
    assert sorted(calls) == sorted(
        [("components/site-footer.html", lang) for lang in langs]
        + [("components/site-nav.html", lang) for lang, _ in variants])
    # Reused HTML is what the build wrote.
    assert [o.content for o in outputs] == [o.content for o in result.outputs[:len(outputs)]]

    calls.clear()
    for page in result.site.pages:
        renderer.render_page(page)
    assert calls == []

    renderer.reset(result.site)  # an incremental rebuild starts from an empty cache
    renderer.render_page(result.site.pages[0])
    assert len(calls) == 2


def test_a_site_overrides_the_fragments_and_reset_picks_up_edits(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    footer = "templates/components/site-footer.html"
    site = make_site({**PAGES, footer: '<footer id="own">{{ t("contact_us") }}</footer>\n',
                      "templates/components/site-nav.html":
                      '{% for item, current in navigation %}<a class="own" data-current='
                      '"{{ current }}">{{ item.title }}</a>{% endfor %}\n'})
    result = build_site_at(site)
    assert result.errors == []
    detail = _page(site, "plan/detail")
    assert [(a.text, a.attrs["data-current"]) for a in detail.find_all("a", class_="own")] \
        == [("About us", "None"), ("The plan", "true")]
    assert _page(site, "cy/about").find("footer", id="own").text == "Cysylltu â ni"  # type: ignore[union-attr]

    renderer = Renderer(result.site, site)
    page = next(p for p in result.site.pages if p.path == "/about/")
    assert b'<footer id="own">Contact us</footer>' in renderer.render_page(page).content
    edited = site / footer
    edited.write_text('<footer id="own">Edited</footer>\n', encoding="utf-8")
    later = edited.stat().st_mtime + 10
    os.utime(edited, (later, later))
    renderer.reset(result.site)
    assert b'<footer id="own">Edited</footer>' in renderer.render_page(page).content


def test_a_layout_can_replace_the_chrome_blocks(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({**PAGES, "templates/layouts/page.html":
                      '{% extends "base.html" %}{% block site_nav %}{% endblock %}'
                      '{% block site_footer %}<footer id="plain"></footer>{% endblock %}'})
    assert build_site_at(site).errors == []
    about = _page(site, "about")
    assert about.find("nav", **{"class": "site-nav"}) is None
    assert about.find("footer", id="plain") is not None
    assert about.find("footer", **{"class": "site-footer"}) is None


def test_a_fragment_cannot_use_the_page_and_says_where(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site({**PAGES, "templates/components/site-footer.html":
                      "<footer>\n{{ page.title }}\n</footer>\n"})
    with pytest.raises(TemplateError) as caught:
        build_site_at(site)
    message = str(caught.value)
    assert "components/site-footer.html, line 2" in message and "'page'" in message


def test_forked_workers_render_the_same_chrome(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult],
        monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site(PAGES)
    result = build_site_at(site, write=False)
    serial = render_pages(result.site, site, workers=1).outputs
    monkeypatch.setattr(render, "_PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(render, "_CHUNK", 2)
    parallel = render_pages(result.site, site, workers=2).outputs
    assert [(o.path, o.content) for o in parallel] == [(o.path, o.content) for o in serial]


def test_only_the_most_specific_menu_item_is_current() -> None:
    from generator.render.chrome import current_items
    from generator.site import NavItem

    items = [NavItem("Registers", "/registers/"), NavItem("Spending", "/registers/spending/"),
             NavItem("Home", "/")]
    marks = [c for _, c in current_items("/registers/spending/2026-10/", items)]
    assert marks == [None, "true", None]
    assert [c for _, c in current_items("/registers/contracts/", items)] == ["true", None, None]
