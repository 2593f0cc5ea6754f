"""The /data/ page and data/catalog.json list every dataset of every area."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from register_support import page, read_json

from generator.build import BuildResult
from generator.datasets import Column, Dataset, dataset_files
from generator.site import SectionResult, SiteInput

Build = Callable[..., BuildResult]

FILES: dict[str, str | bytes] = {
    "content/data.md": "---\ntitle: Open data\nupdated: 2026-02-02\n---\nOur data.\n",
    "content/registers/expenses.md": "---\ntitle: Expenses\nsummary: What we claim.\n---\nX.\n",
    "content/registers/expenses.csv": "date,person,category,description,amount\n"
                                      "2026-01-04,A,Mileage,Trip,17.10\n"
                                      "2026-01-05,A,Mileage,Trip back,17.10\n",
}


def other_area(site_input: SiteInput) -> SectionResult:
    """Stands in for another area (staff, decisions) that publishes a dataset."""
    dataset = Dataset(path="staff/roles", title="Roles", description="Every role.",
                      columns=[Column("title", "Title")], rows=[{"title": "Chief of Staff"}],
                      updated=date(2026, 3, 3))
    return SectionResult(files=dataset_files(dataset))


@pytest.fixture
def result(make_site: Callable[..., Path], build_site_at: Build,
           monkeypatch: pytest.MonkeyPatch) -> BuildResult:
    build_module = sys.modules["generator.build"]  # the package exports a function named build
    monkeypatch.setattr(build_module, "SECTIONS", [*build_module.SECTIONS, other_area])
    return build_site_at(make_site(FILES), write=False)


def test_catalog_json_lists_every_dataset_with_real_sizes(result: BuildResult) -> None:
    assert result.errors == []
    catalogue = read_json(result, "data/catalog.json")
    assert catalogue["@type"] == "dcat:Catalog" and catalogue["title"] == "Open data"
    assert catalogue["homepage"] == "https://example.org/data/"
    sizes = {f.path: len(f.content) for f in result.outputs}
    by_title = {d["title"]: d for d in catalogue["datasets"]}
    assert sorted(by_title) == ["Expenses", "Roles"]
    expenses = by_title["Expenses"]
    assert expenses["description"] == "What we claim." and expenses["rows"] == 2
    assert [(d["downloadURL"], d["mediaType"], d["byteSize"])
            for d in expenses["distribution"]] == [
        ("https://example.org/registers/expenses.csv", "text/csv",
         sizes["registers/expenses.csv"]),
        ("https://example.org/registers/expenses.json", "application/json",
         sizes["registers/expenses.json"])]
    assert expenses["landingPage"] == "https://example.org/registers/expenses/"
    assert by_title["Roles"]["modified"] == "2026-03-03" and by_title["Roles"]["rows"] == 1
    assert by_title["Roles"]["landingPage"] is None  # no page at /staff/roles/ in this site


def test_data_page_lists_size_rows_updated_and_description(result: BuildResult) -> None:
    html = page(result, "data/index.html")
    table = html.table("Every dataset published on this site")
    assert [a["scope"] for a in table.header_attrs] == ["col"] * 4
    assert table.header == ["Dataset", "Rows", "Last updated", "Download"]
    expenses = next(r for r in table.rows if r[0].startswith("Expenses"))
    assert "What we claim." in expenses[0]
    assert expenses[1] == "2"
    size = len(next(f.content for f in result.outputs if f.path == "registers/expenses.csv"))
    assert f"CSV ({size} Bytes)" in expenses[3]
    assert any(r[0].startswith("Roles") for r in table.rows)
    assert "/data/catalog.json" in html.links
    assert "/registers/expenses/" in html.links
    assert ("h1", "Open data") in html.headings
