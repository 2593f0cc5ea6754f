"""Bar charts drawn at build time, as SVG in the page: no script, prints, scales.

Only geometry and words are decided here; ``templates/components/chart.html`` draws
it. Each bar is one row: its label on a line of its own, then the bar and its value, so
the text keeps its size on a phone (bar lengths are percentages of the chart's width,
not a fixed drawing scaled down). The chart is an image with a title and a one-sentence
description; the table of the same figures stays beside it for the exact numbers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

ROW_HEIGHT = 44
"""Pixels per bar: a 16px label line, a 16px bar and the space between rows."""
LINE_HEIGHT = 18
"""Each further line of a long label."""
CHARS_PER_LINE = 34
"""A label is wrapped at this many characters: SVG text does not wrap by itself, and
this fits a 320px phone at the chart's 15px."""
LONGEST_BAR = 65.0
"""Per cent of the chart's width the largest bar takes; the rest holds its value."""
MOST_BARS = 30
"""More groups than this are shown as the largest ones and one bar for the rest."""


@dataclass(frozen=True)
class Bar:
    label: str
    text: str
    """The value as the page writes it ("£12,345", "7 (58%)")."""
    width: str
    """The bar's length as a percentage of the chart's width, e.g. "43.2%"."""
    y: int
    lines: tuple[str, ...] = ()
    """The label wrapped to fit a phone."""

    @property
    def bar_y(self) -> int:
        """Where the bar starts, below the label's lines."""
        return self.y + 21 + LINE_HEIGHT * (len(self.lines) - 1)


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: tuple[Bar, ...]

    @property
    def height(self) -> int:
        if not self.bars:
            return 0
        last = self.bars[-1]
        return last.bar_y - 21 + ROW_HEIGHT


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, Decimal | int]],
              write: Callable[[Decimal], str], description: str,
              other: str | None = None, scale: Decimal | int | None = None,
              texts: Sequence[str] | None = None) -> BarChart:
    """A horizontal bar chart of ``(label, value)`` in the order given, each value
    written by ``write``. With ``other`` (e.g. "{count} other types") and more than
    ``MOST_BARS`` items, the largest ``MOST_BARS - 1`` keep their place and one last bar
    adds up the rest, so a long tail does not make the chart a wall of slivers.
    ``scale``: the value of a full-length bar (a headcount, for shares of staff); the
    largest value when not given. ``texts`` writes the values instead of ``write``."""
    shown = [(label, Decimal(value)) for label, value in items]
    if other is not None and len(shown) > MOST_BARS:
        keep = set(sorted(range(len(shown)), key=lambda i: -shown[i][1])[:MOST_BARS - 1])
        rest = [shown[i] for i in range(len(shown)) if i not in keep]
        shown = [shown[i] for i in sorted(keep)]
        shown.append((other.format(count=len(rest)), sum((v for _, v in rest), Decimal(0))))
    largest = Decimal(scale) if scale is not None else \
        max((value for _, value in shown), default=Decimal(0))
    bars = []
    y = 0
    for index, (label, value) in enumerate(shown):
        share = min(value / largest, Decimal(1)) if largest > 0 and value > 0 else Decimal(0)
        text = texts[index] if texts is not None else write(value)
        lines = tuple(textwrap.wrap(label, CHARS_PER_LINE)) or (label,)
        bars.append(Bar(label, text, f"{float(share) * LONGEST_BAR:.1f}%", y, lines))
        y += ROW_HEIGHT + LINE_HEIGHT * (len(lines) - 1)
    return BarChart(chart_id, title, description, tuple(bars))
