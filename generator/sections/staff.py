"""Staff: role pages, the staff index, pay scales, the organisation chart, downloads.

Reads the records of ``content/staff/`` (checked together in ``staff_data.py``) and
publishes:

- /staff/                      the index: establishment, senior staff, every role,
                               the chart, workforce figures, the pay multiple
- /staff/roles/<slug>/         one page per role (job description)
- /staff/pay-scales/           every grade, its range and the roles on it
- /staff/organisation-chart/   the chart as a nested list and an SVG diagram
- /staff/roles.csv|json, /staff/pay-scales.csv|json, /staff/organisation-chart.csv|json,
  /staff/workforce.csv|json
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from generator.datasets import Column, Dataset, dataset_files
from generator.load.records import Record
from generator.models.staff import Workforce
from generator.render.charts import BarChart, bar_chart
from generator.render.filters import format_date
from generator.sections.register_pages import Labels
from generator.sections.staff_chart import ChartLabel, ChartLayout, layout_chart
from generator.sections.staff_data import RoleView, StaffData, resolve_staff, slug_of
from generator.sections.staff_figures import Share, fte_text, pay_range_text, salary_bands
from generator.site import PageSpec, SectionResult, SiteInput

INDEX_PATH = "/staff/"
PAY_SCALES_PATH = "/staff/pay-scales/"
CHART_PATH = "/staff/organisation-chart/"

ROLE_COLUMNS = [
    Column("slug", "Slug"), Column("title", "Title"), Column("grade", "Grade"),
    Column("pay_min", "Pay from", "money"), Column("pay_max", "Pay to", "money"),
    Column("fte", "FTE", "number"), Column("reports_to", "Reports to"),
    Column("senior", "Senior", "bool"), Column("statutory", "Statutory roles", "list"),
    Column("politically_restricted", "Politically restricted", "bool"),
    Column("vacant", "Vacant", "bool"), Column("postholder", "Postholder"),
    Column("salary", "Salary", "money"),
]
PAY_SCALE_COLUMNS = [
    Column("code", "Grade"), Column("name", "Name"), Column("pay_min", "Minimum", "money"),
    Column("pay_max", "Maximum", "money"), Column("roles", "Roles", "list"),
    Column("effective_from", "Effective from", "date"),
]
CHART_COLUMNS = [
    Column("post_reference", "Post reference"), Column("post", "Post"),
    Column("grade", "Grade"), Column("reports_to", "Reports to (post reference)"),
    Column("reports_to_post", "Reports to"), Column("fte", "FTE", "number"),
    Column("pay_floor", "Pay floor", "money"), Column("pay_ceiling", "Pay ceiling", "money"),
    Column("salary_band_floor", "Salary band floor", "money"),
    Column("salary_band_ceiling", "Salary band ceiling", "money"),
    Column("vacant", "Vacant", "bool"), Column("name", "Name"),
]
WORKFORCE_COLUMNS = [
    Column("measure", "Measure"), Column("value", "Value", "number"),
    Column("percent", "Per cent of headcount", "number"), Column("note", "Note"),
    Column("as_at", "As at", "date"),
]
INDEX_ROLE_COLUMNS = [
    Column("title", "Role"), Column("grade", "Grade"), Column("pay_range", "Pay range"),
    Column("fte", "FTE", "number"), Column("reports_to_title", "Reports to"),
]


@dataclass(frozen=True)
class WorkforceView:
    meta: Workforce
    shares: list[Share]
    threshold: int

    @property
    def fte_text(self) -> str:
        return fte_text(self.meta.fte)


def build_staff(site_input: SiteInput) -> SectionResult:
    data = resolve_staff(site_input)
    result = SectionResult(problems=list(data.problems))
    if not (data.roles or data.scales or data.workforce or data.index):
        return result
    threshold = site_input.config.staff.small_number_threshold
    workforce = _workforce_view(data.workforce, threshold)
    datasets = _datasets(data, workforce)
    for dataset in datasets.values():
        result.files += dataset_files(dataset, site_input.datasets)
    layout = _layout(data)
    sources = _sources(data)
    updated = max((r.updated for r in sources), default=None)
    common: dict[str, Any] = {"staff": data, "datasets": datasets, "chart": layout,
                              "chart_path": CHART_PATH, "pay_scales_path": PAY_SCALES_PATH,
                              "index_path": INDEX_PATH}
    chart = workforce_chart(Labels(site_input), workforce) if workforce is not None else None
    result.pages.append(_index_page(data, workforce, updated, sources, common, chart))
    for role in data.roles.values():
        result.pages.append(_role_page(role, data, site_input))
    if data.scales is not None:
        result.pages.append(PageSpec(
            path=PAY_SCALES_PATH, template="layouts/staff-pay-scales.html", title="Pay scales",
            record=data.scales, updated=data.scales.updated, kind="page",
            summary="The pay grades of the office's staff, the pay range of each grade and "
                    "the roles paid on it.",
            publication_class="what-we-spend",
            duties=("ico-pay-grading-structure", "lgtc-senior-salaries-format"),
            context={**common, "bands": _bands(data), "grade_rows": _grade_rows(data)},
            depends_on=tuple(r.rel for r in sources)))
    if data.roles:
        result.pages.append(PageSpec(
            path=CHART_PATH, template="layouts/staff-chart.html", title="Organisation chart",
            updated=max((r.record.updated for r in data.roles.values()), default=None),
            summary="How the office's staff are structured: who reports to whom, with each "
                    "post's grade and pay range.",
            publication_class="who-we-are", duties=("sio-2c-org-chart",), kind="page",
            context=common, depends_on=tuple(r.rel for r in sources)))
    return result


def interests_link_for(role_slug: str, site_input: SiteInput) -> str | None:
    """The page of the published register of interests whose ``role`` is this role."""
    for record in site_input.records("interests"):
        if getattr(record.meta, "role", None) == role_slug:
            return f"/registers/interests/{slug_of(record)}/"
    return None


def _sources(data: StaffData) -> list[Record]:
    found = [r.record for r in data.roles.values()]
    found += [r for r in (data.scales, data.workforce, data.index) if r is not None]
    return sorted(found, key=lambda r: r.rel)


def _index_page(data: StaffData, workforce: WorkforceView | None, updated: date | None,
                sources: list[Record], common: dict[str, Any],
                chart: BarChart | None) -> PageSpec:
    index = data.index
    meta = index.meta if index is not None else None
    duties = list(meta.duties) if meta is not None else []
    staff = data.staff_roles
    if workforce is not None:
        duties += ["sio-2a-staff-headcount", "sio-2b-staff-diversity"]
    if any(r.senior for r in staff):
        duties.append("sio-2d-senior-employees")
    if data.pay is not None or (workforce is not None and workforce.meta.pay_multiple):
        duties.append("lgtc-pay-multiple")
    # Staff figures are as current as the date they describe, not the day the file was
    # edited: the workforce file's `as_at` dates the duties it meets.
    as_at = workforce.meta.as_at if workforce is not None else None
    duty_dates = tuple((d, as_at) for d in ("sio-2a-staff-headcount", "sio-2b-staff-diversity",
                                             "lgtc-pay-multiple", "lgtc-2015-pay-multiple")
                       if as_at is not None and d in duties)
    rows = [{"title": r.meta.title, "path": r.path, "grade": r.meta.grade,
             "pay_range": r.pay_range, "fte": r.meta.fte,
             "reports_to_title": data.roles[r.parent].meta.title if r.parent else None,
             "reports_to_path": data.roles[r.parent].path if r.parent else None}
            for r in data.roles.values()]
    context = {**common, "workforce": workforce, "workforce_chart": chart, "role_rows": rows,
               "role_columns": INDEX_ROLE_COLUMNS,
               "establishment_fte": fte_text(sum((r.meta.fte for r in staff), Decimal(0))),
               "vacant_fte": fte_text(sum((r.meta.fte for r in staff if r.meta.vacant),
                                          Decimal(0))),
               "pay_date": max((r.updated for r in sources if r.type in ("role", "pay_scales")),
                               default=None)}
    return PageSpec(
        path=INDEX_PATH, template="layouts/staff-index.html",
        title=meta.title if meta is not None else "Staff", record=index,
        body=index.body if index is not None else None,
        body_line=index.source.body_line if index is not None else 1,
        summary=meta.summary if meta is not None else None, updated=updated,
        publication_class=(meta.publication_class if meta is not None else None)
        or "who-we-are",
        duties=tuple(dict.fromkeys(duties)), nav_order=meta.nav_order if meta else None,
        kind="page", context=context, depends_on=tuple(r.rel for r in sources),
        duty_dates=duty_dates)


def _role_page(role: RoleView, data: StaffData, site_input: SiteInput) -> PageSpec:
    meta = role.meta
    duties: list[str] = []
    if role.office_holder:
        duties += ["sio-1a-office-holder-names", "sio-1c-office-holder-salary"]
    elif role.senior:
        duties.append("sio-2d-senior-employees")
    parent = data.roles[role.parent] if role.parent else None
    return PageSpec(
        path=role.path, template="layouts/role.html", title=meta.title, record=role.record,
        body=role.record.body, body_line=role.record.source.body_line, summary=meta.summary,
        updated=role.record.updated, publication_class="who-we-are", duties=tuple(duties),
        kind="role",
        # Only what the role page shows: with the whole staff model in its context, every
        # role page would count as changed (and be rendered again) when any role changes.
        context={"chart_path": CHART_PATH, "pay_scales_path": PAY_SCALES_PATH,
                 "index_path": INDEX_PATH, "role": role, "parent": parent,
                 "reports": [data.roles[c] for c in role.children],
                 "interests_url": interests_link_for(role.slug, site_input)},
        depends_on=tuple(r.rel for r in (data.scales,) if r is not None)
        + ((parent.record.rel,) if parent else ()))


def workforce_chart(labels: Labels, view: WorkforceView) -> BarChart:
    """Full- and part-time staff and the published shares, as bars of the headcount.
    A share the small-number rule withholds has no bar, only the words the table uses."""
    meta = view.meta
    total = meta.headcount
    items: list[tuple[str, int]] = [(labels("staff_full_time"), meta.full_time),
                                    (labels("staff_part_time"), meta.part_time)]
    texts = [labels("chart_of_staff", count=meta.full_time, total=total),
             labels("chart_of_staff", count=meta.part_time, total=total)]
    for share in view.shares:
        items.append((labels(f"staff_share_{share.key}"), share.published_count or 0))
        texts.append(labels("staff_fewer_than", n=view.threshold) if share.suppressed
                     else labels("chart_of_staff", count=share.count, total=total))
    return bar_chart(
        "chart-workforce", labels("chart_workforce", date=format_date(meta.as_at)), items,
        str, labels("chart_workforce_desc", total=total), scale=total, texts=texts)


def _workforce_view(record: Record | None, threshold: int) -> WorkforceView | None:
    if record is None:
        return None
    meta: Workforce = record.meta
    total = meta.headcount
    shares = [Share("women", meta.sex.female, total, threshold),
              Share("ethnic_minority", meta.ethnic_minority.yes, total, threshold),
              Share("disabled", meta.disabled.yes, total, threshold)]
    return WorkforceView(meta, shares, threshold)


def _layout(data: StaffData) -> ChartLayout:
    labels = {slug: ChartLabel(r.meta.title, r.meta.grade, r.meta.vacant)
              for slug, r in data.roles.items()}
    return layout_chart(data.tree, labels)


def _bands(data: StaffData) -> list[dict[str, Any]]:
    bands = salary_bands((pay, r.meta.fte) for r in data.staff_roles
                         if not r.meta.vacant and (pay := r.full_time_pay) is not None)
    return [{"low": low, "high": high, "fte": fte_text(fte)} for low, high, fte in bands]


def _grade_rows(data: StaffData) -> list[dict[str, Any]]:
    return [{"grade": g, "range": pay_range_text(g.low, g.high),
             "roles": [r for r in data.roles.values() if r.grade is g]} for g in data.grades]


def _datasets(data: StaffData, workforce: WorkforceView | None) -> dict[str, Dataset]:
    roles = list(data.roles.values())
    updated = max((r.record.updated for r in roles), default=None)
    found: dict[str, Dataset] = {}
    if roles:
        found["roles"] = Dataset(
            "staff/roles", "Staff roles",
            "Every role in the office: grade, pay range, full-time equivalent, reporting line "
            "and statutory responsibilities; postholder and salary for senior roles.",
            ROLE_COLUMNS, [_role_row(r) for r in roles], updated, "who-we-are", INDEX_PATH)
        found["chart"] = Dataset(
            "staff/organisation-chart", "Organisation chart",
            "One row per post with the post it reports to, in the shape of the Local "
            "Government Transparency Code's organisation chart.",
            CHART_COLUMNS, [_chart_row(r, data) for r in roles], updated, "who-we-are",
            CHART_PATH)
    if data.scales is not None:
        scales = data.scales.meta
        found["pay_scales"] = Dataset(
            "staff/pay-scales", "Pay scales",
            f"The office's pay grades from {scales.effective_from.isoformat()}.",
            PAY_SCALE_COLUMNS,
            [{"code": g.code, "name": g.name, "pay_min": g.low, "pay_max": g.high,
              "roles": [r.meta.title for r in roles if r.grade is g],
              "effective_from": scales.effective_from} for g in scales.grades],
            data.scales.updated, "what-we-spend", PAY_SCALES_PATH)
    if workforce is not None and data.workforce is not None:
        found["workforce"] = Dataset(
            "staff/workforce", "Workforce figures",
            "Headcount, full-time equivalent and the shares of staff who are women, from an "
            "ethnic minority and disabled; small counts are withheld.",
            WORKFORCE_COLUMNS, _workforce_rows(workforce), data.workforce.updated,
            "who-we-are", INDEX_PATH)
    return found


def _role_row(role: RoleView) -> dict[str, Any]:
    meta = role.meta
    return {"slug": role.slug, "title": meta.title, "grade": meta.grade,
            "pay_min": role.pay_min, "pay_max": role.pay_max, "fte": meta.fte,
            "reports_to": role.parent, "senior": role.senior, "statutory": list(meta.statutory),
            "politically_restricted": meta.politically_restricted, "vacant": meta.vacant,
            "postholder": role.postholder, "salary": role.salary}


def _chart_row(role: RoleView, data: StaffData) -> dict[str, Any]:
    band = salary_bands([(role.salary, Decimal(1))], floor=0) if role.salary else []
    floor = role.pay_min if role.grade else role.salary
    ceiling = role.pay_max if role.grade else role.salary
    return {"post_reference": role.slug, "post": role.meta.title, "grade": role.meta.grade,
            "reports_to": role.parent,
            "reports_to_post": data.roles[role.parent].meta.title if role.parent else None,
            "fte": role.meta.fte, "pay_floor": floor, "pay_ceiling": ceiling,
            "salary_band_floor": band[0][0] if band else None,
            "salary_band_ceiling": band[0][1] if band else None,
            "vacant": role.meta.vacant, "name": role.postholder}


def _workforce_rows(view: WorkforceView) -> list[dict[str, Any]]:
    meta = view.meta
    rows: list[dict[str, Any]] = [
        {"measure": "headcount", "value": meta.headcount},
        {"measure": "fte", "value": meta.fte},
        {"measure": "full_time", "value": meta.full_time},
        {"measure": "part_time", "value": meta.part_time},
    ]
    for share in view.shares:
        note = f"fewer than {view.threshold}" if share.suppressed else None
        rows.append({"measure": share.key, "value": share.published_count,
                     "percent": share.percent, "note": note})
    for row in rows:
        row["as_at"] = meta.as_at
    return rows
