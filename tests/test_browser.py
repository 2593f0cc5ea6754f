"""The public site in a real browser: Debian's headless Chromium driven by Playwright.

One page of every type (and every kind/template the build produces, so areas merged
later are covered automatically) must have no axe-core WCAG 2.2 A/AA violations, no
horizontal scrolling at 320 px and a skip link that moves focus to <main>. Search
must find known pages by a word from their text. The site is served under a sub-path
(/opcc/) with a real 404 response, as a web host would serve it.

Tools come from scripts/ensure-system-deps.sh; when they are missing these tests fail
(set ALLOW_SKIP_BROWSER=1 to skip them instead).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pytest
from browser_support import (
    format_axe_violations,
    run_axe,
)
from public_site import (
    BASE_PATH,
    ExampleBuild,
    page_types,
    served_example,
)

from generator.render.metadata import kind_labeller
from generator.render.renderer import DEFAULT_THEME, message_catalogue
from generator.urls import page_path_for

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

#: One page of each type the issue names, by its address in the example site. Every
#: other (kind, template) the build produces is checked too (see ``pages_to_check``);
#: add a type here to make sure it keeps existing.
REQUIRED_PAGE_TYPES: dict[str, str] = {
    "home": "/",
    "page": "/about-the-commissioner/",
    "section": "/registers/",
    "page with tables": "/budget-and-precept/",
    "role": "/staff/roles/chief-of-staff/",
    "staff index": "/staff/",
    "pay scales": "/staff/pay-scales/",
    "organisation chart": "/staff/organisation-chart/",
    "meetings": "/meetings/",
    "body": "/meetings/police-and-crime-panel/",
    "meeting": "/meetings/police-and-crime-panel/2026-09-23/",
    "decisions": "/registers/decisions/",
    "decision": "/registers/decisions/2026-004/",
    "register of interests": "/registers/interests/",
    "interests of one person": "/registers/interests/rebecca-ashworth/",
    "gifts and hospitality register": "/registers/gifts-and-hospitality/",
    "expenses register": "/registers/expenses/",
    "contracts register": "/registers/contracts/",
    "spending register": "/registers/spending/",
    "spending month": "/registers/spending/2026-10/",
    "data catalogue": "/data/",
    "publication scheme": "/publication-scheme/",
    "accessibility statement": "/accessibility/",
    "search": "/search/",
    "404": "/no/such/page/",
}

#: (kind, word, page it must find): a word from the page's text, e.g. a role's
#: responsibilities. A case whose page is not built in this checkout is skipped.
KNOWN_SEARCHES: list[tuple[str, str, str]] = [
    ("page", "caseloads", "/hmicfrs-inspections/"),
    ("role", "scanning", "/staff/roles/chief-of-staff/"),
    ("meeting", "affordable", "/meetings/police-and-crime-panel/2026-09-23/"),
    ("decision", "referendum", "/registers/decisions/2026-004/"),
    ("register", "criminology", "/registers/gifts-and-hospitality/"),
]

MISSING_PAGE = "/no/such/page/"
NARROW = {"width": 320, "height": 800}


@dataclass
class Served:
    example: ExampleBuild
    browser: Browser
    root: str
    """http://127.0.0.1:port/opcc/ (no trailing slash): add a site path."""

    def url(self, site_path: str) -> str:
        return self.root + site_path

    def open(self, site_path: str, page: Page | None = None, **context: Any) -> Page:
        """Load ``site_path`` in ``page`` (or a new page); check the HTTP status."""
        page = page or self.browser.new_page(**context)
        response = page.goto(self.url(site_path))
        assert response is not None
        expected = 404 if site_path == MISSING_PAGE else 200
        assert response.status == expected, f"{site_path}: HTTP {response.status}"
        return page


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    with served_example() as (example, browser, root):
        yield Served(example, browser, root)


def pages_to_check(example: ExampleBuild) -> dict[str, str]:
    """Label -> site path: the required types plus one page of every kind and template."""
    chosen = dict(REQUIRED_PAGE_TYPES)
    site = example.result.site
    assert site is not None
    deepest = max(example.pages, key=lambda p: (
        len(site.breadcrumbs(p)), sum(len(c.title) for c in site.breadcrumbs(p)), p.path))
    chosen.setdefault("deepest page (longest breadcrumb trail)", deepest.path)
    for label, page in page_types(example.pages).items():
        # the 404 page is checked as a real missing address instead
        if page.path != "/404.html" and page.path not in chosen.values():
            chosen.setdefault(label, page.path)
    return chosen


def test_every_required_page_type_is_built(served: Served) -> None:
    built = {p.path for p in served.example.pages}
    missing = [f"{label} ({path})" for label, path in REQUIRED_PAGE_TYPES.items()
               if path != MISSING_PAGE and path not in built]
    assert missing == [], "page types missing from the example site: " + ", ".join(missing)
    if served.example.stubbed:
        print(f"\nnot built in this checkout, stubbed: {', '.join(served.example.stubbed)}")


def _open_search_ui(page: Page) -> None:
    """Show results and the filters so axe sees the whole search UI."""
    page.wait_for_selector(".pagefind-ui__search-input")
    page.fill(".pagefind-ui__search-input", "police")
    page.wait_for_selector(".pagefind-ui__result-link")
    for summary in page.query_selector_all(".pagefind-ui__filter-name"):
        summary.click()


def _axe_failures(served: Served, paths: dict[str, str], width: int) -> list[str]:
    failures = []
    page = served.browser.new_page(viewport={"width": width, "height": 800})
    for label, path in paths.items():
        served.open(path, page)
        if path == "/search/":
            _open_search_ui(page)
        violations = run_axe(page)
        if violations:
            failures.append(f"{label} {path}:\n{format_axe_violations(violations)}")
    page.close()
    return failures


def test_no_axe_violations_on_any_page_type(served: Served) -> None:
    checked = pages_to_check(served.example)
    failures = _axe_failures(served, checked, 1280)
    assert failures == [], "at 1280px:\n" + "\n".join(failures)
    print(f"\naxe at 1280px: {len(checked)} pages, 0 violations: "
          + ", ".join(f"{label} {path}" for label, path in checked.items()))


def test_no_axe_violations_on_any_page_at_320px(served: Served) -> None:
    """Every page on a phone: narrow layouts are where wrapping breaks target sizes."""
    checked = {**pages_to_check(served.example),
               **{p.path: p.path for p in served.example.pages if p.path != "/404.html"}}
    failures = _axe_failures(served, checked, 320)
    assert failures == [], "at 320px:\n" + "\n".join(failures)
    print(f"\naxe at 320px: {len(set(checked.values()))} pages, 0 violations")


def test_axe_does_report_violations(served: Served) -> None:
    """The check is not vacuous: a page with known faults fails it."""
    page = served.browser.new_page()
    page.set_content('<html><body><img src="x.png"><p style="color:#bbb">faint</p>'
                     "</body></html>")
    found = {v["id"] for v in run_axe(page)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= found
    page.close()


def test_no_horizontal_scrolling_at_320px(served: Served) -> None:
    wide = []
    paths = sorted({*pages_to_check(served.example).values(),
                    *(p.path for p in served.example.pages if p.path != "/404.html")})
    page = served.browser.new_page(viewport=NARROW)
    for path in paths:
        served.open(path, page)
        if path == "/search/":
            _open_search_ui(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            wide.append(f"{path}: {width}px")
    page.close()
    assert wide == [], "pages wider than 320px: " + ", ".join(wide)


def test_skip_link_moves_focus_to_main(served: Served) -> None:
    failures = []
    page = served.browser.new_page()
    for label, path in pages_to_check(served.example).items():
        served.open(path, page)
        page.keyboard.press("Tab")
        first = page.evaluate("document.activeElement.className")
        visible = page.evaluate("(() => { const r = document.activeElement"
                                ".getBoundingClientRect(); return r.left >= 0 && r.top >= 0 "
                                "&& r.width > 0; })()")
        page.keyboard.press("Enter")
        focused = page.evaluate("document.activeElement.id")
        if (first, visible, focused) != ("skip-link", True, "main"):
            failures.append(f"{label} {path}: first Tab on '{first}' (visible: {visible}), "
                            f"focus after Enter on '{focused}'")
    page.close()
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize(("kind", "word", "path"), KNOWN_SEARCHES,
                         ids=[f"{kind}-{word}" for kind, word, _ in KNOWN_SEARCHES])
def test_search_finds_a_known_page_by_keyboard(served: Served, kind: str, word: str,
                                                path: str) -> None:
    if path not in {p.path for p in served.example.pages} or any(
            page_path_for(s.removeprefix("content/")) == path for s in served.example.stubbed):
        pytest.skip(f"{path} is not built in this checkout (its area is not merged)")
    page = served.open("/search/")
    page.wait_for_selector(".pagefind-ui__search-input")
    page.focus(".pagefind-ui__search-input")
    page.keyboard.type(word)
    expected = BASE_PATH.rstrip("/") + path
    link = page.wait_for_selector(f'.pagefind-ui__result-link[href="{expected}"]')
    assert link is not None
    # the result count is announced politely to screen readers
    page.wait_for_function("document.getElementById('search-status').textContent.length > 0")
    status = page.text_content("#search-status") or ""
    assert "result" in status and word in status
    # the type filter narrows to the kind, and keeps the page
    label = kind_labeller(message_catalogue([DEFAULT_THEME], "en-GB"))(kind)
    page.click(".pagefind-ui__filter-name >> text=Type")
    page.check(f'input[name="Type"][value="{label}"]')
    page.wait_for_function("document.querySelector('.pagefind-ui__message').textContent"
                           ".includes('result')")
    page.wait_for_selector(f'.pagefind-ui__result-link[href="{expected}"]')
    # keyboard users reach the result from the search box with Tab
    page.focus(".pagefind-ui__search-input")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == expected:
            break
    else:
        pytest.fail(f"Tab never reached the result {expected}")
    page.keyboard.press("Enter")
    page.wait_for_url(served.url(path))
    page.close()


def test_search_page_without_javascript_says_how_to_browse(served: Served) -> None:
    context = served.browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url("/search/"))
    fallback = page.locator("#search-fallback")
    assert fallback.is_visible()
    assert "Search needs JavaScript" in (fallback.text_content() or "")
    assert page.locator("#search-fallback a").count() >= 2
    context.close()


def test_404_page_under_the_sub_path_is_styled_and_links_home(served: Served) -> None:
    page = served.open(MISSING_PAGE)
    assert page.text_content("h1") == "Page not found"
    header = page.evaluate("getComputedStyle(document.querySelector('.site-header'))"
                           ".backgroundColor")
    assert header == "rgb(29, 79, 145)"  # site.css loaded from /opcc/assets/
    page.click("text=Go to the home page")
    page.wait_for_url(served.url("/"))
    page.close()


def test_print_drops_navigation_and_shows_link_addresses(served: Served) -> None:
    page = served.open("/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""[...document.querySelectorAll(
        '.site-nav, .site-search, .skip-link, .site-footer nav')]
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    after = page.evaluate("getComputedStyle(document.querySelector('main a[href^=\"/\"]'), "
                          "'::after').content")
    assert after == '" (https://www.northshire-pcc.example/opcc/police-and-crime-plan/)"'
    page.close()
