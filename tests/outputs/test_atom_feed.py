"""The Atom feed of minutes and decisions, parsed as XML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from conftest import MINIMAL_SITE_YML, SiteFactory
from htmltools import parse_html
from meeting_site import meeting_files

from generator.build import BuildResult

Build = Callable[..., BuildResult]
NS = {"a": "http://www.w3.org/2005/Atom"}


def _feed(make_site: SiteFactory, build_site_at: Build,
          overrides: dict[str, str | bytes | None] | None = None) -> bytes:
    result = build_site_at(make_site(meeting_files(overrides)), write=False)
    assert result.errors == []
    return next(f.content for f in result.outputs if f.path == "feed.xml")


def test_feed_has_required_elements_and_entries(make_site: SiteFactory,
                                                build_site_at: Build) -> None:
    feed = ET.fromstring(_feed(make_site, build_site_at))
    assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
    for tag in ("id", "title", "updated", "author/a:name"):
        assert feed.find(f"a:{tag}", NS) is not None, tag
    assert feed.find("a:id", NS).text == "https://example.org/feed.xml"
    assert feed.find("a:link[@rel='self']", NS).get("href") == "https://example.org/feed.xml"
    entries = feed.findall("a:entry", NS)
    ids = [e.find("a:id", NS).text for e in entries]
    # minutes (approved or draft) and decisions, newest update first
    assert ids == ["https://example.org/meetings/panel/2026-03-31/",
                   "https://example.org/meetings/panel/2026-03-24/",
                   "https://example.org/registers/decisions/2026-004/",
                   "https://example.org/registers/decisions/2025-018/"]
    for entry in entries:
        for tag in ("id", "title", "updated", "summary"):
            assert entry.find(f"a:{tag}", NS) is not None
        assert entry.find("a:link[@rel='alternate']", NS).get("href") == \
            entry.find("a:id", NS).text
    assert feed.find("a:updated", NS).text == "2026-04-05T00:00:00Z"
    assert entries[0].find("a:title", NS).text == "Draft minutes: Panel extraordinary meeting"
    decision = entries[2]
    assert decision.find("a:title", NS).text == "Decision 2026/004: Police precept 2026/27"
    assert decision.find("a:published", NS).text == "2026-03-26T00:00:00Z"
    assert decision.find("a:updated", NS).text == "2026-03-27T00:00:00Z"
    assert decision.find("a:category", NS).get("term") == "decision"


def test_feed_is_deterministic_and_leaves_out_drafts(make_site: SiteFactory,
                                                     build_site_at: Build) -> None:
    first = _feed(make_site, build_site_at)
    assert first == _feed(make_site, build_site_at)
    without = _feed(make_site, build_site_at, {
        "content/registers/decisions/2025-018.md":
            "---\nreference: \"2025/018\"\ntitle: Secret\ndate: 2025-04-10\ndecision_maker: "
            "PCC\nsignificant_public_interest: false\ndraft: true\n---\n"})
    assert b"2025-018" not in without and b"Secret" not in without


def test_pages_link_to_the_feed(make_site: SiteFactory, build_site_at: Build) -> None:
    site = make_site(meeting_files(), site_yml=MINIMAL_SITE_YML)
    build_site_at(site)
    head = parse_html((site / "_site/index.html").read_bytes()).find("head")
    link = head.find("link", rel="alternate")
    assert link.attrs == {"rel": "alternate", "type": "application/atom+xml",
                          "href": "/feed.xml", "title": "Minutes and decisions"}
    assert (site / "_site/feed.xml").is_file()


def test_an_empty_feed_is_still_valid(make_site: SiteFactory, build_site_at: Build) -> None:
    site = make_site({"content/about.md": "---\ntitle: About\nupdated: 2026-05-01\n---\n",
                      "content/index.md": "---\ntitle: Home\nupdated: 2026-04-01\n---\n"})
    result = build_site_at(site, write=False)
    feed = ET.fromstring(next(f.content for f in result.outputs if f.path == "feed.xml"))
    assert feed.findall("a:entry", NS) == []
    assert feed.find("a:updated", NS).text == "2026-05-01T00:00:00Z"  # newest page
