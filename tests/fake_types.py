"""Stand-in content types shaped like DESIGN.md's roles, meetings and registers.

The real models arrive from other branches; these exercise what ``transparency new``
and the field reference must handle meanwhile: nested fields, lists of fields, fixed
words, money, date-times, a register file model (``entries: list[Row]``), and registers
whose model is only the loader's result while a loader factory validates the rows
(the row model found from the factory, or named with ``row_model=``).
``install(monkeypatch)`` makes them, plus the catch-all page type, the whole
``CONTENT_TYPES`` table for one test. Their names start with "fake-" so that no real
section (which finds its records by type name) ever receives them.
"""

from __future__ import annotations

from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, model_validator

from generator.errors import Problem
from generator.load import content_types
from generator.load.config import SiteConfig
from generator.load.content_types import ContentType
from generator.load.sources import ParsedSource
from generator.load.validation import validate
from generator.models.base import ContentModel
from generator.models.fields import IsoDate, IsoDateTime, Money, StrictBool, Text


class FakeRole(ContentModel):
    title: Text = Field(min_length=1)
    """The job title."""
    grade: Text = Field(min_length=1)
    """Grade code from content/staff/pay-scales.yml."""
    fte: float = 1.0
    """Full-time equivalent, e.g. 0.6."""
    statutory: list[Literal["monitoring-officer", "chief-finance-officer"]] = Field(
        default_factory=list)
    """Statutory roles this post holds."""
    senior: StrictBool = False
    """Whether this is a senior role."""
    salary: Money | None = None
    """Actual salary, for senior roles."""


class FakeItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: Text = Field(min_length=1)
    """The item's title."""
    papers: list[Text] = Field(default_factory=list)
    """Paths of the papers."""
    exempt: Text | None = None
    """Why the item is exempt."""


class FakeAttendance(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    present: list[Text] = Field(default_factory=list)
    """Who attended."""


class FakeMeeting(ContentModel):
    title: Text | None = None
    """The meeting's title."""
    date: IsoDateTime
    """When the meeting starts."""
    status: Literal["scheduled", "held", "cancelled"] = "scheduled"
    """Whether it has happened."""
    attendance: FakeAttendance = FakeAttendance()
    """Who came."""
    agenda: list[FakeItem] = Field(default_factory=list)
    """The items of business."""


class FakeBody(ContentModel):
    title: Text = Field(min_length=1)
    """The body's name."""


class FakeGift(ContentModel):
    date: IsoDate
    """When it was offered."""
    recipient: Text = Field(min_length=1)
    """Who was offered it."""
    value: Money
    """Its value in pounds."""
    status: Literal["accepted", "declined"]
    """What happened to it."""


class FakeGiftsRegister(ContentModel):
    entries: list[FakeGift]
    """One entry per gift or hospitality offered."""


class FakeExpense(ContentModel):
    date: IsoDate
    """When it was spent."""
    person: Text = Field(min_length=1)
    """Who claimed it."""
    amount: Money
    """How much, in pounds."""


class FakeInterest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    category: Text = Field(min_length=1)
    """The kind of interest."""
    description: Text = Field(min_length=1)
    """What it is."""


class FakeInterests(ContentModel):
    person: Text = Field(min_length=1)
    """Whose interests these are."""
    interests: list[FakeInterest] = Field(min_length=1)
    """Each interest."""


class FakeContract(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reference: Text = Field(min_length=1)
    """The contract's reference."""
    title: Text = Field(min_length=1)
    """What the contract is for."""
    stage: Literal["awarded", "tender"] = "awarded"
    """"tender" for an open invitation to tender."""
    supplier: Text | None = None
    """Required once awarded."""
    value: Money
    """Whole-term value in pounds."""
    draft: StrictBool = False
    """Hold this entry back."""

    @model_validator(mode="after")
    def _supplier_when_awarded(self) -> FakeContract:
        if self.stage == "awarded" and not self.supplier:
            raise ValueError("an awarded contract needs its supplier")
        return self


class FakeRegisterData(ContentModel):
    """What the register loaders return, like the real RegisterData: not what editors write."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    rows: tuple[Any, ...] = ()
    """The validated rows."""


def fake_register_loader(model: type[BaseModel]) -> Any:
    """A loader factory like the real ``register_loader(GiftEntry)``: rows from YAML
    ``entries:`` or from CSV, each validated with ``model`` and its own line."""

    def load(source: ParsedSource, config: SiteConfig) -> tuple[Any | None, list[Problem]]:
        display = source.file.display
        problems: list[Problem] = []
        rows = []
        if source.csv_rows is not None:
            for line, row in source.csv_rows:
                item, found = validate(model, row, path=display, lines={}, default_line=line)
                problems += found
                rows.append(item)
            return FakeRegisterData(rows=tuple(rows)), problems
        data = source.data if isinstance(source.data, dict) else {}
        for index, entry in enumerate(data.get("entries") or []):
            item, found = validate(model, entry, path=display, lines=source.lines,
                                   root=("entries", index))
            problems += found
            rows.append(item)
        extra = set(data) - {"entries"}
        problems += [Problem(display, f'"{key}" is not a field here') for key in sorted(extra)]
        return FakeRegisterData(rows=tuple(rows)), problems

    return load


FAKE_TYPES = [
    ContentType("fake-role", r"staff/roles/[^/]+\.md", FakeRole, description="A role."),
    ContentType("fake-meeting-body", r"meetings/[^/]+/index\.md", FakeBody, description="A body."),
    ContentType("fake-meeting", r"meetings/[^/]+/\d{4}-\d{2}-\d{2}[^/]*\.md", FakeMeeting,
                description="A meeting."),
    ContentType("fake-interests", r"registers/interests/[^/]+\.yml", FakeInterests,
                description="Interests."),
    ContentType("fake-gifts-and-hospitality", r"registers/gifts-and-hospitality\.yml",
                FakeGiftsRegister, description="Gifts."),
    ContentType("fake-expenses", r"registers/expenses\.(yml|csv)", FakeRegisterData,
                fake_register_loader(FakeExpense), description="Expenses."),
    ContentType("fake-contracts", r"registers/contracts\.(yml|csv)", FakeRegisterData,
                fake_register_loader(FakeContract), description="Contracts.",
                row_model=FakeContract),
]
"""No decision type: that scaffold must report "not available yet"."""


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the stand-ins and the catch-all page, whatever the real table holds."""
    page = content_types.type_named("page")
    assert page is not None
    monkeypatch.setattr(content_types, "CONTENT_TYPES", [*FAKE_TYPES, page])
