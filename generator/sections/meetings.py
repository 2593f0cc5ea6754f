"""Meetings: the calendar, a page per body and per meeting, papers and iCalendar feeds.

URLs: ``/meetings/`` (upcoming across bodies, then recent), ``/meetings/<body>/`` (the
body: members, contact, its upcoming meetings and past ones by year; it doubles as the
calendar filtered to that body, so filtering needs no JavaScript),
``/meetings/<body>/<file stem>/`` (one meeting), ``/meetings/meetings.ics`` and
``/meetings/<body>/<body>.ics``. Papers are copied to ``/meetings/<body>/papers/…``.
Every meeting is also data: ``/meetings.csv`` and ``/meetings.json`` (meeting_dataset.py).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.datasets import dataset_files
from generator.errors import error
from generator.outputs.atom import FeedEntry
from generator.outputs.ical import CalendarEvent, calendar_ics, local
from generator.render.filters import format_date, format_time
from generator.sections.home import Listing
from generator.sections.meeting_data import Body, Meeting, MeetingData, collect_meetings
from generator.sections.meeting_dataset import meetings_dataset
from generator.site import PageSpec, SectionResult, SiteInput
from generator.urls import resolve_relative
from generator.writer import CopiedFile, OutputFile

CLASS = "how-we-make-decisions"
CALENDAR_ICS = "meetings/meetings.ics"
_EVENT_STATUS = {"cancelled": "EventCancelled", "postponed": "EventPostponed"}


def build_meetings(site_input: SiteInput) -> SectionResult:
    data = collect_meetings(site_input)
    result = SectionResult(problems=data.problems, copies=data.copies,
                           blocked_assets=data.blocked)
    if not data.meetings and not data.bodies and not site_input.records("meetings_index"):
        return result
    result.pages.append(_calendar_page(site_input, data))
    for body in data.bodies:
        result.pages.append(_body_page(site_input, body, data, result))
        for meeting in body.meetings:
            result.pages.append(_meeting_page(site_input, meeting))
    result.files += _calendars(site_input, data)
    dataset = meetings_dataset(site_input, data)
    if dataset is not None:
        result.files += dataset_files(dataset, site_input.datasets)
    return result


def _absolute(site_input: SiteInput, path: str) -> str:
    return site_input.config.base_url.rstrip("/") + path


def _calendar_page(site_input: SiteInput, data: MeetingData) -> PageSpec:
    today = site_input.today
    upcoming = [m for m in data.meetings if m.upcoming(today)]
    recent = [m for m in reversed(data.meetings) if not m.upcoming(today)]
    intro = next(iter(site_input.records("meetings_index")), None)
    meta = intro.meta if intro else None
    updated = [r.updated for r in [*([intro] if intro else []),
                                   *(m.record for m in data.meetings),
                                   *(b.record for b in data.bodies)]]
    return PageSpec(
        path="/meetings/", template="layouts/meetings.html",
        title=meta.title if meta else "Meetings", record=intro,
        body=intro.body if intro else None, body_line=intro.source.body_line if intro else 1,
        summary=meta.summary if meta else None,
        updated=max(updated, default=None),
        publication_class=(meta.publication_class if meta else None) or CLASS,
        duties=tuple(meta.duties) if meta else (), nav_order=meta.nav_order if meta else None,
        kind="page",
        context={"upcoming": upcoming, "recent": recent[:site_input.config.meetings.recent],
                 "older": max(0, len(recent) - site_input.config.meetings.recent),
                 "bodies": data.bodies, "current_body": None, "ics_path": "/" + CALENDAR_ICS},
        depends_on=tuple(m.record.rel for m in data.meetings)
        + tuple(b.record.rel for b in data.bodies),
    )


def _body_page(site_input: SiteInput, body: Body, data: MeetingData,
               result: SectionResult) -> PageSpec:
    meta = body.meta
    return PageSpec(
        path=body.path, template="layouts/meeting_body.html", title=meta.title,
        record=body.record, body=body.record.body, body_line=body.record.source.body_line,
        summary=meta.summary, updated=body.record.updated, publication_class=CLASS,
        kind="body",
        context={"body": body, "upcoming": body.upcoming(site_input.today),
                 "past_by_year": body.past_by_year(site_input.today), "bodies": data.bodies,
                 "current_body": body, "ics_path": "/" + body.ics_path,
                 "terms_of_reference": _terms_link(site_input, body, data, result)},
        depends_on=tuple(m.record.rel for m in body.meetings),
    )


def _terms_link(site_input: SiteInput, body: Body, data: MeetingData,
                result: SectionResult) -> dict[str, str] | None:
    """The terms of reference: a web address, or a content file (page or document)."""
    target = body.meta.terms_of_reference
    if target is None:
        return None
    if "://" in target:
        return {"url": target}
    record = body.record
    path, _, fragment = target.partition("#")
    rel = resolve_relative(record.rel, path)
    problem: str | None = None
    if rel is None:
        problem = f"'{target}' is outside the content folder"
    elif rel in site_input.withheld:
        problem = f"'{target}' is {site_input.withheld[rel]}"
    elif rel in data.blocked:
        problem = f"'{target}' {data.blocked[rel]}"
    elif rel in site_input.assets:
        result.copies.append(CopiedFile(rel, site_input.assets[rel].path))
        return {"rel": rel, "fragment": fragment}
    elif rel.endswith(".md") and site_input.is_record(rel):
        return {"rel": rel, "fragment": fragment}
    else:
        problem = f"'{target}' does not exist"
    result.problems.append(error(
        record.display, problem, line=record.line_of("terms_of_reference"),
        field="terms_of_reference", hint="link to a published file inside content/, relative "
                                         "to this one, or give a full web address"))
    return None


def _meeting_page(site_input: SiteInput, meeting: Meeting) -> PageSpec:
    meta, body = meeting.meta, meeting.body
    previous, following = body.neighbours(meeting)
    duties = []
    if body.meta.public:
        duties.append("sio-5a-public-meeting-notice")
        if meta.agenda:
            duties.append("sio-5b-agenda-and-papers")
    if meta.minutes_status is not None:
        duties.append("sio-5c-minutes")
    summary = f"{format_date(meta.date)}, {format_time(meta.date)}" + \
        (f", {meta.location}" if meta.location else "")
    context: dict[str, Any] = {
        "meeting": meeting, "body": body, "previous": previous, "next": following,
        "ics_path": "/" + body.ics_path, "json_ld": _json_ld(site_input, meeting),
        "upcoming": meeting.upcoming(site_input.today),
        "listing": Listing(meta.date, meta.status),
    }
    if meeting.has_minutes:
        state = "Draft" if meta.minutes_status == "draft" else "Approved"
        context["feed_entry"] = FeedEntry(
            title=f"{state} minutes: {meeting.title}",
            summary=f"{state} minutes of the {body.meta.title} meeting held on "
                    f"{format_date(meta.date)}.", category="minutes")
    return PageSpec(
        path=meeting.path, template="layouts/meeting.html", title=meeting.title,
        record=meeting.record, body=meeting.record.body,
        body_line=meeting.record.source.body_line, summary=summary,
        updated=meeting.record.updated, publication_class=CLASS, duties=tuple(duties),
        kind="meeting", context=context, year=meta.date.year,
        depends_on=(body.record.rel,) + tuple(
            m.record.rel for m in (previous, following) if m is not None)
        + tuple(d.rel for d in meeting.all_decisions)
        + tuple(i.approves.rel for i in meeting.items if i.approves is not None),
    )


def _json_ld(site_input: SiteInput, meeting: Meeting) -> Markup:
    """schema.org Event, safe inside <script>: "<", ">" and "&" are JSON-escaped."""
    meta = meeting.meta
    event: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Event", "name": meeting.title,
        "startDate": local(meta.date).isoformat(),
        "eventStatus": "https://schema.org/" + _EVENT_STATUS.get(meta.status, "EventScheduled"),
        "url": _absolute(site_input, meeting.path),
        "organizer": {"@type": "Organization", "name": meeting.body.meta.title},
    }
    if meta.end is not None:
        event["endDate"] = local(meta.end).isoformat()
    locations: list[dict[str, str]] = []
    if meta.location:
        locations.append({"@type": "Place", "name": meta.location, "address": meta.location})
    if meta.webcast:
        locations.append({"@type": "VirtualLocation", "url": meta.webcast})
    if locations:
        event["location"] = locations[0] if len(locations) == 1 else locations
        mode = "Mixed" if len(locations) == 2 else ("Online" if meta.webcast else "Offline")
        event["eventAttendanceMode"] = f"https://schema.org/{mode}EventAttendanceMode"
    text = json.dumps(event, ensure_ascii=False, sort_keys=True, indent=1)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def _calendars(site_input: SiteInput, data: MeetingData) -> list[OutputFile]:
    config = site_input.config
    host = urlsplit(config.base_url).hostname or "localhost"
    prodid = f"-//{config.organisation.short_name}//Meetings//EN"

    def events(meetings: list[Meeting]) -> list[CalendarEvent]:
        return [_event(site_input, m, host) for m in meetings]

    files = [OutputFile(
        CALENDAR_ICS,
        calendar_ics(events(data.meetings), name=f"{config.organisation.short_name} meetings",
                     description=f"Meetings of the {config.organisation.name} and the bodies "
                                 "it takes part in.", prodid=prodid,
                     uid=f"meetings@{host}", url=_absolute(site_input, "/meetings/")),
        title="Meetings calendar (iCalendar)", kind="calendar", publication_class=CLASS,
        updated=max((m.record.updated for m in data.meetings), default=None))]
    for body in data.bodies:
        files.append(OutputFile(
            body.ics_path,
            calendar_ics(events(body.meetings), name=body.meta.title,
                         description=body.meta.summary or body.meta.title, prodid=prodid,
                         uid=f"meetings/{body.slug}@{host}",
                         url=_absolute(site_input, body.path)),
            title=f"{body.meta.title} calendar (iCalendar)", kind="calendar",
            publication_class=CLASS,
            updated=max((m.record.updated for m in body.meetings), default=None)))
    return files


def _event(site_input: SiteInput, meeting: Meeting, host: str) -> CalendarEvent:
    meta = meeting.meta
    url = _absolute(site_input, meeting.path)
    lines = [meeting.body.meta.title, f"Agenda, papers and minutes: {url}"]
    if meta.webcast:
        lines.append(f"Webcast: {meta.webcast}")
    return CalendarEvent(
        uid=f"{meeting.body.slug}/{meeting.stem}@{host}", summary=meeting.title,
        start=meta.date, end=meta.end, stamp=meeting.record.updated, status=meta.status,
        url=url, location=meta.location, description="\n".join(lines))
