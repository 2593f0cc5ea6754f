"""The base every content model shares, and the model of a free page.

Reserved fields (``type``, ``draft``, ``publish_from``, ``updated``) are declared once
here, as Lektor's system fields are, so every content type honours them the same way.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from generator.models.fields import IsoDate, PublicationClass, StrictBool, Text


class ContentModel(BaseModel):
    """Unknown keys are errors: a typo must never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    type: Text | None = None
    draft: StrictBool = False
    publish_from: IsoDate | None = None
    updated: IsoDate | None = None

    def is_published(self, today: date) -> bool:
        """Drafts and records embargoed until a future date stay out of every output."""
        if self.draft:
            return False
        return self.publish_from is None or self.publish_from <= today


class PageMeta(ContentModel):
    """Front matter of a free page (``content/**/*.md``)."""

    title: Text = Field(min_length=1)
    summary: Text | None = None
    publication_class: PublicationClass | None = Field(default=None, alias="class")
    duties: list[Text] = Field(default_factory=list)
    nav_order: int | None = None
