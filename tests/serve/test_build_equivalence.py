"""Cached, parallel and incremental builds write exactly what a clean serial build writes.

Checked on the repository's example site (with its search index) and on a small corpus
from the benchmark's generator: any difference, byte for byte, fails.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest
from conftest import REPO, TODAY

from generator.build import BuildOptions, build
from generator.serve.incremental import IncrementalBuilder

sys.path.insert(0, str(REPO / "bench"))
from corpus import write_opcc  # noqa: E402


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _copy_site(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    shutil.copy(source / "site.yml", target / "site.yml")
    shutil.copytree(source / "content", target / "content")
    if (source / "templates").is_dir() and source != REPO:
        shutil.copytree(source / "templates", target / "templates")
    return target


def _small_corpus(tmp: Path) -> Path:
    write_opcc(tmp / "corpus", scale=0.02)
    return tmp / "corpus"


@pytest.mark.parametrize("which", ["example", "corpus"])
def test_cached_parallel_and_incremental_builds_equal_a_clean_serial_build(
        which: str, tmp_path: Path) -> None:
    site = _copy_site(REPO, tmp_path / "site") if which == "example" else \
        _small_corpus(tmp_path)
    clean = tmp_path / "clean"
    result = build(site, clean, today=TODAY, workers=1, use_cache=False,
                   cache_dir=tmp_path / "no-cache")
    assert result.errors == [] and result.written
    expected = _tree(clean)
    assert any(path.startswith("pagefind/") for path in expected)

    cache = tmp_path / "cache"
    for run in ("cold", "warm"):  # parallel; the second run reads the Markdown cache
        out = tmp_path / f"parallel-{run}"
        assert build(site, out, today=TODAY, workers=2, cache_dir=cache).written
        assert _tree(out) == expected, run

    # serve's incremental path: build, edit a page, undo the edit, rebuild.
    builder = IncrementalBuilder(site, tmp_path / "serve", BuildOptions(today=TODAY))
    assert builder.build().written
    edited = sorted((site / "content").rglob("*.md"))[3]
    original = edited.read_text(encoding="utf-8")
    edited.write_text(original + "\nA sentence added while previewing.\n", encoding="utf-8")
    assert builder.build().written and builder.rendered_last >= 1
    edited.write_text(original, encoding="utf-8")
    assert builder.build().written
    assert _tree(tmp_path / "serve") == expected


def test_a_role_edit_re_renders_its_dependants_and_not_the_meetings(tmp_path: Path) -> None:
    site = _copy_site(REPO, tmp_path / "site")
    builder = IncrementalBuilder(site, tmp_path / "serve", BuildOptions(today=TODAY))
    assert builder.build().written
    role = site / "content/staff/roles/head-of-commissioning.md"
    role.write_text(role.read_text(encoding="utf-8").replace(
        "## Job purpose", "## Job purpose\n\nEdited while previewing.", 1), encoding="utf-8")
    assert builder.build().written
    rendered = set(builder.rendered_paths)
    assert {"/staff/roles/head-of-commissioning/", "/staff/",
            "/staff/organisation-chart/"} <= rendered
    # Role pages share the staff model (reporting lines, grades), so the staff section may
    # re-render; nothing outside it may.
    assert all(path.startswith("/staff/") for path in rendered), rendered
