"""The compliance report page: /compliance/, the governance lead's view of every duty.

Off by default on the public site. ``site.yml`` ``duties.publish_report: true`` or
``transparency build --compliance-report`` turns it on (the flag sets the same setting).
Like the publication scheme it is placed in the site model by a section and finished in
the whole-site phase (``whole_site.py``), once the duties have been evaluated over the
complete site.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from generator.duties.evaluate import DutyResult
from generator.render.renderer import message_catalogue, template_dirs
from generator.site import PageSpec, SectionResult, Site, SiteInput

COMPLIANCE_PATH = "/compliance/"
COMPLIANCE_TEMPLATE = "layouts/compliance.html"
STATUS_ORDER = ("missing", "overdue", "late", "partly_met", "met", "not_applicable")


def build_compliance_page(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    if not site_input.config.duties.publish_report:
        return result
    messages = message_catalogue(template_dirs(site_input.site_dir), site_input.config.language)
    result.pages.append(PageSpec(
        path=COMPLIANCE_PATH, template=COMPLIANCE_TEMPLATE, title=messages["compliance_title"],
        summary=messages["compliance_summary"], publication_class="services-we-offer",
        kind="page", in_search=False, context={"results": [], "counts": {}}))
    return result


def finish_compliance_page(site: Site, page: PageSpec, results: list[DutyResult]) -> PageSpec:
    """The report page judging every duty, dated today (the day it was judged)."""
    counts: Counter[str] = Counter(r.status for r in results)
    return replace(page, updated=site.today, context={
        **page.context,
        "results": sorted(results, key=lambda r: STATUS_ORDER.index(r.status)),
        "counts": {status: counts.get(status, 0) for status in STATUS_ORDER},
        "attention": [r for r in results if r.severity is not None]})
