"""The example site, built once per test run for the browser and HTML-validity tests.

The repository's example site is copied to a temporary folder with a sub-path base URL
(``/opcc/``) so every test also proves links work under a sub-path. Any content file
that does not build in this checkout (an area whose code is not merged yet) is
replaced by a plain page with the same title and address — never silently: the list
is kept in ``ExampleBuild.stubbed`` and printed by the tests — so the rest of the site
is still checked. Once every area is merged nothing is stubbed.

``page_types`` groups the built pages by (kind, template) and picks the first page of
each group, so a new kind of page is covered by the browser tests automatically.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.build import BuildResult, build
from generator.site import PageSpec

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parent.parent
BASE_PATH = "/opcc/"
_TODAY_TEXT = "2026-11-23"


@dataclass
class ExampleBuild:
    result: BuildResult
    site_dir: Path
    out: Path
    """The built site; it is served at BASE_PATH."""
    stubbed: list[str] = field(default_factory=list)

    @property
    def pages(self) -> list[PageSpec]:
        assert self.result.site is not None
        return self.result.site.pages


def _stub(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")
    match = re.search(r"^title:\s*(.+)$", text, re.MULTILINE)
    title = match.group(1).strip().strip("'\"") if match else path.stem.replace("-", " ")
    path.write_text(f"---\ntitle: \"{title}\"\n---\nThis page is not built in this checkout.\n",
                    encoding="utf-8")


def _prepare(root: Path) -> tuple[Path, list[str]]:
    from datetime import date

    site = root / "site"
    site.mkdir()
    shutil.copytree(REPO / "content", site / "content")
    yml = (REPO / "site.yml").read_text(encoding="utf-8")
    yml = re.sub(r"^base_url:\s*(\S+?)/?$", lambda m: f"base_url: {m.group(1)}{BASE_PATH}",
                 yml, count=1, flags=re.MULTILINE)
    (site / "site.yml").write_text(yml, encoding="utf-8")
    stubbed: list[str] = []
    for _ in range(5):
        result = build(site, write=False, search=False, today=date.fromisoformat(_TODAY_TEXT))
        broken = sorted({p.path for p in result.errors if p.path.startswith("content/")})
        if not broken:
            break
        for display in broken:
            path = site / display
            if path.suffix == ".md":
                _stub(path)
            else:
                path.unlink(missing_ok=True)
            stubbed.append(display)
    return site, sorted(set(stubbed))


@functools.cache
def example_build() -> ExampleBuild:
    """Build the example site (with its search index) once per process."""
    from datetime import date

    root = Path(tempfile.mkdtemp(prefix="example-site-"))
    atexit.register(shutil.rmtree, root, True)
    site, stubbed = _prepare(root)
    out = root / "www" / BASE_PATH.strip("/")
    result = build(site, out, today=date.fromisoformat(_TODAY_TEXT))
    return ExampleBuild(result, site, out, stubbed)


def page_types(pages: list[PageSpec]) -> dict[str, PageSpec]:
    """One page of every (kind, template), keyed "kind template", first by path."""
    chosen: dict[str, PageSpec] = {}
    for page in sorted(pages, key=lambda p: p.path):
        chosen.setdefault(f"{page.kind} {page.template}", page)
    return chosen


@functools.cache
def _ensure_system_deps() -> str:
    """Run scripts/ensure-system-deps.sh once (it installs only as root); its output."""
    proc = subprocess.run(["bash", str(REPO / "scripts" / "ensure-system-deps.sh")],
                          capture_output=True, text=True, timeout=1800, check=False)
    return (proc.stdout + proc.stderr).strip()


def require_tools(check: Callable[[], list[str]], what: str) -> None:
    """Fail (or, with ALLOW_SKIP_BROWSER=1, skip) when ``check`` names missing tools.

    As root the missing tools are installed first, as the README's test command does.
    """
    missing = check()
    log = ""
    if missing and os.geteuid() == 0:
        log = _ensure_system_deps()
        missing = check()
    if not missing:
        return
    message = (f"{what} cannot run: missing {', '.join(missing)}. Install them with "
               "scripts/ensure-system-deps.sh as root (make test does this)."
               + (f"\n{log}" if log else ""))
    if os.environ.get("ALLOW_SKIP_BROWSER") == "1":
        pytest.skip(message)
    pytest.fail(message + "\nSet ALLOW_SKIP_BROWSER=1 to skip these tests instead.",
                pytrace=False)


def missing_playwright() -> list[str]:
    return [] if importlib.util.find_spec("playwright") else ["the playwright Python package"]


@contextlib.contextmanager
def served_example() -> Iterator[tuple[ExampleBuild, Browser, str]]:
    """The example site served under BASE_PATH on 127.0.0.1, and Debian's Chromium:
    (the build, the browser, the site's root URL without its trailing slash)."""
    from browser_support import launch_browser, missing_browser_tools

    require_tools(lambda: missing_playwright() + missing_browser_tools(), "browser tests")
    from playwright.sync_api import sync_playwright

    from generator.serve.server import make_server

    example = example_build()
    assert example.result.written, [str(p) for p in example.result.errors]
    server = make_server(example.out, BASE_PATH, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            try:
                port = server.server_address[1]
                yield example, browser, f"http://127.0.0.1:{port}{BASE_PATH.rstrip('/')}"
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
