"""The body rows of a data table, rendered in Python.

A 1,000-row register has 8,000 cells; through a Jinja macro per cell that was most of a
large site's build time. The table's frame (caption, headings, downloads) stays in the
overridable template ``components/table.html``; only the rows come from here, escaped
with markupsafe exactly as autoescaping would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from markupsafe import Markup, escape

from generator.datasets import Column
from generator.render.filters import format_date, format_money, format_number, format_time


def _cell(column: Column, value: Any, words: Callable[[str], str]) -> str:
    if value is None or value == "":
        return ""
    kind = column.kind
    if kind == "money":
        return str(escape(format_money(value)))
    if kind == "number":
        places = 2 if Decimal(str(value)) % 1 else 0
        return str(escape(format_number(value, places)))
    if kind == "date" and isinstance(value, date):
        return f'<time datetime="{value.isoformat()}">{escape(format_date(value, "short"))}</time>'
    if kind == "datetime" and isinstance(value, datetime):
        return (f'<time datetime="{value.isoformat()}">{escape(format_date(value, "short"))}, '
                f"{escape(format_time(value))}</time>")
    if kind == "bool":
        return str(escape(words("yes" if value else "no")))
    if kind == "list" and isinstance(value, list | tuple):
        return str(escape(", ".join(str(v) for v in value)))
    return str(escape(value))


def _sort_value(column: Column, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if column.kind in ("date", "datetime") and isinstance(value, date):
        return value.isoformat()
    if column.numeric:
        return str(value)
    return None


def cell_attributes(columns: Sequence[Column], stack: bool, lead: Sequence[str]) -> list[str]:
    """Each column's cell attributes, worked out once per table, not once per cell.

    A stacked table (one labelled block per row on a phone) names each cell's column in
    ``data-label`` for the stylesheet to show; ``lead`` columns (what identifies a row,
    e.g. supplier and amount) get ``l1``, ``l2`` … so the block shows them first."""
    found = []
    for index, column in enumerate(columns):
        attrs = ' scope="row"' if index == 0 else ""
        classes = ["num"] if column.numeric else []
        if stack and column.key in lead:
            classes.append(f"l{list(lead).index(column.key) + 1}")
        if classes:
            attrs += f' class="{" ".join(classes)}"'
        if stack:
            attrs += f' data-label="{escape(column.label)}"'
        found.append(attrs)
    return found


def table_rows(columns: Sequence[Column], rows: Sequence[Mapping[str, Any]],
               links: Mapping[str, str], href: Callable[[str], str],
               words: Callable[[str], str], stack: bool = False,
               lead: Sequence[str] = ()) -> Markup:
    """``<tr>`` elements: the first cell is the row header; money and numbers align right
    and carry a ``data-sort`` value for the sorting script."""
    out: list[str] = []
    fixed = cell_attributes(columns, stack, lead)
    for row in rows:
        out.append("<tr>\n")
        for index, column in enumerate(columns):
            value = row.get(column.key)
            tag = "th" if index == 0 else "td"
            attrs = fixed[index]
            sort = _sort_value(column, value)
            if sort is not None:
                attrs += f' data-sort="{escape(sort)}"'
            content = _cell(column, value, words)
            target = row.get(links[column.key]) if column.key in links else None
            if target:
                url = target if str(target).startswith("https://") else href(str(target))
                content = f'<a href="{escape(url)}">{content}</a>'
            out.append(f"<{tag}{attrs}>{content}</{tag}>\n")
        out.append("</tr>\n")
    return Markup("".join(out))


def scheme_rows(entries: Sequence[Any], href: Callable[[str], str],
                words: Callable[[str], str]) -> Markup:
    """The publication scheme's rows (one per published page or dataset: 7,000 on a large
    office's site), rendered here for the same reason as ``table_rows``."""
    out: list[str] = []
    dataset_word = escape(words("kind_dataset"))
    for entry in entries:
        if entry.downloads:
            links = " · ".join(f'<a href="{escape(href(path))}">{escape(label)}</a>'
                               for label, path in entry.downloads)
            heading = f"{escape(entry.title)} ({links})"
        else:
            heading = f'<a href="{escape(href(entry.url))}">{escape(entry.title)}</a>'
        kind = dataset_word if entry.kind == "dataset" else escape(
            entry.kind.replace("_", " ").replace("-", " ").capitalize())
        updated = (f'<time datetime="{entry.updated.isoformat()}">'
                   f'{escape(format_date(entry.updated, "short"))}</time>'
                   if entry.updated else "")
        out.append(f'    <tr>\n      <th scope="row">{heading}</th>\n      <td>{kind}</td>\n'
                   f"      <td>{updated}</td>\n      <td>{escape('; '.join(entry.bases))}</td>\n"
                   "    </tr>\n")
    return Markup("".join(out))
