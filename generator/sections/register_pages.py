"""What every register page shares: its intro, labels, totals, pagination and PageSpecs.

A register page is its intro (``X.md`` beside ``X.yml|csv``, or ``<folder>/index.md``)
followed by summary tables (totals) and the register's own table, split into pages of
``rows_per_page`` rows so that no page is huge. Column headings and other words come
from the theme's message catalogue, so a Welsh edition only adds translations.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from generator.datasets import Column, ColumnKind, Dataset
from generator.errors import Problem, warning
from generator.load.records import Record
from generator.render.renderer import counted, message_catalogue, template_dirs
from generator.site import PageSpec, SiteInput
from generator.writer import OutputFile

TEMPLATE = "layouts/register.html"

SIO = "https://www.legislation.gov.uk/uksi/2011/3050/schedule"
"""The Elected Local Policing Bodies (Specified Information) Order 2011, Schedule: what a
register's dataset conforms to (``Dataset.conforms_to``, in the DCAT catalogue)."""
LGTC = "https://www.gov.uk/government/publications/local-government-transparency-code-2015"
"""The Local Government Transparency Code 2015 (its spending, card and contract fields)."""


class Labels:
    """The theme's words (templates/messages/<lang>.yml), for headings built in Python."""

    def __init__(self, site_input: SiteInput):
        self.messages = message_catalogue(template_dirs(site_input.site_dir),
                                          site_input.config.language)

    def __call__(self, key: str, **values: Any) -> str:
        return counted(self.messages, key, values)

    def column(self, key: str, kind: ColumnKind = "text") -> Column:
        """A column with its heading and, when the catalogue has one, what it holds."""
        return Column(key, self(f"col_{key}"), kind, self.messages.get(f"about_{key}", ""))

    def month(self, year: int, month: int) -> str:
        """"October 2026" (month names from the catalogue when it has them)."""
        name = self.messages.get(f"month_{month}", calendar.month_name[month])
        return f"{name} {year}"


@dataclass
class Intro:
    """A register's intro page, or defaults when the editor has not written one."""

    record: Record | None
    title: str
    summary: str | None = None
    publication_class: str | None = None
    duties: tuple[str, ...] = ()

    @property
    def body(self) -> str | None:
        return self.record.body if self.record else None

    @property
    def body_line(self) -> int:
        return self.record.source.body_line if self.record else 1

    @property
    def updated(self) -> date | None:
        return self.record.updated if self.record else None

    @property
    def nil_returns(self) -> tuple[str, ...]:
        """Periods the introduction says had nothing to report."""
        return tuple(self.record.meta.nil_returns) if self.record else ()


def find_intro(site_input: SiteInput, rel: str, default_title: str, publication_class: str,
               duties: tuple[str, ...], data_display: str | None) -> tuple[Intro, list[Problem]]:
    """The intro at ``rel``; its duties are added to the register's own."""
    record = next((r for r in site_input.records("register_intro") if r.rel == rel), None)
    if record is None:
        problems = [] if data_display is None else [warning(
            data_display, f"this register has no introduction (content/{rel})",
            hint=f"add content/{rel} with a title and a few sentences about the register")]
        return Intro(None, default_title, None, publication_class, duties), problems
    meta = record.meta
    extra = tuple(d for d in meta.duties if d not in duties)
    return Intro(record, meta.title, meta.summary, meta.publication_class or publication_class,
                 duties + extra), []


def describe(columns: Sequence[Column], model: type[BaseModel]) -> list[Column]:
    """Columns without a description from the message catalogue (``about_<key>``) get the
    row model's field docstring (what the handbook says), for the data package and the
    page's column definitions."""
    fields = model.model_fields
    return [column if column.description or column.key not in fields
            else dataclasses.replace(column, description=" ".join(
                (fields[column.key].description or column.label).split()))
            for column in columns]


_KIND_WORDS = {"text": "text", "money": "amount in pounds (two decimals)",
               "number": "number", "date": "date (YYYY-MM-DD)",
               "datetime": "date and time (YYYY-MM-DDTHH:MM:SS)", "bool": "true or false",
               "list": "text (items separated by ;)"}


def column_definitions(columns: Sequence[Column]) -> list[dict[str, str]]:
    """What each column of the downloads holds: shown on the register page."""
    return [{"name": c.key, "label": c.label, "type": _KIND_WORDS[c.kind],
             "description": c.description or c.label} for c in columns]


def newest(dates: Iterable[date | None]) -> date | None:
    known = [d for d in dates if d is not None]
    return max(known) if known else None


# Long tables (a month of spending) stay out of the search index: indexing 120,000 spend
# lines doubled Pagefind's time and memory on a large site for little use, since the rows
# are one click away as pages and CSV. Their page's title and introduction are indexed.
SEARCHABLE_ROWS = 200


# A register table shows this many rows; the rest of its page wait behind a "show the
# other N rows" control that works without JavaScript (details/summary), so a month of
# spending does not bury what follows it under thousands of pixels of rows.
COLLAPSE_AFTER = 50


def file_sizes(files: Iterable[OutputFile]) -> dict[str, int]:
    """Bytes of each download by format ("csv", "json"), shown beside its link."""
    return {f.path.rsplit(".", 1)[-1]: len(f.content) for f in files}


def table(caption: str, columns: Sequence[Column], rows: list[dict[str, Any]], *,
          links: dict[str, str] | None = None, downloads: Dataset | None = None,
          sortable: bool = True, lead: Sequence[str] = (),
          sizes: dict[str, int] | None = None) -> dict[str, Any]:
    """Parameters of the theme's ``data_table`` macro. ``lead``: the columns that
    identify a row, shown first when a phone shows each row as a block."""
    params: dict[str, Any] = {"caption": caption, "columns": list(columns), "rows": rows,
                              "links": links or {}, "sortable": sortable,
                              "searchable": len(rows) <= SEARCHABLE_ROWS,
                              "lead": [key for key in lead
                                       if any(c.key == key for c in columns)]}
    if downloads is not None:
        params["downloads"] = downloads
        params["sizes"] = sizes or {}
    return params


Totals = list[tuple[Any, int, Decimal]]
"""(group, number of rows, sum) per group, largest sum first."""


def totals(rows: Iterable[dict[str, Any]], by: str, amount: str,
           order: Callable[[tuple[Any, int, Decimal]], Any] | None = None) -> Totals:
    """(group, number of rows, sum of ``amount``) per value of ``by``; largest sum first."""
    groups: dict[Any, list[Any]] = {}
    for row in rows:
        entry = groups.setdefault(row.get(by), [0, Decimal(0)])
        entry[0] += 1
        entry[1] += row[amount] or 0
    return _ordered(groups, order)


def merged_totals(parts: Iterable[Totals]) -> Totals:
    """What ``totals`` gives for rows split into parts (a register's months, in date
    order), from each part's totals: a register of 100,000 rows is not summed again when
    one month changes. The sums are exact (Decimal), so they do not depend on the order."""
    groups: dict[Any, list[Any]] = {}
    for part in parts:
        for key, count, total in part:
            entry = groups.setdefault(key, [0, Decimal(0)])
            entry[0] += count
            entry[1] += total
    return _ordered(groups, None)


def _ordered(groups: dict[Any, list[Any]],
             order: Callable[[tuple[Any, int, Decimal]], Any] | None) -> Totals:
    found = [(key, count, total) for key, (count, total) in groups.items()]
    return sorted(found, key=order or (lambda g: (-g[2], str(g[0]))))


def totals_table(labels: Labels, caption: str, key_column: Column, groups: list[tuple[Any, int,
                 Decimal]], *, items_label: str = "col_items",
                 links: dict[Any, str] | None = None) -> dict[str, Any]:
    """A summary table: one row per group plus a final "Total" row."""
    columns = [key_column, Column("items", labels(items_label), "number"),
               Column("amount", labels("col_total"), "money")]
    rows: list[dict[str, Any]] = []
    for key, count, amount in groups:
        row = {key_column.key: key, "items": count, "amount": amount}
        if links and key in links:
            row["path"] = links[key]
        rows.append(row)
    rows.append({key_column.key: labels("total_row"), "items": sum(g[1] for g in groups),
                 "amount": sum((g[2] for g in groups), Decimal(0))})
    return table(caption, columns, rows, links={key_column.key: "path"} if links else None,
                 sortable=False)


@dataclass(frozen=True)
class Pagination:
    """Which page of a split table this is; ``paths[i]`` is page i + 1."""

    number: int
    paths: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.paths)

    @property
    def previous(self) -> str | None:
        return self.paths[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.paths[self.number] if self.number < self.count else None


def page_paths(base: str, rows: int, per_page: int) -> tuple[str, ...]:
    """/x/ for page 1, then /x/page-2/, /x/page-3/ …"""
    count = max(1, -(-rows // per_page))
    return tuple(base if n == 1 else f"{base}page-{n}/" for n in range(1, count + 1))


@dataclass
class RegisterPage:
    """Everything a register's page (or pages, when split) shows."""

    path: str
    intro: Intro
    heading: str
    caption: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]]
    dataset: Dataset
    per_page: int
    kind: str = "register"
    title: str | None = None
    updated: date | None = None
    summaries: list[dict[str, Any]] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)
    depends_on: tuple[str, ...] = ()
    empty: str = ""
    nav: list[dict[str, str]] = field(default_factory=list)
    extra_tables: list[dict[str, Any]] = field(default_factory=list)
    with_intro: bool = True
    summaries_last: bool = False
    duties: tuple[str, ...] | None = None
    year: int | None = None
    """Search filter year when not the year of ``updated`` (a month of spending: its year)."""
    duty_gaps: tuple[tuple[str, str], ...] = ()
    """(duty id, what is missing) for a duty the register only partly meets."""
    lead: tuple[str, ...] = ()
    """Columns that identify a row, first in each row's block on a phone."""
    sizes: dict[str, int] = field(default_factory=dict)
    """Bytes of the dataset's CSV and JSON (``file_sizes``)."""
    facts: list[tuple[str, str]] = field(default_factory=list)
    """Key figures shown first on page 1 (a month: its total and number of items)."""
    listing: Any = None
    """What the home page shows of this page (``home.Listing``), on page 1."""
    downloads_first: bool = False
    """Offer the CSV and JSON at the top of page 1 too, before the rows."""


def register_pages(page: RegisterPage, labels: Labels) -> list[PageSpec]:
    """The page, split into pages of ``per_page`` rows; page 1 carries intro and totals.
    Each page's table shows ``COLLAPSE_AFTER`` rows, then a control for the rest."""
    paths = page_paths(page.path, len(page.rows), page.per_page)
    title = page.title or page.intro.title
    specs = []
    for number, path in enumerate(paths, start=1):
        start = (number - 1) * page.per_page
        chunk = page.rows[start:start + page.per_page]
        block = _entries_block(page, labels, chunk, start, len(paths) > 1)
        first = number == 1
        specs.append(PageSpec(
            path=path, template=TEMPLATE,
            title=title if first else labels("title_page", title=title, number=number,
                                             count=len(paths)),
            record=page.intro.record if first and page.with_intro else None,
            body=page.intro.body if first and page.with_intro else None,
            body_line=page.intro.body_line,
            summary=page.intro.summary if first and page.with_intro else None,
            updated=page.updated, publication_class=page.intro.publication_class,
            duties=(page.intro.duties if page.duties is None else page.duties) if first else (),
            kind=page.kind, depends_on=page.depends_on, year=page.year,
            nil_returns=page.intro.nil_returns if first and page.with_intro else (),
            duty_gaps=page.duty_gaps if first else (),
            context={"summaries": page.summaries if first else [],
                     "tables": [block, *page.extra_tables] if first else [block],
                     "pagination": Pagination(number, paths) if len(paths) > 1 else None,
                     "nav": page.nav, "downloads": None,
                     "facts": page.facts if first else [],
                     "listing": page.listing if first else None,
                     "first_downloads": {"dataset": page.dataset, "sizes": page.sizes}
                     if first and page.downloads_first else None,
                     "summaries_last": page.summaries_last,
                     "definitions": column_definitions(page.dataset.columns) if first else []}))
    return specs


def _entries_block(page: RegisterPage, labels: Labels, chunk: list[dict[str, Any]],
                   start: int, split: bool) -> dict[str, Any]:
    """One page's rows: a table of the first ``COLLAPSE_AFTER``, the rest in a second
    table behind a "show" control (both captioned with the rows they hold)."""
    shown, rest = chunk[:COLLAPSE_AFTER], chunk[COLLAPSE_AFTER:]
    total = len(page.rows)

    def caption(first: int, count: int) -> str:
        if not split and not rest:
            return page.caption
        return labels("caption_rows", caption=page.caption, first=f"{first:,}",
                      last=f"{first + count - 1:,}", total=f"{total:,}")

    block: dict[str, Any] = {
        "heading": page.heading, "id": "entries", "empty": page.empty, "more": None,
        "table": table(caption(start + 1, len(shown)), page.columns, shown,
                       links=page.links, downloads=None if rest else page.dataset,
                       lead=page.lead, sizes=page.sizes)}
    if rest:
        block["more"] = table(caption(start + len(shown) + 1, len(rest)), page.columns, rest,
                              links=page.links, downloads=page.dataset, lead=page.lead,
                              sizes=page.sizes)
        block["more_label"] = labels("show_more_rows", count=f"{len(rest):,}")
        # Indexed or not as the page's rows are, however they are split for show.
        block["table"]["searchable"] = block["more"]["searchable"] = \
            len(chunk) <= SEARCHABLE_ROWS
    return block
