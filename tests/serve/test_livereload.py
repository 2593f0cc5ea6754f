"""Live reload logic without sockets: epochs, waiting, the injected script, the overlay."""

from __future__ import annotations

import html
import json
import re
import threading
import time

from htmltools import parse_html

from generator.errors import error, warning
from generator.serve.livereload import (
    OVERLAY_ID,
    POLL_PREFIX,
    BuildStatus,
    ReloadState,
    inject,
    overlay_html,
    parse_poll_path,
)

PROBLEMS = [
    error("content/about.md", '"titel" is not a field here', line=2, field="titel",
          hint="did you mean 'title'?"),
    warning("content/staff/workforce.yml", "the pay multiple <b>differs</b>", line=9),
]


def test_each_build_bumps_the_epoch_and_records_the_outcome() -> None:
    state = ReloadState()
    assert state.status == BuildStatus(0, True)
    assert state.build_succeeded() == BuildStatus(1, True)
    failed = state.build_failed(PROBLEMS)
    assert (failed.epoch, failed.ok, failed.problems) == (2, False, tuple(PROBLEMS))
    assert state.build_succeeded().epoch == 3 and state.status.ok


def test_wait_answers_at_once_for_an_old_epoch_and_times_out_on_the_current() -> None:
    state = ReloadState()
    state.build_succeeded()
    assert state.wait(0, timeout=5).epoch == 1
    started = time.perf_counter()
    assert state.wait(1, timeout=0.2).epoch == 1
    assert 0.15 < time.perf_counter() - started < 2


def test_wait_wakes_up_when_another_thread_finishes_a_build() -> None:
    state = ReloadState()
    state.build_succeeded()
    timer = threading.Timer(0.1, state.build_failed, args=(PROBLEMS,))
    timer.start()
    started = time.perf_counter()
    status = state.wait(1, timeout=10)
    assert status.epoch == 2 and not status.ok
    assert time.perf_counter() - started < 5
    timer.join()


def test_poll_path() -> None:
    assert parse_poll_path(f"{POLL_PREFIX}7") == 7
    assert parse_poll_path(f"{POLL_PREFIX}-1") == -1
    assert parse_poll_path(f"{POLL_PREFIX}12?x=1") == 12
    assert parse_poll_path("/about/") is None
    assert parse_poll_path(f"{POLL_PREFIX}abc") is None


def test_script_goes_before_the_closing_body_tag_with_epoch_and_outcome() -> None:
    page = b"<html><body><p>Hi</p></BODY></html>"
    injected = inject(page, BuildStatus(4, True))
    assert injected.startswith(b"<html><body><p>Hi</p><script id=\"transparency-livereload\"")
    assert injected.endswith(b"</script></BODY></html>")
    script = parse_html(injected).find("script", id="transparency-livereload")
    assert script is not None
    assert script.attrs["data-epoch"] == "4" and script.attrs["data-ok"] == "true"
    assert POLL_PREFIX in script.text
    failed = parse_html(inject(page, BuildStatus(5, False, tuple(PROBLEMS))))
    assert failed.find("script", id="transparency-livereload").attrs["data-ok"] == "false"


def test_script_is_appended_when_there_is_no_body_tag() -> None:
    assert inject(b"<p>fragment</p>", BuildStatus(1, True)).startswith(b"<p>fragment</p><script")


def test_overlay_is_an_accessible_dialog_listing_every_problem() -> None:
    root = parse_html(overlay_html(PROBLEMS))
    dialog = root.find("div", id=OVERLAY_ID)
    assert dialog is not None
    assert dialog.attrs["role"] == "alertdialog"
    assert dialog.attrs["aria-modal"] == "true"
    title = root.find("h2", id=dialog.attrs["aria-labelledby"])
    assert title is not None and title.text == "The site could not be rebuilt"
    summary = root.find("p", id=dialog.attrs["aria-describedby"])
    assert summary is not None and summary.attrs["aria-live"] == "assertive"
    assert "1 error and 1 warning in 2 files" in summary.text
    assert len(root.find_all("li")) == 2
    assert _item_texts(overlay_html(PROBLEMS)) == [
        "Error: content/about.md, line 2, field titel | \"titel\" is not a field here | "
        "Hint: did you mean 'title'?",
        "Warning: content/staff/workforce.yml, line 9 | the pay multiple <b>differs</b>",
    ]
    assert root.find("b") is None, "problem text must be escaped, never parsed as HTML"
    assert root.find("button") is not None


def _item_texts(overlay: str) -> list[str]:
    """Each list item's paragraphs in document order, tags removed, joined by " | "."""
    items = re.findall(r"<li[^>]*>(.*?)</li>", overlay)
    return [" | ".join(html.unescape(re.sub(r"<[^>]+>", "", p))
                       for p in re.findall(r"<p[^>]*>(.*?)</p>", item)) for item in items]


def test_poll_answer_carries_overlay_only_when_the_build_failed() -> None:
    ok = json.loads(BuildStatus(3, True, (PROBLEMS[1],)).as_json())
    assert ok["ok"] is True and ok["overlay"] == "" and ok["epoch"] == 3
    failed = json.loads(BuildStatus(4, False, tuple(PROBLEMS)).as_json())
    assert failed["ok"] is False and 'role="alertdialog"' in failed["overlay"]
    assert failed["problems"][0] == {
        "severity": "error", "path": "content/about.md", "line": 2, "field": "titel",
        "message": '"titel" is not a field here', "hint": "did you mean 'title'?"}
