"""Load register files (YAML or CSV) into validated, located rows.

Shared by every register. A CSV is read as the finance export it usually is: its heading
row found below any title rows and its trailing blank, total and footer rows dropped
(``exports.py``); headings are mapped to register fields with ``site.yml``
(``registers.columns``, ``registers.spending.columns``, ``registers.procurement_card
.columns``), and the export's other columns are kept under their own headings unless
``other_columns``/``drop_columns`` leave them out. Each row is validated on its own so
that every bad row is reported, each naming its file, line and column; gaps that do not
stop a month (empty optional cells, repeated rows, no value-for-money reason) are
warnings. YAML registers list their rows
under ``entries:`` and are validated the same way, row by row.

Row-level ``draft``/``publish_from`` are kept here (the loader does not know today's
date); the sections call :meth:`RegisterData.published` before counting anything.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from generator.datasets import text_cell
from generator.errors import Problem, error, warning
from generator.load.exports import (
    column_letter,
    find_heading,
    ignored_warning,
    lines_list,
    split_trailing,
)
from generator.load.sources import ParsedSource, dotted_path, ragged_row
from generator.load.validation import problems_from, validate
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
    """How one register's CSV files are read: heading mapping, date order, other columns."""

    columns: dict[str, str]
    day_first: bool
    other_columns: str = "keep"
    drop_columns: frozenset[str] = frozenset()
    header_row: int | None = None

    @property
    def date_hint(self) -> str:
        example = "31/03/2026" if self.day_first else "03/31/2026"
        order = "DD/MM/YYYY" if self.day_first else "MM/DD/YYYY"
        return f"write dates as YYYY-MM-DD or {order}, e.g. 2026-03-31 or {example}"

    def keeps(self, heading: str) -> bool:
        """Whether a column that maps to no field is published."""
        return self.other_columns == "keep" and heading.strip().lower() not in self.drop_columns


def settings_for(config: SiteConfig, monthly: str | None) -> ReadSettings:
    """``monthly``: "spending" or "procurement_card" for those folders' own settings."""
    registers = config.registers
    if monthly is None:
        export: Any = registers
        columns = dict(registers.columns)
    else:
        export = getattr(registers, monthly)
        columns = {**registers.columns, **export.columns}
    drop = {name.strip().lower() for name in [*registers.drop_columns, *export.drop_columns]}
    other = "drop" if "drop" in (registers.other_columns, export.other_columns) else "keep"
    return ReadSettings(columns, export.day_first, other, frozenset(drop),
                        export.header_row or registers.header_row)


def register_loader(model: type[RegisterRow], *, monthly: str | None = None) -> Loader:
    """A ContentType loader for the register whose rows are ``model``."""

    def load(source: ParsedSource, config: SiteConfig) -> tuple[RegisterData | None,
                                                                list[Problem]]:
        return load_register(source, model, settings_for(config, monthly))

    return load


def load_register(source: ParsedSource, model: type[RegisterRow], settings: ReadSettings
                  ) -> tuple[RegisterData | None, list[Problem]]:
    if source.csv_table is not None or source.csv_rows is not None:
        data, problems = _load_csv(source, model, settings)
    else:
        data, problems = _load_yaml(source, model, settings)
    if data is None or any(p.is_error for p in problems):
        return None, problems
    return data, problems


# --------------------------------------------------------------------------- CSV


@dataclasses.dataclass
class _Columns:
    """Where each field and each kept other column is in the export's rows."""

    headers: dict[str, str]
    """Field → heading as written."""
    positions: list[tuple[str, int]]
    """(field, cell index) for every mapped column."""
    extras: list[tuple[str, int]]
    """(heading, cell index) for every other column that is published."""


def _table(source: ParsedSource) -> list[tuple[int, list[str]]]:
    if source.csv_table is not None:
        return source.csv_table
    header = source.csv_header or []  # a source tabulated by the generic reader
    return [(1, header)] + [(line, [cells.get(h, "") for h in header])
                            for line, cells in source.csv_rows or []]


def _load_csv(source: ParsedSource, model: type[RegisterRow], settings: ReadSettings
              ) -> tuple[RegisterData | None, list[Problem]]:
    display = source.file.display
    fields = list(model.model_fields)
    table = _table(source)
    if not table:
        return None, [error(display, "the file is empty", line=1,
                            hint="export the data again with its header row")]
    index = find_heading(table, lambda h: _field_for(h, fields, settings), settings.header_row)
    header_line, raw_header = table[index]
    header = [h.strip() for h in raw_header]
    body = table[index + 1:]
    columns, problems = _map_header(display, header, header_line, body, model, settings)
    if columns is None:
        return None, problems
    width = len(header)
    required = [i for name, i in columns.positions if model.model_fields[name].is_required()]
    rows_in, ignored = split_trailing(body, required)
    note = ignored_warning(display, ignored)
    if note is not None:
        problems.append(note)

    context = {"day_first": settings.day_first}
    stem = source.file.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    generate = model.GENERATED_REFERENCE and "reference" in fields
    # Card statements give no transaction numbers: say so only where a number is expected.
    report_generated = generate and "reference" in model.WARN_IF_EMPTY
    watch = [name for name in model.WARN_IF_EMPTY if name in columns.headers
             and not (generate and name == "reference")]  # reported as given a reference
    empty: dict[str, list[int]] = {name: [] for name in watch}
    generated: list[int] = []
    seen: dict[tuple[str, ...], int] = {}
    repeats: list[tuple[int, int]] = []
    rows: list[Located] = []
    for line, raw in rows_in:
        if len(raw) != width:
            if len(raw) > width and not any(c.strip() for c in raw[width:]):
                raw = raw[:width]
            elif any(c.strip() for c in raw):
                problems.append(ragged_row(source.file, line, len(raw), width))
                continue
        cells = list(map(str.strip, raw))
        if "\r" in "".join(cells):  # rare: a cell with a line break from Windows
            cells = [_cell(c) for c in raw]
        if not any(cells):
            continue
        values = {name: cells[i] for name, i in columns.positions if cells[i]}
        for name in watch:
            if name not in values:
                empty[name].append(line)
        if generate and "reference" not in values:
            values["reference"] = f"{stem}-{line}"
            generated.append(line)
        key = tuple(cells)
        if key in seen:
            repeats.append((line, seen[key]))
        else:
            seen[key] = line
        try:
            row = model.model_validate(values, context=context)
        except ValidationError as exc:
            found = problems_from(exc, model, path=display, lines={(): line})
            problems.extend(_csv_problem(p, columns.headers, settings) for p in found)
            continue
        rows.append(Located(line, row, None, tuple(cells[i] for _h, i in columns.extras)
                            if columns.extras else ()))
    problems.extend(_row_warnings(display, model, columns, empty,
                                  generated if report_generated else [], repeats, rows, stem))
    return RegisterData.model_construct(
        rows=tuple(rows), headers=columns.headers,
        extra_headers=tuple(h for h, _i in columns.extras)), problems


def _cell(value: str) -> str:
    value = value.strip()
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def _field_for(header: str, fields: list[str], settings: ReadSettings) -> str | None:
    """The field a heading holds: mapped in site.yml (ignoring case and spaces at the ends),
    or already a field name ("Offered By", "offered-by" → offered_by)."""
    text = header.strip()
    if text in settings.columns:
        return settings.columns[text]
    lower = text.lower()
    for key, value in settings.columns.items():
        if key.strip().lower() == lower:
            return value
    return _as_field(text, fields)


def _map_header(display: str, header: list[str], line: int, body: list[tuple[int, list[str]]],
                model: type[RegisterRow], settings: ReadSettings
                ) -> tuple[_Columns | None, list[Problem]]:
    """Field → column for each mapped heading; other columns kept or dropped; a repeated or
    missing column is reported."""
    fields = list(model.model_fields)
    columns = _Columns({}, [], [])
    problems: list[Problem] = []
    unmapped: list[str] = []
    for name in sorted({h for h in header if h and header.count(h) > 1}):
        problems.append(error(display, f"the column '{name}' appears twice in the header",
                              line=line, hint="rename one of the two columns; otherwise the "
                                              "second would silently replace the first"))
    for index, heading in enumerate(header):
        if not heading:
            if all(index >= len(cells) or not cells[index].strip() for _l, cells in body):
                continue
            heading = f"Column {column_letter(index)}"
        field = _field_for(heading, fields, settings)
        if field is None or field not in fields:
            unmapped.append(heading)
            if settings.keeps(heading) and heading not in fields:
                # A heading is a cell of the published CSV too: one that starts like a
                # formula is published with the apostrophe guard, everywhere alike.
                columns.extras.append((text_cell(heading), index))
        elif field in columns.headers:
            problems.append(error(
                display, f'the columns "{columns.headers[field]}" and "{heading}" both give the '
                         f"{field}", line=line, field=heading, hint="delete one of the two "
                                                                   "columns"))
        else:
            columns.headers[field] = heading
            columns.positions.append((field, index))
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    missing = [name for name in required if name not in columns.headers]
    if missing:
        names = _and([f'"{name}"' for name in missing])
        problems.append(error(
            display, f"the required column{'s' if len(missing) > 1 else ''} {names} "
                     f"{'are' if len(missing) > 1 else 'is'} missing", line=line,
            hint=_missing_hint(missing, unmapped, settings)))
    return (None if any(p.is_error for p in problems) else columns), problems


def _as_field(header: str, fields: list[str]) -> str | None:
    """"Offered By" or "offered-by" → offered_by when that is a field."""
    name = header.strip().lower().replace(" ", "_").replace("-", "_")
    return name if name in fields else None


def close_heading(heading: str, name: str) -> bool:
    """Whether a heading is so close to a name that it is likely a typo of it: "Suplier"
    for supplier, not "Supplier id" (a different column that shares a word)."""
    a = heading.strip().lower().replace("_", " ")
    b = name.strip().lower().replace("_", " ")
    return difflib.SequenceMatcher(None, a, b).ratio() >= 0.86


def _missing_hint(missing: list[str], unmapped: list[str], settings: ReadSettings) -> str:
    for name in missing:
        for target in [*(h for h, f in settings.columns.items() if f == name), name]:
            close = next((h for h in unmapped if close_heading(h, target)), None)
            if close is not None:
                return (f"did you mean '{target}'? The column '{close}' looks like a "
                        f"misspelling of it: correct the heading, or map it in site.yml "
                        f"(registers columns)")
    hint = f"add {'them' if len(missing) > 1 else 'it'} to the header row"
    aliases = [f"'{header}' as {name}" for header, name in settings.columns.items()
               if name in missing]
    if aliases:
        hint += f"; site.yml reads {_and(aliases)}"
    elif unmapped:
        shown = ", ".join(f"'{h}'" for h in unmapped[:8])
        hint += f", or map one of this file's columns ({shown}) in site.yml (registers columns)"
    return hint


def _row_warnings(display: str, model: type[RegisterRow], columns: _Columns,
                  empty: dict[str, list[int]], generated: list[int],
                  repeats: list[tuple[int, int]], rows: list[Located], stem: str
                  ) -> list[Problem]:
    """Gaps worth fixing that never stop a month being published."""
    problems: list[Problem] = []
    for name, lines in empty.items():
        if lines:
            count = len(lines)
            problems.append(warning(
                display, f"the {name.replace('_', ' ')} is empty on {count} "
                         f"row{'s' if count > 1 else ''}: {lines_list(lines)}",
                line=lines[0], field=columns.headers[name],
                hint="fill it in from the finance system if you can; the rows are published "
                     "as they are"))
    if generated:
        problems.append(warning(
            display, f"{len(generated)} row{'s have' if len(generated) > 1 else ' has'} no "
                     f"transaction number ({lines_list(generated)}), so each was given "
                     f"{stem}-<line>", line=generated[0], field=columns.headers.get("reference"),
            hint="nothing to do if the finance system gives card or manual rows no number"))
    if repeats:
        shown = ", ".join(f"{line} (as {first})" for line, first in repeats[:10])
        more = f" and {len(repeats) - 10} more" if len(repeats) > 10 else ""
        problems.append(warning(
            display, f"{len(repeats)} row{'s repeat' if len(repeats) > 1 else ' repeats'} an "
                     f"earlier row exactly: line{'s' if len(repeats) > 1 else ''} {shown}{more}",
            line=repeats[0][0], hint="delete the copy unless the same payment really was made "
                                     "twice"))
    for name, why in model.WARN_IF_ABSENT.items():
        if rows and not any(getattr(item.row, name) for item in rows):
            problems.append(warning(
                display, f"no row gives the {name.replace('_', ' ')}", line=1,
                hint=f"{why}; add a column with it and map it in site.yml (registers columns)"))
    return problems


def _csv_problem(problem: Problem, headers: dict[str, str], settings: ReadSettings) -> Problem:
    """Name the column as the CSV does, and word the hints for spreadsheet cells."""
    column = headers.get(problem.field or "", problem.field)
    message, hint = problem.message, _date_hint(problem, settings)
    if message == "this required field is missing":
        message = "this cell is empty"
        hint = "fill it in: every row needs a value in this column"
    elif hint and hint.startswith("write a plain number of pounds"):
        hint = "write an amount of money, e.g. 1234.50, £1,234.50 or (250.00)"
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
