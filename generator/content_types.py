"""The table of content types: which paths hold which kind of record.

The path decides the type; ``type:`` in front matter overrides it. The first matching
entry wins, so specific patterns come before the catch-all page. Each area of the site
(staff, meetings, registers) adds its rows here and its models in ``models/``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.models.base import ContentModel, PageMeta
from generator.models.registers import (
    ContractEntry,
    ExpenseEntry,
    GiftEntry,
    Interests,
    RegisterData,
    SpendingEntry,
)
from generator.registers_load import register_loader

if TYPE_CHECKING:
    from generator.config import SiteConfig
    from generator.errors import Problem
    from generator.sources import ParsedSource

# A custom loader turns a parsed source into its validated model (for CSV registers
# and files whose rows need their own line numbers).
Loader = Callable[["ParsedSource", "SiteConfig"], tuple[Any | None, list["Problem"]]]


@dataclass(frozen=True)
class ContentType:
    name: str
    pattern: str
    """Regular expression matched against the whole content-relative path."""
    model: type[ContentModel]
    loader: Loader | None = None
    description: str = ""

    def matches(self, rel: str) -> bool:
        return re.fullmatch(self.pattern, rel) is not None


# Registers (content/registers/, DESIGN "Registers"). The intro of a file register
# `X.yml|csv` is `X.md` beside it; a folder register's intro is its index.md.
# content/registers/decisions/ belongs to the decisions area, not to these rows.
_REGISTER_INTROS = (r"registers/(?:gifts-and-hospitality|expenses|contracts)\.md"
                    r"|registers/(?:spending|interests)/index\.md")

CONTENT_TYPES: list[ContentType] = [
    ContentType("register_intro", _REGISTER_INTROS, PageMeta,
                description="The introduction shown above a register's table."),
    ContentType("interests", r"registers/interests/[^/]+\.ya?ml", Interests,
                description="One office holder's register of interests."),
    ContentType("gifts_hospitality", r"registers/gifts-and-hospitality\.(?:ya?ml|csv)",
                RegisterData, register_loader(GiftEntry),
                description="The gifts and hospitality register."),
    ContentType("expenses", r"registers/expenses\.(?:ya?ml|csv)", RegisterData,
                register_loader(ExpenseEntry), description="Office holders' expenses."),
    ContentType("contracts", r"registers/contracts\.(?:ya?ml|csv)", RegisterData,
                register_loader(ContractEntry), description="The contracts register."),
    ContentType("spending", r"registers/spending/[^/]+\.(?:ya?ml|csv)", RegisterData,
                register_loader(SpendingEntry, spending=True),
                description="One file of spending over £500 (a month of the finance export)."),
    ContentType("data_catalogue", r"data\.md", PageMeta,
                description="The introduction of the /data/ page listing every dataset."),
    ContentType("page", r".+\.md", PageMeta, description="A free page of Markdown."),
]


def type_for_path(rel: str) -> ContentType | None:
    for content_type in CONTENT_TYPES:
        if content_type.matches(rel):
            return content_type
    return None


def type_named(name: str) -> ContentType | None:
    return next((t for t in CONTENT_TYPES if t.name == name), None)
