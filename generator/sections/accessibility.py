"""The accessibility statement page (content/accessibility.md, type accessibility_statement).

Renders every section the 2018 regulations require from the statement's fields, claims the
accessibility-statement duty for the page, and checks what a schema cannot: that the
compliance status agrees with the content listed, that the dates are in order, and that the
statement has been reviewed within the last year (a warning: annual review is Government
Digital Service practice, the regulations say only "regularly").
"""

from __future__ import annotations

from generator.errors import Problem, error, warning
from generator.law.freshness import Duration
from generator.load.records import Record
from generator.models.accessibility import FAILING_REASONS, AccessibilityStatementMeta, Reason
from generator.render.filters import format_date
from generator.site import PageSpec, SectionResult, SiteInput
from generator.urls import page_path_for

DUTY = "psbar-2018-accessibility-statement"
REVIEW_EVERY = Duration(years=1)
REASON_ORDER: tuple[Reason, ...] = ("non-compliance", "disproportionate burden", "outside scope")


def build_accessibility(site_input: SiteInput) -> SectionResult:
    result = SectionResult()
    for record in site_input.records("accessibility_statement"):
        meta: AccessibilityStatementMeta = record.meta
        result.problems.extend(statement_problems(record, site_input))
        groups = [(reason, [item for item in meta.non_accessible_content
                            if item.reason == reason]) for reason in REASON_ORDER]
        result.pages.append(PageSpec(
            path=page_path_for(record.rel),
            template="layouts/accessibility.html",
            title=meta.title,
            record=record,
            body=record.body,
            body_line=record.source.body_line,
            summary=meta.summary,
            updated=record.updated,
            publication_class=meta.publication_class or "services-we-offer",
            duties=tuple(dict.fromkeys((DUTY, *meta.duties))),
            nav_order=meta.nav_order,
            kind="page",
            context={"statement": meta,
                     "groups": [(reason, items) for reason, items in groups if items]},
        ))
    return result


def statement_problems(record: Record, site_input: SiteInput) -> list[Problem]:
    meta: AccessibilityStatementMeta = record.meta
    path, today = record.display, site_input.today
    problems = []
    failing = [item for item in meta.non_accessible_content if item.reason in FAILING_REASONS]
    if meta.compliance_status != "fully" and not failing:
        problems.append(error(
            path, f"the site is '{meta.compliance_status}' compliant but no content is listed "
                  "as failing the standard", line=record.line_of("compliance_status"),
            field="compliance_status",
            hint="list each failure under non_accessible_content with its reason "
                 "(non-compliance or disproportionate burden), or change the status to fully"))
    if meta.compliance_status == "fully" and failing:
        problems.append(error(
            path, "the site is 'fully' compliant but content is listed as failing the standard",
            line=record.line_of("compliance_status"), field="compliance_status",
            hint="change the status to partially, or mark only content outside the "
                 "regulations' scope with reason: outside scope"))
    if meta.reviewed < meta.prepared:
        problems.append(error(
            path, f"the statement was reviewed ({format_date(meta.reviewed)}) before it was "
                  f"prepared ({format_date(meta.prepared)})", line=record.line_of("reviewed"),
            field="reviewed", hint="check both dates"))
    for name in ("prepared", "reviewed"):
        value = getattr(meta, name)
        if value > today:
            problems.append(error(path, f"{format_date(value)} is in the future",
                                  line=record.line_of(name), field=name,
                                  hint="write the date the work was done"))
    if REVIEW_EVERY.after(meta.reviewed) < today:
        problems.append(warning(
            path, f"the statement was last reviewed on {format_date(meta.reviewed)}, more than "
                  "a year ago", line=record.line_of("reviewed"), field="reviewed",
            hint="review the statement against the site, then set `reviewed:` to the date "
                 "you did"))
    return problems
