"""Resolve the staff records into one checked picture of the office.

Cross-file rules live here: a role's grade must be in the pay scales, ``reports_to``
must name a published role and must not go round in a circle, senior posts publish
a postholder and salary, workforce counts must add up, and a declared pay multiple
must agree with the one worked out from the roles. Every problem names the file,
line and field, with a hint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import PurePosixPath

from generator.errors import Problem, error, warning
from generator.load.records import Record
from generator.load.validation import did_you_mean
from generator.models.staff import STATUTORY_LABELS, PayGrade, PayScales, RoleMeta, Workforce
from generator.render.filters import format_money
from generator.sections.staff_figures import (
    PayEntry,
    PayMultiple,
    Tree,
    build_tree,
    fte_text,
    multiple_disagrees,
    pay_multiple,
    pay_range_text,
)
from generator.site import SiteInput

ROLES_DIR = "staff/roles/"
PAY_SCALES_FILE = "content/staff/pay-scales.yml"


@dataclass
class RoleView:
    """One role, resolved: its grade, its manager, and what may be published about it."""

    slug: str
    record: Record
    meta: RoleMeta
    grade: PayGrade | None
    parent: str | None
    """The slug of a published role this one reports to (None at the top or if unknown)."""
    children: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/staff/roles/{self.slug}/"

    @property
    def office_holder(self) -> bool:
        return self.meta.office_holder

    @property
    def senior(self) -> bool:
        """Name and salary are published: senior employees and the office holders."""
        return self.meta.senior or self.office_holder

    @property
    def postholder(self) -> str | None:
        """Published only for senior posts that are filled; never for other staff."""
        if self.meta.name_withheld:
            return None
        return self.meta.postholder if self.senior and not self.meta.vacant else None

    @property
    def salary(self) -> Decimal | None:
        return self.meta.salary if self.senior and not self.meta.vacant else None

    @property
    def pay_min(self) -> Decimal | None:
        return self.grade.low if self.grade else None

    @property
    def pay_max(self) -> Decimal | None:
        return self.grade.high if self.grade else None

    @property
    def pay_range(self) -> str:
        """The grade's range, or the salary of an office holder paid outside the scales."""
        if self.grade is not None:
            return pay_range_text(self.grade.low, self.grade.high)
        return format_money(self.salary) if self.salary is not None else ""

    @property
    def fte_text(self) -> str:
        return fte_text(self.meta.fte)

    @property
    def statutory_labels(self) -> list[str]:
        return [STATUTORY_LABELS[s] for s in self.meta.statutory]

    @property
    def full_time_pay(self) -> Decimal | None:
        """The salary when published, else the grade mid-point (for the pay multiple)."""
        if self.salary is not None:
            return self.salary
        return self.grade.mid if self.grade is not None else None

    def order_key(self) -> tuple[int, Decimal, str]:
        """Office holders first, then the best-paid posts, then by title."""
        top = self.pay_max if self.pay_max is not None else (self.salary or Decimal(0))
        return (0 if self.office_holder else 1, -top, self.meta.title.lower())


@dataclass
class StaffData:
    roles: dict[str, RoleView] = field(default_factory=dict)
    """Every published role, in chart order (top down, siblings by seniority)."""
    scales: Record | None = None
    workforce: Record | None = None
    index: Record | None = None
    tree: Tree = field(default_factory=Tree)
    pay: PayMultiple | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def grades(self) -> list[PayGrade]:
        return list(self.scales.meta.grades) if self.scales else []

    @property
    def staff_roles(self) -> list[RoleView]:
        """The establishment: every role except the office holders."""
        return [r for r in self.roles.values() if not r.office_holder]


def slug_of(record: Record) -> str:
    return PurePosixPath(record.rel).stem


def resolve_staff(site_input: SiteInput) -> StaffData:
    data = StaffData()
    data.scales = _single(site_input.records("pay_scales"), data.problems)
    data.workforce = _single(site_input.records("workforce"), data.problems)
    indexes = site_input.records("staff_index")
    data.index = indexes[0] if indexes else None
    if data.scales is not None:
        data.problems += _check_scales(data.scales)
    grades = {g.code: g for g in data.grades}
    scales_state = "loaded" if data.scales is not None else _unloaded_state(
        site_input, ["staff/pay-scales.yml", "staff/pay-scales.yaml"])
    records = {slug_of(r): r for r in site_input.records("role")}
    views: dict[str, RoleView] = {}
    for slug, record in sorted(records.items()):
        meta: RoleMeta = record.meta
        grade = _grade(record, meta, grades, scales_state, data.problems)
        parent = _parent(record, meta, records, site_input, data.problems)
        view = RoleView(slug, record, meta, grade, parent)
        data.problems += _check_role(view, site_input.config.staff.senior_salary_threshold)
        views[slug] = view
    data.tree = build_tree({s: v.parent for s, v in views.items()},
                           order=lambda s: views[s].order_key())
    for loop in data.tree.cycles:
        first = views[loop[0]]
        first.parent = None
        data.problems.append(_loop_problem(first.record, loop))
    data.roles = {slug: views[slug] for slug, _ in data.tree.walk()}
    for slug, view in data.roles.items():
        view.children = data.tree.children[slug]
    data.pay = pay_multiple([
        PayEntry(r.slug, r.meta.title, pay, r.meta.fte, r.salary is not None)
        for r in data.staff_roles
        if not r.meta.vacant and (pay := r.full_time_pay) is not None])
    if data.workforce is not None:
        data.problems += _check_workforce(data.workforce, data.pay)
    return data


def _single(records: list[Record], problems: list[Problem]) -> Record | None:
    """pay-scales.yml and pay-scales.yaml side by side: keep the first, report the other."""
    for extra in records[1:]:
        problems.append(error(extra.display, f"there is already {records[0].display}",
                              hint="keep one of the two files"))
    return records[0] if records else None


def _check_scales(record: Record) -> list[Problem]:
    problems = []
    scales: PayScales = record.meta
    seen: set[str] = set()
    for index, grade in enumerate(scales.grades):
        if grade.code in seen:
            problems.append(error(record.display, f"the grade '{grade.code}' is listed twice",
                                  line=record.line_of("grades", index, "code"),
                                  field=f"grades[{index + 1}].code",
                                  hint="give each grade a different code"))
        seen.add(grade.code)
    return problems


def _unloaded_state(site_input: SiteInput, rels: list[str]) -> str:
    """Why none of ``rels`` was loaded: "missing", "invalid" (its own errors are reported)
    or the reason it is withheld ("a draft", "embargoed until …")."""
    for rel in rels:
        if rel in site_input.withheld:
            return site_input.withheld[rel]
        if (site_input.site_dir / "content" / rel).is_file():
            return "invalid"
    return "missing"


def _grade(record: Record, meta: RoleMeta, grades: dict[str, PayGrade], scales_state: str,
           problems: list[Problem]) -> PayGrade | None:
    if meta.grade is None:
        if not meta.office_holder:
            problems.append(error(record.display, "this required field is missing",
                                  line=record.line_of(), field="grade",
                                  hint="add a line `grade: …` with a code from "
                                       f"{PAY_SCALES_FILE}"))
        return None
    if meta.grade in grades:
        return grades[meta.grade]
    line = record.line_of("grade")
    if scales_state == "invalid":
        return None  # the pay scales' own errors are reported; do not repeat them here
    if scales_state == "missing":
        problems.append(error(record.display, f"'{meta.grade}' is not a grade: there is no "
                                              f"{PAY_SCALES_FILE}", line=line, field="grade",
                              hint="add the pay scales file listing every grade"))
        return None
    if scales_state != "loaded":
        problems.append(error(record.display, f"'{meta.grade}' is not a grade: "
                                              f"{PAY_SCALES_FILE} is {scales_state}",
                              line=line, field="grade", hint="publish the pay scales"))
        return None
    codes = list(grades)
    problems.append(error(record.display, f"'{meta.grade}' is not a grade in {PAY_SCALES_FILE}",
                          line=line, field="grade",
                          hint=did_you_mean(meta.grade, codes)
                          or "use one of: " + ", ".join(codes)))
    return None


def _parent(record: Record, meta: RoleMeta, records: dict[str, Record], site_input: SiteInput,
            problems: list[Problem]) -> str | None:
    target = meta.reports_to
    if target is None:
        return None
    if target in records:
        return target
    line = record.line_of("reports_to")
    state = _unloaded_state(site_input, [f"{ROLES_DIR}{target}.md"])
    if state == "invalid":
        return None  # that role's own errors are reported; do not repeat them here
    if state != "missing":
        problems.append(error(record.display, f"'{target}' is {state}, so this role would "
                                              "report to a post that is not published",
                              line=line, field="reports_to",
                              hint="publish that role first or choose another"))
        return None
    by_title = {r.meta.title.lower(): slug for slug, r in records.items()}
    hint = (f"write the role's file name without .md: '{by_title[target.lower()]}'"
            if target.lower() in by_title else did_you_mean(target, list(records)))
    problems.append(error(record.display, f"'{target}' is not a role in content/{ROLES_DIR}",
                          line=line, field="reports_to",
                          hint=hint or "use the file name of a role without .md, e.g. "
                                       "chief-of-staff"))
    return None


def _check_role(role: RoleView, threshold: int) -> list[Problem]:
    record, meta = role.record, role.meta
    problems = _check_body(record)
    shown = "office holders'" if role.office_holder else "senior roles'"
    where = record.line_of("statutory" if role.office_holder and not meta.senior else "senior")
    if role.senior and not meta.vacant:
        if meta.salary is None:
            problems.append(error(record.display, f"the salary is missing: {shown} salaries "
                                                  "must be published", line=where,
                                  field="salary", hint="add a line `salary: …` with the annual "
                                                       "salary in pounds, e.g. salary: 81216"))
        if meta.postholder is None and not (meta.name_withheld and not role.office_holder):
            problems.append(error(record.display, f"the postholder is missing: {shown} names "
                                                  "must be published", line=where,
                                  field="postholder", hint="add a line `postholder: …` with "
                                  "their name, `name_withheld: true` if they refused consent, "
                                  "or `vacant: true` if the post is empty"))
        if meta.name_withheld and meta.postholder is not None:
            problems.append(error(record.display, "the name is withheld but also given",
                                  line=record.line_of("postholder"), field="postholder",
                                  hint="remove `postholder:` so the name cannot be published"))
    if role.senior and meta.vacant and meta.postholder is not None:
        problems.append(warning(record.display, "a vacant post has a postholder; the name is "
                                                "not shown", line=record.line_of("postholder"),
                                field="postholder", hint="remove the name or `vacant: true`"))
    if not role.senior:
        for key in ("postholder", "salary"):
            if getattr(meta, key) is not None:
                problems.append(warning(
                    record.display, f"the {key} is published only for senior roles, so it "
                                    "is not shown", line=record.line_of(key), field=key,
                    hint="remove it, or add `senior: true` if this is a senior post"))
        if role.grade is not None and role.grade.low > threshold:
            problems.append(warning(
                record.display, f"grade {role.grade.code} pays more than the senior salary "
                                f"threshold ({format_money(threshold)}) but the role is not "
                                "marked senior", line=record.line_of("grade"), field="senior",
                hint="add `senior: true` with the postholder's name and salary "
                     "(Specified Information Order, paragraph 2(d))"))
    grade, salary = role.grade, role.salary
    if grade is not None and salary is not None and not grade.low <= salary <= grade.high:
        problems.append(warning(
            record.display, f"the salary {format_money(salary)} is outside grade {grade.code} "
                            f"({pay_range_text(grade.low, grade.high)})",
            line=record.line_of("salary"), field="salary",
            hint="check the salary and the grade"))
    return problems


_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_NUMBERED = re.compile(r"^\s{0,3}\d+[.)]\s")


def _check_body(record: Record) -> list[Problem]:
    """The job description's sections: a purpose and numbered responsibilities."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for text in record.body.splitlines():
        heading = _HEADING.match(text)
        if heading:
            current = sections.setdefault(heading.group(1).lower(), [])
        elif current is not None:
            current.append(text)
    problems = []
    line = record.source.body_line
    for name in ("Job purpose", "Main responsibilities"):
        if name.lower() not in sections:
            problems.append(warning(record.display, f'the job description has no "## {name}" '
                                                    "section", line=line,
                                    hint=f'add a heading "## {name}" and the text below it'))
    duties = sections.get("main responsibilities")
    if duties is not None and not any(_NUMBERED.match(t) for t in duties):
        problems.append(warning(record.display, "the main responsibilities are not a numbered "
                                                "list", line=line,
                                hint="number each responsibility on its own line: 1. 2. 3."))
    return problems


def _loop_problem(record: Record, loop: tuple[str, ...]) -> Problem:
    if len(loop) == 1:
        return error(record.display, "a role cannot report to itself",
                     line=record.line_of("reports_to"), field="reports_to",
                     hint="name the role this one reports to, or remove reports_to if it is "
                          "the top of the office")
    chain = " → ".join((*loop, loop[0]))
    return error(record.display, f"the reporting lines go round in a circle: {chain}",
                 line=record.line_of("reports_to"), field="reports_to",
                 hint="make one role in the circle report to a role outside it, or remove "
                      "its reports_to if it is the top of the office")


def _check_workforce(record: Record, pay: PayMultiple | None) -> list[Problem]:
    meta: Workforce = record.meta
    problems = []
    if meta.full_time + meta.part_time != meta.headcount:
        problems.append(error(
            record.display, f"full_time ({meta.full_time}) and part_time ({meta.part_time}) add "
                            f"up to {meta.full_time + meta.part_time}, not the headcount "
                            f"({meta.headcount})", line=record.line_of("full_time"),
            field="full_time", hint="every member of staff is either full-time or part-time"))
    if meta.fte > meta.headcount:
        problems.append(error(record.display, f"the fte ({meta.fte}) is more than the headcount "
                                              f"({meta.headcount})", line=record.line_of("fte"),
                              field="fte", hint="part-time staff count as less than 1, so the "
                                                "FTE cannot be more than the number of people"))
    for key in ("sex", "ethnic_minority", "disabled"):
        total = getattr(meta, key).total
        if total != meta.headcount:
            problems.append(error(
                record.display, f"the {key} counts add up to {total}, not the headcount "
                                f"({meta.headcount})", line=record.line_of(key), field=key,
                hint="count everyone once; put people who did not say under not_declared"))
    declared = meta.pay_multiple
    if declared is not None and pay is not None and multiple_disagrees(declared, pay.value):
        problems.append(warning(
            record.display, f"the pay multiple {declared} differs from {pay.value}, worked out "
                            "from the roles' salaries and grades", line=record.line_of(
                                "pay_multiple"), field="pay_multiple",
            hint=f"change it to {pay.value}, or remove it and let the site work it out"))
    return problems
