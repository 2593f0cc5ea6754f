"""The second example, a Police, Fire and Crime Commissioner (examples/pfcc/): the kind
of office, its role, the Transparency Code's and the Fire Framework's duties, nil
returns, and `check` on the dates the issue names."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from htmltools import parse_html

from generator.build import BuildResult, build
from generator.duties.evaluate import DutyResult

PFCC = Path(__file__).resolve().parents[2] / "examples" / "pfcc"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    out = tmp_path_factory.mktemp("pfcc-site")
    return build(PFCC, out, today=date(2026, 12, 6)), out


def _results(result: BuildResult) -> dict[str, DutyResult]:
    assert result.duties is not None
    return {r.duty.id: r for r in result.duties.results}


def test_the_pfcc_example_builds_cleanly(built: tuple[BuildResult, Path]) -> None:
    result, out = built
    assert result.written and result.problems == [], [str(p) for p in result.problems]
    role = parse_html((out / "staff/roles/police-fire-and-crime-commissioner/index.html")
                      .read_bytes())
    assert "Police, Fire and Crime Commissioner" in role.text


def test_fire_and_transparency_code_duties_bind_a_pfcc(built: tuple[BuildResult, Path]) -> None:
    results = _results(built[0])
    assert {i: results[i].status for i in (
        "frnf-statement-of-assurance", "frnf-community-risk-management-plan",
        "lgtc-2015-spend-over-500", "lgtc-2015-procurement-cards",
        "lgtc-2015-contracts-over-5k", "lgtc-2015-pay-multiple", "lgtc-2015-parking")} == {
        "frnf-statement-of-assurance": "met", "frnf-community-risk-management-plan": "met",
        "lgtc-2015-spend-over-500": "met", "lgtc-2015-procurement-cards": "met",
        "lgtc-2015-contracts-over-5k": "met", "lgtc-2015-pay-multiple": "met",
        "lgtc-2015-parking": "not_applicable"}
    assert "lgtc-spend-format" not in results  # a format model only for a PCC
    # The pay multiple is dated by as_at (31 March 2026): 2025-26 covered, 2026-27 due
    # three months after it ends.
    assert results["lgtc-2015-pay-multiple"].due == date(2027, 6, 30)
    # A nil return for the procurement cards covers July to September.
    cards = results["lgtc-2015-procurement-cards"]
    assert cards.covered is not None and cards.covered.label == "2026-Q3"
    assert not any(r.failing for r in results.values())


def test_nil_returns_are_shown_on_the_page(built: tuple[BuildResult, Path]) -> None:
    tree = parse_html((built[1] / "transparency/index.html").read_bytes())
    section = tree.find("section", class_="nil-returns")
    assert section is not None
    assert [li.text for li in section.find_all("li")] == [
        "July to September 2026", "April to June 2026"]


def _check(today: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "generator", "check", "--source", str(PFCC),
                           "--today", today], capture_output=True, text=True, env=env,
                          timeout=300)


def test_check_on_the_issue_dates() -> None:
    first, sixth, january = _check("2026-12-01"), _check("2026-12-06"), _check("2027-01-15")
    # The day after month end (and a week later) nothing about November is late.
    for proc in (first, sixth):
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.splitlines()[0] == \
            "Nothing stops publishing; 1 duty is missing (advisory)."
    # Mid-January November's spending and grants are late (warnings), not yet failing.
    assert january.returncode == 0, january.stderr
    assert january.stdout.splitlines()[0] == \
        "Nothing stops publishing; 2 duties are late; 1 duty is missing (advisory)."
    assert "is late: November 2026 was due by 31 December 2026" in january.stderr
