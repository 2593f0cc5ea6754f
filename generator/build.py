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

from generator.checks.links import check_links
from generator.config import load_config
from generator.dates import FileDates
from generator.errors import Problem, Severity
from generator.outputs import OUTPUTS
from generator.records import load_records
from generator.render import render_pages, template_dirs
from generator.search import write_search_index
from generator.sections import SECTIONS
from generator.site import CopiedFile, OutputFile, Site, SiteInput, build_site
from generator.sources import discover_sources
from generator.writer import StagingFolder


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
    searchable: int = 0
    """Pages in the search index (0 when indexing was skipped)."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def build(site_dir: Path, out_dir: Path | None = None, *, today: date | None = None,
          strict: bool = False, write: bool = True, search: bool = True,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the site in ``site_dir``. Raises ConfigError (bad site.yml) and TemplateError.

    ``search=False`` skips the Pagefind index (fast builds in unit tests); links to the
    search bundle are still accepted by the link check.
    """
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    out_dir = (out_dir or site_dir / "_site").resolve()
    today = today or date.today()
    config = load_config(site_dir)

    files, problems = discover_sources(site_dir / "content")
    loaded = load_records(files, config, today, FileDates(site_dir))
    problems += loaded.problems
    site = build_site(SiteInput(config, loaded, today, site_dir), SECTIONS)
    problems += site.problems

    rendered, linked_assets, render_problems = render_pages(site, site_dir, progress)
    problems += render_problems
    outputs = rendered + site.files
    for output_builder in OUTPUTS:
        outputs += output_builder(site)
    copies = site.copies + _linked_copies(site, linked_assets) + _theme_assets(site_dir)
    problems += check_links(site, outputs, copies)

    problems = _unique_sorted(problems)
    result = BuildResult(site, problems, out_dir=out_dir, pages=len(rendered),
                         files=len(outputs) + len(copies), outputs=outputs)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if write and not failed:
        staging = StagingFolder(out_dir)
        try:
            staging.write(outputs)
            staging.copy(copies)
            if search:
                result.searchable = write_search_index(staging.path, site.pages)
            staging.commit()
        except BaseException:
            staging.discard()
            raise
        result.written = True
    result.seconds = time.perf_counter() - started
    return result


def _linked_copies(site: Site, linked: set[str]) -> list[CopiedFile]:
    """Copy a content file only when published content links to it (never exempt ones)."""
    copies = []
    for rel in sorted(linked):
        asset = site.loaded.assets.get(rel)
        if asset is not None and rel not in site.blocked_assets:
            copies.append(CopiedFile(rel, asset.path))
    return copies


def _theme_assets(site_dir: Path) -> list[CopiedFile]:
    """Static files of the theme under /assets/; a site's own file wins by name."""
    chosen: dict[str, Path] = {}
    for directory in reversed(template_dirs(site_dir)):
        static = directory / "static"
        if static.is_dir():
            for path in sorted(static.rglob("*")):
                if path.is_file():
                    chosen[path.relative_to(static).as_posix()] = path
    return [CopiedFile(f"assets/{rel}", path) for rel, path in sorted(chosen.items())]


def _unique_sorted(problems: list[Problem]) -> list[Problem]:
    seen = set()
    unique = []
    for problem in problems:
        key = (problem.path, problem.line, problem.field, problem.message, problem.severity)
        if key not in seen:
            seen.add(key)
            unique.append(problem)
    return sorted(unique, key=Problem.sort_key)
