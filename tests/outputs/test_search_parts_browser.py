"""A site indexed in parts is searched as one, in Debian's headless Chromium.

The index of a large site comes in parts (``search.PAGES_PER_BUNDLE``) so that Pagefind's
memory stays flat; the search page must still find a page in any part, and a word on
every page must be found on every page.
"""

from __future__ import annotations

import pytest
from browser_support import launch_browser, missing_browser_tools, serve_directory
from conftest import SiteFactory
from public_site import missing_playwright, require_tools

from generator.build import build
from generator.outputs import search

PAGES = {f"content/page-{n}.md": f"---\ntitle: Page {n}\n---\nThe aardwolf and the "
                                  f"pangolin{n} live here.\n" for n in range(7)}


def test_the_search_page_finds_pages_in_every_part(make_site: SiteFactory,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    require_tools(lambda: missing_playwright() + missing_browser_tools(), "browser tests")
    from playwright.sync_api import sync_playwright

    monkeypatch.setattr(search, "PAGES_PER_BUNDLE", 3)
    site = make_site(PAGES)
    result = build(site, site / "_site", use_cache=False)
    assert result.written and result.site is not None
    assert (site / "_site" / "pagefind" / "part-3").is_dir()
    with serve_directory(site / "_site") as base, sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            page = browser.new_page()
            for word, expected in [("pangolin0", "/page-0/"), ("pangolin4", "/page-4/"),
                                   ("pangolin6", "/page-6/")]:  # the first part and others
                page.goto(f"{base}search/?q={word}")
                page.wait_for_selector(f'.pagefind-ui__result-link[href$="{expected}"]',
                                       timeout=15000)
            # a word on every page: every part answers, counted as one list of results
            page.goto(f"{base}search/?q=aardwolf")
            page.wait_for_function("/\\d+ results/.test(document.querySelector("
                                   "'.pagefind-ui__message')?.textContent || '')",
                                   timeout=15000)
            message = page.text_content(".pagefind-ui__message") or ""
            assert int(message.split()[0]) >= len(PAGES), message
        finally:
            browser.close()
