"""Section builders: each turns one area's records into pages and data files.

``SECTIONS`` is the ordered table the build runs; add an area by adding a builder.
"""

from __future__ import annotations

from generator.sections.decisions import build_decisions
from generator.sections.meetings import build_meetings
from generator.sections.pages import build_pages
from generator.sections.staff import build_staff
from generator.site import SectionBuilder

SECTIONS: list[SectionBuilder] = [
    build_pages,
    build_staff,
    build_meetings,
    build_decisions,
]
