"""Turn sources into validated records, and drop everything unpublished.

This is the earliest point at which drafts and embargoed records can be recognised,
so they are removed here: no later stage ever sees them, which is what makes "nothing
unpublished leaks" true by construction rather than by care in each template.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from generator.errors import Problem, error
from generator.load.config import SiteConfig
from generator.load.content_types import (
    ContentType,
    is_asset_path,
    type_for_path,
    type_named,
)
from generator.load.dates import FileDates
from generator.load.sources import TEXT_SUFFIXES, ParsedSource, SourceFile, parse_source
from generator.load.validation import did_you_mean, validate
from generator.models.base import ContentModel
from generator.urls import is_valid_slug, suggest_slug

T = TypeVar("T")


@dataclass
class Record:
    """One validated content record and where it came from."""

    type: str
    source: ParsedSource
    meta: Any
    updated: date
    _derived: dict[Any, Any] = field(default_factory=dict, init=False, compare=False,
                                     repr=False)

    def derive(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value computed from this record alone (and ``key``), computed once: loading
        reuses the same Record while its file is unchanged, so in ``serve`` a section
        that runs again gets the very same objects back for its unchanged files, and
        what is built from them can be recognised as unchanged by identity."""
        if key not in self._derived:
            self._derived[key] = compute()
        return self._derived[key]  # type: ignore[no-any-return]

    @property
    def rel(self) -> str:
        return self.source.file.rel

    @property
    def display(self) -> str:
        return self.source.file.display

    @property
    def body(self) -> str:
        return self.source.body

    def line_of(self, *path: str | int) -> int | None:
        return self.source.line_of(tuple(path))

    def __repr__(self) -> str:
        """Short and cheap: incremental rebuilds compare page contexts by their repr, and
        the default repr spelled out the whole parsed file (minutes on a large site).
        Loading reuses the same Record for an unchanged file, so its identity stands for
        its content."""
        return f"Record({self.type!r}, {self.rel!r}, {id(self):#x})"


@dataclass
class LoadResult:
    records: list[Record] = field(default_factory=list)
    withheld: dict[str, str] = field(default_factory=dict)
    """Content-relative paths of unpublished records → why ("draft", "embargoed until …")."""
    assets: dict[str, SourceFile] = field(default_factory=dict)
    """Non-text files (images, PDFs) and every path in ``content_types.ASSET_PATTERNS``
    (meeting papers), by content-relative path; copied only when linked or named."""
    problems: list[Problem] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)
    """Content-relative paths of text files that exist but could not be loaded (their
    errors are in ``problems``): a link to one is not reported as a link to nothing."""
    _by_type: dict[str, list[Record]] | None = field(default=None, init=False, repr=False)
    _paths: frozenset[str] = field(default=frozenset(), init=False, repr=False)

    def of_type(self, name: str) -> list[Record]:
        return list(self._index().get(name, ()))

    def paths(self) -> frozenset[str]:
        """Content-relative paths of every record."""
        self._index()
        return self._paths

    def _index(self) -> dict[str, list[Record]]:
        """Records by type, built once: sections ask many times, and the list is complete
        (``load_records`` is its only writer) before any section runs."""
        if self._by_type is None:
            by_type: dict[str, list[Record]] = {}
            for record in self.records:
                by_type.setdefault(record.type, []).append(record)
            self._by_type = by_type
            self._paths = frozenset(r.rel for r in self.records)
        return self._by_type


# What loading one file produced, remembered between builds in ``serve`` so an
# unchanged file is not parsed and validated again: (stat key, outcome).
_Outcome = tuple["Record | None", "str | None", list[Problem], bool]
LoadMemo = dict[str, tuple[tuple[int, int, str], _Outcome]]


def load_records(files: list[SourceFile], config: SiteConfig, today: date,
                 dates: FileDates, memo: LoadMemo | None = None,
                 trusted: frozenset[str] = frozenset()) -> LoadResult:
    """``trusted``: files the caller knows are unchanged since ``memo`` was filled (serve's
    file watcher said which changed), so they are not even looked at again."""
    result = LoadResult()
    settings = f"{today.isoformat()}|{hash(config.model_dump_json())}"
    for file in files:
        key: tuple[int, int, str] | None = None
        if memo is not None and file.rel in trusted:
            remembered = memo.get(file.rel)
            if remembered is not None and remembered[0][2] == settings:
                _apply(result, file, remembered[1])
                continue
        if memo is not None:
            try:
                stat = file.path.stat()
                key = (stat.st_size, stat.st_mtime_ns, settings)
            except OSError:
                key = None
            remembered = memo.get(file.rel)
            if key is not None and remembered is not None and remembered[0] == key:
                _apply(result, file, remembered[1])
                continue
        outcome = _load_one(file, config, today, dates)
        if memo is not None and key is not None:
            memo[file.rel] = (key, outcome)
        _apply(result, file, outcome)
    return result


def _apply(result: LoadResult, file: SourceFile, outcome: _Outcome) -> None:
    record, withheld, problems, is_asset = outcome
    result.problems.extend(problems)
    if is_asset:
        result.assets[file.rel] = file
    elif withheld is not None:
        result.withheld[file.rel] = withheld
    elif record is not None:
        result.records.append(record)
    elif any(p.is_error for p in problems):
        result.failed.add(file.rel)


def _load_one(file: SourceFile, config: SiteConfig, today: date, dates: FileDates
              ) -> _Outcome:
    """Parse, type and validate one file; never raises for bad content."""
    problems = _check_name(file)
    if file.suffix not in TEXT_SUFFIXES or is_asset_path(file.rel):
        return None, None, problems, True
    path_type = type_for_path(file.rel)
    source, parse_problems = parse_source(
        file, raw_table=path_type is not None and path_type.reads_table)
    problems.extend(parse_problems)
    if source is None or any(p.is_error for p in parse_problems):
        return None, None, problems, False
    content_type, type_problems = _content_type(source)
    problems.extend(type_problems)
    if content_type is None:
        return None, None, problems, False
    meta, validation_problems = _validate(content_type, source, config)
    problems.extend(validation_problems)
    if meta is None:
        return None, None, problems, False
    if isinstance(meta, ContentModel) and not meta.is_published(today):
        reason = "a draft" if meta.draft else f"embargoed until {meta.publish_from}"
        return None, reason, problems, False
    updated = getattr(meta, "updated", None) or dates.updated(file.path)
    return Record(content_type.name, source, meta, updated), None, problems, False


def _check_name(file: SourceFile) -> list[Problem]:
    """File names become URLs, so they must be lower-case words joined by hyphens."""
    problems = []
    for part in file.rel.split("/"):
        stem = part.rsplit(".", 1)[0] if "." in part else part
        if not is_valid_slug(stem):
            ext = part[len(stem):]
            problems.append(error(
                file.display, f"the name '{part}' cannot be used in a web address",
                hint=f"rename it to '{suggest_slug(stem)}{ext.lower()}' (lower-case letters, "
                     "digits and hyphens)"))
            break
    return problems


def _content_type(source: ParsedSource) -> tuple[ContentType | None, list[Problem]]:
    declared = source.data.get("type") if isinstance(source.data, dict) else None
    if isinstance(declared, str):
        found = type_named(declared)
        if found is not None:
            return found, []
        from generator.load.content_types import CONTENT_TYPES

        names = [t.name for t in CONTENT_TYPES]
        return None, [error(source.file.display, f"'{declared}' is not a content type",
                            line=source.line_of(("type",)), field="type",
                            hint=did_you_mean(declared, names)
                            or "use one of: " + ", ".join(names))]
    found = type_for_path(source.file.rel)
    if found is None:
        return None, [error(source.file.display, "this data file is not in a known place",
                            line=1, hint="data files belong in content/staff/ or "
                                         "content/registers/; see the handbook for each type")]
    return found, []


def _validate(content_type: ContentType, source: ParsedSource, config: SiteConfig
              ) -> tuple[Any | None, list[Problem]]:
    if content_type.loader is not None:
        return content_type.loader(source, config)
    if source.csv_rows is not None:
        return None, [error(source.file.display, "this file must be YAML, not CSV", line=1)]
    data = source.data
    if not isinstance(data, dict):
        return None, [error(source.file.display, "expected `key: value` fields", line=1,
                            hint="start each line with a field name and a colon")]
    default_line = 1
    return validate(content_type.model, data, path=source.file.display, lines=source.lines,
                    default_line=default_line if not source.lines else None)
