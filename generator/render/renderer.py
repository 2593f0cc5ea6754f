"""Render pages: Markdown bodies through the one renderer, then Jinja templates.

Templates are looked up in the site's own ``templates/`` first, then the default
theme, so a site overrides any template by dropping a file of the same name.
Autoescaping is on and undefined variables fail the build (``StrictUndefined``).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from generator.checks.htmlscan import ScannedPage, scan_html
from generator.errors import Problem, TemplateError, is_one
from generator.load.sources import ParsedSource, dotted_path
from generator.load.yamldata import KeyPath
from generator.render.chrome import Chrome
from generator.render.filters import FILTERS
from generator.render.markdown import MarkdownRenderer, RenderContext
from generator.render.mdcache import CachedMarkdown, MarkdownCache, cache_key
from generator.render.metadata import TEMPLATE_FILTERS, template_globals
from generator.render.tablerows import scheme_rows, table_rows
from generator.site import PageSpec, Site
from generator.urls import LinkFailure
from generator.writer import OutputFile

DEFAULT_THEME = Path(__file__).resolve().parent.parent.parent / "templates"


def written_at(source: ParsedSource | None, text: str, key: str | None = None
               ) -> tuple[int | None, str | None]:
    """The line and name of the front-matter field whose value is ``text`` (a Markdown
    field such as an agenda item's minute), so its problems point there, not at the body.
    The first field called ``key`` with that value wins, else the first with it."""
    if source is None:
        return None, None
    found: list[KeyPath] = []
    stack: list[tuple[KeyPath, Any]] = [((), source.data)]
    while stack:
        path, value = stack.pop(0)
        if isinstance(value, str) and value == text and path:
            found.append(path)
        elif isinstance(value, dict):
            stack += [((*path, name), item) for name, item in value.items()
                      if isinstance(name, str)]
        elif isinstance(value, list):
            stack += [((*path, index), item) for index, item in enumerate(value)]
    if not found:
        return None, None
    path = next((p for p in found if p[-1] == key), found[0])
    return source.line_of(path), dotted_path(path)


def template_dirs(site_dir: Path) -> list[Path]:
    own = site_dir / "templates"
    dirs = [own] if own.is_dir() and own.resolve() != DEFAULT_THEME else []
    return [*dirs, DEFAULT_THEME]


@cache
def _catalogue(path: Path, _mtime: float) -> dict[str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in data.items()}


def message_catalogue(dirs: list[Path], lang: str) -> dict[str, str]:
    """The theme's own words for ``lang`` (e.g. "en", "cy"), English as the fallback."""
    merged: dict[str, str] = {}
    for code in ("en", lang.split("-")[0]):
        for directory in reversed(dirs):
            path = directory / "messages" / f"{code}.yml"
            if path.is_file():
                merged.update(_catalogue(path, path.stat().st_mtime))
    return merged


def counted(messages: dict[str, str], key: str, values: dict[str, Any]) -> str:
    """The message for ``key`` with its ``values``: "<key>_one" when the value named
    ``count`` is one and the catalogue has that form ("1 row", not "1 rows"), so a
    language words its singular (or leaves it out: a catalogue without it keeps one form)."""
    if "count" in values and is_one(values["count"]) and f"{key}_one" in messages:
        key = f"{key}_one"
    text = messages[key]
    return text.format(**values) if values else text


class Renderer:
    """Holds the Jinja environment and the Markdown renderer for one build."""

    def __init__(self, site: Site, site_dir: Path, cache: MarkdownCache | None = None):
        self.site = site
        self.cache = cache or MarkdownCache(None)
        self.dirs = template_dirs(site_dir)
        self.problems: list[Problem] = []
        self.linked_assets: set[str] = set()
        config = site.config
        self.markdown = MarkdownRenderer(allow_html=config.allow_html,
                                         webcast_hosts=tuple(config.webcast_hosts))
        self.catalogues: dict[str, dict[str, str]] = {}
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(TEMPLATE_FILTERS)
        self.env.globals.update(template_globals(site, message_catalogue(self.dirs,
                                                                         config.language)))
        self.env.filters.update(FILTERS)
        self.env.filters["url"] = site.href
        self.env.filters["absolute_url"] = site.absolute_url
        self.env.filters["markdown"] = self._markdown_filter
        self.chrome = Chrome(self.env, site, self.message)
        self.env.globals.update(site=site, config=config, t=self._translate,
                                table_rows=self._table_rows, scheme_rows=self._scheme_rows,
                                with_charts=self._with_charts,
                                site_nav=self.chrome.nav,
                                site_footer=self.chrome.footer)

    @jinja2.pass_context
    def _table_rows(self, context: jinja2.runtime.Context, columns: Any, rows: Any,
                    links: Any, stack: bool = False, lead: Any = ()) -> Markup:
        return table_rows(columns, rows, links or {}, self.site.href,
                          lambda key: str(self._translate(context, key)), stack, lead or ())

    @jinja2.pass_context
    def _scheme_rows(self, context: jinja2.runtime.Context, entries: Any) -> Markup:
        return scheme_rows(entries, self.site.href,
                           lambda key: str(self._translate(context, key)))

    def _with_charts(self, content: Markup, charts: Any) -> Markup:
        """The page's Markdown with each chart drawn just before the table it draws
        (``sections/page_charts.py``), found by the heading that names the table's box."""
        html = str(content)
        macro = self.env.get_template("components/chart.html").module.bar_chart  # type: ignore[attr-defined]
        for item in charts or ():
            marker = f'<div class="table-wrap" data-scroll-labelledby="{item.heading_id}">'
            if marker in html:
                html = html.replace(marker, str(macro(item.chart)) + marker, 1)
        return Markup(html)

    def reset(self, site: Site) -> None:
        """Reuse the compiled templates for a new site model (incremental rebuilds)."""
        self.site = site
        self.problems = []
        self.linked_assets = set()
        self.catalogues = {}  # a site's message files may have been edited
        self.env.filters["url"] = site.href
        self.env.filters["absolute_url"] = site.absolute_url
        self.env.globals.update(site=site, config=site.config)
        self.env.globals.update(template_globals(site, message_catalogue(self.dirs,
                                                                         site.config.language)))
        self.chrome.reset(site)

    @jinja2.pass_context
    def _translate(self, context: jinja2.runtime.Context, key: str, **values: Any) -> str:
        """The theme's word for ``key`` in the page's language (English as fallback)."""
        page = context.get("page")
        return self.message(getattr(page, "lang", None) or self.site.config.language, key,
                            **values)

    def message(self, lang: str, key: str, **values: Any) -> str:
        """The theme's word for ``key`` in ``lang`` (e.g. "cy-GB"), English as fallback."""
        lang = lang.split("-")[0]
        if lang not in self.catalogues:
            self.catalogues[lang] = message_catalogue(self.dirs, lang)
        messages = self.catalogues[lang]
        if key not in messages:
            raise KeyError(f"no message '{key}' in the message catalogue "
                           "(templates/messages/en.yml)")
        return counted(messages, key, values)

    @jinja2.pass_context
    def _markdown_filter(self, context: jinja2.runtime.Context, text: str | None,
                         key: str | None = None) -> Markup:
        """Render a Markdown field (e.g. an agenda item's minute) with the page's links.
        ``key`` names the field (``im.minute | markdown("minute")``) so its problems are
        located on it even when another field holds the same text."""
        if not text:
            return Markup("")
        page: PageSpec = context["page"]
        line, field = written_at(page.record.source if page.record else None, text, key)
        return Markup(self.convert_markdown(page, text, line or page.body_line, field))

    def convert_markdown(self, page: PageSpec, text: str, line: int,
                         field: str | None = None) -> str:
        record = page.record
        source_rel = record.rel if record else "index.md"
        display = record.display if record else f"page {page.path}"
        key = cache_key(self._options, source_rel, display if field is None
                        else f"{display}|{field}", text, line)
        cached = self.cache.get(key, self.site.resolve_link)
        if cached is None:
            resolutions: list[tuple[str, str | LinkFailure]] = []

            def resolve(rel: str) -> str | LinkFailure:
                outcome = self.site.resolve_link(rel)
                resolutions.append((rel, outcome))
                return outcome

            ctx = RenderContext(source_rel=source_rel, display=display, body=text,
                                body_line=line, resolve=resolve, href=self.site.href,
                                field=field)
            html = self.markdown.convert(text, ctx)
            cached = CachedMarkdown(html, tuple(ctx.problems), frozenset(ctx.linked_assets),
                                    tuple(resolutions))
            self.cache.put(key, cached)
        self.problems.extend(cached.problems)
        self.linked_assets.update(cached.assets)
        return cached.html

    @property
    def _options(self) -> str:
        config = self.site.config
        return f"{config.allow_html}|{','.join(config.webcast_hosts)}|{config.base_path}"

    def render_page(self, page: PageSpec) -> OutputFile:
        content = Markup("")
        if page.body:
            content = Markup(self.convert_markdown(page, page.body, page.body_line))
        try:
            template = self.env.get_template(page.template)
            html = template.render(page=page, content=content, **page.context)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{exc.filename or exc.name}, line {exc.lineno}: "
                                f"{exc.message} (while building {page.path})") from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template '{exc.name}' not found (while building "
                                f"{page.path}); looked in {', '.join(map(str, self.dirs))}"
                                ) from exc
        except Exception as exc:  # any template runtime failure: locate it, never a traceback
            raise TemplateError(_locate(exc, page)) from exc
        return OutputFile(page.output_path, html.encode("utf-8"))

    def warm_up(self, pages: list[PageSpec]) -> None:
        """Render one page of each template here and drop the result: a full build
        renders in worker processes, so without this the first edits in ``serve`` would
        wait for this process to compile the templates they use (about 80 ms each)."""
        seen: set[str] = set()
        for page in pages:
            if page.template not in seen:
                seen.add(page.template)
                self.render_page(page)
        self.problems, self.linked_assets = [], set()

    def render_noted(self, page: PageSpec) -> RenderedPage:
        """Render one page with what it alone produced (problems, linked files, its links
        and anchors), so an incremental build can carry them over for pages it does not
        render again. The scan runs here, in the render workers, in parallel."""
        self.problems, self.linked_assets = [], set()
        reads: set[str] = set()
        self.site.reads = reads
        try:
            output = self.render_page(page)
        finally:
            self.site.reads = None
        scan = scan_html(output.content) if output.path.endswith(".html") else None
        return RenderedPage(output, tuple(self.problems), frozenset(self.linked_assets), scan,
                            frozenset(reads))


@dataclass(frozen=True)
class RenderedPage:
    output: OutputFile
    problems: tuple[Problem, ...]
    linked_assets: frozenset[str]
    scan: ScannedPage | None = None
    """Its links and anchors (HTML pages)."""
    reads: frozenset[str] = frozenset()
    """What it showed of other pages and of the link map (``Site.reads``)."""


def _locate(exc: Exception, page: PageSpec) -> str:
    """Name the template file and line from the traceback Jinja rewrote for us."""
    where = "a template"
    for frame in reversed(traceback.extract_tb(sys.exc_info()[2])):
        if frame.filename.endswith((".html", ".xml", ".txt")):
            where = f"{frame.filename}, line {frame.lineno}"
            break
    return f"{where}: {exc} (while building {page.path})"


@dataclass
class RenderResult:
    outputs: list[OutputFile]
    linked_assets: set[str]
    problems: list[Problem]
    pages: list[RenderedPage] = field(default_factory=list)
    """Per page, in page order (outputs[i] is pages[i].output)."""


# Pages are rendered in chunks; below this many pages a second process costs more than
# it saves.
_PARALLEL_THRESHOLD = 300
_CHUNK = 100
_WORKER_STATE: tuple[Site, Path, MarkdownCache] | None = None


_WORKER_RENDERER: Renderer | None = None
"""One per worker process (forked with ``_WORKER_STATE`` set and this None), so each
worker compiles the templates and renders the shared navigation once, not per chunk."""


def _render_chunk(bounds: tuple[int, int]
                  ) -> tuple[list[RenderedPage], dict[str, CachedMarkdown]]:
    global _WORKER_RENDERER
    assert _WORKER_STATE is not None
    site, site_dir, cache = _WORKER_STATE
    cache.used = {}
    if _WORKER_RENDERER is None:
        _WORKER_RENDERER = Renderer(site, site_dir, cache)
    renderer = _WORKER_RENDERER
    return [renderer.render_noted(page) for page in site.pages[bounds[0]:bounds[1]]], \
        cache.used


def render_pages(site: Site, site_dir: Path,
                 progress: Callable[[int, int], None] | None = None,
                 cache: MarkdownCache | None = None, workers: int | None = None
                 ) -> RenderResult:
    """Render every page; on several cores, in forked worker processes.

    Each page renders independently, and results are merged in page order, so the
    output is the same byte for byte however many workers ran.
    """
    global _WORKER_STATE
    cache = cache or MarkdownCache(None)
    total = len(site.pages)
    workers = workers or len(os.sched_getaffinity(0))
    chunks = [(start, min(start + _CHUNK, total)) for start in range(0, total, _CHUNK)]
    result = RenderResult([], set(), [])
    if workers > 1 and total >= _PARALLEL_THRESHOLD and "fork" in mp.get_all_start_methods():
        _WORKER_STATE = (site, site_dir, cache)
        try:
            with mp.get_context("fork").Pool(workers) as pool:
                for rendered, used in pool.imap(_render_chunk, chunks):
                    for one in rendered:
                        _merge(result, one)
                    cache.used.update(used)
                    if progress:
                        progress(len(result.outputs), total)
        finally:
            _WORKER_STATE = None
        return result
    renderer = Renderer(site, site_dir, cache)
    for index, page in enumerate(site.pages):
        _merge(result, renderer.render_noted(page))
        if progress:
            progress(index + 1, total)
    return result


def _merge(result: RenderResult, page: RenderedPage) -> None:
    result.pages.append(page)
    result.outputs.append(page.output)
    result.linked_assets.update(page.linked_assets)
    result.problems.extend(page.problems)

