"""Freshness rules: when does a duty's evidence go out of date?

A rule is written in the catalogue as a short string (see the header of catalogue.yml for
the exact meaning of each, which this module implements):

- ``P1M``, ``P3M``, ``P1Y``, ``P4Y``… an ISO 8601 duration: the newest evidence may be at
  most this old;
- ``before:FY_START``: online before the financial year it covers begins;
- ``within:P56D``: a deadline counted from each listed event (e.g. an HMICFRS report);
- ``asap_after:<event>``, ``on_change``, ``latest_edition``: met when evidence exists.

Everything here is pure date arithmetic: no site, no files, no "today" from the clock.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

_DURATION = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")
_FY_START = re.compile(r"^(\d{2})-(\d{2})$")

RuleKind = Literal["duration", "financial_year", "within", "asap_after", "on_change",
                   "latest_edition"]

FY_WINDOW_MONTHS = 3
"""Evidence counts for a financial year from this many months before the year begins."""


@dataclass(frozen=True)
class Duration:
    years: int = 0
    months: int = 0
    days: int = 0

    def after(self, start: date) -> date:
        """``start`` plus this duration; month ends clamp (31 Jan + P1M = 28/29 Feb)."""
        return add_months(start, self.years * 12 + self.months) + timedelta(days=self.days)


@dataclass(frozen=True)
class Rule:
    """A parsed freshness rule."""

    kind: RuleKind
    text: str
    duration: Duration | None = None
    """For ``duration`` and ``within`` rules."""

    @property
    def dated(self) -> bool:
        """Whether the rule can make evidence late (the others only need it to exist)."""
        return self.kind in {"duration", "financial_year", "within"}


def parse_duration(text: str) -> Duration | None:
    match = _DURATION.match(text)
    if not match:
        return None
    years, months, weeks, days = (int(g) if g else 0 for g in match.groups())
    return Duration(years, months, weeks * 7 + days)


def parse_rule(text: str) -> Rule:
    """Parse a catalogue ``freshness`` string; raise ValueError with a plain message."""
    if text in ("on_change", "latest_edition"):
        return Rule(text, text)  # type: ignore[arg-type]
    if text == "before:FY_START":
        return Rule("financial_year", text)
    if text.startswith("asap_after:") and re.fullmatch(r"[a-z_]+", text[len("asap_after:"):]):
        return Rule("asap_after", text)
    if text.startswith("within:"):
        duration = parse_duration(text[len("within:"):])
        if duration is not None:
            return Rule("within", text, duration=duration)
    duration = parse_duration(text)
    if duration is not None:
        return Rule("duration", text, duration=duration)
    raise ValueError(f"'{text}' is not a freshness rule (use P1M, P3M, P1Y, before:FY_START, "
                     "within:P56D, asap_after:<event>, on_change or latest_edition)")


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


@dataclass(frozen=True)
class Freshness:
    """Whether the newest evidence is in date, and the deadline that matters now.

    ``due`` is the last day on which the evidence is (or was) on time: for late evidence the
    deadline it missed, otherwise the next deadline. None when the rule has no dates.
    """

    late: bool
    due: date | None


def check_freshness(rule: Rule, newest: date, today: date, fy_start: str = "04-01"
                    ) -> Freshness:
    """Judge the newest evidence date against a rule (``within`` rules: see events)."""
    if rule.kind == "duration":
        assert rule.duration is not None
        due = rule.duration.after(newest)
        return Freshness(late=today > due, due=due)
    if rule.kind == "financial_year":
        current = financial_year_start(today, fy_start)
        window_opens = add_months(current, -FY_WINDOW_MONTHS)
        if newest >= window_opens:
            next_start = date(current.year + 1, current.month, current.day)
            return Freshness(late=False, due=next_start - timedelta(days=1))
        return Freshness(late=True, due=current - timedelta(days=1))
    return Freshness(late=False, due=None)


def within_deadline(rule: Rule, event_date: date) -> date:
    """Last day to publish for an event: the window includes the event day itself."""
    assert rule.duration is not None
    return rule.duration.after(event_date) - timedelta(days=1)
