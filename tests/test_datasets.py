"""Dataset files: joining parts, and the cache serve keeps between builds."""

from __future__ import annotations

import json
from datetime import date

import pytest

from generator.datasets import (
    Column,
    Dataset,
    DatasetCache,
    dataset_files,
    joined_dataset_files,
)

COLUMNS = [Column("supplier", "Supplier"), Column("amount", "Amount", "money")]


def _month(name: str, rows: list[dict[str, object]]) -> Dataset:
    return Dataset(f"spending/{name}", f"Spending {name}", "", COLUMNS, rows,
                   updated=date(2026, 10, 31))


def test_the_cache_reuses_files_only_for_rows_that_encode_the_same() -> None:
    cache = DatasetCache()
    rows = [{"supplier": "Ashbrook", "amount": 500}, {"supplier": "Fenwick", "amount": 620}]
    first = cache.files(_month("2026-10", rows))
    assert cache.files(_month("2026-10", list(rows))) is first  # a new list, same rows
    # Equal values in new row objects (a section run again) reuse the files too.
    copies = [dict(row) for row in rows]
    assert cache.files(_month("2026-10", copies)) is first
    assert (cache.encoded, cache.reused) == (1, 2)
    # Equal but not the same: True == 1, yet they are written differently.
    as_number = [copies[0], {"supplier": 1, "amount": 620}]
    assert b"\n1," in cache.files(_month("2026-10", as_number))[0].content
    as_bool = [copies[0], {"supplier": True, "amount": 620}]
    assert b"\ntrue," in cache.files(_month("2026-10", as_bool))[0].content
    reordered = [copies[0], {"amount": 620, "supplier": "Fenwick"}]
    cache.files(_month("2026-10", reordered))
    changed = [copies[0], {"supplier": "Fenwick", "amount": 621}]
    assert b"621" in cache.files(_month("2026-10", changed))[0].content
    renamed = _month("2026-10", changed)
    renamed.title = "Spending in October"
    files = cache.files(renamed)
    assert json.loads(files[1].content)["title"] == "Spending in October"
    assert (cache.encoded, cache.reused) == (6, 2)


def test_the_cache_entry_holds_its_rows_so_an_id_is_never_reused() -> None:
    cache = DatasetCache()
    for amount in range(100):  # each list and row is garbage once the call returns
        files = cache.files(_month("2026-10", [{"supplier": "A", "amount": amount}]))
        assert json.loads(files[1].content)["rows"] == [{"supplier": "A", "amount": amount}]
    assert cache.reused == 0


def test_joining_parts_that_do_not_make_up_the_dataset_is_refused() -> None:
    october = _month("2026-10", [{"supplier": "A", "amount": 1}])
    whole = _month("all", [{"supplier": "A", "amount": 1}, {"supplier": "B", "amount": 2}])
    with pytest.raises(ValueError, match="do not make up"):
        joined_dataset_files(whole, [(october, dataset_files(october))])
    other_columns = Dataset("spending/x", "X", "", COLUMNS[:1], october.rows)
    with pytest.raises(ValueError, match="do not make up"):
        joined_dataset_files(_month("all", october.rows),
                             [(other_columns, dataset_files(other_columns))])
