"""Progressive enhancement on register pages, in a real browser: filter and sort."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import chromium_path, launch_browser, serve_directory

from generator.build import BuildResult

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(chromium_path() is None, reason="chromium is not installed")

EXPENSES = """\
date,person,category,description,amount
2026-01-04,Rebecca Ashworth,Mileage,Trip to Kellingford,17.10
2026-01-05,Rebecca Ashworth,Rail travel,Northby to London,142.60
2026-01-06,Daniel Mensah,Mileage,Trip to Brackwater,23.40
"""
# A filter box is offered only on a table longer than 20 rows.
FILLER = "".join(f"2025-12-{day:02d},Daniel Mensah,Subsistence,Lunch,{day}.00\n"
                 for day in range(1, 21))


@contextlib.contextmanager
def _expenses_page(site: Path, build_site_at: Callable[..., BuildResult],
                   tmp_path: Path) -> Iterator[Any]:
    """The site's expenses register page, built and open in Chromium."""
    result = build_site_at(site, out_dir=tmp_path / "out")
    assert result.written, [str(p) for p in result.problems]
    with serve_directory(tmp_path / "out") as base, sync_api.sync_playwright() as playwright:
        browser = launch_browser(playwright)
        try:
            page = browser.new_page()
            page.goto(base + "registers/expenses/")
            yield page
        finally:
            browser.close()


def test_filter_box_hides_rows_and_announces_the_count(
        make_site: Callable[..., Path], build_site_at: Callable[..., BuildResult],
        tmp_path: Path) -> None:
    site = make_site({"content/registers/expenses.csv": EXPENSES + FILLER,
                      "content/registers/expenses.md": "---\ntitle: Expenses\n---\nFictional.\n"})
    with _expenses_page(site, build_site_at, tmp_path) as page:
        rows = page.locator("#entries ~ .table-filter table[data-sortable] tbody tr")
        assert rows.count() == 23
        page.get_by_label("Filter the rows on this page").fill("mileage")
        assert page.locator("table[data-sortable] tbody tr:visible").count() == 2
        assert page.get_by_role("status").inner_text() == "Showing 2 of 23 rows"
        page.get_by_label("Filter the rows on this page").fill("mensah brackwater")
        visible = page.locator("table[data-sortable] tbody tr:visible")
        assert visible.count() == 1 and "Trip to Brackwater" in visible.inner_text()
        page.get_by_label("Filter the rows on this page").fill("")
        page.locator("#entries ~ .table-filter").get_by_role("button", name="Amount").click()
        amounts = page.locator("#entries ~ .table-filter tbody tr td.num").all_inner_texts()
        assert amounts[:4] == ["£1", "£2", "£3", "£4"]
        assert amounts[-3:] == ["£20", "£23.40", "£142.60"]


def test_a_short_table_has_no_filter_box(
        make_site: Callable[..., Path], build_site_at: Callable[..., BuildResult],
        tmp_path: Path) -> None:
    site = make_site({"content/registers/expenses.csv": EXPENSES,
                      "content/registers/expenses.md": "---\ntitle: Expenses\n---\nFictional.\n"})
    with _expenses_page(site, build_site_at, tmp_path) as page:
        assert page.locator("#entries ~ .table-filter tbody tr").count() == 3
        assert page.get_by_label("Filter the rows on this page").count() == 0
