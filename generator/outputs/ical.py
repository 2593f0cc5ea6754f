"""iCalendar (RFC 5545) feeds of meetings, written with the ``icalendar`` library.

Meeting times are written as local times with ``TZID=Europe/London`` and a VTIMEZONE
covering the years of the meetings, so calendar apps show 2pm as 2pm on both sides of
a clock change. Everything is derived from content, never from the clock:

- UID: ``<body>/<file stem>@<site host>``: stable across builds and renames of the title;
- DTSTAMP and LAST-MODIFIED: the meeting file's ``updated`` date, at midnight UTC;
- cancelled and postponed meetings: ``STATUS:CANCELLED`` (a postponed meeting will not
  take place at that time; its summary says "Postponed").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar

TIMEZONE = "Europe/London"
LOCAL = ZoneInfo(TIMEZONE)


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    start: datetime
    """Naive local (Europe/London) time, as written in the meeting file."""
    end: datetime | None
    stamp: date
    status: str
    """The meeting's status: scheduled, held, cancelled or postponed."""
    url: str
    location: str | None = None
    description: str | None = None


def local(moment: datetime) -> datetime:
    """A naive Europe/London time made aware (clock-change gaps resolve as zoneinfo does)."""
    return moment.replace(tzinfo=LOCAL) if moment.tzinfo is None else moment


def calendar_ics(events: Sequence[CalendarEvent], *, name: str, description: str,
                 prodid: str, uid: str, url: str) -> bytes:
    return _calendar_ics(tuple(events), name, description, prodid, uid, url)


# Writing a calendar is most of the meetings section's time; in ``serve`` most rebuilds
# (an edited minute, a decision) leave every event as it was, so remember the last few
# calendars by their complete content.
@functools.lru_cache(maxsize=32)
def _calendar_ics(events: tuple[CalendarEvent, ...], name: str, description: str,
                  prodid: str, uid: str, url: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.prodid = prodid
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.uid = uid
    calendar.calendar_name = name
    calendar.description = description
    calendar.url = url
    calendar.refresh_interval = timedelta(days=1)
    calendar.add("x-published-ttl", "P1D")
    for event in sorted(events, key=lambda e: (e.start, e.uid)):
        calendar.add_component(_vevent(event))
    if events:
        years = [e.start.year for e in events] + [e.end.year for e in events if e.end]
        calendar.add_missing_timezones(first_date=date(min(years), 1, 1),
                                       last_date=date(max(years) + 1, 1, 1))
    ics: bytes = calendar.to_ical()
    return ics


def _vevent(event: CalendarEvent) -> icalendar.Event:
    stamp = datetime.combine(event.stamp, time(0, 0), tzinfo=UTC)
    vevent = icalendar.Event()
    vevent.uid = event.uid
    vevent.DTSTAMP = stamp
    vevent.LAST_MODIFIED = stamp
    vevent.start = local(event.start)
    if event.end is not None:
        vevent.end = local(event.end)
    prefix = {"cancelled": "Cancelled: ", "postponed": "Postponed: "}.get(event.status, "")
    vevent.summary = prefix + event.summary
    vevent.status = "CANCELLED" if event.status in {"cancelled", "postponed"} else "CONFIRMED"
    if event.location:
        vevent.location = event.location
    if event.description:
        vevent.description = event.description
    vevent.url = event.url
    return vevent
