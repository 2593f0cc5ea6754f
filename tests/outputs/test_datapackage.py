"""datapackage.json: every published CSV is a resource whose Table Schema it passes.

Validated with the ``frictionless`` library, the reference implementation of the Data
Package and Table Schema specifications: the example site's data (every register,
staff, decisions and meetings), and a spending export with the awkward cells (negative
amounts, formula-like text, the export's own columns).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import frictionless
from conftest import MINIMAL_SITE_YML
from public_site import example_build
from register_support import read_json

from generator.build import BuildResult

Build = Callable[..., BuildResult]
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def _problems(package: Path) -> list[str]:
    report = frictionless.validate(str(package))
    return [f"{task.name}: {error.type} {error.note}" for task in report.tasks
            for error in task.errors] + [f"{e.type} {e.note}" for e in report.errors]


def test_every_csv_of_the_example_site_passes_its_schema() -> None:
    out = example_build().out
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    published = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.csv")
                       if "/papers/" not in p.as_posix())
    assert sorted(r["path"] for r in package["resources"]) == published
    assert package["licenses"][0]["path"] == OGL
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            assert field["name"] and field["type"] and field["title"] and field["description"]
    assert _problems(out / "datapackage.json") == []


def test_an_awkward_export_passes_its_schema(make_site: Callable[..., Path],
                                             build_site_at: Build, tmp_path: Path) -> None:
    site = make_site({
        "content/registers/spending/index.md": "---\ntitle: Spending\n---\nFictional.\n",
        "content/registers/spending/2026-10.csv": (
            "Supplier id,date,supplier,description,category,amount,reference,value_for_money,"
            "=cmd()\n"
            "S1,01/10/2026,=HYPERLINK(\"x\"),-1 credit,@cat,(250.00),R1,+quote,-2\n"
            "S2,02/10/2026,Acme Ltd,Paper,Office,\"1,299.92\",R1,Tender,\n")},
        site_yml=MINIMAL_SITE_YML)
    out = tmp_path / "out"
    result = build_site_at(site, out_dir=out)
    assert result.errors == []
    assert _problems(out / "datapackage.json") == []
    text = (out / "registers/spending/2026-10.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'-1 credit" in text and "'@cat" in text
    assert ",-250.00," in text  # a negative amount stays a number
    assert text.splitlines()[0].endswith(",'=cmd()")  # a heading is a cell too
    schema = {r["path"]: r["schema"] for r in read_json(result, "datapackage.json")["resources"]}
    fields = {f["name"]: f for f in schema["registers/spending/2026-10.csv"]["fields"]}
    assert fields["amount"]["type"] == "number" and fields["date"]["type"] == "date"
    assert fields["Supplier id"]["type"] == "string"


def test_the_catalogue_names_the_licence_and_what_each_dataset_conforms_to() -> None:
    catalogue = json.loads((example_build().out / "data/catalog.json").read_text("utf-8"))
    assert catalogue["license"] == OGL
    by_title = {d["title"]: d for d in catalogue["datasets"]}
    spending = by_title["Spending over £500"]
    assert spending["license"] == OGL
    assert "https://www.legislation.gov.uk/uksi/2011/3050/schedule" in spending["conformsTo"]
    csv_file = spending["distribution"][0]
    assert csv_file["conformsTo"] == ["https://specs.frictionlessdata.io/table-schema/"]
    assert csv_file["describedBy"]["downloadURL"].endswith("/datapackage.json")
