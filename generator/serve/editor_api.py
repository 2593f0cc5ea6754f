"""The browser editor in ``transparency serve``: its page, its script, and a file API.

The built ``admin/index.html`` loads the editor (Sveltia CMS) from a pinned CDN address.
``serve`` answers it differently, for work on the repository on disk:

- ``local-repository.js`` goes first: it gives the editor's "Work with Local Repository"
  a folder handle whose reads and writes go to this server (``/admin/api/files/``), so it
  works in any browser and needs no folder picker;
- the editor's script is the copy ``scripts/ensure-system-deps.sh`` installed in
  ``.cache/node`` when it is there (same version, same integrity hash), so the preview
  and the tests need no network.

The file API is the only code in ``serve`` that writes into the site. It is safe by
construction: the server listens on 127.0.0.1 only; each request must carry the
``X-Transparency-Editor`` header (which another web site cannot send without a CORS
preflight this server never grants) and a loopback ``Host`` (no DNS rebinding); paths are
checked segment by segment (no ``..``, no hidden files, no symlinks out); and a file may
be written only inside ``content/`` and only where the build reads it: a content file
(``content_types``), a meeting paper in a body's ``papers/`` folder, or an image.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from generator.authoring.editor_config import (
    EDITOR_FILE,
    EDITOR_PACKAGE,
    EDITOR_URL,
    EDITOR_VERSION,
    LOCAL_SCRIPT,
)
from generator.load.content_types import is_asset_path, type_for_path
from generator.writer import replace_file

API_PREFIX = "api/files/"
SHIM = "local-repository.js"
HEADER = "X-Transparency-Editor"
CONTENT = "content"
TEXT_SUFFIXES = (".md", ".yml", ".yaml", ".csv")
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""A meeting paper or a year's export fits; anything bigger is a mistake."""
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _text(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", message.encode("utf-8"))


def local_editor_script(site_dir: Path) -> Path | None:
    """The editor's script installed in ``.cache/node`` (the site's, else this checkout's),
    if it is the pinned version."""
    package_root = Path(__file__).resolve().parents[2]
    for root in (site_dir, package_root):
        package = root / ".cache" / "node" / "node_modules" / EDITOR_PACKAGE
        script = package / EDITOR_FILE
        try:
            version = json.loads((package / "package.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if version.get("version") == EDITOR_VERSION and script.is_file():
            return script
    return None


def serve_admin_page(built: bytes, *, local_script: bool) -> bytes:
    """The built admin page with the local-repository shim first and, when installed, the
    local copy of the editor instead of the CDN's (the integrity hash stays: same bytes)."""
    shim = f'<script src="{SHIM}"></script>\n'.encode()
    tag = f'<script src="{EDITOR_URL}"'.encode()
    local = f'<script src="{LOCAL_SCRIPT}"'.encode() if local_script else tag
    return built.replace(tag, shim + local, 1)


def content_rel(path: str) -> str | None:
    """A checked path below the site folder ('' for the root), or None when it could
    escape, names a hidden file or is outside ``content/``."""
    if "\\" in path or "\x00" in path:
        return None
    parts = [p for p in path.strip("/").split("/")] if path.strip("/") else []
    if any(p in ("", ".", "..") or p.startswith(".") for p in parts):
        return None
    if parts and parts[0] != CONTENT:
        return None
    return "/".join(parts)


def may_write(rel: str) -> bool:
    """Only what the build reads: a content file, a meeting paper, an image."""
    if not rel.startswith(CONTENT + "/"):
        return False
    inner = rel[len(CONTENT) + 1:]
    if is_asset_path(inner) or inner.startswith("images/"):
        return True
    return inner.endswith(TEXT_SUFFIXES) and type_for_path(inner) is not None


class EditorApi:
    """Answers ``/admin/…`` for one site folder."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir.resolve()
        self.script = local_editor_script(self.site_dir)

    def allowed(self, headers: dict[str, str]) -> bool:
        """Our own page on the loopback address, not another site's form or script."""
        host = headers.get("host", "")
        name = host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]
        return headers.get(HEADER.lower()) == "1" and name in LOOPBACK_HOSTS

    def _resolve(self, rel: str) -> Path | None:
        path = (self.site_dir / rel).resolve()
        if rel and not path.is_relative_to(self.site_dir / CONTENT):
            return None  # a symlink out of content/
        return path

    def asset(self, name: str, built_page: Path) -> Reply | None:
        """The page, the shim and the local script; None for anything else."""
        if name in ("", "index.html") and built_page.is_file():
            page = serve_admin_page(built_page.read_bytes(), local_script=self.script is not None)
            return Reply(200, "text/html; charset=utf-8", page)
        if name == SHIM:
            return Reply(200, "text/javascript; charset=utf-8",
                         (Path(__file__).parent / SHIM).read_bytes())
        if name == LOCAL_SCRIPT and self.script is not None:
            return Reply(200, "text/javascript; charset=utf-8", self.script.read_bytes())
        return None

    def handle(self, method: str, raw_path: str, headers: dict[str, str],
               body: bytes = b"") -> Reply:
        """One call of the file API; ``raw_path`` is what follows ``api/files/``."""
        if not self.allowed(headers):
            return _text(403, "only the editor served by transparency serve may use this")
        rel = content_rel(unquote(raw_path.split("?", 1)[0]))
        if method == "POST":
            return self._move(body)
        if rel is None:
            return _text(403, f"'{raw_path}' is outside content/ or not allowed")
        path = self._resolve(rel)
        if path is None:
            return _text(403, f"'{raw_path}' leads outside content/")
        if method == "GET":
            return self._read(rel, path)
        if method == "PUT":
            return self._write(rel, path, body)
        if method == "DELETE":
            return self._delete(rel, path)
        return _text(405, f"{method} is not supported")

    def _read(self, rel: str, path: Path) -> Reply:
        if not rel:  # the site folder: only content/ is shown to the editor
            entries = [{"name": CONTENT, "kind": "directory"}]
            return Reply(200, "application/json", json.dumps({"entries": entries}).encode())
        if path.is_dir():
            entries = [{"name": child.name,
                        "kind": "directory" if child.is_dir() else "file"}
                       for child in sorted(path.iterdir())
                       if not child.name.startswith(".") and not child.is_symlink()]
            return Reply(200, "application/json", json.dumps({"entries": entries}).encode())
        if path.is_file():
            modified = str(int(path.stat().st_mtime * 1000))
            return Reply(200, "application/octet-stream", path.read_bytes(),
                         (("X-Modified", modified),))
        return _text(404, f"{rel} does not exist")

    def _write(self, rel: str, path: Path, body: bytes) -> Reply:
        if not may_write(rel):
            return _text(403, f"the editor may not write {rel}: only content files, meeting "
                              "papers (in a body's papers/ folder) and images")
        if len(body) > MAX_UPLOAD_BYTES:
            return _text(413, f"{rel} is larger than {MAX_UPLOAD_BYTES // 2**20} MB")
        if path.is_dir():
            return _text(409, f"{rel} is a folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, body, mode=0o644)  # the watcher never builds from half a file
        return _text(200, "saved")

    def _delete(self, rel: str, path: Path) -> Reply:
        if not may_write(rel):
            return _text(403, f"the editor may not delete {rel}")
        if path.is_file():
            path.unlink()
            return _text(200, "deleted")
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
            return _text(200, "deleted")
        return _text(404, f"{rel} does not exist")

    def _move(self, body: bytes) -> Reply:
        try:
            request = json.loads(body)
            source, target = str(request["move"]), str(request["to"])
        except (ValueError, KeyError, TypeError):
            return _text(400, "a move needs {\"move\": path, \"to\": path}")
        source_rel, target_rel = content_rel(source), content_rel(target)
        if source_rel is None or target_rel is None or not (
                may_write(source_rel) and may_write(target_rel)):
            return _text(403, f"the editor may not move {source} to {target}")
        source_path, target_path = self._resolve(source_rel), self._resolve(target_rel)
        if source_path is None or target_path is None or not source_path.is_file():
            return _text(404, f"{source} does not exist")
        if target_path.exists():
            return _text(409, f"{target} already exists")
        target_path.parent.mkdir(parents=True, exist_ok=True)
        source_path.rename(target_path)
        return _text(200, "moved")
