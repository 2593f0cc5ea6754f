"""The /data/ page: every dataset on the site with its size, rows, date and description.

The page is declared here and finished in the whole-site phase (``whole_site.py``) from
the finished site model, because other sections add datasets too. The optional intro is
``content/data.md``.
"""

from __future__ import annotations

from dataclasses import replace

from generator.outputs.catalogue import CATALOGUE_PATH, catalogue_entries
from generator.sections.register_pages import Labels
from generator.site import PageSpec, SectionResult, Site, SiteInput

DATA_PATH = "/data/"
DATA_TEMPLATE = "layouts/data-catalogue.html"


def build_data_catalogue(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    intro = next(iter(site_input.records("data_catalogue")), None)
    meta = intro.meta if intro else None
    result.pages.append(PageSpec(
        path=DATA_PATH, template=DATA_TEMPLATE,
        title=meta.title if meta else Labels(site_input)("data_title"), record=intro,
        body=intro.body if intro else None,
        body_line=intro.source.body_line if intro else 1,
        summary=meta.summary if meta else None, updated=intro.updated if intro else None,
        publication_class=(meta.publication_class if meta else None) or "lists-and-registers",
        duties=tuple(meta.duties) if meta else (), kind="page",
        context={"entries": [], "catalogue_json": "/" + CATALOGUE_PATH}))
    return result


def finish_data_catalogue(site: Site, page: PageSpec) -> PageSpec:
    """The page listing every dataset of the finished site."""
    return replace(page, context={**page.context, "entries": catalogue_entries(site)})
