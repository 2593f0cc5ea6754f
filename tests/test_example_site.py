"""End to end: the repository's own example site builds cleanly and reads correctly."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import REPO, TODAY
from htmltools import parse_html

from generator.build import BuildResult, build

UNPUBLISHED_MARKERS = [b"DRAFT-PLAN-2028-MARKER", b"EMBARGOED-PRECEPT-2027-MARKER",
                       b"police-and-crime-plan-2028", b"precept-proposal-2027"]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, Path]:
    out = tmp_path_factory.mktemp("example") / "_site"
    result = build(REPO, out, today=TODAY)
    return result, out


def test_example_site_builds_without_errors(example: tuple[BuildResult, Path]) -> None:
    result, out = example
    assert [str(p) for p in result.errors] == []
    assert result.written and (out / "index.html").is_file()


def test_every_page_has_one_h1_and_a_title(example: tuple[BuildResult, Path]) -> None:
    _, out = example
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        tree = parse_html(page.read_bytes())
        assert len(tree.find_all("h1")) == 1, page
        assert tree.find("title").text, page


def test_internal_links_resolve_to_output_files(example: tuple[BuildResult, Path]) -> None:
    _, out = example
    broken = []
    for page in sorted(out.rglob("*.html")):
        for element in parse_html(page.read_bytes()).iter():
            for attr in ("href", "src"):
                value = element.attrs.get(attr, "")
                if not value.startswith("/"):
                    continue
                path = urlsplit(value).path
                target = out / path.lstrip("/")
                if path.endswith("/"):
                    target = target / "index.html"
                if not target.is_file():
                    broken.append((page.relative_to(out).as_posix(), value))
    assert broken == []


def test_unpublished_content_is_absent_from_every_byte(example: tuple[BuildResult, Path]) -> None:
    _, out = example
    for path in out.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for marker in UNPUBLISHED_MARKERS:
                assert marker not in data, (path, marker)
