"""Findability: how many clicks each page is from the home page, in the rendered site.

The depth is measured on the HTML the public gets, not on the site model: every ``<a href>``
of every rendered page is an edge (header navigation, footer, breadcrumbs, section listings,
body links, the publication scheme), and a breadth-first search from the home page gives the
fewest clicks to each page. Statutory information must be reachable within
:data:`MAX_CLICKS` clicks; pages that claim a statutory duty and are deeper, or cannot be
reached at all, are reported.
"""

from __future__ import annotations

import posixpath
from collections import deque
from collections.abc import Iterable, Mapping
from urllib.parse import unquote, urlsplit

from generator.checks.htmlscan import ScannedPage, scan_html
from generator.duties.evaluate import DutyResult
from generator.errors import Problem, Severity
from generator.urls import output_file_for

MAX_CLICKS = 3
HOME = "index.html"


def anchor_hrefs(html: bytes | str) -> list[str]:
    """Every ``<a href>`` in a page, in document order, entities decoded."""
    return scan_html(html).anchors


def page_url(output_path: str) -> str:
    """Output file → the URL path it is served at: about/index.html → /about/."""
    if output_path == HOME:
        return "/"
    if output_path.endswith("/index.html"):
        return "/" + output_path[: -len("index.html")]
    return "/" + output_path


def link_target(href: str, from_output: str, base_path: str, known: Iterable[str] | None = None
                ) -> str | None:
    """The output file an internal link leads to, or None for external and same-page links.

    ``known`` (the output files that exist) lets ``/about`` find ``about/index.html``.
    """
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    base = base_path if base_path.endswith("/") else base_path + "/"
    if not path.startswith("/"):
        current = base.rstrip("/") + page_url(from_output)
        path = posixpath.join(posixpath.dirname(current) if not current.endswith("/")
                              else current, path)
    trailing = path.endswith("/")
    path = posixpath.normpath(path) + ("/" if trailing and path != "/" else "")
    if path + "/" == base:
        path = base
    if not path.startswith(base):
        return None
    target = output_file_for("/" + path[len(base):])
    if known is not None and target not in known and f"{target}/index.html" in known:
        return f"{target}/index.html"
    return target or HOME


def click_depths(pages: Mapping[str, bytes | str | ScannedPage], base_path: str = "/"
                 ) -> dict[str, int]:
    """Fewest clicks from the home page to every output file reachable through links.

    ``pages`` maps HTML output paths (``about/index.html``) to their content (or to the
    page already scanned). Links to non-HTML files (CSV, PDF) get a depth too but are
    not followed further.
    """
    if HOME not in pages:
        return {}
    known = set(pages)
    depths = {HOME: 0}
    queue = deque([HOME])
    absolute: dict[str, str | None] = {}  # a site-absolute link leads the same way anywhere
    while queue:
        current = queue.popleft()
        page = pages[current]
        hrefs = page.anchors if isinstance(page, ScannedPage) else anchor_hrefs(page)
        for href in hrefs:
            if href.startswith("#"):
                continue  # same page (a table of contents, a skip link): not a click away
            if href.startswith("/") and not href.startswith("//"):
                if href not in absolute:
                    absolute[href] = link_target(href, current, base_path, known)
                target = absolute[href]
            else:
                target = link_target(href, current, base_path, known)
            if target is None or target in depths:
                continue
            depths[target] = depths[current] + 1
            if target in pages:
                queue.append(target)
    return depths


def findability_problems(results: Iterable[DutyResult], depths: Mapping[str, int]
                         ) -> list[Problem]:
    """Pages that satisfy a statutory duty but are too deep or unreachable, one per page.

    The severity is the most severe of the statutory duties the page satisfies (an error
    only for statutory duties of high confidence). Duties declared not applicable are skipped.
    """
    claims: dict[str, tuple[str, list[str], Severity]] = {}
    for result in results:
        if not result.duty.statutory or result.status == "not_applicable":
            continue
        for evidence in result.evidence:
            where = evidence.source or f"generated page {evidence.url}"
            _, ids, severity = claims.get(evidence.url, (where, [], Severity.WARNING))
            ids.append(result.duty.id)
            if result.duty.severity is Severity.ERROR:
                severity = Severity.ERROR
            claims[evidence.url] = (where, ids, severity)
    problems = []
    for url, (where, ids, severity) in sorted(claims.items()):
        depth = depths.get(output_file_for(url))
        if depth is not None and depth <= MAX_CLICKS:
            continue
        listed = ", ".join(ids)
        if depth is None:
            message = (f"this page satisfies statutory duties ({listed}) but cannot be reached "
                       f"from the home page by following links")
        else:
            message = (f"this page satisfies statutory duties ({listed}) but is {depth} clicks "
                       f"from the home page; the limit is {MAX_CLICKS}")
        problems.append(Problem(where, message, None, None,
                                "link it from the main navigation, a section's landing page "
                                "or the home page (every page is listed in the publication "
                                "scheme, which the footer links to)", severity))
    return problems
