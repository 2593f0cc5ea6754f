"""Generated parts of the editors' handbook (MkDocs, ``docs/``), so they cannot drift.

* ``field_reference()``: the page ``reference/fields.md``, every field of every type in
  ``CONTENT_TYPES``, read from the models the validator uses.
* ``expand_markers(markdown)``: hand-written pages say ``<!-- fields: role -->`` (a
  ``transparency new`` kind), ``<!-- type-fields: accessibility_statement -->`` (any
  content type), ``<!-- new: role -->`` or ``<!-- example-errors -->`` and get the live
  table, the exact ``transparency new`` command, or real error messages from the real
  loader.

``docs/hooks.py`` (a MkDocs hook) calls these at build time.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from generator.authoring.fieldref import (
    FieldDoc,
    describe_model,
    editor_fields,
    markdown_text,
    nested_fields,
    table_cell,
)
from generator.authoring.scaffold import content_type_for, scaffold_named
from generator.authoring.scaffolds import INPUTS, SCAFFOLDS, Scaffold
from generator.authoring.settingsref import settings_reference
from generator.load import content_types
from generator.load.content_types import ContentType
from generator.models.base import ContentModel

_EXAMPLES = {"title": "Our history", "name": "Rebecca Ashworth",
             "body": "police-and-crime-panel", "date": "2026-12-09", "reference": "2026/014"}
_TITLES = {"role": "Chief of Staff", "body": "Joint Audit Committee",
           "decision": "Extension of the victim support contract",
           "contract": "Fleet maintenance and repair"}


def field_reference() -> str:
    """The whole field reference page, one section per content type."""
    parts = [
        "# Field reference",
        "",
        "Every field of every kind of content, read from the same definitions the build "
        "uses to check your files: if a field is listed here, the build accepts it; if it "
        "is not, the build reports it as an error. **Required** fields must be filled in; "
        "the others may be left out (or left empty).",
        "",
    ]
    reserved = describe_model(ContentModel)
    parts += ["## Fields every kind of content accepts {#publishing-fields}", "",
              "These control when something is published. Every kind of content below "
              "accepts them too.", "", *_table(reserved), ""]
    for content_type in content_types.CONTENT_TYPES:
        parts += _type_section(content_type)
    return "\n".join(parts)


def _type_section(content_type: ContentType) -> list[str]:
    scaffolds = [s for s in SCAFFOLDS if _same(content_type_for(s), content_type)]
    lines = [f"## {_title(content_type.name)} {{#type-{content_type.name}}}", ""]
    if content_type.description:
        lines += [markdown_text(content_type.description), ""]
    for scaffold in scaffolds:
        lines += [f"- Where: `content/{_readable(scaffold.path)}`",
                  f"- Start one: `{new_command(scaffold)}`"]
    lines += [f"- Path rule (for maintainers): `{content_type.pattern}`", ""]
    fields = editor_fields(content_type)
    lines += [*_table([d for d in fields if not d.reserved]), ""]
    reserved = [f"`{d.key}`" for d in fields if d.reserved]
    if reserved:
        lines += ["Also accepts the [publishing fields](#publishing-fields): "
                  + ", ".join(reserved) + ".", ""]
    lines += _nested_sections(fields, level=3)
    return lines


def _nested_sections(fields: list[FieldDoc] | tuple[FieldDoc, ...], level: int) -> list[str]:
    lines: list[str] = []
    for doc in fields:
        inner = nested_fields(doc)
        if not inner:
            continue
        heading = (f"Inside `{doc.key}`" if doc.kind == "fields"
                   else f"Each item of `{doc.key}`")
        lines += [f"{'#' * min(level, 6)} {heading}", "", *_table(inner), ""]
        lines += _nested_sections(inner, level + 1)
    return lines


def _table(fields: list[FieldDoc] | tuple[FieldDoc, ...]) -> list[str]:
    rows = ["| Field | Required? | Type | What to write |", "|---|---|---|---|"]
    for doc in fields:
        required = "required" if doc.required else "optional"
        if not doc.required and _shown_default(doc.default):
            required += f" (default `{_default(doc.default)}`)"
        rows.append(f"| `{doc.key}` | {required} | {table_cell(doc.label)} | "
                    f"{table_cell(doc.description) or '—'} |")
    return rows


def new_command(scaffold: Scaffold) -> str:
    examples = {**_EXAMPLES, "title": _TITLES.get(scaffold.name, _EXAMPLES["title"])}
    flags = " ".join(f'--{k} "{examples[k]}"' for k in scaffold.needs)
    return f"transparency new {scaffold.name} {flags}".rstrip()


def fields_section(name: str) -> str:
    """The field table for one scaffold's type, or a plain note if it is not installed."""
    scaffold = scaffold_named(name)
    content_type = content_type_for(scaffold)
    if content_type is None:
        return (f"!!! note \"Not in this version yet\"\n    This version of the generator "
                f"has no {scaffold.summary.removeprefix('a ').removeprefix('an ')} content "
                "type yet, so there is nothing to list here.")
    return _fields_of(content_type)


def type_fields_section(type_name: str) -> str:
    """The field table for a content type named in CONTENT_TYPES (one with no scaffold)."""
    content_type = content_types.type_named(type_name)
    if content_type is None:
        raise ValueError(f"the handbook names the content type '{type_name}', which does "
                         "not exist")
    return _fields_of(content_type)


def _fields_of(content_type: ContentType) -> str:
    fields = editor_fields(content_type)
    lines = [*_table([d for d in fields if not d.reserved]), ""]
    if any(d.reserved for d in fields):
        lines += ["It also accepts the [publishing fields](reference/fields.md"
                  "#publishing-fields).", ""]
    lines += _nested_sections(fields, level=4)
    return "\n".join(lines).rstrip()


def example_errors() -> str:
    """Real messages for a page with two mistakes, from the real loader."""
    from generator.load.config import SiteConfig
    from generator.load.dates import FileDates
    from generator.load.records import load_records
    from generator.load.sources import SourceFile
    from generator.reporting import format_problems

    text = "---\ntitel: About us\nupdated: 1st March 2026\n---\nWho we are.\n"
    config = SiteConfig.model_validate({"organisation": {"name": "Example", "short_name": "E"},
                                        "base_url": "https://example.org/"})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "about.md"
        path.write_text(text, encoding="utf-8")
        loaded = load_records([SourceFile("about.md", path)], config, date(2026, 11, 23),
                              FileDates(Path(tmp)))
    return ("For this file, `content/about.md`:\n\n```markdown\n" + text
            + "```\n\nthe build prints:\n\n```text\n" + format_problems(loaded.problems)
            + "\n```")


_KINDS = "fields|new|type-fields|example-errors|new-kinds"
_MARKER = re.compile(
    r"<!--\s*(?P<kind>fields|new|type-fields):\s*(?P<name>[a-z_-]+)\s*-->"
    r"|<!--\s*(?P<bare>example-errors|new-kinds)\s*-->")
# A marker and, when the Markdown holds it (as committed), its generated part up to
# `<!-- end KIND -->`; the part never runs into the next marker.
_BLOCK = re.compile(
    rf"(?P<marker><!--\s*(?P<kind>{_KINDS})(?::\s*(?P<name>[a-z_-]+))?\s*-->)"
    rf"(?:(?P<body>(?:(?!<!--\s*(?:{_KINDS})\b).)*?)<!--\s*end\s+(?P=kind)\s*-->)?",
    re.DOTALL)

GENERATED_NOTE = ("<!-- Generated from the generator's own models by `transparency handbook "
                  "--update`: do not edit this file by hand. -->")
"""First line of the two handbook pages that are generated whole (``GENERATED_PAGES``)."""

GENERATED_PAGES = ("reference/fields.md", "reference/settings.md")
"""Handbook pages (under docs/) that are generated whole, not marked up by hand."""


def _generated(kind: str, name: str | None) -> str:
    if kind == "fields" and name:
        return fields_section(name)
    if kind == "type-fields" and name:
        return type_fields_section(name)
    if kind == "new" and name:
        return f"```sh\n{new_command(scaffold_named(name))}\n```"
    if kind == "example-errors":
        return example_errors()
    if kind == "new-kinds":
        return inputs_table()
    raise ValueError(f"the handbook marker '{kind}' needs a name, e.g. <!-- {kind}: role -->")


def expand_markers(markdown: str) -> str:
    """The Markdown as MkDocs should build it: each marker (and any generated part kept
    after it) replaced by a freshly generated part, without the markers."""
    return _BLOCK.sub(lambda m: _generated(m["kind"], m["name"]), markdown)


def update_markers(markdown: str) -> str:
    """The Markdown as committed, readable on GitHub: each marker followed by its
    generated part, freshly made, and `<!-- end KIND -->` (added if missing)."""
    def replace(match: re.Match[str]) -> str:
        kind = match["kind"]
        return (f"{match['marker']}\n\n{_generated(kind, match['name'])}\n\n"
                f"<!-- end {kind} -->")

    return _BLOCK.sub(replace, markdown)


def generated_page(rel: str, example: Path) -> str:
    """The whole text of one of ``GENERATED_PAGES``: ``example`` is the site.yml quoted in
    the settings reference."""
    if rel == "reference/fields.md":
        return field_reference()
    if rel == "reference/settings.md":
        return settings_reference(example)
    raise ValueError(f"'{rel}' is not a generated handbook page")


def handbook_updates(docs: Path, example: Path) -> dict[Path, str]:
    """Every handbook page whose generated parts differ from what the generator makes now,
    with its up-to-date text (empty when the committed handbook is current)."""
    changed: dict[Path, str] = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        old = path.read_text(encoding="utf-8")
        if rel in GENERATED_PAGES:
            new = f"{GENERATED_NOTE}\n{generated_page(rel, example).rstrip()}\n"
        else:
            new = update_markers(old)
        if new != old:
            changed[path] = new
    for rel in GENERATED_PAGES:
        path = docs / rel
        if not path.exists():
            changed[path] = f"{GENERATED_NOTE}\n{generated_page(rel, example).rstrip()}\n"
    return changed


def inputs_table() -> str:
    """The `transparency new` kinds and what each asks for (used on the index page)."""
    rows = ["| Kind | Creates | Asks for |", "|---|---|---|"]
    for scaffold in SCAFFOLDS:
        asks = ", ".join(f"`--{k}` ({INPUTS[k]})" for k in scaffold.needs) or "nothing"
        rows.append(f"| `{scaffold.name}` | {table_cell(scaffold.summary)} | {table_cell(asks)} |")
    return "\n".join(rows)


def _same(a: ContentType | None, b: ContentType) -> bool:
    return a is not None and a.name == b.name


def _title(name: str) -> str:
    return name.replace("-", " ").replace("_", " ").capitalize()


def _readable(path: str) -> str:
    return (path.replace("{dash_slug}", "[-<name>]").replace("{slug}", "<name>")
            .replace("{body}", "<body>").replace("{date}", "<YYYY-MM-DD>"))


def _shown_default(value: object) -> bool:
    """Defaults worth printing: not empty, and not a group of fields (each shows its own)."""
    return value not in (None, [], {}, ()) and not isinstance(value, BaseModel)


def _default(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


