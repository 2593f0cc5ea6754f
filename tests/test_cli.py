"""The CLI as an editor meets it: exit codes, messages, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import BASE_SITE_YML, SiteFactory

from generator.cli import main


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run([sys.executable, "-m", "generator", *args, "--today", "2026-11-23"],
                          cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_build_ok_exit_0(make_site: SiteFactory) -> None:
    site = make_site({"content/about.md": "---\ntitle: About\n---\n"})
    proc = _run(["build"], site)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"Built \d+ pages", proc.stderr)  # + the publication scheme
    assert (site / "_site/about/index.html").is_file()
    assert (site / "_site/pagefind/pagefind-entry.json").is_file()  # the CLI indexes


def test_content_errors_exit_1_grouped_with_count_and_no_traceback(make_site: SiteFactory) -> None:
    site = make_site({"content/a.md": "---\ntitel: A\n---\n",
                      "content/b.md": "---\ntitle: B\nupdated: soon\n---\n"})
    proc = _run(["build"], site)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0] == "content/a.md"
    assert lines[1].startswith('  error: content/a.md, line 2, field "titel"')
    assert "3 errors stop publishing (2 files)." in proc.stderr
    assert "previous build is unchanged" in proc.stderr
    assert not (site / "_site").exists()


def test_bad_site_yml_exit_2(make_site: SiteFactory) -> None:
    site = make_site(site_yml=BASE_SITE_YML + "colour: red\n")
    proc = _run(["build"], site)
    assert proc.returncode == 2
    assert 'site.yml, line 9, field "colour"' in proc.stderr
    assert "Traceback" not in proc.stderr


def test_usage_error_exit_2(tmp_path: Path) -> None:
    assert main(["frobnicate"]) == 2


def test_source_and_out_options_use_default_theme(make_site: SiteFactory, tmp_path: Path) -> None:
    site = make_site({"content/about.md": "---\ntitle: About\n---\n"})
    out = tmp_path / "elsewhere"
    proc = _run(["build", "--source", str(site), "--out", str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert (out / "about/index.html").is_file() and (out / "assets/site.css").is_file()


def test_check_writes_nothing(make_site: SiteFactory) -> None:
    site = make_site({"content/about.md": "---\ntitle: About\n---\n"})
    proc = _run(["check"], site)
    assert proc.returncode == 3  # a bare site meets none of the statutory publication duties
    assert not (site / "_site").exists()


def test_internal_errors_are_plain_without_debug(make_site: SiteFactory) -> None:
    site = make_site()
    (site / "content" / "index.md").write_text("---\ntitle: Home\n---\n")
    (site / "templates").mkdir()
    (site / "templates/base.html").write_text("{{ 1 / 0 }}")
    proc = _run(["build"], site)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "base.html, line 1" in proc.stderr
    debug = _run(["build", "--debug"], site)
    assert "Traceback" in debug.stderr
