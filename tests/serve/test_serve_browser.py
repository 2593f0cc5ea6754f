"""The reload script in a real browser (Debian Chromium through Playwright): a broken
save shows the overlay dialog and moves focus to it; fixing the file reloads the page."""

from __future__ import annotations

import pytest
from browser_support import AXE_JS, format_axe_violations, launch_browser, missing_browser_tools
from browser_support import run_axe as axe_violations
from conftest import SiteFactory
from test_serve import ABOUT, running

from generator.serve.livereload import OVERLAY_ID

pytestmark = pytest.mark.skipif(
    any(m.startswith("chromium") for m in missing_browser_tools()),
    reason="chromium is not installed (scripts/ensure-system-deps.sh installs it)")


def test_overlay_appears_and_page_reloads_in_a_browser(make_site: SiteFactory) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    site = make_site({"content/about.md": ABOUT.format(title="About")})
    about = site / "content" / "about.md"
    with running(site) as preview, sync_api.sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            page = browser.new_page()
            page.goto(preview.url + "about/")
            assert page.locator("h1").inner_text() == "About"

            about.write_text("---\ntitel: About\n---\n", encoding="utf-8")
            dialog = page.locator(f"#{OVERLAY_ID}[role=alertdialog]")
            dialog.wait_for(state="visible", timeout=15_000)
            assert "content/about.md" in dialog.inner_text()
            assert "did you mean 'title'?" in dialog.inner_text()
            assert page.evaluate("document.activeElement.id") == OVERLAY_ID
            if AXE_JS.is_file():
                violations = [v for v in axe_violations(page)
                              if any(OVERLAY_ID in " ".join(map(str, n.get("target", [])))
                                     for n in v.get("nodes", []))]
                assert not violations, format_axe_violations(violations)
            page.keyboard.press("Escape")
            assert dialog.count() == 0

            about.write_text(ABOUT.format(title="About us"), encoding="utf-8")
            page.locator("h1", has_text="About us").wait_for(timeout=15_000)
            assert page.locator(f"#{OVERLAY_ID}").count() == 0
        finally:
            browser.close()
