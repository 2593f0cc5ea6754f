"""Pure staff computations: medians, the pay multiple, shares of staff, reporting trees.

Nothing here knows about files, pages or templates, so every figure the staff pages
publish can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from generator.render.filters import format_money

TWO_PLACES = Decimal("0.01")
BAND_WIDTH = 5000  # the Transparency Code's senior pay bands are £5,000 wide


def pay_range_text(low: Decimal, high: Decimal) -> str:
    """£77,874 – £83,127 (one amount when the range is a single figure)."""
    if low == high:
        return format_money(low)
    return f"{format_money(low)} – {format_money(high)}"


def fte_text(fte: Decimal) -> str:
    """1, 0.8, 10.8: no trailing zeros."""
    return f"{fte.normalize():f}"


def weighted_median(values: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """The median of ``(value, weight)`` pairs, each value counted ``weight`` times.

    With every weight 1 this is the ordinary median: the middle value of an odd count,
    the mean of the two middle values of an even count. When the running weight lands
    exactly on half the total, the median is the mean of that value and the next.
    """
    ordered = sorted((v, w) for v, w in values if w > 0)
    if not ordered:
        raise ValueError("no values")
    half = sum((w for _, w in ordered), Decimal(0)) / 2
    running = Decimal(0)
    for index, (value, weight) in enumerate(ordered):
        running += weight
        if running == half:
            return (value + ordered[index + 1][0]) / 2
        if running > half:
            return value
    return ordered[-1][0]  # pragma: no cover - the loop always returns


@dataclass(frozen=True)
class PayEntry:
    """One filled staff post in the pay multiple: its full-time pay and its FTE."""

    slug: str
    title: str
    pay: Decimal
    fte: Decimal
    actual: bool
    """True for a published salary, False for a grade mid-point."""


@dataclass(frozen=True)
class PayMultiple:
    value: Decimal
    """Highest ÷ median, rounded to two decimal places."""
    highest: Decimal
    highest_titles: tuple[str, ...]
    median: Decimal
    posts: int
    fte: Decimal
    midpoints: int
    """How many posts used a grade mid-point instead of a published salary."""


def pay_multiple(entries: list[PayEntry]) -> PayMultiple | None:
    """Highest full-time pay ÷ FTE-weighted median full-time pay; None without entries."""
    if not entries:
        return None
    median = weighted_median((e.pay, e.fte) for e in entries)
    if median <= 0:
        return None
    highest = max(e.pay for e in entries)
    titles = tuple(sorted({e.title for e in entries if e.pay == highest}))
    value = (highest / median).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return PayMultiple(value, highest, titles, median.quantize(TWO_PLACES, ROUND_HALF_UP),
                       len(entries), sum((e.fte for e in entries), Decimal(0)),
                       sum(1 for e in entries if not e.actual))


def multiple_disagrees(declared: Decimal, computed: Decimal) -> bool:
    """A declared pay multiple more than 0.05 away from the computed one."""
    return abs(declared - computed) > Decimal("0.05")


@dataclass(frozen=True)
class Share:
    """A count of staff and its share of the headcount, after the small-number rule."""

    key: str
    count: int
    total: int
    threshold: int

    @property
    def suppressed(self) -> bool:
        """Counts above zero but below the threshold are not published."""
        return 0 < self.count < self.threshold

    @property
    def percent(self) -> int | None:
        """Whole per cent, half rounded up; None when suppressed or there is no total."""
        if self.suppressed or self.total <= 0:
            return None
        exact = Decimal(self.count) * 100 / Decimal(self.total)
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @property
    def published_count(self) -> int | None:
        return None if self.suppressed else self.count


@dataclass
class Tree:
    """Reporting lines as a forest: roots and each node's children, in display order."""

    roots: list[str] = field(default_factory=list)
    children: dict[str, list[str]] = field(default_factory=dict)
    cycles: list[tuple[str, ...]] = field(default_factory=list)
    """Each loop found, starting at its first slug in sort order (already broken)."""

    def walk(self) -> list[tuple[str, int]]:
        """Every node with its depth, parents before children, in display order."""
        out: list[tuple[str, int]] = []
        stack = [(slug, 0) for slug in reversed(self.roots)]
        while stack:
            slug, depth = stack.pop()
            out.append((slug, depth))
            stack.extend((child, depth + 1) for child in reversed(self.children[slug]))
        return out


def build_tree(parents: Mapping[str, str | None],
               order: Callable[[str], Any] = lambda s: s) -> Tree:
    """Turn ``slug -> parent slug`` into a forest, breaking any loop.

    A parent that is not itself a node makes its child a root. A loop is broken at
    its first slug in sort order, which becomes a root, and is recorded in ``cycles``.
    """
    links: dict[str, str | None] = {s: (p if p in parents else None) for s, p in parents.items()}
    tree = Tree()
    done: set[str] = set()
    for start in sorted(links):
        path: list[str] = []
        on_path: set[str] = set()
        node: str | None = start
        while node is not None and node not in done:
            if node in on_path:
                loop = path[path.index(node):]
                first = min(loop)
                at = loop.index(first)
                tree.cycles.append(tuple(loop[at:] + loop[:at]))
                links[first] = None
                break
            path.append(node)
            on_path.add(node)
            node = links[node]
        done.update(path)
    tree.children = {s: [] for s in links}
    for slug, parent in links.items():
        if parent is None:
            tree.roots.append(slug)
        else:
            tree.children[parent].append(slug)
    tree.roots.sort(key=order)
    for kids in tree.children.values():
        kids.sort(key=order)
    return tree


def salary_bands(pays: Iterable[tuple[Decimal, Decimal]], *, floor: int = 50000
                 ) -> list[tuple[int, int, Decimal]]:
    """FTE per £5,000 band from £50,000 (the Transparency Code's senior pay model).

    Takes ``(pay, fte)`` pairs; returns ``(band floor, band ceiling, fte)`` for each
    band that has posts, lowest first.
    """
    bands: dict[int, Decimal] = {}
    for pay, fte in pays:
        if pay < floor:
            continue
        start = floor + int((pay - floor) // BAND_WIDTH) * BAND_WIDTH
        bands[start] = bands.get(start, Decimal(0)) + fte
    return [(start, start + BAND_WIDTH - 1, bands[start]) for start in sorted(bands)]
