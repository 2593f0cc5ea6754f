"""WCAG colour contrast, so a brand colour that makes the header unreadable is refused.

The header puts white text on the organisation's brand colour. WCAG 2.2 success
criterion 1.4.3 (AA) needs a contrast ratio of at least 4.5:1 for normal text.
Formulas: https://www.w3.org/TR/WCAG22/#dfn-contrast-ratio (relative luminance of sRGB).
"""

from __future__ import annotations

AA_NORMAL_TEXT = 4.5
WHITE = "#ffffff"


def _rgb(colour: str) -> tuple[int, int, int]:
    """#1d4f91 -> (29, 79, 145); #fff is read as #ffffff."""
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """The WCAG relative luminance of a #rrggbb colour: 0 (black) to 1 (white)."""

    def channel(c8: int) -> float:
        c = c8 / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 (same) to 21 (black on white)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def darken_until_readable(colour: str) -> str:
    """The same hue made darker in small steps until white text reads on it (AA)."""
    r, g, b = _rgb(colour)
    for step in range(100, -1, -1):
        factor = step / 100
        candidate = "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (r, g, b)))
        if contrast_ratio(candidate, WHITE) >= AA_NORMAL_TEXT:
            return candidate
    return "#000000"
