"""The /data/ page: every dataset on the site with its size, rows, date and description.

The page is declared here but filled at render time from the finished site model
(``catalogue_entries(site)``), because other sections add datasets too. The optional
intro is ``content/data.md``.
"""

from __future__ import annotations

from generator.outputs.catalogue import CATALOGUE_PATH, catalogue_entries
from generator.sections.register_pages import Labels
from generator.site import PageSpec, SectionResult, SiteInput


def build_data_catalogue(site_input: SiteInput) -> SectionResult:
    site_input.whole_site()  # its listing is every dataset of the finished site
    result = SectionResult()
    intro = next(iter(site_input.records("data_catalogue")), None)
    meta = intro.meta if intro else None
    result.pages.append(PageSpec(
        path="/data/", template="layouts/data-catalogue.html",
        title=meta.title if meta else Labels(site_input)("data_title"), record=intro,
        body=intro.body if intro else None,
        body_line=intro.source.body_line if intro else 1,
        summary=meta.summary if meta else None, updated=intro.updated if intro else None,
        publication_class=(meta.publication_class if meta else None) or "lists-and-registers",
        duties=tuple(meta.duties) if meta else (), kind="page",
        context={"catalogue": catalogue_entries, "catalogue_json": "/" + CATALOGUE_PATH}))
    return result
