"""The whole-site phase: pages that list or judge the finished site model.

Runs once, after every section and before rendering (Pelican's two phases). Sections
place the publication scheme, the data catalogue, the compliance report and the home
page (whose "what is current" lists come from every section) in the model
like any page, so navigation, links and duplicate checks see them; this phase makes their
finished copies from the complete model and evaluates the publication duties. Nothing is
changed in place: :func:`with_whole_site` returns a new ``Site`` with the finished pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.duties.evaluate import Evidence, evaluate, unknown_claims
from generator.duties.report import DutyReport
from generator.errors import Problem
from generator.law.catalogue import load_catalogue
from generator.load.config import SiteConfig
from generator.sections.catalogue import DATA_PATH, DATA_TEMPLATE, finish_data_catalogue
from generator.sections.compliance import (
    COMPLIANCE_PATH,
    COMPLIANCE_TEMPLATE,
    finish_compliance_page,
)
from generator.sections.home import HOME_PATH, HOME_TEMPLATE, finish_home_page
from generator.sections.scheme import SCHEME_PATH, SCHEME_TEMPLATE, finish_publication_scheme
from generator.site import NavItem, PageSpec, Site


@dataclass(frozen=True)
class WholeSite:
    """What the phase made: finished pages by path, the footer, and the duty evaluation."""

    pages: dict[str, PageSpec]
    made_from: dict[str, PageSpec]
    """The sections' placeholder each finished page was made from."""
    footer_links: list[NavItem]
    duties: DutyReport
    problems: list[Problem]
    """Duty claims the catalogue does not know."""


def complete_site(site: Site, same_shape_as: WholeSite | None = None) -> WholeSite:
    """Finish the whole-site pages and judge the duties over the site as it will publish.

    ``same_shape_as``: the phase's result for a site of the same shape (``serve``): its
    duty evaluation and listings still hold; a page is made again only when its section
    made a new placeholder (its introduction was edited)."""
    catalogue = load_catalogue()
    previous = same_shape_as
    problems = previous.problems if previous else unknown_claims(catalogue, site.pages)
    placeholders = {path: page for path, template in _FINISHED
                    if (page := site.page_at(path)) is not None and page.template == template}

    def kept(path: str) -> PageSpec | None:
        if previous is not None and previous.made_from.get(path) is placeholders[path]:
            return previous.pages[path]
        return None

    finished: dict[str, PageSpec] = {}
    if SCHEME_PATH in placeholders:
        finished[SCHEME_PATH] = kept(SCHEME_PATH) or finish_publication_scheme(
            site, placeholders[SCHEME_PATH], catalogue)
    if HOME_PATH in placeholders:
        finished[HOME_PATH] = kept(HOME_PATH) or finish_home_page(site, placeholders[HOME_PATH])
    if DATA_PATH in placeholders:
        finished[DATA_PATH] = kept(DATA_PATH) or finish_data_catalogue(
            site, placeholders[DATA_PATH])
    if previous is not None:
        duties = previous.duties
    else:
        pages = [finished.get(page.path, page) for page in site.pages]
        config = site.config
        duties = DutyReport(site.today, evaluate(
            catalogue, pages, site.today, config.duties, config.financial_year_start,
            office=config.office, extra=settings_evidence(config)))
    if COMPLIANCE_PATH in placeholders:
        finished[COMPLIANCE_PATH] = kept(COMPLIANCE_PATH) or finish_compliance_page(
            site, placeholders[COMPLIANCE_PATH], duties.results)
    footer = list(site.footer_links)
    # Every page links the publication scheme and the data catalogue (the open data a
    # journalist or researcher looks for), unless site.yml's footer_links already does.
    for path in (SCHEME_PATH, DATA_PATH):
        if path in finished and not any(item.url == path for item in footer):
            footer.append(NavItem(finished[path].title, path))
    return WholeSite(finished, placeholders, footer, duties, problems)


_FINISHED = ((SCHEME_PATH, SCHEME_TEMPLATE), (DATA_PATH, DATA_TEMPLATE),
             (COMPLIANCE_PATH, COMPLIANCE_TEMPLATE), (HOME_PATH, HOME_TEMPLATE))
"""The pages this phase finishes, each recognised by its address and template (a
content page at the same address is left alone; the duplicate is reported)."""


def with_whole_site(site: Site, whole: WholeSite) -> Site:
    """The site with the phase's finished pages in place of the sections' placeholders."""
    return site.with_pages(whole.pages, whole.footer_links)


def settings_evidence(config: SiteConfig) -> dict[str, list[Evidence]]:
    """Evidence that lives in site.yml, not on a page: the postal address in
    ``contact.address`` is printed at the foot of every page, so it meets SIO 1(b)."""
    found: dict[str, list[Evidence]] = {}
    if config.contact.address:
        found["sio-1b-office-holder-address"] = [Evidence(
            "/", "Postal address at the foot of every page", None, "site.yml",
            "site_contact")]
    return found
