"""Every internal link and anchor in the output must lead somewhere.

Internal links are generated, so a broken one is either a template or generator bug or
an anchor an editor wrote in Markdown (``plan.md#aims`` where the plan has no "Aims"
heading). Every HTML output is parsed once; each ``href``, ``src`` and form ``action``
that is a path (not a full address) must be under the site's base path and name a file
in the output, and each ``#fragment`` must be an ``id`` in the page it points to.
Problems name the page's content file when there is one, with the line of the Markdown
that wrote the link when it can be found.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from posixpath import dirname
from urllib.parse import unquote, urljoin, urlsplit

from generator.checks.htmlscan import ScannedPage, scan_outputs
from generator.errors import Problem, error
from generator.load.validation import did_you_mean
from generator.site import PageSpec, Site
from generator.writer import CopiedFile, OutputFile

SEARCH_BUNDLE = "pagefind/"
"""Written by the search indexer after this check runs (see ``generator/outputs/search.py``)."""


def check_links(site: Site, outputs: Iterable[OutputFile],
                copies: Iterable[CopiedFile],
                scans: Mapping[str, ScannedPage] | None = None,
                only: set[str] | None = None) -> list[Problem]:
    """Problems for every internal link or anchor in ``outputs`` that leads nowhere.

    ``only`` limits which pages' links are checked (targets are still every output):
    an incremental rebuild checks just the pages it re-rendered.
    """
    outputs = list(outputs)
    files = {o.path for o in outputs} | {c.path for c in copies}
    documents = dict(scans) if scans is not None else scan_outputs(
        (o.path, o.content) for o in outputs)
    pages = {p.output_path: p for p in site.pages}
    checker = _Checker(site, files, documents)
    problems: list[Problem] = []
    for path, document in sorted(documents.items()):
        if only is not None and path not in only:
            continue
        page = pages.get(path)
        seen: set[str] = set()
        for link in document.links:
            if link in seen:
                continue
            seen.add(link)
            reason = checker.check(path, link)
            if reason is not None:
                problems.append(_problem(page, path, link, *reason))
    return problems


class _Checker:
    def __init__(self, site: Site, files: set[str], documents: dict[str, ScannedPage]):
        self.base_path = site.config.base_path
        self.files = files
        self.documents = documents

    def check(self, source: str, link: str) -> tuple[str, str | None] | None:
        """None when ``link`` (found in output file ``source``) is fine, else (why, hint)."""
        link = link.strip()
        if self._plain(link):  # most generated links: no need to parse or resolve them
            if self._target(link[len(self.base_path):]) is None:
                return "no such page or file is published", None
            return None
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not link:
            # a full address is not checked, even on the site's own host: other systems
            # (webcasts, an old site) may serve paths there; mailto: and tel: neither
            return None
        if not parts.path:
            return self._fragment(source, parts.fragment)
        folder = dirname(source)
        absolute = urljoin(self.base_path + (folder + "/" if folder else ""), parts.path)
        if not absolute.startswith(self.base_path):
            return (f"it is outside the site's address ({self.base_path})",
                    "build internal links with the `url` filter, e.g. {{ page.path | url }}")
        target = self._target(unquote(absolute[len(self.base_path):]))
        if target is None:
            return "no such page or file is published", None
        return self._fragment(target, parts.fragment) if parts.fragment else None

    def _plain(self, link: str) -> bool:
        """A path under the site's base with nothing to resolve or decode: what
        ``urljoin`` and ``unquote`` would return unchanged."""
        return (link.startswith(self.base_path) and "//" not in link and "/." not in link
                and not any(mark in link for mark in "?#%\\"))

    def _target(self, path: str) -> str | None:
        if path.startswith(SEARCH_BUNDLE):
            return path
        candidates = [path + "index.html"] if path == "" or path.endswith("/") \
            else [path, path + "/index.html"]
        return next((c for c in candidates if c in self.files), None)

    def _fragment(self, target: str, fragment: str) -> tuple[str, str | None] | None:
        document = self.documents.get(target)
        if not fragment or document is None or unquote(fragment) in document.ids:
            return None
        close = did_you_mean(unquote(fragment), sorted(document.ids))
        return (f"the page has no part called '#{fragment}'",
                close or "link to a heading that exists on that page: a heading's "
                         "anchor is its words in lower case joined by hyphens")


def _problem(page: PageSpec | None, path: str, link: str, why: str,
             hint: str | None) -> Problem:
    message = f"the link '{link}' is broken: {why}"
    if page is None:
        return error(f"generated file {path}", message,
                     hint=hint or "this is a bug in the generator or a template")
    if page.record is None:
        return error(f"generated page {page.path}", message,
                     hint=hint or f"check the template {page.template}")
    return error(page.record.display, message, line=_line_of(page, link),
                 hint=hint or f"check the links in this file and in the template "
                              f"{page.template}")


def _line_of(page: PageSpec, link: str) -> int | None:
    """The Markdown line that wrote ``link``, found by its ``#fragment``."""
    fragment = urlsplit(link).fragment
    index = page.body.find(f"#{fragment}") if page.body and fragment else -1
    if page.body is None or index < 0:
        return None
    return page.body_line + page.body.count("\n", 0, index)
