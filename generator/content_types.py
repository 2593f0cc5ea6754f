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

from pydantic import BaseModel

from generator.models.base import ContentModel, PageMeta

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
    row_model: type[BaseModel] | None = None
    """For a register whose loader validates rows itself: the model of one row. The
    handbook's field reference and ``transparency new`` describe that model. When it
    is left out, a model the loader was built with (``register_loader(GiftEntry)``) is
    found instead (see ``fieldref.row_model_of``)."""

    def matches(self, rel: str) -> bool:
        return re.fullmatch(self.pattern, rel) is not None


CONTENT_TYPES: list[ContentType] = [
    ContentType("page", r".+\.md", PageMeta, description="A free page of Markdown."),
]


def type_for_path(rel: str) -> ContentType | None:
    for content_type in CONTENT_TYPES:
        if content_type.matches(rel):
            return content_type
    return None


def type_named(name: str) -> ContentType | None:
    return next((t for t in CONTENT_TYPES if t.name == name), None)
