"""The pipeline, end to end: config → load → validate → site → render → write.

Each stage returns values plus problems; this module only sequences them and decides
whether the result may be written. Nothing is written when there are errors (or, with
``strict``, warnings), and the write itself is atomic (see ``writer.py``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from generator.checks.conflicts import Claim, origin_of_copy, output_conflicts
from generator.checks.htmlscan import ScannedPage, scan_outputs
from generator.checks.links import check_links
from generator.duties.report import DutyReport
from generator.errors import Problem, Severity
from generator.fingerprint import BuildStamp, input_fingerprint
from generator.load.config import SiteConfig, load_config
from generator.load.dates import FileDates, site_today
from generator.load.records import LoadMemo, LoadResult, load_records
from generator.load.sources import SourceFile, discover_sources
from generator.outputs.search import write_search_index
from generator.outputs.site_files import OUTPUTS
from generator.render.mdcache import MarkdownCache
from generator.render.renderer import RenderedPage, render_pages, template_dirs
from generator.sections import SECTIONS
from generator.sections.whole_site import WholeSite, complete_site, with_whole_site
from generator.site import SectionResult, Site, SiteInput, assemble_site
from generator.writer import (
    CopiedFile,
    OutputFile,
    StagingFolder,
    check_output_folder,
    recover_output,
)


@dataclass
class BuildResult:
    """What a build did: the site model, every problem, and what was written."""

    site: Site | None
    problems: list[Problem] = field(default_factory=list)
    written: bool = False
    out_dir: Path | None = None
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    outputs: list[OutputFile] = field(default_factory=list)
    unchanged: bool = False
    """True when the inputs matched the last build and nothing was rebuilt."""
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds per stage: load, site, render, check, write, search."""
    duties: DutyReport | None = None
    """Every publication duty's status and click depths; its problems are NOT in
    ``problems``: ``check`` fails on them, ``build`` only shows them as warnings."""
    searchable: int = 0
    """Pages in the search index (0 when indexing was skipped)."""
    duty_problems: list[Problem] = field(default_factory=list)
    """Duty claims the catalogue does not know (also in ``problems``)."""
    rendered: list[RenderedPage] = field(default_factory=list)
    """Each page's rendering, in ``site.pages`` order (incremental builds start from it)."""
    sources: list[SourceFile] = field(default_factory=list)
    copies: list[CopiedFile] = field(default_factory=list)
    scans: dict[str, ScannedPage] = field(default_factory=dict)
    """Links and anchors of each HTML file, as the link check saw them."""
    site_outputs: list[OutputFile] = field(default_factory=list)
    """Files made from the whole site model: sitemap, robots.txt, feed, catalogue JSON."""
    whole: WholeSite | None = None
    """What the whole-site phase made (``serve`` reuses it while the site's shape holds)."""
    checked: Checked | None = None
    failed: bool = False
    """Errors, or warnings with ``strict``: nothing may be written."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


@dataclass(frozen=True)
class BuildOptions:
    """Every choice a build takes besides its folders. ``serve`` builds with the same
    options, so a flag of ``build`` cannot be forgotten by the preview."""

    today: date | None = None
    strict: bool = False
    compliance_report: bool = False
    """Publish /compliance/ as if site.yml said ``duties.publish_report: true``."""
    search: bool = True
    """False skips the Pagefind index (fast builds in unit tests)."""
    workers: int | None = None
    use_cache: bool = True


def build(site_dir: Path, out_dir: Path | None = None, *, today: date | None = None,
          strict: bool = False, write: bool = True, compliance_report: bool = False,
          search: bool = True,
          progress: Callable[[int, int], None] | None = None,
          cache_dir: Path | None = None, use_cache: bool = True,
          workers: int | None = None, memo: LoadMemo | None = None,
          run_sections: SectionRunner | None = None) -> BuildResult:
    """Build the site in ``site_dir``. Raises ConfigError (bad site.yml) and TemplateError.

    ``memo`` and ``run_sections`` are ``serve``'s caches (what each file loaded to, and
    each section's last result); a plain build starts without them.
    """
    options = BuildOptions(today, strict, compliance_report, search, workers, use_cache)
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    out_dir = (out_dir or site_dir / "_site").resolve()
    if write:
        check_output_folder(out_dir, site_dir)
    config, today = settings(site_dir, options)
    cache_dir = cache_dir or site_dir / ".cache" / "transparency"
    stamp = BuildStamp(cache_dir / "last-build.json")
    fingerprint = input_fingerprint(site_dir, template_dirs(site_dir),
                                    {"today": today, "strict": strict, "out": str(out_dir),
                                     "report": compliance_report, "search": search})
    if write and use_cache and memo is None:
        recover_output(out_dir)
        previous = stamp.matches(fingerprint, out_dir)
        if previous is not None:
            return _unchanged(previous, out_dir, started)

    timings: dict[str, float] = {}
    clock = _Stopwatch(timings)
    sources, loaded, problems = load_stage(site_dir, config, today, memo)
    clock("load")
    site_input = SiteInput(config, loaded, today, site_dir)
    site = site_stage(site_input, run_sections(site_input) if run_sections else None)
    site, whole, site_outputs = whole_site_stage(site)
    clock("site")
    cache = MarkdownCache(cache_dir / "markdown.json" if use_cache else None)
    rendered = render_pages(site, site_dir, progress, cache=cache, workers=workers).pages
    clock("render")
    checked = check_stage(site, site_dir, rendered, site_outputs, whole.duties)
    clock("check")
    result = finish(site, problems, rendered, whole, site_outputs, checked, sources, out_dir,
                    strict)
    if write and not result.failed:
        staging = StagingFolder(out_dir)
        try:
            staging.write(checked.outputs)
            staging.copy(checked.copies)
            clock("write")
            if search:
                result.searchable = write_search_index(staging.path, site.pages)
                clock("search")
            staging.commit()
        except BaseException:
            staging.discard()
            raise
        result.written = True
        cache.save()
        if use_cache:
            stamp.save(fingerprint, out_dir, {
                "pages": result.pages, "files": result.files,
                "problems": [p.as_dict() for p in result.problems]})
    result.timings = timings
    result.seconds = time.perf_counter() - started
    return result


# The stages. A cold build and ``serve``'s incremental builder run these same functions;
# serve only passes what it kept from the last build.

SectionRunner = Callable[[SiteInput], list[SectionResult]]
"""Runs every section of ``SECTIONS`` (``serve`` passes one that reuses unchanged ones)."""


def settings(site_dir: Path, options: BuildOptions) -> tuple[SiteConfig, date]:
    """site.yml and the day the site is built for."""
    config = load_config(site_dir)
    if options.compliance_report:
        duties = config.duties.model_copy(update={"publish_report": True})
        config = config.model_copy(update={"duties": duties})
    return config, options.today or site_today(config.time_zone)


def load_stage(site_dir: Path, config: SiteConfig, today: date, memo: LoadMemo | None = None,
               sources: list[SourceFile] | None = None, trusted: frozenset[str] = frozenset()
               ) -> tuple[list[SourceFile], LoadResult, list[Problem]]:
    """Find the content files (unless ``sources`` already lists them) and load them;
    ``trusted`` files are known unchanged, so their ``memo`` entry is used unchecked."""
    problems: list[Problem] = []
    if sources is None:
        sources, problems = discover_sources(site_dir / "content")
    loaded = load_records(sources, config, today, FileDates(site_dir), memo, trusted=trusted)
    return sources, loaded, problems + loaded.problems


def site_stage(site_input: SiteInput, results: list[SectionResult] | None = None,
               same_shape_as: Site | None = None) -> Site:
    """Every section's pages and files joined into one model (``results`` when the caller
    ran the sections itself)."""
    if results is None:
        results = [section(site_input) for section in SECTIONS]
    return assemble_site(site_input, results, same_shape_as=same_shape_as)


def whole_site_stage(site: Site, same_shape_as: BuildResult | None = None
                     ) -> tuple[Site, WholeSite, list[OutputFile]]:
    """The whole-site pages, the duty evaluation, and the files made from the whole model
    (sitemap, feed, catalogue JSON). ``same_shape_as``: a build of a site with the same
    shape (``serve``), whose whole-site results still hold."""
    previous = same_shape_as.whole if same_shape_as is not None else None
    whole = complete_site(site, previous)
    site = with_whole_site(site, whole)
    if same_shape_as is not None and previous is not None:
        return site, whole, same_shape_as.site_outputs
    return site, whole, [o for output_builder in OUTPUTS for o in output_builder(site)]


@dataclass
class Checked:
    """What the check stage saw: every file the build would write, and its problems."""

    outputs: list[OutputFile]
    copies: list[CopiedFile]
    scans: dict[str, ScannedPage]
    duties: DutyReport
    problems: list[Problem]
    contents: dict[str, bytes]
    """Output path → bytes."""
    paths: set[str]
    """Every path written or copied."""
    claims: tuple[tuple[str, ...], tuple[tuple[str, str], ...]] = ((), ())
    """Output paths in order and (copy, source) pairs: the same claims clash the same way."""
    conflicts: list[Problem] = field(default_factory=list)


def check_stage(site: Site, site_dir: Path, rendered: list[RenderedPage],
                site_outputs: list[OutputFile], duties: DutyReport,
                previous: Checked | None = None) -> Checked:
    """Assemble every output, then check it before anything is written: clashing paths,
    links and anchors, and how many clicks each duty's page is from the home page.

    With ``previous`` (the last good build) only links of pages whose bytes changed are
    checked, unless a file vanished or a changed page's anchors did: then every page's
    links could be affected. (A file that appeared cannot break a link: the last good
    build's links all led somewhere, and still do.) The same claims to output paths clash
    as they did, and while no page's links changed the click depths are as they were:
    both are taken from ``previous`` (on a 7,000-page site they cost 0.2 s an edit)."""
    problems = [problem for page in rendered for problem in page.problems]
    linked: set[str] = set().union(*(page.linked_assets for page in rendered))
    outputs = [page.output for page in rendered] + site.files + site_outputs
    copies = site.copies + linked_copies(site, linked) + theme_assets(site_dir)
    scans = scan_outputs(((o.path, o.content) for o in outputs),
                         {page.output.path: page.scan for page in rendered})
    contents = {o.path: o.content for o in outputs}
    paths = set(contents) | {c.path for c in copies}
    claims = (tuple(o.path for o in outputs), tuple((c.path, str(c.source)) for c in copies))
    conflicts = previous.conflicts if previous is not None and previous.claims == claims \
        else output_conflicts(_claims(site, outputs, copies, site_dir))
    problems += conflicts
    changed = None if previous is None else {
        path for path in scans if previous.contents.get(path) != contents[path]}
    problems += check_links(site, outputs, copies, scans,
                            _links_to_check(changed, paths, scans, previous))
    same_links = previous is not None and changed is not None and \
        scans.keys() == previous.scans.keys() and \
        all(set(previous.scans[path].anchors) == set(scans[path].anchors)  # not their order:
            for path in changed)  # a renamed page moves in the lists, its links do not
    kept = previous.duties if previous is not None and same_links else None
    return Checked(outputs, copies, scans,
                   duties.with_clicks(scans, site.config.base_path, kept), problems,
                   contents, paths, claims, conflicts)


def _links_to_check(changed: set[str] | None, paths: set[str],
                    scans: dict[str, ScannedPage], previous: Checked | None) -> set[str] | None:
    """The pages whose links need checking again (``changed``: pages whose bytes differ
    from the last build's); None for every page."""
    if previous is None or changed is None:
        return None
    same_ids = all(path not in previous.scans or previous.scans[path].ids == scans[path].ids
                   for path in changed)
    return changed if same_ids and paths >= previous.paths else None


def finish(site: Site, problems: list[Problem], rendered: list[RenderedPage], whole: WholeSite,
           site_outputs: list[OutputFile], checked: Checked, sources: list[SourceFile],
           out_dir: Path, strict: bool) -> BuildResult:
    """Every problem of every stage, once each and in order, and whether writing is
    refused (errors, or warnings with ``strict``)."""
    everything = unique_sorted(problems + site.problems + whole.problems + checked.problems)
    result = BuildResult(site, everything, out_dir=out_dir, pages=len(rendered),
                         files=len(checked.outputs) + len(checked.copies),
                         outputs=checked.outputs, duties=checked.duties,
                         duty_problems=whole.problems, rendered=rendered, sources=sources,
                         copies=checked.copies, scans=checked.scans, site_outputs=site_outputs,
                         whole=whole, checked=checked)
    result.failed = bool(result.errors) or (strict and bool(result.warnings))
    return result


class _Stopwatch:
    """Records how long each stage took (for the benchmark and ``--timings``)."""

    def __init__(self, timings: dict[str, float]):
        self.timings = timings
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self.last
        self.last = now


def _unchanged(previous: dict[str, Any], out_dir: Path, started: float) -> BuildResult:
    """Nothing changed since the last successful build: report it again, write nothing."""
    problems = [Problem(path=str(p["path"]), message=str(p["message"]), line=p.get("line"),
                        field=p.get("field"), hint=p.get("hint"),
                        severity=Severity(p["severity"]))
                for p in previous.get("problems", [])
                if isinstance(p, dict)]
    result = BuildResult(None, problems, written=True, out_dir=out_dir,
                         pages=int(previous.get("pages", 0)),
                         files=int(previous.get("files", 0)),
                         unchanged=True)
    result.seconds = time.perf_counter() - started
    return result


def _claims(site: Site, outputs: list[OutputFile], copies: list[CopiedFile],
            site_dir: Path) -> list[Claim]:
    """Who wants each output path, in the order the writer would write them."""
    origins = {p.output_path: p.record.display if p.record else f"generated page {p.path}"
               for p in site.pages}
    in_model = set(origins) | {f.path for f in site.files}
    claims = [Claim(o.path, origins.get(o.path, f"generated file {o.path}"), o.path in in_model)
              for o in outputs]
    claims += [Claim(c.path, origin_of_copy(c.source, site_dir)) for c in copies]
    return claims


def linked_copies(site: Site, linked: set[str]) -> list[CopiedFile]:
    """Copy a content file only when published content links to it (never exempt ones)."""
    copies = []
    for rel in sorted(linked):
        asset = site.loaded.assets.get(rel)
        if asset is not None and rel not in site.blocked_assets:
            copies.append(CopiedFile(rel, asset.path))
    return copies


def theme_assets(site_dir: Path) -> list[CopiedFile]:
    """Static files of the theme under /assets/; a site's own file wins by name."""
    chosen: dict[str, Path] = {}
    for directory in reversed(template_dirs(site_dir)):
        static = directory / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file():
                    chosen[path.relative_to(static).as_posix()] = path
    return [CopiedFile(f"assets/{rel}", path) for rel, path in sorted(chosen.items())]


def unique_sorted(problems: list[Problem]) -> list[Problem]:
    seen = set()
    unique = []
    for problem in problems:
        key = (problem.path, problem.line, problem.field, problem.message, problem.severity)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return sorted(unique, key=Problem.sort_key)
