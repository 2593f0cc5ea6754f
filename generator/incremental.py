"""Incremental rebuilds for ``serve``: re-render only what an edit changed.

The builder keeps, between rebuilds, what each file loaded to (unchanged files are not
parsed again) and a signature of each page's inputs: its template, fields, context and
Markdown, plus the site-wide things every page shows (navigation, footer, page titles
for breadcrumbs, templates, settings). A page is rendered again only when its signature
changed, so editing a role re-renders that role, the staff index and the chart (whose
contexts include it) and not the meetings. Changed files are written in place, each
one atomically; the first build (and any build after an error) is a full, staged build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.build import (
    BuildResult,
    build,
    complete_site,
    linked_copies,
    theme_assets,
    unique_sorted,
)
from generator.checks.htmlscan import ScannedPage, scan_html, scan_outputs
from generator.checks.links import check_links
from generator.config import load_config
from generator.dates import FileDates
from generator.errors import Problem, Severity
from generator.outputs import OUTPUTS
from generator.records import LoadMemo, load_records
from generator.render import Renderer, template_dirs
from generator.search import replace_search_index
from generator.sections import SECTIONS
from generator.site import CopiedFile, OutputFile, PageSpec, Site, SiteInput, build_site
from generator.sources import discover_sources
from generator.writer import safe_relative


@dataclass
class _State:
    page_signatures: dict[str, str] = field(default_factory=dict)
    page_outputs: dict[str, OutputFile] = field(default_factory=dict)
    written: dict[str, bytes] = field(default_factory=dict)
    copied: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    global_signature: str = ""
    records: list[object] = field(default_factory=list)
    scans: dict[str, ScannedPage] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)
    pending_scans: dict[str, ScannedPage] = field(default_factory=dict)
    pending_files: set[str] = field(default_factory=set)


class IncrementalBuilder:
    """One per ``serve`` session; call :meth:`build` after every change."""

    def __init__(self, site_dir: Path, out_dir: Path, today: date | None = None,
                 strict: bool = False, search_in_background: bool = False):
        self.site_dir = site_dir.resolve()
        self.search_in_background = search_in_background
        self._search_thread: threading.Thread | None = None
        self.out_dir = out_dir.resolve()
        self.today = today
        self.strict = strict
        self.memo: LoadMemo = {}
        self.state: _State | None = None
        self.rendered_last: int = 0
        self.rendered_paths: list[str] = []
        """Site paths re-rendered by the last incremental build (for tests and timing)."""
        self.renderer: Renderer | None = None

    def build(self) -> BuildResult:
        self.wait_for_search()  # never write pages while the index is being replaced
        if self.state is None:
            return self._full()
        return self._incremental(self.state)

    def _full(self) -> BuildResult:
        result = build(self.site_dir, self.out_dir, today=self.today, strict=self.strict,
                       use_cache=True, memo=self.memo)
        if result.written and result.site is not None:
            state = _State()
            state.global_signature = _global_signature(result.site, self.site_dir)
            whole_site = _whole_site_signature(result.site)
            for page in result.site.pages:
                state.page_signatures[page.path] = _page_signature(page, whole_site)
            by_path = {o.path: o for o in result.outputs}
            for page in result.site.pages:
                if page.output_path in by_path:
                    state.page_outputs[page.path] = by_path[page.output_path]
            state.written = {o.path: o.content for o in result.outputs}
            state.scans = scan_outputs((o.path, o.content) for o in result.outputs)
            state.files = {p.relative_to(self.out_dir).as_posix()
                           for p in self.out_dir.rglob("*") if p.is_file()
                           and not p.relative_to(self.out_dir).as_posix().startswith(
                               "pagefind/")}
            state.records = list(result.site.loaded.records)
            self.state = state
            self.rendered_last = result.pages
        return result

    def _incremental(self, state: _State) -> BuildResult:
        started = time.perf_counter()
        today = self.today or date.today()
        config = load_config(self.site_dir)
        files, problems = discover_sources(self.site_dir / "content")
        loaded = load_records(files, config, today, FileDates(self.site_dir), self.memo)
        problems += loaded.problems
        site = build_site(SiteInput(config, loaded, today, self.site_dir), SECTIONS)
        problems += site.problems
        _duties, duty_problems = complete_site(site)
        problems += duty_problems
        global_signature = _global_signature(site, self.site_dir)
        everything = global_signature != state.global_signature
        if self.renderer is None:
            self.renderer = Renderer(site, self.site_dir)
        renderer = self.renderer
        renderer.reset(site)
        outputs: list[OutputFile] = []
        signatures: dict[str, str] = {}
        rendered = 0
        rendered_paths: list[str] = []
        whole_site = _whole_site_signature(site)
        for page in site.pages:
            signature = _page_signature(page, whole_site)
            signatures[page.path] = signature
            previous = state.page_outputs.get(page.path)
            if not everything and previous is not None \
                    and state.page_signatures.get(page.path) == signature:
                outputs.append(previous)
                continue
            outputs.append(renderer.render_page(page))
            rendered += 1
            rendered_paths.append(page.path)
        problems += renderer.problems
        all_outputs = outputs + site.files
        for output_builder in OUTPUTS:
            all_outputs += output_builder(site)
        copies = site.copies + linked_copies(site, renderer.linked_assets) \
            + theme_assets(self.site_dir)
        problems += self._check_links(state, site, all_outputs, copies)
        problems = unique_sorted(problems)
        result = BuildResult(site, problems, out_dir=self.out_dir, pages=len(outputs),
                             files=len(all_outputs) + len(copies), outputs=all_outputs)
        failed = bool(result.errors) or (
            self.strict and any(p.severity is Severity.WARNING for p in problems))
        if not failed:
            changed = self._write_changes(state, all_outputs, copies)
            if changed:
                self._refresh_search(site.pages, result)
            state.page_signatures = signatures
            state.page_outputs = {p.path: o for p, o in zip(site.pages, outputs, strict=True)}
            state.global_signature = global_signature
            state.records = list(loaded.records)
            state.scans, state.files = state.pending_scans, state.pending_files
            result.written = True
        self.rendered_last = rendered
        self.rendered_paths = rendered_paths
        result.seconds = time.perf_counter() - started
        return result

    def _check_links(self, state: _State, site: Site, outputs: list[OutputFile],
                     copies: list[CopiedFile]) -> list[Problem]:
        """Check the links of re-rendered pages only, unless a file appeared or vanished or
        a re-rendered page's anchors changed: then every page's links could be affected."""
        scans = dict(state.scans)
        changed: set[str] = set()
        for output in outputs:
            if output.path.endswith(".html") and state.written.get(output.path) != \
                    output.content:
                scans[output.path] = scan_html(output.content)
                changed.add(output.path)
        files = {o.path for o in outputs} | {c.path for c in copies}
        paths = {o.path for o in outputs if o.path.endswith(".html")}
        scans = {path: scans[path] for path in paths if path in scans}
        same_ids = all(state.scans.get(p) is not None and state.scans[p].ids == scans[p].ids
                       for p in changed)
        everything = files != state.files or not same_ids or not state.scans
        state.pending_scans, state.pending_files = scans, files
        return check_links(site, outputs, copies, scans, None if everything else changed)

    def _refresh_search(self, pages: list[PageSpec], result: BuildResult) -> None:
        """Re-index for search; in the background when ``search_in_background`` (serve:
        the browser reloads as soon as pages are written, search catches up a moment
        later)."""
        if not self.search_in_background:
            result.searchable = replace_search_index(self.out_dir, pages)
            return
        self._search_thread = threading.Thread(
            target=replace_search_index, args=(self.out_dir, list(pages)), daemon=True)
        self._search_thread.start()

    def wait_for_search(self) -> None:
        if self._search_thread is not None:
            self._search_thread.join()
            self._search_thread = None

    def _write_changes(self, state: _State, outputs: list[OutputFile],
                       copies: list[CopiedFile]) -> bool:
        """Write only files whose bytes changed, each via a temporary file and a rename.

        Returns whether any HTML page changed (so the search index must be rebuilt).
        """
        wanted = {o.path: o.content for o in outputs}
        html_changed = False
        for path, content in wanted.items():
            if state.written.get(path) != content:
                _atomic_write(self.out_dir, path, content)
                html_changed = html_changed or path.endswith(".html")
        for path in set(state.written) - set(wanted):
            target = self.out_dir / safe_relative(path)
            target.unlink(missing_ok=True)
            html_changed = html_changed or path.endswith(".html")
        state.written = wanted
        for copy in copies:
            stat = copy.source.stat()
            key = (str(copy.source), stat.st_size, stat.st_mtime_ns)
            if state.copied.get(copy.path) != key:
                target = self.out_dir / safe_relative(copy.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(copy.source, target)
                state.copied[copy.path] = key
        return html_changed


def _atomic_write(root: Path, path: str, content: bytes) -> None:
    target = root / safe_relative(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    temporary.write_bytes(content)
    os.replace(temporary, target)


def _page_signature(page: PageSpec, whole_site: str) -> str:
    """Everything a page's rendering reads from its own spec.

    Pages that list the whole site (publication scheme, data catalogue) declare
    ``depends_on=("*",)`` and also change whenever any page or dataset does.
    """
    digest = hashlib.sha256()
    if "*" in page.depends_on:
        digest.update(whole_site.encode())
    record = page.record
    parts = [page.path, page.template, page.title, page.body or "", str(page.body_line),
             repr(page.summary), repr(page.updated), repr(page.publication_class),
             repr(page.duties), repr(page.kind), repr(page.lang), repr(page.nav_order),
             repr(sorted(page.context.items(), key=lambda kv: kv[0])),
             # Loading reuses the same Record object for an unchanged file (and the
             # builder keeps the previous records alive, so an id is never recycled).
             str(id(record)) if record else ""]
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


def _global_signature(site: Site, site_dir: Path) -> str:
    """What every page may show: settings, navigation, titles of all pages, templates,
    the link map (Markdown links anywhere may point at any page) and data files."""
    digest = hashlib.sha256()
    digest.update(site.config.model_dump_json().encode())
    digest.update(repr(site.navigation).encode())
    digest.update(repr(site.footer_links).encode())
    for page in site.pages:
        digest.update(f"{page.path}\x00{page.title}\x00{page.summary}\x00{page.nav_order}\n"
                      .encode("utf-8", "surrogatepass"))
    digest.update(repr(sorted(site.link_targets.items())).encode())
    digest.update(repr(sorted(site.loaded.withheld.items())).encode())
    digest.update(repr(sorted(site.loaded.assets)).encode())
    for directory in template_dirs(site_dir):
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\x00{stat.st_size}\x00{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _whole_site_signature(site: Site) -> str:
    digest = hashlib.sha256()
    for page in site.pages:
        digest.update(f"{page.path}\x00{page.title}\x00{page.updated}\x00{page.kind}"
                      f"\x00{page.publication_class}\x00{page.duties}\n"
                      .encode("utf-8", "surrogatepass"))
    for output in site.files:
        digest.update(f"{output.path}\x00{len(output.content)}\x00{output.updated}\n"
                      .encode())
    return digest.hexdigest()
