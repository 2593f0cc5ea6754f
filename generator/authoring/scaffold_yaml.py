"""Write commented YAML for a model: one line per field, each saying what to put there.

Used by ``transparency new``. Values are either what the editor gave (a title, a date)
or a placeholder chosen so the file already validates: an empty value where the model
allows one, otherwise a typed example (today's date, 0, the first allowed word). The
fields come from ``fieldref.describe_model``, i.e. from the validator's own models.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from generator.authoring.fieldref import FieldDoc, nested_fields
from generator.errors import Problem

FILL_IN = "FILL IN"
DRAFT_COMMENT = "delete this line when it is ready to publish"


def comment_for(doc: FieldDoc) -> str:
    """``required. Grade code from content/staff/pay-scales.yml.`` plus the type if not text."""
    text = "required." if doc.required else "optional."
    if doc.description:
        text += " " + doc.description.rstrip()
        if not text.endswith((".", "?", "!")):
            text += "."
    if doc.kind != "text":
        label = doc.label
        text += f" {label[0].upper()}{label[1:]}."
    return text


def field_lines(fields: tuple[FieldDoc, ...] | list[FieldDoc], values: Mapping[str, Any],
                *, today: date, indent: int = 0, draft: bool = True) -> list[str]:
    """YAML lines for ``fields`` at ``indent`` spaces, with a comment on each line.

    ``type`` is left out (the folder decides it); ``draft`` is set to true so a new
    record stays off the site until the editor deletes that line.
    """
    pad = " " * indent
    lines: list[str] = []
    for doc in fields:
        if doc.key == "type":
            continue
        if doc.key == "draft":
            if draft:
                lines.append(f"{pad}draft: true  # {DRAFT_COMMENT}")
            continue
        inner = nested_fields(doc)
        if doc.kind == "fields":
            lines.append(f"{pad}{doc.key}:  # {comment_for(doc)}")
            lines += field_lines(inner, {}, today=today, indent=indent + 2, draft=False)
        elif inner:
            lines.append(f"{pad}{doc.key}:  # {comment_for(doc)}")
            lines += list_item(inner, {}, today=today, indent=indent + 2)
        else:
            value = values[doc.key] if doc.key in values else placeholder(doc, today)
            text = scalar(value)
            lines.append(f"{pad}{doc.key}:{' ' + text if text else ''}  # {comment_for(doc)}")
    return lines


def list_item(fields: tuple[FieldDoc, ...] | list[FieldDoc], values: Mapping[str, Any], *,
              today: date, indent: int, draft: bool = False) -> list[str]:
    """One ``- key: value`` item of a list of fields, its first line starting with "- "."""
    lines = field_lines(fields, values, today=today, indent=indent + 2, draft=draft)
    if lines:
        lines[0] = " " * indent + "- " + lines[0][indent + 2:]
    return lines


def placeholder(doc: FieldDoc, today: date) -> Any:
    """A value for an unfilled field that the field's own type accepts."""
    if doc.has_default:
        return doc.default
    for candidate in _candidates(doc, today):
        if accepts(doc, candidate):
            return candidate
    return FILL_IN


def settle(fields: list[FieldDoc], values: dict[str, Any], today: date,
           check: Callable[[dict[str, Any]], list[Problem]]) -> tuple[dict[str, Any],
                                                                   list[Problem]]:
    """Values the real loader accepts, for models with rules across fields.

    Field by field the placeholders are valid, but a model may also say, for example,
    "an awarded contract needs its supplier". When ``check(values)`` reports problems,
    optional fields get example values one at a time, each kept only if it leaves fewer
    problems, until none are left (or nothing more helps).
    """
    problems = check(values)
    for doc in fields:
        if not problems:
            break
        if doc.reserved or doc.key in values or nested_fields(doc):
            continue
        for candidate in _candidates(doc, today):
            if not accepts(doc, candidate):
                continue
            trial = {**values, doc.key: candidate}
            found = check(trial)
            if len(found) < len(problems):
                values, problems = trial, found
                break
    return values, problems


def accepts(doc: FieldDoc, value: Any) -> bool:
    """Does the field's type (with its constraints) accept ``value``?"""
    if doc.annotation is None:
        return True
    try:
        TypeAdapter(doc.annotation).validate_python(value)
    except ValidationError:
        return False
    return True


def _candidates(doc: FieldDoc, today: date) -> Iterator[Any]:
    kinds: dict[str, list[Any]] = {
        "text": ["", FILL_IN],
        "date": [today],
        "datetime": [f"{today.isoformat()}T10:00"],
        "money": [0],
        "bool": [False],
        "integer": [0, 1],
        "number": [0, 1],
        "choice": list(doc.choices[:1]),
        "list": [[], [FILL_IN]],
        "mapping": [{}],
    }
    yield from kinds.get(doc.kind, ["", 0, FILL_IN, []])


def scalar(value: Any) -> str:
    """One value in YAML flow form: '' for empty (null), plain where safe, else quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(scalar(v) or '""' for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar(v) or chr(34) * 2}" for k, v in value.items()) + "}"
    text = str(value)
    if text and _plain_is_safe(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_is_safe(text: str) -> bool:
    """Can ``text`` be written unquoted, also inside a flow list ``[a, b]``?"""
    if (text != text.strip() or text[0] in "-?:,[]{}#&*!|>'\"%@`" or text.endswith(":")
            or ": " in text or " #" in text or any(c in text for c in ",[]{}")):
        return False
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False
