"""``transparency new`` for row registers (gifts, expenses, contracts): add one entry.

A YAML register gets a commented entry appended at the end of its list of entries
(the rest of the file is left byte for byte as it was). A CSV register is a finance
export that cannot carry comments, so the row to add is printed and nothing changes.
A register that does not exist yet is created as YAML.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from generator.authoring.fieldref import FieldDoc, describe_model, row_field, row_model_of
from generator.authoring.fieldref import row_docs as fieldref_row_docs
from generator.authoring.scaffold_yaml import (
    comment_for,
    field_lines,
    list_item,
    placeholder,
    scalar,
    settle,
)
from generator.authoring.scaffolds import Created, Scaffold, ScaffoldError, validate_text
from generator.load.config import load_config
from generator.load.content_types import ContentType
from generator.load.sources import SourceFile, parse_source
from generator.writer import replace_file


def add_row(site_dir: Path, scaffold: Scaffold, content_type: ContentType,
            fills: dict[str, Any], today: date) -> Created:
    container = None if row_model_of(content_type) else row_field(content_type.model)
    key = container.key if container else "entries"
    row_docs = fieldref_row_docs(content_type)
    yml = site_dir / "content" / scaffold.path
    assert scaffold.csv_path is not None
    csv_file = site_dir / "content" / scaffold.csv_path
    note = (f"# New entry added by `transparency new {scaffold.name}` on {today}: fill in "
            "each value, then delete `draft: true`.")
    others = ([d for d in describe_model(content_type.model) if d.key != key]
              if container is not None else [])  # other fields of the register file itself

    def standalone(values: dict[str, Any]) -> str:
        head = field_lines(others, {}, today=today, draft=False)
        item = list_item(row_docs, values, today=today, indent=2, draft=True)
        return "\n".join([*head, f"{key}:", *item]) + "\n"

    fills, problems = settle(row_docs, fills, today, lambda values: validate_text(
        site_dir, scaffold.path, standalone(values), today))
    if problems:
        raise ScaffoldError("the new entry would not build (a bug in the generator): "
                            + "; ".join(map(str, problems)))
    if not yml.exists() and csv_file.exists():
        return Created(scaffold.csv_path, "printed", csv_row_text(site_dir, csv_file, row_docs,
                                                                  fills, today))
    if not yml.exists():
        comment = f"# The {scaffold.summary.removeprefix('an entry in the ')}: one entry per item."
        top = standalone(fills).replace(f"{key}:\n", f"{key}:\n  {note}\n", 1)
        yml.parent.mkdir(parents=True, exist_ok=True)
        with yml.open("x", encoding="utf-8") as handle:
            handle.write(comment + "\n" + top)
        return Created(scaffold.path, "created", comment + "\n" + top)
    original = yml.read_text(encoding="utf-8")
    indent = _append_indent(yml, scaffold.path, original, key)
    if indent is None:
        raise ScaffoldError(
            f"content/{scaffold.path} is not laid out so an entry can be added at its end "
            f"(its '{key}:' list must come last, one '- ' item per entry); nothing was "
            "changed. Add this entry to the list yourself:\n"
            + "\n".join(list_item(row_docs, fills, today=today, indent=2, draft=True)))
    lines = [" " * indent + note, *list_item(row_docs, fills, today=today, indent=indent,
                                              draft=True)]
    text = original.rstrip("\n") + "\n" + "\n".join(lines) + "\n"
    replace_file(yml, text.encode("utf-8"))
    first_line = len(original.rstrip("\n").splitlines()) + 2
    return Created(scaffold.path, "appended", "\n".join(lines),
                   [f"The new entry starts at line {first_line}."])


def _append_indent(path: Path, rel: str, text: str, key: str) -> int | None:
    """Indent of the list items when ``key``'s list ends the file, else None."""
    source, problems = parse_source(SourceFile(rel, path))
    if source is None or any(p.is_error for p in problems) or not isinstance(source.data, dict):
        return None
    entries = source.data.get(key, "missing")
    key_line = source.lines.get((key,))
    if not (entries is None or isinstance(entries, list)) or key_line is None:
        return None
    if any(line > key_line and path[:1] != (key,) for path, line in source.lines.items()):
        return None
    lines = text.splitlines()
    after_key = lines[key_line - 1].split(":", 1)[1].split("#", 1)[0].strip()
    if after_key:  # a flow list such as `entries: []` cannot be continued below
        return None
    first = source.lines.get((key, 0))
    if first is None:
        return 2
    item_line = lines[first - 1]
    return len(item_line) - len(item_line.lstrip(" "))


def csv_row_text(site_dir: Path, csv_file: Path, row_docs: list[FieldDoc],
                 fills: dict[str, Any], today: date) -> str:
    """The instructions printed for a CSV register: its header, a row, each column."""
    columns = dict(load_config(site_dir).registers.columns)
    with csv_file.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
    docs = {d.key: d for d in row_docs}
    values, explained = [], []
    for name in header:
        doc = docs.get(columns.get(name, name))
        value = fills.get(doc.key, placeholder(doc, today)) if doc else ""
        values.append("" if value is None else scalar(value).strip('"'))
        explained.append(f"  {name}: {comment_for(doc) if doc else 'not a known column.'}")
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, values])
    rel = csv_file.relative_to(site_dir).as_posix()
    return (f"{rel} is a CSV export, so nothing was changed: CSV files cannot hold the "
            "notes that explain each column. Add a row like the second line below at the end "
            "of the file (in your spreadsheet or a text editor), replacing each value:\n\n"
            + out.getvalue() + "\nThe columns:\n" + "\n".join(explained))
