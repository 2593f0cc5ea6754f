"""The small registers: gifts and hospitality, expenses, contracts, and interests.

Each becomes a page at /registers/<name>/ (intro, totals, the table), a CSV and JSON
download beside it with exactly the published rows, and a link target so Markdown
links to the data file reach the page. Spending has its own module (spending.py).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from generator.datasets import Column, Dataset, dataset_files
from generator.errors import Problem, error, warning
from generator.load.records import Record
from generator.load.registers import duplicate_references, plain_row
from generator.models.registers import ContractEntry, ExpenseEntry, GiftEntry, RegisterData
from generator.sections.register_interests import build_interests
from generator.sections.register_pages import (
    LGTC,
    SIO,
    Intro,
    Labels,
    RegisterPage,
    describe,
    file_sizes,
    find_intro,
    newest,
    register_pages,
    table,
    totals,
    totals_table,
)
from generator.site import SectionResult, SiteInput

# Contracts above this value must be published in full (SIO para 4(b)); those at or
# below it are listed (para 4 list limb).
CONTRACT_THRESHOLD = Decimal(10_000)

SPEND = "what-we-spend"
CONTRACT_LEAD = ("title", "supplier", "value")
"""What a phone shows first of each contract."""
REGISTERS = "lists-and-registers"


def build_registers(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    labels = Labels(site_input)
    for builder in (_gifts, _expenses, _contracts):
        builder(site_input, labels, result)
    build_interests(site_input, labels, result)
    return result


def _register(site_input: SiteInput, result: SectionResult, type_name: str, slug: str,
              default_title: str, publication_class: str, duties: tuple[str, ...]
              ) -> tuple[Record | None, Intro | None]:
    """The register's data record and intro; problems for a missing or doubled file."""
    records = site_input.records(type_name)
    intro_rel = f"registers/{slug}.md"
    if len(records) > 1:
        names = " and ".join(r.display for r in records)
        result.problems.append(error(records[1].display, f"there are two {slug} registers: "
                                     f"{names}", hint="keep one file: YAML or CSV, not both"))
    record = records[0] if records else None
    intro, problems = find_intro(site_input, intro_rel, default_title, publication_class,
                                 duties, record.display if record else None)
    result.problems.extend(problems)
    if record is None and intro.record is None:
        return None, None
    content = site_input.site_dir / "content" / "registers"
    on_disk = any((content / f"{slug}.{ext}").exists() for ext in ("yml", "yaml", "csv"))
    if record is None and intro.record is not None and not on_disk:
        result.problems.append(warning(
            intro.record.display, "this register introduction has no data beside it",
            hint=f"add content/registers/{slug}.yml (or .csv) with the register's rows"))
    if record is not None:
        result.link_targets[record.rel] = f"/registers/{slug}/"
    return record, intro


def _rows(record: Record | None, site_input: SiteInput) -> list[Any]:
    if record is None:
        return []
    data: RegisterData = record.meta
    return [item.row for item in data.published(site_input.today)]


def _publish(result: SectionResult, labels: Labels, page: RegisterPage) -> None:
    files = dataset_files(page.dataset)
    page.sizes = file_sizes(files)
    result.pages.extend(register_pages(page, labels))
    result.files.extend(files)


def _dataset(slug: str, intro: Intro, columns: list[Column], rows: list[dict[str, Any]],
             updated: Any, description: str, conforms_to: tuple[str, ...] = ()) -> Dataset:
    return Dataset(path=f"registers/{slug}", title=intro.title,
                   description=intro.summary or description, columns=columns, rows=rows,
                   updated=updated, publication_class=intro.publication_class,
                   page_path=f"/registers/{slug}/", conforms_to=conforms_to)


def _missing_copies(record: Record, site_input: SiteInput) -> list[Problem]:
    """SIO 4(b) asks for a copy of each contract over £10,000, not only a row about it."""
    data: RegisterData = record.meta
    problems = []
    for item in data.published(site_input.today):
        row: ContractEntry = item.row  # type: ignore[assignment]
        if row.stage == "awarded" and row.value > CONTRACT_THRESHOLD and not row.document:
            problems.append(warning(
                record.display, f"the contract {row.reference} ({row.title}) is worth more "
                                f"than £10,000 but has no published copy",
                line=item.line, field=data.column("document", item),
                hint="add `document:` with the web address of the contract (redacted where "
                     "the law allows): SIO paragraph 4(b) asks for the copy itself"))
    return problems


def _newest_first(rows: list[Any], key: Callable[[Any], Any]) -> list[Any]:
    return sorted(rows, key=key, reverse=True)


# --------------------------------------------------------------------- gifts


def _gifts(site_input: SiteInput, labels: Labels, result: SectionResult) -> None:
    slug = "gifts-and-hospitality"
    record, intro = _register(site_input, result, "gifts_hospitality", slug,
                              labels("gifts_title"), REGISTERS,
                              ("sio-2e-gifts-hospitality-register",))
    if intro is None:
        return
    fields = ("date", "recipient", "offered_by", "description", "value", "status")
    entries: list[GiftEntry] = _rows(record, site_input)
    rows = [plain_row(r, fields) for r in sorted(entries, key=lambda r: r.date)]
    columns = describe([labels.column("date", "date"), labels.column("recipient"),
                        labels.column("offered_by"), labels.column("description"),
                        labels.column("value", "money"), labels.column("status")], GiftEntry)
    updated = newest([record.updated if record else None, intro.updated])
    dataset = _dataset(slug, intro, columns, rows, updated, labels("gifts_description"),
                       (SIO,))
    shown = [{**row, "status": labels(f"status_{row['status']}")}
             for row in _newest_first(rows, lambda r: r["date"])]
    by_status = totals(rows, "status", "value", order=lambda g: g[0])
    status = [(labels(f"status_{key}"), count, amount) for key, count, amount in by_status]
    _publish(result, labels, RegisterPage(
        path=f"/registers/{slug}/", intro=intro, heading=labels("heading_entries"),
        caption=intro.title, columns=columns, rows=shown, dataset=dataset,
        per_page=site_input.config.registers.rows_per_page, updated=updated,
        summaries=[{"heading": labels("heading_totals"), "table": totals_table(
            labels, labels("caption_gifts_status"), labels.column("status"), status,
            items_label="col_offers")}],
        depends_on=(record.rel,) if record else (), empty=labels("no_entries"),
        lead=("recipient", "offered_by", "value")))


# --------------------------------------------------------------------- expenses


def _expenses(site_input: SiteInput, labels: Labels, result: SectionResult) -> None:
    slug = "expenses"
    record, intro = _register(site_input, result, "expenses", slug, labels("expenses_title"),
                              SPEND, ("sio-1d-office-holder-allowances",
                                      "sio-3h-office-holder-travel-subsistence"))
    if intro is None:
        return
    fields = ("date", "person", "category", "description", "amount", "payee",
              "value_for_money")
    entries: list[ExpenseEntry] = _rows(record, site_input)
    rows = [plain_row(r, fields) for r in sorted(entries, key=lambda r: r.date)]
    columns = describe([labels.column("date", "date"), labels.column("person"),
                        labels.column("category"), labels.column("description"),
                        labels.column("amount", "money")], ExpenseEntry)
    all_columns = columns + describe([labels.column("payee"),
                                      labels.column("value_for_money")], ExpenseEntry)
    shown_columns = [c for c in all_columns
                     if c in columns or any(row[c.key] for row in rows)]
    # As current as the newest claim listed (the quarterly duty asks about the data).
    updated = max(e.date for e in entries) if entries else newest(
        [record.updated if record else None, intro.updated])
    dataset = _dataset(slug, intro, all_columns, rows, updated, labels("expenses_description"),
                       (SIO,))
    summaries: list[dict[str, Any]] = [
        {"heading": labels("heading_totals"), "table": totals_table(
            labels, labels("caption_by_person"), labels.column("person"),
            totals(rows, "person", "amount"))},
        {"heading": None, "table": totals_table(
            labels, labels("caption_by_category"), labels.column("category"),
            totals(rows, "category", "amount"))},
    ]
    _publish(result, labels, RegisterPage(
        path=f"/registers/{slug}/", intro=intro, heading=labels("heading_entries"),
        caption=intro.title, columns=shown_columns,
        rows=_newest_first(rows, lambda r: r["date"]), dataset=dataset,
        per_page=site_input.config.registers.rows_per_page, updated=updated,
        summaries=summaries, depends_on=(record.rel,) if record else (),
        empty=labels("no_entries"), lead=("person", "amount", "date")))


# --------------------------------------------------------------------- contracts


def _contracts(site_input: SiteInput, labels: Labels, result: SectionResult) -> None:
    slug = "contracts"
    record, intro = _register(site_input, result, "contracts", slug, labels("contracts_title"),
                              SPEND, ("sio-4b-contracts-over-10k", "sio-4c-invitations-to-tender",
                                      "sio-4d-contracts-up-to-10k-list", "lgtc-contracts-format"))
    if intro is None:
        return
    if record is not None:
        result.problems.extend(duplicate_references([(record.display, record.meta)]))
    fields = ("reference", "title", "stage", "supplier", "value", "start", "end", "procedure",
              "closes", "document", "department", "description", "irrecoverable_vat",
              "review_date", "sme_or_voluntary")
    entries: list[ContractEntry] = _rows(record, site_input)
    rows = [plain_row(r, fields) for r in sorted(entries, key=lambda r: (r.start, r.reference))]
    columns = [labels.column("reference"), labels.column("title"), labels.column("supplier"),
               labels.column("value", "money"), labels.column("start", "date"),
               labels.column("end", "date"), labels.column("procedure")]
    all_columns = describe([
        *columns[:2], labels.column("stage"), *columns[2:], labels.column("closes", "date"),
        labels.column("document"), labels.column("department"), labels.column("description"),
        labels.column("irrecoverable_vat", "money"), labels.column("review_date", "date"),
        labels.column("sme_or_voluntary", "bool")], ContractEntry)
    updated = newest([record.updated if record else None, intro.updated])
    dataset = _dataset(slug, intro, all_columns, rows, updated,
                       labels("contracts_description"), (SIO, LGTC))
    if record is not None:
        result.problems.extend(_missing_copies(record, site_input))
    awarded = [r for r in reversed(rows) if r["stage"] == "awarded"]
    over = [r for r in awarded if r["value"] > CONTRACT_THRESHOLD]
    under = [r for r in awarded if r["value"] <= CONTRACT_THRESHOLD]
    tenders = [r for r in reversed(rows) if r["stage"] == "tender"]
    links = {"title": "document"}
    threshold = f"£{CONTRACT_THRESHOLD:,.0f}"
    groups = [(labels("contracts_over", threshold=threshold), len(over),
               sum((r["value"] for r in over), Decimal(0))),
              (labels("contracts_under", threshold=threshold), len(under),
               sum((r["value"] for r in under), Decimal(0)))]
    under_block = {
        "heading": labels("contracts_under", threshold=threshold), "id": "up-to-threshold",
        "empty": labels("no_entries"),
        "table": table(labels("contracts_under", threshold=threshold), columns, under,
                       downloads=dataset, links=links, lead=CONTRACT_LEAD)}
    tender_columns = [labels.column("reference"), labels.column("title"),
                      labels.column("value", "money"), labels.column("procedure"),
                      labels.column("closes", "date")]
    tender_block = {
        "heading": labels("contracts_tenders"), "id": "invitations-to-tender",
        "empty": labels("contracts_no_tenders"),
        "table": table(labels("contracts_tenders"), tender_columns, tenders, links=links,
                       lead=CONTRACT_LEAD)}
    _publish(result, labels, RegisterPage(
        path=f"/registers/{slug}/", intro=intro,
        heading=labels("contracts_over", threshold=threshold),
        caption=labels("contracts_over", threshold=threshold), columns=columns, rows=over,
        dataset=dataset, per_page=max(len(over), 1), updated=updated,
        summaries=[{"heading": labels("heading_totals"), "table": totals_table(
            labels, labels("caption_contracts"), Column("list", labels("col_list")), groups,
            items_label="col_contracts")}],
        depends_on=(record.rel,) if record else (), empty=labels("no_entries"),
        extra_tables=[under_block, tender_block], links=links, lead=CONTRACT_LEAD,
        duty_gaps=_without_copies(over)))


def _without_copies(over: list[dict[str, Any]]) -> tuple[tuple[str, str], ...]:
    """SIO 4(b) asks for a copy of each contract over £10,000: a row alone is not one."""
    return tuple(("sio-4b-contracts-over-10k",
                  f"contract {row['reference']} ({row['title']}, £{row['value']:,.0f}) has no "
                  "copy linked")
                 for row in over if not row.get("document"))

