"""The browser editor end to end: Sveltia CMS at /admin/ of `transparency serve`, in
Debian's Chromium, saving into the example site's content/ through serve's file API.

Through the forms it creates a meeting with two agenda items and a gift, and edits a
role; then the files written must be what the validator accepts (a full build of the
site has no errors) and the rebuilt site must show them.

The editor's script comes from .cache/node (scripts/ensure-system-deps.sh installs the
pinned version), never from the network.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
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
SUMMARY = "Leads the office; edited in the browser."
SPENDING = ("Body,Service Area,Transaction Date,Supplier Name,Expense Description,"
            "Expense Type,Amount (£),Transaction Number,VFM Reason\r\n"
            "Chief Constable,Estates,01/12/2026,Upload Test Ltd,Window cleaning,Premises,"
            "£612.00,NP-2612-0001,Competitive quotation\r\n").encode()


def _missing_editor() -> list[str]:
    if local_editor_script(REPO) is not None:
        return []
    return ["the browser editor (@sveltia/cms, pinned) in .cache/node"]


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


@contextlib.contextmanager
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
    """The button adding an item to a list field (the one beside the count at its top;
    the one below the items may not be drawn yet)."""
    return scope.get_by_role("button", name=re.compile(f"^Add \\W?{re.escape(label)}\\W?$")).first


def _fill(box: Locator, text: str) -> None:
    """Type into a field; the editor may draw a form again while it settles (it rereads the
    files after a save), so try again until the value holds."""
    for _attempt in range(5):
        try:
            box.fill(text, timeout=15_000)
            if box.input_value(timeout=5_000) == text:
                return
        except Exception:  # noqa: BLE001 - drawn again under us; try again
            time.sleep(1)
    raise AssertionError(f"could not type {text!r} into {box}")


def _wait_for(condition: Any, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def _save(page: Page, saved: Any, what: str) -> None:
    """Save the form and wait until ``saved()``; a failure names what the editor said."""
    page.get_by_role("button", name="Save", exact=True).click()
    try:
        _wait_for(saved, what)
    except AssertionError:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "editor-save-failed.png"))
        alerts = page.locator("[role=alert], [aria-invalid=true]").all_inner_texts()
        raise AssertionError(f"timed out waiting for {what}; the editor shows: {alerts}"
                             ) from None
    # The editor then goes back to the list by itself: let it, before going elsewhere.
    page.wait_for_function("!/\\/(entries|new)/.test(location.hash)")


def _upload(page: Page, admin: str, export: Path, data: bytes) -> None:
    """Upload a file into the spending folder of the editor's assets.

    The folder is opened by its address and the upload dialog must name it before
    Upload is pressed: the editor rereads the files after each save and may draw the
    assets list again, and an upload into "All assets" would land in content/images."""
    page.goto(admin + "#/assets/content/registers/spending")
    folder = page.get_by_role("option", name=re.compile("^Spending over"))
    _wait_for(lambda: folder.get_attribute("aria-selected") == "true",
              "the spending folder to be chosen")
    page.locator("input[type=file]").first.set_input_files(files=[{
        "name": export.name, "mimeType": "text/csv", "buffer": data}])
    dialog = page.get_by_role("alertdialog")
    dialog.get_by_text("/content/registers/spending").wait_for()
    dialog.get_by_role("button", name="Upload").click()
    try:
        _wait_for(export.is_file, "the spending export to be uploaded")
    except AssertionError:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "editor-upload-failed.png"))
        landed = [str(p) for p in export.parents[3].rglob(export.name)]
        raise AssertionError(f"timed out waiting for {export} to be uploaded; files of that "
                             f"name: {landed}; the page shows: "
                             f"{page.locator('[role=alert], [role=alertdialog]').all_inner_texts()}"
                             ) from None


def _open_collection(page: Page, label: str) -> None:
    page.get_by_text(label, exact=True).first.click()


def test_editor_writes_valid_content_that_the_site_shows(site: Path) -> None:
    require_tools(lambda: missing_playwright() + missing_browser_tools() + _missing_editor(),
                  "the editor's browser test")
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright, _running(site) as preview:
        browser = launch_browser(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.set_default_timeout(90_000)  # a busy 2-core machine renders long forms slowly
            admin = preview.url + "admin/"
            page.goto(admin)
            # The sign-in screen names the office and, under serve, asks for no folder.
            sign_in = page.get_by_role("button", name="Work with Local Repository")
            sign_in.wait_for()
            screen = page.locator("body").inner_text()
            assert "Edit the Northshire OPCC website" in screen
            assert "There is no folder to choose" in screen and "Once prompted" not in screen
            sign_in.click()

            # A new meeting with two agenda items.
            _open_collection(page, "Meetings: Joint Audit Committee")
            page.get_by_role("button", name="New").click()
            field(page, "Date").get_by_role("textbox").fill("2026-12-16T14:00")
            # The preview pane is styled with the site's own stylesheet.
            preview_pane = page.frame_locator("iframe").first
            preview_pane.locator('link[rel=stylesheet][href$="/assets/site.css"]').wait_for(
                state="attached")
            field(page, "Location").get_by_role("textbox").fill("Board Room, Civic House")
            agenda = field(page, "Agenda")
            for n, title in enumerate(("Apologies and declarations of interest",
                                       "Treasury management")):
                add(agenda, "Agenda").click()
                titles = field(agenda, "Title")
                _wait_for(lambda t=titles, n=n: t.count() == n + 1, "a new agenda item")
                titles.nth(n).get_by_role("textbox").fill(title)
            second = agenda.get_by_role("group", name=re.compile("Papers")).last
            add(second, "Papers").click()
            # The drop zone's own file input: what "Browse" and dropping a file fill.
            second.locator("input[type=file]").first.set_input_files(files=[{
                "name": "2026-12-16-treasury.pdf", "mimeType": "application/pdf",
                "buffer": b"%PDF-1.4 treasury report"}])
            field(second, "Title").last.get_by_role("textbox").fill("Treasury report")
            meeting = site / "content" / "meetings" / BODY / "2026-12-16.md"
            _save(page, meeting.is_file, f"{meeting} to be written")

            # A gift: one more row of the YAML register.
            page.goto(admin + "#/collections/registers/entries/gifts_hospitality")
            gifts = site / "content" / "registers" / "gifts-and-hospitality.yml"
            original = yaml.safe_load(gifts.read_text(encoding="utf-8"))["entries"]
            count = len(original)
            entries = field(page, "Entries")
            entries.get_by_text(f"{count} Entries").wait_for()
            add(entries, "Entries").click()
            entries.get_by_text(f"{count + 1} Entries").wait_for()
            rows = field(entries, "Recipient")
            # Until the new row is drawn, .last is the row before it: never type into that.
            _wait_for(lambda: rows.last.get_by_role("textbox").input_value() == "",
                      "the new row's fields")
            field(entries, "Date").last.get_by_role("textbox").fill("2026-11-20")
            rows.last.get_by_role("textbox").fill("Rebecca Ashworth")
            field(entries, "Offered by").last.get_by_role("textbox").fill("Editor Test Ltd")
            field(entries, "Description").last.get_by_role("textbox").fill("A browser-made pen")
            field(entries, "Value").last.get_by_role("spinbutton").fill("12.5")
            field(entries, "Status").last.get_by_role("radio", name="accepted").check()
            _save(page, lambda: "Editor Test Ltd" in gifts.read_text(encoding="utf-8"),
                  "the gift to be saved")

            # A role edited.
            role = site / "content" / "staff" / "roles" / "chief-of-staff.md"
            role_before = _front_and_body(role)
            page.goto(admin + "#/collections/roles/entries/chief-of-staff")
            page.get_by_role("textbox", name="Title").first.wait_for()
            _fill(field(page, "Summary").get_by_role("textbox"), SUMMARY)
            _save(page, lambda: SUMMARY in role.read_text(encoding="utf-8"),
                  "the role to be saved")
            shown = preview.out_dir / "staff" / "roles" / "chief-of-staff" / "index.html"
            _wait_for(lambda: SUMMARY in shown.read_text(encoding="utf-8"),
                      "serve to rebuild the role's page")

            # A month of spending is uploaded as the finance system exported it.
            export = site / "content" / "registers" / "spending" / "2026-12.csv"
            _upload(page, admin, export, SPENDING)
            assert export.read_bytes() == SPENDING

            # After a reload the editor signs in to the local files again by itself.
            page.reload()
            page.get_by_text("Roles", exact=True).first.wait_for()
            assert page.get_by_role("button", name="Work with Local Repository").count() == 0

            banner = page.locator("#transparency-build-problems")
            assert banner.is_hidden()
            _check_saved_files(site, meeting, gifts, original)
            # Nothing else of the role changed: every other field (the role picker's
            # reports_to, the grade, the list of statutory roles) and the whole body.
            front, text = _front_and_body(role)
            assert front.pop("summary") == SUMMARY
            role_before[0].pop("summary")
            assert (front, text.strip()) == (role_before[0], role_before[1].strip())

            # What the form cannot check, the build does, and its message shows here:
            # a meeting moved to another day no longer matches its file's name.
            page.goto(admin + f"#/collections/meetings-{BODY}/entries/2026-12-16")
            page.get_by_role("textbox", name="Title").first.wait_for()
            _fill(field(page, "Date").get_by_role("textbox"), "2026-12-17T14:00")
            _save(page, lambda: "2026-12-17" in meeting.read_text(encoding="utf-8"),
                  "the moved meeting to be saved")
            banner.wait_for(state="visible")
            assert banner.get_attribute("role") == "alert"
            assert ("2026-12-16.md" in banner.inner_text()
                    and "does not match the file name" in banner.inner_text())
        finally:
            browser.close()
    assert not errors, errors


def _front_and_body(path: Path) -> tuple[dict[str, Any], str]:
    """A Markdown file's front matter and its body. Fields that are false are left out:
    the form writes each true/false field, `draft: false`, `vacant: false`…, where the
    file had left them to their default, false."""
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = {k: v for k, v in yaml.safe_load(front).items() if v is not False}
    return meta, body


def _check_saved_files(site: Path, meeting: Path, gifts: Path,
                       original: list[dict[str, Any]]) -> None:
    """What the forms wrote is what the validator accepts, in its key order, and the
    site built from it shows it."""
    front = yaml.safe_load(meeting.read_text(encoding="utf-8").split("---")[1])
    assert front["date"] == "2026-12-16T14:00"
    assert [item["title"] for item in front["agenda"]] == [
        "Apologies and declarations of interest", "Treasury management"]
    assert front["agenda"][1]["papers"] == [{"file": "papers/2026-12-16-treasury.pdf",
                                             "title": "Treasury report"}]
    paper = site / "content" / "meetings" / BODY / "papers" / "2026-12-16-treasury.pdf"
    assert paper.read_bytes() == b"%PDF-1.4 treasury report"
    rows = yaml.safe_load(gifts.read_text(encoding="utf-8"))["entries"]
    assert rows[-1] == {"date": date(2026, 11, 20), "recipient": "Rebecca Ashworth",
                        "offered_by": "Editor Test Ltd", "description": "A browser-made pen",
                        "value": 12.5, "status": "accepted", "draft": False}
    # The rows that were there are unchanged (the form adds only `draft: false`).
    assert [{k: v for k, v in row.items() if (k, v) != ("draft", False)}
            for row in rows[:-1]] == original
    assert list(rows[-1]) == ["date", "recipient", "offered_by", "description", "value",
                              "status", "draft"]

    # Valid content: a clean build of the edited site has no errors, and shows it all.
    out = site.parent / "out"
    result = build(site, out, search=False, today=TODAY)
    assert not result.errors, [str(p) for p in result.errors]
    page_html = (out / "meetings" / BODY / "2026-12-16" / "index.html").read_text("utf-8")
    assert "Treasury management" in page_html and "Treasury report" in page_html
    assert (out / "meetings" / BODY / "papers" / "2026-12-16-treasury.pdf").is_file()
    gifts_html = (out / "registers" / "gifts-and-hospitality" / "index.html").read_text("utf-8")
    assert "Editor Test Ltd" in gifts_html
    spending = out / "registers" / "spending" / "2026-12" / "index.html"
    assert "Upload Test Ltd" in spending.read_text("utf-8")
