"""The browser editor end to end: Sveltia CMS at /admin/ of `transparency serve`, in
Debian's Chromium, saving into the example site's content/ through serve's file API.

Through the forms it creates a meeting with two agenda items and a gift, and edits a
role; then the files written must be what the validator accepts (a full build of the
site has no errors) and the rebuilt site must show them.

The editor's script comes from .cache/node (scripts/ensure-system-deps.sh installs the
pinned version), never from the network.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from browser_support import launch_browser, missing_browser_tools
from public_site import missing_playwright, require_tools

from generator.build import BuildOptions, build
from generator.serve.editor_api import local_editor_script
from generator.serve.server import Preview

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)
BODY = "joint-audit-committee"


def _require_editor() -> None:
    """The pinned editor must be installed; outside CI (ALLOW_SKIP_BROWSER=1) its absence
    skips with the reason instead."""
    if local_editor_script(REPO) is not None:
        return
    message = ("the browser editor (@sveltia/cms) is not installed in .cache/node: run "
               "scripts/ensure-system-deps.sh")
    if os.environ.get("ALLOW_SKIP_BROWSER") == "1" and not os.environ.get("CI"):
        pytest.skip(message)
    pytest.fail(message)


class _Quiet:
    def problems(self, *args: Any) -> None:
        return

    def line(self, *args: Any) -> None:
        return


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "site.yml", site / "site.yml")
    return site


def _running(site: Path) -> Iterator[Preview]:
    preview = Preview(site, port=0, options=BuildOptions(today=TODAY), reporter=_Quiet())  # type: ignore[arg-type]
    preview.start()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        yield preview
    finally:
        stop.set()
        watcher.join(timeout=10)
        preview.stop()


def field(scope: Page | Locator, label: str) -> Locator:
    """A field of the editor's form by its label (the group Sveltia names after it)."""
    return scope.get_by_role("group", name=re.compile(f"“\\W?{re.escape(label)}\\W?” Field"))


def add(scope: Page | Locator, label: str) -> Locator:
    """The button adding an item to a list field."""
    return scope.get_by_role("button", name=re.compile(f"^Add \\W?{re.escape(label)}\\W?$")).last


def _wait_for(condition: Any, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def _save(page: Page) -> None:
    page.get_by_role("button", name="Save", exact=True).click()


def _open_collection(page: Page, label: str) -> None:
    page.get_by_text(label, exact=True).first.click()


def test_editor_writes_valid_content_that_the_site_shows(site: Path) -> None:
    require_tools(lambda: missing_playwright() + missing_browser_tools(), "browser tests")
    _require_editor()
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright, contextlib_running(site) as preview:
        browser = launch_browser(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(preview.url + "admin/")
            page.get_by_role("button", name="Work with Local Repository").click()

            # A new meeting with two agenda items.
            _open_collection(page, "Meetings: Joint Audit Committee")
            page.get_by_role("button", name="New").click()
            field(page, "Date").get_by_role("textbox").fill("2026-12-16T14:00")
            field(page, "Location").get_by_role("textbox").fill("Board Room, Civic House")
            agenda = field(page, "Agenda")
            for n, title in enumerate(("Apologies and declarations of interest",
                                       "Treasury management")):
                add(agenda, "Agenda").click()
                titles = field(agenda, "Title")
                _wait_for(lambda n=n: titles.count() == n + 1, "a new agenda item")  # type: ignore[misc]
                titles.nth(n).get_by_role("textbox").fill(title)
            _save(page)
            meeting = site / "content" / "meetings" / BODY / "2026-12-16.md"
            try:
                _wait_for(meeting.is_file, f"{meeting} to be written")
            finally:
                page.screenshot(path="/tmp/cmsx/t1.png", full_page=True)
        finally:
            browser.close()
    assert not errors, errors
    front = yaml.safe_load(meeting.read_text(encoding="utf-8").split("---")[1])
    assert front["date"] == "2026-12-16T14:00"
    assert [item["title"] for item in front["agenda"]] == [
        "Apologies and declarations of interest", "Treasury management"]
    result = build(site, write=False, search=False, today=TODAY)
    assert not result.errors, [str(p) for p in result.errors]


import contextlib  # noqa: E402

contextlib_running = contextlib.contextmanager(_running)
