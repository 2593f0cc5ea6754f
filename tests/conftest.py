"""Shared fixtures: build small sites in a temporary folder from a dict of files."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from generator.build import BuildResult, build

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)

BASE_SITE_YML = """\
organisation:
  name: Office of the Police and Crime Commissioner for Testshire
  short_name: Testshire OPCC
base_url: https://example.org/
contact:
  address: [1 Test Street, Testby, TB1 1AA]
  phone: 01632 960 000
  email: opcc@testshire.example
"""
"""site.yml's required settings and a contact, without a menu (a build warns of that)."""

MINIMAL_SITE_YML = BASE_SITE_YML + \
    'navigation: [{title: Write to us, link: "mailto:opcc@testshire.example"}]\n'
"""The test sites' site.yml: BASE_SITE_YML and a one-item menu."""

SiteFactory = Callable[..., Path]


def copy_example(root: Path, name: str = "site") -> Path:
    """A copy of the example site (site.yml and content/) at ``root/name``, to edit."""
    site = root / name
    site.mkdir()
    shutil.copy2(REPO / "site.yml", site / "site.yml")
    shutil.copytree(REPO / "content", site / "content")
    return site


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")


@pytest.fixture
def make_site(tmp_path: Path) -> SiteFactory:
    """make_site({"content/about.md": "...", ...}, site_yml=...) -> the site folder.

    Paths are relative to the site folder; a minimal site.yml and home page are added
    unless given.
    """
    counter = {"n": 0}

    def factory(files: dict[str, str | bytes] | None = None, *,
                site_yml: str | None = None, home: bool = True) -> Path:
        counter["n"] += 1
        root = tmp_path / f"site{counter['n']}"
        root.mkdir()
        all_files: dict[str, str | bytes] = {"site.yml": site_yml or MINIMAL_SITE_YML}
        if home:
            all_files["content/index.md"] = "---\ntitle: Home\n---\nWelcome.\n"
        all_files.update(files or {})
        write_files(root, all_files)
        return root

    return factory


@pytest.fixture
def build_site_at() -> Callable[..., BuildResult]:
    """Build a site folder with the fixed test date (no search index unless search=True)."""

    def run(site_dir: Path, **kwargs: object) -> BuildResult:
        kwargs.setdefault("today", TODAY)
        kwargs.setdefault("search", False)
        return build(site_dir, **kwargs)  # type: ignore[arg-type]

    return run
