"""Print problems for people: grouped by file, sorted, and a closing count line."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from itertools import groupby
from typing import TextIO

from generator.errors import Problem, ProblemSummary, errors_first


def format_problems(problems: Iterable[Problem], closing: str | None = None) -> str:
    """Errors, then warnings, each grouped under its file, then a closing count line
    ("2 errors and 1 warning in 3 files", or ``closing`` when the caller counts)."""
    ordered = errors_first(problems)
    if not ordered:
        return ""
    lines: list[str] = []
    for (_, path), group in groupby(ordered, key=lambda p: (p.is_error, p.path)):
        lines.append(path)
        for problem in group:
            label = "error" if problem.is_error else "warning"
            lines.append(f"  {label}: {problem}")
        lines.append("")
    lines.append(closing or str(ProblemSummary.of(ordered)))
    return "\n".join(lines)


class ConsoleReporter:
    """Writes problems and a summary to a stream (stderr by default)."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr

    def problems(self, problems: list[Problem], closing: str | None = None) -> None:
        text = format_problems(problems, closing)
        if text:
            print(text, file=self.stream)

    def line(self, text: str) -> None:
        print(text, file=self.stream)
