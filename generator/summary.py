"""One set of numbers for every summary line: the terminal, ``check --format json`` and
``serve``'s error box all count from the same :class:`Outcome`.

Problems fall into two kinds: content problems (invalid content, broken links: their
errors stop publishing) and duty problems (missing, late or hard-to-find publication
duties: they never stop publishing; their errors fail the duty check). Errors come before
warnings everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.duties.report import JSON_SCHEMA_VERSION, DutyReport
from generator.errors import Problem, errors_first, plural


@dataclass(frozen=True)
class Outcome:
    """Everything one run found, and the counts every summary line is made from."""

    content: tuple[Problem, ...]
    """Problems with the content, links and settings (their errors stop publishing)."""
    duties: DutyReport | None = None

    @classmethod
    def of(cls, content: Sequence[Problem], duties: DutyReport | None) -> Outcome:
        return cls(tuple(content), duties)

    @property
    def duty_problems(self) -> list[Problem]:
        return self.duties.problems if self.duties else []

    @property
    def problems(self) -> list[Problem]:
        """Every problem, errors first."""
        return errors_first([*self.content, *self.duty_problems])

    @property
    def blocking(self) -> list[Problem]:
        """The errors that stop publishing: content and links, never duties."""
        return [p for p in self.content if p.is_error]

    @property
    def publishable(self) -> bool:
        return not self.blocking

    @property
    def duties_pass(self) -> bool:
        return not any(p.is_error for p in self.duty_problems)

    def counts(self) -> dict[str, int]:
        """The numbers: errors that stop publishing, duties failing, duties late, …"""
        statuses: Counter[str] = Counter(
            r.status for r in (self.duties.results if self.duties else [])
            if r.severity is not None and not r.failing)
        failing = sum(1 for p in self.duty_problems if p.is_error)
        deep = sum(1 for p in (self.duties.findability if self.duties else [])
                   if not p.is_error)
        return {
            "errors": len(self.blocking),
            "warnings": sum(1 for p in self.content if not p.is_error),
            "duties_failing": failing,
            "duties_late": statuses["late"] + statuses["overdue"],
            "duties_missing": statuses["missing"],
            "duties_partly_met": statuses["partly_met"],
            "duties_hard_to_find": deep,
        }

    def headline(self) -> str:
        """"1 error stops publishing; 3 duties are late" — what blocks publishing first."""
        n = self.counts()
        parts = [plural(n["errors"], "error") + (" stops" if n["errors"] == 1 else " stop")
                 + " publishing" if n["errors"] else "nothing stops publishing"]
        if n["duties_failing"]:
            parts.append(plural(n["duties_failing"], "duty", "duties")
                         + (" fails" if n["duties_failing"] == 1 else " fail")
                         + " the duty check")
        for key, words in (("duties_late", "late"), ("duties_missing", "missing (advisory)"),
                           ("duties_partly_met", "only partly met"),
                           ("duties_hard_to_find", "hard to find")):
            if n[key]:
                parts.append(plural(n[key], "duty", "duties")
                             + (" is " if n[key] == 1 else " are ") + words)
        if n["warnings"]:
            parts.append(plural(n["warnings"], "other warning"))
        text = "; ".join(parts)
        return text[0].upper() + text[1:]

    def as_json(self) -> dict[str, Any]:
        return {"headline": self.headline(), **self.counts(),
                "publishable": self.publishable, "duties_pass": self.duties_pass}


def check_json(report: DutyReport | None, content_problems: list[Problem],
               strict: bool = False) -> dict[str, Any]:
    """The machine-readable result of ``transparency check --format json``.

    ``publishable`` is false when content is invalid or a link is broken (with
    ``strict``, also on a content warning); ``duties_pass`` is false when a duty that
    can fail fails (with ``strict``, on any duty warning); ``ok`` is both. ``summary``
    holds the same numbers as the terminal's first line. ``errors`` and ``warnings``
    list every problem; ``duties`` has one entry per duty that binds this office.
    """
    outcome = Outcome.of(content_problems, report)
    problems = outcome.problems
    publishable = outcome.publishable and not (
        strict and any(not p.is_error for p in outcome.content))
    duties_pass = outcome.duties_pass and not (strict and bool(outcome.duty_problems))
    return {
        "version": JSON_SCHEMA_VERSION,
        "ok": publishable and duties_pass,
        "publishable": publishable,
        "duties_pass": duties_pass,
        "today": report.today.isoformat() if report else None,
        "summary": {**outcome.as_json(), "statuses": report.counts() if report else {}},
        "errors": [p.as_dict() for p in problems if p.is_error],
        "warnings": [p.as_dict() for p in problems if not p.is_error],
        "duties": [report.duty_json(r) for r in report.results] if report else [],
    }
