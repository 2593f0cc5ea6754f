#!/usr/bin/env python3
"""Benchmark: build a spending register of 100,000 rows in 60 monthly files.

Writes a temporary site holding only the spending register (the example site's
column mapping, day-first dates and "£1,234.56" amounts, fictional suppliers from
scripts/make_example_spending.py), then builds it in a child process and reports the
wall time and the child's peak resident memory, so the figures are for that register
alone and not for generating its files.

Usage:  python bench/spending_register.py [--rows 100000] [--months 60] [--keep DIR]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import OPCC_SITE_YML  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

SITE_YML = OPCC_SITE_YML  # the same finance-export column mapping as the OPCC corpus

BUILD = """\
import sys, time
from datetime import date
from pathlib import Path
from generator.build import build
started = time.perf_counter()
result = build(Path(sys.argv[1]), Path(sys.argv[2]), today=date(2026, 11, 23))
seconds = time.perf_counter() - started
for problem in result.problems[:10]:
    print(problem, file=sys.stderr)
print(f"{seconds:.2f} {result.pages} {result.files} {len(result.errors)} {int(result.written)}")
"""


def _example_module() -> object:
    spec = importlib.util.spec_from_file_location(
        "make_example_spending", ROOT / "scripts" / "make_example_spending.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_site(site: Path, rows: int, months: int, seed: int) -> None:
    example = _example_module()
    rng = random.Random(seed)
    (site / "content" / "registers" / "spending").mkdir(parents=True)
    (site / "site.yml").write_text(SITE_YML, encoding="utf-8")
    (site / "content" / "index.md").write_text("---\ntitle: Home\n---\nBenchmark.\n")
    (site / "content" / "registers" / "spending" / "index.md").write_text(
        "---\ntitle: Spending over £500\n---\nFictional benchmark data.\n", encoding="utf-8")
    year, month = 2021, 11
    per_month, extra = divmod(rows, months)
    weights = [t[4] for t in example.SPEND_TYPES]  # type: ignore[attr-defined]
    for index in range(months):
        count = per_month + (1 if index < extra else 0)
        days = example.working_days(year, month)  # type: ignore[attr-defined]
        path = site / "content" / "registers" / "spending" / f"{year}-{month:02d}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(example.HEADER)  # type: ignore[attr-defined]
            for n in range(1, count + 1):
                kind, body, areas, (low, high), _w, descs, suppliers, reasons = rng.choices(
                    example.SPEND_TYPES, weights)[0]  # type: ignore[attr-defined]
                amount = example.pick_amount(  # type: ignore[attr-defined]
                    rng, low, high, "grant" in kind.lower())
                writer.writerow([body, rng.choice(areas),
                                 rng.choice(days).strftime("%d/%m/%Y"), rng.choice(suppliers),
                                 rng.choice(descs), kind,
                                 example.format_amount(amount),  # type: ignore[attr-defined]
                                 f"NP-{year % 100:02d}{month:02d}-{n:05d}", rng.choice(reasons)])
        month += 1
        if month == 13:
            year, month = year + 1, 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--keep", type=Path, default=None,
                        help="build here and keep the site and output (default: a temp folder)")
    args = parser.parse_args()

    folder = args.keep or Path(tempfile.mkdtemp(prefix="spending-bench-"))
    site = folder / "site"
    if site.exists():
        shutil.rmtree(site)
    started = time.perf_counter()
    write_site(site, args.rows, args.months, args.seed)
    print(f"wrote {args.rows:,} rows in {args.months} files in "
          f"{time.perf_counter() - started:.1f}s")
    try:
        process = subprocess.run([sys.executable, "-c", BUILD, str(site), str(folder / "_site")],
                                 cwd=ROOT, capture_output=True, text=True, check=False)
        if process.returncode != 0 or process.stderr:
            print(process.stderr, file=sys.stderr)
        if process.returncode != 0:
            return 1
        seconds, pages, files, errors, written = process.stdout.split()
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak_kib = usage.ru_maxrss  # KiB on Linux
        size = sum(p.stat().st_size for p in (folder / "_site").rglob("*") if p.is_file())
        print(f"build: {float(seconds):.1f}s wall ({usage.ru_utime + usage.ru_stime:.1f}s CPU), "
              f"peak RSS {peak_kib / 1024:.0f} MiB, "
              f"{int(pages):,} pages, {int(files):,} files ({size / 1_048_576:.0f} MiB), "
              f"{errors} errors, written={bool(int(written))}")
        return 0 if errors == "0" else 1
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
