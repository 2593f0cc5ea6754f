"""The site chrome every page shares (main navigation and footer), rendered once per variant.

Why: the footer is the same on every page of one language, and the main navigation differs
only in which link is marked current. Rendering both inside every page's template redid the
same work for each page; here each distinct variant is rendered once from its own template
(``components/site-nav.html``, ``components/site-footer.html``; a site overrides them through
its own ``templates/`` folder) and the HTML is reused. The fragments see ``site``, ``config``,
``lang``, ``t`` (words in ``lang``) and, for the navigation, ``navigation``; never ``page``,
so nothing page-specific can slip into a shared fragment.

One ``Chrome`` belongs to one ``Renderer``: ``reset`` (a new site model, e.g. an incremental
rebuild) empties the cache; forked render workers each build their own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import Any

import jinja2
from markupsafe import Markup

from generator.site import NavItem, PageSpec, Site

NAV_TEMPLATE = "components/site-nav.html"
FOOTER_TEMPLATE = "components/site-footer.html"

Message = Callable[..., str]
"""``message(lang, key, **values)``: the theme's word for ``key`` in ``lang``."""


def nav_current(page_path: str, item: NavItem) -> str | None:
    """The ``aria-current`` value of a navigation link on the page at ``page_path``:
    "page" on the link's own page, "true" below it (never for "/" or external links)."""
    if item.external:
        return None
    if page_path == item.url:
        return "page"
    if item.url != "/" and page_path.startswith(item.url):
        return "true"
    return None


def current_items(page_path: str, items: list[NavItem]) -> list[tuple[NavItem, str | None]]:
    """Each item with its ``aria-current``; only the most specific item is current, so
    a spending page marks "Spending" (/registers/spending/), not "Registers" as well."""
    found = [(item, nav_current(page_path, item)) for item in items]
    best = max((len(item.url) for item, current in found if current), default=None)
    return [(item, current if current and len(item.url) == best else None)
            for item, current in found]


class Chrome:
    """Renders and caches the navigation and footer fragments for one renderer."""

    def __init__(self, env: jinja2.Environment, site: Site, message: Message) -> None:
        self.env = env
        self.site = site
        self.message = message
        self._cache: dict[Hashable, Markup] = {}

    def reset(self, site: Site) -> None:
        """Forget every rendered fragment: the site (and maybe its templates) changed."""
        self.site = site
        self._cache.clear()

    def language(self, page: PageSpec) -> str:
        return page.lang or self.site.config.language

    def nav(self, page: PageSpec) -> Markup:
        """The main navigation as seen from ``page``."""
        lang = self.language(page)
        navigation = current_items(page.path, self.site.navigation)
        key = ("nav", lang, tuple(current for _, current in navigation))
        if key not in self._cache:
            self._cache[key] = self.render_fragment(NAV_TEMPLATE, lang, navigation=navigation)
        return self._cache[key]

    def footer(self, page: PageSpec) -> Markup:
        """The footer (footer links and contact address) in ``page``'s language."""
        lang = self.language(page)
        key = ("footer", lang)
        if key not in self._cache:
            self._cache[key] = self.render_fragment(FOOTER_TEMPLATE, lang)
        return self._cache[key]

    def render_fragment(self, template: str, lang: str, **context: Any) -> Markup:
        """Render one fragment template (the only place a fragment is rendered)."""
        words = partial(self.message, lang)
        html = self.env.get_template(template).render(lang=lang, t=words, **context)
        return Markup(html)
