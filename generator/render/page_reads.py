"""What changed, of the things a page reads of other pages while it renders.

A page shows a little of other pages: its breadcrumbs show its ancestors' titles, a
section page lists its children, the home page its cards' summaries, and every Markdown
link goes where the link map says. ``Site`` notes those reads while each page renders
(``Site.reads``). When an edit changes a page's title or adds a page, ``serve`` works
out which of those reads changed here and re-renders only the pages that made one:
renaming a page re-renders its parent, its children and the pages that list the whole
site, not all 7,000 pages.
"""

from __future__ import annotations

from typing import Any

from generator.site import CHILDREN_OF, KNOWN_LINKS, LINK_TO, PageSpec, Site


def changed_reads(old: Site, new: Site) -> set[str]:
    """The read keys (see ``site.CHILDREN_OF`` and friends) whose answer differs."""
    changed: set[str] = set()
    old_pages = {page.path: page for page in old.pages}
    new_pages = {page.path: page for page in new.pages}
    for path in old_pages.keys() | new_pages.keys():
        if _heading(old_pages.get(path)) != _heading(new_pages.get(path)):
            changed.add(path)
            if path.endswith("/") and path != "/":
                changed.add(CHILDREN_OF + path[: path.rstrip("/").rfind("/") + 1])
    old_known, new_known = _known_links(old), _known_links(new)
    if old_known != new_known:
        changed.add(KNOWN_LINKS)
    changed.update(LINK_TO + rel for rel in old_known | new_known
                   if _link(old, rel) != _link(new, rel))
    return changed


def _heading(page: PageSpec | None) -> tuple[Any, ...] | None:
    """What other pages may show of a page (and order its siblings by)."""
    if page is None:
        return None
    return (page.title, page.summary, page.nav_order, page.updated, page.kind, page.lang,
            page.template)


def _known_links(site: Site) -> set[str]:
    return set(site.link_targets) | set(site.blocked_assets) | set(site.loaded.withheld) | \
        set(site.loaded.assets) | site.loaded.failed


def _link(site: Site, rel: str) -> tuple[Any, ...]:
    return (site.link_targets.get(rel), site.blocked_assets.get(rel),
            site.loaded.withheld.get(rel), rel in site.loaded.assets, rel in site.loaded.failed)
