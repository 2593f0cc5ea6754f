"""The register of interests: a page per person, grouped, linked to the role page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from register_support import messages, page, read_csv
from staff_helpers import role

from generator.build import BuildResult

Build = Callable[..., BuildResult]

ASHWORTH = """\
person: Rebecca Ashworth
role: police-and-crime-commissioner
updated: 2026-09-14
interests:
  - {category: "Employment, office or trade", description: "Police and Crime Commissioner."}
  - {category: Memberships, description: "Member of the APCC."}
  - {category: "Employment, office or trade", description: "No other paid employment."}
  - {category: Memberships, description: "Secret club", draft: true}
  - {category: Gifts, description: "Later", publish_from: 2027-01-01}
"""
MENSAH = """\
person: Daniel Mensah
updated: 2026-07-02
interests:
  - {category: Directorships, description: "Mensah Mediation Services Ltd."}
"""
COMMISSIONER_ROLE = role("Police and Crime Commissioner",
                         statutory="[police-and-crime-commissioner]",
                         politically_restricted=False, postholder="Rebecca Ashworth",
                         salary=88600)
FILES: dict[str, str | bytes] = {
    "content/staff/roles/police-and-crime-commissioner.md": COMMISSIONER_ROLE,
    "content/registers/interests/index.md":
        "---\ntitle: Register of interests\nupdated: 2026-01-01\n---\nFictional people.\n",
    "content/registers/interests/rebecca-ashworth.yml": ASHWORTH,
    "content/registers/interests/daniel-mensah.yml": MENSAH,
}


@pytest.fixture
def build_files(make_site: Callable[..., Path], build_site_at: Build) -> Build:
    def run(files: dict[str, str | bytes]) -> BuildResult:
        return build_site_at(make_site(files), write=False)

    return run


def test_a_page_per_person_grouped_by_category(build_files: Build) -> None:
    result = build_files(FILES)
    assert messages(result) == []
    person = page(result, "registers/interests/rebecca-ashworth/index.html")
    assert person.headings[:-1] == [("h1", "Register of interests: Rebecca Ashworth"),
                               ("h2", "Employment, office or trade"), ("h2", "Memberships")]
    html = person.html
    assert html.index("Police and Crime Commissioner.") < html.index("No other paid employment.") \
        < html.index("Member of the APCC.")
    assert '<time datetime="2026-09-14">14 September 2026</time>' in html
    assert "Secret club" not in html and "Later" not in html
    spec = result.site.page_at("/registers/interests/rebecca-ashworth/") if result.site else None
    assert spec is not None and spec.duties == ("sio-1e-register-of-interests",)
    assert spec.publication_class == "lists-and-registers"


def test_the_list_of_people_links_each_page(build_files: Build) -> None:
    result = build_files(FILES)
    listing = page(result, "registers/interests/index.html")
    table = listing.table("Register of interests")
    assert table.rows == [["Daniel Mensah", "", "2 Jul 2026", "1"],
                          ["Rebecca Ashworth", "Police and Crime Commissioner", "14 Sep 2026",
                           "3"]]
    assert {"/registers/interests/daniel-mensah/",
            "/registers/interests/rebecca-ashworth/"} <= set(listing.links)
    spec = result.site.page_at("/registers/interests/") if result.site else None
    assert spec is not None and str(spec.updated) == "2026-09-14"
    rows = read_csv(result, "registers/interests.csv")
    assert [(r["person"], r["category"]) for r in rows] == [
        ("Daniel Mensah", "Directorships"),
        ("Rebecca Ashworth", "Employment, office or trade"), ("Rebecca Ashworth", "Memberships"),
        ("Rebecca Ashworth", "Employment, office or trade")]


def test_interests_and_role_pages_link_to_each_other(build_files: Build) -> None:
    files = dict(FILES)
    result = build_files(files)
    person = page(result, "registers/interests/rebecca-ashworth/index.html")
    assert '<a href="/staff/roles/police-and-crime-commissioner/">Police and Crime ' \
           'Commissioner</a>' in person.html
    role_page = page(result, "staff/roles/police-and-crime-commissioner/index.html")
    assert 'href="/registers/interests/rebecca-ashworth/"' in role_page.html
    # a role that does not exist is a warning with a did-you-mean
    files["content/registers/interests/rebecca-ashworth.yml"] = ASHWORTH.replace(
        "role: police-and-crime-commissioner", "role: police-crime-commissioner")
    result = build_files(files)
    assert messages(result) == [
        'content/registers/interests/rebecca-ashworth.yml, line 2, field "role": there is no '
        "role 'police-crime-commissioner' in content/staff/roles/. Hint: did you mean "
        "'police-and-crime-commissioner'?"]
    assert not result.errors


def test_an_unknown_interests_field_is_an_error(build_files: Build) -> None:
    files = {**FILES, "content/registers/interests/daniel-mensah.yml":
             MENSAH.replace("updated:", "update:")}
    assert messages(build_files(files)) == [
        'content/registers/interests/daniel-mensah.yml, line 2, field "update": "update" is not '
        "a field here. Hint: did you mean 'updated'?"]


def test_none_rows_are_kept_but_not_counted_as_interests(build_files: Build) -> None:
    """'Directorships: None' says the category was considered; it is not an interest."""
    nil = MENSAH + '  - {category: Gifts, description: "None"}\n' \
        '  - {category: Land, description: " nil "}\n'
    result = build_files({**FILES, "content/registers/interests/daniel-mensah.yml": nil})
    table = page(result, "registers/interests/index.html").table("Register of interests")
    assert table.rows[0] == ["Daniel Mensah", "", "2 Jul 2026", "1"]
    person = page(result, "registers/interests/daniel-mensah/index.html")
    assert ("h2", "Gifts") in person.headings  # still shown, and in the downloads
    assert len([r for r in read_csv(result, "registers/interests.csv")
                if r["person"] == "Daniel Mensah"]) == 3
