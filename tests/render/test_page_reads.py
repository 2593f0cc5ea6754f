"""What a page reads of other pages while it renders, and which reads an edit changes."""

from __future__ import annotations

from conftest import TODAY, SiteFactory

from generator.build import build
from generator.render.page_reads import changed_reads
from generator.render.renderer import Renderer
from generator.site import CHILDREN_OF, KNOWN_LINKS, LINK_TO, Site

PAGES = {
    "content/guides/index.md": "---\ntitle: Guides\n---\nOur guides.\n",
    "content/guides/first.md": "---\ntitle: First guide\nsummary: How to.\n---\n"
                               "See [contact](../contact.md) and [the plan](../plan.pdf).\n",
    "content/contact.md": "---\ntitle: Contact\n---\nWrite to us.\n",
    "content/plan.pdf": b"%PDF-1.4\n",
}


def _site(make_site: SiteFactory, changes: dict[str, str | bytes]) -> Site:
    site_dir = make_site({**PAGES, **changes})
    result = build(site_dir, today=TODAY, write=False, search=False, use_cache=False)
    assert result.site is not None and not result.errors, result.errors
    return result.site


def test_a_page_notes_its_ancestors_children_and_links(make_site: SiteFactory) -> None:
    site = _site(make_site, {})
    renderer = Renderer(site, make_site({}))
    first, index = site.page_at("/guides/first/"), site.page_at("/guides/")
    assert first is not None and index is not None
    reads = renderer.render_noted(first).reads
    assert {"/", "/guides/", LINK_TO + "contact.md", LINK_TO + "plan.pdf"} <= reads
    assert CHILDREN_OF + "/guides/" in renderer.render_noted(index).reads
    assert KNOWN_LINKS not in reads  # every link resolves: no hint names other files
    assert site.reads is None  # noted only while a page renders


def test_a_new_title_changes_the_page_and_its_parents_list(make_site: SiteFactory) -> None:
    old = _site(make_site, {})
    new = _site(make_site, {"content/guides/first.md": PAGES["content/guides/first.md"]
                            .replace("First guide", "The first guide")})
    assert changed_reads(old, new) == {"/guides/first/", CHILDREN_OF + "/guides/"}
    assert changed_reads(old, _site(make_site, {})) == set()


def test_a_new_page_and_a_new_file_change_the_links_to_them(make_site: SiteFactory) -> None:
    old = _site(make_site, {})
    new = _site(make_site, {"content/guides/second.md": "---\ntitle: Second\n---\nText.\n",
                            "content/report.pdf": b"%PDF-1.4\n"})
    assert changed_reads(old, new) == {
        "/guides/second/", CHILDREN_OF + "/guides/", LINK_TO + "guides/second.md",
        LINK_TO + "report.pdf", KNOWN_LINKS}


def test_a_page_made_a_draft_changes_where_links_to_it_go(make_site: SiteFactory) -> None:
    old = _site(make_site, {})
    new = _site(make_site, {"content/guides/index.md": "---\ntitle: Guides\ndraft: true\n---\n"
                                                       "Our guides.\n"})
    assert changed_reads(old, new) == {"/guides/", CHILDREN_OF + "/",
                                       LINK_TO + "guides/index.md"}
