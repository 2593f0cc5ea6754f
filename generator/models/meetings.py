"""Front matter of meeting bodies, meetings and decision records.

- ``content/meetings/<body>/index.md``: :class:`MeetingBodyMeta`
- ``content/meetings/<body>/<YYYY-MM-DD>[-slug].md``: :class:`MeetingMeta`
- ``content/registers/decisions/<reference>.md``: :class:`DecisionMeta`

Checks that need the file name, other files or line numbers (the date in the file name,
papers on disk, the meeting a decision came from) are made by the sections.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from generator.models.base import ContentModel
from generator.models.fields import IsoDate, IsoDateTime, Money, StrictBool, Text

MeetingStatus = Literal["scheduled", "held", "cancelled", "postponed"]
MinutesStatus = Literal["draft", "approved"]


class _Part(BaseModel):
    """A group of fields inside a record: unknown keys are errors here too."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _web_address(value: str | None) -> str | None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise ValueError(f"'{value}' is not a full web address (starting https://)")
    return value


class Member(_Part):
    name: Text = Field(min_length=1)
    role: Text | None = None


class MeetingBodyMeta(ContentModel):
    """A meeting body: who sits on it, who to contact, what it is for (body text)."""

    title: Text = Field(min_length=1)
    summary: Text | None = None
    members: list[Member] = Field(default_factory=list)
    contact: Text | None = None
    terms_of_reference: Text | None = None
    """A content file (``../../governance/terms.md``, ``papers/terms.pdf``) or a web address."""
    public: StrictBool = True
    """False for bodies that meet in private (their minutes are still published)."""


class Attendance(_Part):
    present: list[Text] = Field(default_factory=list)
    apologies: list[Text] = Field(default_factory=list)
    in_attendance: list[Text] = Field(default_factory=list)


class AgendaItem(_Part):
    title: Text = Field(min_length=1)
    report_by: Text | None = None
    papers: list[Text] = Field(default_factory=list)
    """Paths relative to the meeting file, e.g. papers/2026-03-24-budget.pdf."""
    exempt: Text | None = None
    """Why the item is taken in private; its papers are never published."""
    declarations: Text | None = None
    decision: Text | None = None
    minute: Text | None = None

    @field_validator("exempt")
    @classmethod
    def _reason(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("give the reason the item is exempt, e.g. "
                             "'Section 100A Local Government Act 1972'")
        return value


class MeetingMeta(ContentModel):
    """One meeting. ``date`` and ``end`` are local (Europe/London) times."""

    title: Text | None = None
    date: IsoDateTime
    end: IsoDateTime | None = None
    location: Text | None = None
    status: MeetingStatus = "scheduled"
    webcast: Text | None = None
    attendance: Attendance = Attendance()
    agenda: list[AgendaItem] = Field(default_factory=list)
    minutes_status: MinutesStatus | None = None

    _web = field_validator("webcast")(_web_address)


class DecisionMeta(ContentModel):
    """A record of one decision (SIO paragraph 5(d))."""

    reference: Text = Field(min_length=1)
    title: Text = Field(min_length=1)
    date: IsoDate
    decision_maker: Text = Field(min_length=1)
    value: Money | None = None
    significant_public_interest: StrictBool
    meeting: Text | None = None
    """The meeting file it came from, relative to this file; may end ``#item-3``."""
