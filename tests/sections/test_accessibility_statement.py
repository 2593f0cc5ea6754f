"""The accessibility statement page type: required fields, sections, consistency, review age."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import SiteFactory
from duty_helpers import ACCESSIBILITY
from htmltools import parse_html

from generator.build import BuildResult


def _build(make_site: SiteFactory, build_site_at: Callable[..., BuildResult], text: str
           ) -> tuple[BuildResult, object]:
    site = make_site({"content/accessibility.md": text})
    result = build_site_at(site)
    html = site / "_site/accessibility/index.html"
    return result, parse_html(html.read_bytes()) if html.exists() else None


def test_every_required_section_is_rendered(make_site: SiteFactory,
                                            build_site_at: Callable[..., BuildResult]) -> None:
    result, tree = _build(make_site, build_site_at, ACCESSIBILITY.format(reviewed="2026-06-01"))
    assert result.problems == []
    headings = [h.text for h in tree.find_all("h2")]  # type: ignore[attr-defined]
    assert headings[:5] == [
        "Compliance status", "Non-accessible content",
        "Reporting accessibility problems and asking for another format",
        "Enforcement procedure", "Preparation of this accessibility statement"]
    text = tree.text  # type: ignore[attr-defined]
    assert ("This website is partially compliant with the Web Content Accessibility Guidelines "
            "version 2.2 AA standard") in text
    assert [h.text for h in tree.find_all("h3")] == [  # type: ignore[attr-defined]
        "Non-compliance with the accessibility regulations",
        "Content that is not within the scope of the accessibility regulations"]
    assert "This fails WCAG success criterion 1.3.1 Info and relationships." in text
    assert "We plan to fix this by 31 March 2027." in text
    assert "Email us for an accessible copy." in text
    assert tree.find("a", href="mailto:a11y@testshire.example") is not None  # type: ignore[attr-defined]
    assert tree.find("a", href="https://www.equalityadvisoryservice.com/") is not None  # type: ignore[attr-defined]
    assert ("This statement was prepared on 23 September 2024. It was last reviewed on "
            "1 June 2026.") in text
    assert result.duties is not None
    psbar = next(r for r in result.duties.results
                 if r.duty.id == "psbar-2018-accessibility-statement")
    assert psbar.status == "met" and psbar.evidence[0].url == "/accessibility/"


def test_a_review_older_than_a_year_is_a_warning(make_site: SiteFactory,
                                                 build_site_at: Callable[..., BuildResult]
                                                 ) -> None:
    on_time, _ = _build(make_site, build_site_at, ACCESSIBILITY.format(reviewed="2025-11-23"))
    assert on_time.problems == []
    late, tree = _build(make_site, build_site_at, ACCESSIBILITY.format(reviewed="2025-11-22"))
    assert late.written and tree is not None
    assert [str(p) for p in late.warnings] == [
        'content/accessibility.md, line 16, field "reviewed": the statement was last reviewed '
        "on 22 November 2025, more than a year ago. Hint: review the statement against the "
        "site, then set `reviewed:` to the date you did."]


@pytest.mark.parametrize(("change", "expected"), [
    (("compliance_status: partially", "compliance_status: fully"),
     'content/accessibility.md, line 4, field "compliance_status": the site is \'fully\' '
     "compliant but content is listed as failing the standard. Hint: change the status to "
     "partially, or mark only content outside the regulations' scope with reason: outside "
     "scope."),
    (("reason: non-compliance", "reason: outside scope"),
     'content/accessibility.md, line 4, field "compliance_status": the site is \'partially\' '
     "compliant but no content is listed as failing the standard. Hint: list each failure "
     "under non_accessible_content with its reason (non-compliance or disproportionate "
     "burden), or change the status to fully."),
    (("prepared: 2024-09-23", "prepared: 2026-07-01"),
     'content/accessibility.md, line 16, field "reviewed": the statement was reviewed '
     "(1 June 2026) before it was prepared (1 July 2026). Hint: check both dates."),
    (("reviewed: 2026-06-01", "reviewed: 2026-12-01"),
     'content/accessibility.md, line 16, field "reviewed": 1 December 2026 is in the future. '
     "Hint: write the date the work was done."),
    (("enforcement_url: https://www.equalityadvisoryservice.com/", "enforcement_url: EASS"),
     'content/accessibility.md, line 14, field "enforcement_url": \'EASS\' is not a full web '
     "address (https://…)."),
    (("reason: non-compliance", "reason: too hard"),
     'content/accessibility.md, line 7, field "non_accessible_content[1].reason": '
     "'too hard' is not allowed here. Hint: use one of: non-compliance, disproportionate "
     "burden, outside scope."),
    (("how_to_report: Email [us](mailto:a11y@testshire.example) within 10 working days.\n", ""),
     'content/accessibility.md, line 2, field "how_to_report": this required field is '
     "missing. Hint: add a line `how_to_report: …`."),
])
def test_statement_errors(make_site: SiteFactory, build_site_at: Callable[..., BuildResult],
                          change: tuple[str, str], expected: str) -> None:
    text = ACCESSIBILITY.format(reviewed="2026-06-01")
    assert change[0] in text
    result, _ = _build(make_site, build_site_at, text.replace(*change))
    assert [str(p) for p in result.errors] == [expected]
    assert not result.written
