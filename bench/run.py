"""The benchmark: our builds against MkDocs 1.6 on the same plain-pages corpus, and a
large OPCC site in our own content format.

    make bench                      # or: .venv/bin/python bench/run.py
    .venv/bin/python bench/run.py --pages 4000 --scale 1.0 --runs 3 --skip-mkdocs

Prints, each as the median of --runs runs in fresh processes: cold build (with the
search index, no cache), no-change rebuild, one-page-edit rebuild (serve's incremental
path), peak RSS (this process or any child: render workers, Pagefind) and output file
count; then MkDocs' cold build of the same plain pages and the ratio. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_opcc, write_plain  # noqa: E402


def _measure(site: Path, out: Path, mode: str, *extra: str, without: str = ""
             ) -> dict[str, Any]:
    env = {**os.environ, "BENCH_WITHOUT": without}
    proc = subprocess.run([sys.executable, str(HERE / "measure.py"), str(site), str(out), mode,
                           *extra], capture_output=True, text=True, check=True, env=env)
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _mkdocs(site: Path) -> float:
    mkdocs = Path(sys.executable).with_name("mkdocs")
    started = time.perf_counter()
    subprocess.run([str(mkdocs), "build", "-q", "-d", str(site / "mkdocs-out")],
                   cwd=site / "mkdocs", check=True, capture_output=True)
    return time.perf_counter() - started


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _report(site: Path, tmp: str, runs: int, edits: list[tuple[str, str]]) -> float:
    """Print the figures for one corpus; ``edits`` are (label, file): the first is the
    headline one-page edit."""
    out = site / "_site"
    cold = [_measure(site, out, "cold") for _ in range(runs)]
    warm = [_measure(site, out, "warm") for _ in range(runs)]
    files = [rel for _label, rel in edits]
    serve = [_measure(site, Path(tmp) / "serve", "edit", *files) for _ in range(runs)]
    print(f"  cold build            {_median([c['seconds'] for c in cold]):8.2f} s")
    stages = {k: _median([c["timings"][k] for c in cold]) for k in cold[0]["timings"]}
    print("    stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in stages.items()))
    print(f"  no-change rebuild     {_median([w['seconds'] for w in warm]):8.3f} s")
    for label, rel in edits:
        runs_of_edit = [s["edits"][rel] for s in serve]
        first = runs_of_edit[0]
        if first["errors"] or not first["written"]:
            print(f"  {label}: the edited build failed: {first['errors']}")
            continue
        seconds = _median([e["seconds"] for e in runs_of_edit])
        print(f"  {label + ' (serve)':21s} {seconds * 1000:8.0f} ms  "
              f"({first['rendered']} pages re-rendered, {first['sections']} sections "
              f"re-run; search index refreshed in the background by "
              f"{_median([e['with_search_index'] for e in runs_of_edit]):.2f} s)")
    print(f"  peak RSS              {max(c['peak_rss_mb'] for c in cold):8.0f} MB"
          f"  (serve session: {max(s['peak_rss_mb'] for s in serve):.0f} MB)")
    print(f"  output files          {int(cold[0]['files']):8d}")
    return _median([c["seconds"] for c in cold])


OPCC_EDITS = [
    ("one-page edit", "content/section-03/page-00003.md"),
    ("meeting edit", "content/meetings/body-0/2017-01-02.md"),
    ("page title edit", "title:content/section-03/page-00023.md"),
    ("page added", "new:content/section-03/a-new-page.md"),
    ("role edit", "content/staff/roles/role-0001.md"),
    ("decision edit", "content/registers/decisions/2017-00001.md"),
    ("spending file edit", "content/registers/spending/2017-01.csv")]

PIECES = ["", "plain", "section_cache", "page_inputs", "page_reads", "dataset_cache", "heap"]
"""serve's incremental layer, piece by piece ("" = all of it; see measure.py)."""


def bench_opcc(scale: float, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "opcc"
        write_opcc(site, scale)
        print(f"OPCC corpus: scale {scale} (1.0 = 1,500 meetings, 3,000 decisions, 300 roles, "
              f"120 spending files of 1,000 rows, 2,000 pages), {os.cpu_count()} cores, "
              f"median of {runs} runs")
        _report(site, tmp, runs, OPCC_EDITS)


def ablate(site: Path, tmp: str, runs: int, edits: list[tuple[str, str]]) -> None:
    """What each piece of serve's incremental layer saves: every edit timed with all of
    it, then with one piece taken away, in the same run (so the ratios are fair). The
    plain rebuild costs about the same whatever was edited: it times the first two edits
    only. Each piece's line is printed as soon as it is measured."""
    print(f"  {'ms, median of ' + str(runs):22s}" + "".join(f"{label[:13]:>14s}"
                                                           for label, _rel in edits),
          flush=True)
    for piece in PIECES:
        chosen = edits[:2] if piece == "plain" else edits
        sessions = [_measure(site, Path(tmp) / "serve", "edit",
                             *[rel for _label, rel in chosen], without=piece)
                    for _ in range(runs)]
        cells = [f"{_median([s['edits'][rel]['seconds'] for s in sessions]) * 1000:14.0f}"
                 for _label, rel in chosen]
        name = f"without {piece}" if piece else "all of it"
        print(f"  {name:22s}" + "".join(cells), flush=True)
    out = site / "_site"
    _measure(site, out, "cold")
    warm = {piece: _median([_measure(site, out, "warm", without=piece)["seconds"]
                            for _ in range(runs)]) for piece in ("", "fingerprint")}
    print(f"  no-change rebuild: {warm[''] * 1000:.0f} ms with the fingerprint shortcut, "
          f"{warm['fingerprint'] * 1000:.0f} ms without (warm Markdown cache)", flush=True)


def bench_ablation(scale: float, runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        example = Path(tmp) / "example"
        example.mkdir()
        shutil.copy(HERE.parent / "site.yml", example / "site.yml")
        shutil.copytree(HERE.parent / "content", example / "content")
        print(f"Example site, {os.cpu_count()} cores", flush=True)
        ablate(example, tmp, runs, [
            ("one-page edit", "content/about-the-commissioner.md"),
            ("spending file edit", "content/registers/spending/2026-03.csv"),
            ("page title edit", "title:content/contact.md"),
            ("page added", "new:content/a-new-page.md")])
        if scale > 0:
            site = Path(tmp) / "opcc"
            write_opcc(site, scale)
            print(f"OPCC corpus: scale {scale}, {os.cpu_count()} cores", flush=True)
            ablate(site, tmp, runs, OPCC_EDITS)


def bench_plain(pages: int, runs: int, skip_mkdocs: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "plain"
        write_plain(site, pages)
        print(f"Plain corpus: {pages} pages, {os.cpu_count()} cores, median of {runs} runs")
        ours = _report(site, tmp, runs, [("one-page edit", "content/page-00010.md")])
        if not skip_mkdocs:
            mk = [_mkdocs(site) for _ in range(runs)]
            print(f"  MkDocs 1.6 cold build {_median(mk):8.2f} s")
            print(f"  ratio MkDocs / ours   {_median(mk) / ours:8.1f} x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=4000,
                        help="size of the plain corpus (0 skips it)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size of the OPCC corpus (0 skips it)")
    parser.add_argument("--skip-mkdocs", action="store_true")
    parser.add_argument("--ablate", action="store_true",
                        help="time serve's edits with each piece of its incremental layer "
                             "taken away, on the example site and the OPCC corpus")
    args = parser.parse_args()
    if args.ablate:
        bench_ablation(args.scale, args.runs)
        return
    if args.pages > 0:
        bench_plain(args.pages, args.runs, args.skip_mkdocs)
    if args.scale > 0:
        bench_opcc(args.scale, args.runs)


if __name__ == "__main__":
    main()
