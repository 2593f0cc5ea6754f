"""The save → reload latency script (scripts/measure_reload.py) runs and reports."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO, SiteFactory


def test_measure_reload_reports_signal_and_visible_latency(make_site: SiteFactory) -> None:
    site = make_site({"content/about.md": "---\ntitle: About\n---\nHello.\n",
                      "content/broken.md": "---\ntitel: Broken\n---\n"})
    proc = subprocess.run([sys.executable, str(REPO / "scripts/measure_reload.py"),
                           "--source", str(site), "--page", "about.md", "--runs", "2",
                           "--drop-failing"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].endswith("(page content/about.md, 2 runs, 1 failing files made plain "
                             "pages or dropped)")
    assert lines[1] == "builds ok: 2/2"
    assert lines[2].startswith("save -> reload signal: median ")
    assert lines[3].startswith("save -> edit visible:  median ")
    assert (site / "content/broken.md").read_text() == "---\ntitel: Broken\n---\n", \
        "the real site is never touched"
