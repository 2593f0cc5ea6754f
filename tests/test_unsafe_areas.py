"""Hostile text in the areas' fields: register cells, agenda items and minutes, role
titles, members' names. Every payload of the attack corpus (test_unsafe_content.py) goes
into each field of one site, built once: no page may hold active content (``dangers``),
each value reads back exactly as typed in its table cell or element, and the CSV and
JSON downloads carry it unchanged.

Gifts come from YAML, spending suppliers from a CSV export; agenda item titles are
plain text and minutes are Markdown (so a Markdown link to javascript: is an error,
like in a page body, and the payloads Markdown leaves alone read back as typed).
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from conftest import MINIMAL_SITE_YML, TODAY, write_files
from htmltools import Element, parse_html
from register_support import page, read_csv, read_json
from test_properties import yaml_quoted
from test_unsafe_content import PAYLOADS, PLAIN, dangers

from generator.build import BuildResult, build

MEETING = "content/meetings/panel/2026-03-24.md"
MEETING_TITLE = "</script><script>alert(1)</script><!--"
LOCATION = '"><img src=x onerror=alert(1)>'
START = date(2026, 1, 1)
JOB = ("## Job purpose\n\nTo do the job.\n\n## Main responsibilities\n\n"
       "1. The first duty.\n2. The second duty.\n")


def normal(text: str) -> str:
    return " ".join(text.split())


def _csv_cell(text: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([text])
    return out.getvalue()[:-1]


def _files() -> dict[str, str | bytes]:
    q = yaml_quoted
    gifts = "updated: 2026-10-01\nentries:\n" + "".join(
        f"  - date: {START + timedelta(days=i)}\n    recipient: Ann Example\n"
        f"    offered_by: Acme Ltd\n    description: {q(p)}\n    value: {i + 1}\n"
        "    status: accepted\n" for i, p in enumerate(PAYLOADS))
    spending = "date,supplier,description,category,amount,reference\n" + "".join(
        f"2026-10-{1 + i % 28:02d},{_csv_cell(p)},Services,Other,{600 + i},R{i}\n"
        for i, p in enumerate(PAYLOADS))
    members = "".join(f"  - {{name: {q(p)}, role: Member}}\n" for p in PAYLOADS)
    agenda = "".join(f"  - title: {q(p)}\n    minute: {q(p)}\n" for p in PAYLOADS)
    roles = {f"content/staff/roles/role-{i}.md":
             f"---\ntitle: {q(p)}\ngrade: S5\nfte: 1\nreports_to: commissioner\n"
             f"politically_restricted: true\n---\n{JOB}" for i, p in enumerate(PAYLOADS)}
    return {
        "site.yml": MINIMAL_SITE_YML,
        "content/index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/registers/gifts-and-hospitality.md": "---\ntitle: Gifts\n---\nGifts.\n",
        "content/registers/gifts-and-hospitality.yml": gifts,
        "content/registers/spending/index.md": "---\ntitle: Spending\n---\nSpending.\n",
        "content/registers/spending/2026-10.csv": spending,
        "content/meetings/panel/index.md": f"---\ntitle: Panel\nmembers:\n{members}---\nThe "
                                           "Panel.\n",
        MEETING: f"---\ntitle: {q(MEETING_TITLE)}\ndate: 2026-03-24T14:00\n"
                 f"location: {q(LOCATION)}\nstatus: held\nagenda:\n{agenda}"
                 "minutes_status: approved\nupdated: 2026-04-01\n---\nMinutes.\n",
        "content/staff/pay-scales.yml": "effective_from: 2026-04-01\ngrades:\n"
                                        "  - {code: S5, min: 22668, max: 24759}\n",
        "content/staff/roles/commissioner.md": (
            "---\ntitle: Police and Crime Commissioner\nfte: 1\n"
            "statutory: [police-and-crime-commissioner]\npolitically_restricted: true\n"
            f"postholder: Ann Example\nsalary: 88600\n---\n{JOB}"),
        **roles,
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = tmp_path_factory.mktemp("unsafe-areas")
    write_files(root, _files())
    return build(root, today=TODAY, write=False, search=False)


def _html(result: BuildResult) -> dict[str, bytes]:
    return {o.path: o.content for o in result.outputs if o.path.endswith(".html")}


def test_no_page_holds_active_content(built: BuildResult) -> None:
    pages = _html(built)
    assert {"registers/gifts-and-hospitality/index.html", "registers/spending/2026-10/index.html",
            "meetings/panel/index.html", "meetings/panel/2026-03-24/index.html",
            "staff/organisation-chart/index.html", "staff/roles/role-0/index.html"} <= set(pages)
    for path, html in sorted(pages.items()):
        assert dangers(html) == [], path


def test_the_only_errors_are_the_unsafe_links_in_the_minutes(built: BuildResult) -> None:
    """Markdown links to javascript:/data: in a minute are removed and reported, as in a
    page body; nothing else in the corpus is an error anywhere."""
    unsafe = [p for p in built.errors if "uses an unsafe address type" in p.message]
    assert unsafe and {p.path for p in unsafe} == {MEETING}
    assert [str(p) for p in built.errors if p not in unsafe] == []


def test_register_cells_read_exactly_as_typed(built: BuildResult) -> None:
    newest_first = [normal(p) for p in reversed(PAYLOADS)]
    gifts = page(built, "registers/gifts-and-hospitality/index.html").table("Gifts")
    assert gifts.column("Description") == newest_first
    assert [r["description"] for r in read_csv(
        built, "registers/gifts-and-hospitality.csv")] == PAYLOADS
    assert [r["description"] for r in read_json(
        built, "registers/gifts-and-hospitality.json")["rows"]] == PAYLOADS

    by_date = sorted(range(len(PAYLOADS)), key=lambda i: (1 + i % 28, i))
    month = page(built, "registers/spending/2026-10/index.html")
    assert month.table("Spending: October 2026").column("Supplier") == [
        normal(PAYLOADS[i]) for i in by_date]
    assert [r["supplier"] for r in read_csv(built, "registers/spending.csv")] == [
        PAYLOADS[i] for i in by_date]
    assert [r["supplier"] for r in read_json(built, "registers/spending.json")["rows"]] == [
        PAYLOADS[i] for i in by_date]


def _main(result: BuildResult, path: str) -> Element:
    html = next(o.content for o in result.outputs if o.path == path)
    main = parse_html(html).find("main")
    assert main is not None
    return main


def test_agenda_titles_and_minutes_read_exactly_as_typed(built: BuildResult) -> None:
    main = _main(built, "meetings/panel/2026-03-24/index.html")
    assert main.find("h1").text == normal(MEETING_TITLE)
    assert normal(LOCATION) in [dd.text for dd in main.find_all("dd")]
    for number, payload in enumerate(PAYLOADS, start=1):
        item = main.find("li", id=f"item-{number}")
        assert item is not None and item.find("h3").text == normal(payload)
        if payload in PLAIN:
            minute = item.children[item.children.index(item.find("h4")) + 1]
            assert minute.tag == "p" and minute.text == normal(payload), payload


def test_structured_data_and_feeds_carry_the_text_inert(built: BuildResult) -> None:
    html = next(o.content for o in built.outputs
                if o.path == "meetings/panel/2026-03-24/index.html")
    script = parse_html(html).find("script", type="application/ld+json")
    assert script is not None and "<" not in script.text
    event = json.loads(script.text)
    assert (event["name"], event["location"]["name"]) == (MEETING_TITLE, LOCATION)
    feed = ET.fromstring(next(o.content for o in built.outputs if o.path == "feed.xml"))
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert f"Approved minutes: {MEETING_TITLE}" in titles


def test_members_names_read_exactly_as_typed(built: BuildResult) -> None:
    main = _main(built, "meetings/panel/index.html")
    table = main.find("table")
    assert table is not None
    assert [th.text for th in table.find_all("th", scope="row")] == [normal(p) for p in PAYLOADS]


def test_role_titles_read_exactly_as_typed(built: BuildResult) -> None:
    for i, payload in enumerate(PAYLOADS):
        assert _main(built, f"staff/roles/role-{i}/index.html").find("h1").text == \
            normal(payload)
    chart = _main(built, "staff/organisation-chart/index.html")
    posts = [a.text for a in chart.find("ul", **{"class": "org-chart"}).find_all("a")]
    assert sorted(posts[1:]) == sorted(normal(p) for p in PAYLOADS)
    rows = {r["slug"]: r["title"] for r in read_csv(built, "staff/roles.csv")}
    assert {rows[f"role-{i}"] for i in range(len(PAYLOADS))} == set(PAYLOADS)
