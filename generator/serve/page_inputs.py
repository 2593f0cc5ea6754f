"""Did a page's inputs change? Compare the old and new page specs structurally.

``serve`` re-runs a section when something it read changed, which makes new page specs
for all of that section's pages; most of them describe the same content as before.
Comparing them field by field (with identity shortcuts: loading reuses the same record
and model objects for unchanged files) finds the few pages that really must be rendered
again. Object graphs may be cyclic (a meeting points at its body, the body at its
meetings), so equality is co-inductive: a pair already being compared is assumed equal,
and "equal" results that rested on such an assumption are only remembered once the
assumption is confirmed. "Different" results never depend on assumptions.
"""

from __future__ import annotations

import dataclasses
import types
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import BaseModel

from generator.load.records import Record

_PLAIN = (str, bytes, int, float, bool, type(None), date, datetime, time, Decimal, Enum,
          complex, range)
_NEVER = 1 << 30
_SCALARS = frozenset({str, int, float, bool, type(None), date, datetime, time, Decimal})
"""Types compared by ``==`` inline in ``_pairs``: most fields of an unchanged page."""


class InputComparer:
    """One comparison pass. The memo is keyed by object ids, so the pass holds a
    reference to every pair it remembers: an id is never reused by another object while
    the comparer lives (temporaries such as bound methods would otherwise be freed and
    their ids handed to new objects, giving a stale answer)."""

    def __init__(self) -> None:
        self._known: dict[tuple[int, int], bool] = {}
        self._active: dict[tuple[int, int], int] = {}
        self._pending: list[tuple[tuple[int, int], int]] = []
        self._held: list[tuple[Any, Any]] = []

    def same(self, old: Any, new: Any) -> bool:
        return self._same(old, new)[0]

    def _same(self, a: Any, b: Any) -> tuple[bool, int]:
        """(equal, shallowest depth of an assumption the answer rests on)."""
        if a is b:
            return True, _NEVER
        kind = type(a)
        if kind is not type(b):
            return False, _NEVER
        if isinstance(a, _PLAIN):
            return a == b, _NEVER
        if kind is Record:
            return False, _NEVER  # a new record object means the file was loaded again
        if isinstance(a, (list, tuple)):
            if len(a) != len(b):
                return False, _NEVER
            return self._pairs(a, b, zip(a, b, strict=True))
        if isinstance(a, dict):
            if len(a) != len(b) or list(a) != list(b):
                return False, _NEVER
            return self._pairs(a, b, ((a[k], b[k]) for k in a))
        if isinstance(a, (set, frozenset)):
            return a == b, _NEVER
        if isinstance(a, BaseModel):
            return a == b, _NEVER  # models are validated values: their fields are all
        if isinstance(a, types.MethodType):
            if a.__func__ is not b.__func__:
                return False, _NEVER
            return self._pairs(a, b, iter([(a.__self__, b.__self__)]))
        if isinstance(a, (types.FunctionType, types.BuiltinFunctionType, type,
                          types.ModuleType)):
            return False, _NEVER  # not the same object (checked above)
        names = _field_names(kind)
        if names is not None:
            return self._pairs(a, b, ((getattr(a, name), getattr(b, name)) for name in names))
        if hasattr(a, "__dict__"):
            return self._pairs(a, b, iter([(vars(a), vars(b))]))
        return a == b, _NEVER

    def _pairs(self, a: Any, b: Any, pairs: Any) -> tuple[bool, int]:
        key = (id(a), id(b))
        known = self._known.get(key)
        if known is not None:
            return known, _NEVER
        depth = self._active.get(key)
        if depth is not None:
            return True, depth  # co-inductive: assume equal while comparing this pair
        depth = len(self._active)
        self._active[key] = depth
        self._held.append((a, b))
        pending_from = len(self._pending)
        equal, rests_on = True, _NEVER
        try:
            for x, y in pairs:
                if x is y:
                    continue
                kind = type(x)
                if kind in _SCALARS and kind is type(y):  # saves a call per field
                    if x == y:
                        continue
                    equal = False
                    break
                same, assumed = self._same(x, y)
                if not same:
                    equal = False
                    break
                rests_on = min(rests_on, assumed)
        finally:
            del self._active[key]
        if not equal:
            del self._pending[pending_from:]
            self._known[key] = False
            return False, _NEVER
        if rests_on >= depth:  # every assumption made below was about this pair: confirmed
            for pending, _ in self._pending[pending_from:]:
                self._known[pending] = True
            del self._pending[pending_from:]
            self._known[key] = True
            return True, _NEVER
        self._pending.append((key, rests_on))
        return True, rests_on


_FIELDS: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's compared field names, looked up once per class. As in the class's
    own ``==``, a field declared ``field(compare=False)`` is left out: a back-reference
    whose pages get what they show of it through their own context."""
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind) if f.compare) \
            if dataclasses.is_dataclass(kind) else None
    return _FIELDS[kind]
