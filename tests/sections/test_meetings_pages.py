"""Meeting, body and calendar pages, read back as HTML."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from conftest import SiteFactory
from htmltools import Element, parse_html
from meeting_site import HELD, meeting_files

from generator.build import BuildResult

Build = Callable[..., BuildResult]


def _built(make_site: SiteFactory, build_site_at: Build,
           overrides: dict[str, str | bytes | None] | None = None) -> Path:
    site = make_site(meeting_files(overrides))
    result = build_site_at(site)
    assert [str(p) for p in result.problems] == [] and result.written
    return site / "_site"


def _page(out: Path, path: str) -> Element:
    return parse_html((out / path.strip("/") / "index.html").read_bytes())


def _main(out: Path, path: str) -> Element:
    main = _page(out, path).find("main")
    assert main is not None
    return main


def test_meeting_page_agenda_attendance_papers_and_exempt_item(
        make_site: SiteFactory, build_site_at: Build) -> None:
    titled = HELD.replace("      - papers/precept-report.pdf", "      - {file: papers/precept-"
                          "report.pdf, title: Proposed precept 2026/27}")
    out = _built(make_site, build_site_at, {"content/meetings/panel/2026-03-24.md": titled})
    main = _main(out, "/meetings/panel/2026-03-24/")
    assert main.find("h1").text == "Testshire Police and Crime Panel, 24 March 2026"
    facts = dict(zip([dt.text for dt in main.find_all("dt")],
                     [dd.text for dd in main.find_all("dd")], strict=True))
    assert facts["Date"] == "Tuesday 24 March 2026"
    assert facts["Time"] == "2pm to 4pm"
    assert facts["Location"] == "Council Chamber, County Hall"
    assert facts["Status"] == "Held"
    assert facts["Minutes"] == "Approved"
    assert main.find("a", href="https://webcasts.example/panel-2026-03-24") is not None

    headings = [h.text for h in main.find_all("h3")]
    assert headings[4:7] == ["Present", "Apologies", "In attendance"]  # after the agenda
    contents = main.find("nav", **{"class": "contents"})
    assert [a.attrs["href"] for a in contents.find_all("a")] == [
        "#agenda", "#attendance", "#minutes"]
    lists = main.find_all("ul", **{"class": "names"})
    assert [[li.text for li in ul.find_all("li")] for ul in lists] == [
        ["Cllr. Ann Able", "Ms Bea Best"], ["Cllr. Carl Cole"],
        ["Rebecca Ashworth (Commissioner)"]]

    agenda = main.find("ol", **{"class": "agenda"})
    items = [li for li in agenda.children if li.tag == "li"]
    assert [li.attrs["id"] for li in items] == ["item-1", "item-2", "item-3", "item-4"]
    assert [li.find("h3").text for li in items] == [
        "Apologies", "Declarations of interest", "Precept proposal",
        "Confirmation hearing deliberations"]
    assert "Ms Best declared a personal interest in item 3." in items[1].text
    precept = items[2]
    assert "Report by: Police and Crime Commissioner" in precept.text
    papers = [(a.attrs["href"], a.text) for a in precept.find("ul").find_all("a")]
    assert papers == [  # a title made from the file name, and one the editor gave
        ("/meetings/panel/papers/precept.csv", "Precept (CSV, 1 KB)"),
        ("/meetings/panel/papers/precept-report.pdf", "Proposed precept 2026/27 (PDF, 3 KB)")]
    assert "RESOLVED: That the precept be supported." in precept.text
    assert precept.find("a", href="/registers/decisions/2026-004/").text == \
        "2026/004: Police precept 2026/27"
    exempt = items[3]
    assert exempt.find("strong").text == "Exempt item, taken in private:"
    assert "Section 100A Local Government Act 1972. The papers for this item are not " \
           "published." in exempt.text
    assert exempt.find("a") is None
    assert (out / "meetings/panel/papers/precept.csv").read_bytes() == b"band,amount\nD,285.42\n"
    assert not (out / "meetings/panel/papers/hearing-report.pdf").exists()

    assert main.find("h2", id="minutes") is not None
    assert main.find("a", href="/meetings/panel/2026-03-31/") is not None  # minutes link
    pager = main.find("nav", **{"class": "pager"})
    assert [a.attrs["href"] for a in pager.find_all("a")] == ["/meetings/panel/2026-03-31/"]


def test_meeting_json_ld_event(make_site: SiteFactory, build_site_at: Build) -> None:
    out = _built(make_site, build_site_at)
    page = _page(out, "/meetings/panel/2026-03-31/")
    script = page.find("script", type="application/ld+json")
    event = json.loads(script.text)
    assert event["@type"] == "Event"
    assert event["startDate"] == "2026-03-31T14:00:00+01:00"  # BST
    assert event["endDate"] == "2026-03-31T15:30:00+01:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    cancelled = _page(out, "/meetings/audit-board/2026-10-27-extra/")
    event = json.loads(cancelled.find("script", type="application/ld+json").text)
    assert event["eventStatus"] == "https://schema.org/EventCancelled"
    assert event["startDate"] == "2026-10-27T10:00:00+00:00"  # GMT


def test_json_ld_cannot_close_its_script(make_site: SiteFactory, build_site_at: Build) -> None:
    out = _built(make_site, build_site_at, {
        "content/meetings/panel/2026-03-31.md":
            "---\ntitle: \"</script><script>alert(1)</script>\"\ndate: 2026-03-31T14:00\n"
            "status: held\n---\n"})
    html = (out / "meetings/panel/2026-03-31/index.html").read_text()
    head = html[:html.index("</head>")]
    assert "<script>alert" not in head and "\\u003c/script\\u003e" in head


def test_cancelled_and_postponed_are_announced_in_words(
        make_site: SiteFactory, build_site_at: Build) -> None:
    out = _built(make_site, build_site_at, {
        "content/meetings/panel/2027-01-20.md":
            "---\ndate: 2027-01-20T14:00\nstatus: postponed\nlocation: Hall\n---\n"})
    banner = _main(out, "/meetings/audit-board/2026-10-27-extra/").find(
        "div", **{"class": "status-banner status-banner-cancelled"})
    assert banner.find("strong").text == "Cancelled."
    assert "This meeting has been cancelled." in banner.text
    banner = _main(out, "/meetings/panel/2027-01-20/").find(
        "div", **{"class": "status-banner status-banner-postponed"})
    assert banner.find("strong").text == "Postponed."
    assert _main(out, "/meetings/panel/2026-03-24/").find("div") is None
    calendar = _main(out, "/meetings/")
    assert "Postponed" in calendar.find("ul", **{"class": "meeting-list"}).text


def test_body_page_lists_upcoming_then_past_by_year(
        make_site: SiteFactory, build_site_at: Build) -> None:
    out = _built(make_site, build_site_at, {
        "content/meetings/panel/2025-11-04.md": "---\ndate: 2025-11-04T13:30\nstatus: held\n"
                                                "location: Hall\n---\n"})
    main = _main(out, "/meetings/panel/")
    assert main.find("h1").text == "Testshire Police and Crime Panel"
    rows = [[c.text for c in tr.children if c.tag in ("th", "td")]
            for tr in main.find("tbody").find_all("tr")]
    assert rows == [["Cllr. Ann Able", "Chair"], ["Ms Bea Best", "Independent member"]]
    assert "Democratic Services, 01632 960 000" in main.find("h2", id="contact").parent.text
    lists = main.find_all("ul", **{"class": "meeting-list"})
    links = [[a.attrs["href"] for a in ul.find_all("a")] for ul in lists]
    assert links == [["/meetings/panel/2027-01-20/"],
                     ["/meetings/panel/2026-03-31/", "/meetings/panel/2026-03-24/"],
                     ["/meetings/panel/2025-11-04/"]]
    assert [h.text for h in main.find_all("h4")] == ["2026", "2025"]
    assert main.find("a", href="/meetings/panel/panel.ics") is not None
    current = main.find("nav", **{"class": "filter"}).find("a", **{"aria-current": "page"})
    assert current.attrs["href"] == "/meetings/panel/"
    private = _main(out, "/meetings/audit-board/")
    assert "meets in private" in private.find("p", **{"class": "notice"}).text


def test_calendar_lists_upcoming_across_bodies_then_recent(
        make_site: SiteFactory, build_site_at: Build) -> None:
    out = _built(make_site, build_site_at)
    main = _main(out, "/meetings/")
    assert [h.text for h in main.find_all("h2")] == ["Upcoming meetings", "Recent meetings"]
    upcoming, recent = main.find_all("ul", **{"class": "meeting-list"})
    assert [a.attrs["href"] for a in upcoming.find_all("a")] == ["/meetings/panel/2027-01-20/"]
    assert [a.attrs["href"] for a in recent.find_all("a")] == [
        "/meetings/audit-board/2026-10-27-extra/", "/meetings/audit-board/2026-10-20/",
        "/meetings/panel/2026-03-31/", "/meetings/panel/2026-03-24/"]
    assert "Audit Board" in recent.find_all("li")[0].text
    filters = [a.attrs["href"] for a in main.find("nav", **{"class": "filter"}).find_all("a")]
    assert filters == ["/meetings/", "/meetings/audit-board/", "/meetings/panel/"]
    assert main.find("a", href="/meetings/meetings.ics") is not None


def test_recent_meetings_setting_limits_the_calendar(
        make_site: SiteFactory, build_site_at: Build) -> None:
    from conftest import MINIMAL_SITE_YML

    site = make_site(meeting_files(), site_yml=MINIMAL_SITE_YML + "meetings:\n  recent: 1\n")
    assert build_site_at(site).written
    main = _main(site / "_site", "/meetings/")
    recent = main.find_all("ul", **{"class": "meeting-list"})[1]
    assert len(recent.find_all("li")) == 1
    assert "Older meetings are listed" in main.text


def test_meeting_pages_carry_kind_class_and_duties(
        make_site: SiteFactory, build_site_at: Build) -> None:
    result = build_site_at(make_site(meeting_files()), write=False)
    assert result.site is not None
    page = result.site.page_at("/meetings/panel/2026-03-24/")
    assert page is not None and page.kind == "meeting"
    assert page.publication_class == "how-we-make-decisions"
    assert page.duties == ("sio-5a-public-meeting-notice", "sio-5b-agenda-and-papers",
                           "sio-5c-minutes")
    assert page.updated is not None and page.updated.isoformat() == "2026-04-02"
    private = result.site.page_at("/meetings/audit-board/2026-10-20/")
    assert private is not None and private.duties == ()
    body = result.site.page_at("/meetings/panel/")
    assert body is not None and body.kind == "body"


def test_terms_of_reference_link(make_site: SiteFactory, build_site_at: Build) -> None:
    from meeting_site import BODY

    with_terms = BODY.replace("public: true", "public: true\nterms_of_reference: papers/terms.pdf")
    out = _built(make_site, build_site_at, {"content/meetings/panel/index.md": with_terms,
                                            "content/meetings/panel/papers/terms.pdf": b"%PDF"})
    section = _main(out, "/meetings/panel/").find("h2", id="terms-of-reference-link").parent
    assert section.find("a", href="/meetings/panel/papers/terms.pdf") is not None
    assert (out / "meetings/panel/papers/terms.pdf").read_bytes() == b"%PDF"

    page = BODY.replace("public: true", "public: true\nterms_of_reference: ../../about.md#terms")
    out = _built(make_site, build_site_at, {"content/meetings/panel/index.md": page,
                                            "content/about.md":
                                            "---\ntitle: About\n---\n## Terms\n\nText.\n"})
    assert _main(out, "/meetings/panel/").find("a", href="/about/#terms") is not None

    missing = BODY.replace("public: true", "public: true\nterms_of_reference: terms.md")
    result = build_site_at(make_site(meeting_files({"content/meetings/panel/index.md": missing})),
                           write=False)
    assert [str(p) for p in result.problems] == [
        'content/meetings/panel/index.md, line 9, field "terms_of_reference": \'terms.md\' '
        "does not exist. Hint: link to a published file inside content/, relative to this one, "
        "or give a full web address."]


def test_calendar_says_what_each_meeting_has(make_site: SiteFactory,
                                            build_site_at: Build) -> None:
    """A councillor sees which meetings have papers or minutes without opening each."""
    out = _built(make_site, build_site_at)
    for path in ("/meetings/", "/meetings/panel/"):
        flags = {li.find("a").attrs["href"]: li.find("span", **{"class": "meeting-flags"})
                 for li in _main(out, path).find_all("li")
                 if li.find("a") is not None and li.find("a").attrs["href"].count("/") == 4}
        assert flags["/meetings/panel/2026-03-24/"].text == \
            "Agenda · 2 papers · Approved minutes"
        assert flags["/meetings/panel/2026-03-31/"].text == "Agenda · Draft minutes"
        assert flags["/meetings/panel/2027-01-20/"].text == "Agenda"


def test_minutes_item_links_the_meeting_whose_minutes_it_approves(
        make_site: SiteFactory, build_site_at: Build) -> None:
    out = _built(make_site, build_site_at)
    item = _main(out, "/meetings/panel/2026-03-31/").find("li", id="item-1")
    assert "Minutes to approve: Testshire Police and Crime Panel, 24 March 2026" in item.text
    assert item.find("a").attrs["href"] == "/meetings/panel/2026-03-24/"


def test_paper_titles_from_file_names() -> None:
    from generator.sections.meeting_data import paper_title

    assert paper_title("2026-02-03-proposed-precept-2026-27.pdf") == "Proposed precept 2026-27"
    assert paper_title("annual_report.docx") == "Annual report"
    assert paper_title("2026-02-03.pdf") == "2026-02-03"
