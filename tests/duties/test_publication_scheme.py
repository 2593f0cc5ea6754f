"""The publication scheme page: every published page and dataset exactly once, by class."""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable
from datetime import date

import pytest
from conftest import SiteFactory
from htmltools import Element, parse_html

from generator.build import BuildResult
from generator.datasets import Column, Dataset, dataset_files
from generator.sections import SECTIONS
from generator.site import PageSpec, SectionResult, SiteInput

FILES = {
    "content/about.md": "---\ntitle: About us\nclass: who-we-are\nupdated: 2026-05-01\n"
                        "duties: [sio-1a-office-holder-names, ico-role-and-responsibilities]\n"
                        "---\n",
    "content/budget.md": "---\ntitle: Budget\nclass: what-we-spend\nupdated: 2026-02-20\n"
                         "duties: [sio-3a-total-budget]\n---\n",
    "content/plan/index.md": "---\ntitle: The plan\nclass: priorities-and-performance\n---\n",
    "content/plan/progress.md": "---\ntitle: Progress\n---\n",   # inherits the plan's class
    "content/notes.md": "---\ntitle: Loose notes\n---\n",         # no class anywhere
    "content/secret.md": "---\ntitle: Secret draft\ndraft: true\nclass: who-we-are\n---\n",
    "content/later.md": "---\ntitle: Embargoed\npublish_from: 2027-01-01\n---\n",
}


def _spending_section(site_input: SiteInput) -> SectionResult:
    """Stands in for the registers section: a page claiming a duty, plus its dataset."""
    dataset = Dataset(path="registers/spending/2026-10", title="Spending October 2026",
                      description="Spend over £500.", columns=[Column("amount", "Amount", "money")],
                      rows=[{"amount": 501}], updated=date(2026, 11, 10))
    page = PageSpec(path="/registers/spending/", template="layouts/page.html",
                    title="Spending over £500", updated=date(2026, 11, 10),
                    publication_class="what-we-spend", duties=("sio-3g-spend-over-500",),
                    kind="register")
    return SectionResult(pages=[page], files=dataset_files(dataset))


@pytest.fixture
def scheme(make_site: SiteFactory, build_site_at: Callable[..., BuildResult],
           monkeypatch: pytest.MonkeyPatch) -> tuple[BuildResult, Element]:
    build_module = importlib.import_module("generator.build")  # the package exports build()
    monkeypatch.setattr(build_module, "SECTIONS", [*SECTIONS, _spending_section])
    site = make_site(FILES)
    result = build_site_at(site)
    assert result.errors == [] and result.written
    return result, parse_html((site / "_site/publication-scheme/index.html").read_bytes())


def _cell(cell: Element) -> str:
    """A cell's words; a dataset's title cell as "Title (CSV · JSON)"."""
    links = [a.text for a in cell.find_all("a")]
    if len(links) > 1:
        return f"{cell.text_parts[0].rstrip(' (')} ({' · '.join(links)})"
    return cell.text


def _rows(tree: Element) -> dict[str, list[list[str]]]:
    groups = {}
    for section in tree.find_all("section"):
        heading = section.find("h2")
        assert heading is not None
        groups[heading.text] = [[_cell(cell) for cell in row.children if cell.tag in ("th", "td")]
                                for row in section.find_all("tr")[1:]]
    return groups


def test_every_published_item_is_listed_exactly_once_and_no_draft(
        scheme: tuple[BuildResult, Element]) -> None:
    result, tree = scheme
    main = tree.find("main")
    assert main is not None
    links = Counter(a.attrs["href"] for s in main.find_all("section")
                    for a in s.find_all("a"))
    assert result.site is not None
    expected = {p.path for p in result.site.pages if p.in_sitemap} - {"/publication-scheme/"}
    listed_pages = {h for h in links if h.endswith("/")}
    assert listed_pages == expected
    assert all(count == 1 for count in links.values()), links
    assert {"/registers/spending/2026-10.csv", "/registers/spending/2026-10.json"} <= set(links)
    text = main.text
    assert "Secret draft" not in text and "Embargoed" not in text
    assert "/secret/" not in links and "/later/" not in links


def test_items_are_grouped_by_class_with_the_legal_basis(
        scheme: tuple[BuildResult, Element]) -> None:
    _, tree = scheme
    groups = _rows(tree)
    assert list(groups) == [
        "Who we are and what we do", "What we spend and how we spend it",
        "What our priorities are and how we are doing", "How we make decisions",
        "Our policies and procedures", "Lists and registers", "The services we offer",
        "Other information"]
    assert groups["Who we are and what we do"] == [
        ["About us", "Page", "1 May 2026", "SI 2011/3050 Sch. para 1(a)"]]
    assert groups["What we spend and how we spend it"] == [
        ["Budget", "Page", "20 Feb 2026", "SI 2011/3050 Sch. para 3(a)"],
        ["Spending October 2026 (CSV · JSON)", "Dataset", "10 Nov 2026",
         "SI 2011/3050 Sch. para 3(g) (as substituted by SI 2012/2479 and amended by "
         "SI 2013/1816)"],
        ["Spending over £500", "Register", "10 Nov 2026",
         "SI 2011/3050 Sch. para 3(g) (as substituted by SI 2012/2479 and amended by "
         "SI 2013/1816)"]]
    assert [row[0] for row in groups["What our priorities are and how we are doing"]] == \
        ["Progress", "The plan"]                         # progress inherits the plan's class
    assert [row[0] for row in groups["Other information"]] == ["Home", "Loose notes"]
    assert [row[0] for row in groups["The services we offer"]] == []  # itself not listed
    empty = next(s for s in tree.find_all("section")
                 if s.find("h2").text == "How we make decisions")  # type: ignore[union-attr]
    assert "We publish nothing in this class at the moment." in empty.text


def test_scheme_is_in_the_footer_and_satisfies_the_foi_duty(
        scheme: tuple[BuildResult, Element]) -> None:
    result, tree = scheme
    footer = tree.find("footer")
    assert footer is not None and footer.find("a", href="/publication-scheme/") is not None
    assert result.duties is not None
    foi = next(r for r in result.duties.results if r.duty.id == "foia-s19-publication-scheme")
    assert foi.status == "met"
    assert [e.url for e in foi.evidence] == ["/publication-scheme/"]
    assert result.site is not None
    newest = max(p.updated for p in result.site.pages
                 if p.updated and p.in_sitemap and p.path != "/publication-scheme/")
    assert foi.evidence[0].updated == newest  # the scheme is as new as its newest item
    h1 = tree.find("h1")
    assert h1 is not None and h1.text == "Publication scheme"
    assert "free to read and download" in tree.text and "opcc@testshire.example" in tree.text


def test_editor_introduction_and_footer_link_are_not_duplicated(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    from conftest import MINIMAL_SITE_YML

    yml = MINIMAL_SITE_YML + "footer_links:\n  - {title: Our scheme, link: publication-scheme.md}\n"
    intro = ("---\ntitle: Our publication scheme\nsummary: What we publish.\n---\n"
             "Paper copies cost 10p a page.\n")
    site = make_site({"content/publication-scheme.md": intro}, site_yml=yml)
    result = build_site_at(site)
    assert result.errors == []
    tree = parse_html((site / "_site/publication-scheme/index.html").read_bytes())
    assert tree.find("h1").text == "Our publication scheme"  # type: ignore[union-attr]
    assert "Paper copies cost 10p a page." in tree.text
    footer_links = [a.text for a in tree.find("footer").find_all("a")  # type: ignore[union-attr]
                    if a.attrs.get("href") == "/publication-scheme/"]
    assert footer_links == ["Our scheme"]
