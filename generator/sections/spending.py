"""Spending over £500: a summary page and a page (and download) per calendar month.

Finance staff drop one export per month into content/registers/spending/; rows are
grouped by their own date, so a file may hold any period. /registers/spending/ shows
totals per month, per category and per body, linking to /registers/spending/YYYY-MM/;
each month page shows its rows, split into pages of ``rows_per_page``. Downloads:
every published row at /registers/spending.csv|json and each month beside its page.
A reference used twice, in one file or across files, is an error naming both lines.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from generator.datasets import Column, Dataset, dataset_files, joined_dataset_files
from generator.load.records import Record
from generator.load.registers import duplicate_references, plain_row
from generator.models.registers import RegisterData
from generator.render.charts import BarChart, bar_chart
from generator.render.filters import format_money
from generator.sections.home import Listing
from generator.sections.register_pages import (
    Labels,
    RegisterPage,
    file_sizes,
    find_intro,
    newest,
    register_pages,
    totals,
    totals_table,
)
from generator.site import PageSpec, SectionResult, SiteInput
from generator.writer import OutputFile

BASE = "/registers/spending/"
DUTIES = ("sio-3g-spend-over-500", "lgtc-spend-format")
FIELDS = ("reference", "date", "body", "department", "supplier", "description", "category",
          "amount", "value_for_money")
OPTIONAL = ("body", "department", "value_for_money")
LEAD = ("supplier", "amount", "date")
"""What a phone shows first of each spending line."""


def build_spending(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    labels = Labels(site_input)
    records = site_input.records("spending")
    intro, problems = find_intro(site_input, "registers/spending/index.md",
                                 labels("spending_title"), "what-we-spend", DUTIES,
                                 records[0].display if records else None)
    result.problems.extend(problems)
    if not records and intro.record is None:
        return result
    result.problems.extend(duplicate_references((r.display, r.meta) for r in records))

    rows: list[dict[str, Any]] = []
    months: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
    sources: dict[tuple[int, int], set[int]] = defaultdict(set)
    for number, record in enumerate(records):
        result.link_targets[record.rel] = BASE
        for row in _published_rows(record, site_input.today):
            rows.append(row)
            key = (row["date"].year, row["date"].month)
            months[key].append(row)
            sources[key].add(number)
    rows.sort(key=lambda r: r["date"])  # stable: file order within a day
    columns = _columns(labels, rows)
    all_columns = [_column(labels, name) for name in FIELDS]
    # A register is as current as the newest spending it lists: that, not the date a file
    # was last touched, is what the monthly duty (SIO 3(g)) asks about.
    updated = rows[-1]["date"] if rows else newest([intro.updated,
                                                    *(r.updated for r in records)])
    everything = Dataset(path="registers/spending", title=intro.title,
                         description=intro.summary or labels("spending_description"),
                         columns=all_columns, rows=rows, updated=updated,
                         publication_class=intro.publication_class, page_path=BASE)

    per_page = site_input.config.registers.spending.rows_per_page
    ordered = sorted(months, reverse=True)
    month_paths = {key: f"{BASE}{key[0]:04d}-{key[1]:02d}/" for key in ordered}
    month_files = []
    for key in ordered:
        month_rows = sorted(months[key], key=lambda r: r["date"])
        month_records = [records[n] for n in sorted(sources[key])]
        month_files.append(_month(result, labels, site_input, intro, key, month_rows,
                                  month_records, columns, all_columns, per_page, month_paths))
    # Sorting by date is stable, so all the rows in date order are the months' rows in
    # month order: the all-spending files join the months' encoded rows (below).

    by_month = [(labels.month(*key), len(months[key]),
                 sum((r["amount"] for r in months[key]), Decimal(0)))
                for key in ordered]
    by_category = totals(rows, "category", "amount")
    period = f"{by_month[-1][0]} – {by_month[0][0]}" if by_month else ""
    summaries = [] if not rows else [
        {"heading": labels("heading_by_month"), "id": "by-month",
         "chart": _month_chart(labels, by_month[::-1]), "table": totals_table(
            labels, labels("caption_by_month", title=intro.title),
            Column("month", labels("col_month")), by_month,
            links={labels.month(*key): path for key, path in month_paths.items()})},
        {"heading": labels("heading_by_category"), "id": "by-category",
         "chart": category_chart(labels, "chart-categories", by_category, period),
         "table": totals_table(
            labels, labels("caption_by_category"), Column("category", labels("col_category")),
            by_category)},
    ]
    if rows:
        summaries.append(supplier_totals(labels, rows))
    if rows and any(r["body"] for r in rows):
        summaries.append({"heading": labels("heading_by_body"), "table": totals_table(
            labels, labels("caption_by_body"), Column("body", labels("col_body")),
            totals(rows, "body", "amount"))})
    all_files = joined_dataset_files(everything, month_files[::-1])
    result.files.extend(all_files)
    downloads = {"heading": labels("heading_downloads"), "id": "downloads",
                 "downloads": [{"title": labels.month(*key), "dataset": _month_path(key)}
                               for key in ordered], "all": everything,
                 "sizes": file_sizes(all_files)}
    result.pages.append(PageSpec(
        path=BASE, template="layouts/register.html", title=intro.title, record=intro.record,
        body=intro.body, body_line=intro.body_line, summary=intro.summary, updated=updated,
        publication_class=intro.publication_class, duties=intro.duties, kind="register",
        depends_on=tuple(r.rel for r in records),
        context={"summaries": summaries, "tables": [], "pagination": None,
                 "nav": [], "downloads": downloads, "summaries_last": False,
                 "facts": _facts(labels, rows, period) if rows else [],
                 "first_downloads": None}))
    return result


def _month(result: SectionResult, labels: Labels, site_input: SiteInput, intro: Any,
           key: tuple[int, int], rows: list[dict[str, Any]], records: list[Record],
           columns: list[Column], all_columns: list[Column], per_page: int,
           month_paths: dict[tuple[int, int], str]) -> tuple[Dataset, list[OutputFile]]:
    name = labels.month(*key)
    title = labels("spending_month_title", title=intro.title, month=name)
    updated = max(r["date"] for r in rows) if rows else newest(r.updated for r in records)
    dataset = Dataset(path=_month_path(key), title=title,
                      description=labels("spending_month_description", month=name),
                      columns=all_columns, rows=rows, updated=updated,
                      publication_class=intro.publication_class, page_path=month_paths[key])
    files = dataset_files(dataset, site_input.datasets)
    result.files.extend(files)
    keys = sorted(month_paths)
    index = keys.index(key)
    nav = [{"rel": "prev", "label": labels("previous_month", month=labels.month(*keys[index - 1])),
            "path": month_paths[keys[index - 1]]}] if index > 0 else []
    if index + 1 < len(keys):
        nav.append({"rel": "next", "label": labels("next_month",
                                                   month=labels.month(*keys[index + 1])),
                    "path": month_paths[keys[index + 1]]})
    by_category = totals(rows, "category", "amount")
    summary = {"heading": labels("heading_by_category"), "id": "by-category",
               "chart": category_chart(labels, "chart-categories", by_category, name),
               "table": totals_table(
                   labels, labels("caption_month_by_category", month=name),
                   Column("category", labels("col_category")), by_category)}
    result.pages.extend(register_pages(RegisterPage(
        path=month_paths[key], intro=intro, title=title, heading=labels("heading_entries"),
        caption=title, columns=columns, rows=rows, dataset=dataset, per_page=per_page,
        updated=updated, summaries=[summary, supplier_totals(labels, rows)],
        depends_on=tuple(r.rel for r in records),
        nav=nav, with_intro=False, duties=(), year=key[0], lead=LEAD,
        sizes=file_sizes(files), facts=_facts(labels, rows), downloads_first=True,
        listing=Listing(updated, amount=sum((r["amount"] for r in rows), Decimal(0)),
                        count=len(rows)) if updated else None), labels))
    return dataset, files


def supplier_totals(labels: Labels, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Totals by supplier, behind a "show" control. Always in the search index (a month's
    rows are not, when there are many), so searching a supplier's name finds the pages
    of the months it was paid in and the year's total."""
    groups = totals(rows, "supplier", "amount")
    block = totals_table(labels, labels("caption_by_supplier"),
                         Column("supplier", labels("col_supplier")), groups)
    block["searchable"] = True
    return {"heading": labels("heading_by_supplier"), "id": "by-supplier", "table": block,
            "collapsed": labels("show_suppliers", count=f"{len(groups):,}")}


def _facts(labels: Labels, rows: list[dict[str, Any]], period: str | None = None
           ) -> list[tuple[str, str]]:
    """The figures a reader looks for first: the total, how many items, the largest."""
    facts = [(labels("fact_period"), period)] if period else []
    facts += [(labels("fact_total"), format_money(sum((r["amount"] for r in rows), Decimal(0)))),
              (labels("fact_items"), f"{len(rows):,}")]
    if not period:
        facts.append((labels("fact_largest"), format_money(max(r["amount"] for r in rows))))
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


def _published_rows(record: Record, today: date) -> list[dict[str, Any]]:
    """A spending file's published rows, kept with its record (see ``Record.derive``)."""
    data: RegisterData = record.meta

    def rows() -> list[dict[str, Any]]:
        return [plain_row(item.row, FIELDS) for item in data.published(today)]
    return record.derive(("spending rows", today), rows)


def _month_path(key: tuple[int, int]) -> str:
    return f"registers/spending/{key[0]:04d}-{key[1]:02d}"


def _column(labels: Labels, name: str) -> Column:
    kind = {"date": "date", "amount": "money"}.get(name, "text")
    return labels.column(name, kind)  # type: ignore[arg-type]


def _columns(labels: Labels, rows: list[dict[str, Any]]) -> list[Column]:
    """The HTML table's columns: optional ones only when some row has a value."""
    present = {name for name in OPTIONAL if any(r[name] for r in rows)}
    return [_column(labels, n) for n in FIELDS if n not in OPTIONAL or n in present]

