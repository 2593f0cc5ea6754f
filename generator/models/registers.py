"""Row models of the registers (DESIGN "Registers"), one per register.

A register is a list of rows, written in YAML (under ``entries:``) or exported as CSV.
Every row accepts ``draft`` and ``publish_from`` so a single entry can be held back;
the register sections drop those rows before anything is counted or published.

Dates and amounts accept every form finance exports write (``export_values.py``);
whether a slashed date is day-first is a site setting passed in the validation context.
Money in a register is rounded to the penny.

Fields that the law asks for cite it: SIO is the Elected Local Policing Bodies
(Specified Information) Order 2011; LGTC is the Local Government Transparency Code 2015.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, NamedTuple

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from generator.models.base import ContentModel
from generator.models.export_values import parse_export_date, parse_pennies
from generator.models.fields import StrictBool, Text, parse_date


def parse_register_date(value: Any, info: ValidationInfo) -> date:
    """ISO, dd/mm/yyyy (mm/dd/yyyy when the context says ``day_first: False``), and the
    other forms finance exports write (``export_values.parse_export_date``)."""
    if isinstance(value, str):
        return parse_export_date(value, day_first=bool((info.context or {}).get("day_first",
                                                                              True)))
    return parse_date(value)


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


RegisterDate = Annotated[date, BeforeValidator(parse_register_date)]
Pennies = Annotated[Decimal, BeforeValidator(parse_pennies)]
"""Money in pounds, rounded to the penny: 946.16, £16,257.89, (250.00), -£109.00."""
Required = Annotated[Text, Field(min_length=1)]


class RegisterRow(BaseModel):
    """One row of a register. Unknown fields are errors, as everywhere."""

    def __repr__(self) -> str:
        """Cheap identity-based repr (see ContentModel.__repr__): rows are frozen and
        belong to a record that loading reuses while its file is unchanged."""
        return f"{type(self).__name__}@{id(self):#x}"

    # Attribute docstrings become field descriptions: the data package's Table Schema and
    # the register pages' column definitions say what each column holds in these words.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    WARN_IF_EMPTY: ClassVar[tuple[str, ...]] = ()
    """Fields a CSV row should fill: an empty cell is a warning listing the rows, never a
    reason to refuse the file (a finance export is published as it is)."""
    WARN_IF_ABSENT: ClassVar[dict[str, str]] = {}
    """Field → why it is asked for: a file without any value in it is a warning."""
    GENERATED_REFERENCE: ClassVar[bool] = False
    """A CSV row without a ``reference`` gets one made from its file and line."""

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
    value: Pennies
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
    amount: Pennies
    """The amount in pounds, e.g. 142.60."""
    payee: Text | None = None
    """Who was paid, when not the office holder (a hotel, a rail operator), e.g. Northern
    Trains Ltd (SIO 3(h): expenses are spending, published with the recipient)."""
    value_for_money: Text | None = None
    """Why the cost gives value for money, e.g. Cheapest fare available (SIO 3(g)-(h))."""


class SpendingEntry(RegisterRow):
    """``spending/*.csv``: one item of spending over the threshold (SIO 3(g); LGTC 2015
    part 2, "Expenditure exceeding £500")."""

    WARN_IF_EMPTY = ("description", "category", "department", "reference")
    WARN_IF_ABSENT = {"value_for_money": "SIO paragraph 3(g) asks for the reason each item "
                                         "of spending gives value for money"}
    GENERATED_REFERENCE = True

    date: RegisterDate
    """The transaction date, e.g. 01/10/2026 in a finance export (read day first unless site.yml
    says otherwise); 2026-10-01 00:00:00 and 01-OCT-2026 are read too."""
    supplier: Required
    """Who was paid, e.g. Fenmoor Water Ltd, exactly as the export gives it: "Redacted" or
    "Personal data withheld" for a private individual is published as written."""
    description: Text | None = None
    """What the money was for (LGTC: summary of the purpose of the expenditure); an empty cell
    is a warning."""
    category: Text | None = None
    """The type of spending, e.g. Utilities (LGTC: expenditure category); an empty cell is a
    warning."""
    amount: Pennies
    """The amount in pounds, e.g. 946.16, £16,257.89, (250.00) or -£109.00 for a credit;
    rounded to the penny."""
    reference: Text | None = None
    """The transaction number, e.g. NP-2610-0001. Lines of one invoice may share it; a row
    without one is given <file>-<line> (e.g. 2026-10-14) and a warning lists them."""
    body: Text | None = None
    """Who spent it: the Commissioner or the Chief Constable."""
    department: Text | None = None
    """The service area that spent it, e.g. Estates (SIO 3(g))."""
    value_for_money: Text | None = None
    """Why the spending gives value for money, e.g. Competitive tender (SIO 3(g)); a file with
    none is a warning."""
    irrecoverable_vat: Pennies | None = None
    """VAT that cannot be recovered, in pounds (LGTC 2015 part 2)."""
    merchant_category: Text | None = None
    """The merchant or expense category, e.g. Travel agencies (LGTC 2015 part 2)."""


class CardEntry(RegisterRow):
    """``procurement-card/*.csv``: one procurement (purchase) card transaction (LGTC 2015
    part 2, "Government Procurement Card transactions": every transaction, whatever its
    value, with its date, department, beneficiary, amount, irrecoverable VAT, purpose and
    merchant category)."""

    WARN_IF_EMPTY = ("department", "purpose", "merchant_category")
    GENERATED_REFERENCE = True

    date: RegisterDate
    """The transaction date, e.g. 14/10/2026."""
    beneficiary: Required
    """Who was paid (the merchant), e.g. Northby Rail Ltd, as the card statement gives it."""
    amount: Pennies
    """The amount in pounds, e.g. 42.50; a refund is negative, e.g. (12.00)."""
    department: Text | None = None
    """The service area whose card it is, e.g. Office of the PCC."""
    purpose: Text | None = None
    """What was bought and why, e.g. Rail ticket for a witness."""
    merchant_category: Text | None = None
    """The card scheme's merchant category, e.g. Railways."""
    irrecoverable_vat: Pennies | None = None
    """VAT that cannot be recovered, in pounds."""
    reference: Text | None = None
    """The card statement's transaction number; a row without one is given <file>-<line>."""
    body: Text | None = None
    """Who spent it: the Commissioner or the Chief Constable."""


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
    value: Pennies
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
    (SIO 4(b) asks for a copy of every contract over £10,000: one without it is a warning)."""
    department: Text | None = None
    """The service area that let the contract, e.g. Estates (LGTC 2015 part 2, "Procurement
    information")."""
    description: Text | None = None
    """What the goods, services or works are, in a sentence (LGTC 2015 part 2, "Procurement
    information")."""
    irrecoverable_vat: Pennies | None = None
    """VAT that cannot be recovered on the contract's value, in pounds (LGTC 2015 part 2,
    "Procurement information")."""
    review_date: RegisterDate | None = None
    """When the contract is next reviewed, e.g. a break clause (LGTC 2015 part 2, "Procurement
    information")."""
    sme_or_voluntary: StrictBool | None = None
    """true when the supplier is a small or medium-sized enterprise or a voluntary or community
    sector organisation (LGTC 2015 part 2, "Procurement information")."""

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
    extra: tuple[str, ...] = ()
    """The row's cells in the export's own columns that map to no field (published under
    their own headings, ``RegisterData.extra_headers``)."""


class RegisterData(ContentModel):
    """What a register loader returns for one file: its rows, in file order."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    rows: tuple[Located, ...] = ()
    headers: dict[str, str] = Field(default_factory=dict)
    """Field → column name as written in a CSV file (to name columns in errors)."""
    extra_headers: tuple[str, ...] = ()
    """Headings of the export's columns that map to no field and are kept (in order)."""

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
    "procurement_card": CardEntry,
    "contracts": ContractEntry,
}

SPENDING_FIELDS = tuple(SpendingEntry.model_fields)
CARD_FIELDS = tuple(CardEntry.model_fields)
REGISTER_FIELDS = tuple(sorted({name for model in ROW_MODELS.values()
                                for name in model.model_fields}))
