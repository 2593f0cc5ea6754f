from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.site import OutputFile
from generator.writer import StagingFolder


def test_commit_replaces_previous_site_and_removes_staging(tmp_path: Path) -> None:
    target = tmp_path / "_site"
    target.mkdir()
    (target / "old.html").write_text("old")
    staging = StagingFolder(target)
    staging.write([OutputFile("a/index.html", b"new")])
    assert (target / "old.html").exists()  # untouched until commit
    staging.commit()
    assert (target / "a" / "index.html").read_bytes() == b"new"
    assert not (target / "old.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


@pytest.mark.parametrize("bad", ["../escape.html", "/abs.html", "a/../../b", "", "a//b"])
def test_paths_outside_the_output_are_refused(tmp_path: Path, bad: str) -> None:
    staging = StagingFolder(tmp_path / "_site")
    with pytest.raises(OutputError):
        staging.write([OutputFile(bad, b"x")])
    staging.discard()


def test_two_writes_to_one_path_are_refused(tmp_path: Path) -> None:
    staging = StagingFolder(tmp_path / "_site")
    with pytest.raises(OutputError, match="same file"):
        staging.write([OutputFile("a.html", b"1"), OutputFile("a.html", b"2")])
    staging.discard()


def test_stale_staging_folders_from_killed_builds_are_cleared(tmp_path: Path) -> None:
    stale = tmp_path / "._site.building-deadbeef"
    stale.mkdir()
    StagingFolder(tmp_path / "_site").discard()
    assert not stale.exists()
