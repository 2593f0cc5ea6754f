"""The shape of a finance export: where its heading row is and where its entries end.

Real exports are not tidy tables. A title row or two ("Spending over £500 - October
2026") sits above the headings; below the last entry come a blank row, a row of
commas, a total with no supplier, or "Report SPEND01 run on 14/11/2019 from Live".
This module finds the heading row (the first row that names at least two of the
register's columns, or the row ``site.yml`` gives) and the last row that looks like an
entry (it fills at least two of the register's required columns); what follows that
row is ignored and described in one warning per file. A bad row *before* it is still
validated, so it is still an error naming its line and column.

It knows nothing about what a column means beyond "which field is this heading";
``registers.py`` maps and validates the rows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from generator.errors import Problem, plural, warning

LOOK_FOR_HEADINGS = 15
"""How many rows from the top may be title rows before the headings."""

_NUMBER = re.compile(r"^\(?-?£?\s*-?[\d,]+(?:\.\d+)?\)?-?$")

Row = tuple[int, list[str]]


@dataclass(frozen=True)
class ExportShape:
    """Where the headings are and which rows after them are entries."""

    header_line: int
    header: list[str]
    entries: list[Row]
    """The rows from below the headings to the last entry (blank rows included)."""
    ignored: list[tuple[int, str]]
    """Rows after the last entry: (line, what it is: "blank row", "total row", …)."""


def find_heading(table: Sequence[Row], names_field: Callable[[str], str | None],
                 header_row: int | None) -> int:
    """The index in ``table`` of the heading row: the one ``site.yml`` gives (a line number),
    or the first of the top rows naming two or more fields, or else the first row."""
    if header_row is not None:
        for index, (line, _cells) in enumerate(table):
            if line >= header_row:
                return index
        return 0
    first_filled = None
    for index, (_line, cells) in enumerate(table[:LOOK_FOR_HEADINGS]):
        if not any(c.strip() for c in cells):
            continue
        if first_filled is None:
            first_filled = index
        if sum(1 for c in cells if c.strip() and names_field(c.strip())) >= 2:
            return index
    return first_filled or 0


def split_trailing(rows: Sequence[Row], required: Sequence[int]) -> tuple[list[Row],
                                                                           list[tuple[int, str]]]:
    """The rows up to the last entry, and what comes after it, each described."""
    need = min(2, len(required))
    last = -1
    for index in range(len(rows) - 1, -1, -1):
        cells = rows[index][1]
        filled = sum(1 for i in required if i < len(cells) and cells[i].strip())
        if filled >= need and need > 0:
            last = index
            break
    if need == 0:
        last = len(rows) - 1
    trailing = [(line, _describe(cells)) for line, cells in rows[last + 1:]]
    return list(rows[:last + 1]), trailing


def _describe(cells: list[str]) -> str:
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return "blank row"
    if any(_NUMBER.match(c) for c in filled) and len(filled) <= 3:
        return "total row"
    return "report footer"


def ignored_warning(display: str, ignored: list[tuple[int, str]]) -> Problem | None:
    """One line per file: "3 rows after the last entry were ignored: a blank row and a
    report footer"."""
    if not ignored:
        return None
    counts = Counter(kind for _line, kind in ignored)
    kinds = [f"a {kind}" if count == 1 else plural(count, kind)
             for kind, count in sorted(counts.items(), key=lambda kv: _ORDER.index(kv[0]))]
    count = len(ignored)
    rows = plural(count, "row")
    verb = "was" if count == 1 else "were"
    return warning(display, f"{rows} after the last entry {verb} ignored: {and_list(kinds)}",
                   line=ignored[0][0],
                   hint="nothing to do if these are the export's totals or footer; a row of "
                        "spending needs its date and supplier filled in")


_ORDER = ("blank row", "total row", "report footer")


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def and_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def lines_list(lines: Sequence[int], limit: int = 10) -> str:
    """"lines 4, 7 and 9" (the first ``limit``, then "and 37 more")."""
    shown = [str(n) for n in lines[:limit]]
    if len(lines) > limit:
        return "lines " + ", ".join(shown) + f" and {len(lines) - limit} more"
    return ("line " if len(shown) == 1 else "lines ") + and_list(shown)
