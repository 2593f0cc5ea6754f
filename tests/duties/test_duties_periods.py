"""Deadlines as the law words them: duties judged by the period they cover.

"Each month, as soon as practicable after the end of the month to which it relates"
(SIO Part 2) fixes no number of days; our reading is the end of the month after, late
from then, failing a month later. Boundaries: month ends, leap years, the financial year.
"""

from __future__ import annotations

from datetime import date

import pytest
from duty_helpers import catalogue, duty, settings

from generator.duties.evaluate import DutyResult, evaluate
from generator.errors import Severity
from generator.law.freshness import (
    Period,
    check_period,
    parse_period,
    parse_rule,
    period_deadline,
    period_of,
)
from generator.load.config import DutySettings
from generator.site import PageSpec


def _register(newest_row: date | None, nil: tuple[str, ...] = (), duty_id: str = "d"
              ) -> PageSpec:
    return PageSpec(path="/registers/x/", template="layouts/register.html", title="X",
                    updated=newest_row, duties=(duty_id,), kind="register", nil_returns=nil)


def _judge(rule: str, page: PageSpec, today: date, grace: int = 1,
           duty_settings: DutySettings | None = None, fy_start: str = "04-01") -> DutyResult:
    return evaluate(catalogue(duty("d", rule, grace_months=grace)), [page], today,
                    duty_settings or settings(), fy_start)[0]


def test_the_day_after_month_end_is_not_late() -> None:
    # Newest row 30 October: October is covered; November cannot be published yet.
    page = _register(date(2026, 10, 30))
    for today in (date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 6)):
        result = _judge("period:month", page, today)
        assert (result.status, result.due) == ("met", date(2026, 12, 31)), today
        assert result.expected == period_of(date(2026, 11, 1), "month")


def test_late_after_the_grace_then_overdue_a_month_later() -> None:
    page = _register(date(2026, 10, 30))
    assert _judge("period:month", page, date(2026, 12, 31)).status == "met"
    late = _judge("period:month", page, date(2027, 1, 1))
    assert (late.status, late.severity, late.failing) == ("late", Severity.WARNING, False)
    assert _judge("period:month", page, date(2027, 1, 31)).status == "late"
    overdue = _judge("period:month", page, date(2027, 2, 1))
    assert (overdue.status, overdue.severity, overdue.failing) == \
        ("overdue", Severity.ERROR, True)


def test_the_late_message_names_the_missing_month_and_whose_deadline_it_is() -> None:
    problem = _judge("period:month", _register(date(2026, 10, 30)), date(2027, 1, 15)).problem()
    assert problem is not None and problem.severity is Severity.WARNING
    assert problem.message == (
        "duty d (Title of d; Source of d) is late: November 2026 was due by 31 December 2026; "
        "the newest period covered is October 2026 (the law says \"as soon as practicable\" "
        "and gives no number of days: this deadline is our reading of it)")


def test_a_row_on_the_last_day_of_a_month_covers_that_month_only() -> None:
    assert _judge("period:month", _register(date(2026, 11, 30)), date(2026, 12, 6)).due == \
        date(2027, 1, 31)
    assert _judge("period:month", _register(date(2026, 12, 1)), date(2026, 12, 6)).due == \
        date(2027, 2, 28)


def test_leap_years() -> None:
    # January 2028 covered: February 2028 (29 days) is due by the end of March.
    assert _judge("period:month", _register(date(2028, 1, 31)), date(2028, 3, 31)).status == \
        "met"
    # With no grace, February 2028 is due on its own last day, 29 February.
    no_grace = _judge("period:month", _register(date(2028, 1, 15)), date(2028, 2, 29), grace=0)
    assert (no_grace.status, no_grace.due) == ("met", date(2028, 2, 29))
    assert _judge("period:month", _register(date(2028, 1, 15)), date(2028, 3, 1),
                  grace=0).status == "late"
    assert period_of(date(2028, 2, 10), "month").end == date(2028, 2, 29)
    assert period_of(date(2027, 2, 10), "month").end == date(2027, 2, 28)
    # December covered, grace 2: February 2027 is not a leap month; due 28 Feb.
    assert period_deadline(period_of(date(2026, 12, 1), "month"), 2) == date(2027, 2, 28)


def test_quarters_are_calendar_quarters() -> None:
    page = _register(date(2026, 9, 30))  # Q3 (July to September) covered
    result = _judge("period:quarter", page, date(2027, 1, 31))
    assert (result.status, result.due) == ("met", date(2027, 1, 31))  # Q4 due end of January
    assert _judge("period:quarter", page, date(2027, 2, 1)).status == "late"
    assert _judge("period:quarter", page, date(2027, 3, 1)).status == "overdue"


def test_years_are_financial_years_from_the_site_setting() -> None:
    # An annual page updated in July 2026 covers 2025-26; 2026-27 is due a month after
    # it ends on 31 March 2027.
    page = PageSpec(path="/a/", template="layouts/page.html", title="A",
                    updated=date(2026, 7, 21), duties=("d",))
    result = _judge("period:year", page, date(2027, 4, 30))
    assert result.covered == parse_period("2025-26")
    assert (result.status, result.due) == ("met", date(2027, 4, 30))
    assert _judge("period:year", page, date(2027, 5, 1)).status == "late"
    # The financial year starts on 1 April: 31 March and 1 April are in different years.
    assert period_of(date(2026, 3, 31), "year").label == "2025-26"
    assert period_of(date(2026, 4, 1), "year").label == "2026-27"
    # A July financial year.
    july = _judge("period:year", page, date(2027, 7, 31), fy_start="07-01")
    assert july.covered == Period(date(2025, 7, 1), date(2026, 6, 30), "year")
    assert july.due == date(2027, 7, 31)


def test_a_page_covers_the_periods_that_had_ended_when_it_was_updated() -> None:
    page = PageSpec(path="/grants/", template="layouts/page.html", title="Grants",
                    updated=date(2026, 11, 5), duties=("d",))
    result = _judge("period:month", page, date(2026, 12, 6))
    assert result.covered == parse_period("2026-10")
    assert (result.status, result.due) == ("met", date(2026, 12, 31))


def test_a_nil_return_counts_for_its_period() -> None:
    stale = _register(date(2026, 6, 12))
    assert _judge("period:quarter", stale, date(2026, 12, 6)).status == "overdue"
    nil = _register(date(2026, 6, 12), nil=("2026-Q3",))
    result = _judge("period:quarter", nil, date(2026, 12, 6))
    assert (result.status, result.covered, result.due) == \
        ("met", parse_period("2026-Q3"), date(2027, 1, 31))
    # A nil return with no rows at all is evidence too.
    assert _judge("period:month", _register(None, nil=("2026-11",)),
                  date(2026, 12, 6)).covered == parse_period("2026-11")


def test_grace_can_be_set_per_duty_in_site_yml() -> None:
    page = _register(date(2026, 10, 30))
    longer = DutySettings.model_construct(not_applicable=[], events=[], publish_report=False,
                                          grace_months={"d": 2})
    result = _judge("period:month", page, date(2027, 1, 15), duty_settings=longer)
    assert (result.status, result.due) == ("met", date(2027, 1, 31))


def test_periods_parse_and_bad_ones_say_how_to_write_them() -> None:
    assert parse_period("2026-11") == Period(date(2026, 11, 1), date(2026, 11, 30), "month")
    assert parse_period("2026-Q1") == Period(date(2026, 1, 1), date(2026, 3, 31), "quarter")
    assert parse_period("2026-27").label == "2026-27"
    for bad in ("2026-13", "2026-Q5", "2026/11", "Q3 2026", "2026-28"):
        with pytest.raises(ValueError, match="write a month"):
            parse_period(bad)
    assert parse_rule("period:quarter").unit == "quarter"
    with pytest.raises(ValueError, match="period:month"):
        parse_rule("period:week")


def test_check_period_directly() -> None:
    standing = check_period("month", date(2026, 10, 30), 1)
    assert (standing.covered.label, standing.expected.label, standing.due, standing.fails) == \
        ("2026-10", "2026-11", date(2026, 12, 31), date(2027, 1, 31))
