"""iCalendar feeds, parsed back with the icalendar library."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import icalendar
from conftest import SiteFactory
from meeting_site import meeting_files

from generator.build import BuildResult
from generator.outputs.ical import CalendarEvent, calendar_ics

Build = Callable[..., BuildResult]
HOST = "example.org"


def _calendars(make_site: SiteFactory, build_site_at: Build) -> dict[str, bytes]:
    result = build_site_at(make_site(meeting_files()), write=False)
    assert result.errors == []
    return {f.path: f.content for f in result.outputs if f.path.endswith(".ics")}


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def test_whole_site_calendar_round_trips(make_site: SiteFactory, build_site_at: Build) -> None:
    files = _calendars(make_site, build_site_at)
    assert sorted(files) == ["meetings/audit-board/audit-board.ics", "meetings/meetings.ics",
                             "meetings/panel/panel.ics"]
    calendar = icalendar.Calendar.from_ical(files["meetings/meetings.ics"])
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert calendar["X-WR-CALNAME"] == "Testshire OPCC meetings"
    events = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in events]
    assert uids == ["panel/2026-03-24@example.org", "panel/2026-03-31@example.org",
                    "audit-board/2026-10-20@example.org",
                    "audit-board/2026-10-27-extra@example.org", "panel/2027-01-20@example.org"]
    starts = {str(e["UID"]).split("@")[0]: _utc(e.start) for e in events}
    # The clocks went forward on 29 March 2026 and back on 25 October 2026.
    assert starts == {
        "panel/2026-03-24": datetime(2026, 3, 24, 14, 0),  # GMT: 2pm local = 14:00 UTC
        "panel/2026-03-31": datetime(2026, 3, 31, 13, 0),  # BST: 2pm local = 13:00 UTC
        "audit-board/2026-10-20": datetime(2026, 10, 20, 9, 0),  # BST
        "audit-board/2026-10-27-extra": datetime(2026, 10, 27, 10, 0),  # GMT again
        "panel/2027-01-20": datetime(2027, 1, 20, 14, 0),
    }
    assert _utc(events[1].end) == datetime(2026, 3, 31, 14, 30)
    assert [str(e["STATUS"]) for e in events] == [
        "CONFIRMED", "CONFIRMED", "CONFIRMED", "CANCELLED", "CONFIRMED"]
    assert str(events[3]["SUMMARY"]).startswith("Cancelled: ")
    assert events[0]["DTSTAMP"].dt == datetime(2026, 4, 2, tzinfo=UTC)  # the file's updated
    assert str(events[0]["URL"]) == "https://example.org/meetings/panel/2026-03-24/"
    assert str(events[0]["LOCATION"]) == "Council Chamber, County Hall"
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/London"]
    assert b"TZID=Europe/London:20260331T140000" in files["meetings/meetings.ics"]
    assert b"\r\n" in files["meetings/meetings.ics"]


def test_body_calendars_hold_only_their_meetings(
        make_site: SiteFactory, build_site_at: Build) -> None:
    files = _calendars(make_site, build_site_at)
    board = icalendar.Calendar.from_ical(files["meetings/audit-board/audit-board.ics"])
    assert [str(e["UID"]) for e in board.walk("VEVENT")] == [
        "audit-board/2026-10-20@example.org", "audit-board/2026-10-27-extra@example.org"]
    assert board["X-WR-CALNAME"] == "Audit Board"


def test_calendars_are_deterministic_and_uids_stable(
        make_site: SiteFactory, build_site_at: Build) -> None:
    first = _calendars(make_site, build_site_at)
    again = _calendars(make_site, build_site_at)
    assert first == again
    retitled = build_site_at(make_site(meeting_files({
        "content/meetings/panel/2026-03-31.md":
            "---\ntitle: A new title\ndate: 2026-03-31T14:00\nstatus: held\n---\n"})),
        write=False)
    ics = next(f.content for f in retitled.outputs if f.path == "meetings/panel/panel.ics")
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(ics).walk("VEVENT")]
    assert "panel/2026-03-31@example.org" in uids


def test_postponed_meeting_is_cancelled_at_that_time() -> None:
    event = CalendarEvent(uid="b/2026-11-18@x", summary="Board", start=datetime(2026, 11, 18, 14),
                          end=None, stamp=datetime(2026, 11, 16).date(), status="postponed",
                          url="https://x/")
    ics = calendar_ics([event], name="n", description="d", prodid="-//x//EN", uid="u@x",
                       url="https://x/")
    parsed = icalendar.Calendar.from_ical(ics).walk("VEVENT")[0]
    assert str(parsed["STATUS"]) == "CANCELLED"
    assert str(parsed["SUMMARY"]) == "Postponed: Board"
    assert "DTEND" not in parsed
