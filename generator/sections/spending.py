"""Spending over £500 and procurement-card transactions: a summary page and a page
(and download) per calendar month.

Finance staff drop one export per month into content/registers/spending/ (or
procurement-card/); rows are grouped by their own date, so a file may hold any period.
/registers/spending/ shows totals per month, per category and per body, linking to
/registers/spending/YYYY-MM/; each month page shows its rows, split into pages of
``rows_per_page``. Downloads: every published row at /registers/spending.csv|json and
each month beside its page, with the export's other columns under their own headings.
A reference may repeat (the lines of one split invoice share it): a row is its
reference and its line in its file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from generator.datasets import Column, Dataset, dataset_files, joined_dataset_files
from generator.load.records import Record
from generator.load.registers import plain_row
from generator.models.registers import ROW_MODELS, RegisterData
from generator.render.charts import BarChart, bar_chart
from generator.render.filters import format_money
from generator.sections.home import Listing
from generator.sections.register_pages import (
    LGTC,
    SIO,
    Labels,
    RegisterPage,
    Totals,
    column_definitions,
    describe,
    file_sizes,
    find_intro,
    merged_totals,
    newest,
    register_pages,
    totals,
    totals_table,
)
from generator.site import PageSpec, SectionResult, SiteInput
from generator.writer import OutputFile


@dataclass(frozen=True)
class MonthlyRegister:
    """A register published a month at a time from monthly export files."""

    type_name: str
    slug: str
    labels: str
    """Prefix of its words in the message catalogue: <labels>_title, _description, …"""
    duties: tuple[str, ...]
    fields: tuple[str, ...]
    optional: tuple[str, ...]
    """Columns the HTML table shows only when some row has a value."""
    category: str
    """The field the summary totals (and its chart) by."""
    payee: str
    """The field naming who was paid: the summary's totals by supplier."""
    lead: tuple[str, ...]
    """What a phone shows first of each line."""
    conforms_to: tuple[str, ...] = ()
    sometimes: tuple[str, ...] = ()
    """Fields few exports have: published (in the downloads too) only when a row of the
    register fills them, so a finance system without them adds no empty columns."""

    @property
    def base(self) -> str:
        return f"/registers/{self.slug}/"


SPENDING = MonthlyRegister(
    "spending", "spending", "spending", ("sio-3g-spend-over-500", "lgtc-spend-format"),
    ("reference", "date", "body", "department", "supplier", "description", "category",
     "merchant_category", "amount", "irrecoverable_vat", "value_for_money"),
    ("body", "department", "merchant_category", "irrecoverable_vat", "value_for_money"),
    "category", "supplier", ("supplier", "amount", "date"), (SIO, LGTC),
    ("merchant_category", "irrecoverable_vat"))
CARD = MonthlyRegister(
    "procurement_card", "procurement-card", "card", (),
    ("reference", "date", "body", "department", "beneficiary", "purpose", "merchant_category",
     "amount", "irrecoverable_vat"),
    ("reference", "body", "department", "irrecoverable_vat"), "merchant_category",
    "beneficiary", ("beneficiary", "amount", "date"), (LGTC,))

BASE = SPENDING.base
FIELDS = SPENDING.fields
OTHER_COLUMN = ("A column of the finance system's own export, published as it is; the "
                "register does not use it.")


def build_spending(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    for register in (SPENDING, CARD):
        build_monthly(site_input, register, result)
    return result


def build_monthly(site_input: SiteInput, register: MonthlyRegister,
                  result: SectionResult) -> None:
    labels = Labels(site_input)
    records = site_input.records(register.type_name)
    intro, problems = find_intro(site_input, f"registers/{register.slug}/index.md",
                                 labels(f"{register.labels}_title"), "what-we-spend",
                                 register.duties, records[0].display if records else None)
    result.problems.extend(problems)
    if not records and intro.record is None:
        return
    base = register.base

    rows: list[dict[str, Any]] = []
    months: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    sources: dict[tuple[int, int], set[int]] = defaultdict(set)
    others: dict[str, None] = {}
    filled = set().union(*(_filled(record, register.sometimes) for record in records))
    fields = tuple(f for f in register.fields if f not in register.sometimes or f in filled)
    for number, record in enumerate(records):
        result.link_targets[record.rel] = base
        others.update(dict.fromkeys(record.meta.extra_headers))
        for row in _published_rows(record, site_input.today, fields):
            rows.append(row)
            key = (row["date"].year, row["date"].month)
            months[key].append(row)
            sources[key].add(number)
    rows.sort(key=lambda r: r["date"])  # stable: file order within a day
    columns = _columns(labels, rows, register, fields)
    all_columns = describe([_column(labels, name) for name in fields],
                           ROW_MODELS[register.type_name]) + [
        Column(name, name, "text", OTHER_COLUMN) for name in others
        if name not in register.fields]
    # A register is as current as the newest spending it lists: that, not the date a file
    # was last touched, is what the monthly duty (SIO 3(g)) asks about.
    updated = rows[-1]["date"] if rows else newest([intro.updated,
                                                    *(r.updated for r in records)])
    everything = Dataset(path=f"registers/{register.slug}", title=intro.title,
                         description=intro.summary or labels(f"{register.labels}_description"),
                         columns=all_columns, rows=rows, updated=updated,
                         publication_class=intro.publication_class, page_path=base,
                         conforms_to=register.conforms_to)

    per_page = getattr(site_input.config.registers, register.type_name).rows_per_page
    ordered = sorted(months, reverse=True)
    month_paths = {key: f"{base}{key[0]:04d}-{key[1]:02d}/" for key in ordered}
    parts: list[_MonthPart] = []  # newest first, as ``ordered``
    for index, key in enumerate(ordered):
        month_records = tuple(records[n] for n in sorted(sources[key]))
        # A month's pages and files are made from its rows alone (and its neighbours'
        # names for the previous/next links): serve keeps them while those are the same.
        inputs = (month_records, fields, columns, all_columns, per_page,
                  ordered[index - 1] if index else None, ordered[index + 1:index + 2],
                  intro.record, intro.title, intro.summary, intro.publication_class)
        part = site_input.reuse(
            f"spending:{register.type_name}:{key}", inputs,
            lambda key=key, month_records=month_records: _month(  # type: ignore[misc]
                labels, site_input, intro, key, sorted(months[key], key=lambda r: r["date"]),
                month_records, columns, all_columns, per_page, month_paths, register))
        result.files.extend(part.files)
        result.pages.extend(part.pages)
        parts.append(part)
    # Sorting by date is stable, so all the rows in date order are the months' rows in
    # month order: the all-spending files join the months' encoded rows (below).

    by_month = [(labels.month(*key), part.count, part.total)
                for key, part in zip(ordered, parts, strict=True)]
    oldest_first = parts[::-1]  # as the rows are: merged totals break ties as ``totals``
    by_category = merged_totals(part.by_category for part in oldest_first)
    # "October 2026", or "April 2026 – October 2026" (a register of one month so far, such
    # as the example's procurement cards, does not say "October 2026 – October 2026").
    period = (by_month[0][0] if len(by_month) == 1
              else f"{by_month[-1][0]} – {by_month[0][0]}" if by_month else "")
    summaries = [] if not rows else [
        {"heading": labels("heading_by_month"), "id": "by-month",
         "chart": _month_chart(labels, by_month[::-1]), "table": totals_table(
            labels, labels("caption_by_month", title=intro.title),
            Column("month", labels("col_month")), by_month,
            links={labels.month(*key): path for key, path in month_paths.items()})},
        {"heading": labels("heading_by_category"), "id": "by-category",
         "chart": category_chart(labels, "chart-categories", by_category, period),
         "table": totals_table(
            labels, labels("caption_by_category"),
            Column(register.category, labels(f"col_{register.category}")), by_category)},
    ]
    if rows:
        summaries.append(supplier_totals(
            labels, merged_totals(part.by_payee for part in oldest_first), register.payee))
    by_body = merged_totals(part.by_body for part in oldest_first)
    if rows and any(key for key, _count, _total in by_body):
        summaries.append({"heading": labels("heading_by_body"), "table": totals_table(
            labels, labels("caption_by_body"), Column("body", labels("col_body")), by_body)})
    all_files = joined_dataset_files(everything, [(p.dataset, p.files) for p in oldest_first])
    result.files.extend(all_files)
    downloads = {"heading": labels("heading_downloads"), "id": "downloads",
                 "downloads": [{"title": labels.month(*key),
                                "dataset": _month_path(register, key)}
                               for key in ordered], "all": everything,
                 "sizes": file_sizes(all_files)}
    result.pages.append(PageSpec(
        path=base, template="layouts/register.html", title=intro.title, record=intro.record,
        body=intro.body, body_line=intro.body_line, summary=intro.summary, updated=updated,
        publication_class=intro.publication_class, duties=intro.duties, kind="register",
        depends_on=tuple(r.rel for r in records),
        context={"summaries": summaries, "tables": [], "pagination": None,
                 "nav": [], "downloads": downloads, "summaries_last": False,
                 "facts": _facts(labels, sum((p.total for p in parts), Decimal(0)),
                                 len(rows), period=period) if rows else [],
                 "first_downloads": None,
                 "definitions": column_definitions(all_columns)}))


@dataclass(frozen=True)
class _MonthPart:
    """A month of a register: its pages and files, and its totals, from which the whole
    register's are added up."""

    dataset: Dataset
    files: list[OutputFile]
    pages: list[PageSpec]
    count: int
    total: Decimal
    by_category: Totals
    by_payee: Totals
    by_body: Totals


def _month(labels: Labels, site_input: SiteInput, intro: Any, key: tuple[int, int],
           rows: list[dict[str, Any]], records: tuple[Record, ...], columns: list[Column],
           all_columns: list[Column], per_page: int,
           month_paths: dict[tuple[int, int], str], register: MonthlyRegister
           ) -> _MonthPart:
    name = labels.month(*key)
    title = labels("spending_month_title", title=intro.title, month=name)
    updated = max(r["date"] for r in rows) if rows else newest(r.updated for r in records)
    dataset = Dataset(path=_month_path(register, key), title=title,
                      description=labels(f"{register.labels}_month_description", month=name),
                      columns=all_columns, rows=rows, updated=updated,
                      publication_class=intro.publication_class, page_path=month_paths[key],
                      conforms_to=register.conforms_to)
    files = dataset_files(dataset, site_input.datasets)
    keys = sorted(month_paths)
    index = keys.index(key)
    nav = [{"rel": "prev", "label": labels("previous_month", month=labels.month(*keys[index - 1])),
            "path": month_paths[keys[index - 1]]}] if index > 0 else []
    if index + 1 < len(keys):
        nav.append({"rel": "next", "label": labels("next_month",
                                                   month=labels.month(*keys[index + 1])),
                    "path": month_paths[keys[index + 1]]})
    by_category = totals(rows, register.category, "amount")
    by_payee = totals(rows, register.payee, "amount")
    total = sum((r["amount"] for r in rows), Decimal(0))
    summary = {"heading": labels("heading_by_category"), "id": "by-category",
               "chart": category_chart(labels, "chart-categories", by_category, name),
               "table": totals_table(
                   labels, labels("caption_month_by_category", month=name),
                   Column(register.category, labels(f"col_{register.category}")),
                   by_category)}
    pages = register_pages(RegisterPage(
        path=month_paths[key], intro=intro, title=title, heading=labels("heading_entries"),
        caption=title, columns=columns, rows=rows, dataset=dataset, per_page=per_page,
        updated=updated, summaries=[summary, supplier_totals(labels, by_payee, register.payee)],
        depends_on=tuple(r.rel for r in records),
        nav=nav, with_intro=False, duties=(), year=key[0], lead=register.lead,
        sizes=file_sizes(files), downloads_first=True,
        facts=_facts(labels, total, len(rows),
                     largest=max(r["amount"] for r in rows) if rows else None),
        listing=Listing(updated, amount=total, count=len(rows)) if updated else None), labels)
    return _MonthPart(dataset, files, pages, len(rows), total, by_category, by_payee,
                      totals(rows, "body", "amount"))


def supplier_totals(labels: Labels, groups: Totals, payee: str = "supplier"
                    ) -> dict[str, Any]:
    """Totals by supplier (``payee``: the field naming who was paid, the merchant on a
    card statement; ``groups``: ``totals`` of the rows by it), behind a "show" control.
    Always in the search index (a month's rows are not, when there are many), so
    searching a supplier's name finds the pages of the months it was paid in and the
    year's total."""
    block = totals_table(labels, labels("caption_by_supplier"),
                         Column(payee, labels(f"col_{payee}")), groups)
    block["searchable"] = True
    return {"heading": labels("heading_by_supplier"), "id": "by-supplier", "table": block,
            "collapsed": labels("show_suppliers", count=f"{len(groups):,}")}


def _facts(labels: Labels, total: Decimal, count: int, *, period: str | None = None,
           largest: Decimal | None = None) -> list[tuple[str, str]]:
    """The figures a reader looks for first: the total, how many items, the largest."""
    facts = [(labels("fact_period"), period)] if period else []
    facts += [(labels("fact_total"), format_money(total)), (labels("fact_items"), f"{count:,}")]
    if largest is not None:
        facts.append((labels("fact_largest"), format_money(largest)))
    return facts


def _month_chart(labels: Labels, by_month: list[tuple[str, int, Decimal]]) -> BarChart:
    """Each month's total, oldest first."""
    high = max(by_month, key=lambda m: m[2])
    low = min(by_month, key=lambda m: m[2])
    return bar_chart(
        "chart-months", labels("chart_by_month", first=by_month[0][0], last=by_month[-1][0]),
        [(month, amount) for month, _, amount in by_month], _short_money,
        labels("chart_by_month_desc", high_month=high[0], high=format_money(high[2]),
               low_month=low[0], low=format_money(low[2])))


def category_chart(labels: Labels, chart_id: str, groups: list[tuple[Any, int, Decimal]],
                   period: str) -> BarChart:
    """Totals by type of spending, largest first, the long tail as one bar."""
    total = sum((g[2] for g in groups), Decimal(0))
    top = groups[0] if groups else (None, 0, Decimal(0))
    share = round(top[2] * 100 / total) if total else 0
    return bar_chart(
        chart_id, labels("chart_by_category", period=period),
        [(str(key or "—"), amount) for key, _, amount in groups], _short_money,
        labels("chart_by_category_desc", top=top[0], top_amount=format_money(top[2]),
               share=share), other=labels("chart_other"))


def _short_money(amount: Decimal) -> str:
    """£1.2m, £845k, £950: a bar's label, short enough to sit beside the bar."""
    if abs(amount) >= 1_000_000:
        return f"£{amount / 1_000_000:.1f}m"
    if abs(amount) >= 10_000:
        return f"£{amount / 1_000:.0f}k"
    return format_money(amount.quantize(Decimal(1)))


def _published_rows(record: Record, today: date, fields: tuple[str, ...]
                    ) -> list[dict[str, Any]]:
    """A file's published rows, with its other columns, kept with its record (see
    ``Record.derive``)."""
    data: RegisterData = record.meta
    others = data.extra_headers

    def rows() -> list[dict[str, Any]]:
        if not others:
            return [plain_row(item.row, fields) for item in data.published(today)]
        return [{**dict(zip(others, item.extra, strict=True)), **plain_row(item.row, fields)}
                for item in data.published(today)]
    return record.derive(("spending rows", today, fields), rows)


def _filled(record: Record, names: tuple[str, ...]) -> frozenset[str]:
    """Which of ``names`` some row of the file fills (kept with the record)."""
    data: RegisterData = record.meta

    def filled() -> frozenset[str]:
        return frozenset(n for n in names if any(getattr(item.row, n) is not None
                                                 for item in data.rows))
    return record.derive(("filled", names), filled)


def _month_path(register: MonthlyRegister, key: tuple[int, int]) -> str:
    return f"registers/{register.slug}/{key[0]:04d}-{key[1]:02d}"


def _column(labels: Labels, name: str) -> Column:
    kind = {"date": "date", "amount": "money", "irrecoverable_vat": "money"}.get(name, "text")
    return labels.column(name, kind)  # type: ignore[arg-type]


def _columns(labels: Labels, rows: list[dict[str, Any]], register: MonthlyRegister,
             fields: tuple[str, ...]) -> list[Column]:
    """The HTML table's columns: optional ones only when some row has a value."""
    present = {name for name in register.optional if name in fields
               and any(r[name] for r in rows)}
    return [_column(labels, n) for n in fields if n not in register.optional or n in present]
