"""Meetings as data: /meetings.csv and /meetings.json, one row per published meeting.

The field names follow the Open Civic Data event model where one fits (``name``,
``start_date``, ``end_date``, ``status``, ``location``, ``agenda``, ``documents``,
``media``, ``participants``: https://open-civic-data.readthedocs.io/en/latest/data/event.html),
flattened to one row per meeting so that the CSV opens in a spreadsheet: a list (agenda
items, papers, names) is one cell with its items separated by "; ". Status keeps this
site's words (scheduled, held, cancelled, postponed), which say more than OCD's.

Only published meetings are rows (drafts and embargoed meetings never reach the site),
and an exempt item is listed by its title like on the meeting's page; its papers are
never published, so never listed.
"""

from __future__ import annotations

from generator.datasets import Column, Dataset
from generator.sections.meeting_data import Meeting, MeetingData
from generator.site import SiteInput

OCD_EVENT = "https://open-civic-data.readthedocs.io/en/latest/data/event.html"

COLUMNS = (
    Column("id", "Meeting", "text", "The meeting's own identifier: its body and its file "
                                    "name, e.g. police-and-crime-panel/2026-09-23."),
    Column("name", "Title", "text", "The meeting's title (OCD event name)."),
    Column("organization", "Meeting body", "text", "The body that met, e.g. Police and Crime "
                                                   "Panel (OCD: the organisation taking part)."),
    Column("start_date", "Starts", "datetime", "When the meeting starts, UK local time."),
    Column("end_date", "Ends", "datetime", "When it ends (or is expected to), UK local time."),
    Column("status", "Status", "text", "scheduled, held, cancelled or postponed."),
    Column("location", "Location", "text", "Where it is held (OCD location name)."),
    Column("agenda", "Agenda", "list", "The agenda items' titles, in order, separated by "
                                       "\"; \"; an item taken in private is listed too."),
    Column("documents", "Papers", "list", "The web addresses of the meeting's published "
                                          "papers, separated by \"; \" (OCD documents)."),
    Column("media", "Webcast", "text", "The web address of the live stream or recording "
                                       "(OCD media)."),
    Column("participants_present", "Present", "list",
           "Members who attended, separated by \"; \" (OCD participants)."),
    Column("participants_apologies", "Apologies", "list", "Members who sent apologies."),
    Column("participants_in_attendance", "In attendance", "list",
           "Others who attended: officers and guests."),
    Column("minutes_status", "Minutes", "text", "draft or approved, once minutes are "
                                                "published; empty before."),
    Column("url", "Web page", "text", "The meeting's page: agenda, papers and minutes."),
)


def meetings_dataset(site_input: SiteInput, data: MeetingData) -> Dataset | None:
    """Every published meeting, oldest first; None when the site has no meetings."""
    if not data.meetings:
        return None
    base = site_input.config.base_url.rstrip("/")
    rows = [_row(meeting, base) for meeting in data.meetings]
    return Dataset(path="meetings", title="Meetings",
                   description="Every meeting of the bodies on this site: when and where, "
                               "its status, agenda, papers, attendance and minutes.",
                   columns=COLUMNS, rows=rows,
                   updated=max(m.record.updated for m in data.meetings),
                   publication_class="how-we-make-decisions", page_path="/meetings/",
                   conforms_to=(OCD_EVENT,))


def _row(meeting: Meeting, base: str) -> dict[str, object]:
    meta = meeting.meta
    return {
        "id": f"{meeting.body.slug}/{meeting.stem}",
        "name": meeting.title,
        "organization": meeting.body.meta.title,
        "start_date": meta.date,
        "end_date": meta.end,
        "status": meta.status,
        "location": meta.location,
        "agenda": [item.meta.title for item in meeting.items],
        "documents": [base + paper.path for item in meeting.items for paper in item.papers],
        "media": meta.webcast,
        "participants_present": list(meta.attendance.present),
        "participants_apologies": list(meta.attendance.apologies),
        "participants_in_attendance": list(meta.attendance.in_attendance),
        "minutes_status": meta.minutes_status,
        "url": base + meeting.path,
    }
