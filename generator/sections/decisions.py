"""The decisions register: a page per decision record, an index, a page per year, CSV/JSON.

URLs: ``/registers/decisions/`` (every decision, newest first, sortable),
``/registers/decisions/<year>/`` (the no-JavaScript filter by year),
``/registers/decisions/<file stem>/`` (one record) and ``/registers/decisions.csv|json``.
A decision's ``meeting`` (a relative path to a meeting file, optionally ``#item-N``)
links it to the meeting, and the meeting page links back (see meeting_data).
"""

from __future__ import annotations

from typing import Any

from generator.datasets import Column, Dataset, dataset_files
from generator.errors import Problem, error, warning
from generator.load.records import Record
from generator.outputs.atom import FeedEntry
from generator.render.filters import format_date, format_money
from generator.sections.home import Listing
from generator.sections.meeting_data import (
    MeetingRef,
    body_rel,
    item_number,
    meeting_refs,
    split_meeting_link,
)
from generator.site import PageSpec, SectionResult, SiteInput
from generator.urls import page_path_for, suggest_slug

CLASS = "how-we-make-decisions"
DUTY = "sio-5d-decision-records"
INDEX_PATH = "/registers/decisions/"

COLUMNS = (
    Column("reference", "Reference"),
    Column("date", "Date", "date"),
    Column("title", "Decision"),
    Column("decision_maker", "Decision maker"),
    Column("value", "Value", "money"),
    Column("significant_public_interest", "Significant public interest", "bool"),
    Column("meeting", "Meeting"),
    Column("meeting_url", "Meeting web page"),
    Column("url", "Web page"),
)
TABLE_COLUMNS = COLUMNS[:6]
"""The HTML table leaves out the web addresses (they are the links)."""


def build_decisions(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    records = sorted(site_input.records("decision"),
                     key=lambda r: (r.meta.date, r.meta.reference), reverse=True)
    intro = next(iter(site_input.records("decisions_index")), None)
    if not records and intro is None:
        return result
    meetings = site_input.summary(meeting_refs)  # a minutes edit does not run this again
    result.problems += _check_references(records)
    rows = []
    for record in records:
        link, problems = _meeting_link(record, meetings, site_input.failed)
        result.problems += problems
        rows.append(_row(site_input, record, link))
        result.pages.append(_decision_page(record, link))
    title = intro.meta.title if intro else "Decisions"
    dataset = Dataset(
        path="registers/decisions", title=title,
        description=(intro.meta.summary if intro else None) or "Records of formal decisions.",
        columns=COLUMNS, rows=rows, updated=max((r.updated for r in records), default=None),
        publication_class=CLASS, page_path=INDEX_PATH)
    result.files += dataset_files(dataset, site_input.datasets)
    years = sorted({r.meta.date.year for r in records}, reverse=True)
    result.pages.append(_index_page(intro, title, dataset, years, None, rows))
    for year in years:
        year_rows = [row for row in rows if row["date"].year == year]
        result.pages.append(_index_page(intro, title, dataset, years, year, year_rows))
    return result


def _check_references(records: list[Record]) -> list[Problem]:
    problems = []
    seen: dict[str, Record] = {}
    for record in sorted(records, key=lambda r: r.rel):
        reference = record.meta.reference
        line = record.line_of("reference")
        if reference in seen:
            problems.append(error(
                record.display, f"the reference '{reference}' is also used by "
                                f"{seen[reference].display}", line=line, field="reference",
                hint="give each decision its own reference"))
        seen.setdefault(reference, record)
        stem = record.rel.rsplit("/", 1)[-1][:-3]
        if suggest_slug(reference) != stem:
            problems.append(warning(
                record.display, f"the file name does not match the reference '{reference}'",
                line=line, field="reference",
                hint=f"rename the file to {suggest_slug(reference)}.md so its web address "
                     "follows the reference"))
    return problems


def _meeting_link(record: Record, meetings: dict[str, MeetingRef], failed: set[str]
                  ) -> tuple[dict[str, Any] | None, list[Problem]]:
    target = record.meta.meeting
    if target is None:
        return None, []
    line = record.line_of("meeting")
    rel, fragment = split_meeting_link(record)

    def problem(message: str, hint: str) -> tuple[None, list[Problem]]:
        return None, [error(record.display, message, line=line, field="meeting", hint=hint)]

    if rel is None:
        return problem(f"'{target}' is outside the content folder",
                       "give the meeting file relative to this one, e.g. "
                       "../../meetings/police-and-crime-panel/2026-02-03.md")
    meeting = meetings.get(rel)
    if meeting is None and (rel in failed or body_rel(rel) in failed):
        return None, []  # the meeting (or its body) could not be loaded: reported there
    if meeting is None:
        close = [m for m in meetings if m.rsplit("/", 1)[0] == rel.rsplit("/", 1)[0]]
        return problem(f"'{target}' is not a published meeting",
                       "name a meeting file, e.g. ../../meetings/<body>/<YYYY-MM-DD>.md"
                       + (f"; that folder has {', '.join(m.rsplit('/', 1)[1] for m in close)}"
                          if close else ""))
    number = item_number(fragment) if fragment else None
    if fragment and (number is None or not 1 <= number <= len(meeting.items)):
        return problem(f"the meeting has no agenda item '#{fragment}'",
                       f"end the path with #item-1 to #item-{len(meeting.items)} (agenda "
                       "items in order), or leave out the #" if meeting.items else
                       "that meeting has no agenda; leave out the #")
    link: dict[str, Any] = {"rel": rel, "title": meeting.title, "path": meeting.path,
                            "item": number,
                            "item_title": meeting.items[number - 1] if number else None}
    return link, []


def _row(site_input: SiteInput, record: Record, link: dict[str, Any] | None
         ) -> dict[str, Any]:
    meta = record.meta
    base = site_input.config.base_url.rstrip("/")
    path = page_path_for(record.rel)
    return {
        "reference": meta.reference, "date": meta.date, "title": meta.title,
        "decision_maker": meta.decision_maker, "value": meta.value,
        "significant_public_interest": meta.significant_public_interest,
        "meeting": link["title"] if link else None,
        "meeting_url": base + _meeting_anchor(link) if link else None,
        "url": base + path, "path": path,
    }


def _meeting_anchor(link: dict[str, Any]) -> str:
    return str(link["path"]) + (f"#item-{link['item']}" if link["item"] else "")


def _decision_page(record: Record, link: dict[str, Any] | None) -> PageSpec:
    meta = record.meta
    value = f", {format_money(meta.value)}" if meta.value is not None else ""
    return PageSpec(
        path=page_path_for(record.rel), template="layouts/decision.html", title=meta.title,
        record=record, body=record.body, body_line=record.source.body_line,
        summary=f"Decision {meta.reference}: {meta.decision_maker}, {format_date(meta.date)}"
                f"{value}.",
        updated=record.updated, publication_class=CLASS, duties=(DUTY,), kind="decision",
        year=meta.date.year,
        context={"decision": meta, "listing": Listing(meta.date, amount=meta.value),
                 "meeting": dict(link, anchor=_meeting_anchor(link)) if link else None,
                 "feed_entry": FeedEntry(
                     title=f"Decision {meta.reference}: {meta.title}",
                     summary=f"Decided by the {meta.decision_maker} on "
                             f"{format_date(meta.date)}{value}.",
                     category="decision", published=meta.date)},
        depends_on=(str(link["rel"]), body_rel(str(link["rel"]))) if link else ())


def _index_page(intro: Record | None, title: str, dataset: Dataset, years: list[int],
                year: int | None, rows: list[dict[str, Any]]) -> PageSpec:
    meta = intro.meta if intro else None
    path = INDEX_PATH if year is None else f"{INDEX_PATH}{year}/"
    dates = [d for d in (dataset.updated, intro.updated if intro and year is None else None)
             if d is not None]
    return PageSpec(
        path=path, template="layouts/decisions.html",
        title=title if year is None else f"{title}: {year}",
        record=intro if year is None else None,
        body=intro.body if intro and year is None else None,
        body_line=intro.source.body_line if intro else 1,
        summary=meta.summary if meta else None,
        updated=max(dates, default=None), publication_class=CLASS,
        duties=(DUTY, *(meta.duties if meta else ())) if year is None else (),
        kind="page", in_search=year is None,
        context={"dataset": dataset, "columns": TABLE_COLUMNS, "rows": rows, "years": years,
                 "year": year, "index_path": INDEX_PATH},
        nav_order=meta.nav_order if meta and year is None else None)
