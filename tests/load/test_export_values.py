"""Property tests: every date and amount form an export may use reads back exactly.

A random amount of pennies written in each supported form (thousands separators, a £
sign before or after the minus, brackets, a trailing minus, spaces, float noise) must
read as the same pennies; a random day written in each date form as the same day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from generator.models.export_values import parse_export_date, parse_pennies

PENNIES = st.integers(min_value=-10**11, max_value=10**11).map(lambda p: Decimal(p) / 100)
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31))
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _pounds(amount: Decimal, thousands: bool = False) -> str:
    text = f"{abs(amount):,.2f}" if thousands else f"{abs(amount):.2f}"
    return text


AMOUNT_FORMS: dict[str, Callable[[Decimal], str]] = {
    "plain": lambda a: f"{a:.2f}",
    "thousands": lambda a: ("-" if a < 0 else "") + _pounds(a, True),
    "pound sign": lambda a: ("-" if a < 0 else "") + "£" + _pounds(a, True),
    "pound before minus": lambda a: "£" + ("-" if a < 0 else "") + _pounds(a, True),
    "brackets for credits": lambda a: f"({_pounds(a, True)})" if a < 0 else _pounds(a, True),
    "trailing minus": lambda a: _pounds(a) + ("-" if a < 0 else ""),
    "spaces around": lambda a: f"  {a:,.2f} ",
    "float noise": lambda a: f"{float(a):.17g}",  # 1428.64 as 1428.6399999999999
    "no pennies when whole": lambda a: f"{a:.2f}".removesuffix(".00"),
}
DATE_FORMS: dict[str, Callable[[date], str]] = {
    "ISO": lambda d: d.isoformat(),
    "day first": lambda d: d.strftime("%d/%m/%Y"),
    "day first, no zeros": lambda d: f"{d.day}/{d.month}/{d.year}",
    "Excel date-time": lambda d: f"{d.isoformat()} 00:00:00",
    "day first date-time": lambda d: d.strftime("%d/%m/%Y 00:00"),
    "Oracle DD-MON-YYYY": lambda d: d.strftime("%d-") + MONTHS[d.month - 1][:3].upper()
    + f"-{d.year}",
    "written out": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
    "dotted": lambda d: d.strftime("%d.%m.%Y"),
}


@settings(max_examples=200, deadline=None)
@given(amount=PENNIES)
def test_every_amount_form_reads_back_to_the_same_pennies(amount: Decimal) -> None:
    for name, write in AMOUNT_FORMS.items():
        text = write(amount)
        assert parse_pennies(text) == amount, (name, text)


@settings(max_examples=200, deadline=None)
@given(day=DAYS)
def test_every_date_form_reads_back_to_the_same_day(day: date) -> None:
    for name, write in DATE_FORMS.items():
        text = write(day)
        assert parse_export_date(text) == day, (name, text)


@settings(max_examples=100, deadline=None)
@given(day=DAYS)
def test_month_first_dates_when_asked(day: date) -> None:
    assert parse_export_date(day.strftime("%m/%d/%Y"), day_first=False) == day


@pytest.mark.parametrize("text", ["-", " - ", "–", "£ -"])
def test_an_accounting_dash_is_zero(text: str) -> None:
    assert parse_pennies(text) == Decimal("0.00")


@pytest.mark.parametrize("text", ["1428.6399999999999", "1428.635", "1428.644"])
def test_money_is_rounded_half_up_to_the_penny(text: str) -> None:
    assert parse_pennies(text) == Decimal("1428.64")


@pytest.mark.parametrize("text", ["six hundred", "1e5", "NaN", "12..5", "£", "--5", "(5"])
def test_anything_else_is_not_an_amount(text: str) -> None:
    with pytest.raises(PydanticCustomError):
        parse_pennies(text)


@pytest.mark.parametrize("text", ["31/02/2026", "2026-02-30 00:00:00", "30-FEB-2026"])
def test_impossible_dates_are_named_as_such(text: str) -> None:
    with pytest.raises(PydanticCustomError, match="not a real date"):
        parse_export_date(text)


@pytest.mark.parametrize("text", ["soon", "01-SMARCH-2026", "2026/13", "1/1/26"])
def test_anything_else_is_not_a_date(text: str) -> None:
    with pytest.raises(PydanticCustomError, match="is not a date"):
        parse_export_date(text)
