"""Load register files (YAML or CSV) into validated, located rows.

Shared by every register. A CSV's header names are mapped to register fields with
``site.yml`` (``registers.columns``, and ``registers.spending.columns`` for a finance
system's export), then each row is validated on its own so that every bad row is
reported, each naming its file, line and column. YAML registers list their rows
under ``entries:`` and are validated the same way, row by row.

Row-level ``draft``/``publish_from`` are kept here (the loader does not know today's
date); the sections call :meth:`RegisterData.published` before counting anything.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from generator.errors import Problem, error
from generator.load.sources import ParsedSource, dotted_path
from generator.load.validation import did_you_mean, problems_from, validate
from generator.models.registers import (
    Located,
    RegisterData,
    RegisterRow,
    YamlRegister,
)

if TYPE_CHECKING:
    from generator.load.config import SiteConfig

# A custom loader turns a parsed source into its validated model (for CSV registers
# and files whose rows need their own line numbers).
Loader = Callable[[ParsedSource, "SiteConfig"], tuple[Any | None, list[Problem]]]


@dataclasses.dataclass(frozen=True)
class ReadSettings:
    """How one register's CSV files are read: header mapping and date order."""

    columns: dict[str, str]
    day_first: bool

    @property
    def date_hint(self) -> str:
        example = "31/03/2026" if self.day_first else "03/31/2026"
        order = "DD/MM/YYYY" if self.day_first else "MM/DD/YYYY"
        return f"write dates as YYYY-MM-DD or {order}, e.g. 2026-03-31 or {example}"


def settings_for(config: SiteConfig, spending: bool) -> ReadSettings:
    registers = config.registers
    if spending:
        columns = {**registers.columns, **registers.spending.columns}
        return ReadSettings(columns, registers.spending.day_first)
    return ReadSettings(dict(registers.columns), registers.day_first)


def register_loader(model: type[RegisterRow], *, spending: bool = False) -> Loader:
    """A ContentType loader for the register whose rows are ``model``."""

    def load(source: ParsedSource, config: SiteConfig) -> tuple[RegisterData | None,
                                                                list[Problem]]:
        return load_register(source, model, settings_for(config, spending))

    return load


def load_register(source: ParsedSource, model: type[RegisterRow], settings: ReadSettings
                  ) -> tuple[RegisterData | None, list[Problem]]:
    if source.csv_rows is not None:
        data, problems = _load_csv(source, model, settings)
    else:
        data, problems = _load_yaml(source, model, settings)
    if data is None or any(p.is_error for p in problems):
        return None, problems
    return data, problems


# --------------------------------------------------------------------------- CSV


def _load_csv(source: ParsedSource, model: type[RegisterRow], settings: ReadSettings
              ) -> tuple[RegisterData | None, list[Problem]]:
    display = source.file.display
    headers, problems = _map_header(source, model, settings)
    if headers is None:
        return None, problems
    by_header = {header: name for name, header in headers.items()}
    context = {"day_first": settings.day_first}
    rows: list[Located] = []
    for line, cells in source.csv_rows or []:
        values = {by_header[h]: v for h, v in cells.items() if v != "" and h in by_header}
        try:
            rows.append(Located(line, model.model_validate(values, context=context)))
        except ValidationError as exc:
            found = problems_from(exc, model, path=display, lines={(): line})
            problems.extend(_csv_problem(p, headers, settings) for p in found)
    return RegisterData.model_construct(rows=tuple(rows), headers=headers), problems


def _map_header(source: ParsedSource, model: type[RegisterRow], settings: ReadSettings
                ) -> tuple[dict[str, str] | None, list[Problem]]:
    """Field → header for each column; every unknown, repeated or missing column is reported."""
    display = source.file.display
    fields = list(model.model_fields)
    lower = {key.lower(): value for key, value in settings.columns.items()}
    headers: dict[str, str] = {}
    problems: list[Problem] = []
    for header in source.csv_header or []:
        if not header and _column_empty(source, header):
            continue
        name = settings.columns.get(header) or lower.get(header.lower()) \
            or _as_field(header, fields)
        if name is None:
            problems.append(error(
                display, f'"{header}" is not a column of this register' if header
                else "a column has no name in the header row", line=1, field=header or None,
                hint=did_you_mean(header, [*settings.columns, *fields])
                or _columns_hint(fields, settings)))
        elif name in headers:
            problems.append(error(
                display, f'the columns "{headers[name]}" and "{header}" both give the {name}',
                line=1, field=header, hint="delete one of the two columns"))
        else:
            headers[name] = header
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    missing = [name for name in required if name not in headers]
    if missing:
        names = _and([f'"{name}"' for name in missing])
        problems.append(error(
            display, f"the required column{'s' if len(missing) > 1 else ''} {names} "
                     f"{'are' if len(missing) > 1 else 'is'} missing", line=1,
            hint=_missing_hint(missing, settings)))
    return (None if problems else headers), problems


def _as_field(header: str, fields: list[str]) -> str | None:
    """"Offered By" or "offered-by" → offered_by when that is a field."""
    name = header.strip().lower().replace(" ", "_").replace("-", "_")
    return name if name in fields else None


def _column_empty(source: ParsedSource, header: str) -> bool:
    return all(not cells.get(header) for _line, cells in source.csv_rows or [])


def _columns_hint(fields: list[str], settings: ReadSettings) -> str:
    control = ("draft", "publish_from")
    ordered = [f for f in fields if f not in control] + [f for f in fields if f in control]
    hint = "the columns are: " + ", ".join(ordered)
    if settings.columns:
        hint += "; site.yml maps other names onto them (registers columns)"
    return hint


def _missing_hint(missing: list[str], settings: ReadSettings) -> str:
    hint = f"add {'them' if len(missing) > 1 else 'it'} to the header row"
    aliases = [f"'{header}' as {name}" for header, name in settings.columns.items()
               if name in missing]
    if aliases:
        hint += f"; site.yml reads {_and(aliases)}"
    return hint


def _csv_problem(problem: Problem, headers: dict[str, str], settings: ReadSettings) -> Problem:
    """Name the column as the CSV does, and word the hints for spreadsheet cells."""
    column = headers.get(problem.field or "", problem.field)
    message, hint = problem.message, _date_hint(problem, settings)
    if message == "this required field is missing":
        message = "this cell is empty"
        hint = "fill it in: every row needs a value in this column"
    elif hint and hint.startswith("write a plain number of pounds"):
        hint = "write an amount of money, e.g. 1234.50 or £1,234.50"
    return dataclasses.replace(problem, field=column, message=message, hint=hint)


def _date_hint(problem: Problem, settings: ReadSettings) -> str | None:
    """Registers also accept DD/MM/YYYY (or MM/DD/YYYY), so the hint says so."""
    if problem.hint and problem.hint.startswith(("write dates", "check the day")):
        return ("check the day and month; " if "real date" in problem.message else "") \
            + settings.date_hint
    return problem.hint


# --------------------------------------------------------------------------- YAML


def _load_yaml(source: ParsedSource, model: type[RegisterRow], settings: ReadSettings
               ) -> tuple[RegisterData | None, list[Problem]]:
    display = source.file.display
    if isinstance(source.data, list):
        return None, [error(display, "the rows must be listed under `entries:`", line=1,
                            hint="add a line `entries:` at the top and indent the rows "
                                 "below it")]
    head, problems = validate(YamlRegister, source.data, path=display, lines=source.lines,
                              default_line=1)
    if head is None:
        return None, problems
    context = {"day_first": settings.day_first}
    rows: list[Located] = []
    for index, entry in enumerate(head.entries):
        root = ("entries", index)
        line = source.line_of(root) or 1
        try:
            rows.append(Located(line, model.model_validate(entry, context=context), index))
        except ValidationError as exc:
            found = problems_from(exc, model, path=display, lines=source.lines, root=root)
            problems.extend(_yaml_problem(p, root, settings) for p in found)
    data = RegisterData.model_construct(
        rows=tuple(rows), headers={}, type=head.type, draft=head.draft,
        publish_from=head.publish_from, updated=head.updated)
    return data, problems


def _yaml_problem(problem: Problem, root: tuple[str | int, ...], settings: ReadSettings
                  ) -> Problem:
    prefix = dotted_path(root)
    field = f"{prefix}.{problem.field}" if problem.field else prefix
    return dataclasses.replace(problem, field=field, hint=_date_hint(problem, settings))


# --------------------------------------------------------------------------- checks


def duplicate_references(files: Iterable[tuple[str, RegisterData]],
                         field: str = "reference") -> list[Problem]:
    """A reference used twice, in one file or across files, names both places."""
    first: dict[str, tuple[str, int]] = {}
    problems = []
    for display, data in files:
        for item in data.rows:
            value = getattr(item.row, field)
            if value in first:
                where, line = first[value]
                also = f"line {line}" + ("" if where == display else f" of {where}")
                problems.append(error(
                    display, f"the {field} '{value}' is used twice: also on {also}",
                    line=item.line, field=data.column(field, item),
                    hint=f"give each row its own {field}, or delete the repeated row"))
            else:
                first[value] = (display, item.line)
    return problems


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def plain_row(row: RegisterRow, fields: Iterable[str]) -> dict[str, Any]:
    """The published fields of a row (never draft/publish_from), for tables and downloads."""
    return {name: getattr(row, name) for name in fields}
