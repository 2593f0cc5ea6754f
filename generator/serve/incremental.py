"""Incremental rebuilds for ``serve``: redo only what an edit can have changed.

It runs the pipeline's own stages (``build.py``: settings, load, site, whole-site, render,
check, finish), each given what the last good build kept: the site model, each page's
rendering, and what each file loaded to. A rebuild then:

1. loads again only files that changed (``serve`` says which; otherwise by size and time);
2. re-runs only sections that read a changed record or file (``section_cache.py``): editing
   a page does not rebuild meetings, decisions or spending;
3. when no section changed the site's shape (addresses, titles, dates, duties, datasets),
   keeps the navigation, link map, duty evaluation, whole-site pages, sitemap and feeds;
4. renders again only pages whose inputs differ from the last build (``page_inputs.py``)
   or that showed something of another page that changed, such as its title or where a
   link goes (``page_reads.py``), or every page when something they all show changed
   (settings, templates, navigation, footer, logo);
5. checks every output as a build does, following links only from pages whose bytes
   changed (unless a file vanished or anchors changed), and writes only files whose bytes
   changed, each atomically. The search index is refreshed after, in the background.

The first build (and any build after an error in the first) is ``build`` itself. The
result, problems and duty report included, is the same as a clean build's
(``tests/serve/test_incremental_edits.py``, ``tests/serve/test_build_equivalence.py``).
"""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.build import (
    BuildOptions,
    BuildResult,
    Checked,
    build,
    check_stage,
    finish,
    load_stage,
    settings,
    site_stage,
    whole_site_stage,
)
from generator.load.config import SiteConfig
from generator.load.records import LoadMemo, LoadResult
from generator.load.sources import SourceFile
from generator.outputs.search import replace_search_index
from generator.render.metadata import logo_path
from generator.render.page_reads import changed_reads
from generator.render.renderer import RenderedPage, Renderer, template_dirs
from generator.sections import SECTIONS
from generator.serve.page_inputs import InputComparer
from generator.serve.section_cache import SectionCache, asset_stamp
from generator.site import PageSpec, SectionResult, Site, SiteInput
from generator.writer import replace_file, safe_relative


@dataclass
class _State:
    """The last good build, and what every page shows that no page input holds."""

    result: BuildResult
    settings_signature: str
    global_signature: str
    copied: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    @property
    def site(self) -> Site:
        assert self.result.site is not None
        return self.result.site

    @property
    def rendered(self) -> dict[str, RenderedPage]:
        """By page path."""
        return {page.path: one for page, one in
                zip(self.site.pages, self.result.rendered, strict=True)}


class IncrementalBuilder:
    """One per ``serve`` session; call :meth:`build` after every change."""

    def __init__(self, site_dir: Path, out_dir: Path, options: BuildOptions | None = None,
                 search_in_background: bool = False):
        self.site_dir = site_dir.resolve()
        self.search_in_background = search_in_background
        self._search_thread: threading.Thread | None = None
        self.out_dir = out_dir.resolve()
        self.options = options or BuildOptions()
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
        """The first build (and any after a failed first): the plain build, with this
        session's caches filled as it goes."""
        self.sections.clear()
        options = self.options
        result = build(self.site_dir, self.out_dir, today=options.today, strict=options.strict,
                       compliance_report=options.compliance_report, search=options.search,
                       workers=options.workers, use_cache=True, memo=self.memo,
                       run_sections=self._run_sections)
        site = result.site
        if result.written and site is not None:
            self.sections.commit()
            self.state = _State(
                result=result,
                settings_signature=_settings_signature(site.config, site.today, self.site_dir),
                global_signature=_global_signature(site, self.memo,
                                                   _own_templates(self.site_dir)))
            self.rendered_last = result.pages
            self.renderer = Renderer(site, self.site_dir)
            self.renderer.warm_up(site.pages)
        return result

    def _run_sections(self, site_input: SiteInput) -> list[SectionResult]:
        results, _ = self.sections.run_all(SECTIONS, site_input,
                                           lambda: asset_stamp(site_input.loaded, self.memo))
        return results

    def _incremental(self, state: _State, modified: set[Path] | None) -> BuildResult:
        """The same stages as ``build``, each given what the last good build kept."""
        started = time.perf_counter()
        config, today = settings(self.site_dir, self.options)
        settings_sig = _settings_signature(config, today, self.site_dir)
        settings_changed = settings_sig != state.settings_signature
        everything = settings_changed
        if settings_changed:
            self.sections.clear()
        known, trusted = self._known_sources(state, modified)
        sources, loaded, problems = load_stage(self.site_dir, config, today, self.memo,
                                               known, trusted)
        site_input = SiteInput(config, loaded, today, self.site_dir)
        results, same_shape = self.sections.run_all(
            SECTIONS, site_input, lambda: asset_stamp(loaded, self.memo))
        same_shape = same_shape and not everything and \
            _global_files(loaded) == _global_files(state.site.loaded)
        site = site_stage(site_input, results, state.site if same_shape else None)
        site, whole, site_outputs = whole_site_stage(site, state.result if same_shape else None)
        global_sig = _global_signature(site, self.memo, _own_templates(self.site_dir)) \
            if not same_shape else state.global_signature
        everything = everything or global_sig != state.global_signature
        if self.renderer is None or settings_changed:
            self.renderer = Renderer(site, self.site_dir)  # templates may have come or gone
        rendered = self._render(state, site, same_shape, everything,
                                forced=set() if same_shape else set(whole.pages))
        checked = check_stage(site, self.site_dir, rendered, site_outputs, whole.duties,
                              previous=state.result.checked)
        result = finish(site, problems, rendered, whole, site_outputs, checked, sources,
                        self.out_dir, self.options.strict)
        if not result.failed:
            previous = state.result.checked
            assert previous is not None
            if self._write_changes(state, previous.contents, checked) and self.options.search:
                self._refresh_search(site.pages, result)
            self.sections.commit()
            state.result = result
            state.settings_signature, state.global_signature = settings_sig, global_sig
            result.written = True
        else:
            self.sections.discard()
        result.seconds = time.perf_counter() - started
        return result

    def _render(self, state: _State, site: Site, same_shape: bool, everything: bool,
                forced: set[str]) -> list[RenderedPage]:
        """Each page's rendering, in ``site.pages`` order: the last build's where its
        inputs, and what it read of other pages, are unchanged; a new one otherwise.
        ``forced``: pages the whole-site phase made again."""
        changed = set() if same_shape or everything else changed_reads(state.site, site)
        renderer = self.renderer
        assert renderer is not None
        renderer.reset(site)
        comparer = InputComparer()
        before_by_path = state.rendered
        rendered: list[RenderedPage] = []
        rendered_paths: list[str] = []
        for page in site.pages:
            before = before_by_path.get(page.path)
            old = state.site.page_at(page.path)
            if before is not None and old is not None and not everything and \
                    page.path not in forced and before.reads.isdisjoint(changed) and \
                    (old is page or comparer.same(old, page)):
                rendered.append(before)
                continue
            rendered.append(renderer.render_noted(page))
            rendered_paths.append(page.path)
        self.rendered_last = len(rendered_paths)
        self.rendered_paths = rendered_paths
        return rendered

    def _known_sources(self, state: _State, modified: set[Path] | None
                       ) -> tuple[list[SourceFile] | None, frozenset[str]]:
        """The content files, if the watcher says the list is as last time, and which of
        them are known to be unchanged.

        When the watcher saw only modifications of files the last build had, the file
        list is the same and only those files need looking at; otherwise walk the folder.
        """
        if modified is not None:
            content = self.site_dir / "content"
            known = {source.path: source.rel for source in state.result.sources}
            changed = {known.get(path) for path in modified if content in path.parents}
            if None not in changed:  # else a file the last build did not have: walk
                for rel in changed:  # load again even if its size and time look the same
                    self.memo.pop(str(rel), None)
                return state.result.sources, frozenset(
                    s.rel for s in state.result.sources if s.rel not in changed)
        return None, frozenset()

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

    def _write_changes(self, state: _State, before: dict[str, bytes],
                       checked: Checked) -> bool:
        """Write only files whose bytes changed, each via a temporary file and a rename.

        Returns whether any HTML page changed (so the search index must be rebuilt).
        """
        html_changed = False
        for path, content in checked.contents.items():
            old = before.get(path)
            if old is not content and old != content:
                _atomic_write(self.out_dir, path, content)
                html_changed = html_changed or path.endswith(".html")
        for path in set(before) - set(checked.contents):
            target = self.out_dir / safe_relative(path)
            target.unlink(missing_ok=True)
            html_changed = html_changed or path.endswith(".html")
        for copy in checked.copies:
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
    replace_file(target, content)


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
