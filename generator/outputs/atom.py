"""The Atom feed (RFC 4287) of new and updated minutes and decisions: ``/feed.xml``.

A section opts a page in by putting a :class:`FeedEntry` in ``page.context["feed_entry"]``
(meetings with minutes, decision records). Ids are the pages' absolute URLs, and every
date comes from content (``updated``), never the clock, so the feed is byte-identical
from one build to the next.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

from generator.site import PageSpec, Site
from generator.writer import OutputFile

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = "/feed.xml"
MAX_ENTRIES = 50


@dataclass(frozen=True)
class FeedEntry:
    title: str
    summary: str
    category: str
    """A label for readers that group entries: "minutes" or "decision"."""
    published: date | None = None


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def feed_pages(site: Site) -> list[tuple[PageSpec, FeedEntry]]:
    """Pages in the feed, newest update first (ties broken by path, for determinism)."""
    found = [(page, entry) for page in site.pages
             if isinstance(entry := page.context.get("feed_entry"), FeedEntry)]
    found.sort(key=lambda pair: (-(pair[0].updated or date.min).toordinal(), pair[0].path))
    return found[:MAX_ENTRIES]


def atom_feed(site: Site) -> list[OutputFile]:
    entries = feed_pages(site)
    # An empty feed is still valid (readers may subscribe before the first minutes).
    newest = max((p.updated for p in (site.pages if not entries else [p for p, _ in entries])
                  if p.updated), default=date(1970, 1, 1))
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", site.config.language)
    organisation = site.config.organisation
    _text(feed, "id", site.absolute_url(FEED_PATH))
    _text(feed, "title", f"{organisation.short_name}: minutes and decisions")
    _text(feed, "subtitle", f"New and updated meeting minutes and decision records "
                            f"published by the {organisation.name}.")
    _text(feed, "updated", _stamp(newest))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", organisation.name)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml",
                  href=site.absolute_url(FEED_PATH))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                  href=site.absolute_url("/"))
    _text(feed, "generator", "transparency-site")
    for page, entry in entries:
        updated = page.updated or date.min
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(node, "id", site.absolute_url(page.path))
        _text(node, "title", entry.title)
        ET.SubElement(node, f"{{{ATOM}}}link", rel="alternate", type="text/html",
                      href=site.absolute_url(page.path))
        if entry.published is not None:
            _text(node, "published", _stamp(min(entry.published, updated)))
        _text(node, "updated", _stamp(updated))
        ET.SubElement(node, f"{{{ATOM}}}category", term=entry.category)
        _text(node, "summary", entry.summary)
    ET.indent(feed)
    buffer = io.BytesIO()
    ET.ElementTree(feed).write(buffer, encoding="utf-8", xml_declaration=True)
    return [OutputFile(FEED_PATH.lstrip("/"), buffer.getvalue() + b"\n",
                       title="Minutes and decisions (Atom feed)", kind="feed",
                       updated=newest,
                       publication_class="how-we-make-decisions")]


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    node.text = text
    return node
