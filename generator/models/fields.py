"""Field types shared by every content model, with editor-friendly parsing.

Pydantic's lax mode would accept an integer as a date (a Unix timestamp) or "yes" as a
boolean; an OPCC site must not guess, so dates, money and ranges parse strictly here.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer
from pydantic_core import PydanticCustomError

PUBLICATION_CLASSES = (
    "who-we-are",
    "what-we-spend",
    "priorities-and-performance",
    "how-we-make-decisions",
    "policies-and-procedures",
    "lists-and-registers",
    "services-we-offer",
)
PublicationClass = Literal[
    "who-we-are",
    "what-we-spend",
    "priorities-and-performance",
    "how-we-make-decisions",
    "policies-and-procedures",
    "lists-and-registers",
    "services-we-offer",
]

_DAY_FIRST = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DAY_FIRST_TIME = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def parse_date(value: Any, *, day_first: bool = True) -> date:
    """ISO dates (and, for spreadsheet exports, 31/03/2024) to ``date``."""
    if isinstance(value, datetime):
        if value.time() == datetime.min.time():
            return value.date()
        raise PydanticCustomError("date_format", "expected a date without a time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
        match = _DAY_FIRST.match(text)
        if match and day_first:
            day, month, year = (int(g) for g in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise PydanticCustomError("date_impossible",
                                          "'{value}' is not a real date", {"value": text}) from None
        if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            raise PydanticCustomError("date_impossible", "'{value}' is not a real date",
                                      {"value": text})
    raise PydanticCustomError("date_format", "'{value}' is not a date", {"value": value})


def parse_datetime(value: Any) -> datetime:
    """``2024-05-20T14:00`` (or a space instead of T) to a naive local ``datetime``; UK
    style ``20/05/2024 14:00`` too, as UK dates are accepted wherever dates are."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value
    if isinstance(value, str):
        uk = _DAY_FIRST_TIME.match(value.strip())
        if uk:
            day, month, year, hour, minute = (int(g) for g in uk.groups()[:5])
            try:
                return datetime(year, month, day, hour, minute, int(uk.group(6) or 0))
            except ValueError:
                raise PydanticCustomError("datetime_format", "'{value}' is not a date and time",
                                          {"value": value}) from None
        text = value.strip().replace(" ", "T", 1)
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            parsed = None
        if parsed is not None and "T" in text:
            return parsed
    if isinstance(value, date):
        raise PydanticCustomError("datetime_format",
                                  "'{value}' has a date but no time", {"value": str(value)})
    raise PydanticCustomError("datetime_format", "'{value}' is not a date and time",
                              {"value": value})


def parse_money(value: Any) -> Decimal:
    """77874, 77874.50, "£77,874.50" to ``Decimal`` (exact sums, no float drift)."""
    if isinstance(value, bool):
        raise PydanticCustomError("money_format", "'{value}' is not an amount of money",
                                  {"value": value})
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        text = value.strip().replace("£", "").replace(",", "").replace(" ", "")
        negative = text.startswith("(") and text.endswith(")")
        text = text.strip("()")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is not None and amount.is_finite():
            return -amount if negative else amount
    raise PydanticCustomError("money_format", "'{value}' is not an amount of money",
                              {"value": value})


def parse_strict_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise PydanticCustomError("bool_format", "'{value}' is not true or false", {"value": value})


def parse_text(value: Any) -> str:
    """Text fields accept numbers (a reference like 2024) but not lists or mappings."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise PydanticCustomError("text_format", "expected text, got {kind}",
                              {"kind": type(value).__name__})


IsoDate = Annotated[date, BeforeValidator(parse_date)]
IsoDateTime = Annotated[datetime, BeforeValidator(parse_datetime)]
Money = Annotated[Decimal, BeforeValidator(parse_money),
                  PlainSerializer(lambda d: float(d) if d % 1 else int(d), return_type=Any)]
StrictBool = Annotated[bool, BeforeValidator(parse_strict_bool)]
Text = Annotated[str, BeforeValidator(parse_text)]
