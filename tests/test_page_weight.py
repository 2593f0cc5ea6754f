"""The home page stays light for phones on poor connections: HTML + CSS + JS it loads."""

from __future__ import annotations

from htmltools import parse_html
from public_site import BASE_PATH, example_build

BUDGET_BYTES = 40_000
"""HTML, stylesheets and scripts of the home page, uncompressed (images not counted)."""


def test_home_page_weight_is_within_budget() -> None:
    example = example_build()
    home = example.out / "index.html"
    tree = parse_html(home.read_bytes())
    assets = [e.attrs["href"] for e in tree.find_all("link", rel="stylesheet")] + \
        [e.attrs["src"] for e in tree.find_all("script") if "src" in e.attrs]
    sizes = {"index.html": home.stat().st_size}
    for url in assets:
        assert url.startswith(BASE_PATH), url
        sizes[url] = (example.out / url.removeprefix(BASE_PATH)).stat().st_size
    total = sum(sizes.values())
    print(f"\nhome page weight: {total} bytes ({sizes})")
    assert total <= BUDGET_BYTES, sizes
