"""Staff downloads: CSV and JSON read back and compared with the content."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from staff_helpers import WORKFORCE, output, role, staff_files

from generator.build import BuildResult

Build = Callable[..., BuildResult]



def read_csv(result: BuildResult, path: str) -> list[dict[str, str]]:
    text = output(result, path).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def read_json(result: BuildResult, path: str) -> Any:
    return json.loads(output(result, path).decode("utf-8"))


def build(make_site: Callable[..., Path], build_site_at: Build,
          **files: str | None) -> BuildResult:
    result = build_site_at(make_site(staff_files(**{
        "content/staff/workforce.yml": WORKFORCE,
        "content/staff/roles/liaison-officer.md": role(
            "Liaison Officer – Ynys Môn", grade="S5", reports_to="head-of-policy", draft=True),
        **files})), write=False)
    assert not result.errors, result.errors
    return result


def test_roles_csv_has_one_row_per_published_role(make_site: Callable[..., Path],
                                                  build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    text = output(result, "staff/roles.csv").decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "slug,title,grade,pay_min,pay_max,fte,reports_to,senior,statutory,"
        "politically_restricted,vacant,postholder,salary")
    rows = {r["slug"]: r for r in read_csv(result, "staff/roles.csv")}
    assert list(rows) == ["commissioner", "chief-of-staff", "head-of-policy", "policy-officer",
                          "support-officer"]
    assert rows["chief-of-staff"] == {
        "slug": "chief-of-staff", "title": "Chief of Staff", "grade": "SM7",
        "pay_min": "77874.00", "pay_max": "83127.00", "fte": "1", "reports_to": "commissioner",
        "senior": "true", "statutory": "head-of-paid-service; monitoring-officer",
        "politically_restricted": "true", "vacant": "false", "postholder": "Bea Example",
        "salary": "81216.00"}
    assert rows["policy-officer"]["fte"] == "0.8"
    assert rows["policy-officer"]["postholder"] == "" and rows["policy-officer"]["salary"] == ""
    assert rows["head-of-policy"]["pay_min"] == "51192.00"  # written as a range in the scales
    assert rows["commissioner"]["grade"] == "" and rows["commissioner"]["salary"] == "88600.00"
    assert rows["commissioner"]["reports_to"] == ""


def test_roles_json_matches_the_csv(make_site: Callable[..., Path],
                                    build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    document = read_json(result, "staff/roles.json")
    assert document["title"] == "Staff roles"
    assert [c["key"] for c in document["columns"]][:3] == ["slug", "title", "grade"]
    rows = {r["slug"]: r for r in document["rows"]}
    assert rows["support-officer"] == {
        "slug": "support-officer", "title": "Support Officer", "grade": "S5",
        "pay_min": 22668, "pay_max": 24759, "fte": 2.2, "reports_to": "chief-of-staff",
        "senior": False, "statutory": "", "politically_restricted": True, "vacant": False,
        "postholder": None, "salary": None}
    assert len(document["rows"]) == len(read_csv(result, "staff/roles.csv"))


def test_pay_scales_downloads(make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    rows = read_csv(result, "staff/pay-scales.csv")
    assert rows == [
        {"code": "SM7", "name": "Senior Management 7", "pay_min": "77874.00", "pay_max": "83127.00",
         "roles": "Chief of Staff", "effective_from": "2026-04-01"},
        {"code": "SM1", "name": "", "pay_min": "51192.00", "pay_max": "54510.00",
         "roles": "Head of Policy", "effective_from": "2026-04-01"},
        {"code": "S5", "name": "Scale 5", "pay_min": "22668.00", "pay_max": "24759.00",
         "roles": "Policy Officer; Support Officer", "effective_from": "2026-04-01"},
    ]
    assert read_json(result, "staff/pay-scales.json")["rows"][0]["pay_max"] == 83127


def test_organisation_chart_csv_in_the_transparency_code_shape(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    rows = {r["post_reference"]: r for r in read_csv(result, "staff/organisation-chart.csv")}
    assert rows["chief-of-staff"] == {
        "post_reference": "chief-of-staff", "post": "Chief of Staff", "grade": "SM7",
        "reports_to": "commissioner", "reports_to_post": "Police and Crime Commissioner",
        "fte": "1", "pay_floor": "77874.00", "pay_ceiling": "83127.00",
        "salary_band_floor": "80000.00", "salary_band_ceiling": "84999.00", "vacant": "false",
        "name": "Bea Example"}
    assert rows["support-officer"]["salary_band_floor"] == ""
    assert rows["support-officer"]["name"] == ""
    assert rows["commissioner"]["pay_floor"] == "88600.00"
    # Every reports_to is a post in the file, so the tree can be rebuilt from the CSV.
    assert {r["reports_to"] for r in rows.values()} - set(rows) == {""}


def test_workforce_download_applies_the_small_number_rule(
        make_site: Callable[..., Path], build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    rows = {r["measure"]: r for r in read_csv(result, "staff/workforce.csv")}
    assert rows["headcount"]["value"] == "6"
    assert rows["women"] == {"measure": "women", "value": "5", "percent": "83", "note": "",
                             "as_at": "2026-03-31"}
    assert rows["ethnic_minority"] == {"measure": "ethnic_minority", "value": "", "percent": "",
                                       "note": "fewer than 5", "as_at": "2026-03-31"}
    assert rows["disabled"]["value"] == "0" and rows["disabled"]["percent"] == "0"


def test_drafts_are_in_no_download(make_site: Callable[..., Path],
                                   build_site_at: Build) -> None:
    result = build(make_site, build_site_at)
    for item in result.outputs:
        assert "Ynys Môn".encode() not in item.content, item.path
        assert b"liaison-officer" not in item.content, item.path


def test_downloads_are_utf8_with_a_header(make_site: Callable[..., Path],
                                          build_site_at: Build) -> None:
    result = build(make_site, build_site_at, **{
        "content/staff/roles/liaison-officer.md": role(
            "Liaison Officer – Ynys Môn", grade="S5", reports_to="head-of-policy")})
    raw = output(result, "staff/roles.csv")
    assert "Liaison Officer – Ynys Môn".encode() in raw
    assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel reads it as UTF-8
    titles = [r["title"] for r in read_json(result, "staff/roles.json")["rows"]]
    assert "Liaison Officer – Ynys Môn" in titles
