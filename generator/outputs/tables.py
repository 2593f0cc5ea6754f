"""Tabular datasets: one definition gives the HTML table, the CSV and the JSON.

Staff, meetings, decisions and every register publish rows; they all go through
:class:`Dataset` so column order, number formats and encodings are the same
everywhere: UTF-8, a header row, money and counts as plain numbers, ISO dates.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from generator.site import OutputFile

ColumnKind = Literal["text", "money", "number", "date", "datetime", "bool", "list"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "text"
    description: str = ""

    @property
    def numeric(self) -> bool:
        return self.kind in {"money", "number"}


@dataclass
class Dataset:
    """Rows with a fixed column order, published at ``<path>.csv`` and ``<path>.json``."""

    path: str
    """Output path without extension, e.g. "staff/roles"."""
    title: str
    description: str
    columns: Sequence[Column]
    rows: list[dict[str, Any]]
    updated: date | None = None
    publication_class: str | None = None
    page_path: str | None = None
    """The HTML page that shows this dataset (for the data catalogue)."""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def csv_path(self) -> str:
        return f"{self.path}.csv"

    @property
    def json_path(self) -> str:
        return f"{self.path}.json"


def plain(value: Any) -> Any:
    """A value as it goes into CSV/JSON: numbers plain, dates ISO, lists joined by "; "."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(plain(v)) for v in value)
    return value


def to_csv(dataset: Dataset) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.key for c in dataset.columns])
    for row in dataset.rows:
        cells = []
        for column in dataset.columns:
            value = plain(row.get(column.key))
            if value is None:
                cells.append("")
            elif isinstance(value, bool):
                cells.append("true" if value else "false")
            else:
                cells.append(str(value))
        writer.writerow(cells)
    return buffer.getvalue().encode("utf-8")


def to_json(dataset: Dataset) -> bytes:
    """The dataset as one JSON document, each row on its own line.

    Rows are encoded one at a time without ``indent`` so that the C encoder is used:
    ``indent`` switches json to its pure-Python encoder, several times slower on a
    100,000-row register.
    """
    head = {
        "title": dataset.title,
        "description": dataset.description,
        "updated": dataset.updated.isoformat() if dataset.updated else None,
        "columns": [{"key": c.key, "label": c.label, "type": c.kind} for c in dataset.columns],
    }
    keys = [c.key for c in dataset.columns]
    rows = ",\n".join("  " + json.dumps({k: plain(row.get(k)) for k in keys}, ensure_ascii=False)
                      for row in dataset.rows)
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # drop the closing "\n}"
    text += ',\n "rows": [\n' + rows + "\n ]\n}\n" if rows else ',\n "rows": []\n}\n'
    return text.encode("utf-8")


def dataset_files(dataset: Dataset) -> list[OutputFile]:
    """The CSV and JSON files of a dataset, tagged so the catalogue can list them."""
    common: dict[str, Any] = dict(title=dataset.title, kind="dataset", updated=dataset.updated,
                                  publication_class=dataset.publication_class,
                                  description=dataset.description, rows=len(dataset.rows))
    return [OutputFile(dataset.csv_path, to_csv(dataset), **common),
            OutputFile(dataset.json_path, to_json(dataset), **common)]
