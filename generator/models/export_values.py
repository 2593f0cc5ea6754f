"""Dates and amounts as finance systems and spreadsheets export them.

Registers are exported from finance systems, not typed: the same date arrives as
``01/10/2026``, ``2026-10-01 00:00:00`` (Excel's date-time), ``01-OCT-2026`` (Oracle's
``DD-MON-YYYY``) or ``1 October 2026``, and the same amount as ``"1,299.92"``,
``-£109.00``, ``(250.00)`` or ``1428.6399999999999`` (a float written out in full).
Each form is read exactly; anything else is an error, never a guess. Amounts are
rounded to whole pennies (half up), so totals add up to the penny.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from pydantic_core import PydanticCustomError

PENNY = Decimal("0.01")

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME + "$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})" + _TIME + "$")
_NAMED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4}|\d{2})"
                    + _TIME + "$")
_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
    ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
    ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
_AMOUNT = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)$")
_DASHES = {"-", "\u2013", "\u2014", "\u2212"}


def parse_export_date(text: str, *, day_first: bool = True) -> date:
    """A date in any form listed in the module docstring; a time of day is dropped
    (an export's ``00:00:00`` is the spreadsheet's way of writing a date)."""
    text = text.strip()
    # 01/10/2026 first, the form of most exports: fromisoformat cannot read it (an ISO
    # date starts with its four-digit year), and failing costs an exception a row.
    if match := _NUMERIC.match(text):
        first, _sep, second, year = match.groups()
        day, month = (first, second) if day_first else (second, first)
        return _real_date(int(year), int(month), int(day), text)
    try:
        return date.fromisoformat(text)  # 2026-10-01, and the other ISO 8601 forms
    except ValueError:
        pass
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return _real_date(int(year), int(month), int(day), text)
    if match := _NAMED.match(text):
        day, name, year = match.groups()
        month_number = _MONTHS.get(name.lower())
        if month_number is not None:
            full_year = int(year) + (2000 if len(year) == 2 else 0)
            return _real_date(full_year, month_number, int(day), text)
    raise PydanticCustomError("date_format", "'{value}' is not a date", {"value": text})


def _real_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise PydanticCustomError("date_impossible", "'{value}' is not a real date",
                                  {"value": text}) from None


def parse_pennies(value: Any) -> Decimal:
    """An amount of money in pounds, rounded to the penny.

    Reads ``1234.5``, ``"1,299.92"``, ``£1,299.92``, ``-£109.00``, ``£-109.00``,
    ``(250.00)`` and ``250.00-`` (negative), a lone dash (an accounting zero), and
    spaces anywhere (``1,035.84 ``)."""
    if isinstance(value, bool):
        raise PydanticCustomError("money_format", "'{value}' is not an amount of money",
                                  {"value": value})
    amount: Decimal | None = None
    if isinstance(value, int | Decimal):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(str(value))
    elif isinstance(value, str):
        amount = _parse_amount_text(value)
    if amount is None or not amount.is_finite():
        raise PydanticCustomError("money_format", "'{value}' is not an amount of money",
                                  {"value": value})
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def _parse_amount_text(value: str) -> Decimal | None:
    text = value.replace("£", "").replace(",", "").replace(" ", "").replace("\u00a0", "")
    if text in _DASHES:
        return Decimal(0)
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    elif text.endswith("-") and len(text) > 1:
        negative, text = True, text[:-1]
    if text[:1] in _DASHES and text[1:2] not in _DASHES:
        negative, text = not negative, text[1:]
    if not _AMOUNT.match(text):
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        return None
    return -amount if negative else amount
