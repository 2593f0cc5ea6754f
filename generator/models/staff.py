"""Staff content: roles (job descriptions), pay scales and workforce figures.

Only what can be checked inside one file is checked here; cross-file rules (an unknown
grade, an unknown ``reports_to``, a loop in the reporting lines, a senior role without
a salary) belong to ``sections/staff.py``, which sees every record and can point at the
exact line.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from generator.models.base import ContentModel
from generator.models.fields import IsoDate, Money, StrictBool, Text, parse_money

Statutory = Literal[
    "police-and-crime-commissioner",
    "police-fire-and-crime-commissioner",
    "deputy-commissioner",
    "head-of-paid-service",
    "monitoring-officer",
    "chief-finance-officer",
    "data-protection-officer",
]

STATUTORY_LABELS: dict[str, str] = {
    "police-and-crime-commissioner": "Police and Crime Commissioner",
    "police-fire-and-crime-commissioner": "Police, Fire and Crime Commissioner",
    "deputy-commissioner": "Deputy Police and Crime Commissioner",
    "head-of-paid-service": "Head of Paid Service",
    "monitoring-officer": "Monitoring Officer",
    "chief-finance-officer": "Chief Finance Officer",
    "data-protection-officer": "Data Protection Officer",
}
"""Statutory roles in plain words, as shown on role pages."""

OFFICE_HOLDER_ROLES = frozenset({"police-and-crime-commissioner",
                                 "police-fire-and-crime-commissioner", "deputy-commissioner"})
"""Statutory roles of office holders: paid a salary fixed elsewhere, not counted as staff."""


def parse_decimal(value: Any) -> Decimal:
    """A plain number (1, 0.8, "2.2") as an exact ``Decimal``; booleans are refused."""
    if isinstance(value, bool):
        raise PydanticCustomError("float_type", "'{value}' is not a number", {"value": value})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            number = None
        if number is not None and number.is_finite():
            return number
    raise PydanticCustomError("float_parsing", "'{value}' is not a number", {"value": value})


def parse_count(value: Any) -> int:
    """A whole number of people; ``true`` or 2.5 are mistakes, not counts."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "'{value}' is not a whole number",
                                  {"value": value})
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise PydanticCustomError("int_parsing", "'{value}' is not a whole number", {"value": value})


def parse_ratio(value: Any) -> Decimal:
    """A pay multiple written 2.73 or "2.73:1"."""
    if isinstance(value, str) and re.fullmatch(r"\s*[\d.]+\s*:\s*1\s*", value):
        value = value.split(":")[0]
    return parse_decimal(value)


_RANGE = re.compile(r"^\s*(£?\s*[\d,]+(?:\.\d+)?)\s*(?:-|–|—|to)\s*(£?\s*[\d,]+(?:\.\d+)?)\s*$")


def parse_pay_range(value: Any) -> tuple[Decimal, Decimal]:
    """``77874-83127`` (or "£77,874 – £83,127") to (minimum, maximum)."""
    match = _RANGE.match(value) if isinstance(value, str) else None
    if match is None:
        raise PydanticCustomError("range_format",
                                  "'{value}' is not a pay range like 77874-83127",
                                  {"value": value})
    return parse_money(match.group(1)), parse_money(match.group(2))


Decimal_ = Annotated[Decimal, BeforeValidator(parse_decimal)]
Count = Annotated[int, BeforeValidator(parse_count), Field(ge=0)]
PayRange = Annotated[tuple[Decimal, Decimal], BeforeValidator(parse_pay_range)]
Ratio = Annotated[Decimal, BeforeValidator(parse_ratio), Field(gt=0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleMeta(ContentModel):
    """Front matter of ``content/staff/roles/<slug>.md``: one post and its job description."""

    title: Text = Field(min_length=1)
    """The job title, e.g. Chief of Staff; the heading of the role's page and its box in the
    organisation chart."""
    summary: Text | None = None
    """One or two sentences on what the role is for, shown under the heading and in listings."""
    grade: Text | None = None
    """The grade's code in pay-scales.yml, e.g. SM3; the pay range shown comes from it. Required
    for every role except the Commissioner and the Deputy."""
    fte: Annotated[Decimal_, Field(gt=0, le=100)]
    """Full-time equivalent of the post(s): 1 for one full-time post, 0.8 for four days a week,
    2.2 for several posts sharing this job description."""
    reports_to: Text | None = None
    """The file name (without .md) of the role this one reports to, e.g. chief-of-staff; it
    builds the organisation chart. Leave it out only for the top of the office."""
    statutory: list[Statutory] = Field(default_factory=list)
    """The statutory roles this post holds, if any, e.g. [monitoring-officer]; shown on the role's
    page. The Commissioner and the Deputy are office holders, not staff: they are left out of the
    staff figures."""
    politically_restricted: StrictBool
    """Whether the post is politically restricted (the postholder may not take part in party
    politics); shown on the role's page."""
    senior: StrictBool = False
    """true for a senior employee (SIO para 2(d)): the postholder's name and salary are then
    published."""
    postholder: Text | None = None
    """The name of the person in the post. Published only for senior roles and the office holders,
    and required for them, unless `name_withheld: true` (then leave this out) or `vacant: true`."""
    name_withheld: StrictBool = False
    """true when a senior postholder refused consent to their name being published (SIO 2(d)):
    leave `postholder` out, and the page says the name is not published. Not allowed for the
    Commissioner or the Deputy, whose names must be published."""
    salary: Money | None = None
    """The postholder's actual annual salary in pounds, e.g. 61254. Required for senior roles and
    the office holders (and published for them only); it should be within the grade's range."""
    vacant: StrictBool = False
    """true when nobody is in the post; no name or salary is then shown."""
    appointed: IsoDate | None = None
    """The date the current postholder started in the post, shown beside a published name."""
    location: Text | None = None
    """Where the post is based, e.g. Civic House, Northby."""

    @property
    def office_holder(self) -> bool:
        """The Commissioner or the Deputy: office holders, not staff."""
        return any(s in OFFICE_HOLDER_ROLES for s in self.statutory)


class PayGrade(_Strict):
    """One grade: ``{code, min, max, name?}`` or ``{code, range: "77874-83127", name?}``."""

    code: Text = Field(min_length=1)
    """The grade's code, e.g. SM3; roles name it in their `grade:` field."""
    name: Text | None = None
    """The grade's name in words, e.g. Senior Management 3."""
    min: Money | None = None
    """The lowest annual pay of the grade in pounds, e.g. 58479 (give `min` and `max`, or
    `range`)."""
    max: Money | None = None
    """The highest annual pay of the grade in pounds, e.g. 64026."""
    range: PayRange | None = None
    """Instead of `min` and `max`: both in one, written like 58479-64026."""

    @model_validator(mode="after")
    def _one_form(self) -> PayGrade:
        if self.range is not None and (self.min is not None or self.max is not None):
            raise ValueError("give the pay either as range or as min and max, not both")
        if self.range is None and (self.min is None or self.max is None):
            raise ValueError("the grade needs both min and max (or a range like 77874-83127)")
        if self.low > self.high:
            raise ValueError(f"the minimum ({self.low}) is more than the maximum ({self.high})")
        return self

    @property
    def low(self) -> Decimal:
        return self.range[0] if self.range is not None else self.min or Decimal(0)

    @property
    def high(self) -> Decimal:
        return self.range[1] if self.range is not None else self.max or Decimal(0)

    @property
    def mid(self) -> Decimal:
        return (self.low + self.high) / 2


class PayScales(ContentModel):
    """``content/staff/pay-scales.yml``."""

    effective_from: IsoDate
    """The date these pay scales took effect, e.g. 2026-04-01."""
    grades: list[PayGrade] = Field(min_length=1)
    """Every grade, one item each, e.g. `- {code: SM3, min: 58479, max: 64026, name: Senior
    Management 3}`."""


def _yes_no_keys(value: Any) -> Any:
    """YAML reads an unquoted ``yes:`` key as true; accept it as the word the editor wrote."""
    if isinstance(value, dict):
        names = {"True": "yes", "False": "no", True: "yes", False: "no"}
        return {names.get(k, k): v for k, v in value.items()}
    return value


class SexCounts(_Strict):
    female: Count
    """How many staff are women."""
    male: Count
    """How many staff are men."""
    other: Count = 0
    """How many staff describe themselves another way."""
    not_declared: Count = 0
    """How many staff did not say."""

    @property
    def total(self) -> int:
        return self.female + self.male + self.other + self.not_declared


class _DeclaredCounts(_Strict):
    yes: Count
    """How many staff said yes (write the key as "yes", in quotes, or plain yes)."""
    no: Count
    """How many staff said no."""
    not_declared: Count = 0
    """How many staff did not say."""

    @property
    def total(self) -> int:
        return self.yes + self.no + self.not_declared


DeclaredCounts = Annotated[_DeclaredCounts, BeforeValidator(_yes_no_keys)]


class Workforce(ContentModel):
    """``content/staff/workforce.yml``: the staff (not the office holders) on one date."""

    as_at: IsoDate
    """The date the figures describe, e.g. 2026-03-31."""
    headcount: Count
    """The number of staff on that date (people, not posts), not counting the Commissioner and the
    Deputy."""
    fte: Annotated[Decimal_, Field(ge=0)]
    """The staff's full-time equivalent, e.g. 10.8; it cannot be more than the headcount."""
    full_time: Count
    """How many staff work full time; with part_time it must add up to the headcount."""
    part_time: Count
    """How many staff work part time."""
    sex: SexCounts
    """Staff by sex; the counts must add up to the headcount."""
    ethnic_minority: DeclaredCounts
    """Staff from an ethnic minority: yes, no and not_declared, adding up to the headcount."""
    disabled: DeclaredCounts
    """Disabled staff: yes, no and not_declared, adding up to the headcount."""
    pay_multiple: Ratio | None = None
    """Optional: the ratio of the highest salary to the median, e.g. 1.80 or 1.80:1. The build works
    it out from the roles and warns if this figure differs."""
