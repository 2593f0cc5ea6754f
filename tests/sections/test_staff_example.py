"""The example site's staff pages carry the seeds' facts."""

from __future__ import annotations

import csv
import io
from functools import cache

from conftest import REPO, TODAY
from staff_helpers import main, output, table_rows

from generator.build import BuildResult, build

SEED_ROLES = {  # slug: (grade, pay range, number of responsibilities) from the seeds
    "chief-of-staff": ("SM7", "£77,874 – £83,127", 10),
    "chief-finance-officer": ("SM5", "£68,349 – £72,954", 16),
    "head-of-governance-and-assurance": ("SM3", "£58,479 – £64,026", 8),
    "head-of-policy-and-partnerships": ("SM1", "£51,192 – £54,510", 12),
    "head-of-commissioning": ("SM1", "£51,192 – £54,510", 12),
    "senior-communications-officer": ("PO1-2", "£35,481 – £39,705", 13),
    "governance-and-performance-officer": ("PO1-2", "£35,481 – £39,705", 12),
    "volunteer-and-third-sector-officer": ("SO1-2", "£28,353 – £34,614", 14),
    "engagement-and-casework-officer": ("SO1-2", "£28,353 – £34,614", 12),
    "business-support-officer": ("S5", "£22,668 – £24,759", 8),
}


@cache
def example() -> BuildResult:
    return build(REPO, write=False, today=TODAY)


def test_example_staff_content_has_no_problems() -> None:
    staff = [str(p) for p in example().problems if p.path.startswith("content/staff/")]
    assert staff == []


def test_every_seed_job_description_is_a_role_page() -> None:
    for slug, (grade, pay_range, duties) in SEED_ROLES.items():
        page = main(example(), f"staff/roles/{slug}/index.html")
        text = page.text()
        assert f"{grade} (" in text and pay_range in text, slug
        lists = [ol for ol in page.find_all("ol")]
        assert len(lists[0].elements()) == duties, slug


def test_office_holders() -> None:
    pcc = main(example(), "staff/roles/police-and-crime-commissioner/index.html").text()
    assert "Rebecca Ashworth" in pcc and "£88,600" in pcc
    deputy = main(example(), "staff/roles/deputy-commissioner/index.html").text()
    assert "Daniel Mensah" in deputy and "Politically restricted No" in deputy


def test_staff_index_has_the_seeds_figures() -> None:
    page = main(example(), "staff/index.html")
    text = page.text()
    assert "SM7 £77,874 – £83,127" in text
    assert "The office has 10.8 full-time equivalent posts in 10 roles." in text
    assert "0.8 full-time equivalent of these posts are vacant." in text
    assert "On 31 March 2026 the office employed 12 people (10.8 full-time equivalent)." in text
    workforce = table_rows(page.find("table", class_="workforce"))
    assert ["Women", "9", "75%"] in workforce
    assert ["From an ethnic minority", "fewer than 5", "not published"] in workforce
    assert ["Disabled", "fewer than 5", "not published"] in workforce
    assert "1.80 to 1" in text
    senior = table_rows(page.find_all("table")[1])
    assert senior[0] == ["Helen Carver", "Chief of Staff (Head of Paid Service, Monitoring "
                         "Officer)", "£81,216"]
    roles = table_rows(next(t for t in page.find_all("table") if "data-sortable" in t.attrs))
    assert ["Chief of Staff", "SM7", "£77,874 – £83,127", "1", "Police and Crime Commissioner"] \
        in roles


def test_example_pay_scales_csv() -> None:
    rows = list(csv.DictReader(io.StringIO(
        output(example(), "staff/pay-scales.csv").decode("utf-8-sig"))))
    assert [(r["code"], r["pay_min"], r["pay_max"]) for r in rows] == [
        ("SM7", "77874.00", "83127.00"), ("SM5", "68349.00", "72954.00"),
        ("SM3", "58479.00", "64026.00"), ("SM1", "51192.00", "54510.00"),
        ("PO1-2", "35481.00", "39705.00"), ("SO1-2", "28353.00", "34614.00"),
        ("S5", "22668.00", "24759.00")]
