"""Section builders: each turns one area's records into pages and data files.

``SECTIONS`` is the ordered table the build runs; add an area by adding a builder.
"""

from __future__ import annotations

from generator.sections.pages import build_pages
from generator.sections.public import build_public
from generator.site import SectionBuilder

SECTIONS: list[SectionBuilder] = [
    build_pages,
    build_public,
]
