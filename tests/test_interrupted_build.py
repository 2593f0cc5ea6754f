"""A build killed half-way (SIGKILL while writing) leaves the previous _site complete.

A large site (3,000 pages) is built over a good _site and killed with SIGKILL once its
staging folder holds some files, and again once it holds most of them. Each time the
previous _site must be byte-for-byte what it was, and every page in it readable. The
next build must succeed and clear the dead build's staging folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from htmltools import parse_html
from test_hostile_inputs import BASELINE, run_build, tree_hash

SECTIONS, PAGES_PER_SECTION = 30, 100


def _large_site(root: Path) -> int:
    """A valid site of 3,000 pages; returns how many files its build writes (about)."""
    (root / "content").mkdir(parents=True)
    (root / "site.yml").write_text(
        "organisation:\n  name: Office of the Police and Crime Commissioner for Bigshire\n"
        "  short_name: Bigshire OPCC\nbase_url: https://example.org/\n")
    (root / "content" / "index.md").write_text("---\ntitle: Home\n---\nWelcome.\n")
    text = "Some text about policing and crime. " * 60
    for s in range(SECTIONS):
        section = root / "content" / f"section-{s:02d}"
        section.mkdir()
        (section / "index.md").write_text(f"---\ntitle: Section {s}\n---\nSection {s}.\n")
        for n in range(PAGES_PER_SECTION):
            (section / f"page-{n:03d}.md").write_text(
                f"---\ntitle: Page {s}-{n}\nsummary: Page {n} of section {s}.\n---\n"
                f"## Heading\n\n{text}\n")
    return SECTIONS * (PAGES_PER_SECTION + 1)


def _files_in(folder: Path) -> int:
    return sum(len(files) for _, _, files in os.walk(folder))


def _kill_while_writing(site: Path, out: Path, at_least: int) -> None:
    """Start a build and SIGKILL it once its staging folder holds ``at_least`` files."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--today", "2026-11-23",
         "--source", str(site), "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONWARNINGS": "ignore"})
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline:
            assert proc.poll() is None, "the build finished before it could be killed"
            staging = list(out.parent.glob(f".{out.name}.building-*"))
            if staging and _files_in(staging[0]) >= at_least:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.003)
        else:
            pytest.fail("the build never reached the writing stage")
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _all_pages_readable(out: Path) -> None:
    pages = sorted(out.rglob("*.html"))
    assert pages
    for page in pages:
        data = page.read_bytes()
        assert data.rstrip().endswith(b"</html>"), page
        assert parse_html(data).find("h1") is not None, page


@pytest.mark.parametrize("fraction", [0.02, 0.5], ids=["early", "late"])
def test_sigkill_while_writing_leaves_the_previous_site_complete(
        fraction: float, tmp_path: Path) -> None:
    out = tmp_path / "_site"
    assert run_build(BASELINE, out).returncode == 0
    before = tree_hash(out)
    pages = _large_site(tmp_path / "large")

    _kill_while_writing(tmp_path / "large", out, at_least=int(pages * fraction))

    assert tree_hash(out) == before
    _all_pages_readable(out)
    assert list(tmp_path.glob("._site.building-*")), "the killed build's staging folder"

    proc = run_build(BASELINE, out)  # the next build succeeds and clears the leftovers
    assert proc.returncode == 0, proc.stderr
    assert list(tmp_path.glob("._site.*")) == []
    assert tree_hash(out) == before
