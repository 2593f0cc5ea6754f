"""The decisions register: record pages, index and year pages, CSV/JSON downloads."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

from conftest import SiteFactory
from htmltools import Element, parse_html
from meeting_site import meeting_files

from generator.build import BuildResult

Build = Callable[..., BuildResult]


def _site(make_site: SiteFactory, build_site_at: Build) -> Path:
    site = make_site(meeting_files())
    result = build_site_at(site)
    assert [str(p) for p in result.problems] == [] and result.written
    return site / "_site"


def _main(out: Path, path: str) -> Element:
    main = parse_html((out / path.strip("/") / "index.html").read_bytes()).find("main")
    assert main is not None
    return main


def test_csv_round_trip(make_site: SiteFactory, build_site_at: Build) -> None:
    out = _site(make_site, build_site_at)
    text = (out / "registers/decisions.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [
        {"reference": "2026/004", "date": "2026-03-26", "title": "Police precept 2026/27",
         "decision_maker": "Police and Crime Commissioner", "value": "89179479.00",
         "significant_public_interest": "true",
         "meeting": "Testshire Police and Crime Panel, 24 March 2026",
         "meeting_url": "https://example.org/meetings/panel/2026-03-24/#item-3",
         "url": "https://example.org/registers/decisions/2026-004/"},
        {"reference": "2025/018", "date": "2025-04-10",
         "title": "Community safety grants, 2025/26",
         "decision_maker": "Deputy Police and Crime Commissioner", "value": "330000.50",
         "significant_public_interest": "false", "meeting": "", "meeting_url": "",
         "url": "https://example.org/registers/decisions/2025-018/"},
    ]
    document = json.loads((out / "registers/decisions.json").read_text())
    assert [r["reference"] for r in document["rows"]] == ["2026/004", "2025/018"]
    assert document["rows"][1]["value"] == 330000.5
    assert document["rows"][0]["significant_public_interest"] is True


def test_index_is_a_sortable_table_with_year_pages(make_site: SiteFactory,
                                                   build_site_at: Build) -> None:
    out = _site(make_site, build_site_at)
    main = _main(out, "/registers/decisions/")
    table = main.find("table")
    assert "data-sortable" in table.attrs
    assert [th.text for th in table.find("thead").find_all("th")] == [
        "Reference", "Date", "Decision", "Decision maker", "Value",
        "Significant public interest"]
    body_rows = table.find("tbody").find_all("tr")
    assert [tr.find("th").text for tr in body_rows] == ["2026/004", "2025/018"]
    assert body_rows[0].find_all("td")[0].attrs["data-sort"] == "2026-03-26"
    assert body_rows[1].find_all("td")[3].text == "£330,000.50"
    years = [a.attrs["href"] for a in main.find("nav", **{"class": "filter"}).find_all("a")]
    assert years == ["/registers/decisions/", "/registers/decisions/2026/",
                     "/registers/decisions/2025/"]
    assert main.find("a", href="/registers/decisions.csv") is not None
    year = _main(out, "/registers/decisions/2025/")
    assert [tr.find("th").text for tr in year.find("tbody").find_all("tr")] == ["2025/018"]
    assert year.find("a", **{"aria-current": "page"}).text == "2025"


def test_decision_page_links_to_its_meeting_item_and_back(
        make_site: SiteFactory, build_site_at: Build) -> None:
    out = _site(make_site, build_site_at)
    main = _main(out, "/registers/decisions/2026-004/")
    assert main.find("h1").text == "Police precept 2026/27"
    facts = dict(zip([dt.text for dt in main.find_all("dt")],
                     [dd.text for dd in main.find_all("dd")], strict=True))
    assert facts == {
        "Reference": "2026/004", "Date": "26 March 2026",
        "Decision maker": "Police and Crime Commissioner", "Value": "£89,179,479",
        "Significant public interest": "Yes",
        "Meeting": "Testshire Police and Crime Panel, 24 March 2026, item 3: Precept proposal"}
    assert main.find("a", href="/meetings/panel/2026-03-24/#item-3") is not None
    assert main.find("h2", id="decision") is not None
    back = _main(out, "/meetings/panel/2026-03-24/").find("li", id="item-3")
    assert back.find("a", href="/registers/decisions/2026-004/") is not None


def test_decision_without_item_is_listed_for_the_whole_meeting(
        make_site: SiteFactory, build_site_at: Build) -> None:
    from meeting_site import DECISION

    site = make_site(meeting_files({"content/registers/decisions/2026-004.md":
                                    DECISION.replace("#item-3", "")}))
    assert build_site_at(site).written
    meeting = _main(site / "_site", "/meetings/panel/2026-03-24/")
    section = meeting.find("h2", id="decisions")
    assert section is not None and section.text == "Decisions taken at this meeting"
    assert meeting.find("a", href="/registers/decisions/2026-004/") is not None


def test_decision_pages_carry_kind_and_duty(make_site: SiteFactory,
                                            build_site_at: Build) -> None:
    result = build_site_at(make_site(meeting_files()), write=False)
    assert result.site is not None
    page = result.site.page_at("/registers/decisions/2026-004/")
    assert page is not None
    assert (page.kind, page.duties, page.publication_class) == (
        "decision", ("sio-5d-decision-records",), "how-we-make-decisions")
    index = result.site.page_at("/registers/decisions/")
    assert index is not None and index.duties == ("sio-5d-decision-records",)
    year = result.site.page_at("/registers/decisions/2026/")
    assert year is not None and not year.in_search


def test_a_meeting_or_body_that_fails_to_load_is_reported_once(
        make_site: SiteFactory, build_site_at: Build) -> None:
    """A meeting (or its body) whose front matter is broken gets its own error; its
    decisions and meetings get no false "not a published meeting" or "has no meeting
    body" (no cascade). A meeting that is really not there is still reported."""
    from meeting_site import HELD

    broken = HELD.replace("status: held", "status: [held")
    assert broken != HELD
    site = make_site(meeting_files({"content/meetings/panel/2026-03-24.md": broken}))
    errors = [p for p in build_site_at(site, write=False).problems if p.is_error]
    assert [p.path for p in errors] == ["content/meetings/panel/2026-03-24.md"], errors

    site = make_site(meeting_files({"content/meetings/panel/index.md": "---\ntitle: [Panel\n"
                                    "---\n"}))
    errors = [p for p in build_site_at(site, write=False).problems if p.is_error]
    assert [p.path for p in errors] == ["content/meetings/panel/index.md"], errors

    site = make_site(meeting_files({"content/meetings/panel/2026-03-24.md": None}))
    messages = [str(p) for p in build_site_at(site, write=False).problems]
    assert any("content/registers/decisions/2026-004.md" in m
               and "is not a published meeting" in m for m in messages), messages
