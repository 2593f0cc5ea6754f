"""Turn pydantic validation errors into located, plain-English problems.

Every error keeps its file and line (from the YAML line map), names the field the way
the editor wrote it, and carries a hint: a "did you mean" for typos, the expected
format for dates and money, the allowed words for a fixed list.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import Problem, error
from generator.load.sources import dotted_path
from generator.load.yamldata import KeyPath

M = TypeVar("M", bound=BaseModel)

_HINTS: dict[str, str] = {
    "missing": "add a line `{field}: …`",
    "date_format": "write dates as YYYY-MM-DD, e.g. 2024-03-01",
    "date_impossible": "check the day and month: write YYYY-MM-DD, e.g. 2024-02-29",
    "datetime_format": "write a date and time as YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM, e.g. "
                       "2024-03-01 14:00 or 01/03/2024 14:00",
    "money_format": "write a plain number of pounds, e.g. 77874 or 77874.50",
    "bool_format": "write true or false",
    "text_format": "write plain text; put it in quotes if it contains a colon",
    "int_parsing": "write a whole number, e.g. 3",
    "int_type": "write a whole number, e.g. 3",
    "int_from_float": "write a whole number, e.g. 3",
    "float_parsing": "write a number, e.g. 0.8",
    "float_type": "write a number, e.g. 0.8",
    "list_type": "write a list: one item per line, each starting with '- '",
    "dict_type": "write the fields indented below this key",
    "model_type": "write the fields indented below this key",
    "model_attributes_type": "write the fields indented below this key",
    "string_too_short": "this must not be empty",
    "too_short": "add at least one item",
    "greater_than": "use a larger number",
    "greater_than_equal": "use a larger number",
    "less_than_equal": "use a smaller number",
}


def validate(model: type[M], data: Any, *, path: str, lines: Mapping[KeyPath, int],
             root: KeyPath = (), default_line: int | None = None
             ) -> tuple[M | None, list[Problem]]:
    """Validate ``data`` against ``model``; on failure return every problem found."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, problems_from(exc, model, path=path, lines=lines, root=root,
                                   default_line=default_line)


def problems_from(exc: ValidationError, model: type[BaseModel], *, path: str,
                  lines: Mapping[KeyPath, int], root: KeyPath = (),
                  default_line: int | None = None) -> list[Problem]:
    problems = []
    for detail in exc.errors(include_url=False):
        problems.append(_problem(detail, model, path, lines, root, default_line))
    return problems


def _line(lines: Mapping[KeyPath, int], loc: KeyPath, default: int | None) -> int | None:
    probe = tuple(loc)
    while probe:
        if probe in lines:
            return lines[probe]
        probe = probe[:-1]
    return lines.get((), default)


def _problem(detail: ErrorDetails, model: type[BaseModel], path: str,
             lines: Mapping[KeyPath, int], root: KeyPath, default_line: int | None) -> Problem:
    loc = _real_location(detail["loc"], lines, root)
    full = root + loc
    field = dotted_path(loc) or None
    kind = detail["type"]
    line = _line(lines, full, default_line)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = _field_names(model, loc[:-1])
        message = f'"{key}" is not a field here'
        field = dotted_path(loc)
        hint = _misplaced_hint(model, loc[:-1], key, known) \
            or _list_hint("the fields here are", known)
        return error(path, message, line=line, field=field, hint=hint)
    if kind == "missing":
        name = str(loc[-1]) if loc else "field"
        parent_line = _line(lines, root + loc[:-1], default_line)
        return error(path, "this required field is missing", line=parent_line, field=field,
                     hint=_missing_hint(model, loc) or _HINTS["missing"].format(field=name))
    if kind in {"literal_error", "enum"}:
        allowed = _allowed_values(detail)
        given = detail.get("input")
        hint = (did_you_mean(str(given), allowed) if isinstance(given, str) else None) \
            or _list_hint("use one of", allowed)
        return error(path, f"{_show(given)} is not allowed here", line=line, field=field,
                     hint=hint)
    message = _message(detail)
    hint = _HINTS.get(kind)
    return error(path, message, line=line, field=field, hint=hint)


def _message(detail: ErrorDetails) -> str:
    kind = detail["type"]
    if kind in _HINTS and kind not in {"missing"} and not kind.endswith("_format") \
            and not kind.startswith("date_"):
        given = detail.get("input")
        readable = {
            "int_parsing": "is not a whole number", "int_type": "is not a whole number",
            "int_from_float": "is not a whole number", "float_parsing": "is not a number",
            "float_type": "is not a number", "list_type": "should be a list",
            "dict_type": "should be a group of fields", "model_type": "should be a group of fields",
            "model_attributes_type": "should be a group of fields",
            "string_too_short": "is empty", "too_short": "is empty",
        }.get(kind)
        if readable:
            return f"{_show(given)} {readable}"
    msg = detail["msg"]
    msg = re.sub(r"^(Value error|Assertion failed), ", "", msg)
    return msg[:1].lower() + msg[1:] if msg else "invalid value"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'" if len(value) < 60 else f"'{value[:57]}…'"
    if isinstance(value, dict):
        return "this group of fields"
    if isinstance(value, list):
        return "this list"
    return f"'{value}'"


def _allowed_values(detail: ErrorDetails) -> list[str]:
    expected = (detail.get("ctx") or {}).get("expected", "")
    return re.findall(r"'([^']*)'", str(expected))


def _is_union_tag(part: Any) -> bool:
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _real_location(loc: tuple[Any, ...], lines: Mapping[KeyPath, int], root: KeyPath
                   ) -> KeyPath:
    """Drop the names pydantic gives union members ("function-after[…]") from a location,
    but keep a key the editor really wrote, even one like "title[" (it is in the line map)."""
    kept: list[str | int] = []
    for part in loc:
        if _is_union_tag(part) and (*root, *kept, part) not in lines:
            continue
        kept.append(part)
    return tuple(kept)


def _field_names(model: type[BaseModel], loc: KeyPath) -> list[str]:
    """Names accepted at ``loc`` inside ``model`` (following nested models and lists)."""
    current = _model_at(model, loc)
    fields = current.model_fields if current is not None else {}
    return [info.alias or name for name, info in fields.items()]


def _group_models(model: type[BaseModel], loc: KeyPath) -> dict[str, type[BaseModel]]:
    """The groups of fields inside the model at ``loc``: each key whose value is itself a
    set of indented fields (``organisation:``), not a list, with that group's model."""
    current = _model_at(model, loc)
    groups: dict[str, type[BaseModel]] = {}
    for name, info in (current.model_fields if current is not None else {}).items():
        inner = _group_model(info.annotation)
        if inner is not None:
            groups[info.alias or name] = inner
    return groups


def _group_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a field that holds one group of fields (``X`` or ``X | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = [a for a in getattr(annotation, "__args__", ()) or () if a is not type(None)]
    if getattr(annotation, "__origin__", None) is None and len(args) == 1:
        return _group_model(args[0])
    return None


def _places(model: type[BaseModel], key: str, exact: bool,
            prefix: tuple[str, ...] = (), depth: int = 0) -> list[tuple[str, ...]]:
    """Where ``key`` is a field in the groups nested inside ``model``: the shallowest
    places, e.g. [("organisation", "name")] for "name" at the top of site.yml."""
    found: list[tuple[str, ...]] = []
    deeper: list[tuple[str, ...]] = []
    for group, inner in _group_models(model, ()).items():
        names = [info.alias or name for name, info in inner.model_fields.items()]
        if exact and key.lower() in (n.lower() for n in names):
            found.append((*prefix, group, next(n for n in names if n.lower() == key.lower())))
        elif not exact:
            match = difflib.get_close_matches(key.lower(), [n.lower() for n in names], n=1,
                                              cutoff=0.8)
            if match:
                found.append((*prefix, group, next(n for n in names if n.lower() == match[0])))
        if depth < 3:
            deeper += _places(inner, key, exact, (*prefix, group), depth + 1)
    if found:
        return found
    shallowest = min((len(p) for p in deeper), default=0)
    return [p for p in deeper if len(p) == shallowest]


def _shape(keys: tuple[str, ...], last: str) -> str:
    """How a nested key is written, one line per level: "`organisation:`, then
    `  name: …` indented below it"."""
    parts = [f"`{keys[0]}:`"]
    for depth, key in enumerate(keys[1:], start=1):
        parts.append(f"then `{'  ' * depth}{key}:` indented below it")
    parts.append(f"then `{'  ' * len(keys)}{last}` indented below it" if len(keys) > 1
                 else f"then `  {last}` indented below it by two spaces")
    return ", ".join(parts)


def _misplaced_hint(model: type[BaseModel], loc: KeyPath, key: str,
                    known: list[str]) -> str | None:
    """A typo of a field here ("did you mean"), a word of one ("url" for base_url), or a
    field of a group nested here written outside it ("name" belongs in organisation)."""
    group_model = _model_at(model, loc)
    places = _places(group_model, key, exact=True) if group_model is not None else []
    if len(places) == 1:
        return _place_hint(places[0], dotted_path(loc))
    close = did_you_mean(key, known)
    if close:
        return close
    word = key.lower().replace("-", "_")
    containing = [k for k in known if len(word) >= 3 and word in k.lower().split("_")]
    if len(containing) == 1:
        return f"did you mean '{containing[0]}'?"
    places = places or (_places(group_model, key, exact=False)
                        if group_model is not None else [])
    if len(places) == 1:
        return _place_hint(places[0], dotted_path(loc))
    if places:
        return ("it belongs inside a group of settings: "
                + " or ".join(f"'{'.'.join(p)}'" for p in places))
    return None


def _place_hint(place: tuple[str, ...], here: str) -> str:
    where = f"{here}.{'.'.join(place)}" if here else ".".join(place)
    shape = _shape(place[:-1], place[-1] + ": …")
    return f"it belongs inside '{place[-2]}' ({where}): write {shape}"


def _model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """The model of the fields at ``loc`` inside ``model`` (through nested models and
    lists), or None where ``loc`` leads to no set of fields."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        info = fields.get(part) or next((f for f in fields.values() if f.alias == part), None)
        current = _inner_model(info.annotation) if info is not None else None
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _missing_hint(model: type[BaseModel], loc: KeyPath) -> str | None:
    """A missing group of fields is written as its key with its fields indented below:
    "add `organisation:` on a line of its own, then `  name: …` …"."""
    if not loc or not isinstance(loc[-1], str):
        return None
    parent = _model_at(model, loc[:-1])
    if parent is None:
        return None
    inner = _group_models(parent, ()).get(loc[-1])
    if inner is None:
        return None
    required = [info.alias or name for name, info in inner.model_fields.items()
                if info.is_required()] or [info.alias or name for name, info
                                           in inner.model_fields.items()][:1]
    lines = ", ".join(f"`  {name}: …`" for name in required)
    return (f"add `{loc[-1]}:` on a line of its own, with its fields indented below it by "
            f"two spaces: {lines}")


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """A "did you mean" hint for a typo, or None when nothing is close."""
    match = difflib.get_close_matches(word.lower(), [c.lower() for c in choices], n=1,
                                      cutoff=0.6)
    if not match:
        return None
    original = next(c for c in choices if c.lower() == match[0])
    return f"did you mean '{original}'?"


def _list_hint(prefix: str, choices: list[str]) -> str | None:
    if not choices:
        return None
    return f"{prefix}: " + ", ".join(choices)

