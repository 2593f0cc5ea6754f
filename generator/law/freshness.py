"""Freshness rules: when does a duty's evidence go out of date?

A rule is written in the catalogue as a short string (see the header of catalogue.yml for
the exact meaning of each, which this module implements):

- ``P1M``, ``P3M``, ``P1Y``, ``P4Y``… an ISO 8601 duration: the newest evidence may be at
  most this old;
- ``before:FY_START``: online before the financial year it covers begins;
- ``within:P56D``: a deadline counted from each listed event (e.g. an HMICFRS report);
- ``period:month``, ``period:quarter``, ``period:year``: judged by the newest *period
  covered* (a month of spending, a quarter of expenses, a financial year), due a number
  of whole months (the grace) after the next period ends, failing a month later;
- ``asap_after:<event>``, ``on_change``, ``latest_edition``: met when evidence exists.

Everything here is pure date arithmetic: no site, no files, no "today" from the clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from generator.models.periods import (
    PERIOD_MONTHS,
    Period,
    PeriodUnit,
    add_months,
    financial_year_start,
    period_of,
)
from generator.models.periods import parse_fy_start as parse_fy_start  # re-exported
from generator.models.periods import parse_period as parse_period  # re-exported

_DURATION = re.compile(r"^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")

RuleKind = Literal["duration", "financial_year", "within", "asap_after", "on_change",
                   "latest_edition", "period"]

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
    unit: PeriodUnit | None = None
    """For ``period`` rules: the length of the period each publication covers."""

    @property
    def dated(self) -> bool:
        """Whether the rule can make evidence late (the others only need it to exist)."""
        return self.kind in {"duration", "financial_year", "within", "period"}


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
    if text.startswith("period:") and text[len("period:"):] in PERIOD_MONTHS:
        return Rule("period", text, unit=text[len("period:"):])  # type: ignore[arg-type]
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
                     "within:P56D, period:month, period:quarter, period:year, asap_after:<event>, "
                     "on_change or latest_edition)")


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


@dataclass(frozen=True)
class PeriodFreshness:
    """Where a period rule stands: the newest period covered and the one expected next.

    ``due`` is the last day to publish ``expected`` on time; from the day after it is
    late, and from the day after ``fails`` it is overdue (a duty that can fail fails)."""

    covered: Period
    expected: Period
    due: date
    fails: date

    def status(self, today: date) -> Literal["met", "late", "overdue"]:
        if today <= self.due:
            return "met"
        return "late" if today <= self.fails else "overdue"


FAIL_AFTER_MONTHS = 1
"""Lateness turns into failure once this many further months have passed after the due
date (our reading of "as soon as practicable": a month late is not practicable)."""


def end_of_month_after(day: date, months: int) -> date:
    """The last day of the month ``months`` after the month of ``day`` (0: its own)."""
    first = add_months(day.replace(day=1), months + 1)
    return first - timedelta(days=1)


def period_deadline(period: Period, grace_months: int) -> date:
    """The last day to publish ``period``: the end of the month ``grace_months`` after it
    ends (grace 1: a November is due by 31 December)."""
    return end_of_month_after(period.end, grace_months)


def check_period(unit: PeriodUnit, covered_day: date, grace_months: int,
                 fy_start: str = "04-01") -> PeriodFreshness:
    """Judge the newest day the evidence covers: the period after it is expected next."""
    covered = period_of(covered_day, unit, fy_start)
    expected = covered.following(fy_start)
    due = period_deadline(expected, grace_months)
    return PeriodFreshness(covered, expected, due, end_of_month_after(due, FAIL_AFTER_MONTHS))
