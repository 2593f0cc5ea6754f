"""Bar charts of tables an editor wrote in a page's Markdown (the budget's sources).

A page lists, in ``charts:``, the headings of the sections whose table should also be
drawn: ``charts: [Where the money comes from]``. The first table under that heading is
read from the Markdown: its first column gives the labels, the first column of numbers
(£, commas and % allowed) the values; a bold or "Total" row is left out. The chart is
drawn before the table, which stays as the text alternative's full version.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from markdown.extensions.toc import slugify

from generator.errors import Problem, plural, warning
from generator.load.records import Record
from generator.render.charts import BarChart, bar_chart
from generator.render.filters import format_money

_HEADING = re.compile(r"^(#{2,6})\s+(.+?)\s*#*\s*$")
_NUMBER = re.compile(r"^[−-]?£?\s*[\d,]+(?:\.\d+)?\s*%?$")


@dataclass(frozen=True)
class PageChart:
    """A chart and the id of the heading whose table it draws (the table's box is
    ``data-scroll-labelledby`` that id, which is where the chart goes)."""

    heading_id: str
    chart: BarChart


def page_charts(record: Record, headings: list[str]) -> tuple[list[PageChart], list[Problem]]:
    charts: list[PageChart] = []
    problems: list[Problem] = []
    lines = (record.body or "").splitlines()
    for index, wanted in enumerate(headings):
        found = _table_under(lines, wanted)
        chart = _chart(wanted, found, index) if found else None
        if chart is None:
            problems.append(warning(
                record.display, f"there is no table of figures under the heading '{wanted}' "
                                "to draw as a chart", line=record.line_of("charts", index),
                field=f"charts[{index + 1}]",
                hint="give the heading exactly as written (without the #s), with a table "
                     "below it whose first column names each row and another holds numbers"))
        else:
            charts.append(PageChart(slugify(wanted, "-"), chart))
    return charts, problems


def _table_under(lines: list[str], wanted: str) -> list[list[str]] | None:
    """The rows (cells as text) of the first table below the heading ``wanted``."""
    start = next((i for i, line in enumerate(lines)
                  if (m := _HEADING.match(line)) and _plain(m.group(2)) == wanted.strip()),
                 None)
    if start is None:
        return None
    rows: list[list[str]] = []
    for line in lines[start + 1:]:
        if _HEADING.match(line):
            break
        if line.strip().startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif rows:
            break
    if len(rows) < 3:
        return None
    return [rows[0], *rows[2:]]  # the header and the body, without the |---| line


def _chart(title: str, table: list[list[str]], index: int) -> BarChart | None:
    header, body = table[0], [r for r in table[1:] if not _is_total(r)]
    column = next((c for c in range(1, len(header))
                   if body and all(c < len(r) and _value(r[c]) is not None for r in body)), None)
    if column is None or not body:
        return None
    money = any("£" in header[column] or "£" in r[column] for r in body)
    items = [(_plain(r[0]), _value(r[column]) or Decimal(0)) for r in body]
    total = sum((v for _, v in items), Decimal(0))
    top = max(items, key=lambda item: item[1])
    share = round(top[1] * 100 / total) if total else 0

    def write(value: Decimal) -> str:
        return _short(value) if money else f"{value:,}"

    description = (f"Bar chart of the table below: {plural(len(items), 'row')}; the largest is "
                   f"{top[0]}, {write(top[1])} ({share}% of the total).")
    return bar_chart(f"page-chart-{index + 1}", title, items, write, description)


def _is_total(row: list[str]) -> bool:
    first = row[0].strip() if row else ""
    return first.startswith("**") or _plain(first).lower() in ("total", "totals")


def _value(cell: str) -> Decimal | None:
    text = _plain(cell).replace("−", "-")
    if not _NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace("£", "").replace(",", "").replace("%", "").strip())
    except InvalidOperation:
        return None


def _plain(text: str) -> str:
    """Markdown emphasis and links reduced to their words."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.replace("**", "").replace("__", "").replace("`", "").split())


def _short(amount: Decimal) -> str:
    """£118.6m, £845k: short enough to sit beside a bar."""
    if abs(amount) >= 1_000_000:
        return f"£{amount / 1_000_000:.1f}m"
    if abs(amount) >= 10_000:
        return f"£{amount / 1_000:.0f}k"
    return format_money(amount)
