"""Pages and files every public site has whatever its content: search and the logo.

The search page (``/search/``) hosts Pagefind's default UI; without JavaScript it
says how to browse instead. The organisation's logo from ``site.yml`` is copied from
``content/`` so the header can show it.
"""

from __future__ import annotations

from generator.errors import error
from generator.load.validation import did_you_mean
from generator.site import PageSpec, SectionResult, SiteInput
from generator.writer import CopiedFile

SEARCH_PATH = "/search/"


def build_public(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    result.pages.append(PageSpec(
        path=SEARCH_PATH, template="layouts/search.html", title="Search",
        summary=f"Search everything the {site_input.config.organisation.short_name} "
                "publishes: pages, roles, meetings, decisions and registers.",
        kind="search", in_search=False, in_sitemap=False))
    logo = site_input.config.organisation.logo
    if logo is not None:
        asset = site_input.assets.get(logo)
        if asset is None:
            images = sorted(rel for rel in site_input.assets
                            if rel.rsplit(".", 1)[-1].lower() in {"svg", "png", "jpg", "jpeg",
                                                                 "webp"})
            result.problems.append(error(
                "site.yml", f"the logo '{logo}' is not in the content folder",
                field="organisation.logo",
                hint=did_you_mean(logo, images)
                or "put the image in content/ and give its path from there, e.g. "
                   "images/logo.svg"))
        else:
            result.copies.append(CopiedFile(logo, asset.path))
    return result
