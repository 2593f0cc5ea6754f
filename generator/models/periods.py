"""Periods a publication covers: a month, a calendar quarter or a financial year.

Plain date arithmetic shared by the content models (``nil_returns: [2026-Q3]`` is
validated here) and the duty law (``law/freshness.py`` judges deadlines by period).
No site, no files, no "today".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

PeriodUnit = Literal["month", "quarter", "year"]
PERIOD_MONTHS: dict[str, int] = {"month": 1, "quarter": 3, "year": 12}
_FY_START = re.compile(r"^(\d{2})-(\d{2})$")


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def parse_fy_start(text: str) -> tuple[int, int]:
    """``"04-01"`` → (4, 1). Raise ValueError for anything that is not a real MM-DD."""
    match = _FY_START.match(text)
    if match:
        month, day = int(match.group(1)), int(match.group(2))
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2001, month)[1]:
            return month, day
    raise ValueError(f"'{text}' is not a month and day like 04-01")


def financial_year_start(today: date, fy_start: str) -> date:
    """The first day of the financial year that contains ``today``."""
    month, day = parse_fy_start(fy_start)
    start = date(today.year, month, day)
    return start if start <= today else date(today.year - 1, month, day)


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Period:
    """A stretch of the calendar a publication covers: a month, a quarter or a year.

    Quarters are calendar quarters (2026-Q3 is July to September), which end on the same
    days as the quarters of a year starting in April, January, July or October. Years are
    financial years, starting on site.yml ``financial_year_start``."""

    start: date
    end: date
    unit: PeriodUnit

    @property
    def label(self) -> str:
        if self.unit == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.unit == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{(self.start.year + 1) % 100:02d}"

    def following(self, fy_start: str = "04-01") -> Period:
        return period_of(self.end + timedelta(days=1), self.unit, fy_start)


def period_of(day: date, unit: PeriodUnit, fy_start: str = "04-01") -> Period:
    """The month, calendar quarter or financial year that contains ``day``."""
    if unit == "month":
        first = day.replace(day=1)
    elif unit == "quarter":
        first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    else:
        first = financial_year_start(day, fy_start)
    return Period(first, add_months(first, PERIOD_MONTHS[unit]) - timedelta(days=1), unit)


def parse_period(text: str, fy_start: str = "04-01") -> Period:
    """``2026-11`` (a month), ``2026-Q3`` (a quarter) or ``2026-27`` (a financial year).

    Raise ValueError with a plain message for anything else."""
    text = str(text).strip()
    quarter = _QUARTER.match(text)
    if quarter:
        return period_of(date(int(quarter.group(1)), int(quarter.group(2)) * 3 - 2, 1), "quarter")
    match = _MONTH.match(text)
    if match:
        year, second = int(match.group(1)), int(match.group(2))
        if 1 <= second <= 12:
            return period_of(date(year, second, 1), "month")
        if second == (year + 1) % 100:
            month, day = parse_fy_start(fy_start)
            return period_of(date(year, month, day), "year", fy_start)
    raise ValueError(f"'{text}' is not a period: write a month (2026-11), a quarter "
                     "(2026-Q3) or a financial year (2026-27)")


