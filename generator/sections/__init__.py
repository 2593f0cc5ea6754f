"""Section builders: each turns one area's records into pages and data files.

``SECTIONS`` is the ordered table the build runs; add an area by adding a builder.
The publication scheme and compliance report are placed here too, but their listings are
filled by build.py after every section has run (they need the complete site).
"""

from __future__ import annotations

from generator.sections.accessibility import build_accessibility
from generator.sections.catalogue import build_data_catalogue
from generator.sections.compliance import build_compliance_page
from generator.sections.decisions import build_decisions
from generator.sections.meetings import build_meetings
from generator.sections.pages import build_pages
from generator.sections.public import build_public
from generator.sections.registers import build_registers
from generator.sections.scheme import build_publication_scheme
from generator.sections.spending import build_spending
from generator.sections.staff import build_staff
from generator.site import SectionBuilder

SECTIONS: list[SectionBuilder] = [
    build_pages,
    build_staff,
    build_meetings,
    build_decisions,
    build_registers,
    build_spending,
    build_accessibility,
    build_publication_scheme,
    build_compliance_page,
    build_public,
    # Fills itself from the finished site model when rendered, so it sees every dataset.
    build_data_catalogue,
]
