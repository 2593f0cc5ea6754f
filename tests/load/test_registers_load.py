"""Loading registers: header mapping, formats, and the exact error for each bad row."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import BASE_SITE_YML, MINIMAL_SITE_YML
from register_support import messages, read_csv, read_json

from generator.build import BuildResult
from generator.errors import ConfigError
from generator.load.config import load_config

SPEND_SITE = MINIMAL_SITE_YML + """\
registers:
  spending:
    columns:
      Transaction Date: date
      Supplier Name: supplier
      "Amount (£)": amount
      Transaction Number: reference
"""
HEAD = "Transaction Date,Supplier Name,description,category,Amount (£),Transaction Number\n"
SPENDING_INTRO = "---\ntitle: Spending over £500\n---\nFictional.\n"

Build = Callable[..., BuildResult]


@pytest.fixture
def build_files(make_site: Callable[..., Path], build_site_at: Build) -> Build:
    def run(files: dict[str, str | bytes], site_yml: str = SPEND_SITE) -> BuildResult:
        return build_site_at(make_site(files, site_yml=site_yml), write=False)

    return run


def spending(rows: str, name: str = "2026-01") -> dict[str, str | bytes]:
    return {f"content/registers/spending/{name}.csv": HEAD + rows,
            "content/registers/spending/index.md": SPENDING_INTRO}


def test_bad_date_gives_its_exact_error(build_files: Build) -> None:
    result = build_files(spending("32/01/2026,Acme Ltd,Paper,Office,600,R1\n"))
    assert messages(result) == [
        'content/registers/spending/2026-01.csv, line 2, field "Transaction Date": '
        "'32/01/2026' is not a real date. Hint: check the day and month; write dates as "
        "YYYY-MM-DD or DD/MM/YYYY, e.g. 2026-03-31 or 31/03/2026."]


def test_text_that_is_not_a_date(build_files: Build) -> None:
    result = build_files(spending("soon,Acme Ltd,Paper,Office,600,R1\n"))
    assert messages(result) == [
        'content/registers/spending/2026-01.csv, line 2, field "Transaction Date": '
        "'soon' is not a date. Hint: write dates as YYYY-MM-DD or DD/MM/YYYY, e.g. "
        "2026-03-31 or 31/03/2026."]


def test_bad_amount_gives_its_exact_error(build_files: Build) -> None:
    result = build_files(spending("2026-01-05,Acme Ltd,Paper,Office,six hundred,R1\n"))
    assert messages(result) == [
        'content/registers/spending/2026-01.csv, line 2, field "Amount (£)": '
        "'six hundred' is not an amount of money. Hint: write an amount of money, e.g. "
        "1234.50, £1,234.50 or (250.00)."]


def test_missing_required_column_is_one_error_at_the_header(build_files: Build) -> None:
    files = {"content/registers/spending/2026-01.csv":
             "Transaction Date,description,Transaction Number\n2026-01-01,b,R1\n",
             "content/registers/spending/index.md": SPENDING_INTRO}
    assert messages(build_files(files)) == [
        'content/registers/spending/2026-01.csv, line 1: the required columns "supplier" '
        'and "amount" are missing. Hint: add them to the header row; site.yml '
        "reads 'Supplier Name' as supplier and 'Amount (£)' as amount."]


def test_misspelt_heading_is_hinted_and_other_columns_are_kept(build_files: Build) -> None:
    files = spending("")
    files["content/registers/spending/2026-01.csv"] = (
        "Transaction Date,Suplier Name,description,category,Amount (£),Transaction Number,"
        "Colour\n2026-01-01,A,b,c,600,R1,red\n")
    assert messages(build_files(files)) == [
        'content/registers/spending/2026-01.csv, line 1: the required column "supplier" is '
        "missing. Hint: did you mean 'Supplier Name'? The column 'Suplier Name' looks like a "
        "misspelling of it: correct the heading, or map it in site.yml (registers columns)."]


def test_repeated_references_are_split_invoices_and_copies_are_warnings(build_files: Build
                                                                        ) -> None:
    files = {**spending("2026-01-01,A,b,c,600,R1\n2026-01-02,A,b,c,600,R2\n"),
             **spending("2026-02-01,A,b,c,600,R3\n2026-02-02,A,b,c,600,R1\n"
                        "2026-02-03,A,x,c,700,R3\n2026-02-01,A,b,c,600,R3\n", name="2026-02")}
    result = build_files(files)
    assert messages(result) == [
        "content/registers/spending/2026-02.csv, line 5: 1 row repeats an earlier row exactly: "
        "line 5 (as 2). Hint: delete the copy unless the same payment really was made twice."]
    assert [r["reference"] for r in read_csv(result, "registers/spending.csv")] == [
        "R1", "R2", "R3", "R3", "R1", "R3"]


def test_duplicate_contract_reference_in_yaml(build_files: Build) -> None:
    files = {"content/registers/contracts.md": "---\ntitle: Contracts\n---\nFictional.\n",
             "content/registers/contracts.yml": (
                 "entries:\n"
                 "  - {reference: C1, title: T, supplier: S, value: 9000, start: 2026-01-01,"
                 " end: 2027-01-01, procedure: Quote}\n"
                 "  - {reference: C1, title: U, supplier: S, value: 900, start: 2026-01-01,"
                 " procedure: Quote}\n")}
    assert messages(build_files(files)) == [
        'content/registers/contracts.yml, line 3, field "entries[2].reference": the reference '
        "'C1' is used twice: also on line 2. Hint: give each row its own reference, or delete "
        "the repeated row."]


def test_every_bad_row_is_reported_not_only_the_first(build_files: Build) -> None:
    result = build_files(spending(
        "31/01/2026,Acme Ltd,Paper,Office,\"£1,000.00\",R1\n"
        "32/01/2026,Acme Ltd,Paper,Office,600,R2\n"
        "2026-01-05,Acme Ltd,Paper,Office,six hundred,R3\n"
        "2026-01-06,,Paper,Office,600,R4\n"))
    found = messages(result)
    assert [p.line for p in result.problems if p.is_error] == [3, 4, 5]
    assert found[2] == ('content/registers/spending/2026-01.csv, line 5, field "Supplier Name":'
                        " this cell is empty. Hint: fill it in: every row needs a value in "
                        "this column.")
    assert not result.written


def test_yaml_rows_are_located_by_entry(build_files: Build) -> None:
    files = {"content/registers/contracts.md": "---\ntitle: Contracts\n---\nFictional.\n",
             "content/registers/contracts.yml": (
                 "entries:\n"
                 "  - reference: C3\n    title: T\n    suplier: S\n    value: lots\n"
                 "    start: 2026-01-01\n    end: 2025-01-01\n    procedure: Quote\n"
                 "  - {reference: C4, title: T, supplier: S, value: 5, start: 2026-01-01, "
                 "end: 2025-12-31, procedure: Quote}\n")}
    assert messages(build_files(files)) == [
        'content/registers/contracts.yml, line 4, field "entries[1].suplier": "suplier" is not '
        "a field here. Hint: did you mean 'supplier'?",
        'content/registers/contracts.yml, line 5, field "entries[1].value": \'lots\' is not an '
        "amount of money. Hint: write a plain number of pounds, e.g. 77874 or 77874.50.",
        'content/registers/contracts.yml, line 9, field "entries[2]": the contract ends '
        "(2025-12-31) before it starts (2026-01-01).",
    ]


def test_status_must_be_accepted_or_declined(build_files: Build) -> None:
    files = {"content/registers/gifts-and-hospitality.csv":
             "date,recipient,offered_by,description,value,status\n"
             "2026-01-01,A,B,C,10,Accepted\n2026-01-02,A,B,C,10,maybe\n"}
    result = build_files(files)
    assert messages(result, "content/registers/gifts-and-hospitality.csv") == [
        'content/registers/gifts-and-hospitality.csv, line 3, field "status": \'maybe\' is not '
        "allowed here. Hint: use one of: accepted, declined."]


def test_rows_must_be_under_entries(build_files: Build) -> None:
    files = {"content/registers/expenses.yml": "- {date: 2026-01-01}\n"}
    assert messages(build_files(files), "content/registers/expenses.yml") == [
        "content/registers/expenses.yml, line 1: the rows must be listed under `entries:`. "
        "Hint: add a line `entries:` at the top and indent the rows below it."]


def test_yaml_and_csv_of_one_register_together_is_an_error(build_files: Build) -> None:
    row = "2026-01-01,A,Mileage,Trip,10\n"
    files = {"content/registers/expenses.csv": "date,person,category,description,amount\n" + row,
             "content/registers/expenses.yml":
                 "entries:\n  - {date: 2026-01-02, person: A, category: M, description: T,"
                 " amount: 5}\n",
             "content/registers/expenses.md": "---\ntitle: Expenses\n---\nFictional.\n"}
    assert messages(build_files(files)) == [
        "content/registers/expenses.yml: there are two expenses registers: "
        "content/registers/expenses.csv and content/registers/expenses.yml. "
        "Hint: keep one file: YAML or CSV, not both."]


def test_money_formats_bom_and_day_first_dates(build_files: Build) -> None:
    body = ("31/03/2026,Acme Ltd,Paper,Office,\"£1,234.50\",R1\r\n"
            "2026-03-30,Beta Ltd,Ink,Office,600,R2\r\n"
            "01/03/2026,Gamma Ltd,Toner,Office,£700.1,R3\r\n")
    files = spending("")
    files["content/registers/spending/2026-03.csv"] = ("\ufeff" + HEAD + body).encode("utf-8")
    result = build_files(files)
    assert messages(result) == []
    rows = read_csv(result, "registers/spending.csv")
    assert [(r["date"], r["supplier"], r["amount"]) for r in rows] == [
        ("2026-03-01", "Gamma Ltd", "700.10"), ("2026-03-30", "Beta Ltd", "600.00"),
        ("2026-03-31", "Acme Ltd", "1234.50")]
    data = read_json(result, "registers/spending.json")
    assert [r["amount"] for r in data["rows"]] == [700.1, 600, 1234.5]


def test_a_line_break_inside_a_cell_is_published_as_a_newline(build_files: Build) -> None:
    body = ('31/03/2026,Acme Ltd,"Paper\r\nand ink",Office,600,R1\r\n'
            '30/03/2026,Beta Ltd,"Toner\rcartridges ",Office,700, R2 \r\n')
    files = spending("")
    files["content/registers/spending/2026-03.csv"] = (HEAD + body).encode("utf-8")
    data = read_json(build_files(files), "registers/spending.json")
    assert [(r["description"], r["reference"]) for r in data["rows"]] == [
        ("Toner\ncartridges", "R2"), ("Paper\nand ink", "R1")]


def test_month_first_dates_when_day_first_is_off(build_files: Build) -> None:
    site = SPEND_SITE.replace("  spending:\n", "  spending:\n    day_first: false\n")
    result = build_files(spending("03/04/2026,Acme Ltd,Paper,Office,600,R1\n"
                                  "31/03/2026,Acme Ltd,Paper,Office,600,R2\n"), site_yml=site)
    assert messages(result) == [
        'content/registers/spending/2026-01.csv, line 3, field "Transaction Date": '
        "'31/03/2026' is not a real date. Hint: check the day and month; write dates as "
        "YYYY-MM-DD or MM/DD/YYYY, e.g. 2026-03-31 or 03/31/2026."]


def test_headers_match_field_names_loosely(build_files: Build) -> None:
    files = {"content/registers/gifts-and-hospitality.csv":
             "Date,Recipient,Offered By,Description,Value,Status\n"
             "2026-01-01,A,B,C,10,Declined\n",
             "content/registers/gifts-and-hospitality.md": "---\ntitle: Gifts\n---\nFictional.\n"}
    result = build_files(files)
    assert messages(result) == []
    assert read_csv(result, "registers/gifts-and-hospitality.csv") == [
        {"date": "2026-01-01", "recipient": "A", "offered_by": "B", "description": "C",
         "value": "10.00", "status": "declined"}]


def test_mapping_to_an_unknown_field_is_a_site_yml_error(make_site: Callable[..., Path]
                                                        ) -> None:
    site = make_site({}, site_yml=BASE_SITE_YML + "registers:\n  spending:\n    columns:\n"
                                                     "      Supplier Name: suppplier\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    assert [str(p) for p in caught.value.problems] == [
        'site.yml, line 11, field "registers.spending.columns": \'Supplier Name\' is mapped to '
        "'suppplier', which is not a register field (did you mean 'supplier'?)."]


def test_draft_and_embargoed_rows_never_appear(build_files: Build) -> None:
    files = {"content/registers/gifts-and-hospitality.yml": (
        "entries:\n"
        "  - {date: 2026-01-01, recipient: A, offered_by: Seen Ltd, description: Lunch, "
        "value: 10, status: accepted}\n"
        "  - {date: 2026-01-02, recipient: A, offered_by: Secret Draft Ltd, description: X, "
        "value: 1000, status: accepted, draft: true}\n"
        "  - {date: 2026-01-03, recipient: A, offered_by: Future Embargo Ltd, description: Y, "
        "value: 2000, status: declined, publish_from: 2027-01-01}\n"
        "  - {date: 2026-01-04, recipient: A, offered_by: Past Embargo Ltd, description: Z, "
        "value: 5, status: declined, publish_from: 2026-11-01}\n"),
        "content/registers/gifts-and-hospitality.md": "---\ntitle: Gifts\n---\nFictional.\n"}
    result = build_files(files)
    assert messages(result) == []
    everything = b"".join(f.content for f in result.outputs)
    assert b"Secret Draft" not in everything and b"Future Embargo" not in everything
    assert b"publish_from" not in everything
    rows = read_csv(result, "registers/gifts-and-hospitality.csv")
    assert [r["offered_by"] for r in rows] == ["Seen Ltd", "Past Embargo Ltd"]
    assert read_json(result, "registers/gifts-and-hospitality.json")["rows"][1]["value"] == 5
    files_out = {f.path: f for f in result.outputs}
    assert files_out["registers/gifts-and-hospitality.csv"].rows == 2
    html = files_out["registers/gifts-and-hospitality/index.html"].content.decode()
    assert "£15" in html and "£3,015" not in html  # the total counts published rows only
    assert sum(Decimal(r["value"]) for r in rows) == 15


def test_a_draft_register_file_is_withheld(build_files: Build) -> None:
    files = {"content/registers/expenses.yml": (
        "draft: true\nentries:\n  - {date: 2026-01-01, person: A, category: M, description: T,"
        " amount: 5}\n")}
    result = build_files(files)
    assert not any(f.path.startswith("registers/expenses") for f in result.outputs)


def test_site_wide_column_mapping_applies_to_every_csv_register(build_files: Build) -> None:
    site = MINIMAL_SITE_YML + ("registers:\n  columns:\n    Donor: offered_by\n"
                               "    Date Offered: date\n")
    files = {"content/registers/gifts-and-hospitality.csv":
             "Date Offered,recipient,Donor,description,value,status\n"
             "01/02/2026,A,Acme Ltd,Lunch,25,accepted\n",
             "content/registers/gifts-and-hospitality.md": "---\ntitle: Gifts\n---\nFictional.\n"}
    result = build_files(files, site_yml=site)
    assert messages(result) == []
    row = read_csv(result, "registers/gifts-and-hospitality.csv")[0]
    assert (row["date"], row["offered_by"]) == ("2026-02-01", "Acme Ltd")


def test_tenders_need_no_supplier_but_awarded_contracts_do(build_files: Build) -> None:
    files = {"content/registers/contracts.md": "---\ntitle: Contracts\n---\nFictional.\n",
             "content/registers/contracts.yml": (
                 "entries:\n"
                 "  - {reference: T1, title: T, stage: tender, value: 50000, start: 2027-01-01,"
                 " procedure: Open tender, closes: 2026-12-18,"
                 " document: 'https://example.org/itt.pdf'}\n"
                 "  - {reference: C1, title: C, value: 5, start: 2026-01-01, procedure: Quote}\n"
                 "  - {reference: C2, title: C, supplier: S, value: 5, start: 2026-01-01,"
                 " procedure: Quote, document: 'javascript:alert(1)'}\n")}
    assert messages(build_files(files)) == [
        'content/registers/contracts.yml, line 3, field "entries[2]": an awarded contract '
        "needs its supplier (write stage: tender for an invitation to tender).",
        'content/registers/contracts.yml, line 4, field "entries[3]": \'javascript:alert(1)\' '
        "is not a web address starting https://.",
    ]
