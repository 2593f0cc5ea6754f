"""Lay out the organisation chart as a top-down tree of boxes for the SVG diagram.

Only geometry is decided here (integer coordinates, so the output is deterministic);
``templates/components/org-chart.html`` draws it, escaping every word, and the same
template gives the nested list that is the chart's accessible form.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.sections.staff_figures import Tree

BOX_WIDTH = 190
GAP_X = 16
GAP_Y = 40
MARGIN = 8
LINE_HEIGHT = 17
PADDING = 10
CHARS_PER_LINE = 22


@dataclass(frozen=True)
class ChartLabel:
    """What one box says: the post's title, and its grade (or none for office holders)."""

    title: str
    grade: str | None
    vacant: bool = False


@dataclass(frozen=True)
class Box:
    slug: str
    x: int
    y: int
    lines: tuple[str, ...]
    grade: str | None
    vacant: bool

    @property
    def centre(self) -> int:
        return self.x + BOX_WIDTH // 2


@dataclass
class ChartLayout:
    width: int
    height: int
    box_width: int
    box_height: int
    line_height: int
    padding: int
    boxes: list[Box] = field(default_factory=list)
    connectors: list[str] = field(default_factory=list)
    """SVG path data, one elbow line from each parent to each child."""


def wrap_title(title: str) -> tuple[str, ...]:
    return tuple(textwrap.wrap(title, CHARS_PER_LINE, break_long_words=True)) or ("",)


def layout_chart(tree: Tree, labels: Mapping[str, ChartLabel]) -> ChartLayout:
    """Leaves side by side in display order; each parent centred over its children."""
    lines = {slug: wrap_title(labels[slug].title) for slug in labels}
    title_lines = max((len(v) for v in lines.values()), default=1)
    box_height = 2 * PADDING + (title_lines + 1) * LINE_HEIGHT
    step_x = BOX_WIDTH + GAP_X
    step_y = box_height + GAP_Y
    xs: dict[str, int] = {}
    depths: dict[str, int] = {}
    next_x = MARGIN
    for slug, depth in _children_first(tree):
        depths[slug] = depth
        kids = tree.children[slug]
        if kids:
            xs[slug] = (xs[kids[0]] + xs[kids[-1]]) // 2
        else:
            xs[slug] = next_x
            next_x += step_x
    order = [slug for slug, _ in tree.walk()]
    layout = ChartLayout(
        width=max(next_x - GAP_X, MARGIN + BOX_WIDTH) + MARGIN,
        height=MARGIN * 2 + (max(depths.values(), default=0) + 1) * step_y - GAP_Y,
        box_width=BOX_WIDTH, box_height=box_height, line_height=LINE_HEIGHT, padding=PADDING)
    boxes = {}
    for slug in order:
        label = labels[slug]
        boxes[slug] = Box(slug, xs[slug], MARGIN + depths[slug] * step_y, lines[slug],
                          label.grade, label.vacant)
    layout.boxes = [boxes[slug] for slug in order]
    for slug in order:
        parent = boxes[slug]
        for child_slug in tree.children[slug]:
            child = boxes[child_slug]
            top = parent.y + box_height
            middle = top + GAP_Y // 2
            layout.connectors.append(
                f"M{parent.centre} {top}V{middle}H{child.centre}V{child.y}")
    return layout


def _children_first(tree: Tree) -> list[tuple[str, int]]:
    """Every node with its depth, left to right, each after all of its children."""
    out: list[tuple[str, int]] = []
    stack = [(slug, 0, False) for slug in reversed(tree.roots)]
    while stack:
        slug, depth, expanded = stack.pop()
        kids = tree.children[slug]
        if expanded or not kids:
            out.append((slug, depth))
        else:
            stack.append((slug, depth, True))
            stack.extend((kid, depth + 1, False) for kid in reversed(kids))
    return out
