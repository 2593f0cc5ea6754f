"""`transparency check` as CI meets it: exit codes, the table, the JSON schema; the
compliance report page, off by default."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from conftest import MINIMAL_SITE_YML, SiteFactory
from duty_helpers import COMPLETE_SITE_YML_EXTRA, PCC_DUTY_IDS, complete_site_files
from htmltools import parse_html

from generator.build import BuildResult

COMPLETE_YML = MINIMAL_SITE_YML + COMPLETE_SITE_YML_EXTRA


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "generator", *args, "--today", "2026-11-23"],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def _table(stdout: str) -> dict[str, list[str]]:
    """The check's duty table: duty id → [status, due, evidence]."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("STATUS"))
    rows = {}
    for line in lines[start + 1:]:
        if not line:
            break
        status, duty_id, due, evidence = re.split(r"\s{2,}", line, maxsplit=3)
        rows[duty_id] = [status, due, evidence]
    return rows


def test_check_passes_on_a_site_meeting_every_duty(make_site: SiteFactory) -> None:
    site = make_site(complete_site_files(), site_yml=COMPLETE_YML)
    proc = _run(["check"], site)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Nothing stops publishing.\n\nPublication duties on "
                                  f"2026-11-23: {len(PCC_DUTY_IDS)} met, 0 missing\n")
    table = _table(proc.stdout)
    assert list(table) == list(PCC_DUTY_IDS)
    assert table["sio-3a-total-budget"] == ["met", "2027-03-31",
                                            "/everything/ (2026-11-20, 1 click)"]
    assert table["psbar-2018-accessibility-statement"] == ["met", "-",
                                                           "/accessibility/ (2026-06-01, 1 click)"]
    assert proc.stderr.rstrip().endswith("Check passed.")
    assert not (site / "_site").exists()


def test_a_missing_duty_fails_the_duty_check_but_never_stops_publishing(
        make_site: SiteFactory) -> None:
    files = complete_site_files()
    files["content/everything.md"] = str(files["content/everything.md"]).replace(
        "sio-3g-spend-over-500, ", "")
    site = make_site(files, site_yml=COMPLETE_YML)
    proc = _run(["check"], site)
    assert proc.returncode == 3
    assert proc.stdout.startswith("Nothing stops publishing; 1 duty fails the duty check.\n")
    assert _table(proc.stdout)["sio-3g-spend-over-500"] == ["missing (error)", "-", "-"]
    assert ("error: publication duties: duty sio-3g-spend-over-500 (Spending over £500; "
            in proc.stderr)
    assert "Nothing stops publishing; 1 duty fails the duty check (1 file)." in proc.stderr
    assert "Duty check failed: the site can be published" in proc.stderr
    built = _run(["build"], site)
    assert built.returncode == 0, built.stderr
    assert "error: publication duties: duty sio-3g-spend-over-500" in built.stderr
    assert "Nothing stops publishing; 1 duty fails the duty check (1 file)." in built.stderr
    assert (site / "_site/index.html").is_file()


def test_check_fails_on_a_stale_duty_and_on_content_errors(make_site: SiteFactory) -> None:
    stale = make_site(complete_site_files(updated="2025-12-31"), site_yml=COMPLETE_YML)
    proc = _run(["check"], stale)
    assert proc.returncode == 3
    assert _table(proc.stdout)["sio-3a-total-budget"] == [
        "overdue (error)", "2026-03-31", "/everything/ (2025-12-31, 1 click)"]
    files = complete_site_files()
    files["content/bad.md"] = "---\ntitel: Bad\n---\n"
    proc = _run(["check"], make_site(files, site_yml=COMPLETE_YML))
    assert proc.returncode == 1
    assert proc.stdout.startswith("2 errors stop publishing.\n")  # the field, no title
    assert 'content/bad.md, line 2, field "titel"' in proc.stderr
    assert "Check failed: fix the errors above; the site must not be published." in proc.stderr


def test_not_applicable_duties_pass_and_warnings_fail_only_with_strict(
        make_site: SiteFactory) -> None:
    files = complete_site_files()
    files["content/everything.md"] = str(files["content/everything.md"]).replace(
        ", lgtc-spend-format", "").replace("sio-7-csp-reports, ", "")
    yml = COMPLETE_YML + ("duties:\n  not_applicable:\n    - id: sio-7-csp-reports\n"
                          "      reason: no report has been required\n")
    site = make_site(files, site_yml=yml)
    proc = _run(["check"], site)
    assert proc.returncode == 0, proc.stderr
    table = _table(proc.stdout)
    assert table["sio-7-csp-reports"] == ["not applicable", "-",
                                          "not applicable: no report has been required"]
    assert table["lgtc-spend-format"] == ["missing (warning)", "-", "-"]
    assert _run(["check", "--strict"], site).returncode == 3


def test_check_json_schema(make_site: SiteFactory) -> None:
    files = complete_site_files()
    files["content/everything.md"] = str(files["content/everything.md"]).replace(
        "sio-3g-spend-over-500, ", "")
    proc = _run(["check", "--format", "json"], make_site(files, site_yml=COMPLETE_YML))
    assert proc.returncode == 3
    data = json.loads(proc.stdout)
    assert set(data) == {"version", "ok", "publishable", "duties_pass", "today", "summary",
                         "errors", "warnings", "duties"}
    assert data["ok"] is False and data["today"] == "2026-11-23" and data["version"] == 2
    assert (data["publishable"], data["duties_pass"]) == (True, False)
    met = len(PCC_DUTY_IDS) - 1
    assert data["summary"] == {
        "headline": "Nothing stops publishing; 1 duty fails the duty check", "errors": 0,
        "warnings": 0, "duties_failing": 1, "duties_late": 0, "duties_missing": 0,
        "duties_partly_met": 0, "duties_hard_to_find": 0, "publishable": True,
        "duties_pass": False,
        "statuses": {"met": met, "partly_met": 0, "missing": 1, "late": 0, "overdue": 0,
                     "not_applicable": 0}}
    assert data["warnings"] == []
    assert [e["message"][:40] for e in data["errors"]] == \
        ["duty sio-3g-spend-over-500 (Spending ove"]
    assert set(data["errors"][0]) == {"severity", "path", "line", "field", "message", "hint"}
    assert [d["id"] for d in data["duties"]] == list(PCC_DUTY_IDS)
    by_id = {d["id"]: d for d in data["duties"]}
    assert by_id["sio-3g-spend-over-500"] | {"notes": []} == {
        "id": "sio-3g-spend-over-500", "title": "Spending over £500",
        "source": "SI 2011/3050 Sch. para 3(g) (as substituted by SI 2012/2479 and amended by "
                  "SI 2013/1816)",
        "class": "what-we-spend", "basis": "statutory", "confidence": "high",
        "timing_confidence": "high", "freshness": "period:month", "status": "missing",
        "severity": "error", "failing": True, "due": None, "deadline": "asap-reading",
        "deadline_note": None,
        "timing_source": "SI 2011/3050 Part 2, \"each month, as soon as practicable after the "
                         "end of the month to which it relates\" (HAC HC 69 (2013-14) annex "
                         "table)",
        "covered": None, "expected": None, "reason": None, "notes": [], "evidence": []}
    budget = by_id["sio-3a-total-budget"]
    assert (budget["status"], budget["severity"], budget["failing"], budget["due"]) == \
        ("met", None, False, "2027-03-31")
    assert budget["evidence"] == [{"url": "/everything/", "title": "Everything",
                                   "updated": "2026-11-20", "source": "content/everything.md",
                                   "clicks": 1, "nil_returns": [], "gaps": []}]


def test_check_json_on_a_passing_site_and_a_config_error(make_site: SiteFactory) -> None:
    ok = _run(["check", "--format", "json"],
              make_site(complete_site_files(), site_yml=COMPLETE_YML))
    assert ok.returncode == 0 and json.loads(ok.stdout)["ok"] is True
    broken = make_site(site_yml=MINIMAL_SITE_YML + "duties:\n  not_applicable: [{id: x, "
                                                   "reason: y}]\n")
    proc = _run(["check", "--format", "json"], broken)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert data["ok"] is False and data["duties"] == []
    assert data["errors"][0]["field"] == "duties.not_applicable[1].id"


def test_compliance_report_is_off_by_default(make_site: SiteFactory,
                                             build_site_at: Callable[..., BuildResult]) -> None:
    site = make_site(complete_site_files(), site_yml=COMPLETE_YML)
    result = build_site_at(site)
    assert result.written and not (site / "_site/compliance").exists()
    scheme = (site / "_site/publication-scheme/index.html").read_text(encoding="utf-8")
    assert "/compliance/" not in scheme


def test_compliance_report_by_flag_or_setting(make_site: SiteFactory,
                                              build_site_at: Callable[..., BuildResult]) -> None:
    files = complete_site_files()
    files["content/everything.md"] = str(files["content/everything.md"]).replace(
        "sio-3g-spend-over-500, ", "")
    site = make_site(files, site_yml=COMPLETE_YML)
    proc = _run(["build", "--compliance-report"], site)
    assert proc.returncode == 0, proc.stderr
    tree = parse_html((site / "_site/compliance/index.html").read_bytes())
    assert tree.find("h1").text == "Publication duties compliance report"  # type: ignore[union-attr]
    captions = [c.text for c in tree.find_all("caption")]
    assert captions == ["Needs attention", "All duties"]
    attention = tree.find_all("table")[0]
    rows = attention.find_all("tr")[1:]
    assert len(rows) == 1 and "sio-3g-spend-over-500" in rows[0].text
    assert "Missing" in rows[0].text and "can fail the check" in rows[0].text
    every = tree.find_all("table")[1]
    assert len(every.find_all("tr")) == len(PCC_DUTY_IDS) + 1
    budget = every.find("tr", id="duty-sio-3a-total-budget")
    assert budget is not None and budget.find("a", href="/everything/") is not None
    assert "31 Mar 2027" in budget.text
    scheme = (site / "_site/publication-scheme/index.html").read_text(encoding="utf-8")
    assert 'href="/compliance/"' in scheme

    setting = make_site(complete_site_files(),
                        site_yml=COMPLETE_YML + "duties:\n  publish_report: true\n")
    assert build_site_at(setting).written
    assert (setting / "_site/compliance/index.html").is_file()
