"""Run one build in this process and print its figures as JSON (used by bench/run.py).

    python bench/measure.py SITE_DIR OUT_DIR cold|warm|edit [FILE...]

"cold" clears the cache first; "warm" rebuilds with the cache and stamp in place (the
no-change rebuild); "edit" builds once with the incremental builder, then for each FILE:
edits it, times the incremental build as ``serve`` does after a save (told which file
changed, as serve's file watcher tells it), and undoes the edit (rebuilt, not timed).
A Markdown file gets a sentence at the end; a CSV file gets one cell changed. A FILE
written "title:PATH" gets a new title instead; "new:PATH" is a page added (then deleted).

``BENCH_WITHOUT=piece`` takes one piece of serve's incremental layer away, to see what it
saves (``bench/run.py --ablate``): ``plain`` (every rebuild a full in-process build with
warm caches: loaded files and rendered Markdown kept), ``section_cache``, ``page_inputs``,
``page_reads``, ``dataset_cache``, ``heap``; with "warm", ``fingerprint`` (the no-change
shortcut).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from datetime import date
from pathlib import Path

from generator.build import BuildOptions, build
from generator.serve.heap import QuietHeap
from generator.serve.incremental import IncrementalBuilder

TODAY = date(2026, 11, 23)


def _peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _edited(path: Path, text: str, kind: str) -> str:
    if kind == "title":
        return text.replace("\ntitle: ", "\ntitle: Renamed ", 1)
    if path.suffix == ".csv":  # change the last row's last cell, keep the row count
        head, _, last = text.rstrip("\n").rpartition("\n")
        return f"{head}\n{last} (edited)\n"
    return text + "\nAn edited sentence for the benchmark.\n"


def _timed_edit(builder: IncrementalBuilder, heap: QuietHeap | _NoHeap, site: Path,
                spec: str) -> dict[str, object]:
    """One save in serve, timed as the editor feels it: until the pages are written. As
    in serve, memory is tidied when the editor pauses (here: between edits)."""
    kind, _, rel = spec.rpartition(":")
    path = site / rel
    if kind == "new":
        path.write_text("---\ntitle: A new page\n---\nWritten for the benchmark.\n",
                        encoding="utf-8")
        try:
            figures = _timed_build(builder, heap, [("added", path)])
        finally:
            path.unlink()
        undo = [("deleted", path)]
    else:
        original = path.read_text(encoding="utf-8")
        try:
            path.write_text(_edited(path, original, kind), encoding="utf-8")
            figures = _timed_build(builder, heap, [("modified", path)])
        finally:
            path.write_text(original, encoding="utf-8")
        undo = [("modified", path)]
    builder.expect_changes(undo)
    builder.build()
    heap.after_build()
    builder.wait_for_search()
    heap.when_idle()
    return figures


def _timed_build(builder: IncrementalBuilder, heap: QuietHeap | _NoHeap,
                 changes: list[tuple[str, Path]]) -> dict[str, object]:
    started = time.perf_counter()
    builder.expect_changes(changes)  # what serve's file watcher says
    result = builder.build()
    heap.after_build()
    figures: dict[str, object] = {
        "seconds": time.perf_counter() - started, "rendered": builder.rendered_last,
        "sections": len(builder.sections.ran), "written": result.written,
        "errors": [str(p) for p in result.errors][:3]}
    builder.wait_for_search()
    figures["with_search_index"] = time.perf_counter() - started
    heap.when_idle()
    return figures


class _NoHeap:
    """Python's own garbage collection, as if ``QuietHeap`` did not exist."""

    def after_build(self) -> None:
        pass

    def when_idle(self) -> None:
        pass


def _without(piece: str) -> None:
    """Take ``piece`` away by replacing it with what the code would do without it."""
    from generator import datasets
    from generator.fingerprint import BuildStamp
    from generator.serve import incremental
    from generator.serve.section_cache import SectionCache

    if piece == "plain":
        def full(self: IncrementalBuilder) -> object:
            self.wait_for_search()
            return self._full()
        IncrementalBuilder.build = full  # type: ignore[method-assign,assignment]
    elif piece == "section_cache":
        SectionCache._reused = staticmethod(lambda entry, values: None)  # type: ignore[method-assign]
    elif piece == "page_inputs":
        incremental.InputComparer.same = lambda self, old, new: False  # type: ignore[method-assign]
    elif piece == "page_reads":  # a change of shape re-renders every page
        render = IncrementalBuilder._render

        def every_page(self, state, site, same_shape, everything, forced):  # type: ignore[no-untyped-def]
            return render(self, state, site, same_shape, everything or not same_shape, forced)
        IncrementalBuilder._render = every_page  # type: ignore[method-assign]
    elif piece == "dataset_cache":
        datasets.DatasetCache.files = lambda self, dataset: datasets._files(  # type: ignore[method-assign]
            dataset, datasets.to_csv(dataset), datasets.to_json(dataset))
    elif piece == "fingerprint":
        BuildStamp.matches = lambda self, fingerprint, out_dir: None  # type: ignore[method-assign]
    elif piece not in ("", "heap"):
        raise SystemExit(f"BENCH_WITHOUT={piece}: not a piece of the incremental layer")


def main() -> None:
    site, out, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    without = os.environ.get("BENCH_WITHOUT", "")
    _without(without)
    figures: dict[str, object] = {}
    if mode == "cold":
        shutil.rmtree(site / ".cache", ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        result = build(site, out, today=TODAY)
        figures["seconds"] = time.perf_counter() - started
        figures["errors"] = len(result.errors)
        figures["files"] = sum(1 for p in out.rglob("*") if p.is_file())
        figures["timings"] = result.timings
    elif mode == "warm":
        started = time.perf_counter()
        result = build(site, out, today=TODAY)
        figures["seconds"] = time.perf_counter() - started
        figures["unchanged"] = result.unchanged
    elif mode == "edit":
        builder = IncrementalBuilder(site, out, BuildOptions(today=TODAY,
                                                             search=without != "plain"),
                                     search_in_background=True)
        builder.build()
        builder.wait_for_search()  # the first index is made before the first timed edit
        heap = _NoHeap() if without == "heap" else QuietHeap()
        heap.after_build()
        heap.when_idle()  # as serve does once the first build is done
        edits: dict[str, dict[str, object]] = {}
        for spec in sys.argv[4:]:
            edits[spec] = _timed_edit(builder, heap, site, spec)
        figures["edits"] = edits
    figures["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
