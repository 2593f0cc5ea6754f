"""Meeting bodies, meetings, agenda items and papers, resolved and checked.

``collect_meetings`` turns the published ``meeting_body`` and ``meeting`` records into
linked objects (each meeting knows its body, its papers on disk and the decisions that
came from it) and reports what is wrong: a date that does not match the file name, a
paper that does not exist or leaves the content folder, a paper named by an exempt item.
The meetings section renders these; the decisions section uses ``meeting_refs``.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from generator.errors import Problem, error, warning
from generator.load.records import Record
from generator.load.sources import dotted_path
from generator.models.meetings import AgendaItem, MeetingBodyMeta, MeetingMeta
from generator.render.filters import file_size, format_date
from generator.site import SiteInput
from generator.urls import page_path_for, resolve_relative
from generator.writer import CopiedFile

EXEMPT_REASON = "is a paper of an exempt agenda item"
_ITEM_FRAGMENT = re.compile(r"item-(\d+)")

FILE_KINDS = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".odt": "OpenDocument text",
    ".xls": "Excel", ".xlsx": "Excel", ".ods": "OpenDocument spreadsheet", ".csv": "CSV",
    ".ppt": "PowerPoint", ".pptx": "PowerPoint", ".odp": "OpenDocument presentation",
    ".txt": "Text", ".md": "Text", ".rtf": "Rich text", ".html": "Web page",
    ".png": "Image", ".jpg": "Image", ".jpeg": "Image", ".zip": "Zip archive",
}


def file_kind(name: str) -> str:
    suffix = posixpath.splitext(name)[1].lower()
    return FILE_KINDS.get(suffix, suffix.lstrip(".").upper() or "File")


_LEADING_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]*")
_WORD_BREAK = re.compile(r"(?<!\d)[-_]|[-_](?!\d)")


def paper_title(file_name: str) -> str:
    """A readable title from a paper's file name when the editor gave none:
    2026-02-03-proposed-precept-2026-27.pdf -> Proposed precept 2026-27."""
    stem = posixpath.splitext(file_name)[0]
    words = " ".join(_WORD_BREAK.sub(" ", _LEADING_DATE.sub("", stem)).split()) or stem
    return words[:1].upper() + words[1:]


@dataclass
class Paper:
    rel: str
    size: int
    given_title: str | None = None

    @property
    def path(self) -> str:
        return "/" + self.rel

    @property
    def name(self) -> str:
        return self.rel.rsplit("/", 1)[-1]

    @property
    def title(self) -> str:
        return self.given_title or paper_title(self.name)

    @property
    def kind(self) -> str:
        return file_kind(self.name)

    @property
    def size_text(self) -> str:
        return file_size(self.size)


@dataclass
class DecisionRef:
    """A decision record that came from a meeting (optionally from one agenda item)."""

    reference: str
    title: str
    path: str
    item: int | None
    rel: str


@dataclass(frozen=True)
class MinutesRef:
    """What a meeting's page shows of the meeting whose minutes it approves: only its
    title and address (a whole Meeting would make ``serve`` compare the chain of every
    meeting before it, each approving the one before)."""

    title: str
    path: str
    rel: str


@dataclass
class Item:
    number: int
    meta: AgendaItem
    papers: list[Paper] = field(default_factory=list)
    decisions: list[DecisionRef] = field(default_factory=list)
    approves: MinutesRef | None = None
    """The earlier meeting whose minutes this item approves ("Minutes of the meeting held
    on 25 November 2025"), when that meeting is published with minutes."""

    @property
    def anchor(self) -> str:
        return f"item-{self.number}"


@dataclass
class Meeting:
    record: Record
    meta: MeetingMeta
    body: Body
    items: list[Item] = field(default_factory=list)
    decisions: list[DecisionRef] = field(default_factory=list)
    """Decisions from this meeting not tied to one agenda item."""

    @property
    def stem(self) -> str:
        return self.record.rel.rsplit("/", 1)[-1][:-3]

    @property
    def path(self) -> str:
        return page_path_for(self.record.rel)

    @property
    def title(self) -> str:
        return meeting_title(self.meta, self.body.meta)

    @property
    def start(self) -> datetime:
        return self.meta.date

    @property
    def status(self) -> str:
        return self.meta.status

    def upcoming(self, today: date) -> bool:
        return self.start.date() >= today

    @property
    def has_minutes(self) -> bool:
        return self.meta.minutes_status is not None

    @property
    def papers(self) -> list[Paper]:
        return [paper for item in self.items for paper in item.papers]

    @property
    def all_decisions(self) -> list[DecisionRef]:
        return [*self.decisions, *(d for item in self.items for d in item.decisions)]


@dataclass
class Body:
    record: Record
    meta: MeetingBodyMeta
    meetings: list[Meeting] = field(default_factory=list, compare=False)
    """Not compared (``page_inputs.py``): a meeting page shows its body's title and
    address, not its other meetings, so editing one meeting must not make every meeting
    page of the body count as changed. Pages that list meetings get them in their context."""

    @property
    def slug(self) -> str:
        return self.record.rel.split("/")[1]

    @property
    def path(self) -> str:
        return f"/meetings/{self.slug}/"

    @property
    def ics_path(self) -> str:
        return f"meetings/{self.slug}/{self.slug}.ics"

    def upcoming(self, today: date) -> list[Meeting]:
        return [m for m in self.meetings if m.upcoming(today)]

    def past_by_year(self, today: date) -> list[tuple[int, list[Meeting]]]:
        """Past meetings grouped by year, newest year and newest meeting first."""
        years: dict[int, list[Meeting]] = {}
        for meeting in reversed(self.meetings):
            if not meeting.upcoming(today):
                years.setdefault(meeting.start.year, []).append(meeting)
        return sorted(years.items(), reverse=True)

    def neighbours(self, meeting: Meeting) -> tuple[Meeting | None, Meeting | None]:
        """The meetings before and after this one (by identity: ``list.index`` compared
        every field of every earlier meeting, quadratic on a body with 250 meetings)."""
        index = next(i for i, m in enumerate(self.meetings) if m is meeting)
        previous = self.meetings[index - 1] if index > 0 else None
        following = self.meetings[index + 1] if index + 1 < len(self.meetings) else None
        return previous, following


@dataclass
class MeetingData:
    bodies: list[Body] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    copies: list[CopiedFile] = field(default_factory=list)
    blocked: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def body_rel(meeting_rel: str) -> str:
    return posixpath.join(posixpath.dirname(meeting_rel), "index.md")


def meeting_title(meta: MeetingMeta, body: MeetingBodyMeta) -> str:
    """The title given, or "<body>, 24 March 2026"."""
    return meta.title or f"{body.title}, {format_date(meta.date)}"


@dataclass(frozen=True)
class MeetingRef:
    """What another section needs to link to a meeting."""

    title: str
    path: str
    items: tuple[str, ...]


def meeting_refs(site_input: SiteInput) -> dict[str, MeetingRef]:
    """Published meetings whose body is published too, by content-relative path."""
    bodies = {r.rel: r.meta for r in site_input.records("meeting_body")}
    refs = {}
    for record in site_input.records("meeting"):
        body = bodies.get(body_rel(record.rel))
        if body is not None:
            refs[record.rel] = MeetingRef(meeting_title(record.meta, body),
                                          page_path_for(record.rel),
                                          tuple(item.title for item in record.meta.agenda))
    return refs


def split_meeting_link(decision: Record) -> tuple[str | None, str]:
    """A decision's ``meeting`` field as (content-relative path or None if escaping, fragment)."""
    target, _, fragment = str(decision.meta.meeting).partition("#")
    return resolve_relative(decision.rel, target), fragment


def item_number(fragment: str) -> int | None:
    match = _ITEM_FRAGMENT.fullmatch(fragment)
    return int(match.group(1)) if match else None


def collect_meetings(site_input: SiteInput) -> MeetingData:
    data = MeetingData()
    bodies = {r.rel: Body(r, r.meta) for r in site_input.records("meeting_body")}
    for record in site_input.records("meeting"):
        body = bodies.get(body_rel(record.rel))
        if body is None:
            if body_rel(record.rel) not in site_input.withheld and \
                    body_rel(record.rel) not in site_input.failed:  # reported there
                data.problems.append(error(
                    record.display, "this meeting has no meeting body",
                    line=1, hint=f"create content/{body_rel(record.rel)} with the body's "
                                 "title, members and contact"))
            continue  # a draft body keeps its meetings unpublished too
        meeting = Meeting(record, record.meta, body)
        data.problems += _check_meeting(meeting, site_input.today)
        meeting.items = [Item(n, item) for n, item in enumerate(meeting.meta.agenda, start=1)]
        data.problems += _resolve_papers(meeting, site_input, data.blocked)
        body.meetings.append(meeting)
        data.meetings.append(meeting)
    for body in bodies.values():
        body.meetings.sort(key=lambda m: (m.start, m.record.rel))
        _link_approved_minutes(body)
    data.bodies = sorted(bodies.values(), key=lambda b: b.meta.title.lower())
    data.meetings.sort(key=lambda m: (m.start, m.body.meta.title.lower(), m.record.rel))
    _attach_decisions(data, site_input)
    data.copies = sorted({p.rel: CopiedFile(p.rel, site_input.assets[p.rel].path)
                          for m in data.meetings for i in m.items for p in i.papers
                          if p.rel not in data.blocked}.values(), key=lambda c: c.path)
    return data


_MONTHS = {name.lower(): number for number, name in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"), start=1)}
_TITLE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z]+),? (\d{4})")


def _date_in(title: str) -> date | None:
    """The date an agenda item's title names: 2025-11-25 or 25 November 2025."""
    match = _TITLE_DATE.search(title)
    if match is None:
        return None
    try:
        if match.group(1):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        month = _MONTHS.get(match.group(5).lower())
        return date(int(match.group(6)), month, int(match.group(4))) if month else None
    except ValueError:
        return None


def _link_approved_minutes(body: Body) -> None:
    """Point each "Minutes of the meeting held on <date>" (or "of the previous meeting")
    item at that meeting's page, so a councillor can read what is being approved."""
    minuted = [m for m in body.meetings if m.has_minutes]
    by_date = {m.start.date(): m for m in minuted}
    for meeting in body.meetings:
        for item in meeting.items:
            title = item.meta.title.lower()
            if "minutes" not in title:
                continue
            held = _date_in(item.meta.title)
            earlier = by_date.get(held) if held else None
            if held is None and "previous" in title:
                before = [m for m in minuted if m.start < meeting.start]
                earlier = before[-1] if before else None
            if earlier is not None and earlier.start < meeting.start:
                item.approves = MinutesRef(earlier.title, earlier.path, earlier.record.rel)


def _check_meeting(meeting: Meeting, today: date) -> list[Problem]:
    record, meta = meeting.record, meeting.meta
    problems = []
    named = meeting.stem[:10]
    if meta.date.date().isoformat() != named:
        problems.append(error(
            record.display, f"the date {meta.date.date().isoformat()} does not match the file "
                            f"name ({named})", line=record.line_of("date"), field="date",
            hint="correct the date, or rename the file to start with the meeting's date"))
    if meta.end is not None and meta.end <= meta.date:
        problems.append(error(
            record.display, "the meeting ends before it starts", line=record.line_of("end"),
            field="end", hint="write the end as a date and time after `date`, "
                              f"e.g. {meta.date.date().isoformat()}T16:00"))
    if meta.status == "scheduled" and meta.date.date() < today:
        problems.append(warning(
            record.display, f"this meeting was on {format_date(meta.date)} but its status is "
                            "still 'scheduled'", line=record.line_of("status") or 1,
            field="status", hint="change it to held, cancelled or postponed"))
    if meta.status == "held" and meta.date.date() > today:
        problems.append(warning(
            record.display, "this meeting is marked 'held' but its date is in the future",
            line=record.line_of("status"), field="status",
            hint="use scheduled until the meeting has taken place"))
    if meta.location is None and meta.status == "scheduled" and meeting.body.meta.public:
        problems.append(warning(
            record.display, "the venue of this public meeting is not given", line=1,
            field="location", hint="add `location: …`; the date, time and venue of public "
                                   "meetings must be published"))
    return problems


def _resolve_papers(meeting: Meeting, site_input: SiteInput,
                    blocked: dict[str, str]) -> list[Problem]:
    record = meeting.record
    problems = []
    assets = site_input.assets
    for item in meeting.items:
        for index, entry in enumerate(item.meta.papers):
            key: tuple[str | int, ...] = ("agenda", item.number - 1, "papers", index)
            target, title = (entry, None) if isinstance(entry, str) else (entry.file, entry.title)
            if not isinstance(entry, str):
                key = (*key, "file")
            line, name = record.line_of(*key), dotted_path(key)
            rel = resolve_relative(record.rel, target)
            if rel is None:
                problems.append(error(
                    record.display, f"the paper '{target}' is outside the content folder",
                    line=line, field=name,
                    hint="put papers in the body's papers/ folder and name them relative to "
                         "the meeting file, e.g. papers/report.pdf"))
            elif item.meta.exempt is not None:
                blocked[rel] = EXEMPT_REASON
                problems.append(error(
                    record.display, f"'{target}' is a paper of an exempt item", line=line,
                    field=name,
                    hint="remove it from the agenda: papers of exempt items are never "
                         "published (the item is still listed, with its reason)"))
            elif rel in assets:
                item.papers.append(Paper(rel, assets[rel].path.stat().st_size, title))
            else:
                problems.append(_missing_paper(record, target, rel, site_input, line, name))
    return problems


def _missing_paper(record: Record, target: str, rel: str, site_input: SiteInput,
                   line: int | None, field_name: str) -> Problem:
    if site_input.is_record(rel) or rel in site_input.withheld:
        return error(record.display, f"'{target}' is a content page, not a paper", line=line,
                     field=field_name, hint="link to pages in the minutes; list only files "
                                            "(PDF, Word, CSV…) as papers")
    folder = posixpath.dirname(rel)
    nearby = [a for a in site_input.assets if posixpath.dirname(a) == folder]
    close = difflib.get_close_matches(rel, nearby, n=1, cutoff=0.6)
    hint = (f"did you mean '{posixpath.relpath(close[0], posixpath.dirname(record.rel))}'?"
            if close else f"add the file as content/{rel}, or correct the path")
    return error(record.display, f"the paper '{target}' does not exist", line=line,
                 field=field_name, hint=hint)


def _attach_decisions(data: MeetingData, site_input: SiteInput) -> None:
    """Link each meeting (or agenda item) to the decision records that name it."""
    by_rel = {m.record.rel: m for m in data.meetings}
    for rel, ref in site_input.summary(decision_links):
        meeting = by_rel.get(rel)
        if meeting is None:
            continue  # reported by the decisions section
        if ref.item is not None and 1 <= ref.item <= len(meeting.items):
            meeting.items[ref.item - 1].decisions.append(ref)
        else:
            meeting.decisions.append(ref)


def decision_links(site_input: SiteInput) -> tuple[tuple[str, DecisionRef], ...]:
    """(meeting file, decision) for each decision that names a meeting, oldest first: all
    a meeting page shows of the decisions register, so editing a decision's text does
    not make ``serve`` build every meeting again."""
    decisions = sorted(site_input.records("decision"),
                       key=lambda r: (r.meta.date, r.meta.reference))
    links = []
    for decision in decisions:
        if decision.meta.meeting is None:
            continue
        rel, fragment = split_meeting_link(decision)
        links.append((rel or "", DecisionRef(decision.meta.reference, decision.meta.title,
                                             page_path_for(decision.rel),
                                             item_number(fragment), decision.rel)))
    return tuple(links)
