"""Tabular datasets: one definition gives the HTML table, the CSV and the JSON.

Staff, meetings, decisions and every register publish rows; they all go through
:class:`Dataset` so column order, number formats and encodings are the same
everywhere: a header row, money with two decimals, counts as plain numbers, ISO dates.

The CSV is written for Excel as much as for programs: UTF-8 with a byte-order mark (so
Excel reads the £ sign as UTF-8 rather than as Windows-1252), and a text cell that
starts with = + - @ or a tab is prefixed with an apostrophe, so opening the file cannot
run it as a formula (OWASP "CSV injection"). Money, number and date columns are never
prefixed, so a negative amount stays a number. Each dataset's Table Schema
(``table_schema``) describes the CSV for the data package (``outputs/datapackage.py``).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import repeat
from typing import Any, Literal

from generator.writer import OutputFile

ColumnKind = Literal["text", "money", "number", "date", "datetime", "bool", "list"]

BOM = b"\xef\xbb\xbf"
"""UTF-8's byte-order mark: without it Excel reads a CSV as Windows-1252 and shows £ as Â£."""
_FORMULA_START = ("=", "+", "-", "@", "\t")  # and "\r", which is written as "\n"
_RISKY_FIRST = frozenset(("=", "+", "-", "@", "\t", "'"))
_PLAIN_NUMBER = re.compile(r"^[+-]?\d[\d,]*(?:\.\d+)?$")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: ColumnKind = "text"
    description: str = ""
    """What the column holds, for the data package and the register page's column list."""

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
    conforms_to: tuple[str, ...] = ()
    """Addresses of the standards or laws the dataset follows (for the DCAT catalogue)."""

    @property
    def csv_path(self) -> str:
        return f"{self.path}.csv"

    @property
    def json_path(self) -> str:
        return f"{self.path}.json"


def plain(value: Any) -> Any:
    """A value as it goes into CSV/JSON: numbers plain, dates ISO, lists joined by "; "."""
    if value is None or type(value) is str:  # the common case first: most cells are text
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "; ".join(str(plain(v)) for v in value)
    return value


def _csv_cell(value: Any) -> str:
    value = plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # The writer quotes a cell only for the characters of its "\n" line ending, so a bare
    # carriage return would split the row for every reader.
    text = str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def text_cell(value: Any) -> str:
    """A text cell that Excel cannot run as a formula; a plain number is left alone."""
    text = value if type(value) is str else _csv_cell(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # One set lookup decides most cells; only a risky first character looks further.
    return "'" + text if text[:1] in _RISKY_FIRST and _needs_guard(text) else text


def _needs_guard(text: str) -> bool:
    """Text that starts like a formula, or like an already guarded one ("'=x" is written
    "''=x"), so that :func:`unguard` always gives back exactly what was written."""
    if not text.startswith(_FORMULA_START) and not text.startswith("'"):
        return False  # the common case, decided at once
    bare = text.lstrip("'")
    return bare.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(bare)


def unguard(cell: str) -> str:
    """A text cell of our CSV as it was before the formula guard: for programs that read
    the CSV back (Excel shows the guarded cell as the text itself)."""
    return cell[1:] if cell.startswith("'") and _needs_guard(cell[1:]) else cell


def _money_cell(value: Any) -> str:
    """Pounds with two decimals, always: 600.00, -109.00."""
    if value is None or value == "":
        return ""
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    return f"{amount:.2f}"


def _cell_writer(column: Column) -> Callable[[Any], str]:
    if column.kind == "money":
        return _money_cell
    if column.kind in {"text", "list"}:
        return text_cell
    return _csv_cell


def to_csv(dataset: Dataset) -> bytes:
    """The CSV, written a column at a time: a column of text or dates (a register's
    bodies, categories, days) has few distinct values, each written once."""
    buffer = io.StringIO(newline="")
    columns = []
    for column in dataset.columns:
        write = _cell_writer(column)
        values = [row.get(column.key) for row in dataset.rows]
        once = written_once(values, write)
        columns.append(list(map(write, values)) if once is None else once)
    csv.writer(buffer, lineterminator="\n").writerows(
        zip(*columns, strict=True) if columns else ([] for _row in dataset.rows))
    return _csv_header(dataset) + buffer.getvalue().encode("utf-8")


_KEYABLE = frozenset({str, date, type(None)})
"""Types whose equal values are written alike (unlike 1, True and Decimal("1.0"), equal
as keys); a date and a datetime are never equal."""


def written_once(values: list[Any], write: Callable[[Any], str]) -> list[str] | None:
    """``[write(value) for value in values]``, each distinct value written once, when the
    values are text, dates or None (a register's bodies, categories and days repeat);
    None for a column of other values, whose equal values may be written differently."""
    if not set(map(type, values)) <= _KEYABLE:
        return None
    written = {value: write(value) for value in set(values)}
    return list(map(written.__getitem__, values))


def _csv_header(dataset: Dataset) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerow([c.key for c in dataset.columns])
    return BOM + buffer.getvalue().encode("utf-8")


_SCHEMA_TYPES = {"text": "string", "money": "number", "number": "number", "date": "date",
                 "datetime": "datetime", "bool": "boolean", "list": "string"}


def table_schema(dataset: Dataset) -> dict[str, Any]:
    """The Frictionless Table Schema of the dataset's CSV: every field's name, type, title
    and description (https://specs.frictionlessdata.io/table-schema/)."""
    fields = []
    for column in dataset.columns:
        entry: dict[str, Any] = {"name": column.key, "type": _SCHEMA_TYPES[column.kind],
                                 "title": column.label,
                                 "description": column.description or column.label}
        if column.kind == "bool":
            entry.update(trueValues=["true"], falseValues=["false"])
        if column.kind == "datetime":
            entry["format"] = "any"
        fields.append(entry)
    return {"fields": fields, "missingValues": [""]}


def to_json(dataset: Dataset) -> bytes:
    """The dataset as one JSON document, each row on its own line.

    Rows are encoded one at a time without ``indent`` so that the C encoder is used:
    ``indent`` switches json to its pure-Python encoder, several times slower on a
    100,000-row register.
    """
    keys = [c.key for c in dataset.columns]
    encode = json.JSONEncoder(ensure_ascii=False).encode
    if not keys or len(set(keys)) < len(keys):
        rows = ",\n".join("  " + encode({k: plain(row.get(k)) for k in keys})
                          for row in dataset.rows)
        return _json_document(dataset, rows.encode("utf-8"))
    # Each row as that encoder writes it, {"key": value, "key": value}, put together a
    # column at a time: each distinct text or date once, numbers without the encoder.
    parts: list[Iterable[str]] = []
    for index, key in enumerate(keys):
        parts.append(repeat(("  {" if index == 0 else ", ") + encode(key) + ": "))
        parts.append(_json_values([row.get(key) for row in dataset.rows], encode))
    parts.append(repeat("}"))
    rows = ",\n".join(map("".join, zip(*parts)))  # noqa: B905 - repeat() is endless
    return _json_document(dataset, rows.encode("utf-8"))


def _json_values(values: list[Any], encode: Callable[[Any], str]) -> list[str]:
    """Each value of a column as JSON, exactly as ``encode(plain(value))`` writes it."""
    once = written_once(values, lambda value: encode(plain(value)))
    if once is not None:
        return once
    return [_json_number(plain(value), encode) for value in values]


def _json_number(value: Any, encode: Callable[[Any], str]) -> str:
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)  # json writes a finite float as its repr
    return encode(value)


def _json_head(dataset: Dataset) -> bytes:
    """Everything before the first row: the metadata and the opening of "rows"."""
    head = {
        "title": dataset.title,
        "description": dataset.description,
        "updated": dataset.updated.isoformat() if dataset.updated else None,
        "columns": [{"key": c.key, "label": c.label, "type": c.kind} for c in dataset.columns],
    }
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]  # drop the closing "\n}"
    return (text + ',\n "rows": [').encode("utf-8")


_JSON_TAIL = b"\n ]\n}\n"


def _json_document(dataset: Dataset, rows: bytes) -> bytes:
    """``rows``: the encoded row objects, each on its own line, joined by ",\\n"."""
    return _json_head(dataset) + (b"\n" + rows + _JSON_TAIL if rows else b"]\n}\n")


def _json_rows(dataset: Dataset, document: bytes) -> bytes:
    """The encoded rows of a document made by ``to_json`` for ``dataset``."""
    head = _json_head(dataset)
    if not dataset.rows:
        return b""
    if not (document.startswith(head + b"\n") and document.endswith(_JSON_TAIL)):
        raise ValueError(f"{dataset.json_path}: not the JSON of this dataset")
    return document[len(head) + 1:-len(_JSON_TAIL)]


def dataset_files(dataset: Dataset, cache: DatasetCache | None = None) -> list[OutputFile]:
    """The CSV and JSON files of a dataset, tagged so the catalogue can list them.

    With a ``cache`` (``serve`` keeps one), the files of the last build are reused when
    the dataset is the same and its rows are the very same row objects."""
    if cache is not None:
        return cache.files(dataset)
    return _files(dataset, to_csv(dataset), to_json(dataset))


def joined_dataset_files(dataset: Dataset,
                         parts: Sequence[tuple[Dataset, list[OutputFile]]]) -> list[OutputFile]:
    """The files of a dataset whose rows are its parts' rows in order, with the same
    columns (all spending = every month's spending): the parts' encoded rows are joined,
    not encoded again. Byte for byte what ``dataset_files`` would write."""
    if sum(len(part.rows) for part, _ in parts) != len(dataset.rows) or \
            any(list(part.columns) != list(dataset.columns) for part, _ in parts):
        raise ValueError(f"{dataset.path}: the parts do not make up this dataset")
    csv_header, json_rows = _csv_header(dataset), []
    csv_body = [csv_header]
    for part, (csv_file, json_file) in parts:
        if part.rows:
            csv_body.append(csv_file.content[len(csv_header):])
            json_rows.append(_json_rows(part, json_file.content))
    return _files(dataset, b"".join(csv_body), _json_document(dataset, b",\n".join(json_rows)))


def _files(dataset: Dataset, csv_bytes: bytes, json_bytes: bytes) -> list[OutputFile]:
    common: dict[str, Any] = dict(title=dataset.title, kind="dataset", updated=dataset.updated,
                                  publication_class=dataset.publication_class,
                                  description=dataset.description, rows=len(dataset.rows),
                                  conforms_to=dataset.conforms_to)
    return [OutputFile(dataset.csv_path, csv_bytes, table_schema=table_schema(dataset),
                       **common),
            OutputFile(dataset.json_path, json_bytes, **common)]


class DatasetCache:
    """The files of each dataset from the last build, by path.

    A section runs again whenever any of its files changes, building its datasets again;
    a dataset whose rows are the very same row objects (a spending month kept with its
    unchanged record, see ``Record.derive``) or rows of the same values reuses its
    encoded files. The entry holds the old rows, so an identity match can never be a
    reused id."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[Dataset, list[OutputFile]]] = {}
        self.reused = self.encoded = 0
        """Counts, for tests and timing."""

    def files(self, dataset: Dataset) -> list[OutputFile]:
        entry = self._entries.get(dataset.path)
        if entry is not None and _same_dataset(entry[0], dataset):
            self.reused += 1
            return entry[1]
        files = _files(dataset, to_csv(dataset), to_json(dataset))
        self.encoded += 1
        self._entries[dataset.path] = (dataset, files)
        return files


def _same_dataset(old: Dataset, new: Dataset) -> bool:
    return (old.title, old.description, list(old.columns), old.updated, old.publication_class,
            old.page_path, old.extra, old.conforms_to) == (
                new.title, new.description, list(new.columns), new.updated,
                new.publication_class, new.page_path, new.extra, new.conforms_to) \
        and len(old.rows) == len(new.rows) and all(map(_same_row, old.rows, new.rows))


def _same_row(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """The very same row, or one that encodes to the same bytes: the same keys in the
    same order and equal cells of the same types (``1 == 1.0 == True`` would not do).
    A section run again (a meeting's text edited) makes new rows of the same values."""
    return old is new or (list(old) == list(new) and all(map(_same_cell, old.values(),
                                                             new.values())))


def _same_cell(old: Any, new: Any) -> bool:
    if type(old) is not type(new):
        return False
    if isinstance(old, list | tuple):
        return len(old) == len(new) and all(map(_same_cell, old, new))
    return bool(old == new)
