"""Each freshness rule at its boundary dates: the last day on time and the first day late."""

from __future__ import annotations

from datetime import date

import pytest
from duty_helpers import catalogue, duty, page, settings

from generator.duties.evaluate import evaluate
from generator.law.freshness import (
    Duration,
    check_freshness,
    financial_year_start,
    parse_fy_start,
    parse_rule,
    within_deadline,
)


def _judge(freshness: str, newest: date, today: date, fy_start: str = "04-01"
           ) -> tuple[str, date | None]:
    result = evaluate(catalogue(duty("d", freshness)), [page("/p/", "d", updated=newest)],
                      today, settings(), fy_start)[0]
    return result.status, result.due


@pytest.mark.parametrize(("rule", "newest", "due"), [
    ("P1M", date(2026, 10, 23), date(2026, 11, 23)),
    ("P3M", date(2026, 8, 23), date(2026, 11, 23)),
    ("P1Y", date(2025, 11, 23), date(2026, 11, 23)),
    ("P4Y", date(2022, 11, 23), date(2026, 11, 23)),
])
def test_duration_rules_are_met_on_the_due_date_and_overdue_the_day_after(
        rule: str, newest: date, due: date) -> None:
    assert _judge(rule, newest, due) == ("met", due)
    assert _judge(rule, newest, date.fromordinal(due.toordinal() + 1)) == ("overdue", due)


def test_month_arithmetic_clamps_to_the_end_of_the_month() -> None:
    assert parse_rule("P1M").duration == Duration(months=1)
    assert Duration(months=1).after(date(2026, 1, 31)) == date(2026, 2, 28)
    assert Duration(months=1).after(date(2024, 1, 31)) == date(2024, 2, 29)
    assert Duration(years=1).after(date(2024, 2, 29)) == date(2025, 2, 28)
    assert Duration(months=3).after(date(2026, 11, 30)) == date(2027, 2, 28)
    assert parse_rule("P2W").duration == Duration(days=14)


def test_before_financial_year_window_opens_three_months_before_the_year() -> None:
    today = date(2026, 11, 23)  # financial year 2026/27 began 1 April 2026
    assert _judge("before:FY_START", date(2026, 1, 1), today) == ("met", date(2027, 3, 31))
    assert _judge("before:FY_START", date(2025, 12, 31), today) == ("overdue", date(2026, 3, 31))


def test_before_financial_year_becomes_overdue_the_day_the_year_starts() -> None:
    last_years_budget = date(2025, 2, 10)  # published for 2025/26
    assert _judge("before:FY_START", last_years_budget, date(2026, 3, 31)) == \
        ("met", date(2026, 3, 31))
    assert _judge("before:FY_START", last_years_budget, date(2026, 4, 1)) == \
        ("overdue", date(2026, 3, 31))


def test_before_financial_year_follows_site_financial_year_start() -> None:
    # A July year: the 2026/27 year began 1 July 2026; its window opened 1 April 2026.
    assert _judge("before:FY_START", date(2026, 4, 1), date(2026, 11, 23), "07-01") == \
        ("met", date(2027, 6, 30))
    assert _judge("before:FY_START", date(2026, 3, 31), date(2026, 11, 23), "07-01") == \
        ("overdue", date(2026, 6, 30))
    assert financial_year_start(date(2026, 3, 31), "04-01") == date(2025, 4, 1)
    assert financial_year_start(date(2026, 4, 1), "04-01") == date(2026, 4, 1)


def _within(today: date, published: str | None = None) -> tuple[str, date | None, tuple[str, ...]]:
    event: dict[str, object] = {"duty": "pa1996-s55-hmicfrs-response", "title": "Report X",
                                "date": "2026-10-28"}
    if published:
        event["published"] = published
    result = evaluate(catalogue(duty("pa1996-s55-hmicfrs-response", "within:P56D")),
                      [page("/hmicfrs/", "pa1996-s55-hmicfrs-response")], today,
                      settings(events=[event]))[0]
    return result.status, result.due, result.notes


def test_within_56_days_counts_the_event_day_as_day_one() -> None:
    rule = parse_rule("within:P56D")
    assert within_deadline(rule, date(2026, 10, 28)) == date(2026, 12, 22)
    status, due, notes = _within(date(2026, 12, 22))
    assert (status, due) == ("met", date(2026, 12, 22))
    assert notes == ('due by 22 December 2026 for "Report X"',)
    assert _within(date(2026, 12, 23))[:2] == ("overdue", date(2026, 12, 22))


def test_within_is_met_once_published_and_notes_a_late_publication() -> None:
    assert _within(date(2027, 6, 1), published="2026-12-22") == ("met", None, ())
    status, _, notes = _within(date(2027, 6, 1), published="2026-12-23")
    assert status == "met"
    assert notes == ('published 23 December 2026 for "Report X", after the deadline of '
                     '22 December 2026',)


def test_within_without_events_is_met_by_evidence_with_a_note() -> None:
    result = evaluate(catalogue(duty("d", "within:P56D")), [page("/p/", "d")],
                      date(2026, 11, 23), settings())[0]
    assert result.status == "met" and result.due is None
    assert "no events are listed" in result.notes[0]


@pytest.mark.parametrize("rule", ["asap_after:decision", "on_change", "latest_edition"])
def test_undated_rules_are_met_by_any_evidence_and_never_overdue(rule: str) -> None:
    assert _judge(rule, date(2001, 1, 1), date(2026, 11, 23)) == ("met", None)
    assert parse_rule(rule).dated is False


def test_undated_evidence_is_met_with_a_note_for_dated_rules() -> None:
    result = evaluate(catalogue(duty("d", "P1M")), [page("/p/", "d", updated=None)],
                      date(2026, 11, 23), settings())[0]
    assert result.status == "met"
    assert result.notes == ("the evidence has no date, so its freshness was not checked",)


def test_newest_of_several_evidence_dates_counts() -> None:
    pages = [page("/a/", "d", updated=date(2026, 1, 1)),
             page("/b/", "d", updated=date(2026, 11, 1))]
    result = evaluate(catalogue(duty("d", "P1M")), pages, date(2026, 11, 23), settings())[0]
    assert result.status == "met" and result.due == date(2026, 12, 1)
    assert result.newest is not None and result.newest.url == "/b/"


@pytest.mark.parametrize("text", ["P", "1M", "P1X", "within:P", "asap_after:", "weekly",
                                  "before:FY_END"])
def test_unknown_rules_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="is not a freshness rule"):
        parse_rule(text)


@pytest.mark.parametrize("text", ["4-1", "13-01", "04-31", "april"])
def test_financial_year_start_must_be_a_real_month_and_day(text: str) -> None:
    with pytest.raises(ValueError):
        parse_fy_start(text)


def test_check_freshness_directly() -> None:
    fresh = check_freshness(parse_rule("P3M"), date(2026, 9, 1), date(2026, 11, 23))
    assert (fresh.late, fresh.due) == (False, date(2026, 12, 1))
