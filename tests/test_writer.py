from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import OutputError
from generator.writer import OutputFile, StagingFolder


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


def test_a_path_cannot_be_both_a_file_and_a_folder(tmp_path: Path) -> None:
    for first, second in [("robots.txt", "robots.txt/index.html"),
                          ("robots.txt/index.html", "robots.txt")]:
        staging = StagingFolder(tmp_path / "_site")
        with pytest.raises(OutputError, match="folder"):
            staging.write([OutputFile(first, b"1"), OutputFile(second, b"2")])
        staging.discard()


def test_a_second_build_waits_instead_of_deleting_a_live_staging_folder(tmp_path: Path) -> None:
    import threading

    target = tmp_path / "_site"
    first = StagingFolder(target)
    first.write([OutputFile("index.html", b"first")])
    started: list[StagingFolder] = []
    waiter = threading.Thread(target=lambda: started.append(StagingFolder(target)))
    waiter.start()
    waiter.join(timeout=0.5)
    assert waiter.is_alive() and first.path.is_dir()  # blocked, first's files intact
    first.commit()
    waiter.join(timeout=10)
    assert len(started) == 1 and (target / "index.html").read_bytes() == b"first"
    started[0].discard()
    third = StagingFolder(target)  # the lock was released by discard
    third.discard()


def test_a_previous_site_moved_aside_by_a_killed_swap_is_put_back(tmp_path: Path) -> None:
    # Without renameat2 the swap is two renames; a kill between them leaves no _site.
    aside = tmp_path / "._site.old-0badf00d"
    aside.mkdir()
    (aside / "index.html").write_text("previous")
    (tmp_path / "._site.building-12345678").mkdir()
    StagingFolder(tmp_path / "_site").discard()
    assert (tmp_path / "_site" / "index.html").read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]


def test_output_folder_may_not_hold_or_sit_inside_the_sources(tmp_path: Path) -> None:
    from generator.writer import check_output_folder

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    for bad, why in [(site, "holds the site's own files"), (tmp_path, "holds the site's own"),
                     (site / "content" / "_site", "inside content/"),
                     (site / "templates" / "out", "inside templates/")]:
        with pytest.raises(OutputError, match=why):
            check_output_folder(bad, site)
    check_output_folder(site / "_site", site)  # the default is fine, existing or not
    check_output_folder(tmp_path / "elsewhere", site)


def test_a_non_empty_folder_not_built_by_us_is_never_replaced(tmp_path: Path) -> None:
    from generator.writer import check_output_folder

    site = tmp_path / "site"
    site.mkdir()
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.docx").write_bytes(b"years of work")
    with pytest.raises(OutputError, match="not built by this generator"):
        check_output_folder(documents, site)
    built = tmp_path / "built"
    built.mkdir()
    for name in ("404.html", "sitemap.xml", "index.html"):
        (built / name).write_text("x")
    check_output_folder(built, site)
    (tmp_path / "empty").mkdir()
    check_output_folder(tmp_path / "empty", site)
