"""Helpers for browser (Playwright + Debian Chromium) and HTML-validity (vnu) tests.

No tests live here; a pytest suite imports these helpers.

System pieces come from ``scripts/ensure-system-deps.sh``:

* Debian's Chromium at ``/usr/bin/chromium``, driven by the Python ``playwright``
  package through ``executable_path``. ``playwright install`` must never be run:
  it downloads a browser build, which this environment cannot fetch.
* ``java`` (>= 17) plus ``vnu.jar`` and ``axe.min.js`` from the npm packages
  ``vnu-jar`` and ``axe-core``, installed into ``.cache/node`` in the repository.

The module imports nothing from Playwright at run time, so the vnu helpers work
even where the ``playwright`` package is not installed.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

__all__ = [
    "AXE_JS",
    "AXE_WCAG_TAGS",
    "CHROMIUM_ARGS",
    "REPO_ROOT",
    "VNU_JAR",
    "BrowserUnavailable",
    "VnuUnavailable",
    "chromium_path",
    "format_axe_violations",
    "format_vnu_messages",
    "java_path",
    "launch_browser",
    "missing_browser_tools",
    "missing_vnu_tools",
    "run_axe",
    "run_vnu",
    "serve_directory",
    "vnu_jar_path",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO_ROOT / ".cache" / "node" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ENSURE_HINT = "run scripts/ensure-system-deps.sh (as root) to install it"

#: Chromium switches for this machine. Playwright itself already adds
#: ``--headless`` (with ``headless=True``), ``--no-sandbox`` and a fresh
#: temporary ``--user-data-dir``; passing ``--user-data-dir`` here is refused
#: by Playwright. The background-networking switches stop Chromium from
#: trying to reach Google's services, which the closed network refuses.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",  # needed when running as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

#: The WCAG rule sets axe-core checks by default (WCAG 2.2 AA and below).
AXE_WCAG_TAGS: tuple[str, ...] = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

#: Files handed to vnu when a directory is given to :func:`run_vnu`.
HTML_SUFFIXES = frozenset({".html", ".htm"})


class BrowserUnavailable(RuntimeError):
    """Chromium (or the axe-core script) is not installed."""


class VnuUnavailable(RuntimeError):
    """java or vnu.jar is not installed, or vnu itself failed to run."""


# --------------------------------------------------------------------------- #
# Chromium / Playwright
# --------------------------------------------------------------------------- #


def chromium_path() -> str | None:
    """Return the Chromium executable to drive, or ``None`` if there is none.

    ``$CHROMIUM_PATH`` wins when set and executable; otherwise ``chromium`` on
    ``PATH`` (Debian installs ``/usr/bin/chromium``, a shell wrapper that sources
    ``/etc/chromium.d`` and execs ``/usr/lib/chromium/chromium``).
    """
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        return override if os.access(override, os.X_OK) else None
    for candidate in ("chromium", "chromium-browser"):
        found = shutil.which(candidate)
        if found:
            return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def missing_browser_tools() -> list[str]:
    """Names of what browser tests need but cannot find (empty when all is there).

    Does not check the Python ``playwright`` package; use
    ``pytest.importorskip("playwright")`` or a plain import for that.
    """
    missing: list[str] = []
    if chromium_path() is None:
        missing.append("chromium (apt package chromium)")
    if not AXE_JS.is_file():
        missing.append(f"axe-core ({AXE_JS.relative_to(REPO_ROOT)})")
    return missing


def launch_browser(
    playwright: Playwright, *, extra_args: Sequence[str] = (), **kwargs: Any
) -> Browser:
    """Launch headless Debian Chromium through a started Playwright instance.

    Usage::

        with sync_playwright() as p:
            browser = launch_browser(p)
            page = browser.new_page()

    ``extra_args`` are appended to :data:`CHROMIUM_ARGS`; other keyword
    arguments go to ``playwright.chromium.launch`` (for example ``timeout``).
    Raises :class:`BrowserUnavailable` when Chromium is not installed.
    """
    path = chromium_path()
    if path is None:
        raise BrowserUnavailable(f"chromium not found; {ENSURE_HINT}")
    kwargs.setdefault("headless", True)
    return playwright.chromium.launch(
        executable_path=path,
        args=[*CHROMIUM_ARGS, *extra_args],
        **kwargs,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that logs nothing."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser closing a keep-alive or aborted connection is not an error.
        pass


@contextlib.contextmanager
def serve_directory(path: str | os.PathLike[str]) -> Iterator[str]:
    """Serve ``path`` over HTTP on 127.0.0.1 at a free port, in a thread.

    Yields the base URL ending in ``/`` (e.g. ``http://127.0.0.1:41234/``);
    ``base + "about/"`` serves ``about/index.html``. The server stops on exit.
    """
    root = Path(path)
    if not root.is_dir():
        raise NotADirectoryError(str(root))
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        port = server.server_address[1]
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def run_axe(
    page: Page,
    tags: Sequence[str] = AXE_WCAG_TAGS,
    *,
    options: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Run axe-core on the page's current document; return its violations.

    Each violation is axe's own dict: ``id``, ``impact``, ``help``, ``helpUrl``,
    ``tags`` and ``nodes`` (each node with ``target``, ``html`` and
    ``failureSummary``). ``options`` replaces the default
    ``{"runOnly": {"type": "tag", "values": tags}}`` entirely when given.

    The script is injected with ``page.add_script_tag``; if the page's Content
    Security Policy blocks that, it is evaluated directly (CDP evaluation is not
    subject to CSP). Injection happens once per document.
    """
    if not AXE_JS.is_file():
        raise BrowserUnavailable(f"{AXE_JS} not found; {ENSURE_HINT}")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Playwright raises its generic Error when CSP blocks the inline script.
        with contextlib.suppress(Exception):
            page.add_script_tag(path=str(AXE_JS))
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    run_options = (
        options if options is not None else {"runOnly": {"type": "tag", "values": list(tags)}}
    )
    violations: list[dict[str, Any]] = page.evaluate(
        "async (opts) => (await window.axe.run(document, opts)).violations",
        run_options,
    )
    return violations


def format_axe_violations(violations: Sequence[dict[str, Any]], *, max_nodes: int = 3) -> str:
    """Render axe violations as readable lines for an assertion message."""
    lines: list[str] = []
    for v in violations:
        nodes = v.get("nodes", [])
        lines.append(f"[{v.get('impact')}] {v.get('id')}: {v.get('help')} ({len(nodes)} node(s))")
        for node in nodes[:max_nodes]:
            lines.append(
                f"    {' '.join(map(str, node.get('target', [])))}: {node.get('html', '')[:120]}"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------- #
# Nu HTML Checker (vnu)
# --------------------------------------------------------------------------- #


def java_path() -> str | None:
    """Return the ``java`` executable on PATH, or ``None``."""
    return shutil.which("java")


def vnu_jar_path() -> Path | None:
    """Return the Nu HTML Checker jar, or ``None`` if it is not installed.

    ``$VNU_JAR`` wins when set; otherwise ``.cache/node/node_modules/vnu-jar/build/dist/vnu.jar``.
    """
    override = os.environ.get("VNU_JAR")
    jar = Path(override) if override else VNU_JAR
    return jar if jar.is_file() else None


def missing_vnu_tools() -> list[str]:
    """Names of what vnu checks need but cannot find (empty when all is there)."""
    missing: list[str] = []
    if java_path() is None:
        missing.append("java (apt package default-jre-headless)")
    if vnu_jar_path() is None:
        missing.append(f"vnu.jar ({VNU_JAR.relative_to(REPO_ROOT)})")
    return missing


def _html_files(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(
                sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in HTML_SUFFIXES)
            )
        elif p.is_file():
            files.append(p)
        else:
            # vnu silently reports nothing for a missing file, so catch it here.
            raise FileNotFoundError(str(p))
    return files


def _url_to_path(url: str | None) -> Path | None:
    if not url or not url.startswith("file:"):
        return None
    return Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path))


def run_vnu(
    paths: Sequence[str | os.PathLike[str]],
    *,
    batch_size: int = 1000,
    timeout: float = 600,
) -> list[dict[str, Any]]:
    """Check HTML files with the Nu HTML Checker; return its error messages.

    ``paths`` may mix files and directories (a directory contributes its
    ``*.html``/``*.htm`` files, recursively). All files are checked in one JVM
    per ``batch_size`` files: starting vnu costs about a second, checking a
    small page a few milliseconds, so never call this once per page in a loop.

    Returns vnu's JSON messages whose ``type`` is ``"error"`` or
    ``"non-document-error"`` (an I/O or internal failure), each with an added
    ``"path"`` (a :class:`~pathlib.Path`, or ``None``) decoded from its
    ``"url"``. Other keys: ``message``, ``extract``, ``firstLine``,
    ``lastLine``, ``firstColumn``, ``lastColumn`` (some may be absent).

    Raises :class:`VnuUnavailable` if java or vnu.jar is missing or vnu fails
    to produce a report, and :class:`FileNotFoundError` for a missing path.
    """
    java, jar = java_path(), vnu_jar_path()
    if java is None or jar is None:
        raise VnuUnavailable(f"missing {', '.join(missing_vnu_tools())}; {ENSURE_HINT}")
    files = _html_files(paths)
    # Java reads file names and writes its report in the locale's charset; with
    # no UTF-8 locale (e.g. an empty environment) it cannot open non-ASCII names.
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    errors: list[dict[str, Any]] = []
    for start in range(0, len(files), batch_size):
        batch = files[start : start + batch_size]
        cmd = [
            java,
            "-Dfile.encoding=UTF-8",
            "-Dsun.stdout.encoding=UTF-8",
            "-Dsun.stderr.encoding=UTF-8",
            "-Xss2m",  # stack headroom for deeply nested documents
            "-jar",
            str(jar),
            "--errors-only",
            "--exit-zero-always",
            "--format",
            "json",
            "--stdout",
            *(str(f) for f in batch),
        ]
        proc = subprocess.run(cmd, capture_output=True, env=env, timeout=timeout, check=False)
        try:
            report = json.loads(proc.stdout.decode("utf-8"))
        except ValueError as exc:
            raise VnuUnavailable(
                f"vnu exited {proc.returncode} without a JSON report:\n"
                f"{proc.stderr.decode('utf-8', 'replace')[-2000:]}"
            ) from exc
        if proc.returncode != 0:
            raise VnuUnavailable(
                f"vnu exited {proc.returncode}:\n{proc.stderr.decode('utf-8', 'replace')[-2000:]}"
            )
        for message in report.get("messages", []):
            if message.get("type") in ("error", "non-document-error"):
                errors.append({**message, "path": _url_to_path(message.get("url"))})
    return errors


def format_vnu_messages(messages: Sequence[dict[str, Any]], *, root: Path | None = None) -> str:
    """Render vnu messages as ``file:line:col: message`` lines for an assertion message."""
    lines: list[str] = []
    for m in messages:
        path = m.get("path")
        shown: str = str(m.get("url", "?"))
        if isinstance(path, Path):
            shown = (
                str(path.relative_to(root))
                if root is not None and path.is_relative_to(root)
                else str(path)
            )
        lines.append(
            f"{shown}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')}: {m.get('message', '')}"
        )
    return "\n".join(lines)
