"""A minimal CBOR (RFC 8949) reader and writer, enough for Pagefind's index metadata.

Integers, byte and text strings, arrays, maps and the simple values false, true and
null, always written in the shortest form (as Pagefind's encoder writes them).
Anything else raises :class:`CborError`, so callers can leave such data untouched.
"""

from __future__ import annotations

from typing import Any


class CborError(ValueError):
    """The bytes use a CBOR feature this module does not handle."""


def loads(data: bytes) -> Any:
    value, end = _read(data, 0)
    if end != len(data):
        raise CborError(f"{len(data) - end} bytes after the value")
    return value


def _length(data: bytes, pos: int, info: int) -> tuple[int, int]:
    if info < 24:
        return info, pos
    sizes = {24: 1, 25: 2, 26: 4, 27: 8}
    if info not in sizes:
        raise CborError("indefinite lengths are not supported")
    size = sizes[info]
    if pos + size > len(data):
        raise CborError("truncated")
    return int.from_bytes(data[pos:pos + size], "big"), pos + size


def _read(data: bytes, pos: int) -> tuple[Any, int]:
    if pos >= len(data):
        raise CborError("truncated")
    major, info = data[pos] >> 5, data[pos] & 0x1F
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], pos + 1
        raise CborError("floats and other simple values are not supported")
    value, pos = _length(data, pos + 1, info)
    if major == 0:
        return value, pos
    if major == 1:
        return -1 - value, pos
    if major in (2, 3):
        chunk = data[pos:pos + value]
        if len(chunk) != value:
            raise CborError("truncated")
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), pos + value
    if major == 4:
        items = []
        for _ in range(value):
            item, pos = _read(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs: list[tuple[Any, Any]] = []
        for _ in range(value):
            key, pos = _read(data, pos)
            item, pos = _read(data, pos)
            pairs.append((key, item))
        return _Map(pairs), pos
    raise CborError("tags are not supported")


class _Map(list[tuple[Any, Any]]):
    """A CBOR map kept as ordered pairs, so writing it back keeps its key order."""


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise CborError("integer too large")


def dumps(value: Any) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _head(3, len(encoded)) + encoded
    if isinstance(value, _Map):
        return _head(5, len(value)) + b"".join(dumps(k) + dumps(v) for k, v in value)
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(dumps(item) for item in value)
    raise CborError(f"cannot write {type(value).__name__}")


__all__ = ["CborError", "dumps", "loads"]
