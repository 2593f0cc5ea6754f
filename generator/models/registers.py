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

    model_config = ConfigDict(extra="forbid", frozen=True)

    draft: StrictBool = False
    publish_from: RegisterDate | None = None

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
    recipient: Required
    offered_by: Required
    description: Required
    value: Money
    status: Annotated[Literal["accepted", "declined"], BeforeValidator(_lower)]


class ExpenseEntry(RegisterRow):
    """``expenses.yml|csv``: one item of an office holder's expenses."""

    date: RegisterDate
    person: Required
    category: Required
    description: Required
    amount: Money


class SpendingEntry(RegisterRow):
    """``spending/*.csv``: one item of spending over the threshold (SIO 3(g), LGTC)."""

    date: RegisterDate
    supplier: Required
    description: Required
    category: Required
    amount: Money
    reference: Required
    body: Text | None = None
    """Who spent it: the Commissioner or the Chief Constable."""
    department: Text | None = None
    value_for_money: Text | None = None


class ContractEntry(RegisterRow):
    """``contracts.yml|csv``: one contract to which the PCC or Chief Constable is a party."""

    reference: Required
    title: Required
    supplier: Required
    value: Money
    start: RegisterDate
    end: RegisterDate | None = None
    procedure: Required

    @model_validator(mode="after")
    def _dates_in_order(self) -> ContractEntry:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"the contract ends ({self.end}) before it starts ({self.start})")
        return self


class Interest(RegisterRow):
    """One declared interest of an office holder."""

    category: Required
    description: Required


class Interests(ContentModel):
    """``interests/<person>.yml``: one office holder's register of interests."""

    person: Required
    role: Text | None = None
    """The slug of the person's role (``staff/roles/<role>.md``), for the link between them."""
    interests: list[Interest] = Field(default_factory=list)


class YamlRegister(ContentModel):
    """The top of a YAML register file: its rows under ``entries:``."""

    entries: list[Any]


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
