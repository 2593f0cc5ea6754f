"""Section builders: each turns one area's records into pages and data files.

``SECTIONS`` is the ordered table the build runs; add an area by adding a builder.
"""

from __future__ import annotations

from generator.sections.catalogue import build_data_catalogue
from generator.sections.pages import build_pages
from generator.sections.registers import build_registers
from generator.sections.spending import build_spending
from generator.site import SectionBuilder

SECTIONS: list[SectionBuilder] = [
    build_pages,
    build_registers,
    build_spending,
    # Fills itself from the finished site model when rendered, so it sees every dataset.
    build_data_catalogue,
]
