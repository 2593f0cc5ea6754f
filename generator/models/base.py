"""The base every content model shares, and the model of a free page.

Reserved fields (``type``, ``draft``, ``publish_from``, ``updated``) are declared once
here, as Lektor's system fields are, so every content type honours them the same way.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from generator.models.fields import IsoDate, PublicationClass, StrictBool, Text


class ContentModel(BaseModel):
    """Unknown keys are errors: a typo must never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    type: Text | None = None
    """Only to override the type the folder decides, e.g. `type: page`; usually left out."""
    draft: StrictBool = False
    """true keeps this out of every part of the site (pages, search, downloads, counts)."""
    publish_from: IsoDate | None = None
    """Keep this off the site until this date, e.g. an embargoed announcement."""
    updated: IsoDate | None = None
    """The "last updated" date shown to the public and used by the duty checks; when left
    out, the date of the file's last commit is used."""

    def __repr__(self) -> str:
        """Short and cheap, like Record's: a loaded model is never changed (frozen) and
        loading reuses it for an unchanged file, so its identity stands for its content
        when incremental rebuilds compare page contexts."""
        return f"{type(self).__name__}@{id(self):#x}"

    def is_published(self, today: date) -> bool:
        """Drafts and records embargoed until a future date stay out of every output."""
        if self.draft:
            return False
        return self.publish_from is None or self.publish_from <= today


class PageMeta(ContentModel):
    """Front matter of a free page (``content/**/*.md``)."""

    title: Text = Field(min_length=1)
    """The page heading, also used in the browser tab, search results and links."""
    summary: Text | None = None
    """One or two sentences shown under the heading, in listings and in search results."""
    publication_class: PublicationClass | None = Field(default=None, alias="class")
    """Where the page sits in the publication scheme (one of its seven classes)."""
    duties: list[Text] = Field(default_factory=list)
    """Ids of the legal duties this page meets, e.g. [sio-3a-total-budget]; see the
    handbook's page on the law."""
    nav_order: int | None = None
    """Position among its neighbours in menus and listings: lower numbers come first."""
    charts: list[Text] = Field(default_factory=list)
    """Headings of sections whose table is also drawn as a bar chart, e.g.
    [Where the money comes from]: the table's first column names the bars, its first
    column of numbers gives their lengths (a bold or Total row is left out)."""
    nil_returns: list[Text] = Field(default_factory=list)
    """Periods with nothing to report, e.g. [2026-Q3] (a quarter), [2026-11] (a month) or
    [2026-27] (a financial year): shown on the page as "Nothing to report" and counted by
    the duty check as published for that period (an office with no expenses in a quarter
    says so here, in the register's introduction)."""

    @field_validator("nil_returns")
    @classmethod
    def _periods(cls, value: list[str]) -> list[str]:
        from generator.models.periods import parse_period

        labels = [parse_period(item).label for item in value]
        doubled = sorted({label for label in labels if labels.count(label) > 1})
        if doubled:
            raise ValueError(f"{', '.join(doubled)} is listed twice")
        return labels
