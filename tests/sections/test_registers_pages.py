"""Register pages and downloads: same output from YAML or CSV, round trips, totals, pages."""

from __future__ import annotations

import csv
import io
import shutil
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_SITE_YML, REPO
from register_support import has_output, messages, money, output, page, read_csv, read_json

from generator.build import BuildResult

Build = Callable[..., BuildResult]


@pytest.fixture
def build_files(make_site: Callable[..., Path], build_site_at: Build) -> Build:
    def run(files: dict[str, str | bytes], site_yml: str = MINIMAL_SITE_YML) -> BuildResult:
        return build_site_at(make_site(files, site_yml=site_yml), write=False)

    return run


def intro(title: str, updated: str = "2026-01-10") -> str:
    return f"---\ntitle: {title}\nsummary: {title} (fictional).\nupdated: {updated}\n---\nAbout.\n"


GIFTS = [
    {"date": "2026-01-05", "recipient": "Rebecca Ashworth", "offered_by": "Acme, Ltd",
     "description": 'Dinner at the "annual" awards', "value": "65", "status": "accepted"},
    {"date": "2026-02-11", "recipient": "Daniel Mensah", "offered_by": "Café Zoë",
     "description": "Hamper", "value": "1250.50", "status": "declined"},
    {"date": "2026-03-01", "recipient": "Chief of Staff", "offered_by": "Beta LLP",
     "description": "Tickets", "value": "0.99", "status": "declined"},
]
EXPENSES = [
    {"date": "2026-01-04", "person": "Rebecca Ashworth", "category": "Mileage",
     "description": "38 miles at 45p", "amount": "17.10"},
    {"date": "2026-01-18", "person": "Daniel Mensah", "category": "Rail travel",
     "description": "Northby to London", "amount": "142.60"},
]
CONTRACTS = [
    {"reference": "C-1", "title": "Fleet", "supplier": "Northby Fleet Ltd", "value": "10000.01",
     "start": "2025-04-01", "end": "2027-03-31", "procedure": "Open tender",
     "document": "https://example.org/contracts/c-1.pdf"},
    {"reference": "C-2", "title": "Printing", "supplier": "Inkwell Ltd", "value": "10000",
     "start": "2026-06-01", "end": "", "procedure": "Quotation", "document": ""},
]
SPENDING = [
    {"reference": "R-1", "date": "2026-01-05", "body": "PCC", "department": "", "supplier": "A Ltd",
     "description": "Paper", "category": "Office", "amount": "600",
     "value_for_money": "Quotes"},
    {"reference": "R-2", "date": "2026-02-05", "body": "", "department": "Fleet",
     "supplier": "B Ltd", "description": "Tyres", "category": "Fleet", "amount": "1234.56",
     "value_for_money": ""},
]
REGISTERS = {
    "gifts-and-hospitality": GIFTS, "expenses": EXPENSES, "contracts": CONTRACTS,
    "spending/2026-01": SPENDING,
}


def as_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def as_yaml(rows: list[dict[str, str]]) -> str:
    entries = [{k: v for k, v in row.items() if v != ""} for row in rows]
    return yaml.safe_dump({"entries": entries}, allow_unicode=True, sort_keys=False)


def register_files(name: str, text: str, ext: str) -> dict[str, str | bytes]:
    intro_path = ("registers/spending/index.md" if name.startswith("spending")
                  else f"registers/{name}.md")
    return {f"content/registers/{name}.{ext}": text, f"content/{intro_path}": intro(name)}


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_yaml_and_csv_inputs_produce_identical_output(build_files: Build, name: str) -> None:
    rows = REGISTERS[name]
    from_csv = build_files(register_files(name, as_csv(rows), "csv"))
    from_yaml = build_files(register_files(name, as_yaml(rows), "yml"))
    # An export's empty department cell is a warning (YAML is written by hand, not exported).
    assert [m for m in messages(from_csv) if "the department is empty" not in m] == []
    assert messages(from_yaml) == []

    def registers(result: BuildResult) -> dict[str, bytes]:
        return {f.path: f.content for f in result.outputs
                if f.path.startswith(("registers/", "data/"))}

    built = registers(from_csv)
    assert len(built) >= 3
    assert built == registers(from_yaml)


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_downloads_round_trip(build_files: Build, name: str) -> None:
    rows = REGISTERS[name]
    result = build_files(register_files(name, as_csv(rows), "csv"))
    stem = "registers/spending" if name.startswith("spending") else f"registers/{name}"
    raw = output(result, f"{stem}.csv")
    # A byte-order mark, so that Excel reads the UTF-8 (the £ sign) as UTF-8.
    assert raw.startswith(b"\xef\xbb\xbf") and raw.decode("utf-8")
    document = read_json(result, f"{stem}.json")
    from_csv = read_csv(result, f"{stem}.csv")
    keys = [c["key"] for c in document["columns"]]
    assert list(from_csv[0]) == keys  # the same stable column order in both files
    assert set(rows[0]) <= set(keys)
    expected = sorted(rows, key=lambda r: (r.get("date") or r.get("start") or "",
                                           r.get("reference", "")))

    def normal(row: dict[str, str]) -> dict[str, object]:
        return {k: Decimal(v) if v and k in {"value", "amount"} else v for k, v in row.items()}

    defaults = {"stage": "awarded"} if name == "contracts" else {}
    given = [{k: v for k, v in normal(r).items() if k in rows[0] or v not in ("", None)
              and v != defaults.get(k)} for r in from_csv]
    assert given == [normal(r) for r in expected]
    for json_row, csv_row in zip(document["rows"], from_csv, strict=True):
        for key, value in json_row.items():
            if isinstance(value, int | float):
                assert Decimal(str(value)) == Decimal(csv_row[key])  # plain numbers
            else:
                assert (value or "") == csv_row[key]


def test_register_table_is_accessible_and_formatted(build_files: Build) -> None:
    result = build_files(register_files("gifts-and-hospitality", as_csv(GIFTS), "csv"))
    html = page(result, "registers/gifts-and-hospitality/index.html")
    table = html.table("gifts-and-hospitality")
    assert table.header == ["Date", "Recipient", "Offered by", "Description", "Value",
                            "Accepted or declined"]
    assert all(a["scope"] == "col" for a in table.header_attrs)
    assert table.header_attrs[4]["class"] == "num"
    assert [cells[0]["tag"] for cells in table.cell_attrs] == ["th", "th", "th"]
    assert all(cells[0]["scope"] == "row" for cells in table.cell_attrs)
    assert table.rows[0] == ["1 Mar 2026", "Chief of Staff", "Beta LLP", "Tickets", "£0.99",
                             "Declined"]
    assert table.rows[1][4] == "£1,250.50" and "num" in table.cell_attrs[1][4]["class"].split()
    assert '<time datetime="2026-01-05">5 Jan 2026</time>' in html.html
    # sortable, but three rows need no filter box (only tables of more than 20 rows)
    assert "data-sortable" in html.html and "data-table-filter" not in html.html
    assert ("h2", "The register") in html.headings


def test_gift_totals_match_an_independent_sum(build_files: Build) -> None:
    result = build_files(register_files("gifts-and-hospitality", as_csv(GIFTS), "csv"))
    totals = page(result, "registers/gifts-and-hospitality/index.html").table(
        "Offers accepted and declined")
    expected: dict[str, Decimal] = defaultdict(Decimal)
    for row in GIFTS:
        expected[row["status"].capitalize()] += Decimal(row["value"])
    shown = {row[0]: money(row[2]) for row in totals.rows}
    assert shown == {**expected, "Total": sum(expected.values())}
    assert [row[1] for row in totals.rows] == ["1", "2", "3"]


def test_spending_totals_match_an_independent_sum_of_the_example_files(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    site = make_site({}, site_yml=(REPO / "site.yml").read_text(encoding="utf-8"))
    # November 2026 is the example's export with real-world quirks (title rows, a footer,
    # several date forms): tests/load/test_exports.py reads it; this sum reads the plain ones.
    shutil.copytree(REPO / "content/registers/spending", site / "content/registers/spending",
                    ignore=shutil.ignore_patterns("*.md", "2026-11.csv"))
    (site / "content/registers/spending/index.md").write_text(intro("Spending over £500"))
    result = build_site_at(site, write=False)
    assert messages(result) == []
    by_month: dict[str, Decimal] = defaultdict(Decimal)
    by_category: dict[str, Decimal] = defaultdict(Decimal)
    count = 0
    for path in sorted((REPO / "content/registers/spending").glob("*.csv")):
        if path.name == "2026-11.csv":
            continue
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                day, month, year = row["Transaction Date"].split("/")
                amount = Decimal(row["Amount (£)"].replace("£", "").replace(",", ""))
                label = date(int(year), int(month), int(day)).strftime("%B %Y")
                by_month[label] += amount
                by_category[row["Expense Type"]] += amount
                count += 1
    summary = page(result, "registers/spending/index.html")
    months = summary.table("Spending over £500: totals by month")
    assert {row[0]: money(row[2]) for row in months.rows[:-1]} == by_month
    assert months.rows[-1][0] == "Total" and money(months.rows[-1][2]) == sum(by_month.values())
    assert int(months.rows[-1][1].replace(",", "")) == count
    categories = summary.table("Totals by category")
    assert {row[0]: money(row[2]) for row in categories.rows[:-1]} == by_category
    assert len(months.rows) == 13  # twelve months and the total
    assert len(read_csv(result, "registers/spending.csv")) == count
    october = read_csv(result, "registers/spending/2026-10.csv")
    assert sum(Decimal(r["amount"]) for r in october) == by_month["October 2026"]
    assert 'href="/registers/spending/2026-10/"' in summary.html


def spending_rows(count: int, month: str = "2026-01") -> str:
    lines = ["date,supplier,description,category,amount,reference"]
    for n in range(count):
        lines.append(f"{month}-{n % 28 + 1:02d},Supplier {n},Item {n},Cat {n % 3},"
                     f"{500 + n}.25,REF-{month}-{n:04d}")
    return "\n".join(lines) + "\n"


def test_month_pages_are_split_into_pages_of_rows_per_page(build_files: Build) -> None:
    site = MINIMAL_SITE_YML + "registers:\n  spending:\n    rows_per_page: 50\n"
    files: dict[str, str | bytes] = {
        "content/registers/spending/2026-01.csv": spending_rows(120),
        "content/registers/spending/2026-02.csv": spending_rows(50, "2026-02"),
        "content/registers/spending/index.md": intro("Spending over £500")}
    result = build_files(files, site_yml=site)
    assert messages(result) == []
    first = page(result, "registers/spending/2026-01/index.html")
    second = page(result, "registers/spending/2026-01/page-2/index.html")
    third = page(result, "registers/spending/2026-01/page-3/index.html")
    assert not has_output(result, "registers/spending/2026-01/page-4/index.html")
    caption = "Spending over £500: January 2026"
    assert len(first.table(f"{caption} (rows 1 to 50 of 120)").rows) == 50
    assert len(second.table(f"{caption} (rows 51 to 100 of 120)").rows) == 50
    assert len(third.table(f"{caption} (rows 101 to 120 of 120)").rows) == 20
    assert ("h1", f"{caption} (page 2 of 3)") in second.headings
    for built in (first, second, third):
        assert {"/registers/spending/2026-01/", "/registers/spending/2026-01/page-2/",
                "/registers/spending/2026-01/page-3/"} <= set(built.links)
    references = [row[0] for built, first_row in ((first, 1), (second, 51), (third, 101))
                  for row in built.table(f"{caption} (rows {first_row} to "
                                         f"{min(first_row + 49, 120)} of 120)").rows]
    assert sorted(references) == [f"REF-2026-01-{n:04d}" for n in range(120)]
    # exactly rows_per_page rows: one page, no pagination
    february = page(result, "registers/spending/2026-02/index.html")
    assert len(february.table("Spending over £500: February 2026").rows) == 50
    assert not has_output(result, "registers/spending/2026-02/page-2/index.html")


def test_small_registers_paginate_too(build_files: Build) -> None:
    site = MINIMAL_SITE_YML + "registers:\n  rows_per_page: 50\n"
    rows = [{"date": f"2026-01-{n % 28 + 1:02d}", "person": "A", "category": "Mileage",
             "description": f"Trip {n}", "amount": "1.50"} for n in range(51)]
    result = build_files(register_files("expenses", as_csv(rows), "csv"), site_yml=site)
    assert has_output(result, "registers/expenses/page-2/index.html")
    assert not has_output(result, "registers/expenses/page-3/index.html")
    assert len(page(result, "registers/expenses/page-2/index.html").tables[0].rows) == 1
    assert len(read_csv(result, "registers/expenses.csv")) == 51


def test_rows_are_grouped_by_their_own_month(build_files: Build) -> None:
    files: dict[str, str | bytes] = {
        "content/registers/spending/export.csv": spending_rows(3) + spending_rows(2, "2026-03")
        .split("\n", 1)[1],
        "content/registers/spending/index.md": intro("Spending")}
    result = build_files(files)
    assert len(read_csv(result, "registers/spending/2026-01.csv")) == 3
    assert len(read_csv(result, "registers/spending/2026-03.csv")) == 2
    assert not has_output(result, "registers/spending/2026-02.csv")


def test_contracts_are_split_at_ten_thousand_pounds(build_files: Build) -> None:
    result = build_files(register_files("contracts", as_csv(CONTRACTS), "csv"))
    html = page(result, "registers/contracts/index.html")
    over = html.table("Contracts worth more than £10,000")
    under = html.table("Contracts worth £10,000 or less")
    assert [r[0] for r in over.rows] == ["C-1"] and [r[0] for r in under.rows] == ["C-2"]
    assert over.rows[0][3] == "£10,000.01" and under.rows[0][3] == "£10,000"
    assert under.rows[0][5] == ""  # no end date


def test_expenses_are_as_current_as_their_newest_claim(build_files: Build) -> None:
    """The quarterly duty asks how recent the data is, not when a file was touched."""
    files = register_files("expenses", "updated: 2026-05-05\n" + as_yaml(EXPENSES), "yml")
    files["content/registers/expenses.md"] = intro("Expenses", updated="2026-06-30")
    result = build_files(files)
    spec = result.site.page_at("/registers/expenses/") if result.site else None
    assert spec is not None and spec.updated == date(2026, 1, 18)
    assert spec.duties == ("sio-1d-office-holder-allowances",
                           "sio-3h-office-holder-travel-subsistence")
    assert spec.publication_class == "what-we-spend" and spec.kind == "register"


def test_gifts_page_updated_is_the_newest_of_data_and_intro(build_files: Build) -> None:
    files = register_files("gifts-and-hospitality", "updated: 2026-05-05\n" + as_yaml(GIFTS),
                           "yml")
    result = build_files(files)
    spec = result.site.page_at("/registers/gifts-and-hospitality/") if result.site else None
    assert spec is not None and spec.updated == date(2026, 5, 5)
    files["content/registers/gifts-and-hospitality.md"] = intro("Gifts", updated="2026-06-30")
    result = build_files(files)
    spec = result.site.page_at("/registers/gifts-and-hospitality/") if result.site else None
    assert spec is not None and spec.updated == date(2026, 6, 30)


def test_links_to_register_files_reach_their_pages(build_files: Build) -> None:
    files = {**register_files("gifts-and-hospitality", as_yaml(GIFTS), "yml"),
             **register_files("spending/2026-01", as_csv(SPENDING), "csv"),
             "content/registers/index.md": "---\ntitle: Registers\n---\n"
             "[Gifts](gifts-and-hospitality.yml), [intro](gifts-and-hospitality.md), "
             "[spending](spending/2026-01.csv)\n"}
    result = build_files(files)
    assert [m for m in messages(result) if "the department is empty" not in m] == []
    html = page(result, "registers/index.html").html
    assert '<a href="/registers/gifts-and-hospitality/">Gifts</a>' in html
    assert '<a href="/registers/gifts-and-hospitality/">intro</a>' in html
    assert '<a href="/registers/spending/">spending</a>' in html


def test_the_example_registers_build_without_problems(build_site_at: Build) -> None:
    result = build_site_at(REPO, write=False)
    ours = [p for p in messages(result) if "registers/decisions/" not in p]
    assert ours == [  # the quirky export's footer is reported, as it should be
        "content/registers/spending/2026-11.csv, line 23: 3 rows after the last entry were "
        "ignored: a blank row, a total row and a report footer. Hint: nothing to do if these "
        "are the export's totals or footer; a row of spending needs its date and supplier "
        "filled in."]
    assert messages(result, "content/data.md") == []
    for path in ("registers/gifts-and-hospitality/index.html", "registers/expenses/index.html",
                 "registers/contracts/index.html", "registers/spending/index.html",
                 "registers/spending/2025-11/index.html", "registers/spending/2026-10/index.html",
                 "registers/interests/index.html",
                 "registers/interests/rebecca-ashworth/index.html", "data/index.html",
                 "data/catalog.json"):
        assert has_output(result, path), path
    months = [f.path for f in result.outputs
              if f.path.startswith("registers/spending/") and f.path.endswith(".csv")]
    assert len(months) == 13  # November 2025 to November 2026
