"""The public face of every page: metadata, JSON-LD, logo, brand contrast, 404, tables."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE_YML, SiteFactory
from htmltools import Element, parse_html

from generator.build import BuildResult
from generator.colour import contrast_ratio, darken_until_readable, relative_luminance
from generator.errors import ConfigError
from generator.load.config import load_config
from generator.render.metadata import css_string, jsonld, postal_address
from generator.serve.server import make_server

SUB_PATH_YML = MINIMAL_SITE_YML.replace("https://example.org/", "https://example.org/opcc/")
PAGES = {
    "content/index.md": "---\ntitle: Welcome\nsummary: What the office does.\n"
                        "updated: 2026-05-01\n---\nHello.\n",
    "content/about.md": "---\ntitle: About us\nsummary: Who we are.\nupdated: 2025-03-02\n"
                        "---\n## Our costs\n\n| Item | Cost |\n|---|---|\n| Rent | 10 |\n",
    "content/plain.md": "---\ntitle: Plain\n---\nNo summary here.\n",
}
BuildAt = Callable[..., BuildResult]


def _page(out: Path, rel: str) -> Element:
    return parse_html((out / rel).read_bytes())


def _meta(tree: Element, key: str) -> str | None:
    for meta in tree.find_all("meta"):
        if key in (meta.attrs.get("property"), meta.attrs.get("name")):
            return meta.attrs.get("content")
    return None


def _jsonld(tree: Element) -> list[dict[str, object]]:
    return [json.loads(s.text) for s in tree.find_all("script", type="application/ld+json")]


def test_home_page_metadata_and_government_organisation(make_site: SiteFactory,
                                                         build_site_at: BuildAt) -> None:
    site = make_site(PAGES, site_yml=SUB_PATH_YML)
    assert build_site_at(site).errors == []
    home = _page(site / "_site", "index.html")
    assert home.find("html").attrs["lang"] == "en-GB"
    assert home.find("title").text == "Office of the Police and Crime Commissioner for Testshire"
    assert _meta(home, "description") == "What the office does."
    assert home.find("link", rel="canonical").attrs["href"] == "https://example.org/opcc/"
    assert _meta(home, "og:url") == "https://example.org/opcc/"
    assert _meta(home, "og:type") == "website"
    assert _meta(home, "og:title") == "Welcome"
    assert _meta(home, "og:description") == "What the office does."
    assert _meta(home, "og:site_name") == \
        "Office of the Police and Crime Commissioner for Testshire"
    assert _meta(home, "og:locale") == "en_GB"
    assert _jsonld(home) == [{
        "@context": "https://schema.org", "@type": "GovernmentOrganization",
        "name": "Office of the Police and Crime Commissioner for Testshire",
        "alternateName": "Testshire OPCC", "url": "https://example.org/opcc/",
        "address": {"@type": "PostalAddress", "addressCountry": "GB", "postalCode": "TB1 1AA",
                    "addressLocality": "Testby", "streetAddress": "1 Test Street"},
        "telephone": "01632 960 000", "email": "opcc@testshire.example"}]


def test_other_pages_are_articles_without_organisation_json_ld(
        make_site: SiteFactory, build_site_at: BuildAt) -> None:
    site = make_site(PAGES)
    build_site_at(site)
    about = _page(site / "_site", "about/index.html")
    assert _meta(about, "og:type") == "article"
    assert _meta(about, "og:url") == "https://example.org/about/"
    assert _jsonld(about) == []
    plain = _page(site / "_site", "plain/index.html")
    fallback = "Information published by the Office of the Police and Crime Commissioner " \
               "for Testshire."
    assert _meta(plain, "description") == fallback == _meta(plain, "og:description")


def test_json_ld_cannot_close_its_script_element() -> None:
    html = str(jsonld({"name": "A </script><script>alert(1)</script> & co"}))
    assert "</script><script>" not in html and html.count("</script>") == 1
    body = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert json.loads(body) == {"name": "A </script><script>alert(1)</script> & co"}


def test_css_string_is_safe_in_a_style_element() -> None:
    assert css_string("https://example.org") == '"https://example.org"'
    assert "<" not in css_string('x"</style>') and '"' not in css_string('x"')[1:-1]


def test_postal_address_without_postcode_stays_street_text() -> None:
    assert postal_address(["Civic House", "Northby"]) == {
        "@type": "PostalAddress", "addressCountry": "GB",
        "streetAddress": "Civic House, Northby"}


def test_404_page_works_under_a_sub_path(make_site: SiteFactory, build_site_at: BuildAt) -> None:
    site = make_site(PAGES, site_yml=SUB_PATH_YML)
    build_site_at(site)
    page = _page(site / "_site", "404.html")
    assert page.find("link", rel="canonical") is None
    assert _meta(page, "robots") == "noindex"
    for element in page.iter():
        for attr in ("href", "src", "action"):
            value = element.attrs.get(attr, "")
            assert not value.startswith("/") or value.startswith("/opcc/"), value
    server = make_server(site / "_site", "/opcc/", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/opcc/no/such/page/"
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url, timeout=10)
        assert caught.value.code == 404
        assert b"Page not found" in caught.value.read()
    finally:
        server.shutdown()
        server.server_close()


def test_sitemap_has_lastmod_and_robots_points_at_it(make_site: SiteFactory,
                                                     build_site_at: BuildAt) -> None:
    site = make_site(PAGES, site_yml=SUB_PATH_YML)
    build_site_at(site)
    sitemap = (site / "_site/sitemap.xml").read_text()
    assert "<url><loc>https://example.org/opcc/about/</loc><lastmod>2025-03-02</lastmod>" \
           "</url>" in sitemap
    assert "404" not in sitemap
    assert (site / "_site/robots.txt").read_text() == \
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/opcc/sitemap.xml\n"


def test_logo_is_copied_and_shown_beside_the_name(make_site: SiteFactory,
                                                  build_site_at: BuildAt) -> None:
    yml = MINIMAL_SITE_YML.replace("  short_name: Testshire OPCC\n",
                                   "  short_name: Testshire OPCC\n  logo: images/logo.png\n")
    site = make_site({**PAGES, "content/images/logo.png": b"\x89PNG logo"}, site_yml=yml)
    assert build_site_at(site).errors == []
    assert (site / "_site/images/logo.png").read_bytes() == b"\x89PNG logo"
    home = _page(site / "_site", "index.html")
    link = home.find("a", **{"class": "site-name"})
    # the name is in the same link, so the logo is decorative: alt="" avoids reading it twice
    assert link.find("img").attrs == {"class": "site-logo", "src": "/images/logo.png", "alt": ""}
    assert "Office of the Police and Crime Commissioner for Testshire" in link.text
    assert _meta(home, "og:image") == "https://example.org/images/logo.png"
    assert _jsonld(home)[0]["logo"] == "https://example.org/images/logo.png"


def test_missing_logo_is_a_site_yml_error(make_site: SiteFactory, build_site_at: BuildAt) -> None:
    yml = MINIMAL_SITE_YML.replace("  short_name: Testshire OPCC\n",
                                   "  short_name: Testshire OPCC\n  logo: images/logo.svg\n")
    site = make_site({**PAGES, "content/images/logos.svg": b"<svg/>"}, site_yml=yml)
    assert [str(p) for p in build_site_at(site, write=False).errors] == [
        "site.yml, field \"organisation.logo\": the logo 'images/logo.svg' is not in the "
        "content folder. Hint: did you mean 'images/logos.svg'?"]


def test_logo_must_be_an_image_inside_content(tmp_path: Path) -> None:
    (tmp_path / "site.yml").write_text(MINIMAL_SITE_YML.replace(
        "  short_name: Testshire OPCC\n", "  short_name: Testshire OPCC\n  logo: ../logo.gif\n"))
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "site.yml, line 4, field \"organisation.logo\": '../logo.gif' is not a logo image "
        "inside content/ (SVG, PNG, JPEG or WebP), e.g. images/logo.svg."]


def test_wcag_contrast_arithmetic() -> None:
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    assert relative_luminance("#fff") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    darker = darken_until_readable("#ffdd00")
    assert contrast_ratio(darker, "#ffffff") >= 4.5 > contrast_ratio("#ffdd00", "#ffffff")


def test_low_contrast_brand_colour_is_a_config_error_with_a_fix(tmp_path: Path) -> None:
    (tmp_path / "site.yml").write_text(MINIMAL_SITE_YML.replace(
        "  short_name: Testshire OPCC\n",
        "  short_name: Testshire OPCC\n  brand_colour: \"#ffdd00\"\n"))
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        'site.yml, line 4, field "organisation.brand_colour": white text on the brand colour '
        "#ffdd00 has a contrast of only 1.35:1, and the law requires at least 4.5:1 "
        "(WCAG 2.2 AA). Hint: use a darker colour, such as #877500."]


def test_markdown_tables_scroll_inside_a_box_named_for_when_it_scrolls(
        make_site: SiteFactory, build_site_at: BuildAt) -> None:
    """Not a tab stop in the HTML: tables.js makes the box a focusable region named by
    the heading only when the table does not fit (tests/test_tables_browser.py)."""
    site = make_site(PAGES)
    build_site_at(site)
    about = _page(site / "_site", "about/index.html")
    region = about.find("div", **{"class": "table-wrap"})
    assert region.attrs == {"data-scroll-labelledby": "our-costs", "class": "table-wrap"}
    assert about.find("h2", id="our-costs") is not None
    assert region.find("table") is not None


def test_search_marks_only_searchable_pages(make_site: SiteFactory,
                                            build_site_at: BuildAt) -> None:
    site = make_site(PAGES)
    build_site_at(site)
    out = site / "_site"
    about = _page(out, "about/index.html").find("main")
    assert "data-pagefind-body" in about.attrs
    assert about.attrs["data-pagefind-meta"] == "title:About us"
    filters = [s.attrs["data-pagefind-filter"] for s in about.find_all("span")
               if "data-pagefind-filter" in s.attrs]
    assert filters == ["Type:Page", "Year:2025"]
    for rel in ("404.html", "search/index.html"):
        main = _page(out, rel).find("main")
        assert "data-pagefind-body" not in main.attrs
        assert not [e for e in main.iter() if "data-pagefind-filter" in e.attrs]
    updated = _page(out, "about/index.html").find("p", **{"class": "updated"})
    assert "data-pagefind-ignore" in updated.attrs


def test_search_page_says_how_to_browse_without_javascript(
        make_site: SiteFactory, build_site_at: BuildAt) -> None:
    site = make_site({**PAGES, "content/publication-scheme.md":
                      "---\ntitle: Publication scheme\n---\nEverything.\n"})
    build_site_at(site)
    search = _page(site / "_site", "search/index.html")
    fallback = search.find("div", id="search-fallback")
    assert "Search needs JavaScript" in fallback.text
    links = [a.attrs["href"] for a in fallback.find_all("a")]
    assert links[0] == "/publication-scheme/" and links[-1] == "/sitemap.xml"
    scripts = [s.attrs["src"] for s in search.find_all("script") if "src" in s.attrs]
    assert scripts[-2:] == ["/pagefind/pagefind-ui.js", "/assets/search.js"]
    assert search.find("p", id="search-status").attrs["role"] == "status"
    # every other page has a search box that sends its words to the search page
    form = _page(site / "_site", "about/index.html").find("form", role="search")
    assert form.attrs["action"] == "/search/" and form.find("input").attrs["name"] == "q"
    assert search.find("form", **{"class": "site-search"}) is None


def test_a_page_template_can_add_its_own_json_ld(make_site: SiteFactory,
                                                 build_site_at: BuildAt) -> None:
    """How the meetings pages add a schema.org Event: override the structured_data block."""
    site = make_site({**PAGES, "templates/layouts/page.html":
                      '{% extends "base.html" %}{% block structured_data %}'
                      '{{ {"@context": "https://schema.org", "@type": "Event", '
                      '"name": page.title, "startDate": "2026-12-09T10:00"} | jsonld }}'
                      "{% endblock %}"})
    build_site_at(site)
    about = _page(site / "_site", "about/index.html")
    assert _jsonld(about) == [{"@context": "https://schema.org", "@type": "Event",
                               "name": "About us", "startDate": "2026-12-09T10:00"}]
    assert _jsonld(_page(site / "_site", "index.html"))[0]["@type"] == "GovernmentOrganization"
