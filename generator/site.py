"""The site model: every page, data file and copied file, with URLs and navigation.

``build_site`` runs each section builder (pages, staff, meetings, registers, …) over
the published records, then resolves what they have in common: the link map used to
rewrite Markdown links, duplicate URLs, navigation and breadcrumbs. The result is
complete before anything is rendered (Pelican's two phases: model, then output).
"""

from __future__ import annotations

import copy
import dataclasses
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit

from generator.errors import Problem, error, warning
from generator.load.config import SiteConfig
from generator.load.records import LoadResult, Record
from generator.load.sources import SourceFile
from generator.urls import (
    SAFE_SCHEMES,
    LinkFailure,
    href,
    output_file_for,
    parent_paths,
    resolve_relative,
)
from generator.writer import CopiedFile, OutputFile

if TYPE_CHECKING:
    from generator.datasets import DatasetCache


@dataclass
class PageSpec:
    """One HTML page to render. ``context`` carries what its template needs."""

    path: str
    template: str
    title: str
    record: Record | None = None
    body: str | None = None
    body_line: int = 1
    summary: str | None = None
    updated: date | None = None
    publication_class: str | None = None
    duties: tuple[str, ...] = ()
    nav_order: int | None = None
    kind: str = "page"
    """Search filter and publication-scheme label: page, role, meeting, decision, register…"""
    lang: str | None = None
    context: dict[str, Any] = field(default_factory=dict)
    in_sitemap: bool = True
    in_search: bool = True
    depends_on: tuple[str, ...] = ()
    """Content-relative paths whose change must re-render this page (beyond ``record``)."""
    year: int | None = None
    """Search filter year when it is not the year of ``updated`` (a meeting: its date's)."""
    nil_returns: tuple[str, ...] = ()
    """Periods (2026-11, 2026-Q3, 2026-27) this page says there was nothing to report for;
    evidence for those periods in the duty check."""
    duty_gaps: tuple[tuple[str, str], ...] = ()
    """(duty id, what is missing) for a duty this page only partly meets, e.g. a contract
    over £10,000 listed without its copy (SIO 4(b))."""
    duty_dates: tuple[tuple[str, date], ...] = ()
    """(duty id, date) where a duty's evidence on this page is dated by something other
    than ``updated``: staff figures by the workforce file's ``as_at``."""

    @property
    def search_year(self) -> int | None:
        return self.year or (self.updated.year if self.updated else None)

    @property
    def source_rel(self) -> str | None:
        return self.record.rel if self.record else None

    @property
    def output_path(self) -> str:
        return output_file_for(self.path)


@dataclass
class SectionResult:
    pages: list[PageSpec] = field(default_factory=list)
    files: list[OutputFile] = field(default_factory=list)
    copies: list[CopiedFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    link_targets: dict[str, str] = field(default_factory=dict)
    """Extra content-relative paths that links may point at (e.g. a CSV register)."""
    blocked_assets: dict[str, str] = field(default_factory=dict)
    """Files that must never be copied or linked, with the reason (exempt papers)."""


@dataclass
class SiteInput:
    """What a section builder receives: read-only.

    Sections read records and files through these methods, never ``loaded`` directly:
    each read is noted in ``reads``, which is how ``serve`` knows which sections an edit
    can affect (see ``section_cache.py``)."""

    config: SiteConfig
    loaded: LoadResult
    today: date
    site_dir: Path
    reads: set[str] = field(default_factory=set)
    datasets: DatasetCache | None = None
    """Encoded datasets kept between builds by ``serve`` (``datasets.DatasetCache``)."""
    kept: dict[str, tuple[tuple[Any, ...], Any]] | None = None
    """What ``reuse`` made in earlier builds, kept by ``serve`` (None: a one-off build)."""
    summaries: dict[str, Any] = field(default_factory=dict, repr=False)
    summary_reads: dict[str, set[str]] = field(default_factory=dict, repr=False)
    """What each summary's function read (``serve`` keeps a summary while that holds)."""

    def summary(self, of: Callable[[SiteInput], _T]) -> _T:
        """What ``of`` makes of the records it reads: a plain value that compares with
        ``==``, computed once per build. It is noted as one read, so ``serve`` runs the
        section again only when that value changes, not whenever one of those records
        does: decisions need each meeting's title and agenda, not its minutes."""
        key = SUMMARY + f"{of.__module__}.{of.__qualname__}"
        self.reads.add(key)
        if key not in self.summaries:
            SUMMARIES[key] = of
            outer, self.reads = self.reads, set()  # what ``of`` reads is not the caller's
            try:
                self.summaries[key] = of(self)
            finally:
                self.summary_reads[key], self.reads = self.reads, outer
        return self.summaries[key]  # type: ignore[no-any-return]

    def reuse(self, key: str, inputs: tuple[Any, ...], make: Callable[[], _T]) -> _T:
        """``make()``, or what it made for ``key`` in an earlier build of this ``serve``
        session when ``inputs`` are the same: records by identity (loading keeps the
        object of an unchanged file), other values by ``==``. For a part of a section that
        few records feed, such as one month of spending: when the section runs again
        because another month changed, this month's pages are the very same objects, so
        they are neither made nor compared again. ``serve`` forgets it all when the
        settings, the date or the templates change, so ``inputs`` need not hold them."""
        if self.kept is None:
            return make()
        kept = self.kept.get(key)
        if kept is not None and _same_inputs(kept[0], inputs):
            return kept[1]  # type: ignore[no-any-return]
        value = make()
        self.kept[key] = (inputs, value)
        return value

    def records(self, type_name: str) -> list[Record]:
        self.reads.add(f"type:{type_name}")
        return self.loaded.of_type(type_name)

    @property
    def assets(self) -> dict[str, SourceFile]:
        """Non-text files by content-relative path (with their sizes, which sections show)."""
        self.reads.add(ASSETS)
        return self.loaded.assets

    @property
    def withheld(self) -> dict[str, str]:
        """Unpublished records' paths → why (to explain a link to one)."""
        self.reads.add(WITHHELD)
        return self.loaded.withheld

    @property
    def failed(self) -> set[str]:
        """Files that exist but could not be loaded (their errors are reported where they
        are): a reference to one is not also reported as a reference to nothing."""
        self.reads.add(FAILED)
        return self.loaded.failed

    def is_record(self, rel: str) -> bool:
        """Whether ``rel`` is a published content record of any type."""
        self.reads.add(RECORD_PATHS)
        return rel in self.loaded.paths()


def _same_inputs(old: tuple[Any, ...], new: tuple[Any, ...]) -> bool:
    return len(old) == len(new) and all(
        a is b if isinstance(a, Record) or isinstance(b, Record) else
        _same_inputs(a, b) if type(a) is tuple and type(b) is tuple else a == b
        for a, b in zip(old, new, strict=True))


# What a section may read besides records of a type (see ``SiteInput.reads``).
ASSETS, WITHHELD, RECORD_PATHS, SUMMARY = "assets", "withheld", "record-paths", "summary:"
FAILED = "failed"
SUMMARIES: dict[str, Callable[[SiteInput], Any]] = {}
"""The function behind each ``summary:`` read, for ``serve`` to compute it again."""
_T = TypeVar("_T")


SectionBuilder = Callable[[SiteInput], SectionResult]

# What a page can read of the rest of the site while it renders (``Site.reads``): a
# page's address (its title, summary…), a page's list of children, where a link goes,
# and (for a link that goes nowhere) the set of every link target.
CHILDREN_OF, LINK_TO, KNOWN_LINKS = "children:", "link:", "links:*"


@dataclass
class NavItem:
    title: str
    url: str
    external: bool = False


@dataclass
class Site:
    config: SiteConfig
    today: date
    pages: list[PageSpec]
    files: list[OutputFile]
    copies: list[CopiedFile]
    navigation: list[NavItem]
    footer_links: list[NavItem]
    link_targets: dict[str, str]
    loaded: LoadResult
    problems: list[Problem]
    blocked_assets: dict[str, str] = field(default_factory=dict)
    joining_problems: list[Problem] = field(default_factory=list)
    """Problems found in joining the sections (duplicate addresses, navigation links)."""
    reads: set[str] | None = field(default=None, compare=False, repr=False)
    """While a page renders: what it read of other pages and of the link map (the keys
    below ``SectionBuilder``), so ``serve`` re-renders it only when one of those changes
    (``page_reads.changed_reads``)."""

    def href(self, site_path: str) -> str:
        return href(self.config.base_path, site_path)

    def absolute_url(self, site_path: str) -> str:
        parts = urlsplit(self.config.base_url)
        return f"{parts.scheme}://{parts.netloc}{self.href(site_path)}"

    def children(self, page: PageSpec) -> list[PageSpec]:
        """Pages one level below ``page`` (for section landing pages), by order then title."""
        if self.reads is not None:
            self.reads.add(CHILDREN_OF + page.path)
        return self._children.get(page.path, [])

    def page_at(self, path: str) -> PageSpec | None:
        if self.reads is not None:
            self.reads.add(path)
        return self._by_path.get(path)

    def breadcrumbs(self, page: PageSpec) -> list[PageSpec]:
        if page.path == "/":
            return []
        return [p for p in (self.page_at(a) for a in parent_paths(page.path)) if p is not None]

    def resolve_link(self, rel: str) -> str | LinkFailure:
        """Where a content-relative link goes, or why it cannot go there."""
        if self.reads is not None:
            self.reads.add(LINK_TO + rel)
        if rel in self.blocked_assets:
            return LinkFailure(f"the link points to '{rel}', which {self.blocked_assets[rel]}",
                               "remove the link; exempt papers are never published")
        if rel in self.link_targets:
            return self.link_targets[rel]
        if rel in self.loaded.withheld:
            return LinkFailure(f"the link points to '{rel}', which is {self.loaded.withheld[rel]}",
                               "publish that file first or remove the link")
        if rel in self.loaded.assets:
            return "/" + rel
        if rel in self.loaded.failed:
            return LinkFailure(f"the link points to '{rel}', which could not be loaded",
                               "fix the problems reported for that file", quiet=True)
        if self.reads is not None:
            self.reads.add(KNOWN_LINKS)  # the hint names the closest of every known file
        known = sorted(set(self.link_targets) | set(self.loaded.assets))
        close = difflib.get_close_matches(rel, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else \
            "check the file name and that the path is relative to this file"
        return LinkFailure(f"the link points to '{rel}', which does not exist", hint)

    def with_pages(self, replacements: dict[str, PageSpec], footer_links: list[NavItem]
                   ) -> Site:
        """This site with some pages replaced by new ones at the same addresses (the
        whole-site phase). Its indexes are patched, not rebuilt (15 ms on 7,000 pages),
        unless a replacement changes its title or order."""
        pages = [replacements.get(page.path, page) for page in self.pages]
        if any((old := self._by_path.get(path)) is None or
               (old.title, old.nav_order) != (new.title, new.nav_order)
               for path, new in replacements.items()):
            return dataclasses.replace(self, pages=pages, footer_links=footer_links)
        site = copy.copy(self)
        site.pages, site.footer_links = pages, footer_links
        site._by_path = {**self._by_path, **replacements}
        site._children = {parent: [replacements.get(p.path, p) for p in found]
                          for parent, found in self._children.items()}
        return site

    def __post_init__(self) -> None:
        self._by_path = {p.path: p for p in self.pages}
        children: dict[str, list[PageSpec]] = {}
        for page in self.pages:
            if page.path.endswith("/") and page.path != "/":
                parent = page.path[: page.path.rstrip("/").rfind("/") + 1]
                children.setdefault(parent, []).append(page)
        self._children = {
            parent: sorted(found, key=lambda p: (p.nav_order or 999, p.title.lower()))
            for parent, found in children.items()}


def assemble_site(site_input: SiteInput, results: list[SectionResult],
                  same_shape_as: Site | None = None) -> Site:
    """Join the sections' results into one site model.

    ``same_shape_as`` is the previous build's site when every section's shape (see
    ``section_cache.shape_of``) is unchanged: its link map, navigation and the problems
    found in joining are still right, so they are taken from it instead of worked out again.
    """
    problems: list[Problem] = []
    pages: list[PageSpec] = []
    files: list[OutputFile] = []
    copies: list[CopiedFile] = []
    link_targets: dict[str, str] = {}
    blocked: dict[str, str] = {}
    for result in results:
        pages.extend(result.pages)
        files.extend(result.files)
        copies.extend(result.copies)
        problems.extend(result.problems)
        link_targets.update(result.link_targets)
        blocked.update(result.blocked_assets)
    joining: list[Problem] = []
    if same_shape_as is None:
        for page in pages:
            if page.record is not None:
                link_targets.setdefault(page.record.rel, page.path)
        joining = _duplicate_urls(pages, files)
    pages.sort(key=lambda p: p.path)
    files.sort(key=lambda f: f.path)
    copies = sorted({c.path: c for c in copies}.values(), key=lambda c: c.path)
    if same_shape_as is not None:
        old = same_shape_as
        return Site(site_input.config, site_input.today, pages, files, copies, old.navigation,
                    old.footer_links, old.link_targets, site_input.loaded,
                    problems + old.joining_problems, blocked, old.joining_problems)
    site = Site(site_input.config, site_input.today, pages, files, copies, [], [], link_targets,
                site_input.loaded, problems, blocked)
    site.navigation = _links(site, site_input.config.navigation, "navigation", joining) \
        or _default_navigation(pages)
    if not site.navigation and not site_input.config.navigation:
        joining.append(_no_menu_warning())
    site.footer_links = _links(site, site_input.config.footer_links, "footer_links", joining)
    site.joining_problems = joining
    problems.extend(joining)
    return site


def _duplicate_urls(pages: list[PageSpec], files: list[OutputFile]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    outputs = [(p.output_path, p.record.display if p.record else f"generated page {p.path}")
               for p in pages] + [(f.path, f"generated file {f.path}") for f in files]
    for output, origin in outputs:
        if output in seen:
            problems.append(error(origin, f"this would be published at the same address as "
                                          f"{seen[output]} ({output})",
                                  hint="rename one of the two files"))
        else:
            seen[output] = origin
    return problems


def _links(site: Site, links: list[Any], key: str, problems: list[Problem]) -> list[NavItem]:
    items = []
    for index, link in enumerate(links):
        target: str = link.link.strip()
        scheme = urlsplit(target).scheme.lower()
        if scheme in SAFE_SCHEMES:
            items.append(NavItem(link.title, target, external=True))
            continue
        if scheme or target.startswith("//"):
            problems.append(error("site.yml", f"the link '{target[:40]}' uses an unsafe address "
                                              "type", field=f"{key}[{index + 1}].link",
                                  line=site.config.line_of(key, index, "link"),
                                  hint="use a content file (about.md) or an http, https, "
                                       "mailto or tel address"))
            continue
        rel = resolve_relative("site.yml", target) or target
        outcome = site.resolve_link(rel)
        if isinstance(outcome, LinkFailure):
            if outcome.quiet:
                continue
            problems.append(error("site.yml", outcome.message, field=f"{key}[{index + 1}].link",
                                  line=site.config.line_of(key, index, "link"),
                                  hint=outcome.hint))
            continue
        items.append(NavItem(link.title, outcome))
    return items


def _no_menu_warning() -> Problem:
    return warning("site.yml", "there is no `navigation`, so the site has no main menu",
                   field="navigation",
                   hint="add the menu to site.yml: a line `navigation:`, then one line per "
                        "item indented below it, e.g. `  - {title: About us, link: about.md}` "
                        "and `  - {title: Contact, link: contact.md}`")


def _default_navigation(pages: list[PageSpec]) -> list[NavItem]:
    ordered = sorted((p for p in pages if p.nav_order is not None),
                     key=lambda p: (p.nav_order or 0, p.path))
    return [NavItem(p.title, p.path) for p in ordered]
