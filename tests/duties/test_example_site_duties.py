"""The example site against the duty catalogue.

Two kinds of test here:

- Ones that run now: the duties met by the example's free pages, its accessibility
  statement and publication scheme, and failures on copies with a page made stale or removed.
- ``EXAMPLE_AREAS_MERGED`` tests: `transparency check` passing on the whole example and
  failing when a register is removed or made stale. They need the staff, meetings and
  registers sections (other branches); until those are merged the example has hundreds of
  content errors, so they are skipped. Set the flag to True after merging.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import copy_example

from generator.build import BuildResult, build
from generator.duties.evaluate import DutyResult

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
EXAMPLE_AREAS_MERGED = True
needs_all_areas = pytest.mark.skipif(
    not EXAMPLE_AREAS_MERGED,
    reason="needs the staff, meetings and registers sections merged (other branches)")

MET_BY_FREE_PAGES = [
    "sio-1a-office-holder-names", "sio-1b-office-holder-address", "sio-1c-office-holder-salary",
    "sio-1f-panel-complaints-count", "sio-2A-shared-staff-arrangements", "sio-3a-total-budget",
    "sio-3b-precept", "sio-3c-revenue-sources", "sio-3d-proposed-expenditure",
    "sio-3e-investment-strategy", "sio-3f-crime-reduction-grants", "sio-4a-premises-land",
    "sio-6-policy-statements", "sio-7-csp-reports", "sio-7A-national-priorities-statement",
    "sio-7B-hmicfrs-peel", "sio-7C-a-iopc-data", "sio-7C-b-complaints-oversight-report",
    "sio-8-custody-visiting", "sio-part3-prominent-placement", "prsra-s11-performance-info",
    "prsra-s5-police-crime-plan", "prsra-s12-annual-report", "pa1996-s55-hmicfrs-response",
    "prsra-sch5-precept-panel-response", "foia-s19-publication-scheme",
    "ico-role-and-responsibilities", "eqa-2017-equality-information",
    "psbar-2018-accessibility-statement", "pa1996-s23E-collaboration-agreements",
]


def _copy_example(tmp_path: Path) -> Path:
    return copy_example(tmp_path, "example")


def _results(result: BuildResult) -> dict[str, DutyResult]:
    assert result.duties is not None
    return {r.duty.id: r for r in result.duties.results}


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert changed != text, pattern
    path.write_text(changed, encoding="utf-8")


@pytest.fixture(scope="module")
def example() -> BuildResult:
    return build(REPO, write=False, today=TODAY)


def test_duties_met_by_the_example_free_pages(example: BuildResult) -> None:
    results = _results(example)
    assert {i: results[i].status for i in MET_BY_FREE_PAGES} == \
        {i: "met" for i in MET_BY_FREE_PAGES}
    assert results["lgtc-contracts-format"].status == "not_applicable"
    assert results["lgtc-senior-salaries-format"].status == "not_applicable"
    hmicfrs = results["pa1996-s55-hmicfrs-response"]
    assert hmicfrs.due == date(2026, 12, 22)
    assert hmicfrs.notes == ('due by 22 December 2026 for "Thematic inspection of '
                             'neighbourhood policing"',)
    assert example.duties is not None
    assert example.duties.findability == []


def test_example_accessibility_statement_and_scheme_have_no_problems(
        example: BuildResult) -> None:
    mine = [p for p in example.problems
            if p.path in ("content/accessibility.md", "content/policies.md", "site.yml")
            or "duty" in p.message]
    assert mine == []


def test_a_stale_budget_page_fails(tmp_path: Path) -> None:
    site = _copy_example(tmp_path)
    _edit(site / "content/budget-and-precept.md", r"^updated: .*$", "updated: 2025-12-31")
    results = _results(build(site, write=False, today=TODAY))
    late = results["sio-3a-total-budget"]
    assert (late.status, late.due, late.failing) == ("overdue", date(2026, 3, 31), True)
    # Statutory since the second review (PRSRA 2011 Sch. 5 paras 5(2)(c), 6(3)(c)).
    assert results["prsra-sch5-precept-panel-response"].failing is True


def test_a_removed_page_makes_its_duty_missing(tmp_path: Path) -> None:
    site = _copy_example(tmp_path)
    (site / "content/grants.md").unlink()
    result = build(site, write=False, today=TODAY)
    grants = _results(result)["sio-3f-crime-reduction-grants"]
    assert (grants.status, grants.failing) == ("missing", True)
    assert any("grants.md" in p.message for p in result.errors)  # links to it now break


def _check(site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "generator", "check", "--source", str(site),
                           "--today", TODAY.isoformat()],
                          capture_output=True, text=True, env=env, timeout=300)


@needs_all_areas
def test_check_passes_on_the_example_site() -> None:
    proc = _check(REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Every duty met since i15 linked the example's contracts over £10,000 to their copies
    # (SIO 4(b)); the one warning is the November export's footer rows, dropped.
    assert proc.stdout.startswith("Nothing stops publishing; 1 other warning.\n")
    assert "partly met" not in proc.stdout
    assert "0 missing, " in proc.stdout and "overdue" not in proc.stdout


@needs_all_areas
def test_check_fails_when_a_register_is_removed(tmp_path: Path) -> None:
    site = _copy_example(tmp_path)
    shutil.rmtree(site / "content/registers/spending")
    proc = _check(site)
    assert proc.returncode == 1  # links to the removed register break: that stops publishing
    assert re.search(r"missing \(error\)\s+sio-3g-spend-over-500", proc.stdout)


@needs_all_areas
def test_check_fails_when_a_register_is_stale(tmp_path: Path) -> None:
    """Keep only the spending files up to June 2026 and date the register's page then.

    Assumes the registers section dates its spending page from the page's `updated:` or
    its newest monthly file; adjust after merging if it uses something else.
    """
    site = _copy_example(tmp_path)
    for month in ("07", "08", "09", "10", "11"):
        (site / f"content/registers/spending/2026-{month}.csv").unlink()
    _edit(site / "content/registers/spending/index.md", r"^updated: .*$", "updated: 2026-07-10")
    proc = _check(site)
    assert proc.returncode == 3  # June covered: July was due by 31 August, failing from October
    assert re.search(r"overdue \(error\)\s+sio-3g-spend-over-500", proc.stdout)
