"""Dataset files: joining parts, and the cache serve keeps between builds."""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

import pytest

from generator.datasets import (
    Column,
    Dataset,
    DatasetCache,
    _cell_writer,
    _csv_header,
    _json_document,
    dataset_files,
    joined_dataset_files,
    plain,
    to_csv,
    to_json,
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


def test_downloads_written_a_column_at_a_time_match_a_row_at_a_time() -> None:
    """to_csv and to_json write each distinct text once and numbers without the encoder:
    the bytes are those of the plain row-by-row writers, whatever the cells hold."""
    pool = [None, "", "a", 'b<&>"\'\\\n\u2028é£', "=SUM(A1)", 1, -5, True, False,
            Decimal("1.0"), Decimal("-2.505"), Decimal("1E+3"), 3.5, float("nan"),
            10**30, date(2024, 1, 1), datetime(2024, 1, 1, 14, 30), ["x", 2], "2024-01-01"]
    kinds = ["text", "money", "number", "date", "datetime", "bool", "list"]
    rng = random.Random(15)
    for _ in range(300):
        keys = [rng.choice("abcdef") for _ in range(rng.randint(0, 5))]
        columns = [Column(k, k.upper(), rng.choice(kinds)) for k in keys]  # type: ignore[arg-type]
        rows = [{k: rng.choice(pool) for k in keys if rng.random() < 0.9}
                for _ in range(rng.randint(0, 6))]
        dataset = Dataset(path="x", title="T", description="D", columns=columns, rows=rows)
        assert _outcome(to_json, dataset) == _outcome(_json_row_by_row, dataset)
        assert _outcome(to_csv, dataset) == _outcome(_csv_row_by_row, dataset)


def _outcome(write: Callable[[Dataset], bytes], dataset: Dataset) -> bytes | type:
    """The bytes written, or the type of error (a money column of words cannot be)."""
    try:
        return write(dataset)
    except Exception as exc:  # noqa: BLE001 - the same error either way
        return type(exc)


def _json_row_by_row(dataset: Dataset) -> bytes:
    keys = [c.key for c in dataset.columns]
    encode = json.JSONEncoder(ensure_ascii=False).encode
    rows = ",\n".join("  " + encode({k: plain(row.get(k)) for k in keys})
                      for row in dataset.rows)
    return _json_document(dataset, rows.encode("utf-8"))


def _csv_row_by_row(dataset: Dataset) -> bytes:
    buffer = io.StringIO(newline="")
    writers = [(c.key, _cell_writer(c)) for c in dataset.columns]
    csv.writer(buffer, lineterminator="\n").writerows(
        [write(row.get(key)) for key, write in writers] for row in dataset.rows)
    return _csv_header(dataset) + buffer.getvalue().encode("utf-8")
