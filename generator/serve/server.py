"""Local preview: build, serve on 127.0.0.1 under the site's base path, rebuild on save.

``Preview`` watches content/, templates/ and site.yml (watchfiles), rebuilds after a
~100 ms pause in changes, and tells open pages through ``livereload``: a good build
reloads them, a failed one shows its problems over the page. A failed rebuild never
touches the output folder (the writer only swaps in complete builds), so the last
good build stays served. The reload script is added to HTML as it is sent; the files
in the output folder are exactly what ``transparency build`` writes.
"""

from __future__ import annotations

import argparse
import errno
import functools
import http.server
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.build import BuildOptions, BuildResult
from generator.errors import ConfigError, GeneratorError, error
from generator.load.config import load_config
from generator.reporting import ConsoleReporter
from generator.serve.editor_api import API_PREFIX, EditorApi, Reply
from generator.serve.heap import QuietHeap
from generator.serve.incremental import IncrementalBuilder
from generator.serve.livereload import ReloadState, inject, parse_poll_path
from generator.summary import Outcome

DEBOUNCE_MS = 100
"""Wait this long after the last change before rebuilding (a save often writes twice)."""
STEP_MS = 20
IDLE_MS = 2000
"""After this long without a change, tidy memory (``heap.QuietHeap``)."""


ADMIN = "admin/"


class _Handler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"
    state: ReloadState
    editor: EditorApi | None = None

    def do_GET(self) -> None:  # noqa: N802 - library API
        epoch = parse_poll_path(self.path)
        if epoch is not None:
            self._send(200, "application/json", self.state.wait(epoch).as_json())
            return
        if self._editor("GET"):
            return
        prefix = self.base_path.rstrip("/")
        if prefix and not self.path.startswith(prefix + "/"):
            self.send_response(302)
            self.send_header("Location", self.base_path)
            self.end_headers()
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            self._send(200, "text/html; charset=utf-8", inject(path.read_bytes(),
                                                                 self.state.status))
        elif not path.exists():
            missing = Path(self.directory) / "404.html"
            page = missing.read_bytes() if missing.is_file() else b"<h1>Not found</h1>"
            self._send(404, "text/html; charset=utf-8", inject(page, self.state.status))
        else:
            super().do_GET()

    def do_PUT(self) -> None:  # noqa: N802 - library API
        if not self._editor("PUT"):
            self._send(405, "text/plain", b"not allowed")

    def do_POST(self) -> None:  # noqa: N802 - library API
        if not self._editor("POST"):
            self._send(405, "text/plain", b"not allowed")

    def do_DELETE(self) -> None:  # noqa: N802 - library API
        if not self._editor("DELETE"):
            self._send(405, "text/plain", b"not allowed")

    def _editor(self, method: str) -> bool:
        """The browser editor under <base>/admin/: its page (with the local-repository
        shim, never the reload script, which would reload the form mid-edit) and the file
        API (``editor_api``). False when the request is not the editor's."""
        admin = self.base_path.rstrip("/") + "/" + ADMIN
        path = self.path.split("?", 1)[0]
        if self.editor is None or not path.startswith(admin):
            return False
        name = path[len(admin):]
        reply: Reply | None
        if name.startswith(API_PREFIX):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            reply = self.editor.handle(method, name[len(API_PREFIX):], headers, body)
        elif method == "GET":
            reply = self.editor.asset(name, Path(str(self.directory)) / ADMIN / "index.html")
            if reply is None:
                return False
        else:
            return False
        self._send(reply.status, reply.content_type, reply.body, reply.headers)
        return True

    def _send(self, code: int, content_type: str, body: bytes,
              headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.send_response(code)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def translate_path(self, path: str) -> str:
        prefix = self.base_path.rstrip("/")
        if prefix:
            if path != prefix and not path.startswith(prefix + "/"):
                return str(Path(str(self.directory)) / ".not-under-the-base-path")
            path = path[len(prefix):] or "/"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """Answer a missing page with the site's own 404 page, as a web host would."""
        page = Path(str(self.directory)) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - library API
        return


# A browser that went away mid-answer: a closed tab, a reload poll cut short, a timeout,
# macOS's EPROTOTYPE on a socket being torn down.
_GONE = {errno.EPIPE, errno.ECONNRESET, errno.ECONNABORTED, errno.ETIMEDOUT,
         errno.ESHUTDOWN, getattr(errno, "EPROTOTYPE", -1)}


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser tab closed mid-answer (a reload poll, a page left) is normal in a
        preview, not a traceback for the editor's terminal; anything else is one plain
        line, never a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError) or \
                (isinstance(exc, OSError) and exc.errno in _GONE):
            return
        print(f"Internal error while answering {client_address[0]}: "
              f"{type(exc).__name__}: {exc}. This is a bug in the generator's preview; "
              "the preview goes on.", file=sys.stderr)


class PortUnavailable(GeneratorError):
    """The preview cannot listen on the port asked for (in use, reserved, out of range)."""

    def __init__(self, port: int, exc: BaseException):
        code = getattr(exc, "errno", None)
        if code == errno.EADDRINUSE:
            why = (f"port {port} is already in use (another preview, or another program, "
                   "is using it)")
        elif code == errno.EACCES:
            why = f"port {port} is reserved for the system on this computer"
        elif isinstance(exc, OverflowError) or not 0 <= port <= 65535:
            why = f"port {port} does not exist (ports are 1 to 65535)"
        else:
            why = f"it cannot listen on port {port} ({getattr(exc, 'strerror', None) or exc})"
        super().__init__(f"The preview cannot start: {why}. Choose another port, e.g. "
                         f"transparency serve --port {8001 if port == 8000 else 8000}, or "
                         "--port 0 to let the computer pick a free one (the address is "
                         "printed).")


def make_server(out_dir: Path, base_path: str, port: int, state: ReloadState | None = None,
                site_dir: Path | None = None) -> http.server.ThreadingHTTPServer:
    """A preview server on the loopback address only: a draft site is never on the network.
    Port 0 picks a free port (``server.server_address`` says which). Given ``site_dir``,
    it also lets the browser editor at /admin/ save into its content/. Raises
    :class:`PortUnavailable` when the port cannot be used."""
    handler = type("Handler", (_Handler,), {
        "base_path": base_path, "state": state or ReloadState(),
        "editor": EditorApi(site_dir) if site_dir is not None else None})
    try:
        server = _Server(("127.0.0.1", port),
                         functools.partial(handler, directory=str(out_dir)))
    except (OSError, OverflowError) as exc:
        raise PortUnavailable(port, exc) from None
    server.daemon_threads = True
    return server


class Preview:
    """One preview session: build, serve, watch, rebuild, tell the browsers."""

    def __init__(self, site_dir: Path, out_dir: Path | None = None, *, port: int = 8000,
                 options: BuildOptions | None = None,
                 reporter: ConsoleReporter | None = None,
                 builder: Callable[[], BuildResult] | None = None,
                 on_changes: Callable[[list[tuple[str, Path]]], None] | None = None):
        self.site_dir = site_dir.resolve()
        self.out_dir = (out_dir or self.site_dir / "_site").resolve()
        self.port = port
        if builder is None:
            incremental = IncrementalBuilder(self.site_dir, self.out_dir, options,
                                             search_in_background=True)
            builder, on_changes = incremental.build, incremental.expect_changes
        self.builder = builder
        """Runs one build: the incremental builder (tests plug in others)."""
        self.on_changes = on_changes
        """Told what the watcher saw before each rebuild (the incremental builder uses it
        to look only at the files that changed)."""
        self.reporter = reporter or ConsoleReporter()
        self.state = ReloadState()
        self.server: http.server.ThreadingHTTPServer | None = None
        self.last_rebuild_seconds = 0.0
        self.heap = QuietHeap()

    @property
    def url(self) -> str:
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}{load_config(self.site_dir).base_path}"

    def rebuild(self) -> bool:
        """Build once; record the outcome for the browsers. True when the build was written."""
        started = time.perf_counter()
        outcome: Outcome
        try:
            result = self.builder()
            ok = result.written
            # As in `build`: a site that cannot be built is not judged on its duties.
            outcome = Outcome.of(result.problems, None if result.errors else result.duties)
        except ConfigError as exc:
            outcome, ok = Outcome.of(exc.problems, None), False
        except GeneratorError as exc:
            outcome, ok = Outcome.of([error("templates", str(exc))], None), False
        except Exception as exc:  # a generator bug must not end the preview session
            outcome, ok = Outcome.of([error(
                "generator", f"internal error: {type(exc).__name__}: {exc}",
                hint="this is a bug; run transparency build --debug and report the output")],
                None), False
        self.last_rebuild_seconds = time.perf_counter() - started
        problems, headline = outcome.problems, outcome.headline()
        if problems:
            self.reporter.problems(problems, headline + ".")
        if ok:
            self.state.build_succeeded(problems, headline)
            self.reporter.line(f"Rebuilt in {self.last_rebuild_seconds:.2f} s")
        else:
            self.state.build_failed(problems, headline)
            self.reporter.line("Rebuild failed; still serving the last good build. The "
                               "problems are shown on the open pages too.")
        self.heap.after_build()
        return ok

    def start(self) -> str:
        """First build, then serve in a background thread; returns the address."""
        base_path = load_config(self.site_dir).base_path  # a broken site.yml stops here
        # the port first: a busy one is said at once, not after the first build
        self.server = make_server(self.out_dir, base_path, self.port, self.state,
                                  site_dir=self.site_dir)
        self.rebuild()
        self.out_dir.mkdir(parents=True, exist_ok=True)
        threading.Thread(target=self.server.serve_forever, daemon=True,
                         name="transparency-serve").start()
        return self.url

    def watched(self) -> list[Path]:
        return [p for p in (self.site_dir / "content", self.site_dir / "templates",
                            self.site_dir / "site.yml") if p.exists()]

    def watch(self, stop_event: threading.Event | None = None) -> None:
        """Rebuild after each batch of changes until ``stop_event`` is set (or Ctrl+C)."""
        import watchfiles

        stop = stop_event or threading.Event()
        while not stop.is_set():
            restart = False
            for changes in watchfiles.watch(*self.watched(), debounce=DEBOUNCE_MS,
                                            step=STEP_MS, stop_event=stop,
                                            rust_timeout=IDLE_MS, yield_on_timeout=True):
                if not changes:  # the editor has paused
                    self.heap.when_idle()
                    continue
                if self.on_changes is not None:
                    self.on_changes([(change.name, Path(path)) for change, path in changes])
                self.rebuild()
                # Editors often save site.yml by replacing the file, which ends a watch on
                # it; start a fresh watch so the next save is seen too.
                if any(Path(path).name == "site.yml" for _change, path in changes):
                    restart = True
                    break
            if not restart:
                return

    def stop(self) -> None:
        self.heap.close()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def serve(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    options = BuildOptions(today=args.today, strict=args.strict,
                           compliance_report=getattr(args, "compliance_report", False))
    preview = Preview(args.source, args.out, port=args.port, options=options, reporter=reporter)
    try:
        url = preview.start()
    except PortUnavailable as exc:
        reporter.line(str(exc))
        preview.stop()
        return 2  # a usage error, like any other wrong option
    reporter.line(f"Serving on {url} (Ctrl+C to stop). Open pages reload when you save; "
                  "build problems appear on the page.")
    try:
        preview.watch()
    except KeyboardInterrupt:
        reporter.line("Stopped.")
    finally:
        preview.stop()
    return 0
