"""Free pages: every ``content/**/*.md`` that no other section claims."""

from __future__ import annotations

from generator.sections.page_charts import page_charts
from generator.site import PageSpec, SectionResult, SiteInput
from generator.urls import language_of, page_path_for


def _lang_tag(code: str | None) -> str | None:
    return {"cy": "cy-GB"}.get(code, code) if code else None


def build_pages(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    for record in site_input.records("page"):
        meta = record.meta
        path = page_path_for(record.rel)
        charts, problems = page_charts(record, list(meta.charts))
        result.problems.extend(problems)
        result.pages.append(PageSpec(
            path=path,
            template="layouts/home.html" if path == "/" else "layouts/page.html",
            title=meta.title,
            record=record,
            body=record.body,
            body_line=record.source.body_line,
            summary=meta.summary,
            updated=record.updated,
            publication_class=meta.publication_class,
            duties=tuple(meta.duties),
            nil_returns=tuple(meta.nil_returns),
            nav_order=meta.nav_order,
            kind="page",
            lang=_lang_tag(language_of(record.rel)),
            context={"charts": charts} if charts else {},
        ))
    result.pages.append(PageSpec(path="/404.html", template="layouts/404.html",
                                 title="Page not found", in_sitemap=False, in_search=False))
    return result
