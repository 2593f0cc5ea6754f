"""Build output: the one-line summary, and a progress bar only for a person at a terminal."""

from __future__ import annotations

import io
import re

import pytest
from conftest import SiteFactory

from generator.cli import main
from generator.progress import ProgressBar, progress_for


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_no_bar_unless_a_terminal_outside_ci() -> None:
    assert progress_for(io.StringIO(), {}) is None
    assert progress_for(_Tty(), {"CI": "true"}) is None
    assert progress_for(_Tty(), {"TERM": "dumb"}) is None
    assert isinstance(progress_for(_Tty(), {"TERM": "xterm"}), ProgressBar)


def test_bar_waits_for_a_long_build_then_draws_and_erases_itself() -> None:
    now = [0.0]
    stream = _Tty()
    bar = ProgressBar(stream, width=10, delay=0.5, clock=lambda: now[0])
    bar(1, 4)
    assert stream.getvalue() == "", "short builds show no bar"
    now[0] = 0.6
    bar(2, 4)
    bar(4, 4)
    assert stream.getvalue() == ("\rRendering pages [#####-----] 2/4"
                                 "\rRendering pages [##########] 4/4")
    bar.finish()
    assert stream.getvalue().endswith("\r" + " " * 33 + "\r")


def test_build_prints_a_summary_and_no_bar_when_not_a_terminal(
        make_site: SiteFactory, capsys: object) -> None:
    site = make_site({"content/about.md": "---\ntitle: About\nupdated: 2026-01-01\n---\n"})
    assert main(["build", "--source", str(site), "--today", "2026-11-23"]) == 0
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "\r" not in err
    assert re.search(r"^Built \d+ pages, \d+ datasets? and \d+ files in \d+\.\d\d s → ",
                     err, re.MULTILINE), err
    # The problems are counted once, by the same first line `check` prints.
    assert re.search(r"^Nothing stops publishing; \d+ duties fail the duty check", err,
                     re.MULTILINE), err


def test_check_summary_counts_errors_and_warnings(make_site: SiteFactory,
                                                  capsys: object) -> None:
    site = make_site({"content/about.md": "---\ntitel: About\n---\n"})
    assert main(["check", "--source", str(site), "--today", "2026-11-23"]) == 1
    captured = capsys.readouterr()  # type: ignore[attr-defined]
    err = captured.err
    assert re.search(r"^Checked \d+ pages, \d+ datasets? and \d+ files in \d+\.\d\d s\.$",
                     err, re.MULTILINE), err
    first = captured.out.splitlines()[0]
    assert first.startswith("2 errors stop publishing; ")
    assert re.search(r"^" + re.escape(first[:-1]) + r" \(\d+ files?\)\.$", err,
                     re.MULTILINE), "the closing line repeats the first line's numbers"
    assert len(re.findall(r"^  error: content/about\.md", err, re.MULTILINE)) == 2


def test_summary_counts_a_dataset_once_for_its_csv_and_json() -> None:
    from generator.build import BuildResult
    from generator.cli import _summary
    from generator.writer import OutputFile

    result = BuildResult(None, written=True, pages=1, files=3, seconds=0.5, outputs=[
        OutputFile("a/index.html", b""), OutputFile("registers/gifts.csv", b"", kind="dataset"),
        OutputFile("registers/gifts.json", b"", kind="dataset")])
    assert _summary(result) == "Built 1 page, 1 dataset and 3 files in 0.50 s"


def test_a_terminal_sees_the_bar_during_the_build(make_site: SiteFactory,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.cli as cli

    stream = _Tty()
    monkeypatch.setattr(cli, "progress_for",
                        lambda _stream: ProgressBar(stream, width=4, delay=0))
    site = make_site({"content/about.md": "---\ntitle: About\n---\n"})
    assert main(["build", "--source", str(site), "--today", "2026-11-23"]) == 0
    assert re.search(r"\rRendering pages \[####\] (\d+)/\1", stream.getvalue())
    assert stream.getvalue().endswith("\r")
