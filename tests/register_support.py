"""Helpers for the register tests: read tables and links out of built HTML."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any

from generator.build import BuildResult


@dataclass
class Table:
    caption: str = ""
    header: list[str] = field(default_factory=list)
    header_attrs: list[dict[str, str]] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    cell_attrs: list[list[dict[str, str]]] = field(default_factory=list)
    """Attributes of each body cell, including "tag" (th or td)."""

    def column(self, name: str) -> list[str]:
        index = self.header.index(name)
        return [row[index] for row in self.rows]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.links: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self._table: Table | None = None
        self._cell: list[str] | None = None
        self._in: str | None = None
        self._section = ""
        self._heading: list[str] | None = None
        self._heading_tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "a" and "href" in values:
            self.links.append(values["href"])
        if tag in {"h1", "h2", "h3"}:
            self._heading, self._heading_tag = [], tag
        if tag == "table":
            self._table = Table()
        elif self._table is None:
            return
        elif tag == "caption":
            self._in, self._cell = "caption", []
        elif tag in {"thead", "tbody"}:
            self._section = tag
        elif tag == "tr" and self._section == "tbody":
            self._table.rows.append([])
            self._table.cell_attrs.append([])
        elif tag in {"th", "td"}:
            self._cell = []
            if self._section == "thead":
                self._table.header_attrs.append(values)
            else:
                self._table.cell_attrs[-1].append({"tag": tag, **values})

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h1", "h2", "h3"} and self._heading is not None:
            self.headings.append((self._heading_tag, " ".join("".join(self._heading).split())))
            self._heading = None
        if self._table is None:
            return
        if tag == "caption" and self._cell is not None:
            self._table.caption = " ".join("".join(self._cell).split())
            self._cell = None
        elif tag in {"th", "td"} and self._cell is not None:
            text = " ".join("".join(self._cell).split())
            if self._section == "thead":
                self._table.header.append(text)
            else:
                self._table.rows[-1].append(text)
            self._cell = None
        elif tag == "table":
            self.tables.append(self._table)
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


@dataclass
class Page:
    tables: list[Table]
    links: list[str]
    headings: list[tuple[str, str]]
    html: str

    def table(self, caption: str) -> Table:
        found = [t for t in self.tables if t.caption == caption]
        captions = [t.caption for t in self.tables]
        assert found, f"no table captioned {caption!r}; captions: {captions}"
        return found[0]


def page(result: BuildResult, path: str) -> Page:
    """The built page at ``path`` (e.g. "registers/expenses/index.html"), parsed."""
    html = output(result, path).decode("utf-8")
    parser = _Parser()
    parser.feed(html)
    return Page(parser.tables, parser.links, parser.headings, html)


def output(result: BuildResult, path: str) -> bytes:
    for file in result.outputs:
        if file.path == path:
            return file.content
    raise AssertionError(f"no output {path}; have {sorted(f.path for f in result.outputs)[:50]}")


def has_output(result: BuildResult, path: str) -> bool:
    return any(f.path == path for f in result.outputs)


def read_csv(result: BuildResult, path: str) -> list[dict[str, str]]:
    """A published CSV's rows; it must start with UTF-8's byte-order mark (for Excel)."""
    content = output(result, path)
    assert content.startswith(b"\xef\xbb\xbf"), f"{path} has no byte-order mark"
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def read_json(result: BuildResult, path: str) -> Any:
    return json.loads(output(result, path).decode("utf-8"))


def money(text: str) -> Decimal:
    """£1,234.50 (as the site shows it) → Decimal."""
    negative = text.startswith("−")
    value = Decimal(text.lstrip("−").replace("£", "").replace(",", ""))
    return -value if negative else value


VFM_WARNING = "no row gives the value for money"


def messages(result: BuildResult, prefix: str = "content/registers", *,
             vfm: bool = False) -> list[str]:
    """The problems in files under ``prefix``. The warning that a spending file gives no
    value-for-money reason (SIO 3(g)) is left out unless ``vfm``: most fixtures have none,
    and tests/load/test_exports.py checks it."""
    return [str(p) for p in result.problems if p.path.startswith(prefix)
            and (vfm or VFM_WARNING not in p.message)]
