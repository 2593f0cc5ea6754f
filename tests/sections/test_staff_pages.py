"""Staff pages: role pages, the staff index and the pay scales page, read as HTML."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from staff_helpers import WORKFORCE, main, output, role, staff_files

from generator.build import BuildResult
from generator.load.config import SiteConfig
from generator.load.records import LoadResult, Record
from generator.load.sources import ParsedSource, SourceFile
from generator.models.base import PageMeta
from generator.sections.staff import interests_link_for
from generator.site import SiteInput

Build = Callable[..., BuildResult]


INDEX = """\
---
title: Our staff
summary: Who works here.
class: who-we-are
duties: [sio-2A-shared-staff-arrangements]
---
The office supports the Commissioner.
"""


def facts(result: BuildResult, slug: str) -> dict[str, str]:
    dl = main(result, f"staff/roles/{slug}/index.html").find("dl", class_="facts role-facts")
    terms = [n.text() for n in dl.find_all("dt")]
    values = [n.text() for n in dl.find_all("dd")]
    return dict(zip(terms, values, strict=True))


def build(make_site: Callable[..., Path], build_site_at: Build, site_yml: str | None = None,
          **files: str | None) -> BuildResult:
    result = build_site_at(make_site(staff_files(**{
        "content/staff/workforce.yml": WORKFORCE, "content/staff/index.md": INDEX,
        **files}), site_yml=site_yml), write=False)
    assert not result.errors, [str(p) for p in result.errors]
    return result


def test_a_senior_role_page(make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    assert facts(result, "chief-of-staff") == {
        "Postholder": "Bea Example",
        "Statutory roles": "Head of Paid Service, Monitoring Officer",
        "Grade": "SM7 (Senior Management 7)",
        "Pay range": "£77,874 – £83,127",
        "Salary": "£81,216",
        "Full-time equivalent": "1",
        "Reports to": "Police and Crime Commissioner",
        "Politically restricted": "Yes: the postholder may not take an active part in party "
                                  "politics",
        "Status": "Filled",
    }
    page = main(result, "staff/roles/chief-of-staff/index.html")
    assert page.find("h1").text() == "Chief of Staff"
    assert page.find("a", href="/staff/roles/commissioner/").text() == \
        "Police and Crime Commissioner"
    assert [li.text() for li in page.find("ol").find_all("li")] == ["The first duty.",
                                                                    "The second duty."]
    assert [h.text() for h in page.find_all("h2")][:2] == ["Job purpose", "Main responsibilities"]
    reports = page.find_all("h2")[-1]
    assert reports.text() == "Posts that report to this role"


def test_other_roles_show_no_name_and_a_vacancy_is_marked(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at, **{
        "content/staff/roles/policy-officer.md": role(
            "Policy Officer", grade="S5", reports_to="head-of-policy", fte=0.8, vacant=True,
            appointed="2020-01-01", location="Civic House",
            body="## Job purpose\n\nX.\n\n## Main responsibilities\n\n1. A.\n\n"
                 "## Person specification\n\n- Able to write.\n")})
    found = facts(result, "policy-officer")
    assert "Postholder" not in found and "Salary" not in found and "Appointed" not in found
    assert found["Status"] == "Vacant"
    assert found["Full-time equivalent"] == "0.8"
    assert found["Location"] == "Civic House"
    assert found["Pay range"] == "£22,668 – £24,759"
    page = main(result, "staff/roles/policy-officer/index.html")
    assert "Person specification" in [h.text() for h in page.find_all("h2")]


def test_office_holder_page(make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    found = facts(result, "commissioner")
    assert found["Postholder"] == "Ann Example"
    assert found["Statutory roles"] == "Police and Crime Commissioner"
    assert found["Salary"].startswith("£88,600")
    assert found["Politically restricted"] == "No"
    assert "Grade" not in found and "Reports to" not in found


def test_staff_index(make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    page = main(result, "staff/index.html")
    text = page.text()
    assert page.find("h1").text() == "Our staff"
    assert "The office supports the Commissioner." in text
    # Establishment: 1 + 1 + 0.8 + 2.2 FTE of staff; the Commissioner is not counted.
    assert "The office has 5 full-time equivalent posts in 4 roles." in text
    assert "On 31 March 2026 the office employed 6 people (5 full-time equivalent)." in text
    table = next(t for t in page.find_all("table") if "data-sortable" in t.attrs)
    assert table.find("caption").text() == "Roles in the office, with grade and pay range"
    headers = [th.text() for th in table.find("thead").find_all("th")]
    assert headers == ["Role", "Grade", "Pay range", "FTE", "Reports to"]
    rows = [[c.text() for c in tr.elements()] for tr in table.find("tbody").find_all("tr")]
    assert rows[1] == ["Chief of Staff", "SM7", "£77,874 – £83,127", "1",
                       "Police and Crime Commissioner"]
    assert len(rows) == 5
    assert "£81,216" in page.find("table").text() or "£81,216" in text


def test_staff_index_workforce_and_small_numbers(make_site: Callable[..., Path],
                                                 build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    table = main(result, "staff/index.html").find("table", class_="workforce")
    rows = {tr.find("th").text(): [td.text() for td in tr.find_all("td")]
            for tr in table.find("tbody").find_all("tr")}
    assert rows["Headcount (people)"] == ["6", ""]
    assert rows["Women"] == ["5", "83%"]
    assert rows["From an ethnic minority"] == ["fewer than 5", "not published"]
    assert rows["Disabled"] == ["0", "0%"]
    assert 'a count below 5 is shown as "fewer than 5"' in main(result, "staff/index.html").text()


def test_small_number_threshold_comes_from_site_yml(make_site: Callable[..., Path],
                                                    build_site_at: Build) -> None:
    from conftest import MINIMAL_SITE_YML

    result = build(make_site, build_site_at,
                   site_yml=MINIMAL_SITE_YML + "staff:\n  small_number_threshold: 0\n")
    table = main(result, "staff/index.html").find("table", class_="workforce")
    rows = {tr.find("th").text(): [td.text() for td in tr.find_all("td")]
            for tr in table.find("tbody").find_all("tr")}
    assert rows["From an ethnic minority"] == ["2", "33%"]


def test_staff_index_states_the_pay_multiple_and_its_method(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    text = main(result, "staff/index.html").text()
    assert "3.42 to 1" in text
    # The date is the newest of the roles and pay scales (here the files' dates).
    assert re.search(r"How we work this out, on \d{1,2} \w+ \d{4}: the highest full-time "
                     r"salary \(£81,216, Chief of Staff\) divided by the median full-time "
                     r"salary \(£23,713.50\)\.", text)
    assert "(3 of 4 posts)" in text


def test_staff_index_links_to_every_download(make_site: Callable[..., Path],
                                             build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    page = main(result, "staff/index.html")
    links = {a.attrs["href"] for a in page.find_all("a")}
    for path in ("roles", "pay-scales", "organisation-chart", "workforce"):
        assert {f"/staff/{path}.csv", f"/staff/{path}.json"} <= links
        output(result, f"staff/{path}.csv")
    assert "/staff/pay-scales/" in links


def test_duties_and_publication_classes(make_site: Callable[..., Path],
                                        build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    assert result.site is not None
    pages = {p.path: p for p in result.site.pages}
    index = pages["/staff/"]
    assert index.duties == ("sio-2A-shared-staff-arrangements", "sio-2a-staff-headcount",
                            "sio-2b-staff-diversity", "sio-2d-senior-employees",
                            "lgtc-pay-multiple")
    assert index.publication_class == "who-we-are"
    assert pages["/staff/organisation-chart/"].duties == ("sio-2c-org-chart",)
    assert pages["/staff/pay-scales/"].publication_class == "what-we-spend"
    assert pages["/staff/roles/commissioner/"].duties == ("sio-1a-office-holder-names",
                                                          "sio-1c-office-holder-salary")
    assert pages["/staff/roles/chief-of-staff/"].duties == ("sio-2d-senior-employees",)
    assert pages["/staff/roles/chief-of-staff/"].kind == "role"
    assert pages["/staff/roles/policy-officer/"].duties == ()


def test_pay_scales_page(make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    page = main(result, "staff/pay-scales/index.html")
    assert "These pay scales apply from 1 April 2026." in page.text()
    rows = {tr.find("th").text(): [td.text() for td in tr.find_all("td")]
            for tr in page.find("table").find("tbody").find_all("tr")}
    assert rows["SM7"] == ["Senior Management 7", "£77,874 – £83,127", "Chief of Staff"]
    assert rows["S5"][:2] == ["Scale 5", "£22,668 – £24,759"]
    s5 = page.find("table").find("tbody").find_all("tr")[2]
    assert [a.text() for a in s5.find_all("a")] == ["Policy Officer", "Support Officer"]
    bands = page.find_all("table")[1]
    assert [[c.text() for c in tr.elements()] for tr in bands.find("tbody").find_all("tr")] \
        == [["£50,000 – £54,999", "1"], ["£80,000 – £84,999", "1"]]


def test_links_work_under_a_sub_path(make_site: Callable[..., Path],
                                     build_site_at: Build) -> None:
    from conftest import MINIMAL_SITE_YML

    result = build(make_site, build_site_at, site_yml=MINIMAL_SITE_YML.replace(
        "https://example.org/", "https://example.org/transparency/"))
    page = main(result, "staff/roles/policy-officer/index.html")
    assert page.find("a", href="/transparency/staff/roles/head-of-policy/")
    index = main(result, "staff/index.html")
    assert index.find("a", href="/transparency/staff/roles.csv")


def test_without_index_or_workforce(make_site: Callable[..., Path],
                                    build_site_at: Build) -> None:
    result = build_site_at(make_site(staff_files()), write=False)
    assert not result.problems
    page = main(result, "staff/index.html")
    assert page.find("h1").text() == "Staff"
    assert "Our workforce" not in page.text()
    assert result.site is not None
    index = next(p for p in result.site.pages if p.path == "/staff/")
    assert index.duties == ("sio-2d-senior-employees", "lgtc-pay-multiple")


def test_no_staff_content_no_staff_pages(make_site: Callable[..., Path],
                                         build_site_at: Build) -> None:
    result = build_site_at(make_site({}), write=False)
    assert not [o for o in result.outputs if o.path.startswith("staff/")]


def record(rel: str, meta: object) -> Record:
    source = ParsedSource(SourceFile(rel, Path("/nowhere") / rel))
    return Record("interests", source, meta, date(2026, 1, 1))


class Interests(PageMeta):
    role: str | None = None


def test_interests_link_for_a_role() -> None:
    config = SiteConfig.model_validate({"organisation": {"name": "X", "short_name": "X"},
                                        "base_url": "https://example.org/"})
    loaded = LoadResult(records=[
        record("registers/interests/ann-example.yml",
               Interests(title="Ann", role="commissioner")),
        record("registers/interests/someone-else.yml", Interests(title="B", role="deputy")),
    ])
    site_input = SiteInput(config, loaded, date(2026, 11, 23), Path("/nowhere"))
    assert interests_link_for("commissioner", site_input) == \
        "/registers/interests/ann-example/"
    assert interests_link_for("chief-of-staff", site_input) is None
    assert interests_link_for("commissioner", SiteInput(config, LoadResult(), date(2026, 1, 1),
                                                        Path("/nowhere"))) is None


def test_staff_index_counts_one_post_one_role_and_one_person_in_the_singular(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    def vacant(title: str) -> str:
        return role(title, grade="S5", reports_to="commissioner", vacant=True)

    workforce = WORKFORCE.replace("headcount: 6", "headcount: 1").replace("fte: 5", "fte: 1")
    one = build(make_site, build_site_at, **{
        "content/staff/roles/chief-of-staff.md": vacant("Chief of Staff"),
        "content/staff/roles/head-of-policy.md": None,
        "content/staff/roles/policy-officer.md": None,
        "content/staff/roles/support-officer.md": None,
        "content/staff/workforce.yml": workforce.replace(
            "full_time: 4\npart_time: 2", "full_time: 1\npart_time: 0").replace(
            "sex: {female: 5, male: 1}", "sex: {female: 1, male: 0}").replace(
            'ethnic_minority: {"yes": 2, "no": 4}', 'ethnic_minority: {"yes": 0, "no": 1}')
        .replace('disabled: {"yes": 0, "no": 5, not_declared: 1}',
                 'disabled: {"yes": 0, "no": 1, not_declared: 0}')})
    text = main(one, "staff/index.html").text()
    assert ("The office has 1 full-time equivalent post in 1 role. 1 full-time equivalent of "
            "these posts is vacant.") in text
    assert "the office employed 1 person (1 full-time equivalent)." in text
    two = build(make_site, build_site_at, **{
        "content/staff/roles/chief-of-staff.md": vacant("Chief of Staff"),
        "content/staff/roles/head-of-policy.md": vacant("Head of Policy"),
        "content/staff/roles/policy-officer.md": None,
        "content/staff/roles/support-officer.md": None})
    assert ("The office has 2 full-time equivalent posts in 2 roles. 2 full-time equivalent "
            "of these posts are vacant.") in main(two, "staff/index.html").text()
    # none vacant: no sentence about vacancies at all
    assert "vacant" not in main(build(make_site, build_site_at), "staff/index.html").text()
