"""Meetings as data: /meetings.csv and /meetings.json, one row per published meeting,
with Open Civic Data event field names, listed in the data catalogue."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from meeting_site import meeting_files
from register_support import read_csv, read_json

from generator.build import BuildResult

Build = Callable[..., BuildResult]


def _build(make_site: Callable[..., Path], build_site_at: Build,
           overrides: dict[str, str | bytes | None] | None = None) -> BuildResult:
    return build_site_at(make_site(meeting_files(overrides)), write=False)


def test_one_row_per_published_meeting_with_ocd_field_names(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = _build(make_site, build_site_at, {
        "content/meetings/panel/2026-05-05.md": "---\ndate: 2026-05-05T10:00\ndraft: true\n"
                                                "---\nA draft.\n"})
    assert result.errors == []
    rows = read_csv(result, "meetings.csv")
    assert [r["id"] for r in rows] == [
        "panel/2026-03-24", "panel/2026-03-31", "audit-board/2026-10-20",
        "audit-board/2026-10-27-extra", "panel/2027-01-20"]
    held = rows[0]
    assert list(held) == [
        "id", "name", "organization", "start_date", "end_date", "status", "location", "agenda",
        "documents", "media", "participants_present", "participants_apologies",
        "participants_in_attendance", "minutes_status", "url"]
    assert held["organization"] == "Testshire Police and Crime Panel"
    assert (held["start_date"], held["end_date"]) == ("2026-03-24T14:00:00",
                                                      "2026-03-24T16:00:00")
    assert held["status"] == "held" and held["location"] == "Council Chamber, County Hall"
    assert held["agenda"] == ("Apologies; Declarations of interest; Precept proposal; "
                              "Confirmation hearing deliberations")
    assert held["documents"] == ("https://example.org/meetings/panel/papers/precept.csv; "
                                 "https://example.org/meetings/panel/papers/precept-report.pdf")
    assert "hearing-report" not in read_csv(result, "meetings.csv").__repr__()
    assert held["media"] == "https://webcasts.example/panel-2026-03-24"
    assert held["participants_present"] == "Cllr. Ann Able; Ms Bea Best"
    assert held["participants_apologies"] == "Cllr. Carl Cole"
    assert held["minutes_status"] == "approved"
    assert held["url"] == "https://example.org/meetings/panel/2026-03-24/"
    document = read_json(result, "meetings.json")
    assert [r["id"] for r in document["rows"]] == [r["id"] for r in rows]


def test_meetings_data_is_in_the_catalogue(make_site: Callable[..., Path],
                                           build_site_at: Build) -> None:
    catalogue = read_json(_build(make_site, build_site_at), "data/catalog.json")
    meetings = next(d for d in catalogue["datasets"] if d["title"] == "Meetings")
    assert meetings["rows"] == 5
    assert meetings["landingPage"] == "https://example.org/meetings/"
    assert meetings["conformsTo"] == [
        "https://open-civic-data.readthedocs.io/en/latest/data/event.html"]
    assert [d["downloadURL"] for d in meetings["distribution"]] == [
        "https://example.org/meetings.csv", "https://example.org/meetings.json"]
