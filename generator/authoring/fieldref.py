"""Describe content models field by field, for people: the handbook and ``transparency new``.

Everything here is read from the same pydantic models the validator uses (the
``CONTENT_TYPES`` table), so the field reference and the scaffolds cannot drift from
what the build accepts. A field's description is its ``Field(description=...)`` or,
more usually, the docstring written under it in the model.

This module only describes; it never validates content or writes files.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator.models import fields as field_types
from generator.models.staff import parse_pay_range

if TYPE_CHECKING:
    from generator.load.content_types import ContentType

RESERVED_FIELDS = ("type", "draft", "publish_from", "updated")
"""Fields every content model inherits from ``ContentModel`` (publishing controls)."""

# The editor-facing name of each strict field type, keyed by its parsing function.
_PARSERS: dict[Any, str] = {
    field_types.parse_date: "date",
    field_types.parse_datetime: "datetime",
    field_types.parse_money: "money",
    field_types.parse_strict_bool: "bool",
    field_types.parse_text: "text",
    parse_pay_range: "pay range",
}
_PYTHON_KINDS: dict[Any, str] = {
    str: "text", bool: "bool", int: "integer", float: "number", Decimal: "number",
    date: "date", datetime: "datetime",
}
KIND_LABELS = {
    "text": "text",
    "date": "date, YYYY-MM-DD or DD/MM/YYYY",
    "datetime": "date and time, YYYY-MM-DD HH:MM or DD/MM/YYYY HH:MM",
    "money": "amount in pounds, e.g. 77874.50",
    "pay range": "pay range in pounds, e.g. 77874-83127",
    "bool": "true or false",
    "integer": "whole number",
    "number": "number",
    "choice": "one of the words listed",
    "list": "list",
    "fields": "the fields below, indented",
    "mapping": "`name: value` lines",
    "any": "any value",
}


@dataclass(frozen=True)
class FieldDoc:
    """One field as an editor writes it."""

    key: str
    """The key written in the file (the alias when the model renames it, e.g. ``class``)."""
    kind: str
    """One of ``KIND_LABELS``: text, date, datetime, money, pay range, bool, integer, number,
    choice, list, fields, mapping, any."""
    required: bool
    description: str
    choices: tuple[str, ...] = ()
    item: FieldDoc | None = None
    """For lists: what each item is (its ``children`` when items are sets of fields)."""
    children: tuple[FieldDoc, ...] = ()
    """For nested fields (``kind == "fields"``): the fields inside."""
    default: Any = None
    has_default: bool = False
    annotation: Any = None
    """The full type (with constraints) so callers can test a value against it."""

    @property
    def label(self) -> str:
        """Plain-English type, e.g. "date, YYYY-MM-DD" or "list of: text"."""
        if self.kind == "choice":
            return "one of: " + ", ".join(self.choices)
        if self.kind == "list" and self.item is not None:
            inner = self.item.label if self.item.kind != "fields" else "items with the fields below"
            return f"list of {inner}"
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def reserved(self) -> bool:
        return self.key in RESERVED_FIELDS


def describe_model(model: type[BaseModel]) -> list[FieldDoc]:
    """Every field of ``model`` in declaration order, reserved publishing fields last."""
    docs = _docstrings(model)
    described = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        description = " ".join((info.description or docs.get(name, "")).split())
        described.append(_field_doc(key, info, description))
    own = [d for d in described if not d.reserved]
    return own + [d for d in described if d.reserved]


def nested_fields(doc: FieldDoc) -> tuple[FieldDoc, ...]:
    """The fields inside a nested field or inside each item of a list of fields."""
    if doc.kind == "fields":
        return doc.children
    if doc.kind == "list" and doc.item is not None and doc.item.kind == "fields":
        return doc.item.children
    return ()


def row_field(model: type[BaseModel]) -> FieldDoc | None:
    """For a register file model (``entries: list[Row]``): the field holding the rows."""
    found = next((d for d in describe_model(model) if d.key == "entries"), None)
    if found is None or found.item is None or found.item.kind != "fields":
        return None
    return found


def row_model_of(content_type: ContentType) -> type[BaseModel] | None:
    """The model of one row of a register whose loader validates its rows itself.

    ``content_type.row_model`` when given; otherwise the one model class a loader
    factory closed over (``register_loader(GiftEntry)`` returns a function that keeps
    ``GiftEntry``), so such registers are described without further wiring.
    """
    if content_type.row_model is not None:
        return content_type.row_model
    loader = content_type.loader
    if loader is None:
        return None
    try:
        captured = inspect.getclosurevars(loader).nonlocals.values()
    except TypeError:  # not a plain Python function
        return None
    models = [v for v in captured if isinstance(v, type) and issubclass(v, BaseModel)]
    return models[0] if len(models) == 1 else None


def editor_fields(content_type: ContentType) -> list[FieldDoc]:
    """What an editor writes in a file of this type (for registers: ``entries:`` rows)."""
    row_model = row_model_of(content_type)
    if row_model is None:
        return describe_model(content_type.model)
    item = FieldDoc("", "fields", True, "", children=tuple(describe_model(row_model)),
                    annotation=row_model)
    return [FieldDoc("entries", "list", True,
                     "One item per entry. In a CSV file: one row per entry, with the field "
                     "names below as column headings (or the names mapped in site.yml).",
                     item=item, annotation=list[row_model])]  # type: ignore[valid-type]


def row_docs(content_type: ContentType) -> list[FieldDoc]:
    """The fields of one row of a register (the whole record for other types)."""
    for doc in editor_fields(content_type):
        if doc.key == "entries" and doc.item is not None and doc.item.kind == "fields":
            return list(doc.item.children)
    return describe_model(content_type.model)


def _field_doc(key: str, info: FieldInfo, description: str) -> FieldDoc:
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    default, has_default = None, False
    if not info.is_required():
        has_default = True
        default = info.get_default(call_default_factory=True)
        if default is PydanticUndefined:  # pragma: no cover - pydantic always fills it
            default, has_default = None, False
    doc = _type_doc(key, annotation, required=info.is_required(), description=description)
    return FieldDoc(doc.key, doc.kind, doc.required, doc.description, doc.choices, doc.item,
                    doc.children, default, has_default, annotation)


def _type_doc(key: str, annotation: Any, *, required: bool, description: str) -> FieldDoc:
    """Describe a (possibly Annotated / Optional / list / nested model) type."""
    annotation = _strip_optional(annotation)
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        base, *metadata = typing.get_args(annotation)
        for meta in metadata:
            if isinstance(meta, BeforeValidator) and meta.func in _PARSERS:
                return FieldDoc(key, _PARSERS[meta.func], required, description,
                                annotation=annotation)
        inner = _type_doc(key, base, required=required, description=description)
        return _with_annotation(inner, annotation)
    if origin is Literal:
        choices = tuple(str(c) for c in typing.get_args(annotation))
        return FieldDoc(key, "choice", required, description, choices, annotation=annotation)
    if origin in (list, tuple, set, frozenset):
        args = [a for a in typing.get_args(annotation) if a is not Ellipsis]
        item = _type_doc("", args[0], required=True, description="") if args else None
        return FieldDoc(key, "list", required, description, item=item, annotation=annotation)
    if origin is dict:
        return FieldDoc(key, "mapping", required, description, annotation=annotation)
    if origin in (Union, types.UnionType):
        options = [_type_doc(key, a, required=required, description=description)
                   for a in typing.get_args(annotation)]
        kinds = {o.kind for o in options}
        if len(kinds) == 1:
            return _with_annotation(options[0], annotation)
        return FieldDoc(key, " or ".join(o.label for o in options), required, description,
                        annotation=annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return FieldDoc(key, "fields", required, description,
                        children=tuple(describe_model(annotation)), annotation=annotation)
    kind = _PYTHON_KINDS.get(annotation, "any")
    return FieldDoc(key, kind, required, description, annotation=annotation)


def _with_annotation(doc: FieldDoc, annotation: Any) -> FieldDoc:
    return FieldDoc(doc.key, doc.kind, doc.required, doc.description, doc.choices, doc.item,
                    doc.children, doc.default, doc.has_default, annotation)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        if len(args) < len(typing.get_args(annotation)):
            return Union[tuple(args)]  # noqa: UP007 - built at run time
    return annotation


@cache
def _docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Attribute docstrings (the string literal under a field) from the model and its bases."""
    found: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if cls is BaseModel or not (isinstance(cls, type) and issubclass(cls, BaseModel)):
            continue
        found.update(_class_docstrings(cls))
    return found


def _class_docstrings(cls: type) -> dict[str, str]:
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    tree = ast.parse(source)
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    found = {}
    for node, following in zip(body, body[1:], strict=False):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            found[node.target.id] = " ".join(inspect.cleandoc(following.value.value).split())
    return found


def markdown_text(text: str) -> str:
    """Escape < and > outside `code` so text like <name> is shown, not read as HTML."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("<", "&lt;").replace(">", "&gt;")
    return "`".join(parts)


def table_cell(text: str) -> str:
    """Text for one cell of a Markdown table: one line, escaped, pipes protected."""
    return markdown_text(" ".join(text.split())).replace("|", "\\|")
