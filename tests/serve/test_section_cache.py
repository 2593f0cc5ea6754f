"""Which sections ``serve`` runs again after an edit, and why."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, TODAY, SiteFactory

from generator.load.config import load_config
from generator.load.dates import FileDates
from generator.load.records import LoadMemo, load_records
from generator.load.sources import discover_sources
from generator.sections import SECTIONS, decisions, meeting_data
from generator.serve.section_cache import SectionCache, asset_stamp
from generator.site import SiteInput

PAGE = "---\ntitle: {title}\n---\nText.\n"
STAFF = {f"content/{p.relative_to(REPO / 'content').as_posix()}": p.read_text()
         for p in sorted((REPO / "content/staff").rglob("*")) if p.is_file()}
ROLE = "content/staff/roles/business-support-officer.md"

def _run(site: Path, cache: SectionCache, memo: LoadMemo) -> tuple[list[str], bool]:
    config = load_config(site)
    files, _ = discover_sources(site / "content")
    loaded = load_records(files, config, TODAY, FileDates(site), memo)
    _, same_shape = cache.run_all(SECTIONS, SiteInput(config, loaded, TODAY, site),
                                  lambda: asset_stamp(loaded, memo))
    cache.commit()
    return [name.rsplit(".", 1)[-1] for name in cache.ran], same_shape


def test_only_sections_that_read_a_changed_file_run_again(make_site: SiteFactory) -> None:
    site = make_site({"content/about.md": PAGE.format(title="About"), **STAFF})
    cache, memo = SectionCache(), {}
    ran, same_shape = _run(site, cache, memo)
    assert "build_pages" in ran and "build_staff" in ran and not same_shape
    assert sorted(ran) == sorted(set(ran)) and len(ran) == len(SECTIONS)  # each ran once
    assert _run(site, cache, memo) == ([], True)

    (site / "content/about.md").write_text(PAGE.format(title="About") + "More.\n")
    assert _run(site, cache, memo) == (["build_pages"], True)  # text only: same shape

    (site / "content/about.md").write_text(PAGE.format(title="About us"))
    ran, same_shape = _run(site, cache, memo)
    assert not same_shape and ran[0] == "build_pages" and "build_staff" not in ran
    # the pages listing the whole site are finished after the sections (whole-site phase),
    # so their sections only place them and need not run again
    assert ran == ["build_pages"]

    role = site / ROLE
    role.write_text(role.read_text().replace("## Job purpose", "## Job purpose\n\nEdited."))
    assert _run(site, cache, memo) == (["build_staff"], True)


def test_a_discarded_build_is_forgotten(make_site: SiteFactory) -> None:
    site = make_site({"content/about.md": PAGE.format(title="About")})
    cache, memo = SectionCache(), {}
    _run(site, cache, memo)
    (site / "content/about.md").write_text(PAGE.format(title="Renamed"))
    config = load_config(site)
    files, _ = discover_sources(site / "content")
    loaded = load_records(files, config, TODAY, FileDates(site), memo)
    cache.run_all(SECTIONS, SiteInput(config, loaded, TODAY, site),
                  lambda: asset_stamp(loaded, memo))
    cache.discard()  # the build failed: the next one compares with the last good one
    ran, same_shape = _run(site, cache, memo)
    assert "build_pages" in ran and not same_shape


def test_sections_read_content_only_through_site_input() -> None:
    """What a section reads is tracked by SiteInput's methods; reaching into ``loaded``
    would hide a dependency, and serve would show stale pages."""
    offenders = [f"{path.name}:{number}"
                 for path in sorted((REPO / "generator/sections").glob("*.py"))
                 for number, line in enumerate(path.read_text().splitlines(), start=1)
                 if re.search(r"\.loaded\b", line)]
    assert offenders == []


MEETINGS = {f"content/{p.relative_to(REPO / 'content').as_posix()}": p.read_text()
            for folder in ("meetings/police-and-crime-panel", "registers/decisions")
            for p in sorted((REPO / "content" / folder).glob("*.md"))}
MEETING = "content/meetings/police-and-crime-panel/2026-02-03.md"
DECISION = "content/registers/decisions/2026-004.md"


def test_meetings_and_decisions_run_again_only_for_what_the_other_shows(
        make_site: SiteFactory) -> None:
    """Decisions show a meeting's title and agenda; meetings show a decision's reference
    and title (``SiteInput.summary``): editing the rest of either runs only its own
    section again."""
    site = make_site(MEETINGS)
    cache, memo = SectionCache(), {}
    _run(site, cache, memo)
    meeting, decision = site / MEETING, site / DECISION
    meeting.write_text(meeting.read_text().replace(
        "minute: No questions had been submitted.", "minute: No questions were received."))
    assert "build_decisions" not in _run(site, cache, memo)[0]
    meeting.write_text(meeting.read_text().replace("title: Public Question Time",
                                                   "title: Questions from the public"))
    assert {"build_meetings", "build_decisions"} <= set(_run(site, cache, memo)[0])
    decision.write_text(decision.read_text().replace("each year.", "every year."))
    assert "build_meetings" not in _run(site, cache, memo)[0]
    decision.write_text(decision.read_text().replace("title: Police precept 2026/27",
                                                     "title: The police precept 2026/27"))
    assert {"build_meetings", "build_decisions"} <= set(_run(site, cache, memo)[0])


def test_a_summary_is_made_again_only_when_what_it_read_changed(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    site = make_site({"content/about.md": PAGE.format(title="About"), **MEETINGS})
    made: list[int] = []
    refs = meeting_data.meeting_refs

    def counted(site_input: SiteInput) -> object:
        made.append(1)
        return refs(site_input)
    monkeypatch.setattr(decisions, "meeting_refs", counted)
    cache, memo = SectionCache(), {}
    _run(site, cache, memo)
    (site / "content/about.md").write_text(PAGE.format(title="About") + "More.\n")
    _run(site, cache, memo)
    assert len(made) == 1  # a page edit: the meetings' summary is kept
    meeting = site / MEETING
    meeting.write_text(meeting.read_text().replace("title: Public Question Time",
                                                   "title: Questions from the public"))
    assert "build_decisions" in _run(site, cache, memo)[0] and len(made) == 2


def test_reuse_keeps_a_part_while_its_records_are_the_same_objects(
        make_site: SiteFactory) -> None:
    """``SiteInput.reuse``: what a part of a section made is kept while its records are
    the very objects loading kept for unchanged files; an equal record loaded again, a
    changed plain input, or a one-off build (nothing kept) makes it again."""
    site = make_site({"content/about.md": PAGE.format(title="About")})
    config = load_config(site)
    files, _ = discover_sources(site / "content")
    memo: LoadMemo = {}

    def records() -> tuple[object, ...]:
        return tuple(load_records(files, config, TODAY, FileDates(site), memo).records)

    made: list[int] = []

    def make() -> list[int]:
        made.append(1)
        return [len(made)]

    cache = SectionCache()
    site_input = SiteInput(config, load_records(files, config, TODAY, FileDates(site), memo),
                           TODAY, site, kept=cache.kept)
    first = site_input.reuse("part", (records(), "October", [1, 2]), make)
    assert site_input.reuse("part", (records(), "October", [1, 2]), make) is first
    assert made == [1]  # kept: the same record objects (memo), equal plain values
    assert site_input.reuse("part", (records(), "November", [1, 2]), make) == [2]
    memo.clear()  # the file loaded again: an equal record, but not the same object
    assert site_input.reuse("part", (records(), "November", [1, 2]), make) == [3]
    cache.clear()
    assert site_input.reuse("part", (records(), "November", [1, 2]), make) == [4]
    one_off = SiteInput(config, site_input.loaded, TODAY, site)
    assert one_off.reuse("part", (), make) == [5] and one_off.reuse("part", (), make) == [6]
