"""Reuse a section's result in ``serve`` when nothing it read has changed.

Each section reads records through ``SiteInput`` (``records(type)``, ``assets``,
``withheld``, ``failed``, ``is_record``), which notes what was read. The cache keeps, per section,
those inputs and the result; on the next build a section whose inputs are the same objects
(loading reuses the record for an unchanged file) is not run again. Editing a page then
re-runs only the pages section, not the meetings, decisions or spending (seconds on a large
site). When no section's shape changed (see ``shape_of``), the whole-site phase's results
(publication scheme, data catalogue, duties) still hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.datasets import DatasetCache
from generator.load.records import LoadMemo, LoadResult
from generator.site import (
    ASSETS,
    FAILED,
    RECORD_PATHS,
    SUMMARIES,
    SUMMARY,
    WITHHELD,
    SectionBuilder,
    SectionResult,
    SiteInput,
)


@dataclass
class _Entry:
    inputs: dict[str, Any]
    result: SectionResult
    shape: tuple[Any, ...] | None = None


class SectionCache:
    """Section results between builds of one ``serve`` session. A build's results are
    kept only if it succeeds (:meth:`commit`), so the next build compares with the last
    good one."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._next: dict[str, _Entry] = {}
        self.ran: list[str] = []
        """Sections run (not reused) by the last build, for tests and timing."""
        self.datasets = DatasetCache()
        """Encoded datasets, for sections that run again (any entry is valid: it is
        matched by the identity of the rows it holds)."""
        self.kept: dict[str, tuple[tuple[Any, ...], Any]] = {}
        """``SiteInput.reuse``'s values (each replaced when its inputs change)."""
        self._summaries: dict[str, tuple[dict[str, Any], Any]] = {}
        """Each ``SiteInput.summary`` with what its function read: kept while that holds
        (any entry is valid, as the datasets' are)."""

    def clear(self) -> None:
        self._entries.clear()
        self._summaries.clear()  # a summary may show the settings or the date
        self.kept.clear()  # so may a reused part of a section
        self.datasets = DatasetCache()

    def commit(self) -> None:
        self._entries = self._next

    def discard(self) -> None:
        self._next = dict(self._entries)

    def run_all(self, sections: list[SectionBuilder], site_input: SiteInput,
                asset_stamp: Callable[[], Any]) -> tuple[list[SectionResult], bool]:
        """Every section's result, and whether the site's shape is as last time (then
        the whole-site phase's results still hold)."""
        self.ran = []
        self._next = dict(self._entries)
        site_input.datasets = self.datasets
        site_input.kept = self.kept
        values = _InputValues(site_input, asset_stamp)
        for key, (inputs, value) in self._summaries.items():
            if all(_same(read, old, values.get(read)) for read, old in inputs.items()):
                site_input.summaries[key] = value
        results = []
        same_shape = bool(self._entries)
        for section in sections:
            entry = self._entries.get(_name(section))
            result = self._reused(entry, values)
            if result is None:
                result = self._run(section, site_input, values)
                same_shape = same_shape and entry is not None and \
                    _shape(entry) == shape_of(result)
            results.append(result)
        for key, reads in site_input.summary_reads.items():  # the summaries made afresh
            self._summaries[key] = ({read: values.get(read) for read in sorted(reads)},
                                    site_input.summaries[key])
        return results, same_shape

    @staticmethod
    def _reused(entry: _Entry | None, values: _InputValues) -> SectionResult | None:
        if entry is not None and all(_same(key, old, values.get(key))
                                     for key, old in entry.inputs.items()):
            return entry.result
        return None

    def _run(self, section: SectionBuilder, site_input: SiteInput,
             values: _InputValues) -> SectionResult:
        site_input.reads = set()
        result = section(site_input)
        inputs = {key: values.get(key) for key in sorted(site_input.reads)}
        self._next[_name(section)] = _Entry(inputs, result)
        self.ran.append(_name(section))
        return result


class _InputValues:
    """The current value of each thing a section can read, computed once per build."""

    def __init__(self, site_input: SiteInput, asset_stamp: Callable[[], Any]):
        self.site_input = site_input
        self.loaded = site_input.loaded
        self.asset_stamp = asset_stamp
        self.cache: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        if key not in self.cache:
            self.cache[key] = self._compute(key)
        return self.cache[key]

    def _compute(self, key: str) -> Any:
        if key.startswith("type:"):
            return tuple(self.loaded.of_type(key[5:]))
        if key == ASSETS:
            return self.asset_stamp()
        if key == WITHHELD:
            return tuple(sorted(self.loaded.withheld.items()))
        if key == RECORD_PATHS:
            return self.loaded.paths()
        if key == FAILED:
            return frozenset(self.loaded.failed)
        if key.startswith(SUMMARY):
            return self.site_input.summary(SUMMARIES[key])
        return None


def _same(key: str, old: Any, new: Any) -> bool:
    if key.startswith("type:"):  # the very same record objects: unchanged files
        return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))
    return bool(old == new)


def _name(section: SectionBuilder) -> str:
    return f"{section.__module__}.{section.__qualname__}"


def _shape(entry: _Entry) -> tuple[Any, ...]:
    if entry.shape is None:
        entry.shape = shape_of(entry.result)
    return entry.shape


def shape_of(result: SectionResult) -> tuple[Any, ...]:
    """What the rest of the site sees of a section's result: addresses, titles, dates,
    duties, feed entries and listings (what the home page shows of a page), datasets'
    descriptions and sizes, link targets. Everything except what is inside each page
    (its body and the rest of its template context)."""
    pages = tuple(
        (p.path, p.template, p.title, p.summary, p.updated, p.publication_class, p.duties,
         p.nav_order, p.kind, p.lang, p.in_sitemap, p.in_search, p.year, p.depends_on,
         p.record.rel if p.record else None, p.context.get("feed_entry"),
         p.context.get("listing"), p.nil_returns, p.duty_gaps, p.duty_dates)
        for p in result.pages)
    files = tuple((f.path, f.title, f.kind, f.updated, f.publication_class, f.description,
                   f.rows, len(f.content)) for f in result.files)
    copies = tuple((c.path, str(c.source)) for c in result.copies)
    return (pages, files, copies, tuple(sorted(result.link_targets.items())),
            tuple(sorted(result.blocked_assets.items())))


def asset_stamp(loaded: LoadResult, memo: LoadMemo) -> tuple[tuple[str, Any], ...]:
    """Each non-text file with its size and time (sections show papers' sizes)."""
    return tuple((rel, memo[rel][0][:2] if rel in memo else None)
                 for rel in sorted(loaded.assets))
