"""The register of interests: a list of office holders and a page per person.

``interests/<person>.yml`` becomes /registers/interests/<person>/, grouped by category
with its updated date. When the person's ``role`` names a role page
(``staff/roles/<role>.md``) the two pages link to each other: this page links to the
role, and the staff area finds this record by type "interests" and ``meta.role``.
"""

from __future__ import annotations

import posixpath
from typing import Any

from generator.datasets import Column, Dataset, dataset_files
from generator.errors import Problem, warning
from generator.load.content_types import type_named
from generator.load.records import Record
from generator.load.validation import did_you_mean
from generator.models.registers import Interests
from generator.sections.register_pages import Labels, column_definitions, find_intro, newest, table
from generator.site import PageSpec, SectionResult, SiteInput

BASE = "/registers/interests/"
DUTIES = ("sio-1e-register-of-interests",)


def interests_page_path(record: Record) -> str:
    """Where one person's register of interests is published."""
    return f"{BASE}{_stem(record.rel)}/"


def build_interests(site_input: SiteInput, labels: Labels, result: SectionResult) -> None:
    records = sorted(site_input.records("interests"), key=lambda r: r.meta.person.lower())
    intro, problems = find_intro(site_input, "registers/interests/index.md",
                                 labels("interests_title"), "lists-and-registers", DUTIES,
                                 records[0].display if records else None)
    result.problems.extend(problems)
    if not records and intro.record is None:
        return
    roles = _roles(site_input)
    people: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    persons = []
    for record in records:
        meta: Interests = record.meta
        role = _role_link(record, roles, result.problems)
        published = [i for i in meta.interests if i.is_published(site_input.today)]
        persons.append((record, role, published))
        people.append({"person": meta.person, "path": interests_page_path(record),
                       "role": role["title"] if role else None, "updated": record.updated,
                       "interests": sum(1 for i in published if not is_nil(i.description))})
        rows.extend({"person": meta.person, "role": meta.role, "updated": record.updated,
                     "category": i.category, "description": i.description} for i in published)
    updated = newest([intro.updated, *(r.updated for r in records)])
    columns = [Column("person", labels("col_person")), Column("role", labels("col_role")),
               Column("updated", labels("col_updated"), "date"),
               Column("category", labels("col_category")),
               Column("description", labels("col_description"))]
    dataset = Dataset(path="registers/interests", title=intro.title,
                      description=intro.summary or labels("interests_description"),
                      columns=columns, rows=rows, updated=updated,
                      publication_class=intro.publication_class, page_path=BASE)
    result.files.extend(dataset_files(dataset, site_input.datasets))
    for record, role, published in persons:
        result.pages.append(PageSpec(
            path=interests_page_path(record), template="layouts/interests.html",
            title=labels("interests_person_title", person=record.meta.person), record=record,
            updated=record.updated, publication_class=intro.publication_class,
            duties=intro.duties, kind="register",
            context={"person": record.meta.person, "role": role,
                     "groups": _grouped(published), "dataset": dataset}))
    people_columns = [Column("person", labels("col_person")), Column("role", labels("col_role")),
                      Column("updated", labels("col_updated"), "date"),
                      Column("interests", labels("col_interests"), "number")]
    people_table = table(intro.title, people_columns, people, links={"person": "path"},
                         downloads=dataset)
    result.pages.append(PageSpec(
        path=BASE, template="layouts/register.html", title=intro.title, record=intro.record,
        body=intro.body, body_line=intro.body_line, summary=intro.summary, updated=updated,
        publication_class=intro.publication_class, duties=intro.duties, kind="register",
        depends_on=tuple(r.rel for r in records),
        context={"summaries": [], "pagination": None, "nav": [], "downloads": None,
                 "summaries_last": False,
                 "definitions": column_definitions(dataset.columns),
                 "tables": [{"heading": labels("heading_people"), "id": "people",
                             "empty": labels("no_entries"), "table": people_table}]}))


# What registers write for "nothing to declare" in a category. Such a row stays in the
# register and its downloads (it says the category was considered), but is not an
# interest: "Interests declared: 8" must not count it.
_NIL = {"none", "nil", "n/a", "na", "none.", "nil.", "nothing to declare", "no interests",
        "none to declare", "not applicable", "-", "—"}


def is_nil(description: str) -> bool:
    """Whether a declared interest's description says there is none ("None", "Nil")."""
    return " ".join(description.lower().split()) in _NIL


def _grouped(interests: list[Any]) -> list[dict[str, Any]]:
    """Categories in the order the editor first wrote them, each with its entries."""
    groups: dict[str, list[str]] = {}
    for interest in interests:
        groups.setdefault(interest.category, []).append(interest.description)
    return [{"category": k, "entries": v} for k, v in groups.items()]


def _stem(rel: str) -> str:
    return posixpath.splitext(posixpath.basename(rel))[0]


def _roles(site_input: SiteInput) -> dict[str, Record] | None:
    """Role records by slug, or None when this site has no role content type."""
    if type_named("role") is None:
        return None
    return {_stem(r.rel): r for r in site_input.records("role")}


def _role_link(record: Record, roles: dict[str, Record] | None, problems: list[Problem]
               ) -> dict[str, str] | None:
    """{"title", "path"} of the person's role; the path only when the role page exists."""
    slug = record.meta.role
    if not slug:
        return None
    if roles is None:
        return {"title": slug.replace("-", " ").capitalize(), "path": ""}
    found = roles.get(slug)
    if found is None:
        problems.append(warning(
            record.display, f"there is no role '{slug}' in content/staff/roles/",
            line=record.line_of("role"), field="role",
            hint=did_you_mean(slug, sorted(roles))
            or "use the file name of the person's role page, without .md"))
        return {"title": slug.replace("-", " ").capitalize(), "path": ""}
    return {"title": str(getattr(found.meta, "title", slug)), "path": f"/staff/roles/{slug}/"}
