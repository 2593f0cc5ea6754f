"""Row models of the registers (DESIGN "Registers"), one per register.

A register is a list of rows, written in YAML (under ``entries:``) or exported as CSV.
Every row accepts ``draft`` and ``publish_from`` so a single entry can be held back;
the register sections drop those rows before anything is counted or published.

Dates accept ISO and, because finance exports write them so, ``31/03/2024``; whether
a slashed date is day-first is a site setting passed in the validation context.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from generator.models.base import ContentModel
from generator.models.fields import Money, StrictBool, Text, parse_date

_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_register_date(value: Any, info: ValidationInfo) -> date:
    """ISO, or dd/mm/yyyy (mm/dd/yyyy when the context says ``day_first: False``)."""
    day_first = bool((info.context or {}).get("day_first", True))
    if isinstance(value, str) and not day_first:
        match = _SLASHED.match(value.strip())
        if match:
            month, day, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise PydanticCustomError("date_impossible", "'{value}' is not a real date",
                                          {"value": value.strip()}) from None
    return parse_date(value, day_first=day_first)


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


RegisterDate = Annotated[date, BeforeValidator(parse_register_date)]
Required = Annotated[Text, Field(min_length=1)]


class RegisterRow(BaseModel):
    """One row of a register. Unknown fields are errors, as everywhere."""

    def __repr__(self) -> str:
        """Cheap identity-based repr (see ContentModel.__repr__): rows are frozen and
        belong to a record that loading reuses while its file is unchanged."""
        return f"{type(self).__name__}@{id(self):#x}"

    model_config = ConfigDict(extra="forbid", frozen=True)

    draft: StrictBool = False
    """true keeps this entry off the site (its table, downloads and totals) while the rest of the
    register is published."""
    publish_from: RegisterDate | None = None
    """Keep this entry off the site until this date; the rest of the register is published."""

    def is_published(self, today: date) -> bool:
        if self.draft:
            return False
        return self.publish_from is None or self.publish_from <= today

    @field_validator("*", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value


class GiftEntry(RegisterRow):
    """``gifts-and-hospitality.yml|csv``: an offer of a gift or hospitality."""

    date: RegisterDate
    """The date it was offered, e.g. 2026-10-08 (31/03/2026 is read day first)."""
    recipient: Required
    """Who it was offered to: a name, or a job title for staff, e.g. Rebecca Ashworth or Chief
    Finance Officer."""
    offered_by: Required
    """Who offered it, e.g. Northby Chamber of Commerce."""
    description: Required
    """What was offered, and why, e.g. Dinner at the Chamber's annual business awards."""
    value: Money
    """Its value (or an estimate) in pounds, e.g. 65 or 25.50."""
    status: Annotated[Literal["accepted", "declined"], BeforeValidator(_lower)]
    """accepted or declined: record both."""


class ExpenseEntry(RegisterRow):
    """``expenses.yml|csv``: one item of an office holder's expenses."""

    date: RegisterDate
    """The date the cost was incurred, e.g. 2026-10-08 (31/03/2026 is read day first)."""
    person: Required
    """Whose expense it is, e.g. Rebecca Ashworth."""
    category: Required
    """The kind of expense, e.g. Mileage, Parking, Rail travel; the page totals each."""
    description: Required
    """What it was for, e.g. Standard class return Northby to London - APCC general meeting."""
    amount: Money
    """The amount in pounds, e.g. 142.60."""


class SpendingEntry(RegisterRow):
    """``spending/*.csv``: one item of spending over the threshold (SIO 3(g), LGTC)."""

    date: RegisterDate
    """The transaction date, e.g. 01/10/2026 in a finance export (read day first unless site.yml
    says otherwise)."""
    supplier: Required
    """Who was paid, e.g. Fenmoor Water Ltd."""
    description: Required
    """What the money was for."""
    category: Required
    """The type of spending, e.g. Utilities."""
    amount: Money
    """The amount in pounds, e.g. 946.16 or £16,257.89."""
    reference: Required
    """The transaction number, different for every row, e.g. NP-2610-0001."""
    body: Text | None = None
    """Who spent it: the Commissioner or the Chief Constable."""
    department: Text | None = None
    """The service area that spent it, e.g. Estates."""
    value_for_money: Text | None = None
    """Why the spending gives value for money, e.g. Competitive tender."""


class ContractEntry(RegisterRow):
    """``contracts.yml|csv``: one contract to which the PCC or Chief Constable is a party."""

    reference: Required
    """The contract's (or tender's) reference, different for every row, e.g. NP-C-2025-011."""
    title: Required
    """What the contract is for, e.g. Internal audit services."""
    stage: Literal["awarded", "tender"] = "awarded"
    """"tender" for an invitation to tender still open (SIO 4(c)); "awarded" otherwise."""
    supplier: Text | None = None
    """Who the contract is with, e.g. Harcourt Wilde Audit LLP: required for an awarded
    contract, left out for an invitation to tender."""
    value: Money
    """The contract's value, or for a tender its estimated value."""
    start: RegisterDate
    """The date the contract starts (for a tender: when it is expected to start)."""
    end: RegisterDate | None = None
    """The date the contract ends, if known; it cannot be before the start."""
    procedure: Required
    """How it was or is being let, e.g. Open tender, Call-off from framework, Quotation, Direct
    award."""
    closes: RegisterDate | None = None
    """For a tender: the closing date for bids."""
    document: Text | None = None
    """Web address (https://…) of the published copy of the contract or invitation to tender
    (SIO 4(b) asks for a copy of every contract over £10,000)."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> ContractEntry:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the contract ends ({self.end}) before it starts ({self.start})")
        if self.stage == "awarded" and not self.supplier:
            raise ValueError("an awarded contract needs its supplier (write stage: tender for "
                             "an invitation to tender)")
        if self.document is not None and not re.match(r"^https://[^\s]+$", self.document):
            raise ValueError(f"'{self.document}' is not a web address starting https://")
        return self


class Interest(RegisterRow):
    """One declared interest of an office holder."""

    category: Required
    """The kind of interest, e.g. Directorships, Land and property, Memberships."""
    description: Required
    """The interest itself; write None for a category with nothing to declare, so readers can see it
    was considered."""


class Interests(ContentModel):
    """``interests/<person>.yml``: one office holder's register of interests."""

    person: Required
    """The office holder's full name, e.g. Rebecca Ashworth."""
    role: Text | None = None
    """The slug of the person's role (``staff/roles/<role>.md``), for the link between them."""
    interests: list[Interest] = Field(default_factory=list)
    """One item per interest: `- {category: …, description: …}`."""


class YamlRegister(ContentModel):
    """The top of a YAML register file: its rows under ``entries:``."""

    entries: list[Any]
    """The register's rows, one item each."""


class Located(NamedTuple):
    """A validated row and where it was written."""

    line: int
    row: RegisterRow
    position: int | None = None
    """Position under ``entries:`` for YAML; None for a CSV row."""


class RegisterData(ContentModel):
    """What a register loader returns for one file: its rows, in file order."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    rows: tuple[Located, ...] = ()
    headers: dict[str, str] = Field(default_factory=dict)
    """Field → column name as written in a CSV file (to name columns in errors)."""

    def column(self, field: str, located: Located) -> str:
        """How an editor finds this field of this row: the CSV column or entries[3].x."""
        if located.position is None:
            return self.headers.get(field, field)
        return f"entries[{located.position + 1}].{field}"

    def published(self, today: date) -> list[Located]:
        return [item for item in self.rows if item.row.is_published(today)]


ROW_MODELS: dict[str, type[RegisterRow]] = {
    "gifts_hospitality": GiftEntry,
    "expenses": ExpenseEntry,
    "spending": SpendingEntry,
    "contracts": ContractEntry,
}

SPENDING_FIELDS = tuple(SpendingEntry.model_fields)
REGISTER_FIELDS = tuple(sorted({name for model in ROW_MODELS.values()
                                for name in model.model_fields}))
