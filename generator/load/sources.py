"""Find content files and read them into raw, position-aware sources.

This module knows file formats (Markdown with front matter, YAML, CSV, other files)
but nothing about content types: it never decides what a file *means*.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problem, error, plural, warning
from generator.load.yamldata import KeyPath, YamlDocument, YamlSyntaxError, parse_yaml

# Text sources larger than this are refused: nobody hand-writes 20 MB of Markdown, and
# a runaway export should fail loudly rather than exhaust memory.
MAX_TEXT_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".csv"}
_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SourceFile:
    """A file under the content folder; ``rel`` is relative to it, with / separators."""

    rel: str
    path: Path

    @property
    def suffix(self) -> str:
        return Path(self.rel).suffix.lower()

    @property
    def display(self) -> str:
        """How errors name the file: relative to the site folder, as editors see it."""
        return f"content/{self.rel}"


@dataclass
class ParsedSource:
    """A text file split into its data and body, with line positions kept."""

    file: SourceFile
    data: Any = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    csv_rows: list[tuple[int, dict[str, str]]] | None = None
    csv_header: list[str] | None = None
    csv_table: list[tuple[int, list[str]]] | None = None
    """A CSV read as it is, every row with its line (blank rows too), for a finance
    export whose heading row is not the first (``parse_source(raw_table=True)``)."""

    def line_of(self, path: KeyPath) -> int | None:
        return YamlDocument(self.data, self.lines).line_of(path)


def discover_sources(content_dir: Path) -> tuple[list[SourceFile], list[Problem]]:
    """List every file under ``content_dir`` in a stable order.

    Hidden files are skipped. Symlinks (to files or folders) that point outside the
    content folder are errors, because they would publish files the editor never meant
    to publish.
    """
    problems: list[Problem] = []
    files: list[SourceFile] = []
    root = content_dir.resolve()
    for rel, entry in _walk(str(content_dir), ""):
        shown = printable_name(rel)
        if shown != rel:
            problems.append(error(
                f"content/{shown}", "this name has characters that cannot be shown or used "
                                    "in a web address", hint="rename it with lower-case "
                                                             "letters, digits and hyphens"))
            continue
        if entry.is_symlink():
            target = Path(entry.path).resolve()
            if not target.is_relative_to(root):
                problems.append(error(
                    f"content/{rel}", "this link points outside the content folder",
                    hint="copy the file into content/ instead of linking to it"))
                continue
            if target.is_dir():
                for inner_rel, inner in _walk(entry.path, rel + "/"):
                    if inner.is_file():
                        files.append(SourceFile(inner_rel, Path(inner.path)))
                continue
        if entry.is_file():
            files.append(SourceFile(rel, Path(entry.path)))
    return files, problems


def printable_name(rel: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (kept by Python as
    surrogates) and control characters (a newline in a name) become "?"."""
    if rel.isprintable():  # neither surrogates nor control characters: most names
        return rel
    text = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("?" if ch == "\ufffd" or unicodedata.category(ch) == "Cc" else ch
                   for ch in text)


def _walk(directory: str, prefix: str) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Depth-first, sorted by name, whatever order the file system returns."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in {"__pycache__", "node_modules"}:
            continue
        rel = prefix + entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, rel + "/")
        else:
            yield rel, entry


def read_text(file: SourceFile, *, newlines: bool = True, windows_1252: bool = False
              ) -> tuple[str | None, list[Problem]]:
    """Read a text file as UTF-8, refusing huge or undecodable files with a located error.

    Line endings become "\n" unless ``newlines`` is false (CSV: the reader must see a
    carriage return inside a quoted cell as part of the cell, not as the end of a row).
    With ``windows_1252`` (CSV exports: Excel's plain "CSV" and many finance systems
    still write it, the £ sign as byte A3), a file that is not UTF-8 is read as
    Windows-1252 with a warning rather than refused.
    """
    try:
        size = file.path.stat().st_size
        if size > MAX_TEXT_BYTES:
            return None, [error(file.display, f"the file is too large ({size // 1_048_576} MB)",
                                line=1, hint="split it into smaller files (e.g. one per month)")]
        raw = file.path.read_bytes()
    except OSError as exc:
        return None, [error(file.display, f"the file cannot be read ({exc.strerror})", line=1)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        legacy = _windows_1252(raw) if windows_1252 else None
        if legacy is not None:
            return (_unix_newlines(legacy) if newlines else legacy), [warning(
                file.display, "the file is not UTF-8, so it was read as Windows-1252 "
                              "(check that £ signs and accents look right on the site)",
                line=line, hint="save it as UTF-8 (in Excel: 'CSV UTF-8 (Comma delimited)')")]
        return None, [error(file.display, "the file is not UTF-8 text", line=line,
                            hint="save it as UTF-8 (in Excel: 'CSV UTF-8'; in an editor: "
                                 "'Save with encoding: UTF-8')")]
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [error(file.display, "the file contains a NUL byte", line=line,
                            hint="this looks like a binary file; only text belongs here")]
    return (_unix_newlines(text) if newlines else text), []


def _windows_1252(raw: bytes) -> str | None:
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:  # five bytes are undefined in Windows-1252
        return None
    return None if "\x00" in text else text


def _unix_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_source(file: SourceFile, *, raw_table: bool = False
                 ) -> tuple[ParsedSource | None, list[Problem]]:
    """Read and split one text source; other files are not parsed here.

    ``raw_table``: a CSV is only read into rows (``csv_table``); its reader finds the
    heading row itself (finance exports put title rows above it)."""
    csv_file = file.suffix == ".csv"
    text, problems = read_text(file, newlines=not csv_file, windows_1252=csv_file)
    if text is None:
        return None, problems
    if file.suffix == ".md":
        return _parse_markdown(file, text)
    if file.suffix in {".yml", ".yaml"}:
        return _parse_yaml_file(file, text)
    if csv_file:
        source, found = _parse_csv(file, text, raw_table)
        return source, problems + found
    raise ValueError(f"not a text source: {file.rel}")


def _parse_markdown(file: SourceFile, text: str) -> tuple[ParsedSource | None, list[Problem]]:
    if not text.startswith("---\n") and text.rstrip() != "---":
        return ParsedSource(file, data={}, body=text, body_line=1), []
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        return None, [error(file.display, "the front matter is not closed", line=1,
                            hint="add a line with just --- after the last front-matter field")]
    yaml_text = text[4:end.start()]
    body_start = end.end() + 1
    body_line = text.count("\n", 0, min(body_start, len(text))) + 1
    source, problems = _yaml_into(file, yaml_text, line_offset=1)
    if source is None:
        return None, problems
    if source.data is None:
        source.data = {}
    if not isinstance(source.data, dict):
        return None, [error(file.display, "the front matter must be a list of `key: value` fields",
                            line=2, hint="write one field per line, e.g. title: About us")]
    source.body = text[body_start:] if body_start <= len(text) else ""
    source.body_line = body_line
    return source, problems


def _parse_yaml_file(file: SourceFile, text: str) -> tuple[ParsedSource | None, list[Problem]]:
    source, problems = _yaml_into(file, text, line_offset=0)
    if source is not None and source.data is None:
        return None, [error(file.display, "the file is empty", line=1,
                            hint="add its fields, or delete the file")]
    return source, problems


def _yaml_into(file: SourceFile, text: str, line_offset: int
               ) -> tuple[ParsedSource | None, list[Problem]]:
    try:
        doc = parse_yaml(text, line_offset)
    except YamlSyntaxError as exc:
        return None, [error(file.display, exc.message, line=exc.line, hint=exc.hint,
                            field=_dotted(exc.path) if exc.path else None)]
    problems = [
        error(file.display, "this key appears twice", line=line, field=_dotted(path),
              hint="keep one of the two; the second would silently replace the first")
        for path, line in doc.duplicates
    ]
    return ParsedSource(file, data=doc.value, lines=doc.lines), problems


def _parse_csv(file: SourceFile, text: str, raw_table: bool
               ) -> tuple[ParsedSource | None, list[Problem]]:
    """Rows keep their physical line number so errors can say "line 214"."""
    if not text.strip():
        return None, [error(file.display, "the file is empty", line=1,
                            hint="export the data again with its header row")]
    table, problems = read_table(file, text)
    if raw_table:
        return ParsedSource(file, data=None, csv_table=table), problems
    if not table:
        return None, problems
    header = [h.strip() for h in table[0][1]]
    rows, found = tabulate(file, header, table[1:])
    return ParsedSource(file, data=None, csv_rows=rows, csv_header=header), problems + found


def read_table(file: SourceFile, text: str) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """Every row as its cells, with the line it starts on; an unclosed quote is an error."""
    # strict: an unclosed quote is an error, not a cell that swallows the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    table: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            table.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        return table, [error(file.display, f"the CSV cannot be read ({exc})", line=line,
                             hint="check for an unclosed double quote")]
    return table, []


def tabulate(file: SourceFile, header: list[str], table: list[tuple[int, list[str]]],
             header_line: int = 1) -> tuple[list[tuple[int, dict[str, str]]], list[Problem]]:
    """The rows below ``header`` as dicts; blank rows skipped, ragged rows reported."""
    problems: list[Problem] = []
    for name in sorted({h for h in header if h and header.count(h) > 1}):
        problems.append(error(file.display, f"the column '{name}' appears twice in the header",
                              line=header_line, hint="rename one of the two columns; otherwise "
                                                     "the second would silently replace the first"))
    rows: list[tuple[int, dict[str, str]]] = []
    for row_line, cells in table:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(ragged_row(file, row_line, len(cells), len(header)))
            continue
        values = (_unix_newlines(c).strip() for c in cells)
        rows.append((row_line, dict(zip(header, values, strict=True))))
    return rows, problems


def ragged_row(file: SourceFile, line: int, cells: int, header: int) -> Problem:
    return error(file.display,
                 f"this row has {plural(cells, 'column')} but the header has {header}",
                 line=line, hint="check for a missing or extra comma; text containing commas "
                                 "must be in double quotes")


def _dotted(path: KeyPath) -> str:
    """("agenda", 2, "title") -> "agenda[3].title" (items counted from 1 for editors)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out


dotted_path = _dotted
