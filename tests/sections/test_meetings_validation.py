"""Meetings and decisions: every content mistake is a located, plain-English problem."""

from __future__ import annotations

from collections.abc import Callable

from conftest import SiteFactory
from meeting_site import DECISION, HELD, meeting_files

from generator.build import BuildResult

Build = Callable[..., BuildResult]
MEETING = "content/meetings/panel/2026-03-24.md"


def _problems(make_site: SiteFactory, build_site_at: Build,
              overrides: dict[str, str | bytes | None], path: str = MEETING) -> list[str]:
    result = build_site_at(make_site(meeting_files(overrides)), write=False)
    return [str(p) for p in result.problems if p.path == path]


def test_the_example_test_site_is_clean(make_site: SiteFactory, build_site_at: Build) -> None:
    result = build_site_at(make_site(meeting_files()), write=False)
    assert [str(p) for p in result.problems] == []


def test_bad_dates(make_site: SiteFactory, build_site_at: Build) -> None:
    no_time = HELD.replace("date: 2026-03-24T14:00", "date: 2026-03-24")
    assert _problems(make_site, build_site_at, {MEETING: no_time}) == [
        'content/meetings/panel/2026-03-24.md, line 2, field "date": \'2026-03-24\' has a '
        "date but no time. Hint: write a date and time as YYYY-MM-DD HH:MM or "
        "DD/MM/YYYY HH:MM, e.g. 2024-03-01 14:00 or 01/03/2024 14:00."]
    impossible = HELD.replace("end: 2026-03-24T16:00", "end: 2026-03-32T16:00")
    assert _problems(make_site, build_site_at, {MEETING: impossible}) == [
        'content/meetings/panel/2026-03-24.md, line 3, field "end": \'2026-03-32T16:00\' is '
        "not a date and time. Hint: write a date and time as YYYY-MM-DD HH:MM or "
        "DD/MM/YYYY HH:MM, e.g. 2024-03-01 14:00 or 01/03/2024 14:00."]
    other_day = HELD.replace("date: 2026-03-24T14:00", "date: 2026-03-25T14:00") \
        .replace("end: 2026-03-24T16:00", "end: 2026-03-24T13:00")
    assert _problems(make_site, build_site_at, {MEETING: other_day}) == [
        'content/meetings/panel/2026-03-24.md, line 2, field "date": the date 2026-03-25 does '
        "not match the file name (2026-03-24). Hint: correct the date, or rename the file to "
        "start with the meeting's date.",
        'content/meetings/panel/2026-03-24.md, line 3, field "end": the meeting ends before it '
        "starts. Hint: write the end as a date and time after `date`, e.g. 2026-03-25T16:00."]


def test_uk_date_times_are_accepted_like_uk_dates(make_site: SiteFactory,
                                                  build_site_at: Build) -> None:
    uk = HELD.replace("date: 2026-03-24T14:00", "date: 24/03/2026 14:00") \
        .replace("end: 2026-03-24T16:00", "end: 24/03/2026 16:00:00")
    result = build_site_at(make_site(meeting_files({MEETING: uk})), write=False)
    assert [str(p) for p in result.problems] == []
    [meeting] = [r for r in result.site.loaded.records if r.rel == "meetings/panel/2026-03-24.md"]
    assert (str(meeting.meta.date), str(meeting.meta.end)) == ("2026-03-24 14:00:00",
                                                               "2026-03-24 16:00:00")
    impossible = HELD.replace("date: 2026-03-24T14:00", "date: 24/13/2026 14:00")
    assert _problems(make_site, build_site_at, {MEETING: impossible}) == [
        'content/meetings/panel/2026-03-24.md, line 2, field "date": \'24/13/2026 14:00\' is '
        "not a date and time. Hint: write a date and time as YYYY-MM-DD HH:MM or "
        "DD/MM/YYYY HH:MM, e.g. 2024-03-01 14:00 or 01/03/2024 14:00."]


def test_unknown_status_and_unknown_field(make_site: SiteFactory, build_site_at: Build) -> None:
    text = HELD.replace("status: held", "status: hled").replace("webcast:", "webcats:")
    assert _problems(make_site, build_site_at, {MEETING: text}) == [
        'content/meetings/panel/2026-03-24.md, line 5, field "status": \'hled\' is not allowed '
        "here. Hint: did you mean 'held'?",
        'content/meetings/panel/2026-03-24.md, line 6, field "webcats": "webcats" is not a '
        "field here. Hint: did you mean 'webcast'?"]


def test_status_out_of_step_with_the_date_is_a_warning(
        make_site: SiteFactory, build_site_at: Build) -> None:
    assert _problems(make_site, build_site_at,
                     {MEETING: HELD.replace("status: held", "status: scheduled")}) == [
        'content/meetings/panel/2026-03-24.md, line 5, field "status": this meeting was on '
        "24 March 2026 but its status is still 'scheduled'. Hint: change it to held, cancelled "
        "or postponed."]


def test_missing_escaping_and_exempt_papers(make_site: SiteFactory, build_site_at: Build) -> None:
    text = HELD.replace("      - papers/precept-report.pdf",
                        "      - papers/precept-reprot.pdf\n      - ../../../../etc/passwd") \
        .replace("    exempt: Section 100A Local Government Act 1972",
                 "    exempt: Section 100A Local Government Act 1972\n"
                 "    papers: [papers/hearing-report.pdf]")
    assert _problems(make_site, build_site_at, {MEETING: text}) == [
        'content/meetings/panel/2026-03-24.md, line 19, field "agenda[3].papers[2]": the paper '
        "'papers/precept-reprot.pdf' does not exist. Hint: did you mean "
        "'papers/precept-report.pdf'?",
        'content/meetings/panel/2026-03-24.md, line 20, field "agenda[3].papers[3]": the paper '
        "'../../../../etc/passwd' is outside the content folder. Hint: put papers in the "
        "body's papers/ folder and name them relative to the meeting file, e.g. "
        "papers/report.pdf.",
        'content/meetings/panel/2026-03-24.md, line 25, field "agenda[4].papers[1]": '
        "'papers/hearing-report.pdf' is a paper of an exempt item. Hint: remove it from the "
        "agenda: papers of exempt items are never published (the item is still listed, with "
        "its reason)."]


def test_exempt_paper_is_never_copied_even_when_linked(
        make_site: SiteFactory, build_site_at: Build) -> None:
    text = HELD.replace("    exempt: Section 100A Local Government Act 1972",
                        "    exempt: Section 100A Local Government Act 1972\n"
                        "    papers: [papers/hearing-report.pdf]")
    text += "\nSee [the report](papers/hearing-report.pdf).\n"
    site = make_site(meeting_files({MEETING: text}))
    result = build_site_at(site, write=False)
    messages = [str(p) for p in result.problems]
    assert any("which is a paper of an exempt agenda item" in m for m in messages)
    assert result.site is not None
    assert "meetings/panel/papers/hearing-report.pdf" in result.site.blocked_assets
    assert all(c.path != "meetings/panel/papers/hearing-report.pdf" for c in result.site.copies)


def test_a_paper_that_is_a_page_is_refused(make_site: SiteFactory, build_site_at: Build) -> None:
    text = HELD.replace("      - papers/precept.csv", "      - 2026-03-31.md")
    assert _problems(make_site, build_site_at, {MEETING: text}) == [
        'content/meetings/panel/2026-03-24.md, line 18, field "agenda[3].papers[1]": '
        "'2026-03-31.md' is a content page, not a paper. Hint: link to pages in the minutes; "
        "list only files (PDF, Word, CSV…) as papers."]


def test_misnamed_meeting_file_and_missing_body(make_site: SiteFactory,
                                                build_site_at: Build) -> None:
    result = build_site_at(make_site(meeting_files({
        "content/meetings/panel/march-meeting.md": HELD,
        "content/meetings/orphans/2026-05-01.md": "---\ndate: 2026-05-01T10:00\nstatus: held\n"
                                                  "---\n",
    })), write=False)
    assert [str(p) for p in result.problems] == [
        "content/meetings/orphans/2026-05-01.md, line 1: this meeting has no meeting body. "
        "Hint: create content/meetings/orphans/index.md with the body's title, members and "
        "contact.",
        "content/meetings/panel/march-meeting.md, line 1: 'march-meeting.md' is not a meeting "
        "file name. Hint: name a meeting after its date, e.g. 2026-03-24.md or "
        "2026-03-24-budget.md; put other documents in papers/."]


def test_papers_of_any_type_are_assets_not_registers(
        make_site: SiteFactory, build_site_at: Build) -> None:
    site = make_site(meeting_files({
        "content/meetings/panel/papers/notes.md": "not: [valid front matter\n",
        "content/meetings/panel/papers/precept.csv": "a,b\n1,2,3\n",  # ragged, still a paper
    }))
    result = build_site_at(site, write=False)
    assert result.problems == []
    assert "meetings/panel/papers/notes.md" in result.site.loaded.assets  # type: ignore[union-attr]


def test_draft_meeting_and_draft_body_are_left_out(
        make_site: SiteFactory, build_site_at: Build) -> None:
    site = make_site(meeting_files({
        "content/meetings/panel/2026-03-31.md": "---\ndate: 2026-03-31T14:00\ndraft: true\n---\n",
        "content/meetings/audit-board/index.md": "---\ntitle: Audit Board\ndraft: true\n---\n",
        MEETING: HELD.replace("[confirmed](2026-03-31.md)", "confirmed"),
    }))
    result = build_site_at(site, write=False)
    assert [str(p) for p in result.problems] == []
    assert result.site is not None
    paths = {p.path for p in result.site.pages}
    assert "/meetings/panel/2026-03-31/" not in paths
    assert not any(p.startswith("/meetings/audit-board/") for p in paths)
    ics = next(f for f in result.site.files if f.path == "meetings/meetings.ics").content
    assert b"2026-03-31" not in ics and b"audit-board" not in ics


def test_decision_meeting_links_are_checked(make_site: SiteFactory, build_site_at: Build) -> None:
    path = "content/registers/decisions/2026-004.md"
    cases = {
        "../../meetings/panel/2026-03-25.md": 'line 8, field "meeting": '
        "'../../meetings/panel/2026-03-25.md' is not a published meeting. Hint: name a meeting "
        "file, e.g. ../../meetings/<body>/<YYYY-MM-DD>.md; that folder has 2026-03-24.md, "
        "2026-03-31.md, 2027-01-20.md.",
        "../../meetings/panel/2026-03-24.md#item-9": 'line 8, field "meeting": the meeting has '
        "no agenda item '#item-9'. Hint: end the path with #item-1 to #item-4 (agenda items in "
        "order), or leave out the #.",
        "../../../../2026-03-24.md": 'line 8, field "meeting": \'../../../../2026-03-24.md\' is '
        "outside the content folder. Hint: give the meeting file relative to this one, e.g. "
        "../../meetings/police-and-crime-panel/2026-02-03.md.",
    }
    for target, expected in cases.items():
        text = DECISION.replace("../../meetings/panel/2026-03-24.md#item-3", target)
        assert _problems(make_site, build_site_at, {path: text}, path) == [
            f"{path}, {expected}"]


def test_decision_references_are_unique_and_match_file_names(
        make_site: SiteFactory, build_site_at: Build) -> None:
    result = build_site_at(make_site(meeting_files({
        "content/registers/decisions/precept.md": DECISION}), ), write=False)
    assert [str(p) for p in result.problems] == [
        'content/registers/decisions/precept.md, line 2, field "reference": the file name does '
        "not match the reference '2026/004'. Hint: rename the file to 2026-004.md so its web "
        "address follows the reference.",
        'content/registers/decisions/precept.md, line 2, field "reference": the reference '
        "'2026/004' is also used by content/registers/decisions/2026-004.md. Hint: give each "
        "decision its own reference."]


def test_decision_fields_are_strict(make_site: SiteFactory, build_site_at: Build) -> None:
    path = "content/registers/decisions/2026-004.md"
    text = DECISION.replace("significant_public_interest: true",
                            "significant_public_interest: unknown").replace(
        "date: 2026-03-26", "date: 26 March 2026")
    assert _problems(make_site, build_site_at, {path: text}, path) == [
        f'{path}, line 4, field "date": \'26 March 2026\' is not a date. Hint: write dates as '
        "YYYY-MM-DD, e.g. 2024-03-01.",
        f'{path}, line 7, field "significant_public_interest": \'unknown\' is not true or false. '
        "Hint: write true or false."]


def test_links_in_markdown_fields_are_reported_on_the_field(
        make_site: SiteFactory, build_site_at: Build) -> None:
    """A minute is Markdown like the body: its bad links name the item's field and line
    (the first item's title holds the same text; the minute is still the one named)."""
    text = HELD.replace(
        "    minute: The Commissioner presented the proposal.\n",
        "    minute: See [the report](missing.md) and [this](javascript:alert(1)).\n").replace(
        "  - title: Apologies\n", "  - title: '[Apologies](gone.md)'\n"
                                  "    minute: '[Apologies](gone.md)'\n")
    assert _problems(make_site, build_site_at, {MEETING: text}) == [
        'content/meetings/panel/2026-03-24.md, line 13, field "agenda[1].minute": the link '
        "points to 'meetings/panel/gone.md', which does not exist. Hint: did you mean "
        "'meetings/panel/index.md'?",
        'content/meetings/panel/2026-03-24.md, line 21, field "agenda[3].minute": the link '
        "'javascript:alert(1)' uses an unsafe address type. Hint: only http, https, mailto "
        "and tel links are allowed; the link was removed.",
        'content/meetings/panel/2026-03-24.md, line 21, field "agenda[3].minute": the link '
        "points to 'meetings/panel/missing.md', which does not exist. Hint: did you mean "
        "'meetings/panel/index.md'?"]


def test_a_titled_paper_is_checked_and_located_like_a_bare_one(
        make_site: SiteFactory, build_site_at: Build) -> None:
    text = HELD.replace("      - papers/precept-report.pdf",
                        "      - file: papers/precept-reprot.pdf\n"
                        "        title: Proposed precept 2026/27")
    assert _problems(make_site, build_site_at, {MEETING: text}) == [
        'content/meetings/panel/2026-03-24.md, line 19, field "agenda[3].papers[2].file": the '
        "paper 'papers/precept-reprot.pdf' does not exist. Hint: did you mean "
        "'papers/precept-report.pdf'?"]
