"""Incremental rebuilds for ``serve``: redo only what an edit can have changed.

Between rebuilds the builder keeps the last good site model, each page's rendering, and
what each file loaded to. A rebuild then:

1. loads again only files that changed (``serve`` says which; otherwise by size and time);
2. re-runs only sections that read a changed record or file (``section_cache.py``): editing
   a page does not rebuild meetings, decisions or spending;
3. when no section changed the site's shape (addresses, titles, dates, duties, datasets),
   keeps the navigation, link map, duty evaluation, publication scheme, sitemap and feeds;
4. renders again only pages whose inputs differ from the last build (``page_inputs.py``)
   or that showed something of another page that changed, such as its title or where a
   link goes (``page_reads.py``), or every page when something they all show changed
   (settings, templates, navigation, footer, logo);
5. checks the links of re-rendered pages, and writes only files whose bytes changed,
   each atomically. The search index is refreshed after, in the background in ``serve``.

The first build (and any build after an error in the first) is a full, staged build. The
result is byte-identical to a clean build (``tests/serve/test_build_equivalence.py``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.build import (
    BuildResult,
    build,
    complete_site,
    linked_copies,
    theme_assets,
    unique_sorted,
)
from generator.checks.htmlscan import ScannedPage, scan_outputs
from generator.checks.links import check_links
from generator.duties.report import DutyReport
from generator.errors import Problem, Severity
from generator.load.config import SiteConfig, load_config
from generator.load.dates import FileDates, site_today
from generator.load.records import LoadMemo, LoadResult, load_records
from generator.load.sources import SourceFile, discover_sources
from generator.outputs.search import replace_search_index
from generator.outputs.site_files import OUTPUTS
from generator.render.metadata import logo_path
from generator.render.page_reads import changed_reads
from generator.render.renderer import RenderedPage, Renderer, template_dirs
from generator.sections import SECTIONS
from generator.serve.page_inputs import InputComparer
from generator.serve.section_cache import SectionCache, asset_stamp
from generator.site import PageSpec, Site, SiteInput, assemble_site
from generator.writer import CopiedFile, OutputFile, safe_relative


@dataclass
class _State:
    """The last good build."""

    site: Site
    rendered: dict[str, RenderedPage]
    """By page path."""
    site_outputs: list[OutputFile]
    """Whole-site files (sitemap, feed, catalogue JSON)."""
    duties: DutyReport
    duty_problems: list[Problem]
    settings_signature: str
    global_signature: str
    sources: list[SourceFile]
    written: dict[str, bytes] = field(default_factory=dict)
    copied: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    scans: dict[str, ScannedPage] = field(default_factory=dict)
    files: set[str] = field(default_factory=set)


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
        self.sections = SectionCache()
        self.state: _State | None = None
        self.rendered_last: int = 0
        self.rendered_paths: list[str] = []
        """Site paths re-rendered by the last incremental build (for tests and timing)."""
        self.renderer: Renderer | None = None
        self._modified: set[Path] | None = None

    def expect_changes(self, changes: Iterable[tuple[str, Path]]) -> None:
        """What the file watcher saw since the last build: ("modified" | "added" |
        "deleted", path). When every change is a modified content file the next build
        trusts that no other file changed, and does not look at them again."""
        modified = set()
        for kind, path in changes:
            if kind != "modified":
                self._modified = None
                return
            modified.add(Path(path).resolve())
        self._modified = modified if self._modified is None else self._modified | modified

    def build(self) -> BuildResult:
        self.wait_for_search()  # never write pages while the index is being replaced
        modified, self._modified = self._modified, None
        if self.state is None:
            return self._full()
        return self._incremental(self.state, modified)

    def _full(self) -> BuildResult:
        self.sections.clear()
        result = build(self.site_dir, self.out_dir, today=self.today, strict=self.strict,
                       use_cache=True, memo=self.memo, section_cache=self.sections)
        site = result.site
        if result.written and site is not None and result.duties is not None:
            self.sections.commit()
            config = site.config
            rendered = {page.path: one for page, one in zip(site.pages, result.rendered,
                                                            strict=True)}
            self.state = _State(
                site=site, rendered=rendered,
                site_outputs=result.site_outputs,
                duties=result.duties, duty_problems=result.duty_problems,
                settings_signature=_settings_signature(config, site.today, self.site_dir),
                global_signature=_global_signature(site, self.memo,
                                                   _own_templates(self.site_dir)),
                sources=result.sources,
                written={o.path: o.content for o in result.outputs},
                scans=result.scans,
                files={o.path for o in result.outputs} | {c.path for c in result.copies})
            self.rendered_last = result.pages
            self.renderer = Renderer(site, self.site_dir)
            self.renderer.warm_up(site.pages)
        return result

    def _incremental(self, state: _State, modified: set[Path] | None) -> BuildResult:
        started = time.perf_counter()
        config = load_config(self.site_dir)
        today = self.today or site_today(config.time_zone)
        settings = _settings_signature(config, today, self.site_dir)
        settings_changed = settings != state.settings_signature
        everything = settings_changed
        if settings_changed:
            self.sections.clear()
        sources, problems, trusted = self._sources(state, modified)
        loaded = load_records(sources, config, today, FileDates(self.site_dir), self.memo,
                              trusted=trusted)
        problems += loaded.problems
        site_input = SiteInput(config, loaded, today, self.site_dir)
        results, same_shape = self.sections.run_all(
            SECTIONS, site_input, lambda: asset_stamp(loaded, self.memo))
        same_shape = same_shape and not everything and \
            _global_files(loaded) == _global_files(state.site.loaded)
        global_signature = state.global_signature
        if same_shape:
            site = assemble_site(site_input, results, same_shape_as=state.site)
            duties, duty_problems = state.duties, state.duty_problems
            site_outputs = state.site_outputs
        else:
            site = assemble_site(site_input, results)
            duties, duty_problems = complete_site(site)
            site_outputs = [o for b in OUTPUTS for o in b(site)]
            global_signature = _global_signature(site, self.memo, _own_templates(self.site_dir))
            everything = everything or global_signature != state.global_signature
        problems += site.problems + duty_problems
        forced = set() if same_shape else {
            id(page) for r in self.sections.whole_site_results for page in r.pages}
        changed = set() if same_shape or everything else changed_reads(state.site, site)

        if self.renderer is None or settings_changed:
            self.renderer = Renderer(site, self.site_dir)  # templates may have come or gone
        renderer = self.renderer
        renderer.reset(site)
        comparer = InputComparer()
        rendered: dict[str, RenderedPage] = {}
        rendered_paths: list[str] = []
        for page in site.pages:
            before = state.rendered.get(page.path)
            old = state.site.page_at(page.path)
            if before is not None and old is not None and not everything and \
                    id(page) not in forced and before.reads.isdisjoint(changed) and \
                    (old is page or comparer.same(old, page)):
                rendered[page.path] = before
                continue
            rendered[page.path] = renderer.render_noted(page)
            rendered_paths.append(page.path)
        for one in rendered.values():
            problems.extend(one.problems)
        linked = set().union(*(one.linked_assets for one in rendered.values()))
        outputs = [one.output for one in rendered.values()] + site.files + site_outputs
        copies = site.copies + linked_copies(site, linked) + theme_assets(self.site_dir)
        scans, files, link_problems = self._check_links(state, site, outputs, copies,
                                                        rendered)
        problems = unique_sorted(problems + link_problems)
        result = BuildResult(site, problems, out_dir=self.out_dir, pages=len(rendered),
                             files=len(outputs) + len(copies), outputs=outputs,
                             duties=duties, duty_problems=duty_problems, sources=sources)
        failed = bool(result.errors) or (
            self.strict and any(p.severity is Severity.WARNING for p in problems))
        if not failed:
            if self._write_changes(state, outputs, copies):
                self._refresh_search(site.pages, result)
            self.sections.commit()
            state.site, state.rendered, state.site_outputs = site, rendered, site_outputs
            state.duties, state.duty_problems = duties, duty_problems
            state.settings_signature, state.global_signature = settings, global_signature
            state.sources, state.scans, state.files = sources, scans, files
            result.written = True
        else:
            self.sections.discard()
        self.rendered_last = len(rendered_paths)
        self.rendered_paths = rendered_paths
        result.seconds = time.perf_counter() - started
        return result

    def _sources(self, state: _State, modified: set[Path] | None
                 ) -> tuple[list[SourceFile], list[Problem], frozenset[str]]:
        """The content files, and which of them are known to be unchanged.

        When the watcher saw only modifications of files the last build had, the file
        list is the same and only those files need looking at; otherwise walk the folder.
        """
        if modified is not None:
            content = self.site_dir / "content"
            known = {source.path: source.rel for source in state.sources}
            changed = {known.get(path) for path in modified if content in path.parents}
            if None not in changed:  # else a file the last build did not have: walk
                for rel in changed:  # load again even if its size and time look the same
                    self.memo.pop(str(rel), None)
                return state.sources, [], frozenset(
                    s.rel for s in state.sources if s.rel not in changed)
        files, problems = discover_sources(self.site_dir / "content")
        return files, problems, frozenset()

    def _check_links(self, state: _State, site: Site, outputs: list[OutputFile],
                     copies: list[CopiedFile], rendered: dict[str, RenderedPage]
                     ) -> tuple[dict[str, ScannedPage], set[str], list[Problem]]:
        """Check the links of re-rendered pages only, unless a file vanished or a
        re-rendered page's anchors changed: then every page's links could be affected.
        (A file that appeared cannot break a link: the last good build's links all led
        somewhere, and still do.) Pages were scanned when they were rendered; this only
        reads their scans."""
        scans = scan_outputs(((o.path, o.content) for o in outputs),
                             {one.output.path: one.scan for one in rendered.values()})
        contents = {o.path: o.content for o in outputs}
        changed = {path for path in scans if state.written.get(path) != contents[path]}
        files = {o.path for o in outputs} | {c.path for c in copies}
        same_ids = all(p not in state.scans or state.scans[p].ids == scans[p].ids
                       for p in changed)  # no link led to a page that is new
        everything = not files >= state.files or not same_ids
        problems = check_links(site, outputs, copies, scans, None if everything else changed)
        return scans, files, problems

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
            before = state.written.get(path)
            if before is not content and before != content:
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


def _settings_signature(config: SiteConfig, today: date, site_dir: Path) -> str:
    """What every page may show and no content file holds: settings, the date, templates
    (including the message catalogues)."""
    digest = hashlib.sha256()
    digest.update(config.model_dump_json().encode())
    digest.update(today.isoformat().encode())
    for directory in template_dirs(site_dir):
        for path in sorted(directory.rglob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path}\x00{stat.st_size}\x00{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _global_signature(site: Site, memo: LoadMemo, own_templates: bool) -> str:
    """What every page shows of the content whatever it reads: navigation, footer, logo.

    What a page reads of other pages (titles, children, where links go) is tracked per
    page instead (``page_reads``), through the default templates' calls. A site's own
    templates may read anything of the site model, so with them every page's title, the
    link map and which files exist count for every page, as before that tracking."""
    digest = hashlib.sha256()
    digest.update(repr(site.navigation).encode())
    digest.update(repr(site.footer_links).encode())
    digest.update(repr(logo_path(site)).encode())
    if own_templates:
        for page in site.pages:
            digest.update(f"{page.path}\x00{page.title}\x00{page.summary}\x00"
                          f"{page.nav_order}\n".encode("utf-8", "surrogatepass"))
        digest.update(repr(sorted(site.link_targets.items())).encode())
        digest.update(repr(sorted(site.blocked_assets.items())).encode())
        digest.update(repr(_global_files(site.loaded)).encode())
        digest.update(repr(asset_stamp(site.loaded, memo)).encode())
    return digest.hexdigest()


def _own_templates(site_dir: Path) -> bool:
    """Whether the site overrides any template (message files do not count)."""
    folder = site_dir / "templates"
    return folder.is_dir() and any(
        path.is_file() and path.parent != folder / "messages" for path in folder.rglob("*"))


def _global_files(loaded: LoadResult) -> tuple[Any, ...]:
    """Unpublished records and non-text files: Markdown links to them resolve differently."""
    return tuple(sorted(loaded.withheld.items())), tuple(sorted(loaded.assets))
