"""Measure save → reload latency of `transparency serve` on a copy of a site.

Usage: .venv/bin/python scripts/measure_reload.py [--source .] [--page about.md]
       [--runs 5] [--drop-failing]

The site (site.yml, content/, templates/) is copied to a temporary folder, so the real
content is never touched. The preview runs on 127.0.0.1; for each run the script
long-polls the reload address over a real socket, appends a line to the page, and
times (1) the reload signal: the save until the poll answers, and (2) visible: the save
until the page, fetched again, contains the new line. ``--drop-failing`` first removes
the files that do not build (for a branch that lacks some content types), so the
successful path can be measured: failing Markdown files keep their body under a plain
page's front matter, other failing files are removed; the report says how many.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.build import BuildOptions, build  # noqa: E402
from generator.reporting import ConsoleReporter  # noqa: E402
from generator.serve.livereload import POLL_PREFIX  # noqa: E402
from generator.serve.server import Preview  # noqa: E402
from generator.urls import page_path_for  # noqa: E402


class _Silent(ConsoleReporter):
    def problems(self, problems: object, closing: str | None = None) -> None:
        return

    def line(self, text: str) -> None:
        return


def _copy(source: Path, target: Path) -> None:
    shutil.copy2(source / "site.yml", target / "site.yml")
    for folder in ("content", "templates"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)


def _drop_failing(site: Path, today: date) -> int:
    """Make the site build: a failing Markdown file keeps its body under a plain page's
    front matter (so links to it and its rendering cost stay); other failing files go."""
    changed: set[str] = set()
    for attempt in range(5):
        result = build(site, site / "_site", today=today, write=False)
        paths = {p.path for p in result.errors if p.path.startswith("content/")}
        if not paths:
            break
        for rel in paths:
            path = site / rel
            changed.add(rel)
            if path.suffix != ".md" or attempt >= 2:
                path.unlink(missing_ok=True)
                continue
            text = path.read_text(encoding="utf-8")
            body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
            title = path.stem.replace("-", " ").capitalize()
            path.write_text(f"---\ntitle: {title}\n---\n{body if attempt < 1 else ''}",
                            encoding="utf-8")
    return len(changed)


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return bytes(response.read())
    except urllib.error.HTTPError as exc:
        with exc:
            return bytes(exc.read())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=REPO)
    parser.add_argument("--page", default=None, help="content-relative page to edit")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 23))
    parser.add_argument("--drop-failing", action="store_true",
                        help="first turn files that do not build into plain pages (or drop "
                             "them), to measure the successful path")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        _copy(args.source.resolve(), site)
        dropped = _drop_failing(site, args.today) if args.drop_failing else 0
        pages = sorted(p.relative_to(site / "content").as_posix()
                       for p in (site / "content").glob("*.md") if p.name != "index.md")
        page = args.page or pages[0]
        preview = Preview(site, port=0, options=BuildOptions(today=args.today), reporter=_Silent())
        url = preview.start()
        origin = url.split("/", 3)
        poll_base = f"{origin[0]}//{origin[2]}{POLL_PREFIX}"
        page_url = url.rstrip("/") + page_path_for(page)
        stop = threading.Event()
        threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
        target = site / "content" / page
        original = target.read_text(encoding="utf-8")
        signal, visible, oks = [], [], []
        try:
            for run in range(-1, args.runs):  # run -1 warms the watcher up, unmeasured
                epoch = preview.state.status.epoch
                answer: dict[str, object] = {}

                def poll(epoch: int = epoch, answer: dict[str, object] = answer) -> None:
                    answer.update(json.loads(_get(f"{poll_base}{epoch}")))
                    answer["at"] = time.perf_counter()

                poller = threading.Thread(target=poll)
                poller.start()
                time.sleep(0.3)
                marker = f"Measured edit {run + 2}."
                saved = time.perf_counter()
                target.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
                poller.join(timeout=60)
                if run < 0:
                    time.sleep(0.3)
                    continue
                got = _get(page_url)
                seen = time.perf_counter()
                signal.append(float(answer["at"]) - saved)  # type: ignore[arg-type]
                oks.append(bool(answer.get("ok")))
                if marker.encode() in got:
                    visible.append(seen - saved)
        finally:
            stop.set()
            preview.stop()

    def ms(values: list[float]) -> str:
        if not values:
            return "n/a"
        return (f"median {statistics.median(values) * 1000:.0f} ms, "
                f"max {max(values) * 1000:.0f} ms")

    print(f"site: {args.source} (page content/{page}, {args.runs} runs"
          + (f", {dropped} failing files made plain pages or dropped" if args.drop_failing
             else "") + ")")
    print(f"builds ok: {sum(oks)}/{len(oks)}")
    print(f"save -> reload signal: {ms(signal)}")
    print(f"save -> edit visible:  {ms(visible)}")
    return 0 if signal else 1


if __name__ == "__main__":
    sys.exit(main())
