"""The handbook's "site.yml settings" reference, generated from :class:`SiteConfig`.

Like the field reference (``handbook.field_reference``), this is read from the model that
validates ``site.yml``, so every setting the build accepts is listed with its docstring,
and a setting added later appears without touching the handbook. Where the example site's
own ``site.yml`` sets a group of settings, that part of it is shown as a worked example.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.authoring.fieldref import (
    FieldDoc,
    describe_model,
    markdown_text,
    nested_fields,
    table_cell,
)
from generator.load.config import SiteConfig

INTRO = """\
# site.yml settings

Every setting `site.yml` accepts, read from the same definitions the build uses to check
it: a setting that is not listed here is an error (with a "did you mean"), and a problem
in `site.yml` stops the build before any content is read. Settings marked **optional** may
be left out; the default is used. See [Site settings](../settings.md) for a walk-through.
"""


def settings_reference(example: Path | None = None) -> str:
    """The whole page: the top-level settings, then one section per group of settings.

    ``example`` is a ``site.yml`` whose settings are quoted under each group (the example
    site's, in the handbook); groups it does not set get no example.
    """
    data = _example_blocks(example)
    fields = describe_model(SiteConfig)
    parts = [INTRO, "## Top-level settings {#top-level}", "", *_table(fields, ()), ""]
    simple = [data[d.key] for d in fields if not nested_fields(d) and d.key in data]
    if simple:
        parts += ["In the example site:", "", "```yaml", *simple, "```", ""]
    parts += _groups(fields, (), data, quoted=False)
    return "\n".join(parts)


def _groups(fields: list[FieldDoc] | tuple[FieldDoc, ...], prefix: tuple[str, ...],
            data: dict[str, str], quoted: bool) -> list[str]:
    """A section per group of settings; ``quoted`` when an enclosing group's example
    already showed this part of the example site.yml."""
    lines: list[str] = []
    for doc in fields:
        inner = nested_fields(doc)
        if not inner:
            continue
        path = (*prefix, doc.key)
        dotted = ".".join(path)
        heading = f"`{dotted}`" if doc.kind == "fields" else f"Each item of `{dotted}`"
        lines += [f"## {heading} {{#{dotted.replace('.', '-').replace('_', '-')}}}", ""]
        if doc.description:
            lines += [markdown_text(doc.description), ""]
        lines += [*_table(inner, path), ""]
        example = "" if quoted or len(path) > 1 else data.get(path[0], "")
        if example:
            lines += ["In the example site:", "", "```yaml", example.rstrip(), "```", ""]
        lines += _groups(inner, path, data, quoted=quoted or bool(example))
    return lines


def _table(fields: list[FieldDoc] | tuple[FieldDoc, ...], path: tuple[str, ...]) -> list[str]:
    rows = ["| Setting | Required? | Type | What to write |", "|---|---|---|---|"]
    for doc in fields:
        required = "required" if doc.required else "optional"
        default = _default(doc)
        if default:
            required += f" (default `{default}`)"
        rows.append(f"| `{doc.key}` | {required} | {table_cell(doc.label)} | "
                    f"{table_cell(doc.description) or '—'} |")
    return rows


def _default(doc: FieldDoc) -> str:
    value = doc.default
    if doc.required or value in (None, [], {}, ()) or nested_fields(doc):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _example_blocks(example: Path | None) -> dict[str, str]:
    """Each top-level setting of ``example`` as written there, comments included."""
    if example is None or not example.is_file():
        return {}
    blocks: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in example.read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", line)
        if match:
            current = blocks.setdefault(match.group(1), [])
        elif line[:1] not in ("", " ", "\t", "-"):
            current = None  # a comment between settings belongs to neither
        if current is not None:
            current.append(line)
    return {key: "\n".join(lines).rstrip() for key, lines in blocks.items()}


