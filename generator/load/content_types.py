"""The table of content types: which paths hold which kind of record.

The path decides the type; ``type:`` in front matter overrides it. The first matching
entry wins, so specific patterns come before the catch-all page. Each area of the site
(staff, meetings, registers) adds its rows here and its models in ``models/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel

from generator.load.registers import Loader, register_loader
from generator.models.accessibility import AccessibilityStatementMeta
from generator.models.base import ContentModel, PageMeta
from generator.models.meetings import DecisionMeta, MeetingBodyMeta, MeetingMeta
from generator.models.registers import (
    CardEntry,
    ContractEntry,
    ExpenseEntry,
    GiftEntry,
    Interests,
    RegisterData,
    SpendingEntry,
)
from generator.models.staff import PayScales, RoleMeta, Workforce

if TYPE_CHECKING:
    from generator.errors import Problem
    from generator.load.config import SiteConfig
    from generator.load.sources import ParsedSource



@dataclass(frozen=True)
class ContentType:
    name: str
    pattern: str
    """Regular expression matched against the whole content-relative path."""
    model: type[ContentModel]
    loader: Loader | None = None
    description: str = ""
    row_model: type[BaseModel] | None = None
    """For a register whose loader validates rows itself: the model of one row. The
    handbook's field reference and ``transparency new`` describe that model. When it
    is left out, a model the loader was built with (``register_loader(GiftEntry)``) is
    found instead (see ``fieldref.row_model_of``)."""
    reads_table: bool = False
    """A CSV of this type is handed to the loader as it is (``ParsedSource.csv_table``):
    finance exports have title rows above their headings and footers below the rows."""

    def matches(self, rel: str) -> bool:
        return re.fullmatch(self.pattern, rel) is not None


_REGISTER_INTROS = (r"registers/(?:gifts-and-hospitality|expenses|contracts)\.md"
                    r"|registers/(?:spending|procurement-card|interests)/index\.md")


def _misnamed_meeting(source: ParsedSource, config: SiteConfig) -> tuple[None, list[Problem]]:
    """A Markdown file in a meeting body's folder that is neither index.md nor a meeting."""
    from generator.errors import error

    name = source.file.rel.rsplit("/", 1)[-1]
    return None, [error(source.file.display,
                        f"'{name}' is not a meeting file name", line=1,
                        hint="name a meeting after its date, e.g. 2026-03-24.md or "
                             "2026-03-24-budget.md; put other documents in papers/")]


CONTENT_TYPES: list[ContentType] = [
    ContentType("staff_index", r"staff/index\.md", PageMeta,
                description="The staff landing page (content/staff/index.md)."),
    ContentType("role", r"staff/roles/[^/]+\.md", RoleMeta,
                description="A role: job description, grade, reporting line."),
    ContentType("pay_scales", r"staff/pay-scales\.ya?ml", PayScales,
                description="The pay grades and their ranges."),
    ContentType("workforce", r"staff/workforce\.ya?ml", Workforce,
                description="Headcount, FTE and diversity of the staff on one date."),
    ContentType("meetings_index", r"meetings/index\.md", PageMeta,
                description="The meetings calendar's introduction."),
    ContentType("meeting_body", r"meetings/[^/]+/index\.md", MeetingBodyMeta,
                description="A meeting body: members, contact, terms of reference."),
    ContentType("meeting", r"meetings/[^/]+/\d{4}-\d{2}-\d{2}(-[a-z0-9-]+)?\.md", MeetingMeta,
                description="One meeting: date, agenda, papers, attendance, minutes."),
    ContentType("meeting_misnamed", r"meetings/[^/]+/[^/]+\.md", MeetingMeta,
                loader=_misnamed_meeting,
                description="Any other Markdown file in a meeting body's folder. It is refused "
                            "with an error, because a meeting's file is named after its date "
                            "(2026-03-24.md or 2026-03-24-budget.md); the fields below are a "
                            "meeting's."),
    ContentType("decisions_index", r"registers/decisions/index\.md", PageMeta,
                description="The decisions register's introduction."),
    ContentType("decision", r"registers/decisions/[^/]+\.md", DecisionMeta,
                description="A record of one decision."),
    ContentType("accessibility_statement", r"accessibility\.md", AccessibilityStatementMeta,
                description="The accessibility statement required by the 2018 regulations."),
    ContentType("publication_scheme", r"publication-scheme\.md", PageMeta,
                description="The introduction to the generated publication scheme page."),
    # Registers (content/registers/, DESIGN "Registers"). The intro of a file register
    # `X.yml|csv` is `X.md` beside it; a folder register's intro is its index.md.
    # content/registers/decisions/ belongs to the decisions area, not to these rows.
    ContentType("register_intro", _REGISTER_INTROS, PageMeta,
                description="The introduction shown above a register's table."),
    ContentType("interests", r"registers/interests/[^/]+\.ya?ml", Interests,
                description="One office holder's register of interests."),
    ContentType("gifts_hospitality", r"registers/gifts-and-hospitality\.(?:ya?ml|csv)",
                RegisterData, register_loader(GiftEntry),
                description="The gifts and hospitality register.", reads_table=True),
    ContentType("expenses", r"registers/expenses\.(?:ya?ml|csv)", RegisterData,
                register_loader(ExpenseEntry), description="Office holders' expenses.",
                reads_table=True),
    ContentType("contracts", r"registers/contracts\.(?:ya?ml|csv)", RegisterData,
                register_loader(ContractEntry), description="The contracts register.",
                reads_table=True),
    ContentType("spending", r"registers/spending/[^/]+\.(?:ya?ml|csv)", RegisterData,
                register_loader(SpendingEntry, monthly="spending"),
                description="One file of spending over £500 (a month of the finance export).",
                reads_table=True),
    ContentType("procurement_card", r"registers/procurement-card/[^/]+\.(?:ya?ml|csv)",
                RegisterData, register_loader(CardEntry, monthly="procurement_card"),
                description="One file of procurement-card transactions (a month of the card "
                            "statement export).", reads_table=True),
    ContentType("data_catalogue", r"data\.md", PageMeta,
                description="The introduction of the /data/ page listing every dataset."),
    ContentType("page", r".+\.md", PageMeta, description="A free page of Markdown."),
]

ASSET_PATTERNS: list[str] = [
    r"meetings/[^/]+/papers/.+",
]
"""Paths that are always copied-as-is files (assets), whatever their extension.

Checked before a file is parsed, so a meeting paper saved as CSV or Markdown is
published as the paper it is rather than read as a register or a page.
"""


def is_asset_path(rel: str) -> bool:
    return any(re.fullmatch(pattern, rel) for pattern in ASSET_PATTERNS)


def type_for_path(rel: str) -> ContentType | None:
    for content_type in CONTENT_TYPES:
        if content_type.matches(rel):
            return content_type
    return None


def type_named(name: str) -> ContentType | None:
    return next((t for t in CONTENT_TYPES if t.name == name), None)
