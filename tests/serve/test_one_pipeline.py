"""serve builds through the same pipeline and with the same options as ``build``.

Two bugs of a second build path stay fixed here: ``serve --compliance-report`` was
ignored (the preview had the flag, the incremental builder never got it), and after an
edit that changed the site's shape serve's duty report had no click depths, so
"too many clicks" warnings vanished.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import inspect
from pathlib import Path

import pytest
from conftest import TODAY, copy_example

from generator.build import BuildOptions, build
from generator.reporting import ConsoleReporter
from generator.serve import server
from generator.serve.incremental import IncrementalBuilder

NOT_OPTIONS = {"site_dir", "out_dir", "write", "progress", "cache_dir", "memo", "run_sections"}
"""build()'s parameters that are folders, callbacks or serve's caches, not choices."""


def test_every_choice_of_build_is_an_option_serve_takes() -> None:
    choices = set(inspect.signature(build).parameters) - NOT_OPTIONS
    assert choices == {f.name for f in dataclasses.fields(BuildOptions)}


def test_serve_passes_the_command_line_flags_to_its_builder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[BuildOptions] = []

    class Stop(Exception):
        pass

    def fake_start(preview: server.Preview) -> str:
        builder = preview.builder.__self__  # type: ignore[attr-defined]
        assert isinstance(builder, IncrementalBuilder)
        seen.append(builder.options)
        raise Stop

    monkeypatch.setattr(server.Preview, "start", fake_start)
    args = argparse.Namespace(source=tmp_path, out=None, port=0, today=TODAY, strict=True,
                              compliance_report=True)
    with pytest.raises(Stop):
        server.serve(args, ConsoleReporter())
    assert seen == [BuildOptions(today=TODAY, strict=True, compliance_report=True)]


def test_serve_publishes_the_compliance_report_and_keeps_it_current(tmp_path: Path) -> None:
    site = copy_example(tmp_path)
    options = BuildOptions(today=TODAY, compliance_report=True, search=False)
    builder = IncrementalBuilder(site, tmp_path / "serve", options)
    assert builder.build().written
    report = tmp_path / "serve" / "compliance" / "index.html"
    assert report.is_file()
    assert b"sio-6-policy-statements" in report.read_bytes()
    # an edit that changes the site's shape: the policies page no longer claims its duties
    policies = site / "content" / "policies.md"
    policies.write_text(policies.read_text(encoding="utf-8").replace(
        "duties: [sio-6-policy-statements, pa1996-s23E-collaboration-agreements]\n", ""),
        encoding="utf-8")
    result = builder.build()
    clean = build(site, tmp_path / "clean", today=TODAY, compliance_report=True, search=False,
                  use_cache=False, workers=1)
    assert result.written and clean.written
    assert report.read_bytes() == (tmp_path / "clean" / "compliance" / "index.html").read_bytes()
    assert result.duties is not None
    missing = {r.duty.id for r in result.duties.results if r.status == "missing"}
    assert "sio-6-policy-statements" in missing


def test_click_depths_are_measured_again_after_the_site_changes_shape(tmp_path: Path) -> None:
    site = copy_example(tmp_path)
    builder = IncrementalBuilder(site, tmp_path / "serve", BuildOptions(today=TODAY,
                                                                         search=False))
    first = builder.build()
    assert first.duties is not None and first.duties.depths
    (site / "content" / "deep").mkdir()
    (site / "content" / "deep" / "index.md").write_text("---\ntitle: Deep\n---\nA section.\n")
    result = builder.build()
    clean = build(site, tmp_path / "clean", today=TODAY, search=False, use_cache=False,
                  workers=1)
    assert result.duties is not None and clean.duties is not None
    assert "deep/index.html" in clean.duties.depths
    assert result.duties.depths == clean.duties.depths
    assert [str(p) for p in result.duties.problems] == [str(p) for p in clean.duties.problems]


def test_the_pipeline_has_one_set_of_stages() -> None:
    """serve's builder runs build's stage functions; it defines none of its own."""
    build_module = importlib.import_module("generator.build")
    source = inspect.getsource(IncrementalBuilder)
    for stage in ("settings", "load_stage", "site_stage", "whole_site_stage", "check_stage",
                  "finish"):
        assert callable(getattr(build_module, stage))
        assert f"{stage}(" in source, stage
    for duplicate in ("check_links(", "output_conflicts(", "complete_site(", "OUTPUTS",
                      "with_clicks(", "linked_copies(", "theme_assets("):
        assert duplicate not in source, duplicate


def test_serve_takes_every_command_line_option_build_takes() -> None:
    from generator.cli import make_parser

    parser = make_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    options = {name: {o for a in sub._actions for o in a.option_strings}
               for name, sub in commands.choices.items()}
    assert options["build"] <= options["serve"], options["build"] - options["serve"]


def test_a_rename_that_reorders_links_keeps_the_click_depths(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Depths depend on which pages link where, not on the order of the links: a renamed
    page moves in the publication scheme's lists, and nothing is measured again."""
    from generator.duties import report

    site = copy_example(tmp_path)
    builder = IncrementalBuilder(site, tmp_path / "serve", BuildOptions(today=TODAY,
                                                                         search=False))
    builder.build()
    measured: list[int] = []
    real = report.click_depths
    monkeypatch.setattr(report, "click_depths",
                        lambda *args: measured.append(1) or real(*args))
    contact = site / "content" / "contact.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace(
        "\ntitle: ", "\ntitle: Zzz ", 1), encoding="utf-8")
    result = builder.build()
    assert result.written and measured == []
    clean = build(site, tmp_path / "clean", today=TODAY, search=False, use_cache=False,
                  workers=1)
    assert result.duties is not None and clean.duties is not None
    assert result.duties.depths == clean.duties.depths
