"""Real finance exports, end to end: each file in tests/load/exports/ is dropped into a
site as a month of spending, built, and its published CSV read back: how many rows, the
total to the penny, and exactly what the build said it ignored or warned about.

The files are written in the shapes real published exports take (title rows, footers,
Windows-1252, byte-order marks, CRLF, every date and amount form, split invoices,
redacted suppliers, columns the register does not know); see each file's comment here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import MINIMAL_SITE_YML, REPO
from register_support import messages, read_csv, read_json

from generator.build import BuildResult

EXPORTS = Path(__file__).parent / "exports"
MAPPING = """\
registers:
  spending:
    columns:
      Body: body
      Service Area: department
      Transaction Date: date
      Supplier Name: supplier
      Expense Description: description
      Expense Type: category
      "Amount (£)": amount
      Transaction Number: reference
"""
INTRO = "---\ntitle: Spending over £500\n---\nFictional.\n"
Build = Callable[..., BuildResult]
SPEND = "content/registers/spending/2026-10.csv"


@dataclass
class Case:
    rows: int
    total: str
    problems: list[str] = field(default_factory=list)
    """Every message about the file, in order (the value-for-money warning left out)."""


CASES = {
    "title-rows-and-footer.csv": Case(3, "4735.76", [
        f"{SPEND}, line 4: 3 rows have no transaction number "
        "(lines 4, 5 and 7), so each was given 2026-10-<line>. Hint: nothing to do if the "
        "finance system gives card or manual rows no number.",
        f"{SPEND}, line 8: 3 rows after the last entry were ignored: a blank row, a total row "
        "and a report footer. Hint: nothing to do if these are the export's totals or footer; "
        "a row of spending needs its date and supplier filled in."]),
    "windows-1252.csv": Case(2, "1862.40", [
        f"{SPEND}, line 1: the file is not UTF-8, so it was read as Windows-1252 (check that £ "
        "signs and accents look right on the site). Hint: save it as UTF-8 (in Excel: 'CSV "
        "UTF-8 (Comma delimited)')."]),
    "utf8-bom-crlf.csv": Case(2, "1375.25"),
    "date-forms.csv": Case(5, "3000.00"),
    "amount-forms.csv": Case(8, "17069.93"),
    "split-invoices.csv": Case(7, "13304.32", [
        f"{SPEND}, line 5, field \"Transaction Number\": 2 rows have no transaction number "
        "(lines 5 and 6), so each was given 2026-10-<line>. Hint: nothing to do if the finance "
        "system gives card or manual rows no number.",
        f"{SPEND}, line 8: 1 row repeats an earlier row exactly: line 8 (as 7). Hint: delete the "
        "copy unless the same payment really was made twice."]),
    "redacted-suppliers.csv": Case(3, "7350.00"),
    "other-columns.csv": Case(3, "2400.00", [
        f"{SPEND}, line 3, field \"Expense Description\": the description is empty on 1 row: "
        "line 3. Hint: fill it in from the finance system if you can; the rows are published "
        "as they are.",
        f"{SPEND}, line 4, field \"Expense Type\": the category is empty on 1 row: line 4. "
        "Hint: fill it in from the finance system if you can; the rows are published as they "
        "are."]),
}


@pytest.fixture
def build_export(make_site: Callable[..., Path], build_site_at: Build
                 ) -> Callable[..., BuildResult]:
    def run(name: str, site_yml: str = MINIMAL_SITE_YML + MAPPING) -> BuildResult:
        files: dict[str, str | bytes] = {SPEND: (EXPORTS / name).read_bytes(),
                                         "content/registers/spending/index.md": INTRO}
        return build_site_at(make_site(files, site_yml=site_yml), write=False)

    return run


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_export_loads_end_to_end(build_export: Callable[..., BuildResult], name: str
                                      ) -> None:
    case = CASES[name]
    result = build_export(name)
    assert [str(p) for p in result.errors] == []
    assert messages(result, SPEND) == case.problems
    rows = read_csv(result, "registers/spending/2026-10.csv")
    assert len(rows) == case.rows
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal(case.total)
    assert all(len(r["amount"].split(".")[1]) == 2 for r in rows)  # money: two decimals
    assert read_json(result, "registers/spending.json")["rows"][0]["supplier"] == rows[0][
        "supplier"]


def test_every_file_without_a_value_for_money_reason_is_warned(
        build_export: Callable[..., BuildResult]) -> None:
    result = build_export("date-forms.csv")
    assert messages(result, SPEND, vfm=True) == [
        f"{SPEND}, line 1: no row gives the value for money. Hint: SIO paragraph 3(g) asks for "
        "the reason each item of spending gives value for money; add a column with it and map "
        "it in site.yml (registers columns)."]


def test_dates_and_amounts_read_as_written(build_export: Callable[..., BuildResult]) -> None:
    dates = read_csv(build_export("date-forms.csv"), "registers/spending/2026-10.csv")
    assert [(r["date"], r["description"]) for r in dates] == [
        ("2026-10-09", "Day first"), ("2026-10-10", "Excel date-time"),
        ("2026-10-11", "Oracle style"), ("2026-10-12", "ISO"), ("2026-10-13", "Written out")]
    amounts = read_csv(build_export("amount-forms.csv"), "registers/spending/2026-10.csv")
    assert [r["amount"] for r in amounts] == [
        "1299.92", "1035.84", "-2593.36", "-250.00", "-109.00", "0.00", "1428.64", "16257.89"]


def test_text_survives_windows_1252_and_the_byte_order_mark(
        build_export: Callable[..., BuildResult]) -> None:
    legacy = read_csv(build_export("windows-1252.csv"), "registers/spending/2026-10.csv")
    assert [r["supplier"] for r in legacy] == ["Café Vélo Ltd", "Larkmoor Fuels Ltd"]
    assert legacy[1]["description"] == "Fuel – fleet"
    bom = read_csv(build_export("utf8-bom-crlf.csv"), "registers/spending/2026-10.csv")
    assert [r["supplier"] for r in bom] == ["Brackley & Sons Ltd", "Ōsaka Translation Co"]


def test_split_invoices_keep_their_shared_number_and_rows_without_one_get_a_stable_one(
        build_export: Callable[..., BuildResult]) -> None:
    rows = read_csv(build_export("split-invoices.csv"), "registers/spending/2026-10.csv")
    assert [r["reference"] for r in rows] == [
        "INV-77", "INV-77", "INV-77", "2026-10-5", "2026-10-6", "INV-78", "INV-78"]
    again = read_csv(build_export("split-invoices.csv"), "registers/spending/2026-10.csv")
    assert again == rows


def test_redacted_suppliers_are_published_as_the_export_gives_them(
        build_export: Callable[..., BuildResult]) -> None:
    rows = read_csv(build_export("redacted-suppliers.csv"), "registers/spending/2026-10.csv")
    assert [r["supplier"] for r in rows] == [
        "REDACTED", "Personal data withheld", "Harcourt Wilde Audit LLP"]


def test_other_columns_are_published_under_their_own_headings(
        build_export: Callable[..., BuildResult]) -> None:
    result = build_export("other-columns.csv")
    rows = read_csv(result, "registers/spending/2026-10.csv")
    assert list(rows[0])[-4:] == ["Supplier id", "Account", "Group", "Column J"]
    assert [(r["Supplier id"], r["Account"], r["Column J"]) for r in rows] == [
        ("S001", "5100", ""), ("S002", "5200", "INSERTED DETAIL"), ("S003", "5300", "")]
    columns = read_json(result, "registers/spending/2026-10.json")["columns"]
    assert columns[-1] == {"key": "Column J", "label": "Column J", "type": "text"}


def test_site_yml_drops_other_columns_all_or_by_name(
        build_export: Callable[..., BuildResult]) -> None:
    named = MINIMAL_SITE_YML + MAPPING + "    drop_columns: [supplier ID, account]\n"
    rows = read_csv(build_export("other-columns.csv", named), "registers/spending/2026-10.csv")
    assert list(rows[0])[-2:] == ["Group", "Column J"]
    every = MINIMAL_SITE_YML + MAPPING + "    other_columns: drop\n"
    rows = read_csv(build_export("other-columns.csv", every), "registers/spending/2026-10.csv")
    assert list(rows[0])[-1] == "value_for_money"


def test_header_row_can_be_given_in_site_yml(build_export: Callable[..., BuildResult]) -> None:
    site = MINIMAL_SITE_YML + MAPPING + "    header_row: 3\n"
    rows = read_csv(build_export("title-rows-and-footer.csv", site),
                    "registers/spending/2026-10.csv")
    assert len(rows) == 3


def test_a_bad_row_before_the_last_entry_is_still_an_error(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    text = (EXPORTS / "title-rows-and-footer.csv").read_text(encoding="utf-8").replace(
        "02/10/2026,Northby Cleaning Ltd", "31/02/2026,Northby Cleaning Ltd")
    site = make_site({SPEND: text, "content/registers/spending/index.md": INTRO},
                     site_yml=MINIMAL_SITE_YML + MAPPING)
    result = build_site_at(site, write=False)
    assert [str(p) for p in result.errors] == [
        f"{SPEND}, line 5, field \"Transaction Date\": '31/02/2026' is not a real date. Hint: "
        "check the day and month; write dates as YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-03-31 or "
        "31/03/2026."]


def test_a_column_that_only_shares_a_word_is_not_suggested(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    """"Supplier id" is not a misspelling of supplier: the hint must not say so."""
    text = ("Supplier id,Transaction Date,Payee,Amount (£)\n"
            "S001,01/10/2026,Alpha Ltd,700.00\n")
    site = make_site({SPEND: text, "content/registers/spending/index.md": INTRO},
                     site_yml=MINIMAL_SITE_YML + MAPPING.replace("Supplier Name", "Vendor"))
    result = build_site_at(site, write=False)
    assert [str(p) for p in result.errors] == [
        f"{SPEND}, line 1: the required column \"supplier\" is missing. Hint: add it to the "
        "header row; site.yml reads 'Vendor' as supplier."]


def test_procurement_card_month(make_site: Callable[..., Path], build_site_at: Build) -> None:
    text = ("Transaction Date,Cost Centre,Merchant,Amount,VAT,Purpose,MCC Description\n"
            "03/10/2026,Office of the PCC,Northby Rail,42.50,0.00,Witness travel,Railways\n"
            "04/10/2026,Office of the PCC,Paperworks Ltd,(12.00),-2.00,Refund,Stationery\n")
    site_yml = MINIMAL_SITE_YML + """\
registers:
  procurement_card:
    columns:
      Transaction Date: date
      Cost Centre: department
      Merchant: beneficiary
      Amount: amount
      VAT: irrecoverable_vat
      Purpose: purpose
      MCC Description: merchant_category
"""
    site = make_site({"content/registers/procurement-card/2026-10.csv": text,
                      "content/registers/procurement-card/index.md":
                          "---\ntitle: Procurement card\n---\nFictional.\n"}, site_yml=site_yml)
    result = build_site_at(site, write=False)
    assert messages(result) == []  # card statements have no transaction numbers
    rows = read_csv(result, "registers/procurement-card/2026-10.csv")
    assert [(r["beneficiary"], r["amount"], r["irrecoverable_vat"], r["merchant_category"])
            for r in rows] == [("Northby Rail", "42.50", "0.00", "Railways"),
                               ("Paperworks Ltd", "-12.00", "-2.00", "Stationery")]
    assert [r["reference"] for r in rows] == ["2026-10-2", "2026-10-3"]
    assert any(f.path == "registers/procurement-card/2026-10/index.html"
               for f in result.outputs)


def test_the_example_sites_quirky_export(build_site_at: Build) -> None:
    """The example's November 2026 file is an export with the quirks, as it is."""
    result = build_site_at(REPO, write=False)
    rows = read_csv(result, "registers/spending/2026-11.csv")
    assert len(rows) == 18
    assert sum(Decimal(r["amount"]) for r in rows) == Decimal("110628.76")
    assert [r["reference"] for r in rows].count("NP-2611-0002") == 3  # one split invoice
    assert "Supplier ID" not in rows[0] and rows[0]["Cost Centre"] == "EST100"
    card = read_csv(result, "registers/procurement-card/2026-10.csv")
    assert len(card) == 8 and sum(Decimal(r["amount"]) for r in card) == Decimal("358.78")
    assert "Cardholder" not in card[0] and "A. Example" not in str(card)
