"""Problems (errors as values) and the few exceptions the pipeline raises.

Every stage returns what it could do plus a list of :class:`Problem`. Exceptions are
kept for conditions that stop the run outright::

    GeneratorError
    ├── ConfigError    site.yml is missing or invalid (exit code 2)
    ├── TemplateError  a template failed to render (exit code 1)
    └── OutputError    the output folder could not be written (exit code 1)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum


class Severity(StrEnum):
    """How bad a problem is: errors fail the build, warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong, located as precisely as we can, in plain English."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f'field "{self.field}"')
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message.rstrip('.')}."
        if self.hint:
            hint = self.hint.rstrip(".")
            text += f" Hint: {hint}" + ("" if hint.endswith("?") else ".")
        return text

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line or 0, self.field or "", self.message)

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


def errors_first(problems: Iterable[Problem]) -> list[Problem]:
    """Errors, then warnings; each by file, line, field and message (everywhere problems
    are listed: terminal, JSON, serve's error box)."""
    return sorted(problems, key=lambda p: (not p.is_error, *p.sort_key()))


def error(path: str, message: str, *, line: int | None = None, field: str | None = None,
          hint: str | None = None) -> Problem:
    return Problem(path, message, line, field, hint, Severity.ERROR)


def warning(path: str, message: str, *, line: int | None = None, field: str | None = None,
            hint: str | None = None) -> Problem:
    return Problem(path, message, line, field, hint, Severity.WARNING)


@dataclass
class ProblemSummary:
    """Counts for the closing line: "2 errors and 1 warning in 3 files"."""

    errors: int = 0
    warnings: int = 0
    files: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> ProblemSummary:
        summary = cls()
        for problem in problems:
            if problem.is_error:
                summary.errors += 1
            else:
                summary.warnings += 1
            summary.files.add(problem.path)
        return summary

    def __str__(self) -> str:
        files = plural(len(self.files), "file")
        return f"{plural(self.errors, 'error')} and {plural(self.warnings, 'warning')} in {files}"


def is_one(count: object) -> bool:
    """Whether a count is exactly one (1, "1", "1.0", Decimal("1")): then its noun is
    singular. 0 and fractions take the plural ("0 rows", "0.5 full-time equivalent posts")."""
    try:
        return Decimal(str(count).replace(",", "").strip()) == 1
    except InvalidOperation:
        return False


def plural(count: object, singular: str, many: str | None = None) -> str:
    """A count and its noun: "1 row", "0 rows", "2 rows"; ``many`` for a plural that is not
    the singular plus s ("1 duty", "2 duties"). Every count-plus-noun text in the generator
    uses this; the theme's words (templates/messages) use the same rule through
    ``is_one`` (a ``<key>_one`` message for one)."""
    return f"{count} {singular if is_one(count) else (many or singular + 's')}"


class GeneratorError(Exception):
    """Base of every error the generator raises on purpose."""


class ConfigError(GeneratorError):
    """site.yml is missing or invalid; raised by ``config.load_config``."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class TemplateError(GeneratorError):
    """A template failed to render; names the template, line and page."""


class OutputError(GeneratorError):
    """The output folder could not be written or swapped into place."""
