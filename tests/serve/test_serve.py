"""``transparency serve`` over a real socket on 127.0.0.1: reload after a save, the
overlay after a broken save, the last good build kept, files on disk untouched."""

from __future__ import annotations

import contextlib
import gc
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import MINIMAL_SITE_YML, TODAY, SiteFactory
from htmltools import parse_html

from generator.build import BuildOptions
from generator.reporting import ConsoleReporter
from generator.serve import server as serve
from generator.serve.incremental import IncrementalBuilder
from generator.serve.livereload import OVERLAY_ID, POLL_PREFIX
from generator.serve.server import Preview

ABOUT = "---\ntitle: {title}\n---\nHello.\n"


class _Quiet(ConsoleReporter):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def problems(self, problems: Any, closing: str | None = None) -> None:
        self.lines.extend(map(str, problems))

    def line(self, text: str) -> None:
        self.lines.append(text)


@contextlib.contextmanager
def running(site: Path, incremental: IncrementalBuilder | None = None) -> Iterator[Preview]:
    preview = Preview(site, port=0, options=BuildOptions(today=TODAY), reporter=_Quiet(),
                      builder=incremental.build if incremental else None,
                      on_changes=incremental.expect_changes if incremental else None)
    preview.start()
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        _wait_until_watching(preview, site)
        yield preview
    finally:
        stop.set()
        watcher.join(timeout=10)
        preview.stop()
        assert not watcher.is_alive()


def _wait_until_watching(preview: Preview, site: Path) -> None:
    """The watcher starts asynchronously: save a scratch page until a rebuild is seen."""
    first = preview.state.status.epoch
    deadline = time.monotonic() + 20
    n = 0
    while preview.state.status.epoch == first:
        assert time.monotonic() < deadline, "the watcher never saw a change"
        n += 1
        (site / "content" / "scratch.md").write_text(f"---\ntitle: Scratch {n}\n---\n")
        preview.state.wait(first, timeout=0.5)
    time.sleep(0.3)  # let that batch finish so it cannot be mistaken for the next


def get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


def epoch_of(page: bytes) -> int:
    script = parse_html(page).find("script", id="transparency-livereload")
    assert script is not None, "the reload script was not added to the page"
    return int(script.attrs["data-epoch"])


def save_and_poll(preview: Preview, path: Path, text: str, epoch: int) -> tuple[dict[str, Any],
                                                                                float]:
    """Long-poll for ``epoch`` over the socket, save ``text``, return the answer and latency."""
    answer: dict[str, Any] = {}
    origin = preview.url.split("/", 3)
    poll_url = f"{origin[0]}//{origin[2]}{POLL_PREFIX}{epoch}"

    def poll() -> None:
        answer.update(json.loads(get(poll_url)[1]))
        answer["at"] = time.perf_counter()

    poller = threading.Thread(target=poll)
    poller.start()
    time.sleep(0.2)  # the poll is now waiting on the server
    saved = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    poller.join(timeout=30)
    assert answer, "no answer to the reload poll"
    return answer, answer["at"] - saved


def test_reload_after_save_overlay_after_broken_save(make_site: SiteFactory) -> None:
    site = make_site({"content/about.md": ABOUT.format(title="About")})
    about = site / "content" / "about.md"
    with running(site) as preview:
        status, page = get(preview.url + "about/")
        assert status == 200 and b"<h1" in page and b"About" in page
        epoch = epoch_of(page)
        on_disk = (site / "_site/about/index.html").read_bytes()
        assert b"__reload__" not in on_disk, "the script must never be written to _site"

        answer, latency = save_and_poll(preview, about, ABOUT.format(title="About us"), epoch)
        assert answer["ok"] is True and answer["epoch"] > epoch and answer["overlay"] == ""
        assert latency < 5
        status, page = get(preview.url + "about/")
        assert b"About us" in page
        epoch = epoch_of(page)

        answer, _ = save_and_poll(preview, about, "---\ntitel: About us\n---\n", epoch)
        assert answer["ok"] is False
        overlay = parse_html(answer["overlay"])
        dialog = overlay.find("div", id=OVERLAY_ID)
        assert dialog is not None and dialog.attrs["role"] == "alertdialog"
        texts = [li.text for li in overlay.find_all("li")]
        assert any("content/about.md" in t and "line 2" in t and "titel" in t
                   and "did you mean 'title'?" in t for t in texts), texts
        assert answer["problems"][0]["path"] == "content/about.md"

        status, page = get(preview.url + "about/")
        assert status == 200 and b"About us" in page, "the last good build stays served"
        script = parse_html(page).find("script", id="transparency-livereload")
        assert script is not None and script.attrs["data-ok"] == "false"

        answer, _ = save_and_poll(preview, about, ABOUT.format(title="Fixed"), answer["epoch"])
        assert answer["ok"] is True
        assert b"Fixed" in get(preview.url + "about/")[1]


def test_site_yml_and_templates_are_watched(make_site: SiteFactory) -> None:
    site = make_site({"templates/layouts/page.html":
                      '{% extends "base.html" %}{% block content %}V1{% endblock %}',
                      "content/about.md": ABOUT.format(title="About")})
    with running(site) as preview:
        page = get(preview.url + "about/")[1]
        assert b"V1" in page
        answer, _ = save_and_poll(
            preview, site / "templates/layouts/page.html",
            '{% extends "base.html" %}{% block content %}V2{% endblock %}', epoch_of(page))
        assert answer["ok"] and b"V2" in get(preview.url + "about/")[1]
        answer, _ = save_and_poll(preview, site / "site.yml", MINIMAL_SITE_YML + "colour: red\n",
                                  answer["epoch"])
        assert answer["ok"] is False
        assert answer["problems"][0]["path"] == "site.yml"
        assert answer["problems"][0]["field"] == "colour"


def test_sub_path_missing_pages_and_static_files(make_site: SiteFactory) -> None:
    site = make_site({"content/about.md": ABOUT.format(title="About")},
                     site_yml=MINIMAL_SITE_YML.replace("https://example.org/",
                                                       "https://example.org/transparency/"))
    preview = Preview(site, port=0, options=BuildOptions(today=TODAY), reporter=_Quiet())
    url = preview.start()
    try:
        assert url.endswith("/transparency/")
        origin = url[: -len("transparency/")]
        status, page = get(url + "about/")
        assert status == 200 and b"transparency-livereload" in page
        status, page = get(url + "no-such-page/")
        assert status == 404 and b"transparency-livereload" in page
        status, css = get(url + "assets/site.css")
        assert status == 200 and b"transparency-livereload" not in css
        request = urllib.request.Request(origin)
        opener = urllib.request.build_opener(_NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(request, timeout=10)
        with redirect.value:
            assert redirect.value.code == 302
            assert redirect.value.headers["Location"] == "/transparency/"
    finally:
        preview.stop()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_a_failed_first_build_still_serves_the_problems(make_site: SiteFactory) -> None:
    site = make_site({"content/about.md": "---\nsummary: no title\n---\n"})
    preview = Preview(site, port=0, options=BuildOptions(today=TODAY), reporter=_Quiet())
    url = preview.start()
    try:
        status, page = get(url + "about/")
        assert status == 404
        script = parse_html(page).find("script", id="transparency-livereload")
        assert script is not None and script.attrs["data-ok"] == "false"
        answer = json.loads(get(url + POLL_PREFIX.lstrip("/") + "-1")[1])
        assert answer["ok"] is False and "content/about.md" in answer["overlay"]
    finally:
        preview.stop()


def test_a_custom_builder_plugs_in(make_site: SiteFactory) -> None:
    """serve's build step is replaceable (an incremental builder goes here)."""
    from generator.build import BuildResult, build

    site = make_site({"content/about.md": ABOUT.format(title="About")})
    calls: list[int] = []

    def builder() -> BuildResult:
        calls.append(1)
        return build(site, site / "_site", today=TODAY)

    preview = Preview(site, port=0, reporter=_Quiet(), builder=builder)
    url = preview.start()
    try:
        assert calls == [1] and preview.state.status.epoch == 1 and preview.state.status.ok
        assert b"About" in get(url + "about/")[1]
        assert preview.rebuild() and calls == [1, 1]
    finally:
        preview.stop()


def test_serve_with_the_incremental_builder_follows_saves_additions_and_deletions(
        make_site: SiteFactory) -> None:
    """serve's own wiring: the watcher tells the incremental builder what changed."""
    site = make_site({"content/about.md": ABOUT.format(title="About")})
    builder = IncrementalBuilder(site, site / "_site", BuildOptions(today=TODAY))
    told: list[tuple[str, Path]] = []
    expect = builder.expect_changes
    builder.expect_changes = lambda changes: (told.extend(changes), expect(changes))[1]
    with running(site, builder) as preview:
        epoch = epoch_of(get(preview.url + "about/")[1])
        answer, _ = save_and_poll(preview, site / "content/about.md",
                                  "---\ntitle: About\n---\nSaved text.\n", epoch)
        assert answer["ok"] is True
        assert b"Saved text." in get(preview.url + "about/")[1]
        assert ("modified", (site / "content/about.md")) in [
            (kind, path.resolve()) for kind, path in told]
        assert builder.rendered_paths == ["/about/"]

        answer, _ = save_and_poll(preview, site / "content/new.md",
                                  ABOUT.format(title="Brand new"), answer["epoch"])
        assert answer["ok"] is True and b"Brand new" in get(preview.url + "new/")[1]

        (site / "content/new.md").unlink()
        deadline = time.monotonic() + 20
        while get(preview.url + "new/")[0] != 404:
            assert time.monotonic() < deadline, "the deleted page is still served"
            time.sleep(0.1)


def test_full_garbage_collections_wait_for_the_editor_to_pause(
        make_site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The full collection (``heap.QuietHeap``, tested on its own in test_heap.py) runs
    once the watcher has seen no change for IDLE_MS, once per rebuild; stopping the
    preview unfreezes everything."""
    monkeypatch.setattr(serve, "IDLE_MS", 200)
    site = make_site({"content/about.md": ABOUT.format(title="About")})
    with running(site) as preview:
        deadline = time.monotonic() + 20
        while preview.heap.collections == 0 or preview.heap.due:
            assert time.monotonic() < deadline, "no collection while the editor paused"
            time.sleep(0.05)
        collected = preview.heap.collections
        epoch = epoch_of(get(preview.url + "about/")[1])
        answer, _ = save_and_poll(preview, site / "content/about.md",
                                  "---\ntitle: About\n---\nSaved.\n", epoch)
        assert answer["ok"] is True
        while preview.heap.collections == collected:  # once more after this rebuild
            assert time.monotonic() < deadline, "no collection after the second rebuild"
            time.sleep(0.05)
    assert gc.get_freeze_count() == 0


def test_a_busy_port_is_a_plain_message_naming_it_and_the_way_out(
        make_site: SiteFactory, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    from generator.cli import main

    site = make_site({})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = main(["serve", "--source", str(site), "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == (
        f"The preview cannot start: port {port} is already in use (another preview, or "
        f"another program, is using it). Choose another port, e.g. transparency serve "
        "--port 8000, or --port 0 to let the computer pick a free one (the address is "
        "printed).")
    assert "Internal error" not in err and "Traceback" not in err
    assert not (site / "_site").exists()  # said before building anything
    assert main(["serve", "--source", str(site), "--port", "70000"]) == 2
    assert "port 70000 does not exist" in capsys.readouterr().err


def test_port_0_picks_a_free_port_and_the_address_says_which(make_site: SiteFactory) -> None:
    preview = Preview(make_site({}), port=0, reporter=_Quiet())
    try:
        url = preview.start()
        port = int(url.rsplit(":", 1)[1].split("/", 1)[0])
        assert port > 0
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert answer.status == 200
    finally:
        preview.stop()


def test_dropped_connections_print_nothing_and_bugs_no_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    server = serve.make_server(tmp_path, "/", 0)
    try:
        for error in (BrokenPipeError(errno.EPIPE, "Broken pipe"),  # a browser tab closed
                      ConnectionResetError(errno.ECONNRESET, "reset"),
                      ConnectionAbortedError(errno.ECONNABORTED, "aborted"),
                      TimeoutError("timed out"), OSError(errno.EPROTOTYPE, "wrong type")):
            try:
                raise error
            except OSError:
                server.handle_error(None, ("127.0.0.1", 1))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a real bug")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))
        err = capsys.readouterr().err
        assert "ValueError: a real bug" in err and "Traceback" not in err
    finally:
        server.server_close()
