"""Evaluate every duty against the published pages: met, missing, overdue or not applicable.

Pure: ``evaluate(catalogue, pages, today, settings, fy_start)`` looks only at its arguments.
Evidence for a duty is every published page whose ``duties`` lists the duty's id (free pages
declare it in front matter; sections such as staff or registers set it on their pages),
plus any evidence the caller adds that is not a page (site.yml ``contact.address``).
Drafts never get here: records.py drops them before any page exists.

Duties judged by the period they cover (``period:month`` …) have two stages of lateness:
``late`` (a warning: past the deadline we read into "as soon as practicable") and
``overdue`` (a further month on, when a duty that can fail fails).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from generator.errors import Problem, Severity, error
from generator.law.catalogue import DEADLINE_WORDS, Catalogue, Duty, Office
from generator.law.freshness import check_freshness, check_period, within_deadline
from generator.load.config import DutyEvent, DutySettings
from generator.load.records import Record
from generator.load.validation import did_you_mean
from generator.models.periods import Period, parse_period, period_of
from generator.render.filters import format_date, period_name
from generator.site import PageSpec

Status = Literal["met", "partly_met", "missing", "late", "overdue", "not_applicable"]
DUTIES_PATH = "publication duties"
"""The heading problems about a duty as a whole are grouped under."""


@dataclass(frozen=True)
class Evidence:
    """A published page that claims a duty, and the date it counts from."""

    url: str
    title: str
    updated: date | None
    source: str | None = None
    """Where the page came from, for messages ("content/budget.md"); None if generated."""
    kind: str = "page"
    """The page's kind: a "register" is dated by its newest row."""
    nil_returns: tuple[str, ...] = ()
    """Periods the page says had nothing to report (2026-Q3)."""
    gaps: tuple[str, ...] = ()
    """What the page lacks for this duty, one item each (a contract without its copy)."""
    dated_by_content: bool = False
    """True when ``updated`` is the date the content describes (a register's newest row,
    staff figures' ``as_at``), not the day it was published."""

    def covered_day(self, unit: str, fy_start: str) -> date | None:
        """The newest day this evidence covers, for a period rule.

        A register covers the day of its newest row (staff figures: their ``as_at``);
        a nil return covers its whole
        period; any other page, dated when it was last updated, covers the periods that
        had ended by then (a grants page updated on 5 November covers October)."""
        days: list[date] = [parse_period(label, fy_start).end for label in self.nil_returns]
        if self.updated is not None:
            if self.kind == "register" or self.dated_by_content:
                days.append(self.updated)
            else:
                days.append(period_of(self.updated, unit, fy_start).start  # type: ignore[arg-type]
                            - timedelta(days=1))
        return max(days) if days else None


@dataclass(frozen=True)
class EventCheck:
    """One deadline started by an event in site.yml ``duties.events``."""

    index: int
    """Position in site.yml's list, from 1, for messages."""
    title: str
    event_date: date
    deadline: date
    published: date | None

    @property
    def late(self) -> bool:
        return self.published is not None and self.published > self.deadline


@dataclass(frozen=True)
class DutyResult:
    duty: Duty
    status: Status
    evidence: tuple[Evidence, ...] = ()
    due: date | None = None
    """Overdue: the last day it was on time. Met: the next deadline. None: no dates apply."""
    reason: str | None = None
    """Why the duty does not apply (from site.yml), for not_applicable results."""
    notes: tuple[str, ...] = ()
    events: tuple[EventCheck, ...] = ()
    covered: Period | None = None
    """Period rules: the newest period the evidence covers."""
    expected: Period | None = None
    """Period rules: the period to publish next (late or overdue: the one missed)."""
    cover: Evidence | None = None
    """Period rules: the evidence that covers the newest period."""

    @property
    def newest(self) -> Evidence | None:
        dated = [e for e in self.evidence if e.updated is not None]
        return max(dated, key=lambda e: (e.updated, e.url)) if dated else None

    @property
    def severity(self) -> Severity | None:
        """Severity of the problem this result raises; None when there is no problem.

        Missing: the duty's own severity. Overdue: the same, except that lateness against a
        freshness rule we are unsure of (low timing confidence) is only ever a warning.
        """
        if self.status == "missing":
            return self.duty.severity
        if self.status == "overdue":
            return self.duty.severity if self.duty.timing_checked else Severity.WARNING
        if self.status in ("late", "partly_met"):
            return Severity.WARNING
        return None

    @property
    def failing(self) -> bool:
        return self.severity is Severity.ERROR

    def problem(self) -> Problem | None:
        """The located, plain-English problem for a missing or late duty."""
        severity = self.severity
        if severity is None:
            return None
        duty = self.duty
        name = f"duty {duty.id} ({duty.title}; {duty.source})"
        if self.status == "missing":
            return Problem(DUTIES_PATH, f"{name} is missing: no published page claims it", None,
                           None, f"publish it as {duty.how}, or list it in site.yml "
                                 "duties.not_applicable with the reason it does not apply",
                           severity)
        if self.status == "partly_met":
            gaps = [gap for e in self.evidence for gap in e.gaps]
            where = next((e.source or e.url for e in self.evidence if e.gaps), DUTIES_PATH)
            return Problem(where, f"{name} is only partly met: " + "; ".join(gaps), None,
                           None, duty.hint or "publish what is missing", severity)
        if self.expected is not None:
            return self._period_problem(name, severity)
        late = [e for e in self.events if e.published is None and self.due == e.deadline]
        if late:
            event = late[0]
            return Problem("site.yml", f"{name} is overdue: nothing was published for "
                                       f"\"{event.title}\" ({format_date(event.event_date)}) by "
                                       f"{format_date(event.deadline)}",
                           None, f"duties.events[{event.index}]",
                           "publish it, then add `published:` with that date to the event",
                           severity)
        newest = self.newest
        where = (newest.source or newest.url) if newest else DUTIES_PATH
        dated = format_date(newest.updated) if newest and newest.updated else "undated"
        return Problem(where, f"{name} is overdue: the newest evidence is dated {dated} and "
                              f"was due by {format_date(self.due)} "
                              f"(rule {duty.freshness})",
                       None, None, self.duty.hint or _overdue_hint(newest), severity)

    def _period_problem(self, name: str, severity: Severity) -> Problem:
        """Late or overdue against a period rule: which period is missing, and by when."""
        assert self.expected is not None and self.due is not None
        newest = self.cover or self.newest
        where = (newest.source or newest.url) if newest else DUTIES_PATH
        covered = period_name(self.covered.label) if self.covered else "nothing dated"
        stage = "late" if self.status == "late" else "overdue"
        message = (f"{name} is {stage}: {period_name(self.expected.label)} was due by "
                   f"{format_date(self.due)}; the newest period covered is {covered}")
        if self.duty.deadline:
            message += f" ({DEADLINE_WORDS[self.duty.deadline]})"
        return Problem(where, message, None, None,
                       self.duty.hint or _overdue_hint(newest), severity)

    @property
    def deadline_note(self) -> str | None:
        """Whose deadline this is, for the report (None when no date was checked)."""
        if self.due is None or self.duty.deadline is None:
            return None
        return DEADLINE_WORDS[self.duty.deadline] + f" ({self.duty.timing_source})"


def _overdue_hint(newest: Evidence | None) -> str:
    """Registers are as current as their newest row, so `updated:` cannot help there."""
    if newest is not None and newest.kind == "register":
        return ("add the newest entries: a register is dated by its newest row, not by "
                "`updated:`; if there was nothing to report, list the period under "
                "`nil_returns:` in the register's introduction")
    return "publish the current information and set `updated:` to the date you did"


def evidence_for(pages: Iterable[PageSpec]) -> dict[str, list[Evidence]]:
    """Duty id → the pages claiming it, in URL order."""
    found: dict[str, list[Evidence]] = {}
    for page in sorted(pages, key=lambda p: p.path):
        source = page.record.display if page.record is not None else None
        gaps: dict[str, list[str]] = {}
        for duty_id, gap in page.duty_gaps:
            gaps.setdefault(duty_id, []).append(gap)
        dates = dict(page.duty_dates)
        for duty_id in dict.fromkeys(page.duties):
            found.setdefault(duty_id, []).append(
                Evidence(page.path, page.title, dates.get(duty_id, page.updated), source,
                         page.kind, page.nil_returns, tuple(gaps.get(duty_id, ())),
                         dated_by_content=duty_id in dates))
    return found


def evaluate(catalogue: Catalogue, pages: Iterable[PageSpec], today: date,
             settings: DutySettings, fy_start: str = "04-01", *,
             office: Office = "police-and-crime",
             extra: dict[str, list[Evidence]] | None = None) -> list[DutyResult]:
    """One result per duty that binds this kind of office, in catalogue order.

    ``extra``: evidence that is not a page, by duty id (site.yml's contact address)."""
    evidence = evidence_for(pages)
    for duty_id, more in (extra or {}).items():
        evidence.setdefault(duty_id, []).extend(more)
    not_applicable = {item.id: item.reason for item in settings.not_applicable}
    results = []
    for duty in catalogue:
        if office not in duty.offices:
            continue
        found = tuple(evidence.get(duty.id, ()))
        events = _events(duty, settings.events)
        if duty.id in not_applicable:
            notes = ("pages claim this duty although site.yml says it does not apply",) \
                if found else ()
            results.append(DutyResult(duty, "not_applicable", found,
                                      reason=not_applicable[duty.id], notes=notes,
                                      events=events))
        elif not found:
            results.append(DutyResult(duty, "missing", events=events))
        else:
            grace = settings.grace_months.get(duty.id, duty.grace_months)
            results.append(_judge(duty, found, events, today, fy_start, grace))
    return results


def _events(duty: Duty, events: Sequence[DutyEvent]) -> tuple[EventCheck, ...]:
    if duty.rule.kind != "within":
        return ()
    return tuple(EventCheck(index, e.title, e.date, within_deadline(duty.rule, e.date),
                            e.published)
                 for index, e in enumerate(events, start=1) if e.duty == duty.id)


def _judge(duty: Duty, found: tuple[Evidence, ...], events: tuple[EventCheck, ...],
           today: date, fy_start: str, grace_months: int = 1) -> DutyResult:
    result = _judge_dates(duty, found, events, today, fy_start, grace_months)
    if result.status == "met" and any(e.gaps for e in found):
        return replace(result, status="partly_met")
    return result


def _judge_dates(duty: Duty, found: tuple[Evidence, ...], events: tuple[EventCheck, ...],
                 today: date, fy_start: str, grace_months: int) -> DutyResult:
    rule = duty.rule
    if rule.kind == "within":
        return _judge_events(duty, found, events, today)
    if rule.kind == "period":
        return _judge_period(duty, found, today, fy_start, grace_months)
    dated = [e.updated for e in found if e.updated is not None]
    if not rule.dated:
        return DutyResult(duty, "met", found)
    if not dated:
        return DutyResult(duty, "met", found,
                          notes=("the evidence has no date, so its freshness was not checked",))
    freshness = check_freshness(rule, max(dated), today, fy_start)
    return DutyResult(duty, "overdue" if freshness.late else "met", found, due=freshness.due)


def _judge_period(duty: Duty, found: tuple[Evidence, ...], today: date, fy_start: str,
                  grace_months: int) -> DutyResult:
    """By period covered: the period after the newest covered one is due ``grace_months``
    after it ends; late after that, overdue a further month on."""
    unit = duty.rule.unit
    assert unit is not None
    days = [(d, e) for e in found if (d := e.covered_day(unit, fy_start)) is not None]
    if not days:
        return DutyResult(duty, "met", found,
                          notes=("the evidence has no date, so its freshness was not checked",))
    day, cover = max(days, key=lambda pair: (pair[0], pair[1].kind == "register"))
    standing = check_period(unit, day, grace_months, fy_start)
    return DutyResult(duty, standing.status(today), found, due=standing.due,
                      covered=standing.covered, expected=standing.expected, cover=cover)


def _judge_events(duty: Duty, found: tuple[Evidence, ...], events: tuple[EventCheck, ...],
                  today: date) -> DutyResult:
    notes: list[str] = []
    missed = [e.deadline for e in events if e.published is None and today > e.deadline]
    pending = [e for e in events if e.published is None and today <= e.deadline]
    for event in pending:
        notes.append(f"due by {format_date(event.deadline)} for \"{event.title}\"")
    for event in events:
        if event.late:
            notes.append(f"published {format_date(event.published)} for \"{event.title}\", "
                         f"after the deadline of {format_date(event.deadline)}")
    if not events:
        notes.append("no events are listed in site.yml duties.events, so the deadline "
                     "was not checked")
    if missed:
        return DutyResult(duty, "overdue", found, due=min(missed), notes=tuple(notes),
                          events=events)
    due = min((e.deadline for e in pending), default=None)
    return DutyResult(duty, "met", found, due=due, notes=tuple(notes), events=events)


def unknown_claims(catalogue: Catalogue, pages: Iterable[PageSpec]) -> list[Problem]:
    """A page claiming a duty id the catalogue does not have is a typo: an error."""
    problems = []
    for page in pages:
        for duty_id in page.duties:
            if catalogue.get(duty_id) is not None:
                continue
            record = page.record
            path = record.display if record is not None else f"generated page {page.path}"
            line = _claim_line(record, duty_id) if record is not None else None
            problems.append(error(path, f"'{duty_id}' is not a duty in the catalogue",
                                  line=line, field="duties",
                                  hint=did_you_mean(duty_id, catalogue.ids)
                                  or "see generator/law/catalogue.yml for the duty ids"))
    return problems


def _claim_line(record: Record, duty_id: str) -> int | None:
    """The line of the id in front matter ``duties:``, else of the ``duties`` key."""
    declared = record.source.data.get("duties") if isinstance(record.source.data, dict) else None
    if isinstance(declared, list) and duty_id in declared:
        line = record.line_of("duties", declared.index(duty_id))
        if line is not None:
            return line
    return record.line_of("duties")
