"""Output paths: confined to the output folder, never clashing, never eating the sources."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BASE_SITE_YML, SiteFactory

from generator.build import BuildResult


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "generator", *args, "--today", "2026-11-23"],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("out", [".", "..", "content", "content/_site"])
def test_building_over_the_sources_is_refused_and_nothing_is_lost(
        make_site: SiteFactory, out: str) -> None:
    # Before the fix, `--out .` swapped the site folder for the built pages and deleted it.
    site = make_site({"content/about.md": "---\ntitle: About\n---\n"})
    (site / "notes.txt").write_text("keep me")
    before = sorted(p.relative_to(site.parent).as_posix() for p in site.parent.rglob("*"))
    proc = _cli(["build", "--out", out], site)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "choose a" in proc.stderr
    after = sorted(p.relative_to(site.parent).as_posix() for p in site.parent.rglob("*"))
    assert after == before
    assert (site / "notes.txt").read_text() == "keep me"


def test_a_non_empty_folder_of_other_files_is_not_replaced(make_site: SiteFactory,
                                                           tmp_path: Path) -> None:
    site = make_site()
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.docx").write_bytes(b"years of work")
    proc = _cli(["build", "--out", str(documents)], site)
    assert proc.returncode == 1 and "not built by this generator" in proc.stderr
    assert [p.name for p in documents.iterdir()] == ["thesis.docx"]
    assert _cli(["build", "--out", str(tmp_path / "fresh")], site).returncode == 0
    assert _cli(["build", "--out", str(tmp_path / "fresh")], site).returncode == 0  # rebuild


@pytest.mark.parametrize("files, expected", [
    ({"content/robots.txt.md": "---\ntitle: R\n---\n"},
     "content/robots.txt.md: this would be published at robots.txt/index.html, but generated "
     "file robots.txt is published at robots.txt; one name cannot be both a file and a folder"),
    ({"content/404.html.md": "---\ntitle: R\n---\n"},
     "content/404.html.md: this would be published at 404.html/index.html, but generated page "
     "/404.html is published at 404.html; one name cannot be both a file and a folder"),
    ({"content/about.md": "---\ntitle: A\n---\n[css](assets/site.css)\n",
      "content/assets/site.css": "body {}"},
     "content/assets/site.css: this would be published at the same address as the theme's "
     "file site.css (assets/site.css)"),
    ({"content/about.md": "---\ntitle: A\n---\n[raw](plan)\n", "content/plan": "raw",
      "content/plan.md": "---\ntitle: Plan\n---\n"},
     "content/plan.md: this would be published at plan/index.html, but content/plan is "
     "published at plan; one name cannot be both a file and a folder"),
])
def test_output_clashes_are_located_problems_not_crashes(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult],
        files: dict[str, str], expected: str) -> None:
    site = make_site(files)
    result = build_site_at(site)
    assert not result.written
    assert [str(p).split(". Hint:")[0] for p in result.errors] == [expected]
    assert not (site / "_site").exists()


def test_navigation_links_with_unsafe_schemes_are_errors_with_their_line(
        make_site: SiteFactory, build_site_at: Callable[..., BuildResult]) -> None:
    yml = BASE_SITE_YML + (
        "navigation:\n"
        "  - {title: Home, link: index.md}\n"
        "  - {title: Evil, link: 'javascript://%0aalert(document.cookie)'}\n"
        "  - {title: Data, link: 'data:text/html,<script>alert(1)</script>'}\n"
        "  - {title: Relative, link: '//evil.example/'}\n"
        "  - {title: Mail, link: 'mailto:opcc@testshire.example'}\n"
        "footer_links:\n"
        "  - {title: Gone, link: missing.md}\n")
    site = make_site(site_yml=yml)
    result = build_site_at(site, write=False)
    assert [(p.path, p.line, p.field, p.message) for p in result.errors] == [
        ("site.yml", 11, "navigation[2].link",
         "the link 'javascript://%0aalert(document.cookie)' uses an unsafe address type"),
        ("site.yml", 12, "navigation[3].link",
         "the link 'data:text/html,<script>alert(1)</script>' uses an unsafe address type"),
        ("site.yml", 13, "navigation[4].link",
         "the link '//evil.example/' uses an unsafe address type"),
        ("site.yml", 16, "footer_links[1].link",
         "the link points to 'missing.md', which does not exist")]
    home = next(o for o in result.outputs if o.path == "index.html").content
    assert b"javascript:" not in home and b"data:text" not in home
    assert b'href="mailto:opcc@testshire.example"' in home


def test_outputs_that_would_leave_the_site_folder_are_located_problems() -> None:
    from generator.checks.conflicts import Claim, output_conflicts

    problems = output_conflicts([
        Claim("meetings/../../etc/cron.d/x", "content/meetings/panel/2026-01-01.md"),
        Claim("/etc/passwd", "generated file /etc/passwd"),
        Claim("ok/index.html", "content/ok.md")])
    assert [str(p).split(". Hint")[0] for p in problems] == [
        "content/meetings/panel/2026-01-01.md: this would be published outside the site "
        "folder ('meetings/../../etc/cron.d/x')",
        "site: generated file /etc/passwd would be published outside the site folder "
        "('/etc/passwd')"]
