"""Tables that fit, charts and meeting pages, in a real browser, on a 1280 px laptop and
a 375 px phone.

For every register, staff and pay table in the example site: no cell's text is cut
off (each cell's text lies inside its cell and, scrolled into view, inside the visible
width of its table's scroll box), the page itself never scrolls sideways, and at
1280 px every amount of money is in full view without scrolling. A box that scrolls
says so and is a tab stop; one that fits is not. Long registers collapse after 50 rows
behind a control that works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from htmltools import parse_html
from public_site import ExampleBuild, served_example

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

WIDTHS = (1280, 375)

# Runs in the page: every problem a reader would see with a table, as sentences.
# All "show the other rows" controls are opened first so their rows are measured too.
CLIPPING_JS = """
(checkMoney) => {
  document.querySelectorAll("details").forEach((d) => { d.open = true; });
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) {
    problems.push(`the page scrolls sideways (${root.scrollWidth}px)`);
  }
  document.querySelectorAll(".table-caption").forEach((c) => {
    const r = c.getBoundingClientRect();
    if (r.left < -1 || r.right > root.clientWidth + 1) {
      problems.push(`caption "${c.textContent}" is cut off`);
    }
  });
  document.querySelectorAll(".table-wrap").forEach((wrap) => {
    wrap.scrollLeft = 0;
    const box = wrap.getBoundingClientRect();
    const name = (wrap.querySelector("caption") || wrap).textContent.trim().slice(0, 60);
    if (box.right > root.clientWidth + 1) problems.push(`table "${name}" sticks out of the page`);
    wrap.querySelectorAll("th, td").forEach((cell) => {
      const head = cell.closest("thead");
      if (head && getComputedStyle(head).position === "absolute") return;  // stacked: hidden
      const r = cell.getBoundingClientRect();
      if (!r.width || !cell.textContent.trim()) return;
      const range = document.createRange();
      range.selectNodeContents(cell);
      const t = range.getBoundingClientRect();
      const what = `"${cell.textContent.trim().slice(0, 40)}" in "${name}"`;
      if (t.left < r.left - 1 || t.right > r.right + 1) problems.push(`${what} overflows its cell`);
      if (t.width > wrap.clientWidth + 1) problems.push(`${what} is wider than its table's box`);
      const left = t.left - box.left + wrap.scrollLeft;
      if (left < -1 || left + t.width > wrap.scrollWidth + 1) {
        problems.push(`${what} cannot be scrolled to`);
      }
      const money = /^[−-]?£/.test(cell.textContent.trim()) && cell.classList.contains("num");
      if (checkMoney && money && (t.left < box.left - 1 || t.right > box.right + 1)) {
        problems.push(`${what} needs sideways scrolling to be read`);
      }
    });
  });
  return problems;
}
"""


@dataclass
class Served:
    example: ExampleBuild
    browser: Browser
    root: str

    def open(self, site_path: str, page: Page) -> Page:
        response = page.goto(self.root + site_path)
        assert response is not None and response.status == 200, site_path
        return page


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with served_example() as (example, browser, root):
        yield Served(example, browser, root)


def table_pages(example: ExampleBuild) -> list[str]:
    """Every page of the example site showing a register, staff or pay table."""
    paths = []
    for page in example.pages:
        if not page.path.startswith(("/registers/", "/staff/")):
            continue
        html = (example.out / page.output_path).read_bytes()
        if parse_html(html).find("table") is not None:
            paths.append(page.path)
    return sorted(paths)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_table_cell_is_cut_off(served: Served, width: int) -> None:
    paths = table_pages(served.example)
    assert "/registers/spending/2026-10/" in paths and "/staff/pay-scales/" in paths
    page = served.browser.new_page(viewport={"width": width, "height": 900})
    failures: dict[str, Any] = {}
    for path in paths:
        served.open(path, page)
        problems = page.evaluate(CLIPPING_JS, width >= 1280)
        if problems:
            failures[path] = problems[:5]
    page.close()
    assert failures == {}, f"at {width}px: {failures}"
    print(f"\n{width}px: {len(paths)} pages of tables, no cell cut off")


def test_phone_shows_each_row_as_a_labelled_block_identifying_columns_first(
        served: Served) -> None:
    page = served.open("/registers/spending/2026-10/",
                       served.browser.new_page(viewport={"width": 375, "height": 900}))
    row = page.locator("#entries ~ .table-filter table.stack tbody tr").first
    # What the reader sees, top to bottom: each cell's label (drawn by the stylesheet
    # from data-label) and its text.
    lines = row.evaluate("""tr => Array.from(tr.children)
        .filter(c => c.getBoundingClientRect().height > 0)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .map(c => getComputedStyle(c, "::before").content.replace(/^"|"$/g, "")
                  + c.textContent.trim())""")
    assert lines[0] == "Supplier: Fenmoor Water Ltd" and lines[1] == "Amount: £946.16"
    assert lines[2] == "Date: 1 Oct 2026" and "Reference: NP-2610-0001" in lines
    assert len(lines) == 9
    headings = page.locator("#entries ~ .table-filter thead").first.bounding_box()
    assert headings is not None and headings["width"] <= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.close()


def test_only_a_table_that_scrolls_is_a_tab_stop_and_it_says_so(served: Served) -> None:
    page = served.browser.new_page(viewport={"width": 375, "height": 900})
    scrolling = 0
    for path in ("/data/", "/performance/"):  # a theme table, a table written in Markdown
        served.open(path, page)
        scrolling += _check_scroll_cues(page)
    assert scrolling >= 2, "the data catalogue and performance tables should scroll on a phone"
    page.set_viewport_size({"width": 1280, "height": 900})
    served.open("/registers/spending/2026-10/", page)
    assert page.locator(".table-wrap[tabindex]").count() == 0
    assert page.locator(".scroll-hint:visible").count() == 0
    page.close()


def _check_scroll_cues(page: Page) -> int:
    """Each box: a tab stop and a named, described region exactly when it scrolls."""
    boxes = page.locator(".table-wrap")
    scrolling = 0
    for index in range(boxes.count()):
        box = boxes.nth(index)
        scrolls = box.evaluate("b => b.scrollWidth > b.clientWidth + 1")
        assert (box.get_attribute("tabindex") == "0") is scrolls
        if scrolls:
            scrolling += 1
            assert box.get_attribute("role") == "region"
            assert box.get_attribute("aria-labelledby") or box.get_attribute("aria-label")
            hint = page.locator("#" + (box.get_attribute("aria-describedby") or "none"))
            assert hint.is_visible() and "scrolls sideways" in hint.inner_text()
            hint_box, table_box = hint.bounding_box(), box.bounding_box()
            assert hint_box and table_box and hint_box["y"] < table_box["y"]
        else:
            assert box.get_attribute("role") is None
    return scrolling


def test_long_month_collapses_after_50_rows_without_javascript(served: Served) -> None:
    context = served.browser.new_context(java_script_enabled=False,
                                         viewport={"width": 1280, "height": 900})
    page = served.open("/registers/spending/2026-10/", context.new_page())
    tables = page.locator("#entries ~ .table-filter table")
    assert tables.count() == 2
    assert tables.nth(0).locator("tbody tr").count() == 50
    hidden = tables.nth(1).locator("tbody tr")
    assert 50 + hidden.count() == 292
    assert not hidden.first.is_visible()
    summary = page.locator("#entries ~ .table-filter details.more-rows > summary")
    assert summary.inner_text() == "Show the other 242 rows"
    summary.click()
    assert hidden.first.is_visible() and hidden.last.is_visible()
    # The summary comes first: total, items and downloads before any row.
    figures = page.locator(".key-figures").bounding_box()
    download = page.locator("p.downloads").first.bounding_box()
    first_row = tables.nth(0).bounding_box()
    assert figures and download and first_row
    assert figures["y"] < first_row["y"] and download["y"] < first_row["y"]
    context.close()


CHART_PAGES = ("/registers/spending/", "/registers/spending/2026-10/", "/staff/",
               "/budget-and-precept/")


@pytest.mark.parametrize("width", WIDTHS)
def test_charts_fit_with_text_alternatives_and_their_tables(served: Served, width: int) -> None:
    page = served.browser.new_page(viewport={"width": width, "height": 900})
    for path in CHART_PAGES:
        served.open(path, page)
        charts = page.locator("svg.chart-svg")
        assert charts.count() >= 1, path
        for index in range(charts.count()):
            chart = charts.nth(index)
            assert chart.get_attribute("role") == "img"
            label_ids = (chart.get_attribute("aria-labelledby") or "").split()
            assert len(label_ids) == 2, path
            title, description = (page.locator(f"#{i}").text_content() or "" for i in label_ids)
            assert title.strip() and "Bar chart" in description, (path, title)
            # every word of the chart is inside it: nothing cut off at the edge
            outside = chart.evaluate("""svg => {
                const box = svg.getBoundingClientRect();
                return Array.from(svg.querySelectorAll("text")).filter(t => {
                  const r = t.getBoundingClientRect();
                  return r.right > box.right + 1 || r.left < box.left - 1;
                }).map(t => t.textContent);
            }""")
            assert outside == [], (path, width, outside)
            # the table of the same figures follows it
            table = chart.evaluate("""svg => {
                let n = svg.closest("figure");
                while (n && !(n.matches(".table-block, .table-wrap") || n.querySelector?.("table")))
                  n = n.nextElementSibling;
                return n ? n.querySelectorAll("tbody tr").length : 0;
            }""")
            assert table > 0, (path, index)
    page.close()


def test_meeting_page_on_a_phone_starts_with_contents_then_the_agenda(served: Served) -> None:
    page = served.browser.new_page(viewport={"width": 375, "height": 900})
    served.open("/meetings/police-and-crime-panel/2026-02-03/", page)
    contents = page.locator("nav.contents")
    assert contents.locator("a").all_inner_texts() == ["Agenda and minutes", "Attendance"]
    contents_y = contents.bounding_box()["y"]  # type: ignore[index]
    agenda_y = page.locator("#agenda").bounding_box()["y"]  # type: ignore[index]
    attendance_y = page.locator("#attendance").bounding_box()["y"]  # type: ignore[index]
    assert contents_y < 900  # on the first screen of a phone
    assert contents_y < agenda_y < attendance_y  # attendance after the agenda
    contents.get_by_role("link", name="Attendance").click()
    assert page.evaluate("location.hash") == "#attendance"
    paper = page.locator("ul.papers a").first
    assert paper.inner_text() == "Proposed precept 2026/27 (Text, 4 KB)"
    page.close()
