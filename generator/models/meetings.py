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
    """The member's name as it should appear, e.g. Cllr. Thomas Pryor."""
    role: Text | None = None
    """Their role on the body or where they come from, e.g. Chairman, Northshire County Council."""


class MeetingBodyMeta(ContentModel):
    """A meeting body: who sits on it, who to contact, what it is for (body text)."""

    title: Text = Field(min_length=1)
    """The body's name, e.g. Northshire Police and Crime Panel."""
    summary: Text | None = None
    """One sentence on what the body does, shown in the list of bodies and in search results."""
    members: list[Member] = Field(default_factory=list)
    """Who sits on the body, one item each: `- name: …` and `role: …`."""
    contact: Text | None = None
    """Who to contact about the body's meetings: a name, team, phone number or email address."""
    terms_of_reference: Text | None = None
    """The terms of reference: a file relative to this one (``papers/terms.pdf``,
    ``../../governance/terms.md``) or a web address (https://…)."""
    public: StrictBool = True
    """false for bodies that meet in private (their minutes are still published); true
    (the default) for bodies whose meetings the public may attend."""


class Attendance(_Part):
    present: list[Text] = Field(default_factory=list)
    """Members who attended, one name per item."""
    apologies: list[Text] = Field(default_factory=list)
    """Members who sent apologies."""
    in_attendance: list[Text] = Field(default_factory=list)
    """Others who attended (officers, guests), e.g. Rebecca Ashworth (Police and Crime
    Commissioner)."""


class PaperLink(_Part):
    file: Text = Field(min_length=1)
    """The paper's file, relative to the meeting file, e.g. papers/2026-02-03-precept.pdf."""
    title: Text | None = None
    """What the paper is called on the page, e.g. Proposed precept 2026/27 (readers see
    this, not the file name)."""


class AgendaItem(_Part):
    title: Text = Field(min_length=1)
    """The item's title as on the agenda. Items are numbered in order; the third is #item-3 on the
    meeting's page."""
    report_by: Text | None = None
    """Who presents the item or wrote its report, e.g. Chief Finance Officer."""
    papers: list[Text | PaperLink] = Field(default_factory=list)
    """The item's papers (PDF, Word, spreadsheets…), usually in the body's papers/ folder,
    written relative to the meeting file, e.g. [papers/2026-03-24-budget.pdf], or with the
    title readers see: [{file: papers/2026-03-24-budget.pdf, title: Budget 2026/27}].
    Without a title the file name is turned into one (date and hyphens dropped)."""
    exempt: Text | None = None
    """Why the item is taken in private, e.g. Section 100A Local Government Act 1972. The item
    is listed with this reason; naming papers for it is an error, so they are never published."""
    declarations: Text | None = None
    """Declarations of interest made on this item (Markdown)."""
    decision: Text | None = None
    """What was decided or resolved on this item (Markdown)."""
    minute: Text | None = None
    """The minute of the discussion of this item (Markdown); general minutes go in the body of the
    file."""

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
    """Leave out to use the body's name and the date, e.g. "Northshire Police and Crime Panel, 23
    September 2026"."""
    date: IsoDateTime
    """When the meeting starts, UK time, e.g. 2026-09-23T14:00; the day must match the file name."""
    end: IsoDateTime | None = None
    """When it ends (or is expected to), e.g. 2026-09-23T15:50."""
    location: Text | None = None
    """Where it is held, e.g. Council Chamber, County Hall, Northby. A scheduled public meeting
    without one gets a warning."""
    status: MeetingStatus = "scheduled"
    """scheduled before the meeting, then held, cancelled or postponed."""
    webcast: Text | None = None
    """The web address (https://…) of the live stream or recording."""
    attendance: Attendance = Attendance()
    """Who attended, once the meeting has been held: present, apologies and in_attendance, each a
    list of names."""
    agenda: list[AgendaItem] = Field(default_factory=list)
    """The agenda, one item each with its title and, if any, report_by, papers, exempt,
    declarations, minute and decision."""
    minutes_status: MinutesStatus | None = None
    """Leave out until there are minutes; then draft until they are approved, then approved."""

    _web = field_validator("webcast")(_web_address)


class DecisionMeta(ContentModel):
    """A record of one decision (SIO paragraph 5(d))."""

    reference: Text = Field(min_length=1)
    """The decision's reference, e.g. "2026/014" (in quotes); the file is named after it
    (2026-014.md)."""
    title: Text = Field(min_length=1)
    """What was decided, in a few words, e.g. Procurement of the victim support service from April
    2027."""
    date: IsoDate
    """The date the decision was made."""
    decision_maker: Text = Field(min_length=1)
    """Who made it, e.g. Police and Crime Commissioner."""
    value: Money | None = None
    """The money involved in pounds, e.g. 1050000, if any."""
    significant_public_interest: StrictBool
    """true if it is a decision of significant public interest (SIO paragraph 5(d)); shown in the
    decisions register."""
    meeting: Text | None = None
    """The meeting it was made at, as the meeting file relative to this one; add #item-5 for
    agenda item 5, e.g. ../../meetings/performance-and-governance-board/2026-06-10.md#item-5."""
