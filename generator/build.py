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

from generator.config import load_config
from generator.conflicts import Claim, origin_of_copy, output_conflicts
from generator.dates import FileDates, site_today
from generator.errors import Problem, Severity
from generator.outputs import OUTPUTS
from generator.records import load_records
from generator.render import render_pages, template_dirs
from generator.sections import SECTIONS
from generator.site import CopiedFile, OutputFile, Site, SiteInput, build_site
from generator.sources import discover_sources
from generator.writer import StagingFolder, check_output_folder


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

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]


def build(site_dir: Path, out_dir: Path | None = None, *, today: date | None = None,
          strict: bool = False, write: bool = True,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build the site in ``site_dir``. Raises ConfigError (bad site.yml) and TemplateError."""
    started = time.perf_counter()
    site_dir = site_dir.resolve()
    out_dir = (out_dir or site_dir / "_site").resolve()
    if write:
        check_output_folder(out_dir, site_dir)
    config = load_config(site_dir)
    today = today or site_today(config.time_zone)

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
    problems += output_conflicts(_claims(site, outputs, copies, site_dir))

    problems = _unique_sorted(problems)
    result = BuildResult(site, problems, out_dir=out_dir, pages=len(rendered),
                         files=len(outputs) + len(copies), outputs=outputs)
    failed = bool(result.errors) or (strict and bool(result.warnings))
    if write and not failed:
        staging = StagingFolder(out_dir)
        try:
            staging.write(outputs)
            staging.copy(copies)
            staging.commit()
        except BaseException:
            staging.discard()
            raise
        result.written = True
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
