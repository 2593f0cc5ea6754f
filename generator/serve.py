"""Local preview: build, serve on 127.0.0.1 under the site's base path, rebuild on save.

A failed rebuild leaves the last good build being served (the writer never replaces
the output folder on failure) and prints every problem.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path
from typing import Any

from generator.build import build
from generator.config import load_config
from generator.errors import ConfigError, GeneratorError
from generator.reporting import ConsoleReporter


class _Handler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"

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


def make_server(out_dir: Path, base_path: str, port: int) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (_Handler,), {"base_path": base_path})
    return http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(handler, directory=str(out_dir)))


def _rebuild(args: argparse.Namespace, reporter: ConsoleReporter) -> None:
    try:
        result = build(args.source, args.out, today=args.today, strict=args.strict,
                       compliance_report=getattr(args, "compliance_report", False))
    except (ConfigError, GeneratorError) as exc:
        problems = getattr(exc, "problems", None)
        reporter.problems(problems) if problems else reporter.line(f"Error: {exc}")
        return
    reporter.problems(result.problems)
    if result.duties:
        reporter.problems(result.duties.as_warnings())
        reporter.line(result.duties.summary_line())
    reporter.line(f"Rebuilt in {result.seconds:.2f} s" if result.written
                  else "Rebuild failed; still serving the last good build.")


def serve(args: argparse.Namespace, reporter: ConsoleReporter) -> int:
    import watchfiles

    source = args.source.resolve()
    config = load_config(source)
    out_dir = (args.out or source / "_site").resolve()
    _rebuild(args, reporter)
    out_dir.mkdir(parents=True, exist_ok=True)
    server = make_server(out_dir, config.base_path, args.port)
    host, port = server.server_address[:2]
    reporter.line(f"Serving on http://{host!s}:{port}{config.base_path} (Ctrl+C to stop)")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watched = [p for p in (source / "content", source / "templates", source / "site.yml")
               if p.exists()]
    try:
        for _changes in watchfiles.watch(*watched, debounce=200):
            _rebuild(args, reporter)
    finally:
        server.shutdown()
    return 0
