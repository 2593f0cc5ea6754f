"""serve's side of the browser editor: the admin page it sends and the file API's limits.

The API writes into the site, so what it refuses matters as much as what it does:
paths outside content/, traversal, hidden files, symlinks out, files the build would not
read, requests without the editor's header, and requests to a host that is not local.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_SITE_YML, TODAY, SiteFactory

from generator.authoring.editor_config import EDITOR_URL, LOCAL_SCRIPT
from generator.build import build
from generator.serve.editor_api import (
    HEADER,
    SHIM,
    EditorApi,
    content_rel,
    may_write,
    serve_admin_page,
)
from generator.serve.server import make_server

EDITOR_YML = MINIMAL_SITE_YML + "editor:\n  repo: office/site\n"
OK = {"host": "127.0.0.1:8000", HEADER.lower(): "1"}
BODY = "---\ntitle: Panel\n---\nThe panel.\n"
DRAFT_BODY = "---\ntitle: Secret board\ndraft: true\n---\n"


@pytest.mark.parametrize("path", ["../site.yml", "content/../site.yml", "content/.git/config",
                                  "content\\..\\site.yml", "site.yml", "/etc/passwd",
                                  "templates/base.html", "content/./x.md", "content//x.md",
                                  "content/x.md\x00.png"])
def test_paths_outside_content_or_hidden_are_refused(path: str) -> None:
    assert content_rel(path) is None


def test_content_paths_are_accepted() -> None:
    assert content_rel("") == ""
    assert content_rel("content/staff/roles/x.md") == "content/staff/roles/x.md"


@pytest.mark.parametrize(("rel", "allowed"), [
    ("content/staff/roles/head-of-finance.md", True),
    ("content/meetings/panel/2026-12-16.md", True),
    ("content/meetings/panel/papers/report.pdf", True),
    ("content/registers/gifts-and-hospitality.yml", True),
    ("content/registers/spending/2026-12.csv", True),
    ("content/images/photo.png", True),
    ("content/report.pdf", False),
    ("content/script.py", False),
    ("site.yml", False),
])
def test_only_what_the_build_reads_may_be_written(rel: str, allowed: bool) -> None:
    assert may_write(rel) is allowed


def test_the_api_writes_reads_and_lists_inside_content(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "site.yml").write_text("x", encoding="utf-8")
    api = EditorApi(tmp_path)
    root = json.loads(api.handle("GET", "", OK).body)
    assert root == {"entries": [{"name": "content", "kind": "directory"}]}  # not site.yml
    reply = api.handle("PUT", "content/meetings/panel/papers/a%20b.pdf", OK, b"%PDF")
    assert reply.status == 200
    paper = tmp_path / "content" / "meetings" / "panel" / "papers" / "a b.pdf"
    assert paper.read_bytes() == b"%PDF"
    assert paper.stat().st_mode & 0o777 == 0o644
    assert api.handle("GET", "content/meetings/panel/papers/a%20b.pdf", OK).body == b"%PDF"
    listing = json.loads(api.handle("GET", "content/meetings/panel/papers/", OK).body)
    assert listing == {"entries": [{"name": "a b.pdf", "kind": "file"}]}
    moved = api.handle("POST", "", OK, json.dumps(
        {"move": "content/meetings/panel/papers/a b.pdf",
         "to": "content/meetings/panel/papers/c.pdf"}).encode())
    assert moved.status == 200 and not paper.exists()
    assert api.handle("DELETE", "content/meetings/panel/papers/c.pdf", OK).status == 200
    assert api.handle("GET", "content/meetings/panel/papers/c.pdf", OK).status == 404
    assert not list(tmp_path.rglob(".editor-*"))  # no temporary file left behind


def test_the_api_refuses_what_it_must(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "content" / "escape").symlink_to(outside)
    api = EditorApi(tmp_path)
    page = b"---\ntitle: X\n---\n"
    assert api.handle("PUT", "content/x.md", {"host": "127.0.0.1:8000"}, page).status == 403
    evil = {"host": "evil.example:8000", HEADER.lower(): "1"}  # DNS rebinding
    assert api.handle("PUT", "content/x.md", evil, page).status == 403
    assert api.handle("PUT", "site.yml", OK, b"x").status == 403
    assert api.handle("PUT", "content/../site.yml", OK, b"x").status == 403
    assert api.handle("PUT", "content/escape/x.md", OK, page).status == 403
    assert api.handle("PUT", "content/run.py", OK, b"x").status == 403
    assert api.handle("GET", "content/escape/", OK).status == 403
    assert api.handle("POST", "", OK, b'{"move": "content/a.md", "to": "../b.md"}'
                      ).status == 403
    assert not list(outside.iterdir())
    assert not (tmp_path / "content" / "x.md").exists()


def test_serve_sends_the_shim_first_and_the_local_script_with_the_same_hash() -> None:
    built = f'<head><script src="{EDITOR_URL}" integrity="sha384-x"></script>'.encode()
    local = serve_admin_page(built, local_script=True).decode()
    assert local.index(SHIM) < local.index(LOCAL_SCRIPT)
    assert f'<script src="{LOCAL_SCRIPT}" integrity="sha384-x">' in local
    assert EDITOR_URL not in local
    remote = serve_admin_page(built, local_script=False).decode()
    assert f'<script src="{EDITOR_URL}" integrity="sha384-x">' in remote


@pytest.fixture
def served(make_site: SiteFactory) -> Iterator[tuple[Path, Path, str]]:
    site = make_site({"content/meetings/panel/index.md": BODY,
                      "content/meetings/secret-board/index.md": DRAFT_BODY},
                     site_yml=EDITOR_YML)
    out = site / "_site"
    result = build(site, out, search=False, today=TODAY)
    assert not result.errors, [str(p) for p in result.errors]
    server = make_server(out, "/", 0, site_dir=site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield site, out, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_the_build_writes_the_editor_and_nothing_unpublished(served: tuple[Path, Path, str]
                                                              ) -> None:
    _site, out, _url = served
    page = (out / "admin" / "index.html").read_text(encoding="utf-8")
    assert EDITOR_URL in page and SHIM not in page  # the shim is serve's only
    config = yaml.safe_load((out / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {"name": "github", "repo": "office/site", "branch": "main"}
    names = [c["name"] for c in config["collections"]]
    assert "meetings-panel" in names
    assert "secret-board" not in (out / "admin" / "config.yml").read_text(encoding="utf-8")
    assert "/admin/" not in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "Disallow: /admin/" in (out / "robots.txt").read_text(encoding="utf-8")


def test_no_editor_setting_no_admin(make_site: SiteFactory) -> None:
    site = make_site({})
    build(site, site / "_site", search=False, today=TODAY)
    assert not (site / "_site" / "admin").exists()


def _request(url: str, method: str = "GET", data: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_serve_answers_the_editor(served: tuple[Path, Path, str]) -> None:
    site, _out, url = served
    status, page = _request(url + "admin/")
    assert status == 200 and SHIM.encode() in page
    assert b"livereload" not in page.lower() and b"__transparency" not in page
    status, shim = _request(url + "admin/" + SHIM)
    assert status == 200 and b"showDirectoryPicker" in shim
    new = b"---\ntitle: Budget\n---\nText.\n"
    assert _request(url + "admin/api/files/content/budget.md", "PUT", new)[0] == 403
    status, _ = _request(url + "admin/api/files/content/budget.md", "PUT", new,
                         {HEADER: "1"})
    assert status == 200
    assert (site / "content" / "budget.md").read_bytes() == new
