"""The duty report of one build: every duty's result, click depths, and their problems.

``transparency check`` prints it as a table (or JSON) and exits 3 on its errors;
``transparency build`` lists its problems and still writes the site: a late duty never
stops publishing. This module formats; it decides nothing the evaluation has not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from generator.checks.htmlscan import ScannedPage
from generator.duties.evaluate import DutyResult, Evidence
from generator.duties.findability import click_depths, findability_problems
from generator.errors import Problem, errors_first, plural
from generator.urls import output_file_for

STATUSES = ("met", "partly_met", "missing", "late", "overdue", "not_applicable")
JSON_SCHEMA_VERSION = 2


@dataclass
class DutyReport:
    today: date
    results: list[DutyResult]
    depths: dict[str, int] = field(default_factory=dict)
    """Output file → clicks from the home page (empty until ``with_clicks``)."""
    findability: list[Problem] = field(default_factory=list)

    def with_clicks(self, pages: Mapping[str, bytes | str | ScannedPage], base_path: str,
                    same_links_as: DutyReport | None = None) -> DutyReport:
        """This report with click depths over the rendered HTML (``pages``: output path →
        HTML or its scan), and problems for statutory items too deep. A new report, so one
        kept from an earlier build is never measured against another build's pages.
        ``same_links_as``: the last build's report, when no page's links changed
        (``serve``): its depths hold, and its problems too if the duties were not judged
        again."""
        if same_links_as is None:
            depths = click_depths(pages, base_path)
            return replace(self, depths=depths,
                           findability=findability_problems(self.results, depths))
        findability = same_links_as.findability if same_links_as.results is self.results \
            else findability_problems(self.results, same_links_as.depths)
        return replace(self, depths=same_links_as.depths, findability=findability)

    @property
    def problems(self) -> list[Problem]:
        """Missing and late duties, then findability, with their real severity, errors
        first."""
        found = [p for p in (r.problem() for r in self.results) if p is not None]
        return errors_first(found + self.findability)

    @property
    def failing(self) -> bool:
        return any(p.is_error for p in self.problems)

    def counts(self) -> dict[str, int]:
        counted: Counter[str] = Counter(r.status for r in self.results)
        return {status: counted.get(status, 0) for status in STATUSES}

    def clicks(self, evidence: Evidence) -> int | None:
        return self.depths.get(output_file_for(evidence.url))

    def summary_line(self) -> str:
        """The statuses, counted from ``results`` (the failing count: see Outcome)."""
        counts = self.counts()
        shown = ", ".join(f"{counts[s]} {s.replace('_', ' ')}" for s in STATUSES
                          if counts[s] or s in ("met", "missing"))
        return f"Publication duties on {self.today.isoformat()}: {shown}"

    def table(self) -> str:
        """A plain-text table: one line per duty, for the terminal and CI logs."""
        rows = [("STATUS", "DUTY", "DUE", "EVIDENCE")]
        for result in sorted(self.results, key=_attention_first):
            status = result.status.replace("_", " ")
            if result.severity is not None:
                status += f" ({result.severity.value})"
            rows.append((status, result.duty.id, result.due.isoformat() if result.due else "-",
                         self._evidence_cell(result)))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
                 for row in rows]
        notes = sorted({n for r in self.results if r.severity and (n := r.deadline_note)})
        return "\n".join([self.summary_line(), "", *lines,
                          *(["", "Deadlines:"] + [f"  {n}" for n in notes] if notes else [])])

    def _evidence_cell(self, result: DutyResult) -> str:
        if result.status == "not_applicable":
            return f"not applicable: {result.reason}"
        newest = result.newest or (result.evidence[0] if result.evidence else None)
        if newest is None:
            return "-"
        parts = [newest.url]
        if newest.updated:
            parts.append(newest.updated.isoformat())
        clicks = self.clicks(newest)
        parts.append("not linked" if clicks is None else
                     plural(clicks, "click"))
        more = len(result.evidence) - 1
        return f"{parts[0]} ({', '.join(parts[1:])})" + (f" +{more} more" if more else "")

    def duty_json(self, result: DutyResult) -> dict[str, Any]:
        duty = result.duty
        return {
            "id": duty.id,
            "title": duty.title,
            "source": duty.source,
            "class": duty.publication_class,
            "basis": duty.basis,
            "confidence": duty.confidence,
            "timing_confidence": duty.timing_confidence,
            "freshness": duty.freshness,
            "status": result.status,
            "severity": result.severity.value if result.severity else None,
            "failing": result.failing,
            "due": result.due.isoformat() if result.due else None,
            "deadline": duty.deadline,
            "deadline_note": result.deadline_note,
            "timing_source": duty.timing_source,
            "covered": result.covered.label if result.covered else None,
            "expected": result.expected.label if result.expected else None,
            "reason": result.reason,
            "notes": list(result.notes),
            "evidence": [{"url": e.url, "title": e.title,
                          "updated": e.updated.isoformat() if e.updated else None,
                          "source": e.source, "clicks": self.clicks(e),
                          "nil_returns": list(e.nil_returns), "gaps": list(e.gaps)}
                         for e in result.evidence],
        }


def _attention_first(result: DutyResult) -> int:
    """Failing duties, then other problems, then the rest (a stable sort keeps each in
    catalogue order)."""
    return 0 if result.failing else 1 if result.severity is not None else 2
