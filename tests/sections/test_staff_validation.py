"""Staff content errors and warnings: exact messages, as the editor sees them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from staff_helpers import PAY_SCALES, main, problems, role, staff_files

from generator.build import BuildResult

Build = Callable[..., BuildResult]


@pytest.fixture
def check(make_site: Callable[..., Path], build_site_at: Build) -> Callable[..., list[str]]:
    """Build the small office with some files replaced; return every problem as text."""
    def run(**files: str | None) -> list[str]:
        return problems(build_site_at(make_site(staff_files(**files)), write=False))
    return run


def test_the_small_office_is_valid(check: Callable[..., list[str]]) -> None:
    assert check() == []


def test_unknown_grade(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/head-of-policy.md": role(
        "Head of Policy", grade="SM2", reports_to="chief-of-staff")})
    assert found == [
        'content/staff/roles/head-of-policy.md, line 3, field "grade": \'SM2\' is not a grade '
        "in content/staff/pay-scales.yml. Hint: did you mean 'SM7'?"]


def test_unknown_grade_without_a_close_match_lists_the_grades(
        check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/head-of-policy.md": role(
        "Head of Policy", grade="Band 9", reports_to="chief-of-staff")})
    assert found[0].endswith("Hint: use one of: SM7, SM1, S5.")


def test_grade_is_required_except_for_office_holders(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/head-of-policy.md": role(
        "Head of Policy", reports_to="chief-of-staff")})
    assert found == [
        'content/staff/roles/head-of-policy.md, line 2, field "grade": this required field is '
        "missing. Hint: add a line `grade: …` with a code from content/staff/pay-scales.yml."]


def test_grade_without_pay_scales(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/pay-scales.yml": None})
    assert found[0] == (
        'content/staff/roles/chief-of-staff.md, line 3, field "grade": \'SM7\' is not a grade: '
        "there is no content/staff/pay-scales.yml. Hint: add the pay scales file listing every "
        "grade.")
    assert len(found) == 4


def test_invalid_pay_scales_are_reported_once(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/pay-scales.yml": PAY_SCALES.replace(
        'range: "51192-54510"', 'range: "about 50k"')})
    assert found == [
        'content/staff/pay-scales.yml, line 4, field "grades[2].range": \'about 50k\' is not a '
        "pay range like 77874-83127."]


def test_unknown_reports_to(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/head-of-policy.md": role(
        "Head of Policy", grade="SM1", reports_to="chief-of-staf")})
    assert found == [
        'content/staff/roles/head-of-policy.md, line 4, field "reports_to": \'chief-of-staf\' is '
        "not a role in content/staff/roles/. Hint: did you mean 'chief-of-staff'?"]


def test_reports_to_written_as_a_title(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/head-of-policy.md": role(
        "Head of Policy", grade="SM1", reports_to="Chief of Staff")})
    assert found == [
        'content/staff/roles/head-of-policy.md, line 4, field "reports_to": \'Chief of Staff\' is '
        "not a role in content/staff/roles/. Hint: write the role's file name without .md: "
        "'chief-of-staff'."]


def test_reports_to_a_draft_role(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/head-of-policy.md": role(
        "Head of Policy", grade="SM1", reports_to="chief-of-staff", draft=True)})
    assert found == [
        'content/staff/roles/policy-officer.md, line 4, field "reports_to": \'head-of-policy\' is '
        "a draft, so this role would report to a post that is not published. Hint: publish that "
        "role first or choose another."]


def test_a_cycle_in_reports_to(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/head-of-policy.md": role(
        "Head of Policy", grade="SM1", reports_to="policy-officer")})
    assert found == [
        'content/staff/roles/head-of-policy.md, line 4, field "reports_to": the reporting lines '
        "go round in a circle: head-of-policy → policy-officer → head-of-policy. Hint: make one "
        "role in the circle report to a role outside it, or remove its reports_to if it is the "
        "top of the office."]


def test_a_role_reporting_to_itself(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/head-of-policy.md": role(
        "Head of Policy", grade="SM1", reports_to="head-of-policy")})
    assert found == [
        'content/staff/roles/head-of-policy.md, line 4, field "reports_to": a role cannot report '
        "to itself. Hint: name the role this one reports to, or remove reports_to if it is the "
        "top of the office."]


def test_a_role_with_errors_is_not_reported_again_by_its_reports(
        check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/chief-of-staff.md": role(
        "Chief of Staff", grade="SM7", reports_to="commissioner", senior=True,
        postholder="Bea Example", salary=81216, statutory="[monitoring officer]")})
    assert found == [
        'content/staff/roles/chief-of-staff.md, line 8, field "statutory[1]": \'monitoring '
        "officer' is not allowed here. Hint: did you mean 'monitoring-officer'?"]


def test_a_senior_role_without_salary(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/chief-of-staff.md": role(
        "Chief of Staff", grade="SM7", reports_to="commissioner", senior=True,
        postholder="Bea Example")})
    assert found == [
        'content/staff/roles/chief-of-staff.md, line 5, field "salary": the salary is missing: '
        "senior roles' salaries must be published. Hint: add a line `salary: …` with the annual "
        "salary in pounds, e.g. salary: 81216."]


def test_a_senior_role_without_postholder(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/chief-of-staff.md": role(
        "Chief of Staff", grade="SM7", reports_to="commissioner", senior=True, salary=81216)})
    assert found == [
        'content/staff/roles/chief-of-staff.md, line 5, field "postholder": the postholder is '
        "missing: senior roles' names must be published. Hint: add a line `postholder: …` with "
        "their name, `name_withheld: true` if they refused consent, or `vacant: true` if the "
        "post is empty."]


def test_a_vacant_senior_role_needs_neither(check: Callable[..., list[str]]) -> None:
    assert check(**{"content/staff/roles/chief-of-staff.md": role(
        "Chief of Staff", grade="SM7", reports_to="commissioner", senior=True,
        vacant=True)}) == []


def test_an_office_holder_without_salary(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/commissioner.md": role(
        "Police and Crime Commissioner", statutory="[police-and-crime-commissioner]",
        politically_restricted=False, postholder="Ann Example")})
    assert found == [
        'content/staff/roles/commissioner.md, line 3, field "salary": the salary is missing: '
        "office holders' salaries must be published. Hint: add a line `salary: …` with the "
        "annual salary in pounds, e.g. salary: 81216."]


def test_salary_outside_the_grade_is_a_warning(make_site: Callable[..., Path],
                                               build_site_at: Build) -> None:
    result = build_site_at(make_site(staff_files(**{
        "content/staff/roles/chief-of-staff.md": role(
            "Chief of Staff", grade="SM7", reports_to="commissioner", senior=True,
            postholder="Bea Example", salary=90000)})), write=False)
    assert problems(result) == [
        'content/staff/roles/chief-of-staff.md, line 7, field "salary": the salary £90,000 is '
        "outside grade SM7 (£77,874 – £83,127). Hint: check the salary and the grade."]
    assert not result.errors and len(result.warnings) == 1


def test_statutory_roles_are_a_fixed_list(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/policy-officer.md": role(
        "Policy Officer", grade="S5", reports_to="head-of-policy", statutory="[dpo]")})
    assert found == [
        'content/staff/roles/policy-officer.md, line 5, field "statutory[1]": \'dpo\' is not '
        "allowed here. Hint: use one of: police-and-crime-commissioner, "
        "police-fire-and-crime-commissioner, deputy-commissioner, head-of-paid-service, "
        "monitoring-officer, chief-finance-officer, data-protection-officer."]


def test_unknown_field_has_a_did_you_mean(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/policy-officer.md": role(
        "Policy Officer", grade="S5", reports_to="head-of-policy", report_to="x")})
    assert found == [
        'content/staff/roles/policy-officer.md, line 5, field "report_to": "report_to" is not a '
        "field here. Hint: did you mean 'reports_to'?"]


@pytest.mark.parametrize(("field", "value", "message"), [
    ("fte", "0", "input should be greater than 0. Hint: use a larger number."),
    ("fte", "full", "'full' is not a number. Hint: write a number, e.g. 0.8."),
    ("fte", "true", "'True' is not a number. Hint: write a number, e.g. 0.8."),
    ("politically_restricted", "yes please",
     "'yes please' is not true or false. Hint: write true or false."),
    ("senior", "1", "'1' is not true or false. Hint: write true or false."),
    ("salary", "lots", "'lots' is not an amount of money. Hint: write a plain number of pounds, "
                       "e.g. 77874 or 77874.50."),
    ("appointed", "1 March 2024", "'1 March 2024' is not a date. Hint: write dates as "
                                  "YYYY-MM-DD, e.g. 2024-03-01."),
])
def test_field_formats(check: Callable[..., list[str]], field: str, value: str,
                       message: str) -> None:
    fields: dict[str, object] = {"grade": "S5", "reports_to": "head-of-policy", field: value}
    found = check(**{"content/staff/roles/policy-officer.md": role("Policy Officer", **fields)})
    assert found == [f'content/staff/roles/policy-officer.md, line 5, field "{field}": {message}']


def test_politically_restricted_is_required(check: Callable[..., list[str]]) -> None:
    text = role("Policy Officer", grade="S5", reports_to="head-of-policy")
    found = check(**{"content/staff/roles/policy-officer.md": text.replace(
        "politically_restricted: true\n", "")})
    assert found == [
        'content/staff/roles/policy-officer.md, line 2, field "politically_restricted": this '
        "required field is missing. Hint: add a line `politically_restricted: …`."]


def test_name_and_salary_of_other_staff_are_never_published(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build_site_at(make_site(staff_files(**{
        "content/staff/roles/policy-officer.md": role(
            "Policy Officer", grade="S5", reports_to="head-of-policy", postholder="Joe Bloggs",
            salary=23000)})), write=False)
    assert problems(result) == [
        'content/staff/roles/policy-officer.md, line 5, field "postholder": the postholder is '
        "published only for senior roles, so it is not shown. Hint: remove it, or add "
        "`senior: true` if this is a senior post.",
        'content/staff/roles/policy-officer.md, line 6, field "salary": the salary is published '
        "only for senior roles, so it is not shown. Hint: remove it, or add `senior: true` if "
        "this is a senior post."]
    for item in result.outputs:
        assert b"Joe Bloggs" not in item.content, item.path
        assert b"23000" not in item.content and b"23,000" not in item.content, item.path


def test_a_grade_above_the_senior_threshold_needs_senior(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/pay-scales.yml": PAY_SCALES.replace(
        '"51192-54510"', '"58479-64026"')})
    assert found == [
        'content/staff/roles/head-of-policy.md, line 3, field "senior": grade SM1 pays more than '
        "the senior salary threshold (£58,200) but the role is not marked senior. Hint: add "
        "`senior: true` with the postholder's name and salary (Specified Information Order, "
        "paragraph 2(d))."]


@pytest.mark.parametrize(("grade", "message"), [
    ('{code: X, range: "1-2", min: 1}', 'line 6, field "grades[4]": give the pay either as '
                                        "range or as min and max, not both."),
    ("{code: X, min: 1}", 'line 6, field "grades[4]": the grade needs both min and max (or a '
                          "range like 77874-83127)."),
    ("{code: X, min: 9, max: 2}", 'line 6, field "grades[4]": the minimum (9) is more than the '
                                  "maximum (2)."),
    ("{code: S5, min: 1, max: 2}", 'line 6, field "grades[4].code": the grade \'S5\' is listed '
                                   "twice. Hint: give each grade a different code."),
    ('{code: X, range: "£1,000 – £2,000"}', None),
])
def test_pay_scale_grades(check: Callable[..., list[str]], grade: str,
                          message: str | None) -> None:
    found = check(**{"content/staff/pay-scales.yml": PAY_SCALES + f"  - {grade}\n"})
    assert found == ([f"content/staff/pay-scales.yml, {message}"] if message else [])


def test_job_description_sections_are_checked(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/roles/policy-officer.md": role(
        "Policy Officer", grade="S5", reports_to="head-of-policy",
        body="## Main responsibilities\n\n- not numbered\n")})
    assert found == [
        'content/staff/roles/policy-officer.md, line 8: the job description has no "## Job '
        'purpose" section. Hint: add a heading "## Job purpose" and the text below it.',
        "content/staff/roles/policy-officer.md, line 8: the main responsibilities are not a "
        "numbered list. Hint: number each responsibility on its own line: 1. 2. 3."]


WORKFORCE = """\
as_at: 2026-03-31
headcount: 5
fte: 4.5
full_time: 4
part_time: 1
sex: {female: 3, male: 2}
ethnic_minority: {yes: 1, no: 4}
disabled: {"yes": 0, "no": 4, not_declared: 1}
"""


def test_workforce_is_valid_with_unquoted_yes(check: Callable[..., list[str]]) -> None:
    assert check(**{"content/staff/workforce.yml": WORKFORCE}) == []


def test_workforce_counts_must_add_up(check: Callable[..., list[str]]) -> None:
    text = (WORKFORCE.replace("full_time: 4", "full_time: 3").replace("male: 2", "male: 1")
            .replace("no: 4}", "no: 5}").replace("fte: 4.5", "fte: 6"))
    assert check(**{"content/staff/workforce.yml": text}) == [
        'content/staff/workforce.yml, line 3, field "fte": the fte (6) is more than the headcount '
        "(5). Hint: part-time staff count as less than 1, so the FTE cannot be more than the "
        "number of people.",
        'content/staff/workforce.yml, line 4, field "full_time": full_time (3) and part_time (1) '
        "add up to 4, not the headcount (5). Hint: every member of staff is either full-time or "
        "part-time.",
        'content/staff/workforce.yml, line 6, field "sex": the sex counts add up to 4, not the '
        "headcount (5). Hint: count everyone once; put people who did not say under "
        "not_declared.",
        'content/staff/workforce.yml, line 7, field "ethnic_minority": the ethnic_minority counts '
        "add up to 6, not the headcount (5). Hint: count everyone once; put people who did not "
        "say under not_declared."]


def test_workforce_field_typo(check: Callable[..., list[str]]) -> None:
    found = check(**{"content/staff/workforce.yml": WORKFORCE.replace("{female", "{women")})
    assert 'content/staff/workforce.yml, line 6, field "sex.women": "women" is not a field ' \
           "here. Hint: the fields here are: female, male, other, not_declared." in found


def test_declared_pay_multiple_that_differs_is_a_warning(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    # Staff pay: 81216 (1 FTE), SM1 mid-point 52851 (1), S5 mid-point 23713.5 (0.8 + 2.2).
    # The FTE-weighted median is 23713.5, so the multiple is 81216 / 23713.5 = 3.42.
    result = build_site_at(make_site(staff_files(**{
        "content/staff/workforce.yml": WORKFORCE + "pay_multiple: 2.73\n"})), write=False)
    assert problems(result) == [
        'content/staff/workforce.yml, line 9, field "pay_multiple": the pay multiple 2.73 '
        "differs from 3.42, worked out from the roles' salaries and grades. Hint: change it to "
        "3.42, or remove it and let the site work it out."]
    assert not result.errors
    assert "3.42 to 1" in main(result, "staff/index.html").text()


@pytest.mark.parametrize("declared", ["3.42", "3.37", '"3.47:1"'])
def test_declared_pay_multiple_within_0_05_is_accepted(check: Callable[..., list[str]],
                                                       declared: str) -> None:
    assert check(**{"content/staff/workforce.yml": WORKFORCE + f"pay_multiple: {declared}\n"}) \
        == []


def test_a_senior_postholder_may_withhold_their_name(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    withheld = role("Chief of Staff", grade="SM7", reports_to="commissioner", senior=True,
                    name_withheld=True, salary=81216)
    result = build_site_at(make_site(staff_files(
        **{"content/staff/roles/chief-of-staff.md": withheld})), write=False)
    assert problems(result) == []
    text = main(result, "staff/roles/chief-of-staff/index.html").text()
    assert "did not consent to their name being published" in text
    assert "£81,216" in text
    both = role("Chief of Staff", grade="SM7", reports_to="commissioner", senior=True,
                name_withheld=True, postholder="Bea Example", salary=81216)
    found = problems(build_site_at(make_site(staff_files(
        **{"content/staff/roles/chief-of-staff.md": both})), write=False))
    assert found == [
        'content/staff/roles/chief-of-staff.md, line 7, field "postholder": the name is '
        "withheld but also given. Hint: remove `postholder:` so the name cannot be published."]
