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
from generator.duties.evaluate import evaluate, unknown_claims
from generator.duties.report import DutyReport
from generator.errors import Problem, Severity
from generator.fingerprint import BuildStamp, input_fingerprint
from generator.law.catalogue import load_catalogue
from generator.load.config import SiteConfig, load_config
from generator.load.dates import FileDates, site_today
from generator.load.records import LoadMemo, load_records
from generator.load.sources import SourceFile, discover_sources
from generator.outputs.search import write_search_index
from generator.outputs.site_files import OUTPUTS
from generator.render.mdcache import MarkdownCache
from generator.render.renderer import RenderedPage, render_pages, template_dirs
from generator.sections import SECTIONS
from generator.sections.compliance import fill_compliance_page
from generator.sections.scheme import fill_publication_scheme
from generator.serve.section_cache import SectionCache, asset_stamp
from generator.site import Site, SiteInput, assemble_site, build_site
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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def build(site_dir: Path, out_dir: Path | None = None, *, today: date | None = None,
          strict: bool = False, write: bool = True, compliance_report: bool = False,
          search: bool = True,
          progress: Callable[[int, int], None] | None = None,
          cache_dir: Path | None = None, use_cache: bool = True,
          workers: int | None = None, memo: LoadMemo | None = None,
          section_cache: SectionCache | None = None) -> BuildResult:
    """Build the site in ``site_dir``. Raises ConfigError (bad site.yml) and TemplateError.

    ``compliance_report`` publishes /compliance/ as if site.yml said
    ``duties.publish_report: true``. ``search=False`` skips the Pagefind index (fast
    builds in unit tests); links to the search bundle are still accepted by the link check.
    """
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    out_dir = (out_dir or site_dir / "_site").resolve()
    if write:
        check_output_folder(out_dir, site_dir)
    config = load_config(site_dir)
    today = today or site_today(config.time_zone)
    if compliance_report:
        config = _with_report(config)
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
    files, problems = discover_sources(site_dir / "content")
    loaded = load_records(files, config, today, FileDates(site_dir), memo)
    problems += loaded.problems
    clock("load")
    site_input = SiteInput(config, loaded, today, site_dir)
    if section_cache is not None:  # serve's first build: remember what each section read
        results, _ = section_cache.run_all(SECTIONS, site_input,
                                           lambda: asset_stamp(loaded, memo or {}))
        site = assemble_site(site_input, results)
    else:
        site = build_site(site_input, SECTIONS)
    problems += site.problems
    duties, duty_problems = complete_site(site)
    problems += duty_problems
    clock("site")

    cache = MarkdownCache(cache_dir / "markdown.json" if use_cache else None)
    rendered = render_pages(site, site_dir, progress, cache=cache, workers=workers)
    linked_assets = rendered.linked_assets
    problems += rendered.problems
    site_outputs = [o for output_builder in OUTPUTS for o in output_builder(site)]
    outputs = rendered.outputs + site.files + site_outputs
    copies = site.copies + linked_copies(site, linked_assets) + theme_assets(site_dir)
    clock("render")
    scans = scan_outputs(((o.path, o.content) for o in outputs),
                         {r.output.path: r.scan for r in rendered.pages})
    duties.measure_clicks(rendered.outputs, config.base_path, scans)
    problems += output_conflicts(_claims(site, outputs, copies, site_dir))
    problems += check_links(site, outputs, copies, scans)
    clock("check")

    problems = unique_sorted(problems)
    result = BuildResult(site, problems, out_dir=out_dir, pages=len(rendered.outputs),
                         files=len(outputs) + len(copies), outputs=outputs, duties=duties,
                         duty_problems=duty_problems, rendered=rendered.pages,
                         sources=files, copies=copies, scans=scans,
                         site_outputs=site_outputs)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if write and not failed:
        staging = StagingFolder(out_dir)
        try:
            staging.write(outputs)
            staging.copy(copies)
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
                "problems": [p.as_dict() for p in problems]})
    result.timings = timings
    result.seconds = time.perf_counter() - started
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


def complete_site(site: Site) -> tuple[DutyReport, list[Problem]]:
    """Pages that list or judge the complete site, once every section has run: the
    publication scheme and the compliance report, from the duty evaluation."""
    config = site.config
    catalogue = load_catalogue()
    problems = unknown_claims(catalogue, site.pages)
    fill_publication_scheme(site, catalogue)
    duties = DutyReport(site.today, evaluate(catalogue, site.pages, site.today, config.duties,
                                             config.financial_year_start))
    fill_compliance_page(site, duties.results)
    return duties, problems


def _with_report(config: SiteConfig) -> SiteConfig:
    duties = config.duties.model_copy(update={"publish_report": True})
    return config.model_copy(update={"duties": duties})


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
