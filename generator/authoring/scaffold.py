"""``transparency new <kind>``: start a new content file (or register entry) correctly.

``SCAFFOLDS`` maps each word the editor types to where the file goes and how it is
named. Which content type (and so which model and fields) a scaffold gets is NOT
written here: it is looked up in ``CONTENT_TYPES`` by the path the file will have, so a
type added to that table later is picked up without touching this module. A scaffold
whose path no specific content type claims yet says plainly that it is not available.

Every new record starts with ``draft: true``, so it can be committed half-written
without appearing on the site. Existing files are never overwritten. Row registers
(gifts, expenses, contracts) get a commented entry appended to their YAML file; when
the register is a CSV export, the row to add is printed instead (nothing is changed,
because a CSV file cannot carry the comments that explain each column).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic_core import PydanticCustomError

from generator.authoring.fieldref import FieldDoc, describe_model, row_docs
from generator.authoring.scaffold_rows import add_row
from generator.authoring.scaffold_yaml import field_lines, settle
from generator.authoring.scaffolds import (
    INPUTS,
    SAMPLE_FILLS,
    SCAFFOLDS,
    Created,
    Scaffold,
    ScaffoldError,
    validate_text,
)
from generator.load import content_types
from generator.load.content_types import ContentType
from generator.models.fields import parse_date, parse_datetime
from generator.urls import is_valid_slug, suggest_slug


def scaffold_named(name: str) -> Scaffold:
    return next(s for s in SCAFFOLDS if s.name == name)


def content_type_for(scaffold: Scaffold, rel: str | None = None) -> ContentType | None:
    """The content type a file at the scaffold's path gets, or None if none claims it yet.

    The catch-all "page" type does not count for anything but the page scaffold.
    """
    rel = rel or scaffold.path.format(**SAMPLE_FILLS)
    found = content_types.type_for_path(rel)
    if found is None or (found.name == "page" and scaffold.name != "page"):
        return None
    return found


def new(site_dir: Path, scaffold: Scaffold, given: dict[str, str | None], *, today: date,
        ask: Callable[[str], str] | None = None) -> Created:
    """Create the file (or entry) for ``scaffold``; raise ScaffoldError when it cannot."""
    if content_type_for(scaffold) is None:
        raise ScaffoldError(
            f"'transparency new {scaffold.name}' is not available yet: this version of the "
            f"generator has no '{scaffold.type_name}' content type for "
            f"content/{scaffold.path.format(**SAMPLE_FILLS)}. It works once that part of the "
            "site is installed.")
    values = _inputs(site_dir, scaffold, given, today, ask)
    rel = _path(site_dir, scaffold, values, given.get("slug"))
    content_type = content_type_for(scaffold, rel)
    if content_type is None or (scaffold.name == "page" and content_type.name != "page"):
        kind = content_type.name if content_type else "nothing"
        raise ScaffoldError(f"content/{rel} would be read as {kind}, not {scaffold.summary}; "
                            "choose another --slug", 2)
    fills = {scaffold.fills[k]: v for k, v in values.items() if k in scaffold.fills}
    fills, notes = _typed(row_docs(content_type) if scaffold.rows
                          else describe_model(content_type.model), fills)
    if scaffold.rows:

        created = add_row(site_dir, scaffold, content_type, fills, today)
        created.notes[:0] = notes
        return created
    target = site_dir / "content" / rel
    if target.exists():
        raise ScaffoldError(f"content/{rel} already exists; nothing was changed. Edit that "
                            "file, or choose another name with --slug.")
    fills, problems = settle(
        describe_model(content_type.model), fills, today,
        lambda values: validate_text(site_dir, rel, _file_text(scaffold, content_type, values,
                                                              rel, today), today))
    text = _file_text(scaffold, content_type, fills, rel, today)
    if problems:  # a bug here, never the editor's fault: say so rather than write it
        raise ScaffoldError("the new file would not build (a bug in the generator): "
                            + "; ".join(map(str, problems)))
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return Created(rel, "created", text, notes)


def _typed(docs: list[FieldDoc], fills: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Give filled values their field's type: a date for a date, a time for a date-time."""
    typed, notes = dict(fills), []
    for doc in docs:
        value = fills.get(doc.key)
        if not isinstance(value, str):
            continue
        if doc.kind == "date":
            typed[doc.key] = date.fromisoformat(value[:10])
        elif doc.kind == "datetime" and "T" not in value:
            typed[doc.key] = f"{value}T10:00"
            notes.append(f'The time in "{doc.key}" is set to 10:00: change it if needed.')
    return typed, notes


def _file_text(scaffold: Scaffold, content_type: ContentType, fills: dict[str, Any], rel: str,
               today: date) -> str:
    fields = describe_model(content_type.model)
    header = (f"# {scaffold.summary[0].upper()}{scaffold.summary[1:]}, started with "
              f"`transparency new {scaffold.name}`. The note after each # says what goes "
              "there. Fill in the values, then delete the line `draft: true` to publish.")
    lines = [header, *field_lines(fields, fills, today=today)]
    if rel.endswith(".md"):
        return "---\n" + "\n".join(lines) + "\n---\n" + scaffold.body
    return "\n".join(lines) + "\n"


def _inputs(site_dir: Path, scaffold: Scaffold, given: dict[str, str | None], today: date,
            ask: Callable[[str], str] | None) -> dict[str, str]:
    wanted = set(scaffold.needs) | set(scaffold.fills)
    values = {k: v.strip() for k, v in given.items() if v and v.strip() and k in wanted}
    missing = [k for k in scaffold.needs if k not in values]
    if missing and ask is None:
        flags = " ".join(f'--{k} "…"' for k in missing)
        raise ScaffoldError(f"'transparency new {scaffold.name}' needs "
                            + " and ".join(f"--{k} ({INPUTS[k].lower()})" for k in missing)
                            + f", e.g. transparency new {scaffold.name} {flags}", 2)
    for key in missing:
        assert ask is not None
        answer = ask(_prompt(site_dir, key)).strip()
        if not answer:
            raise ScaffoldError(f"no {INPUTS[key].lower()} given; nothing was created", 2)
        values[key] = answer
    if "date" in scaffold.fills:
        values.setdefault("date", today.isoformat())
        values["date"] = _date_input(values["date"])
    if "body" in values:
        _check_body(site_dir, values["body"])
    return values


def _prompt(site_dir: Path, key: str) -> str:
    if key == "body":
        bodies = ", ".join(_bodies(site_dir)) or "none yet: create one with transparency new body"
        return f"{INPUTS[key]} [{bodies}]: "
    return f"{INPUTS[key]}: "


def _date_input(text: str) -> str:
    """An ISO or UK date (2026-12-09, 9/12/2026), with a time or not, as the file writes it
    (ISO): the same forms the validator accepts in a file."""
    for parse in (parse_date, parse_datetime):
        try:
            value = parse(text.strip())
        except PydanticCustomError:
            continue
        return value.isoformat(timespec="minutes") if isinstance(value, datetime) else str(value)
    raise ScaffoldError(f"'{text}' is not a date: write YYYY-MM-DD or DD/MM/YYYY, e.g. "
                        "2026-12-09 or 9/12/2026 (add a time if you like: 9/12/2026 14:00)", 2)


def _bodies(site_dir: Path) -> list[str]:
    meetings = site_dir / "content" / "meetings"
    return sorted(p.name for p in meetings.iterdir() if p.is_dir()) if meetings.is_dir() else []


def _check_body(site_dir: Path, body: str) -> None:
    from generator.load.validation import did_you_mean

    bodies = _bodies(site_dir)
    if body not in bodies:
        hint = did_you_mean(body, bodies) or ("the bodies are: " + ", ".join(bodies) if bodies
                                              else "create it first: transparency new body "
                                                   '--title "…"')
        raise ScaffoldError(f"there is no meeting body '{body}' in content/meetings/. "
                            f"Hint: {hint}", 2)


def _path(site_dir: Path, scaffold: Scaffold, values: dict[str, str], slug: str | None) -> str:
    if slug is None and scaffold.slug_from:
        slug = suggest_slug(values[scaffold.slug_from])
    slug = (slug or "").strip().strip("/")
    parts = slug.split("/") if slug else []
    if any(not is_valid_slug(p) for p in parts) or (len(parts) > 1 and scaffold.name != "page"):
        raise ScaffoldError(f"'{slug}' cannot be used in a file name. Hint: use lower-case "
                            f"words joined by hyphens, e.g. {suggest_slug(slug)}", 2)
    day = values.get("date", "")[:10]
    return scaffold.path.format(slug=slug, body=values.get("body", ""), date=day,
                                dash_slug=f"-{slug}" if slug else "")
