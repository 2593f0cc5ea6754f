"""Pure Jinja filters: dates, money, numbers, sizes, linked contacts. No site state here."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from generator.render.contacts import contact_links


@lru_cache(maxsize=8192)  # a large site shows the same few thousand dates many times
def format_date(value: date | datetime | None, style: str = "long") -> str:
    """23 November 2026 (GOV.UK style, no leading zero); "short" gives 23 Nov 2026,
    "full" gives Monday 23 November 2026 (meeting dates)."""
    if value is None:
        return ""
    month = "%b" if style == "short" else "%B"
    text = f"{value.day} {value.strftime(month)} {value.year}"
    return f"{value.strftime('%A')} {text}" if style == "full" else text


def format_time(value: datetime | None) -> str:
    """2pm, 10:30am (the style UK committee systems use)."""
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def format_money(value: Any, pence: bool | None = None) -> str:
    """£77,874 or £1,234.50: pence shown only when the amount has them (or forced)."""
    if value is None or value == "":
        return ""
    amount = value if type(value) is Decimal else Decimal(str(value))
    negative = amount < 0
    amount = abs(amount)
    show_pence = pence if pence is not None else amount % 1 != 0
    if show_pence:
        text = f"£{amount.quantize(_PENNY, rounding=ROUND_HALF_UP):,.2f}"
    else:
        text = f"£{amount.quantize(_POUND, rounding=ROUND_HALF_UP):,.0f}"
    return f"−{text}" if negative else text


_PENNY = Decimal("0.01")
_POUND = Decimal(1)


def format_number(value: Any, places: int = 0) -> str:
    if value is None:
        return ""
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{number:,.{places}f}"


def file_size(size: int) -> str:
    """1 KB, 240 KB, 1.3 MB: rounded up so a tiny file never reads "0 KB"."""
    if size < 1024 * 1024:
        return f"{max(1, -(-size // 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def iso(value: date | datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def period_name(label: str) -> str:
    """"November 2026", "July to September 2026", "the financial year 2026 to 2027"."""
    from generator.models.periods import parse_period

    period = parse_period(label)
    if period.unit == "month":
        return f"{period.start.strftime('%B')} {period.start.year}"
    if period.unit == "quarter":
        return f"{period.start.strftime('%B')} to {period.end.strftime('%B')} {period.end.year}"
    return f"the financial year {period.start.year} to {period.end.year}"


FILTERS = {
    "period": period_name,
    "date": format_date,
    "time": format_time,
    "money": format_money,
    "number": format_number,
    "iso": iso,
    "size": file_size,
    "contact_links": contact_links,
}
