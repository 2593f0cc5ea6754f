"""The home page's "what is current": next meetings, latest decisions, newest spending
month and recently updated pages, instead of cards repeating the navigation.

The home page is a free page (``content/index.md``, made by ``pages.py``); this fills it
in the whole-site phase (``whole_site.py``) from the finished site model, because what
it shows comes from other sections. It reads only what the site's *shape* holds (pages'
addresses, titles, summaries, dates and their ``listing`` entries, see
``section_cache.shape_of``), so ``serve`` keeps it right while the shape holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from generator.site import PageSpec, Site

HOME_PATH = "/"
HOME_TEMPLATE = "layouts/home.html"
SHOWN = 3
"""Items per list: enough to be useful, few enough to keep the page short on a phone."""
RECENT_PAGES = 5

_SPENDING_MONTH = re.compile(r"^/registers/spending/(\d{4})-(\d{2})/$")


@dataclass(frozen=True)
class Listing:
    """What a page tells lists of current things about itself (in ``context["listing"]``):
    a meeting its start and status, a decision its date, a month of spending its total."""

    when: date | datetime
    status: str | None = None
    amount: Any = None
    count: int | None = None


@dataclass(frozen=True)
class Current:
    title: str
    path: str
    when: date | datetime | None
    summary: str | None = None
    listing: Listing | None = None


def finish_home_page(site: Site, page: PageSpec) -> PageSpec:
    """The home page with what is current on the site as ``current``."""
    return replace(page, context={**page.context, "current": current_things(site)})


def current_things(site: Site) -> dict[str, list[Current]]:
    today = site.today
    meetings, decisions, months, recent = [], [], [], []
    for page in site.pages:
        listing = page.context.get("listing")
        if page.kind == "meeting" and isinstance(listing, Listing):
            start = listing.when
            day = start.date() if isinstance(start, datetime) else start
            if day >= today and listing.status in ("scheduled", "postponed"):
                meetings.append(Current(page.title, page.path, start, None, listing))
        elif page.kind == "decision" and isinstance(listing, Listing):
            decisions.append(Current(page.title, page.path, listing.when, page.summary, listing))
        elif _SPENDING_MONTH.match(page.path) and isinstance(listing, Listing):
            months.append(Current(page.title, page.path, listing.when, None, listing))
        elif page.kind == "page" and page.updated and page.path not in (HOME_PATH, "/404.html") \
                and page.lang is None and page.in_search:
            recent.append(Current(page.title, page.path, page.updated, page.summary))
    meetings.sort(key=lambda c: (_sortable(c.when), c.path))
    decisions.sort(key=lambda c: (_sortable(c.when), c.path), reverse=True)
    months.sort(key=lambda c: c.path, reverse=True)
    recent.sort(key=lambda c: (_sortable(c.when), c.path), reverse=True)
    return {"meetings": meetings[:SHOWN], "decisions": decisions[:SHOWN],
            "spending": months[:1], "recent": recent[:RECENT_PAGES]}


def _sortable(when: date | datetime | None) -> datetime:
    if isinstance(when, datetime):
        return when.replace(tzinfo=None)
    if isinstance(when, date):
        return datetime(when.year, when.month, when.day)
    return datetime.min
