"""Click depth over rendered HTML, and statutory items deeper than three clicks."""

from __future__ import annotations

from datetime import date

from conftest import SiteFactory
from duty_helpers import catalogue, duty, page, settings

from generator.build import build
from generator.duties.evaluate import evaluate
from generator.duties.findability import click_depths, findability_problems, link_target
from generator.errors import Severity


def _html(*hrefs: str) -> str:
    return "<html><body>" + "".join(f'<a href="{h}">x</a>' for h in hrefs) + "</body></html>"


GRAPH = {
    "index.html": _html("/a/", "/b/", "https://elsewhere.example/", "mailto:x@y", "#top"),
    "a/index.html": _html("/", "c/", "/data.csv"),          # relative link to /a/c/
    "b/index.html": _html("/a/c/"),                          # second route to /a/c/
    "a/c/index.html": _html("../../d/"),                     # relative, up two levels
    "d/index.html": _html("/e"),                             # no trailing slash
    "e/index.html": _html("/f/#section"),
    "f/index.html": _html(),
    "orphan/index.html": _html("/"),
}


def test_click_depths_on_a_known_graph() -> None:
    assert click_depths(GRAPH) == {
        "index.html": 0, "a/index.html": 1, "b/index.html": 1, "a/c/index.html": 2,
        "data.csv": 2, "d/index.html": 3, "e/index.html": 4, "f/index.html": 5,
    }


def test_click_depths_under_a_base_path() -> None:
    pages = {"index.html": _html("/opcc/a/", "/a/"), "a/index.html": _html("/opcc/b/"),
             "b/index.html": _html()}
    assert click_depths(pages, "/opcc/") == {"index.html": 0, "a/index.html": 1,
                                             "b/index.html": 2}
    assert link_target("/opcc", "a/index.html", "/opcc/") == "index.html"
    assert link_target("/other/", "index.html", "/opcc/") is None


def test_no_home_page_means_nothing_is_reachable() -> None:
    assert click_depths({"a/index.html": _html("/")}) == {}


def test_statutory_items_deeper_than_three_clicks_fail() -> None:
    cat = catalogue(duty("deep"), duty("soft", confidence="medium"),
                    duty("guide", basis="guidance"), duty("na"), duty("shallow"))
    pages = [page("/e/", "deep", "soft", "guide", "na"), page("/f/", "soft"),
             page("/orphan/", "deep"), page("/d/", "shallow")]
    results = evaluate(cat, pages, date(2026, 11, 23), settings({"na": "does not apply"}))
    problems = findability_problems(results, click_depths(GRAPH))
    assert [(p.path, p.severity, p.message) for p in problems] == [
        ("generated page /e/", Severity.ERROR,
         "this page satisfies statutory duties (deep, soft) but is 4 clicks from the home "
         "page; the limit is 3"),
        ("generated page /f/", Severity.WARNING,
         "this page satisfies statutory duties (soft) but is 5 clicks from the home page; "
         "the limit is 3"),
        ("generated page /orphan/", Severity.ERROR,
         "this page satisfies statutory duties (deep) but cannot be reached from the home "
         "page by following links"),
    ]


CHAIN = {
    "content/one.md": "---\ntitle: One\nnav_order: 1\n---\n[two](two.md)\n",
    "content/two.md": "---\ntitle: Two\n---\n[three](three.md)\n",
    "content/three.md": "---\ntitle: Three\n---\n[four](four.md)\n",
    "content/four.md": "---\ntitle: Four\nduties: [sio-1b-office-holder-address]\n---\n",
}


def test_the_publication_scheme_in_the_footer_keeps_every_page_within_two_clicks(
        make_site: SiteFactory) -> None:
    result = build(make_site(CHAIN), write=False, today=date(2026, 11, 23))
    assert result.duties is not None
    depths = result.duties.depths
    assert depths["one/index.html"] == 1                 # main navigation
    assert depths["publication-scheme/index.html"] == 1  # added to every page's footer
    # through the publication scheme (or 1: the home page lists recently updated pages)
    assert depths["four/index.html"] <= 2
    assert result.duties.findability == []


def test_click_depth_is_measured_on_the_rendered_site(make_site: SiteFactory) -> None:
    """A theme without the footer: the chain's fourth page is four clicks away."""
    bare = ("<!DOCTYPE html><html lang=\"en\"><head><title>{{ page.title }}</title></head>"
            "<body><main>{% block main %}{% block content %}{{ content }}{% endblock %}"
            "{% endblock %}</main></body></html>")
    home = "---\ntitle: Home\n---\n[one](one.md)\n"
    site = make_site({**CHAIN, "content/index.md": home, "templates/base.html": bare})
    result = build(site, write=False, today=date(2026, 11, 23))
    assert result.duties is not None
    assert result.duties.depths["four/index.html"] == 4
    assert [str(p) for p in result.duties.findability] == [
        "content/four.md: this page satisfies statutory duties (sio-1b-office-holder-address) "
        "but is 4 clicks from the home page; the limit is 3. Hint: link it from the main "
        "navigation, a section's landing page or the home page (every page is listed in the "
        "publication scheme, which the footer links to).",
        "generated page /publication-scheme/: this page satisfies statutory duties "
        "(foia-s19-publication-scheme) but cannot be reached from the home page by following "
        "links. Hint: link it from the main navigation, a section's landing page or the home "
        "page (every page is listed in the publication scheme, which the footer links to).",
    ]
    assert all(p.is_error for p in result.duties.findability)
