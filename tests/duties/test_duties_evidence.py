"""Evidence the catalogue corrections rely on, through real builds: nil returns on a
register's page, the address in site.yml, contracts without their copy, staff figures
dated by ``as_at``, and the kind of office."""

from __future__ import annotations

from datetime import date

from conftest import BASE_SITE_YML, MINIMAL_SITE_YML, SiteFactory
from htmltools import parse_html

from generator.build import BuildResult, build
from generator.duties.evaluate import DutyResult

TODAY = date(2026, 12, 6)


def _results(result: BuildResult) -> dict[str, DutyResult]:
    assert result.duties is not None
    return {r.duty.id: r for r in result.duties.results}


EXPENSES = """\
entries:
  - {date: 2026-06-12, person: A Person, category: Rail, description: Trip, amount: 42}
"""


def test_a_nil_return_is_shown_on_the_register_and_meets_the_quarter(
        make_site: SiteFactory) -> None:
    site = make_site({
        "content/registers/expenses.yml": EXPENSES,
        "content/registers/expenses.md": "---\ntitle: Expenses\nupdated: 2026-10-02\n"
                                         "nil_returns: [2026-Q3]\n---\nOur expenses.\n"})
    result = build(site, today=TODAY)
    assert result.written, [str(p) for p in result.problems]
    travel = _results(result)["sio-3h-office-holder-travel-subsistence"]
    assert (travel.status, travel.covered.label if travel.covered else None, travel.due) == \
        ("met", "2026-Q3", date(2027, 1, 31))
    tree = parse_html((site / "_site/registers/expenses/index.html").read_bytes())
    section = tree.find("section", class_="nil-returns")
    assert section is not None
    assert section.find("h2").text == "Nothing to report"  # type: ignore[union-attr]
    assert [li.text for li in section.find_all("li")] == ["July to September 2026"]


def test_without_the_nil_return_the_quarter_is_overdue(make_site: SiteFactory) -> None:
    site = make_site({"content/registers/expenses.yml": EXPENSES,
                      "content/registers/expenses.md": "---\ntitle: Expenses\n---\nOurs.\n"})
    travel = _results(build(site, write=False, today=TODAY))[
        "sio-3h-office-holder-travel-subsistence"]
    assert (travel.status, travel.expected.label if travel.expected else None) == \
        ("overdue", "2026-Q3")
    problem = travel.problem()
    assert problem is not None and problem.path == "content/registers/expenses.md"
    assert "`nil_returns:` in content/registers/expenses.md" in (problem.hint or "")
    assert "spending file" not in (problem.hint or "")


def test_a_bad_nil_return_is_located_with_a_hint(make_site: SiteFactory) -> None:
    site = make_site({"content/grants.md": "---\ntitle: Grants\nnil_returns: [2026-13]\n---\n"})
    result = build(site, write=False, today=TODAY)
    assert [str(p) for p in result.errors] == [
        'content/grants.md, line 3, field "nil_returns": \'2026-13\' is not a period: write '
        "a month (2026-11), a quarter (2026-Q3) or a financial year (2026-27)."]


def test_the_address_in_site_yml_meets_sio_1b(make_site: SiteFactory) -> None:
    address = _results(build(make_site(), write=False, today=TODAY))[
        "sio-1b-office-holder-address"]
    assert address.status == "met"
    assert [(e.source, e.kind) for e in address.evidence] == [("site.yml", "site_contact")]
    no_address = MINIMAL_SITE_YML.replace("  address: [1 Test Street, Testby, TB1 1AA]\n", "")
    missing = _results(build(make_site(site_yml=no_address), write=False, today=TODAY))[
        "sio-1b-office-holder-address"]
    assert missing.status == "missing"


CONTRACTS = """\
entries:
  - {reference: C-1, title: Audit, supplier: A Ltd, value: 25000, start: 2026-04-01,
     procedure: Open tender, document: "https://contracts.example/c-1.pdf"}
  - {reference: C-2, title: Cleaning, supplier: B Ltd, value: 12500, start: 2026-05-01,
     procedure: Quotation}
  - {reference: C-3, title: Stationery, supplier: C Ltd, value: 900, start: 2026-05-01,
     procedure: Quotation}
"""


def test_a_contract_over_10000_without_its_copy_is_named(make_site: SiteFactory) -> None:
    site = make_site({"content/registers/contracts.yml": CONTRACTS,
                      "content/registers/contracts.md": "---\ntitle: Contracts\n---\nOurs.\n"})
    result = _results(build(site, write=False, today=TODAY))["sio-4b-contracts-over-10k"]
    assert result.status == "partly_met" and not result.failing
    problem = result.problem()
    assert problem is not None and problem.path == "content/registers/contracts.md"
    assert problem.message.endswith(
        "is only partly met: contract C-2 (Cleaning, £12,500) has no copy linked")
    assert problem.hint == ("link each contract's published copy with `document:` (https://…) "
                            "in the contracts register")


WORKFORCE = """\
as_at: 2025-03-31
updated: 2026-11-01
headcount: 10
fte: 9.5
full_time: 9
part_time: 1
sex: {female: 6, male: 4}
ethnic_minority: {"yes": 1, "no": 8, not_declared: 1}
disabled: {"yes": 1, "no": 8, not_declared: 1}
"""


def test_staff_figures_are_dated_by_as_at(make_site: SiteFactory) -> None:
    site = make_site({"content/staff/workforce.yml": WORKFORCE})
    result = build(site, write=False, today=TODAY)
    assert result.errors == []
    headcount = _results(result)["sio-2a-staff-headcount"]
    assert [e.updated for e in headcount.evidence] == [date(2025, 3, 31)]
    assert (headcount.status, headcount.due) == ("overdue", date(2026, 3, 31))


def test_the_kind_of_office_decides_the_duties(make_site: SiteFactory) -> None:
    pcc = {r.duty.id for r in build(make_site(), write=False, today=TODAY).duties.results}  # type: ignore[union-attr]
    pfcc_yml = MINIMAL_SITE_YML + "office: police-fire-and-crime\n"
    pfcc = {r.duty.id for r in build(make_site(site_yml=pfcc_yml), write=False,
                                     today=TODAY).duties.results}  # type: ignore[union-attr]
    assert "frnf-statement-of-assurance" in pfcc and "frnf-statement-of-assurance" not in pcc
    assert "lgtc-2015-spend-over-500" in pfcc and "lgtc-spend-format" not in pfcc
    assert "lgtc-spend-format" in pcc and "sio-3g-spend-over-500" in pfcc


def test_an_unknown_office_is_a_located_error(make_site: SiteFactory) -> None:
    import pytest

    from generator.errors import ConfigError
    from generator.load.config import load_config

    site = make_site(site_yml=BASE_SITE_YML + "office: fire\n")
    with pytest.raises(ConfigError) as caught:
        load_config(site)
    message = str(caught.value.problems[0])
    assert message.startswith('site.yml, line 9, field "office"')
    assert "police-fire-and-crime" in message


def test_the_catalogue_corrections_of_the_second_review() -> None:
    from generator.law.catalogue import load_catalogue

    cat = load_catalogue()
    agenda = cat.get("sio-5b-agenda-and-papers")
    assert agenda is not None and "practice, not the Order" in (agenda.notes or "")
    precept = cat.get("prsra-sch5-precept-panel-response")
    assert precept is not None
    assert (precept.basis, precept.confidence, precept.timing_confidence) == \
        ("statutory", "high", "high")
    assert "paras 5(2)(c) and 6(3)(c)" in precept.source and "SI 2012/2271" in precept.source
    assert "1 February" in (precept.timing_source or "")
    assert cat.get("sio-1b-office-holder-address").satisfied_by[0] == "site_contact"  # type: ignore[union-attr]
    spending = cat.get("sio-3g-spend-over-500")
    assert spending is not None and spending.freshness == "period:month"
    assert spending.deadline == "asap-reading"
    # Every dated rule names where its deadline comes from and whose it is.
    assert all(d.timing_source and d.deadline for d in cat if d.rule.dated)


def test_a_dated_rule_without_its_source_is_a_broken_catalogue() -> None:
    import pytest
    import yaml

    from generator.errors import GeneratorError
    from generator.law.catalogue import Catalogue

    entry = {"id": "x", "title": "X", "source": "S", "class": "what-we-spend",
             "basis": "statutory", "confidence": "high", "timing_confidence": "high",
             "requirement": "R", "satisfied_by": ["page"], "freshness": "period:month"}
    with pytest.raises(GeneratorError, match="needs `timing_source` and `deadline`"):
        Catalogue.from_yaml(yaml.safe_dump({"duties": [entry]}))
