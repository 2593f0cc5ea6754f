"""Walks over the field reference, for tests that check every field reaches a page or file.

The product never needs the keys flattened (the handbook and ``transparency new`` walk
the nested fields themselves), so the walk lives with the tests that use it as an oracle.
"""

from __future__ import annotations

from generator.authoring.fieldref import FieldDoc, nested_fields


def key_paths(fields: list[FieldDoc] | tuple[FieldDoc, ...],
              prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key as a path, nested ones included, e.g. ("registers", "spending", "columns")."""
    found: list[tuple[str, ...]] = []
    for doc in fields:
        found.append((*prefix, doc.key))
        found.extend(key_paths(nested_fields(doc), (*prefix, doc.key)))
    return found


def all_keys(fields: list[FieldDoc] | tuple[FieldDoc, ...]) -> list[str]:
    """Every key, nested ones included, e.g. ["agenda", "title", ...]."""
    return [path[-1] for path in key_paths(fields)]
